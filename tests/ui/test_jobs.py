"""Long jobs started from the window: backup and import run off the UI thread, with progress
and Cancel; a cancelled job leaves no file and the workspace as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checklist_app.storage.backup import list_backups
from tests.ui.conftest import FIRST_ITEM, screenshot

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
