"""Start-up: what the first window needs, and the mapped-clause columns filled after it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QRunnable, Qt

from checklist_app.app import DesktopApp, build
from checklist_app.settings import Settings
from checklist_app.ui.models import item_table_model
from checklist_app.ui.models.item_filter import ItemFilterProxy, Presence
from checklist_app.ui.models.item_table_model import PENDING, Column, ItemTableModel, Role
from checklist_app.ui.workers import JobRunner
from tests.ui.conftest import FIRST_ITEM

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


class HeldPool:
    """A pool that keeps its jobs until the test runs them: the 'still computing' moment."""

    def __init__(self) -> None:
        self.jobs: list[QRunnable] = []

    def start(self, runnable: QRunnable) -> None:
        self.jobs.append(runnable)

    def waitForDone(self, msecs: int = -1) -> bool:
        return True

    def run_all(self) -> None:
        jobs, self.jobs = self.jobs, []
        for job in jobs:
            job.run()


def _cell(model: ItemTableModel, node_id: str, column: Column) -> object:
    return model.index(model.row_of(node_id), column).data()


def _national_captions(model: ItemTableModel) -> dict[str, str]:
    return {node_id: str(_cell(model, node_id, Column.NATIONAL)) for node_id in model.node_ids()}


def test_mapped_columns_show_a_placeholder_until_filled(qtbot, desktop: DesktopApp) -> None:  # type: ignore[no-untyped-def]
    window_model = desktop.window.item_model  # background jobs run inline in the fixture
    qtbot.waitUntil(lambda: window_model.mapped_ready, timeout=3000)
    expected = _national_captions(window_model)
    assert expected[FIRST_ITEM] not in ("", PENDING)
    pool = HeldPool()
    model = ItemTableModel(runner=JobRunner(pool))
    model.set_data_source(desktop.service.data)
    assert not model.mapped_ready
    assert _cell(model, FIRST_ITEM, Column.TITLE)  # the rest of the row is there already
    assert _cell(model, FIRST_ITEM, Column.NATIONAL) == PENDING
    assert model.index(model.row_of(FIRST_ITEM), Column.NATIONAL).data(
        Qt.ItemDataRole.ToolTipRole) is None
    assert not pool.jobs  # not during the paint: just after it
    qtbot.waitUntil(lambda: bool(pool.jobs), timeout=500)
    assert len(pool.jobs) == 1 and _cell(model, FIRST_ITEM, Column.PROVINCIAL) == PENDING
    qtbot.wait(50)
    assert len(pool.jobs) == 1  # asked for again by the next paint: still one job
    with qtbot.waitSignal(model.mappedFilled, timeout=5000):
        pool.run_all()
    assert model.mapped_ready
    assert _national_captions(model) == expected


def test_filter_and_sort_on_mapped_columns_early(qtbot, desktop: DesktopApp) -> None:  # type: ignore[no-untyped-def]
    data = desktop.service.data
    unmapped = set(desktop.window.item_model.node_ids()[:5])  # the demo maps every item
    data = replace(data, mappings=[m for m in data.mappings if m.from_node_id not in unmapped])
    reference = ItemTableModel()  # no runner: filled on the UI thread
    reference.set_data_source(data)
    assert _cell(reference, FIRST_ITEM, Column.TITLE)  # as a view's paint: starts the fill
    qtbot.waitUntil(lambda: reference.mapped_ready, timeout=500)
    mapped = {n for n in reference.node_ids() if _cell(reference, n, Column.PROVINCIAL)
              or _cell(reference, n, Column.NATIONAL)}
    assert mapped == set(reference.node_ids()) - unmapped
    pool = HeldPool()
    model = ItemTableModel(runner=JobRunner(pool))
    proxy = ItemFilterProxy()
    proxy.setSourceModel(model)
    model.set_data_source(data)
    qtbot.waitUntil(lambda: bool(pool.jobs), timeout=3000)  # no view: the timer starts it

    def shown() -> set[str]:
        return {str(proxy.index(r, 0).data(Role.NODE_ID))
                for r in range(proxy.rowCount())}

    # Filtering before the fill has arrived works it out at once: never a wrong answer.
    with qtbot.waitSignal(model.mappedFilled, timeout=5000):
        proxy.update_filter(mapped=Presence.WITH)
    assert shown() == mapped
    pool.run_all()  # the background result is stale now and must change nothing
    assert shown() == mapped
    proxy.update_filter(mapped=Presence.WITHOUT)
    assert shown() == set(reference.node_ids()) - mapped
    proxy.update_filter(mapped=Presence.ANY)
    proxy.sort(Column.NATIONAL)
    rows = [str(proxy.index(r, Column.NATIONAL).data()) for r in range(proxy.rowCount())]
    assert rows == sorted(rows) and PENDING not in rows


def test_fill_arriving_after_the_window_went_is_dropped(qtbot, desktop: DesktopApp) -> None:  # type: ignore[no-untyped-def]
    pool = HeldPool()
    model = ItemTableModel(runner=JobRunner(pool))
    model.set_data_source(desktop.service.data)
    assert _cell(model, FIRST_ITEM, Column.TITLE)
    qtbot.waitUntil(lambda: bool(pool.jobs), timeout=500)
    shiboken6.delete(model)  # closed, or rebuilt in another language, while the job ran
    pool.run_all()  # its result arrives: nothing to fill, and no error


def test_mapped_columns_fill_off_the_ui_thread(qtbot, monkeypatch, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    threads: list[threading.Thread] = []
    compute = item_table_model.mapped_captions

    def recording(snapshot):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return compute(snapshot)

    monkeypatch.setattr(item_table_model, "mapped_captions", recording)
    desktop = build(Settings(), open_path=workspace_path)  # real writer and background pools
    window = desktop.window
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.splitter  # not the welcome page meanwhile
    window.show()
    with qtbot.waitSignal(window.workspaceShown, timeout=10000):
        pass
    assert window.proxy.rowCount() == window.item_model.rowCount() > 0
    qtbot.waitUntil(lambda: window.item_model.mapped_ready, timeout=10000)
    assert threads and threading.main_thread() not in threads
    national = _cell(window.item_model, FIRST_ITEM, Column.NATIONAL)
    assert national and national != PENDING
    window.filter_bar.mapped.setCurrentIndex(2)  # Not mapped: the demo maps every item
    assert window.proxy.rowCount() == 0
    window.filter_bar.mapped.setCurrentIndex(1)  # Mapped
    assert window.proxy.rowCount() == window.item_model.rowCount()
    desktop.shutdown()


def test_missing_workspace_at_start_shows_the_welcome_page(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desktop = build(Settings(), open_path=tmp_path / "gone.sqlite")
    window = desktop.window
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.splitter
    with qtbot.waitSignal(desktop.service.failed, timeout=10000):
        pass
    assert window.pages.currentWidget() is window.welcome
    desktop.shutdown()


def test_the_window_modules_leave_storage_and_metadata_for_later() -> None:
    """sqlite-utils is imported by the writer thread, importlib.metadata only for --version,
    the crosswalk (coverage) by the background fill: none is needed to build the window."""
    code = (
        "import sys\n"
        "from checklist_app.app import parse_args\n"
        "parse_args(['--demo'])\n"
        "import checklist_app.ui.main_window\n"
        "heavy = ('sqlite_utils', 'importlib.metadata', 'checklist_app.crosswalk',\n"
        "         'checklist_app.storage.workspace', 'opencc', 'docx', 'reportlab')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
