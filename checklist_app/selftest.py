"""``checklist-app --selftest``: check, with no window, that this installation works.

It exercises what a user's first hour would: every shipped checklist and crosswalk loads,
OpenCC finds its dictionaries, a workspace is created in a temporary folder, the documents are
imported, an assessment gets a status and an attached file, and a small report is written as
PDF and .docx, whose fonts must all be embedded. In a PyInstaller bundle it also checks that
the Qt plugins and the bundled CJK font are in the bundle. Nothing is written outside the
temporary folder, and no Qt module is imported (that needs a display; the file checks do not).

Each check that fails adds one line to the result; the others still run where they can.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from checklist_app import __version__
from checklist_app.core import Document, ItemStatus
from checklist_app.resources import checklists_path, project_root, resource_path

Problems = list[str]
CHECKLIST_DOC = "chongqing-2022"  # the assessed checklist (it has provincial + national above)
PROVINCIAL_DOC = "liaoning-2022"
NATIONAL_DOC = "national-2021"
BUNDLED_FONT = ("fonts", "DroidSansFallbackFull.ttf")
ICON = ("icons", "checklist-app.svg")
CATALOG = ("translations", "zh_CN", "LC_MESSAGES", "checklist_app.mo")
QT_CATALOG = "qtbase_zh_CN.qm"  # Qt's own dialogs and buttons in Chinese

# PySide6 modules the desktop app imports (ui/ and app.py).
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport")
# Qt plugins the bundle must hold, by platform: (plugin folder, file-name stems; any one will do).
QT_PLUGINS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "linux": (
        ("platforms", ("libqxcb",)),
        ("platforms", ("libqoffscreen",)),
        ("platforms", ("libqwayland", "libqwayland-generic")),
        ("imageformats", ("libqsvg",)),
        ("iconengines", ("libqsvgicon",)),
        ("printsupport", ("libcupsprintersupport",)),  # Windows: inside QtPrintSupport
    ),
    "win32": (
        ("platforms", ("qwindows",)),
        ("platforms", ("qoffscreen",)),
        ("imageformats", ("qsvg",)),
        ("iconengines", ("qsvgicon",)),
    ),
}


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def run_selftest(progress: Callable[[str], None] | None = None) -> Problems:
    """Every problem found, one line each; an empty list means the installation works."""
    problems: Problems = []
    say = progress or (lambda _message: None)

    say("version")
    if is_frozen() and __version__.endswith("+source"):
        problems.append(f"version: package metadata is not in the bundle ({__version__})")

    say("resources")
    problems += check_resources()
    if is_frozen():
        say("Qt plugins")
        problems += check_qt_modules(project_root() / "PySide6")
        problems += check_qt_plugins(_qt_plugins_dir(), sys.platform)

    say("shipped checklists")
    documents = _step(problems, "shipped checklists", _load_documents)
    if documents is None:
        return problems
    say("crosswalks")
    crosswalks = _step(problems, "shipped crosswalks", _load_crosswalks, documents)
    say("OpenCC")
    _step(problems, "OpenCC", _check_opencc)

    say("workspace and report")
    with tempfile.TemporaryDirectory(prefix="checklist-selftest-") as temp:
        _step(problems, "workspace and report", _workspace_and_report, Path(temp), documents,
              crosswalks or [], problems)
    return problems


@contextmanager
def _no_raise(problems: Problems, what: str) -> Iterator[None]:
    try:
        yield
    except Exception as error:  # a self-test reports every failure instead of stopping
        problems.append(f"{what}: {type(error).__name__}: {error}")


def _step(problems: Problems, what: str, function: Callable, *args: object) -> object:
    with _no_raise(problems, what):
        return function(*args)
    return None


# -- files ---------------------------------------------------------------------------------


def check_resources() -> Problems:
    """The data files the app reads at run time are where resources.py looks for them."""
    problems: Problems = []
    font = resource_path(*BUNDLED_FONT)
    if not font.is_file() or font.stat().st_size < 1_000_000:
        problems.append(f"bundled font missing or truncated: {font}")
    for parts in (ICON, CATALOG):
        if not resource_path(*parts).is_file():
            problems.append(f"resource missing: {resource_path(*parts)}")
    for name in ("overrides.json", "schema", "crosswalks"):
        if not checklists_path(name).exists():
            problems.append(f"checklists data missing: {checklists_path(name)}")
    return problems


def check_qt_modules(pyside: Path) -> Problems:
    """The Qt modules the desktop app imports are in the bundle (found, not imported)."""
    return [f"Qt module missing: {name} in {pyside}" for name in QT_MODULES
            if not any(pyside.glob(f"{name}.*"))]


def _qt_plugins_dir() -> Path:
    """Where PyInstaller's PySide6 hook puts the Qt plugins (the wheel's own layout)."""
    root = project_root() / "PySide6"
    for candidate in (root / "Qt" / "plugins", root / "plugins"):
        if candidate.is_dir():
            return candidate
    return root / "Qt" / "plugins"


def check_qt_plugins(plugins: Path, platform: str) -> Problems:
    """The platform, image-format and icon plugins a window needs are in ``plugins``, and
    Qt's Chinese catalog beside it (``translations/``, the layout of the PySide6 wheels)."""
    if not plugins.is_dir():
        return [f"Qt plugins folder missing: {plugins}"]
    wanted = QT_PLUGINS.get("win32" if platform.startswith("win") else "linux", ())
    problems: Problems = []
    catalog = plugins.parent / "translations" / QT_CATALOG
    if not catalog.is_file():
        problems.append(f"Qt translation missing: {catalog}")
    for folder, stems in wanted:
        present = {p.name.split(".")[0] for p in (plugins / folder).glob("*")}
        if not present.intersection(stems):
            problems.append(f"Qt plugin missing: {folder}/{stems[0]} in {plugins}")
    return problems


# -- data ----------------------------------------------------------------------------------


def _load_documents() -> dict[str, Document]:
    from checklist_app.importer import SHIPPED_IDS, shipped_documents

    documents = {document.id: document for document in shipped_documents()}
    missing = [doc_id for doc_id in SHIPPED_IDS if doc_id not in documents]
    if missing:
        raise ValueError(f"not loaded: {', '.join(missing)}")
    empty = [doc_id for doc_id, doc in documents.items() if not doc.checkable_nodes()]
    if empty:
        raise ValueError(f"no checkable items in: {', '.join(empty)}")
    return documents


def _load_crosswalks(documents: dict[str, Document]) -> list:
    from checklist_app.crosswalk.files import load_shipped_crosswalks

    crosswalks = load_shipped_crosswalks(documents)
    if not crosswalks or not any(crosswalk.mappings for crosswalk in crosswalks):
        raise ValueError(f"no mappings found in {checklists_path('crosswalks')}")
    return crosswalks


def _check_opencc() -> None:
    from checklist_app.importer import to_simplified, to_traditional

    if to_simplified("國家標準化發展綱要") != "国家标准化发展纲要":
        raise ValueError("t2s conversion gave the wrong text (dictionaries missing?)")
    if to_traditional("标准") != "標準":
        raise ValueError("s2t conversion gave the wrong text (dictionaries missing?)")


# -- workspace and report ------------------------------------------------------------------


def _workspace_and_report(folder: Path, documents: dict[str, Document], crosswalks: list,
                          problems: Problems) -> None:
    from checklist_app.report.builder import build_report
    from checklist_app.storage.backup import BackupPolicy
    from checklist_app.storage.workspace import Workspace

    policy = BackupPolicy(on_open=False, on_close=False, folder=folder / "backups")
    with Workspace.create(folder / "selftest.sqlite", user="selftest", backups=policy) as ws:
        for document in documents.values():
            ws.import_document(document)
        for crosswalk in crosswalks:
            ws.save_mappings(crosswalk.mappings)
        assessment = ws.new_assessment(
            checklist_doc_id=CHECKLIST_DOC, provincial_doc_id=PROVINCIAL_DOC,
            national_doc_id=NATIONAL_DOC, office="自检单位", period="自检",
        )
        item = documents[CHECKLIST_DOC].checkable_nodes()[0]
        ws.set_item(assessment.id, item.id, status=ItemStatus.DONE, note="自检:已完成。")
        evidence_file = folder / "自检附件.txt"
        evidence_file.write_text("自检附件 selftest evidence\n", encoding="utf-8")
        attached = ws.attach(assessment.id, item.id, evidence_file)
        if b"".join(ws.read_evidence(attached.id)) != evidence_file.read_bytes():
            problems.append("workspace: the attached file reads back different")
        problems += [f"workspace: {problem}" for problem in ws.verify()]
        snapshot = ws.snapshot(assessment.id)

    pdf, docx = folder / "selftest.pdf", folder / "selftest.docx"
    for _progress in build_report(snapshot, pdf, docx_path=docx):
        pass
    if not docx.is_file() or docx.stat().st_size == 0:
        problems.append("report: no .docx written")
    problems += check_pdf_fonts(pdf)


# -- PDF fonts -----------------------------------------------------------------------------

_OBJECT = re.compile(rb"(\d+)\s+0\s+obj\b(.*?)\bendobj", re.DOTALL)
_REFERENCE = re.compile(rb"(\d+)\s+0\s+R\b")
_SUBTYPE = re.compile(rb"/Subtype\s*/([^\s/<>\[\]()]+)")
_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)")
_FONT_FILE = re.compile(rb"/FontFile[23]?\s+\d+\s+0\s+R")
_IS_FONT = re.compile(rb"/Type\s*/Font(Descriptor)?\b")
# Simple and CID fonts carry their glyphs in a descriptor's FontFile; a Type0 font holds a CID
# font (inline or by reference); Type3 fonts draw their glyphs with PDF operators.
_NEEDS_FONT_FILE = {b"Type0", b"Type1", b"MMType1", b"TrueType", b"CIDFontType0",
                    b"CIDFontType2"}


def check_pdf_fonts(pdf: Path) -> Problems:
    """Fonts of ``pdf`` that are not embedded (and a PDF with no embedded font at all).

    Reads the PDF's objects itself (reportlab writes no object streams), and also asks
    poppler's ``pdffonts`` when it is installed.
    """
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF-"):
        return [f"report: {pdf.name} is not a PDF"]
    # Dictionaries only: the bytes of a stream (a font file, a page) are never parsed.
    objects = {int(number): body.split(b"stream", 1)[0]
               for number, body in _OBJECT.findall(data)}
    fonts = [body for body in objects.values() if re.search(rb"/Type\s*/Font\b", body)]
    problems: Problems = []
    if b"/FontFile2" not in data:
        problems.append(f"report: {pdf.name} has no embedded TrueType font (/FontFile2)")
    for body in fonts:
        closure = _font_closure(body, objects)
        if set(_SUBTYPE.findall(closure)) & _NEEDS_FONT_FILE and not _FONT_FILE.search(closure):
            found = _BASE_FONT.search(body)
            name = found.group(1).decode("latin-1") if found else "?"
            problems.append(f"report: font {name} is not embedded")
    problems += _pdffonts_problems(pdf)
    return list(dict.fromkeys(problems))


def _font_closure(body: bytes, objects: dict[int, bytes], depth: int = 2) -> bytes:
    """A font dictionary with the font and descriptor dictionaries it refers to."""
    parts = [body]
    if depth:
        for number in _REFERENCE.findall(body):
            target = objects.get(int(number), b"")
            if _IS_FONT.search(target):
                parts.append(_font_closure(target, objects, depth - 1))
    return b"\n".join(parts)


def _pdffonts_problems(pdf: Path) -> Problems:
    tool = shutil.which("pdffonts")
    if tool is None:
        return []
    try:
        result = subprocess.run([tool, str(pdf)], capture_output=True, text=True, timeout=60,
                                check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return [f"report: pdffonts failed: {error}"]
    if result.returncode != 0:
        return [f"report: pdffonts failed: {result.stderr.strip()}"]
    return [f"report: pdffonts: font {name} is not embedded"
            for name in unembedded_fonts(result.stdout)]


def unembedded_fonts(pdffonts_output: str) -> list[str]:
    """Names of the fonts ``pdffonts`` lists with ``emb`` = no (columns found by the rule)."""
    lines = pdffonts_output.splitlines()
    rule = next((i for i, line in enumerate(lines) if line.startswith("----")), None)
    if rule is None or rule == 0:
        return []
    spans = [match.span() for match in re.finditer(r"-+", lines[rule])]
    header = lines[rule - 1]
    columns = [header[start:end].strip() for start, end in spans]
    if "emb" not in columns:
        return []
    emb = spans[columns.index("emb")]
    return [line[: spans[0][1]].strip() for line in lines[rule + 1:]
            if line.strip() and line[emb[0]:emb[1]].strip() == "no"]


def main() -> int:
    """Print what failed (exit 1) or ``selftest ok`` (exit 0)."""
    problems = run_selftest()
    for problem in problems:
        print(f"selftest: {problem}", file=sys.stderr)
    if problems:
        return 1
    print("selftest ok")
    return 0
