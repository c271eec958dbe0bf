"""Evidence opened with the system viewer goes through temporary copies, deleted when the app
exits, or at the next start when a run could not delete them (it crashed, say)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from checklist_app.ui.widgets.evidence_list import ViewerCopies
from tests.ui.conftest import FIRST_ITEM

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]
CRASHING_RUN = """
import os, sys
from pathlib import Path
from checklist_app.ui.widgets.evidence_list import ViewerCopies
folder = ViewerCopies(Path(sys.argv[1])).new_folder()
(folder / "合同.pdf").write_bytes(b"%PDF-1.4 secret")
os._exit(3)  # a crash: no clean-up
"""


def test_copies_of_a_run_go_at_exit_and_a_crashed_run_at_the_next_start(tmp_path: Path) -> None:
    root = tmp_path / "opened"
    crashed = subprocess.run([sys.executable, "-c", CRASHING_RUN, str(root)], cwd=REPO,
                             env={"PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
                             capture_output=True, check=False)
    assert crashed.returncode == 3, crashed.stderr
    left = list(root.iterdir())
    assert len(left) == 1 and list(left[0].rglob("合同.pdf"))

    running = ViewerCopies(root)  # another copy of the app, still open
    first, second = running.new_folder(), running.new_folder()
    assert first != second and first.parent == second.parent
    (first / "照片.png").write_bytes(b"png")

    starting = ViewerCopies(root)  # the next start
    assert starting.remove_stale() == left  # the crashed run's, not the running one's
    assert (first / "照片.png").exists()
    running.remove()  # the running copy exits
    assert not first.parent.exists() and list(root.iterdir()) == []


def test_opening_evidence_hands_a_copy_that_shutdown_deletes(desktop, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    scan = tmp_path / "通知.txt"
    scan.write_text("关于开展标准化工作的通知", encoding="utf-8")
    opened = _attach_and_open(desktop, tmp_path, monkeypatch, scan)
    assert len(opened) == 1 and opened[0].name == "通知.txt"
    assert opened[0].read_text(encoding="utf-8") == "关于开展标准化工作的通知"
    assert tmp_path / "opened" in opened[0].parents
    desktop.shutdown()
    assert not opened[0].exists() and list((tmp_path / "opened").iterdir()) == []


def test_a_name_windows_refuses_is_opened_under_a_safe_one(desktop, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch) -> None:
    scan = tmp_path / "会议纪要:第1号?.txt"  # attached on Linux, opened on Windows
    scan.write_text("纪要", encoding="utf-8")
    opened = _attach_and_open(desktop, tmp_path, monkeypatch, scan)
    assert [path.name for path in opened] == ["会议纪要_第1号_.txt"]
    assert opened[0].read_text(encoding="utf-8") == "纪要"


def _attach_and_open(desktop, tmp_path: Path, monkeypatch, scan: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """Attach ``scan`` to the first item and open it as the Open button does; the paths
    handed to the system viewer (copies under tmp_path/opened)."""
    desktop.viewer_copies.root = tmp_path / "opened"
    opened: list[Path] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(Path(url.toLocalFile())) or True)
    window = desktop.window
    window.attach_files(FIRST_ITEM, [scan])
    assert window.select_node(FIRST_ITEM)
    evidence = window.item_pane.evidence
    evidence.view.setCurrentIndex(evidence.model.index(0, 0))
    evidence.open_selected()
    return opened


def test_a_copy_that_cannot_be_written_is_said_in_plain_words(desktop, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    """The temporary folder full (or not writable): 程序内部出错 and a traceback."""
    scan = tmp_path / "通知.txt"
    scan.write_text("通知", encoding="utf-8")
    (tmp_path / "opened").write_text("a file where the copies' folder goes")
    opened = _attach_and_open(desktop, tmp_path, monkeypatch, scan)
    error = desktop.window.banner.error
    assert opened == [] and error.isVisibleTo(desktop.window)
    assert error.label.text().startswith("无法复制出“通知.txt”以打开") and \
        not error.details.isVisibleTo(desktop.window)

    monkeypatch.setattr(ViewerCopies, "new_folder", lambda _self: tmp_path / "gone" / "x")
    desktop.window.banner.clear_messages()
    desktop.window.item_pane.evidence.open_selected()  # the copy itself cannot be written
    assert error.isVisibleTo(desktop.window) and "无法复制出" in error.label.text()
    assert not error.details.isVisibleTo(desktop.window)
