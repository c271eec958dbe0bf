#!/usr/bin/env python3
"""Message catalogs of checklist_app: extract → translate → compile → check.

Standard library only; run it with the project's interpreter from the repository root::

    .venv/bin/python scripts/translations.py extract   # source → .pot → merged into each .po
    .venv/bin/python scripts/translations.py compile   # each .po → .mo (committed)
    .venv/bin/python scripts/translations.py check     # non-zero if a .mo is stale or a
                                                       # translation lost a placeholder

``extract`` reads ``checklist_app/**/*.py`` with :mod:`ast` and collects the literal string
arguments of ``_()``, ``N_()`` and ``ngettext()`` (singular and plural). Calls whose argument is
not a plain literal (f-strings, concatenation with variables, ``.format()`` inside the call) can
never be found in a catalog; they are reported on stderr. The ``.mo`` writer follows the GNU
format like CPython's ``Tools/i18n/msgfmt.py``. See docs/TRANSLATIONS.md.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import re
import string
import struct
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "checklist_app"
DOMAIN = "checklist_app"
TRANSLATIONS = ROOT / "resources" / "translations"
POT_PATH = TRANSLATIONS / f"{DOMAIN}.pot"
DEFAULT_LANGUAGES = ("zh_CN",)
PLURAL_FORMS = {"zh_CN": "nplurals=1; plural=0;"}
LANGUAGE_TEAMS = {"zh_CN": "Chinese (simplified)"}
KEYWORDS = {"_": 1, "N_": 1, "ngettext": 2}  # function name → number of msgid arguments


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


# --------------------------------------------------------------------------------------------
# Catalog model


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural[i] for i in sorted(self.msgstr_plural)]

    @property
    def translated(self) -> bool:
        values = self.translations()
        return bool(values) and all(values) and not self.fuzzy


@dataclass
class Catalog:
    header: Entry
    entries: list[Entry]

    def header_fields(self) -> dict[str, str]:
        fields: dict[str, str] = {}
        for line in self.header.msgstr.splitlines():
            name, sep, value = line.partition(":")
            if sep:
                fields[name.strip()] = value.strip()
        return fields

    def active(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete]

    def nplurals(self) -> int:
        match = re.search(r"nplurals\s*=\s*(\d+)", self.header_fields().get("Plural-Forms", ""))
        return int(match.group(1)) if match else 2


# --------------------------------------------------------------------------------------------
# PO reading and writing

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_ESCAPE_RE = re.compile(r'\\(?:([ntrabfv"\\])|([0-7]{1,3})|x([0-9A-Fa-f]+))')


class PoError(ValueError):
    pass


def unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        simple, octal, hexa = match.groups()
        if simple:
            return _ESCAPES.get(simple, simple)
        return chr(int(octal, 8)) if octal else chr(int(hexa, 16))

    return _ESCAPE_RE.sub(replace, text)


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )


def _quoted(line: str, path: str, lineno: int) -> str:
    line = line.strip()
    if len(line) < 2 or not line.startswith('"') or not line.endswith('"'):
        raise PoError(f"{path}:{lineno}: expected a quoted string, got {line!r}")
    return unescape(line[1:-1])


def parse_po(text: str, path: str = "<po>") -> Catalog:
    """Parse PO text: entries with comments, flags, plurals, msgctxt and obsolete (#~) ones."""
    entries: list[Entry] = []
    current: dict = {}
    last: tuple[str, int | None] | None = None  # the keyword that continuation lines extend

    def finish() -> None:
        nonlocal current, last
        if "msgid" in current:
            if "msgstr" not in current and "msgstr_plural" not in current:
                raise PoError(f"{path}: entry {current['msgid']!r} has no msgstr")
            entries.append(
                Entry(
                    msgid=current["msgid"],
                    msgid_plural=current.get("msgid_plural"),
                    msgstr=current.get("msgstr", ""),
                    msgstr_plural=current.get("msgstr_plural", {}),
                    msgctxt=current.get("msgctxt"),
                    references=current.get("references", []),
                    flags=current.get("flags", []),
                    extracted_comments=current.get("extracted", []),
                    translator_comments=current.get("translator", []),
                    obsolete=current.get("obsolete", False),
                )
            )
        elif any(k in current for k in ("msgid_plural", "msgstr", "msgstr_plural", "msgctxt")):
            raise PoError(f"{path}: an entry has no msgid")
        current = {}
        last = None

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        obsolete = False
        if line.startswith("#~"):
            obsolete = True
            line = line[2:].strip()
            if not line:
                continue
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if "msgid" in current and last is not None and last[0] != "msgctxt":
                finish()  # a comment after a complete entry starts the next one
            if line.startswith("#:"):
                current.setdefault("references", []).extend(line[2:].split())
            elif line.startswith("#,"):
                flags = [f.strip() for f in line[2:].split(",") if f.strip()]
                current.setdefault("flags", []).extend(flags)
            elif line.startswith("#."):
                current.setdefault("extracted", []).append(line[2:].strip())
            elif line.startswith("#|"):
                pass  # previous msgid of a fuzzy entry: not kept
            else:
                current.setdefault("translator", []).append(line[1:].removeprefix(" "))
            continue
        if obsolete:
            current["obsolete"] = True
        if line.startswith('"'):
            if last is None:
                raise PoError(f"{path}:{lineno}: string continues nothing")
            value = _quoted(line, path, lineno)
            name, index = last
            if name == "msgstr_plural":
                current["msgstr_plural"][index] += value
            else:
                current[name] += value
            continue
        keyword, _sep, rest = line.partition(" ")
        plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        starts_entry = keyword == "msgctxt" or (last is not None and last[0] != "msgctxt")
        if keyword in ("msgctxt", "msgid") and "msgid" in current and starts_entry:
            finish()
            if obsolete:
                current["obsolete"] = True
        if plural:
            index = int(plural.group(1))
            current.setdefault("msgstr_plural", {})[index] = _quoted(rest, path, lineno)
            last = ("msgstr_plural", index)
        elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
            if keyword in current:
                raise PoError(f"{path}:{lineno}: {keyword} twice in one entry")
            current[keyword] = _quoted(rest, path, lineno)
            last = (keyword, None)
        else:
            raise PoError(f"{path}:{lineno}: unknown line {raw!r}")
    finish()

    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
    if header is None:
        header = Entry(msgid="")
    else:
        entries.remove(header)
    keys = Counter(e.key for e in entries if not e.obsolete)
    duplicates = [k for k, n in keys.items() if n > 1]
    if duplicates:
        raise PoError(f"{path}: duplicate msgid {duplicates[0][1]!r}")
    return Catalog(header=header, entries=entries)


def read_po(path: Path) -> Catalog:
    return parse_po(path.read_text(encoding="utf-8"), str(path))


def _string_lines(keyword: str, value: str, prefix: str) -> list[str]:
    """``keyword "value"``; text with newlines is split after each one, like msgmerge."""
    parts = value.splitlines(keepends=True)
    if len(parts) <= 1:
        return [f'{prefix}{keyword} "{escape(value)}"']
    return [f'{prefix}{keyword} ""'] + [f'{prefix}"{escape(part)}"' for part in parts]


def format_entry(entry: Entry) -> str:
    lines: list[str] = []
    prefix = "#~ " if entry.obsolete else ""
    lines += [f"# {c}".rstrip() for c in entry.translator_comments]
    if not entry.obsolete:
        lines += [f"#. {c}" for c in entry.extracted_comments]
        refs = entry.references
        for start in range(0, len(refs), 4):
            lines.append("#: " + " ".join(refs[start : start + 4]))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    if entry.msgctxt is not None:
        lines += _string_lines("msgctxt", entry.msgctxt, prefix)
    lines += _string_lines("msgid", entry.msgid, prefix)
    if entry.msgid_plural is not None:
        lines += _string_lines("msgid_plural", entry.msgid_plural, prefix)
        for index in sorted(entry.msgstr_plural) or [0]:
            value = entry.msgstr_plural.get(index, "")
            lines += _string_lines(f"msgstr[{index}]", value, prefix)
    else:
        lines += _string_lines("msgstr", entry.msgstr, prefix)
    return "\n".join(lines) + "\n"


def format_po(catalog: Catalog) -> str:
    blocks = [format_entry(catalog.header)]
    blocks += [format_entry(e) for e in catalog.entries if not e.obsolete]
    blocks += [format_entry(e) for e in catalog.entries if e.obsolete]
    return "\n".join(blocks)


# --------------------------------------------------------------------------------------------
# Extraction


@dataclass
class Problem:
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def _keyword(func: ast.expr) -> str | None:
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name if name in KEYWORDS else None


def _describe(node: ast.expr) -> str | None:
    """Why an argument cannot be extracted; None when it is a variable (translated elsewhere)."""
    if isinstance(node, ast.JoinedStr):
        return "an f-string inside the call: the catalog can never match it"
    if isinstance(node, ast.BinOp):
        return "a string built with an operator inside the call: use one literal and placeholders"
    if isinstance(node, ast.Call):
        return "a call result inside the call (.format()/%?): format after translating"
    if isinstance(node, ast.Constant) and not isinstance(node.value, str):
        return f"a non-string literal {node.value!r}"
    return None


def extract_messages(
    sources: Iterable[Path], root: Path = ROOT
) -> tuple[list[Entry], list[Problem]]:
    """Messages in first-seen order (files sorted), with references; plus problem calls."""
    found: dict[str, Entry] = {}
    problems: list[Problem] = []
    for path in sorted(sources):
        try:
            rel = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        try:
            tree = ast.parse(source, filename=rel)
        except SyntaxError as error:
            problems.append(Problem(f"{rel}:{error.lineno}", f"cannot parse: {error.msg}"))
            continue
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _keyword(n.func)]
        for call in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):
            name = _keyword(call.func)
            assert name is not None
            where = f"{rel}:{call.lineno}"
            wanted = KEYWORDS[name]
            args = call.args[:wanted]
            if len(args) < wanted:
                problems.append(Problem(where, f"{name}() without its message argument(s)"))
                continue
            texts: list[str] = []
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    texts.append(arg.value)
                else:
                    reason = _describe(arg)
                    if reason:
                        problems.append(Problem(where, f"{name}(): {reason}"))
                    break
            if len(texts) < wanted:
                continue
            msgid, plural = texts[0], (texts[1] if wanted == 2 else None)
            if not msgid:
                problems.append(Problem(where, f"{name}(''): the empty msgid is the header"))
                continue
            entry = found.get(msgid)
            if entry is None:
                entry = found[msgid] = Entry(msgid=msgid, msgid_plural=plural)
                if plural is not None:
                    entry.msgstr_plural = {0: "", 1: ""}
            elif entry.msgid_plural != plural:
                problems.append(
                    Problem(where, f"{msgid!r} is used both with and without a plural form")
                )
                entry.msgid_plural = entry.msgid_plural or plural
            if where not in entry.references:
                entry.references.append(where)
            for comment in translator_comment(lines, call.lineno):
                if comment not in entry.extracted_comments:
                    entry.extracted_comments.append(comment)
    for entry in found.values():
        entry.flags = format_flags(entry.msgid, entry.msgid_plural)
    return list(found.values()), problems


def translator_comment(lines: list[str], lineno: int) -> list[str]:
    """The ``# Translators: …`` comment block just above line ``lineno`` (1-based), if any."""
    block: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        block.insert(0, lines[index].strip().lstrip("#").strip())
        index -= 1
    for start, text in enumerate(block):
        if text.lower().startswith("translators:"):
            return [" ".join(block[start:])]
    return []


def source_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / PACKAGE).rglob("*.py") if "__pycache__" not in p.parts)


# --------------------------------------------------------------------------------------------
# Placeholders

_PERCENT_RE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)


def percent_placeholders(text: str) -> list[str]:
    """%-style placeholders: named ones sorted (order free), positional ones in order."""
    named, positional = [], []
    for match in _PERCENT_RE.finditer(text):
        if match.group("conv") == "%":
            continue
        (named if match.group("name") is not None else positional).append(match.group(0))
    return sorted(named) + positional


def brace_placeholders(text: str) -> list[str] | None:
    """{name}-style fields (with conversion and spec), sorted; None if not a format string."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    fields = []
    for _literal, name, spec, conversion in parsed:
        if name is not None:
            fields.append(
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return sorted(fields)


def mnemonics(text: str) -> int:
    """Qt mnemonics of a menu text: "&File", "Save &As", "工作区(&W)" ("&&" and "R&D" are not)."""
    return len(re.findall(r"(?:^|(?<=[\s(（]))&(?=\w)", text.replace("&&", "")))


def format_flags(msgid: str, plural: str | None = None) -> list[str]:
    text = msgid + (plural or "")
    flags = []
    if brace_placeholders(text):
        flags.append("python-brace-format")
    if percent_placeholders(text):
        flags.append("python-format")
    return flags


def placeholder_problems(entry: Entry) -> list[str]:
    """What a translation lost or added compared with its msgid (empty if nothing)."""
    problems = []
    sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid_plural]
    for index, translated in enumerate(entry.translations()):
        if not translated:
            continue
        original = sources[0]
        label = "msgstr" if entry.msgid_plural is None else f"msgstr[{index}]"
        if percent_placeholders(original) != percent_placeholders(translated):
            problems.append(
                f"{label}: %-placeholders {percent_placeholders(original)} in the msgid, "
                f"{percent_placeholders(translated)} in the translation"
            )
        want, got = brace_placeholders(original), brace_placeholders(translated)
        if want and got != want:
            problems.append(
                f"{label}: {{}}-placeholders {want} in the msgid, {got} in the translation"
            )
        elif not want and got:
            problems.append(f"{label}: the translation adds {{}}-placeholders {got}")
    return problems


# --------------------------------------------------------------------------------------------
# Merging


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")


def _header_text(fields: dict[str, str]) -> str:
    return "".join(f"{name}: {value}\n" for name, value in fields.items())


def pot_header(creation_date: str) -> Entry:
    fields = {
        "Project-Id-Version": "checklist-app",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return Entry(
        msgid="",
        msgstr=_header_text(fields),
        translator_comments=[
            "Message catalog template of checklist_app.",
            "Generated by scripts/translations.py extract; do not edit by hand.",
        ],
        flags=["fuzzy"],
    )


def build_pot(messages: list[Entry], old: Catalog | None) -> Catalog:
    """The template. Its creation date changes only when the set of msgids does, not when
    a reference moves: the date is copied into each .po header and so into the .mo."""
    old_date = old.header_fields().get("POT-Creation-Date") if old else None

    def signature(entries: list[Entry]) -> list[tuple[str | None, str, str | None]]:
        return [(e.msgctxt, e.msgid, e.msgid_plural) for e in entries if not e.obsolete]

    if old is None or not old_date or signature(old.entries) != signature(messages):
        old_date = _now()
    return Catalog(header=pot_header(old_date), entries=messages)


def new_po_header(language: str, creation_date: str) -> Entry:
    fields = {
        "Project-Id-Version": "checklist-app",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date,
        "PO-Revision-Date": creation_date,
        "Last-Translator": "checklist-app developers",
        "Language-Team": LANGUAGE_TEAMS.get(language, language),
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
    }
    return Entry(
        msgid="",
        msgstr=_header_text(fields),
        translator_comments=[f"{language} translation of checklist_app."],
    )


@dataclass
class MergeStats:
    total: int = 0
    new: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    revived: list[str] = field(default_factory=list)
    untranslated: int = 0


def merge(pot: Catalog, po: Catalog | None, language: str) -> tuple[Catalog, MergeStats]:
    """The .po for ``pot``: translations kept, new msgids empty, vanished ones as ``#~``."""
    creation = pot.header_fields().get("POT-Creation-Date", _now())
    header = po.header if po else new_po_header(language, creation)
    old = {e.key: e for e in po.entries if not e.obsolete} if po else {}
    old_obsolete = {e.key: e for e in po.entries if e.obsolete} if po else {}
    nplurals = Catalog(header, []).nplurals()
    stats = MergeStats(total=len(pot.entries))
    entries: list[Entry] = []
    for template in pot.entries:
        previous = old.pop(template.key, None)
        if previous is None and template.key in old_obsolete:
            previous = old_obsolete.pop(template.key)
            stats.revived.append(template.msgid)
        entry = Entry(
            msgid=template.msgid,
            msgid_plural=template.msgid_plural,
            msgctxt=template.msgctxt,
            references=list(template.references),
            flags=list(template.flags),
            extracted_comments=list(template.extracted_comments),
        )
        if previous is None:
            stats.new.append(template.msgid)
        else:
            entry.translator_comments = list(previous.translator_comments)
            if previous.fuzzy:
                entry.flags = ["fuzzy", *entry.flags]
            if (previous.msgid_plural is None) == (template.msgid_plural is None):
                entry.msgstr = previous.msgstr
                entry.msgstr_plural = dict(previous.msgstr_plural)
            elif template.msgid_plural is not None:  # became plural: offer the old text
                entry.msgstr_plural = {0: previous.msgstr}
                entry.flags = ["fuzzy", *entry.flags]
            else:
                entry.msgstr = previous.msgstr_plural.get(0, "")
                entry.flags = ["fuzzy", *entry.flags]
        if entry.msgid_plural is not None:
            for index in range(nplurals):
                entry.msgstr_plural.setdefault(index, "")
            entry.msgstr_plural = {i: entry.msgstr_plural[i] for i in range(nplurals)}
        if not entry.translated:
            stats.untranslated += 1
        entries.append(entry)
    # Vanished msgids stay as obsolete (#~) entries, so a string that comes back, or a
    # translator rewording one, still finds the old translation; untranslated ones are dropped.
    for gone in [*old.values(), *old_obsolete.values()]:
        if any(gone.translations()):
            if not gone.obsolete:
                stats.obsolete.append(gone.msgid)
            gone.obsolete = True
            gone.references = []
            gone.extracted_comments = []
            entries.append(gone)
    return Catalog(header=header, entries=entries), stats


def _set_header_field(catalog: Catalog, name: str, value: str) -> None:
    fields = catalog.header_fields()
    if fields.get(name) != value:
        fields[name] = value
        catalog.header.msgstr = _header_text(fields)


# --------------------------------------------------------------------------------------------
# Compiling (.mo)


def compile_catalog(catalog: Catalog) -> bytes:
    """GNU .mo bytes: translated, non-fuzzy entries plus the header; keys sorted, no hash table."""
    messages: dict[bytes, bytes] = {b"": catalog.header.msgstr.encode("utf-8")}
    for entry in catalog.active():
        if not entry.translated:
            continue
        key = entry.msgid.encode("utf-8")
        if entry.msgid_plural is not None:
            key += b"\0" + entry.msgid_plural.encode("utf-8")
        if entry.msgctxt is not None:
            key = entry.msgctxt.encode("utf-8") + b"\x04" + key
        messages[key] = b"\0".join(t.encode("utf-8") for t in entry.translations())
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strs), len(messages[key])))
        ids += key + b"\0"
        strs += messages[key] + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    key_table: list[int] = []
    value_table: list[int] = []
    for id_offset, id_length, str_offset, str_length in offsets:
        key_table += [id_length, id_offset + key_start]
        value_table += [str_length, str_offset + value_start]
    header = struct.pack(
        "<7I",
        0x950412DE,  # magic
        0,  # revision
        len(keys),
        7 * 4,  # offset of the table of original strings
        7 * 4 + len(keys) * 8,  # offset of the table of translations
        0,  # size of the hash table
        0,  # offset of the hash table
    )
    tables = struct.pack(f"<{len(key_table) + len(value_table)}I", *key_table, *value_table)
    return header + tables + ids + strs


# --------------------------------------------------------------------------------------------
# Checking


def catalog_problems(catalog: Catalog, path: str) -> list[str]:
    problems = []
    nplurals = catalog.nplurals()
    if "Plural-Forms" not in catalog.header_fields():
        problems.append(f"{path}: the header has no Plural-Forms")
    for entry in catalog.active():
        where = f"{path}: {entry.msgid!r}"
        problems += [f"{where}: {p}" for p in placeholder_problems(entry)]
        if entry.msgid_plural is not None and len(entry.msgstr_plural) != nplurals:
            problems.append(
                f"{where}: {len(entry.msgstr_plural)} plural forms, the header says {nplurals}"
            )
        for translated in entry.translations():
            if translated and entry.msgid.endswith("\n") != translated.endswith("\n"):
                problems.append(f"{where}: msgid and msgstr must both end with \\n or neither")
            if translated and mnemonics(entry.msgid) != mnemonics(translated):
                problems.append(
                    f"{where}: the msgid has {mnemonics(entry.msgid)} Qt mnemonic(s) (&), the "
                    f"translation {mnemonics(translated)}; write them as 工作区(&W)"
                )
    return problems


# --------------------------------------------------------------------------------------------
# Commands


def _languages(requested: Sequence[str] | None) -> list[str]:
    if requested:
        return list(requested)
    found = sorted(p.parent.parent.name for p in TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return found or list(DEFAULT_LANGUAGES)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def cmd_extract(args: argparse.Namespace) -> int:
    messages, problems = extract_messages(source_files())
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    old_pot = read_po(POT_PATH) if POT_PATH.exists() else None
    pot = build_pot(messages, old_pot)
    changed = _write_if_changed(POT_PATH, format_po(pot).encode("utf-8"))
    print(
        f"{POT_PATH.relative_to(ROOT)}: {len(messages)} messages"
        + (" (updated)" if changed else " (unchanged)")
    )
    for language in _languages(args.lang):
        path = po_path(language)
        old = read_po(path) if path.exists() else None
        po, stats = merge(pot, old, language)
        _set_header_field(
            po, "POT-Creation-Date", pot.header_fields().get("POT-Creation-Date", _now())
        )
        _write_if_changed(path, format_po(po).encode("utf-8"))
        print(
            f"{path.relative_to(ROOT)}: {stats.total} messages, {len(stats.new)} new, "
            f"{len(stats.revived)} revived, {len(stats.obsolete)} made obsolete, "
            f"{stats.untranslated} untranslated"
        )
        if args.verbose:
            for msgid in stats.new:
                print(f"  new: {msgid!r}")
            for msgid in stats.obsolete:
                print(f"  obsolete: {msgid!r}")
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    status = 0
    for language in _languages(args.lang):
        catalog = read_po(po_path(language))
        problems = catalog_problems(catalog, str(po_path(language).relative_to(ROOT)))
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            status = 1
            continue
        data = compile_catalog(catalog)
        changed = _write_if_changed(mo_path(language), data)
        untranslated = sum(1 for e in catalog.active() if not e.translated)
        print(
            f"{mo_path(language).relative_to(ROOT)}: "
            f"{'written' if changed else 'up to date'}, {untranslated} untranslated"
        )
    return status


def cmd_check(args: argparse.Namespace) -> int:
    status = 0
    for language in _languages(args.lang):
        po_file, mo_file = po_path(language), mo_path(language)
        rel = str(po_file.relative_to(ROOT))
        try:
            catalog = read_po(po_file)
        except (OSError, PoError) as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
            continue
        problems = catalog_problems(catalog, rel)
        if not mo_file.exists():
            problems.append(f"{mo_file.relative_to(ROOT)} is missing: run compile")
        elif mo_file.read_bytes() != compile_catalog(catalog):
            problems.append(f"{mo_file.relative_to(ROOT)} is out of date with {rel}: run compile")
        if args.complete:
            messages, _problems = extract_messages(source_files())
            translated = {e.key for e in catalog.active() if e.translated}
            for message in messages:
                if message.key not in translated:
                    problems.append(f"{rel}: no translation for {message.msgid!r}")
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            status = 1
        else:
            print(f"{rel}: OK")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "extract": (cmd_extract, "update the .pot from the source and merge it into each .po"),
        "compile": (cmd_compile, "write each .po as a .mo"),
        "check": (cmd_check, "fail if a .mo is stale or placeholders differ"),
    }
    for name, (handler, help_text) in commands.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--lang",
            action="append",
            metavar="LANG",
            help="only this language (repeatable); default: every .po",
        )
        command.set_defaults(handler=handler)
        if name == "extract":
            command.add_argument(
                "-v", "--verbose", action="store_true", help="list new and obsolete msgids"
            )
        if name == "check":
            command.add_argument(
                "--complete",
                action="store_true",
                help="also fail if a msgid in the source has no translation",
            )
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
