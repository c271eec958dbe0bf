"""The Word copy's font table: the GB/T 9704 typefaces described, so that a machine without
one of them (仿宋_GB2312 is not on a stock Windows 10) gets the nearest it has.

Word and WPS record each font a document uses with its PANOSE class, character set and
other names; with none of that a missing 仿宋_GB2312 was shown in the default East Asian
font (宋体 or 等线). Described as the Windows fonts describe themselves, a missing font is
matched to 仿宋, 楷体 or 宋体, as the PDF's font search falls back (``report/fonts.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

GB2312_CHARSET = "86"


@dataclass(frozen=True, slots=True)
class FontEntry:
    """One ``w:font`` of the table: its name, the others it goes by and its PANOSE class."""

    name: str
    other_names: str  # comma-separated, as w:altName takes them
    panose: str
    fixed_pitch: bool = True

    def xml(self) -> str:
        family = "modern" if self.fixed_pitch else "auto"
        pitch = "fixed" if self.fixed_pitch else "variable"
        return (f'<w:font {nsdecls("w")} w:name={quoteattr(self.name)}>'
                f'<w:altName w:val={quoteattr(self.other_names)}/>'
                f'<w:panose1 w:val="{self.panose}"/><w:charset w:val="{GB2312_CHARSET}"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')


FANGSONG_PANOSE = "02010609030101010101"  # 仿宋 and 楷体 alike, as Windows gives them
GBT9704_FONTS = (
    FontEntry("仿宋_GB2312", "仿宋,FangSong", FANGSONG_PANOSE),
    FontEntry("楷体_GB2312", "楷体,KaiTi", FANGSONG_PANOSE),
    FontEntry("黑体", "SimHei", "02010609060101010101"),
    FontEntry("宋体", "SimSun", "02010600030101010101", fixed_pitch=False),
    FontEntry("方正小标宋简体", "方正小标宋_GBK,宋体,SimSun", "02000000000000000000",
              fixed_pitch=False),
)


def describe_fonts(doc: Document, entries: tuple[FontEntry, ...] = GBT9704_FONTS) -> None:
    """Add ``entries`` to the document's font table, where it does not list them yet."""
    part = doc.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    table = parse_xml(part.blob)
    listed = {font.get(qn("w:name")) for font in table.iterchildren(qn("w:font"))}
    for entry in entries:
        if entry.name not in listed:
            table.append(parse_xml(entry.xml()))
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
