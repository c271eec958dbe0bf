"""Text the system handed over as it could: a file name or a command-line argument whose bytes
were not UTF-8.

Python keeps such bytes as lone surrogates (a GBK-named file unpacked from a zip made on
Windows, on a UTF-8 Linux desktop), which cannot be stored or printed. They are read as the
GB18030 they most likely are, else replaced by �, so that the name is kept and can be shown.
"""

from __future__ import annotations

import contextlib
import re

_SURROGATE = re.compile("[\ud800-\udfff]")
# the bytes Python could not decode, with the two-byte characters GBK bytes made by chance
_ESCAPED_BYTES = re.compile("[\u0080-\u07ff]*[\udc80-\udcff][\u0080-\u07ff\udc80-\udcff]*")
# Characters of three UTF-8 bytes or more (CJK): a name partly UTF-8 indeed. GBK bytes read as
# UTF-8 by chance make characters of two bytes (说 cb b5 reads ˵), never these in practice.
_REAL_UTF8 = re.compile("[\u0800-\ud7ff\ue000-\uffff]")


def readable(text: str) -> str:
    """``text`` with bytes that were not UTF-8 read as the GB18030 they most likely are,
    else replaced by �: the whole name when nothing else in it was UTF-8, only the bytes in
    question when some was (佐证_扫描件.pdf, renamed in part)."""
    if not _SURROGATE.search(text):
        return text
    if _REAL_UTF8.search(_SURROGATE.sub("", text)):
        text = _ESCAPED_BYTES.sub(lambda run: _decoded(_bytes_of(run.group())), text)
    else:
        with contextlib.suppress(UnicodeEncodeError):  # a surrogate standing for no byte
            text = _decoded(_bytes_of(text))
    return _SURROGATE.sub("\ufffd", text)


def _bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _decoded(raw: bytes) -> str:
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
