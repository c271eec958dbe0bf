"""File sizes as limits are worded: in MiB to a tenth, rounded up."""

from __future__ import annotations


def mib_rounded_up(size: int) -> str:
    """``size`` bytes in MiB to a tenth, rounded up: a file just over a limit does not read
    as the limit itself (2048 MiB, more than the 2048 MiB allowed)."""
    tenths = -(-size * 10 // (1 << 20))
    return f"{tenths // 10}.{tenths % 10}"
