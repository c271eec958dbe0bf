"""Finding embeddable fonts and turning user text into safe, font-tagged Paragraph markup.

Every font the report uses is a TrueType font embedded as a subset: the built-in CID fonts
(STSong-Light, MSung-Light) are never used because they are not embedded and MSung-Light is
broken in reportlab 5.1. Lookup order for the Chinese roles: the font chosen in settings →
system CJK TrueType fonts (Windows 仿宋/宋体/黑体/楷体; fontconfig ``:lang=zh`` elsewhere) → the
bundled Droid Sans Fallback. Fonts reportlab refuses (PostScript outlines, no-embedding
licence bits) are skipped; the refusal is reported when the font was chosen in settings or is
the typeface GB/T 9704 names for a role. Roles set in a stand-in for their typeface are
reported once, in one line (``stand_in_report``).

The bundled CJK font has no Latin letters, digits or typographic dashes, so each text is cut
into runs, each run set in the first font that has its glyphs (the role's font, then reportlab's
own Bitstream Vera, then further system fonts, quietly: the character prints as written). A
mark no font can draw is printed as its lookalike (〈 as ＜) or else as ``[U+XXXXX]``, and
reported with its code point, instead of becoming a tofu box or vanishing. A character past
U+FFFF that some font draws (😀) is printed and copies as itself (``_to_unicode_cmap``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from checklist_app.core.glyphs import LOOKALIKES, mark_name
from checklist_app.i18n import N_, _
from checklist_app.resources import resource_path

BUNDLED_FONT = "DroidSansFallbackFull.ttf"
_MAX_FONTCONFIG_LOOKUPS = 40
_REPORTLAB_TO_UNICODE = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters past U+FFFF written in UTF-16 as PDF
    wants: reportlab writes them as five hex digits, which readers take for another
    character (😀 U+1F600 copied or found as ὠ U+1F60)."""
    cmap = _REPORTLAB_TO_UNICODE(fontname, subset)
    for code, char in enumerate(subset):
        if char > 0xFFFF:
            utf16 = chr(char).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"\n<{code:02X}> <{char:04X}>\n", f"\n<{code:02X}> <{utf16}>\n")
    return cmap


# Looked up at each save: every report gets it. Written against reportlab 5.1.0, where the
# CMap lines read "<code> <codepoint>"; a later release that writes UTF-16 itself leaves
# nothing to replace, and tests/report/test_walkthrough.py checks the text of 😀 either way.
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class FontRole(StrEnum):
    """The typefaces GB/T 9704 names for each kind of text."""

    BODY = "fangsong"  # 仿宋: body text, level-3 headings (bold)
    HEADING = "heiti"  # 黑体: level-1 headings, annex labels
    KAI = "kaiti"  # 楷体: level-2 headings
    SONG = "songti"  # 宋体: page numbers, tables
    TITLE = "xiaobiaosong"  # 小标宋: the title


# Family-name fragments that identify each kind of face in fontconfig output and font files.
_KIND_KEYWORDS: dict[FontRole, tuple[str, ...]] = {
    FontRole.BODY: ("fangsong", "仿宋", "simfang"),
    FontRole.HEADING: ("heiti", "黑体", "simhei", "hei", "sans"),
    FontRole.KAI: ("kaiti", "楷体", "kai"),
    FontRole.SONG: ("songti", "宋体", "simsun", "song", "serif", "ming"),  # 明体 is 宋体
    FontRole.TITLE: ("xiaobiaosong", "小标宋", "fzxbs"),
}
# The kinds of face tried for a role, best first, as on Windows (仿宋 → 宋体): a 仿宋 body
# set in the machine's first Chinese font (a 楷体, by file name) read as the 楷体 headings.
_ROLE_KINDS: dict[FontRole, tuple[FontRole, ...]] = {
    FontRole.BODY: (FontRole.BODY, FontRole.SONG),
    FontRole.HEADING: (FontRole.HEADING, FontRole.SONG),
    FontRole.KAI: (FontRole.KAI, FontRole.BODY, FontRole.SONG),
    FontRole.SONG: (FontRole.SONG, FontRole.BODY),
    FontRole.TITLE: (FontRole.TITLE, FontRole.SONG, FontRole.HEADING),
}


def _kind_rank(kind: FontRole, file: str, family: str) -> int | None:
    """Which of the kind's keywords the font's family or file name holds first (a lower
    rank is a surer match), None when it is no face of that kind (FangSong holds "song" but
    is no 宋体)."""
    name = f"{family} {Path(file).name}".lower()
    if kind is FontRole.SONG and (_kind_rank(FontRole.BODY, file, family) is not None
                                  or "sans" in name):
        return None
    return next((rank for rank, keyword in enumerate(_KIND_KEYWORDS[kind]) if keyword in name),
                None)


# The role's own typeface (family or file name fragments): anything else is a stand-in,
# and stand-ins are reported.
_ROLE_OWN_NAMES: dict[FontRole, tuple[str, ...]] = {
    FontRole.BODY: ("fangsong", "仿宋", "simfang"),
    FontRole.HEADING: ("heiti", "黑体", "simhei"),
    FontRole.KAI: ("kaiti", "楷体", "simkai"),
    FontRole.SONG: ("songti", "宋体", "simsun"),
    FontRole.TITLE: ("xiaobiaosong", "小标宋", "fzxbs"),
}

# The names GB/T 9704 gives the typefaces, for messages in the user's language.
ROLE_NAMES: dict[FontRole, str] = {
    FontRole.BODY: N_("FangSong"),
    FontRole.HEADING: N_("HeiTi"),
    FontRole.KAI: N_("KaiTi"),
    FontRole.SONG: N_("SongTi"),
    FontRole.TITLE: N_("XiaoBiaoSong"),
}


def role_name(role: FontRole) -> str:
    """仿宋, 黑体, 楷体, 宋体, 小标宋 (FangSong … in English)."""
    return _(ROLE_NAMES[role])


def is_own_typeface(role: FontRole, path: str, family: str) -> bool:
    """Whether the font is the typeface GB/T 9704 names for ``role``, not a stand-in."""
    names = f"{family} {Path(path).name}".lower()
    return any(own in names for own in _ROLE_OWN_NAMES[role])


# Windows file names per role, best first: (file, subfont index).
_WINDOWS_FILES: dict[FontRole, tuple[tuple[str, int], ...]] = {
    FontRole.BODY: (("simfang.ttf", 0), ("simsun.ttc", 0)),
    FontRole.HEADING: (("simhei.ttf", 0), ("msyh.ttc", 0), ("simsun.ttc", 0)),
    FontRole.KAI: (("simkai.ttf", 0), ("simfang.ttf", 0), ("simsun.ttc", 0)),
    FontRole.SONG: (("simsun.ttc", 0), ("simfang.ttf", 0)),
    FontRole.TITLE: (("FZXBSJW.TTF", 0), ("simsun.ttc", 0), ("simhei.ttf", 0)),
}
# Extra Windows fonts for rare characters (CJK Extension B) and symbols.
_WINDOWS_EXTRA = (("simsunb.ttf", 0), ("seguisym.ttf", 0), ("arial.ttf", 0))


@dataclass(frozen=True, slots=True)
class FontFace:
    """One registered, embeddable TrueType font."""

    name: str  # the name registered with reportlab
    path: str
    subfont: int
    family: str
    codepoints: frozenset[int] = field(repr=False, compare=False, default=frozenset())

    def has(self, char: str) -> bool:
        return ord(char) in self.codepoints


# What reading a font file may raise: a truncated file ends in struct.error or IndexError
# deep in reportlab's parser, as well as its own TTFError.
FONT_ERRORS = (TTFError, OSError, ValueError, KeyError, IndexError, struct.error)


def _register(path: str | os.PathLike[str], subfont: int = 0) -> FontFace:
    """Register a TrueType font; raises TTFError when reportlab cannot embed it."""
    path = str(path)
    digest = hashlib.sha1(f"{os.path.abspath(path)}#{subfont}".encode()).hexdigest()[:8]
    name = f"{Path(path).stem[:24]}-{subfont}-{digest}"
    font = _load(path, subfont, name)
    return FontFace(
        name=name,
        path=path,
        subfont=subfont,
        family=font.face.familyName.decode("latin-1", "replace")
        if isinstance(font.face.familyName, bytes)
        else str(font.face.familyName),
        codepoints=frozenset(font.face.charToGlyph),
    )


@lru_cache(maxsize=64)
def _load(path: str, subfont: int, name: str) -> TTFont:
    if name in pdfmetrics.getRegisteredFontNames():
        return pdfmetrics.getFont(name)
    font = TTFont(name, path, subfontIndex=subfont)
    pdfmetrics.registerFont(font)
    return font


def _try_register(path: str | os.PathLike[str], subfont: int, notes: list[str]) -> FontFace | None:
    if not Path(path).is_file():
        notes.append(_("Font file {path} was not found (moved or deleted?); skipped").format(
            path=path))
        return None
    try:
        return _register(path, subfont)
    except FONT_ERRORS:
        notes.append(_("Font {path} cannot be embedded in a PDF (not a TrueType font, or its "
                       "licence forbids embedding); skipped").format(path=path))
        return None


def windows_font_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


@lru_cache(maxsize=1)
def _fontconfig_zh() -> tuple[tuple[str, int, str], ...]:
    """(file, index, family) of every font fontconfig says supports Chinese."""
    return _fc_list(":lang=zh")


def _fc_list(pattern: str) -> tuple[tuple[str, int, str], ...]:
    if shutil.which("fc-list") is None:
        return ()
    try:
        output = subprocess.run(
            ["fc-list", pattern, "file", "index", "family"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found = []
    for line in output.splitlines():
        file, _sep, rest = line.partition(": ")
        family, index = "", 0
        for part in rest.split(":"):
            if part.startswith("index="):
                index = int(part[6:] or 0)
            elif part.startswith("family="):
                family = part[7:]
        if file.lower().endswith((".ttf", ".ttc", ".otf")):
            found.append((file, index, family))
    return tuple(sorted(found, key=_plain_first))


def _plain_first(entry: tuple[str, int, str]) -> tuple[bool, bool, str, int]:
    """Regular text faces before bold, italic, condensed or math ones; in a collection, the
    mainland (CN, SC) face before the Taiwan and Hong Kong ones; then by file and index.

    For → (U+2192) fontconfig lists DejaVu Math TeX Gyre first by file name; the arrow is
    text here (状态：未启动 → 已完成), so DejaVu Sans should draw it. fontconfig lists the
    faces of a collection in no fixed order: AR PL UKai TW MBE came first on one machine,
    with traditional glyph shapes and other Latin widths than AR PL UKai CN.
    """
    file, index, family = entry
    name = Path(file).stem.lower()
    styled = any(s in name for s in ("bold", "italic", "oblique", "light", "condensed", "mono",
                                     "math"))
    return styled, _is_regional(family), file, index


def _is_regional(family: str) -> bool:
    """Whether a family name marks a Taiwan, Hong Kong, Macau, Japanese or Korean face."""
    words = family.replace(",", " ").upper().split()
    return any(word in ("TW", "HK", "MO", "TC", "JP", "KR", "MBE") for word in words)


def windows_font_dirs() -> list[Path]:
    """The system's font folder, then the user's own: fonts installed "for me only" (the
    default for a user who is not an administrator) go there, 方正小标宋 often among them."""
    folders = [windows_font_dir()]
    if local := os.environ.get("LOCALAPPDATA"):
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return folders


def _windows_named(role: FontRole) -> list[tuple[Path, int]]:
    """Font files in the Windows font folders named after the role's own typeface
    (仿宋_GB2312.ttf, 方正小标宋简体.ttf, FZXBSJW.TTF), regular faces first."""
    found: list[Path] = []
    for folder in windows_font_dirs():
        with contextlib.suppress(OSError):
            found += [path for path in folder.iterdir()
                      if path.suffix.lower() in (".ttf", ".ttc", ".otf")
                      and any(own in path.name.lower() for own in _ROLE_OWN_NAMES[role])]
    return [(path, 0) for path in sorted(found, key=lambda p: _plain_first((str(p), 0, "")))]


def _windows_candidates(role: FontRole) -> Iterator[tuple[str, int, str]]:
    """The role's own typeface (the usual file names, then any file named after it) in
    either font folder, then the usual stand-ins."""
    listed = [(folder / file, index) for file, index in _WINDOWS_FILES[role]
              for folder in windows_font_dirs()]
    own = [(path, index) for path, index in listed if is_own_typeface(role, str(path), "")]
    seen: set[str] = set()
    for path, index in [*own, *_windows_named(role), *listed]:
        if str(path).casefold() not in seen and path.is_file():
            seen.add(str(path).casefold())
            yield str(path), index, ""


def _system_candidates(role: FontRole) -> Iterator[tuple[str, int, str]]:
    """(file, index, family) to try for ``role``, best first."""
    if sys.platform == "win32":
        yield from _windows_candidates(role)
        return
    fonts = _fontconfig_zh()
    for kind in _ROLE_KINDS[role]:
        ranked = [(rank, font) for font in fonts
                  if (rank := _kind_rank(kind, font[0], font[2])) is not None]
        yield from (font for _rank, font in sorted(ranked, key=lambda pair: pair[0]))
    # then any, a 楷体 last but for its own role: it reads as the 楷体 headings
    yield from sorted(fonts, key=lambda font: role is not FontRole.KAI
                      and _kind_rank(FontRole.KAI, font[0], font[2]) is not None)


def bundled_font_path() -> Path:
    return resource_path("fonts", BUNDLED_FONT)


def vera_path() -> Path:
    return Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


@dataclass(slots=True)
class FontSet:
    """The fonts of one report: one face per role plus fallbacks for other characters."""

    roles: dict[FontRole, FontFace]
    fallbacks: list[FontFace]
    notes: list[str] = field(default_factory=list)  # refusals and added fonts, for the user
    stand_ins: dict[FontRole, FontFace] = field(default_factory=dict)  # roles not in their own
    missing: dict[str, int] = field(default_factory=dict)  # undrawable character → count
    substituted: dict[str, str] = field(default_factory=dict)  # character → its stand-in
    _fc_lookups: int = 0
    _fc_tried: set[str] = field(default_factory=set)

    def face(self, role: FontRole) -> FontFace:
        return self.roles[role]

    def name(self, role: FontRole) -> str:
        return self.roles[role].name

    @property
    def latin(self) -> FontFace:
        return self.fallbacks[0]

    def _font_for(self, char: str, primary: FontFace) -> FontFace | None:
        if primary.has(char):
            return primary
        for face in self.fallbacks:
            if face.has(char):
                return face
        if self._add_fontconfig_fallback(char):
            return self._font_for(char, primary)
        return None

    def _add_fontconfig_fallback(self, char: str) -> bool:
        """Ask fontconfig for a font covering ``char``; a few lookups per report at most."""
        if self._fc_lookups >= _MAX_FONTCONFIG_LOOKUPS or char in self._fc_tried:
            return False
        self._fc_tried.add(char)
        self._fc_lookups += 1
        known = {(f.path, f.subfont) for f in self.fallbacks}
        for file, index, _family in _fc_list(f":charset={ord(char):x}")[:4]:
            if (file, index) in known:
                continue
            face = _try_register(file, index, [])
            if face is not None and face.has(char):
                self.fallbacks.append(face)  # prints the character as written: no note
                return True
        return False

    def runs(self, text: str, role: FontRole = FontRole.BODY) -> list[tuple[FontFace, str]]:
        """Cut ``text`` into (font, text) runs; undrawable characters become ``[U+XXXX]``, a
        tab a full-width space (typed as a gap, it is not dropped as other controls are)."""
        primary = self.roles[role]
        runs: list[tuple[FontFace, str]] = []
        for char in text.replace("\t", "\u3000"):
            if char == "\n" or unicodedata.category(char) in ("Cf", "Cc", "Mn"):
                if char == "\n":
                    runs.append((primary, "\n"))
                elif unicodedata.category(char) == "Mn" and not primary.has(char):
                    self.missing[char] = self.missing.get(char, 0) + 1
                continue  # zero-width joiners, variation selectors: nothing to draw
            face = self._font_for(char, primary)
            if face is None:
                self._add_substitute(runs, char, primary)
            else:
                _append(runs, face, char)
        return runs

    def _add_substitute(
        self, runs: list[tuple[FontFace, str]], char: str, primary: FontFace
    ) -> None:
        for stand_in in LOOKALIKES.get(char, ()):
            faces = [self._font_for(c, primary) for c in stand_in]
            if all(faces):
                self.substituted[char] = stand_in
                for face, c in zip(faces, stand_in, strict=True):
                    _append(runs, face, c)  # type: ignore[arg-type]
                return
        self.missing[char] = self.missing.get(char, 0) + 1
        _append(runs, self.latin, f"[U+{ord(char):04X}]")

    def markup(self, text: str, role: FontRole = FontRole.BODY) -> str:
        """Escaped Paragraph markup for user text, each run tagged with its font."""
        primary = self.roles[role]
        parts = []
        for face, chunk in self.runs(str(text), role):
            if chunk == "\n":
                parts.append("<br/>")
            elif face is primary:
                parts.append(escape(chunk))
            else:
                parts.append(f'<font face="{face.name}">{escape(chunk)}</font>')
        return "".join(parts)

    def string_width(self, text: str, size: float, role: FontRole = FontRole.BODY) -> float:
        return sum(
            pdfmetrics.stringWidth(chunk, face.name, size)
            for face, chunk in self.runs(text, role)
            if chunk != "\n"
        )

    def stand_in_report(self, *, from_command_line: bool = False) -> str:
        """One line: which roles are set in which other font; empty when none is. The remedy
        names the app's Settings, and ``--font`` too for a report made on the command line
        (in the window, the option only wrapped after its dashes)."""
        if not self.stand_ins:
            return ""
        by_family: dict[str, list[str]] = {}
        for role, face in self.stand_ins.items():
            by_family.setdefault(font_label(face), []).append(role_name(role))
        # Translators: between typeface names, "仿宋、黑体".
        names = _(", ")
        # Translators: between "仿宋、黑体暂用 X" groups in one line.
        separator = _("; ")
        groups = separator.join(_("{typefaces} set in {family}").format(
            typefaces=names.join(roles), family=family) for family, roles in by_family.items())
        if from_command_line:
            return _("This computer lacks typefaces GB/T 9704 names ({groups}). Before the "
                     "report is issued, install them or choose a report font (in the app's "
                     "Settings, or --font on the command line), and generate it again.").format(
                groups=groups)
        return _("This computer lacks typefaces GB/T 9704 names ({groups}). Before the report "
                 "is issued, install them or choose a report font in Settings, and generate it "
                 "again.").format(groups=groups)

    def missing_report(self) -> list[str]:
        """Lines for the user about characters printed differently from the text."""
        lines = []
        if self.substituted:
            # named in words, with the code point: the screen may lack the very mark and show
            # its stand-in (a message "＜ printed as ＜")
            pairs = _("; ").join(
                _("{char} (U+{code}) as {stand_in}").format(
                    char=mark_name(c), code=f"{ord(c):04X}", stand_in=s)
                for c, s in sorted(self.substituted.items()))
            lines.append(_("No font here has these marks; printed in their place: "
                           "{pairs}").format(pairs=pairs))
        if self.missing:
            chars = " ".join(f"U+{ord(c):04X}" for c in sorted(self.missing))
            lines.append(_("No available font can draw these characters (printed as [U+…]): "
                           "{chars}").format(chars=chars))
        return lines


def font_label(face: FontFace) -> str:
    """The font's family as staff should read it: "the bundled font" for the bundled one."""
    return _("the bundled font") if Path(face.path).name == BUNDLED_FONT else face.family


def _append(runs: list[tuple[FontFace, str]], face: FontFace, text: str) -> None:
    if runs and runs[-1][0] is face and runs[-1][1] != "\n":
        runs[-1] = (face, runs[-1][1] + text)
    else:
        runs.append((face, text))


def _choose_role(
    role: FontRole, preferred: FontFace | None, bundled: FontFace | None, notes: list[str]
) -> FontFace:
    if preferred is not None:
        return preferred
    for path, index, family in _system_candidates(role):
        # A refused font is worth a note only when it is the typeface GB/T 9704 names.
        refusals: list[str] = []
        face = _try_register(path, index, refusals)
        if face is not None:
            return face
        if is_own_typeface(role, path, family):
            notes.extend(refusals)
    if bundled is None:
        raise RuntimeError(_("No embeddable Chinese font found, not even the bundled one"))
    return bundled


def _extra_fallbacks(notes: list[str]) -> Iterable[FontFace]:
    latin = _try_register(vera_path(), 0, notes)
    if latin is not None:
        yield latin
    if sys.platform == "win32":
        for file, index in _WINDOWS_EXTRA:
            path = windows_font_dir() / file
            if path.exists() and (face := _try_register(path, index, [])) is not None:
                yield face


def font_refusal(spec: str | os.PathLike[str]) -> str | None:
    """Why the font file ``spec`` (``path`` or ``path#index``) cannot be used; None when
    it can (a font asked for by name on the command line is refused, not skipped)."""
    path, _sep, index = str(spec).partition("#")
    if index and not index.isdigit():
        return _("{spec}: the part after # is the number of a font in a collection (0, 1 …)"
                 ).format(spec=spec)
    if Path(path).is_dir():
        return _("{path} is a folder: give a font file in it (.ttf or .ttc).").format(path=path)
    if Path(path).exists() and not Path(path).is_file():
        return _("{path} is no font file (.ttf or .ttc).").format(path=path)
    if not Path(path).is_file():
        return _("Font file {path} was not found (moved or deleted?).").format(path=path)
    if int(index or 0) > 0 and _signature(path) in SINGLE_FONT_SIGNATURES:
        return _("{path} holds one font, not a collection: leave out #{index}.").format(
            path=path, index=index)
    try:
        _register(path, int(index or 0))
    except FONT_ERRORS:
        return _("Font {path} cannot be embedded in a PDF (not a TrueType font, or its "
                 "licence forbids embedding).").format(path=path)
    return None


SINGLE_FONT_SIGNATURES = (b"\x00\x01\x00\x00", b"true", b"OTTO")  # TrueType, OpenType


def _signature(path: str) -> bytes:
    """The first four bytes of ``path``, which say what kind of font file it is, if any."""
    try:
        with open(path, "rb") as font:
            return font.read(4)
    except OSError:
        return b""


def find_fonts(preferred: str | os.PathLike[str] | None = None) -> FontSet:
    """Choose the report's fonts; ``preferred`` is a font file chosen in the settings.

    A preferred font may be given as ``path`` or ``path#index`` for a TrueType collection.
    """
    notes: list[str] = []
    chosen: FontFace | None = None
    if preferred:
        path, _sep, index = str(preferred).partition("#")
        chosen = _try_register(path, int(index or 0), notes)
    bundled = _try_register(bundled_font_path(), 0, notes)
    roles = {role: _choose_role(role, chosen, bundled, notes) for role in FontRole}
    fallbacks = list(_extra_fallbacks(notes))
    if bundled is not None and all(bundled != f for f in roles.values()):
        fallbacks.append(bundled)
    stand_ins = {} if chosen is not None else {
        role: face for role, face in roles.items()
        if not is_own_typeface(role, face.path, face.family)
    }  # a font chosen in the settings is the user's choice, not a stand-in
    return FontSet(roles=roles, fallbacks=fallbacks, notes=notes, stand_ins=stand_ins)
