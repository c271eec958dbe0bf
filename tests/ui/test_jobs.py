"""Long jobs started from the window: backup and import run off the UI thread, with progress
and Cancel; a cancelled job leaves no file and the workspace as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checklist_app.storage.backup import list_backups
from tests.ui.conftest import FIRST_ITEM, screenshot, shown_app, tooltip_text

pytestmark = pytest.mark.gui


def _backup_folder(desktop) -> Path:  # type: ignore[no-untyped-def]
    from checklist_app.storage.workspace import Workspace

    with Workspace.open(desktop.service.data.path, read_only=True) as workspace:
        return workspace.backup_folder()


def _add_bulk(desktop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """3 MiB of evidence, so a backup copies in several steps."""
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(os.urandom(3 * 1024 * 1024))
    desktop.service.attach(FIRST_ITEM, [scan])


def test_backup_shows_progress_and_says_where_it_went(desktop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = desktop.window
    _add_bulk(desktop, tmp_path)
    seen: list[tuple[float, bool]] = []
    show = window.job_progress.on_progress

    def watch(fraction: float, message: str) -> None:
        show(fraction, message)
        seen.append((fraction, window.job_progress.isVisible()))
        if len(seen) == 2:
            screenshot(window.statusBar(), "backup-progress")

    window.job_progress.on_progress = watch
    window.backup_now()
    assert len(seen) >= 3 and all(visible for _, visible in seen)
    assert seen[-1][0] == 1.0
    assert not window.job_progress.isVisible()
    written = list_backups(_backup_folder(desktop))
    assert written and written[-1].name.endswith("-manual.sqlite")
    assert str(written[-1]) in window.statusBar().currentMessage()


def test_cancelled_backup_leaves_no_file(desktop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = desktop.window
    _add_bulk(desktop, tmp_path)
    folder = _backup_folder(desktop)
    before = sorted(folder.iterdir()) if folder.exists() else []
    states_before = dict(desktop.service.data.states)
    show = window.job_progress.on_progress

    def cancel_on_first_step(fraction: float, message: str) -> None:
        show(fraction, message)
        window.job_progress.cancel_button.click()

    window.job_progress.on_progress = cancel_on_first_step
    window.backup_now()
    assert (sorted(folder.iterdir()) if folder.exists() else []) == before  # no .part either
    assert not window.job_progress.isVisible()
    assert window.banner.error.isVisible()
    assert "已取消" in window.banner.error.label.text()
    assert desktop.service.data.states == states_before
    window.job_progress.on_progress = show
    window.backup_now()  # and the next backup works
    assert len(list_backups(folder)) == len([p for p in before if p.suffix == ".sqlite"]) + 1


def test_a_late_cancel_does_not_undo_a_finished_plain_job(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A function that returned did its work: Cancel pressed meanwhile must not report
    it as failed (a generator job, cancelled, still stops at its next step)."""
    from checklist_app.ui.workers import Cancelled, InlinePool, JobRunner

    runner = JobRunner(InlinePool())
    results: list[object] = []
    errors: list[BaseException] = []

    def cancelled_while_running(token):  # type: ignore[no-untyped-def]
        token.cancel()
        return "written"

    runner.run(cancelled_while_running, done=results.append, failed=errors.append)
    assert results == ["written"] and not errors

    def steps(token):  # type: ignore[no-untyped-def]
        yield 0.5, "half"
        token.cancel()
        yield 1.0, "all"
        return "report"

    runner.run(steps, done=results.append, failed=errors.append)
    assert results == ["written"] and isinstance(errors[0], Cancelled)


def test_a_closed_runner_starts_no_more_jobs(qtbot) -> None:  # type: ignore[no-untyped-def]
    """On quit the runner is closed: a timer that fires afterwards (the items table's
    mapped-clause fill) must not start a job that outlives the objects it reports to."""
    from PySide6.QtCore import QThreadPool

    from checklist_app.ui.workers import JobRunner

    pool = QThreadPool()
    runner = JobRunner(pool)
    ran: list[str] = []
    runner.run(lambda _token: ran.append("before"))
    runner.close()
    runner.run(lambda _token: ran.append("after"), done=ran.append)
    assert pool.waitForDone(5000)
    qtbot.wait(10)  # any queued result would be delivered now
    assert "after" not in ran and ran[0] == "before"
    assert not runner.busy


def test_draining_the_writer_leaves_no_python_object_of_a_deleted_runnable(qtbot) -> None:  # type: ignore[no-untyped-def]
    """drain() queued ``QRunnable.create(...)``: the pool deleted it unseen by PySide, whose
    object for it lived on, filed under its address, and a table's selection model made
    later at that address came back as a QRunnable (CI: 'QRunnable' object has no
    attribute 'currentRowChanged')."""
    import gc

    from PySide6.QtCore import QRunnable, QThreadPool

    from checklist_app.ui.workers import JobRunner

    pool = QThreadPool()
    runner = JobRunner(pool)
    for _ in range(3):
        runner.drain()
    assert pool.waitForDone(5000)
    gc.collect()
    assert not [o for o in gc.get_objects() if type(o) is QRunnable]


def test_shutdown_closes_the_job_runner(desktop) -> None:  # type: ignore[no-untyped-def]
    desktop.shutdown()
    ran: list[str] = []
    desktop.background.run(lambda _token: ran.append("late"))
    assert ran == [] and not desktop.background.busy


POLICY_TEXT = (
    "示例区贯彻落实标准化发展纲要实施方案\n一、主要任务\n（一）完善标准体系\n"
    "1.制定地方标准10项以上。（区市场监管局负责）\n2.开展标准化试点。（区发展改革委负责）\n")


def _policy_file(tmp_path: Path) -> Path:
    source = tmp_path / "示例区实施方案.txt"
    source.write_text(POLICY_TEXT, encoding="utf-8")
    return source


def test_import_shows_progress_then_the_preview(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    dialog = ImportPreview(window.service, window.background, window)
    dialog.show()
    seen: list[tuple[float, str, bool]] = []
    show = dialog.progress.on_progress

    def watch(fraction: float, message: str) -> None:
        show(fraction, message)
        seen.append((fraction, dialog.summary.text(),
                     dialog.progress.isVisible() and not dialog.title.isEnabled()))
        if len(seen) == 2:
            screenshot(dialog, "import-reading")

    dialog.progress.on_progress = watch
    dialog.load(_policy_file(tmp_path))
    assert [f for f, _, _ in seen] == [0.05, 0.4, 1.0] and all(v for _, _, v in seen)
    assert "正在读取" in seen[0][1] and "正在识别条款" in seen[1][1]
    assert dialog.title.isEnabled() and dialog.title.text()
    assert dialog.document is not None and not dialog.progress.isVisible()
    dialog.year.setValue(2023)  # the text gives none: Save waits for the user's choice
    assert dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    dialog.close()


def test_cancelled_import_leaves_the_workspace_unchanged(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.storage.workspace import Workspace
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    documents_before = set(window.service.data.documents)
    dialog = ImportPreview(window.service, window.background, window)
    dialog.show()
    show = dialog.progress.on_progress

    def cancel_on_first_step(fraction: float, message: str) -> None:
        show(fraction, message)
        dialog.progress.cancel_button.click()

    dialog.progress.on_progress = cancel_on_first_step
    dialog.load(_policy_file(tmp_path))
    assert dialog.document is None
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert "已取消" in dialog.summary.text() and not dialog.progress.isVisible()
    assert not dialog.title.isEnabled() and dialog.other_file.isEnabled()
    screenshot(dialog, "import-cancelled")
    dialog.save()  # nothing parsed: Save (were it pressed) imports nothing
    assert set(window.service.data.documents) == documents_before
    with Workspace.open(window.service.data.path, read_only=True) as workspace:
        assert set(workspace.document_ids()) == documents_before


def test_closing_the_import_dialog_while_reading_stops_it(qtbot, desktop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With a real thread: the dialog closes at once; the late result is dropped."""
    from checklist_app.ui.dialogs.import_preview import ImportPreview
    from checklist_app.ui.workers import JobRunner, background_pool

    runner = JobRunner(background_pool())
    dialog = ImportPreview(desktop.service, runner, desktop.window)
    dialog.show()
    dialog.load(_policy_file(tmp_path))
    job = dialog.job
    dialog.reject()
    assert job is None or job.token.cancelled
    assert runner.wait(10_000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert dialog.document is None and dialog.job is None


def test_the_backup_on_open_comes_after_the_data(qtbot, workspace_path: Path,
                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.app import build
    from checklist_app.settings import Settings
    from checklist_app.storage.workspace import Workspace
    from checklist_app.ui.workers import InlinePool

    order: list[str] = []
    backup = Workspace.backup

    def recorded(self, label: str = "", progress=None) -> Path:  # type: ignore[no-untyped-def]
        order.append("backup")
        return backup(self, label, progress)

    monkeypatch.setattr(Workspace, "backup", recorded)
    app = build(Settings(), writer=InlinePool(), background=InlinePool())
    qtbot.addWidget(app.window)
    app.service.opened.connect(lambda: order.append("opened"))
    app.window.open_workspace(workspace_path)
    assert order == ["opened", "backup"]  # the data on screen first, then the copy
    assert list_backups(_backup_folder(app))
    app.service.close()


def test_a_failed_backup_on_open_is_a_notice(qtbot, workspace_path: Path,
                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from checklist_app.storage.errors import StorageError
    from checklist_app.storage.workspace import Workspace

    def full_disk(self, label: str = "", progress=None) -> Path:  # type: ignore[no-untyped-def]
        raise StorageError("磁盘已满。")

    monkeypatch.setattr(Workspace, "backup", full_disk)
    app = shown_app(qtbot)
    app.window.open_workspace(workspace_path)
    notice = app.window.banner.notice
    assert notice.isVisible() and "磁盘已满" in notice.label.text()
    assert app.service.data is not None and app.service.data.editable  # work goes on
    app.service.close()


def test_the_progress_message_is_read_beside_the_bar_not_cut_inside_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Inside the 200-pixel bar a Chinese step was cut after a dozen characters."""
    from checklist_app.ui.widgets.job_progress import MESSAGE_WIDTH, JobProgress

    progress = JobProgress()
    qtbot.addWidget(progress)
    progress.begin("正在生成报告")
    step = "正在写入附件1自查自评表检查项明细第十二页"
    progress.on_progress(0.5, step)
    assert progress.bar.text() == "50%"
    assert progress.label.text() == f"正在生成报告：{step}"
    progress.on_progress(0.6, step * 6)  # far too long: elided, whole in the tooltip
    assert progress.label.fontMetrics().horizontalAdvance(progress.label.text()) <= MESSAGE_WIDTH
    assert "…" in progress.label.text() and tooltip_text(progress.label.toolTip()).endswith(step)
