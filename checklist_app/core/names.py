"""Text the system handed over as it could: a file name or a command-line argument whose bytes
were not UTF-8.

Python keeps such bytes as lone surrogates (a GBK-named file unpacked from a zip made on
Windows, on a UTF-8 Linux desktop), which cannot be stored or printed. They are read as the
GB18030 they most likely are, else replaced by �, so that the name is kept and can be shown.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(text: str) -> str:
    """``text`` with bytes that were not UTF-8 decoded as GB18030, else replaced by �."""
    if not _SURROGATE.search(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return _SURROGATE.sub("\ufffd", text)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
