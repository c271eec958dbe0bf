"""The real main window over a workspace like the demo: the five shipped documents, curated
mappings and a Chongqing assessment. Jobs run inline (InlinePool) unless a test says
otherwise; screenshots go to test-artifacts/ (gitignored)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from checklist_app.app import DesktopApp, build, install_fonts, install_qt_translations
from checklist_app.core import ItemStatus
from checklist_app.crosswalk.files import load_shipped_crosswalks
from checklist_app.i18n import set_language
from checklist_app.importer import shipped_documents
from checklist_app.settings import Settings
from checklist_app.storage.workspace import Workspace
from checklist_app.ui.workers import InlinePool

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
OFFICE = "重庆市市场监督管理局"
DEPARTMENT = "市市场监管局"
FIRST_ITEM = "chongqing-2022/二/(一)/1"


def build_workspace(path: Path) -> Path:
    """Shipped documents + curated crosswalks + a Chongqing assessment with a few states."""
    documents = {d.id: d for d in shipped_documents()}
    with Workspace.create(path, user="tester") as workspace:
        for document in documents.values():
            workspace.import_document(document)
        for crosswalk in load_shipped_crosswalks(documents):
            workspace.save_mappings(crosswalk.mappings)
        assessment = workspace.new_assessment(
            checklist_doc_id="chongqing-2022", provincial_doc_id="liaoning-2022",
            national_doc_id="national-2021", office=OFFICE, department=DEPARTMENT,
            period="2024年度")
        workspace.set_items(assessment.id, [
            (FIRST_ITEM, {"status": ItemStatus.DONE, "note": "已完成"}),
            ("chongqing-2022/二/(一)/2", {"status": ItemStatus.IN_PROGRESS,
                                         "due_date": "2025-06-30"}),
        ])
    return path


def open_plan(window, qtbot, folder: Path, text: str, doc_id: str) -> None:  # type: ignore[no-untyped-def]
    """Open, in ``window``, a new workspace assessing the plan ``text`` (parsed as ``doc_id``)
    alone."""
    from checklist_app.importer import parse_text

    plan = parse_text(text, doc_id)
    path = folder / f"{doc_id}.sqlite"
    with Workspace.create(path, user="tester") as workspace:
        workspace.import_document(plan)
        workspace.new_assessment(checklist_doc_id=doc_id, office="某区市场监管局",
                                 period="2024年度")
    window.open_workspace(path)
    first = plan.checkable_nodes()[0].id
    qtbot.waitUntil(lambda: window.item_model.row_of(first) >= 0)


@pytest.fixture(scope="session")
def template_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workspace(tmp_path_factory.mktemp("template") / "workspace.sqlite")


@pytest.fixture
def workspace_path(template_workspace: Path, tmp_path: Path) -> Path:
    target = tmp_path / "workspace.sqlite"
    shutil.copyfile(template_workspace, target)
    return target


def close_dialogs(window: QWidget) -> None:
    """Close the dialogs a test left open without their questions (what was typed in a
    wizard or editor would be asked about as the window closes, and nobody answers)."""
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.done(QDialog.DialogCode.Rejected)


@pytest.fixture
def desktop(qtbot, workspace_path: Path) -> Iterator[DesktopApp]:  # type: ignore[no-untyped-def]
    """The main window with the workspace open; every job runs inline. Qt's own buttons in
    Chinese too, as the app installs them (screenshots show what users see)."""
    set_language("zh_CN")
    install_fonts()
    qt_catalogs = install_qt_translations(QApplication.instance(), "zh_CN")
    app = build(Settings(department=DEPARTMENT), writer=InlinePool(), background=InlinePool())
    app.qt_translators = qt_catalogs  # as main() does: a language switch replaces them
    qtbot.addWidget(app.window, before_close_func=close_dialogs)
    app.window.resize(1440, 860)  # the offscreen screen is 800×600: screenshots want more
    app.window.show()
    app.window.open_workspace(workspace_path)
    yield app
    app.service.close()
    for catalog in app.qt_translators:
        QApplication.instance().removeTranslator(catalog)


def shown_app(qtbot) -> DesktopApp:  # type: ignore[no-untyped-def]
    """The main window, shown with no workspace yet and every job inline: the test opens
    one (often while another program holds it, to see it read-only)."""
    app = build(Settings(), writer=InlinePool(), background=InlinePool())
    qtbot.addWidget(app.window)
    app.window.show()
    return app


@pytest.fixture
def window(desktop: DesktopApp):  # type: ignore[no-untyped-def]
    return desktop.window


@pytest.fixture
def quick_lock_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked workspace fails in 50 ms rather than after the 5 s the app waits (for the
    workspaces opened from then on)."""
    monkeypatch.setattr("checklist_app.storage.db.BUSY_TIMEOUT_MS", 50)


def writing_elsewhere(path: Path) -> sqlite3.Connection:
    """Another program writing to the workspace: every write of the app fails meanwhile
    (until its transaction is rolled back)."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def screenshot(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Save ``widget`` as test-artifacts/<name>.png once pending layouts have run."""
    from PySide6.QtTest import QTest

    QTest.qWait(150)  # layout requests are posted events: let the event loop run them
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


UI_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Strict Qt logging for the UI tests: any Qt warning fails the test.

    The offscreen platform warns about window size hints it cannot pass on and windows it
    cannot raise; those are about the test platform, not the app.
    """
    for item in items:
        if UI_TESTS in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(
                "This plugin does not support propagateSizeHints",
                "This plugin does not support raise"))


def tooltip_text(tip: str) -> str:
    """A tooltip's text as read: a long one comes wrapped in an escaped paragraph."""
    from html import unescape

    prefix, suffix = "<p style='white-space:pre-wrap'>", "</p>"
    if tip.startswith(prefix) and tip.endswith(suffix):
        return unescape(tip[len(prefix):-len(suffix)])
    return tip
