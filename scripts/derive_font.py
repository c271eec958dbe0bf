#!/usr/bin/env python3
"""Add the single angle brackets 〈〉 (U+3008, U+3009) to the bundled Droid Sans Fallback.

GB/T 15834 nests a title within a title as 《…〈…〉…》, and the policy documents' titles do
(《关于贯彻〈国家标准化发展纲要〉的实施意见》). Droid Sans Fallback has 《》 but not 〈〉, so on a
machine without another embeddable CJK font the report printed 《…《…》…》. Each double
bracket is drawn as two strokes (two contours); a single bracket is one of them, centred where
the pair stands, with the same advance width.

Run once by a maintainer (it needs fontTools, which the app does not), from the repository
root; a font that already has the brackets is left as it is::

    python scripts/derive_font.py resources/fonts/DroidSansFallbackFull.ttf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SINGLE_OF_DOUBLE = {0x3008: 0x300A, 0x3009: 0x300B}  # 〈 from 《, 〉 from 》


def add_single_brackets(path: Path) -> bool:
    """Add 〈〉 to the font at ``path``; False when it has them already."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    cmap = font.getBestCmap()
    if all(code in cmap for code in SINGLE_OF_DOUBLE):
        return False
    font.ensureDecompiled()  # every table read now, so that each counts the new glyphs
    for single, double in SINGLE_OF_DOUBLE.items():
        name = f"uni{single:04X}"
        _add_glyph(font, name, cmap[double])
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[single] = name
    font.save(str(path))
    return True


def _add_glyph(font, name: str, double: str) -> None:  # type: ignore[no-untyped-def]
    """Glyph ``name``: the first stroke of the glyph ``double``, centred on the pair."""
    from fontTools.ttLib.tables import ttProgram
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates

    glyf, hmtx = font["glyf"], font["hmtx"]
    source = glyf[double]
    coordinates, ends, flags = source.getCoordinates(glyf)
    if len(ends) != 2:
        raise SystemExit(f"{double} has {len(ends)} strokes, not two: nothing was changed")
    stroke = list(coordinates)[: ends[0] + 1]
    pair = [x for x, _y in coordinates]
    own = [x for x, _y in stroke]
    shift = round((min(pair) + max(pair)) / 2 - (min(own) + max(own)) / 2)
    glyph = Glyph()
    glyph.numberOfContours = 1
    glyph.coordinates = GlyphCoordinates([(x + shift, y) for x, y in stroke])
    glyph.flags = bytearray(flags[: ends[0] + 1])
    glyph.endPtsOfContours = [len(stroke) - 1]
    glyph.program = ttProgram.Program()
    glyph.program.fromBytecode(b"")
    glyf[name] = glyph
    glyph.recalcBounds(glyf)
    advance, _lsb = hmtx[double]
    hmtx[name] = (advance, glyph.xMin)
    if "vmtx" in font:  # vertical metrics: one per glyph too, as vhea counts them
        font["vmtx"][name] = font["vmtx"][double]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("font", type=Path)
    path = parser.parse_args(argv).font
    print(f"{path}: 〈〉 added" if add_single_brackets(path) else f"{path}: has 〈〉 already")
    return 0


if __name__ == "__main__":
    sys.exit(main())
