"""Text the system handed over as it could: a file name or a command-line argument whose bytes
were not UTF-8.

Python keeps such bytes as lone surrogates (a GBK-named file unpacked from a zip made on
Windows, on a UTF-8 Linux desktop), which cannot be stored or printed. They are read as the
GB18030 they most likely are, else replaced by �, so that the name is kept and can be shown.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata

_SURROGATE = re.compile("[\ud800-\udfff]")
# the bytes Python could not decode, with the two-byte characters GBK bytes made by chance
_ESCAPED_BYTES = re.compile("[\u0080-\u07ff]*[\udc80-\udcff][\u0080-\u07ff\udc80-\udcff]*")


def readable(text: str) -> str:
    """``text`` with bytes that were not UTF-8 read as the GB18030 they most likely are,
    else replaced by �: the whole name as GB18030 when it reads so (GBK bytes also make
    UTF-8 characters by chance, 报告 among them), else each run of stray bytes."""
    if not _SURROGATE.search(text):
        return text
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        return _bytes_of(text).decode("gb18030")
    text = _ESCAPED_BYTES.sub(lambda run: _decoded(_bytes_of(run.group())), text)
    return _SURROGATE.sub("\ufffd", text)  # a surrogate standing for no byte


def _bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _decoded(raw: bytes) -> str:
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


# control, format (bidi overrides), surrogate and line/paragraph separator characters
HIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")


def printable(text: str) -> str:
    """Control, format (bidi overrides) and separator characters shown as ``\\uXXXX``: a
    file name with a right-to-left override or a line break in it reads as it is in a
    message, not reversed (evil\\u202efdp.exe passing for a .pdf) or split."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in HIDDEN_CATEGORIES else c
                   for c in text)


def one_line(text: str) -> str:
    """Free text (a file's description) shown on one line: its line breaks and runs of
    spaces one space, its hidden characters written out (:func:`printable`)."""
    return printable(" ".join(text.split()))


def without_hidden(text: str) -> str:
    """``text`` with its hidden characters taken out (a bidi override, a zero-width space, a
    control character); line breaks and tabs become spaces."""
    return "".join(" " if c in "\t\n\r" or unicodedata.category(c) in ("Zl", "Zp") else c
                   for c in text
                   if c in "\t\n\r" or unicodedata.category(c) not in HIDDEN_CATEGORIES
                   or unicodedata.category(c) in ("Zl", "Zp"))
