"""The demo workspace the README's run command opens, and its report."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.core import ItemStatus
from checklist_app.demo import build_demo, ensure_demo_workspace
from checklist_app.importer import SHIPPED_IDS
from checklist_app.storage.workspace import Workspace


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder)
    return folder


def test_demo_workspace_holds_the_five_documents_and_an_assessment(demo_folder: Path) -> None:
    with Workspace.open(demo_folder / "demo.sqlite", read_only=True) as workspace:
        assert sorted(workspace.document_ids()) == sorted(SHIPPED_IDS)
        assessment = workspace.only_open_assessment()
        assert (assessment.checklist_doc_id, assessment.provincial_doc_id,
                assessment.national_doc_id) == ("chongqing-2022", "liaoning-2022",
                                                "national-2021")
        assert all(assessment.narrative.get(section) for section in (1, 2, 3, 4))
        states = workspace.item_states(assessment.id)
        statuses = {state.status for state in states.values()}
        assert {ItemStatus.DONE, ItemStatus.IN_PROGRESS, ItemStatus.NOT_APPLICABLE} <= statuses
        evidence = workspace.evidence(assessment.id)
        names = {item.file_name for files in evidence.values() for item in files}
        assert {".png", ".pdf", ".csv", ".txt"} <= {Path(name).suffix for name in names}
        assert workspace.mappings(["chongqing-2022"])  # curated crosswalk loaded
        assert workspace.verify() == []


def test_demo_report_is_written(demo_folder: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(demo_folder / "report.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "重庆市市场监督管理局" in text
    assert "自查报告" in text


def test_ensure_demo_reuses_the_workspace(tmp_path: Path) -> None:
    first = ensure_demo_workspace(tmp_path)
    stamp = first.stat().st_mtime_ns
    assert ensure_demo_workspace(tmp_path) == first
    assert first.stat().st_mtime_ns == stamp
    assert not list(tmp_path.glob(".*building*"))


def test_demo_command_refuses_to_overwrite(demo_folder: Path, capsys) -> None:
    assert main(["demo", str(demo_folder)]) != 0
    assert "demo.sqlite" in capsys.readouterr().err


def test_demo_command_says_why_a_folder_cannot_be_used(tmp_path: Path, capsys) -> None:
    """A file named as the folder, or a folder that cannot be made: a traceback before."""
    existing = tmp_path / "env.sh"
    existing.write_text("export A=1\n")
    assert main(["demo", str(existing)]) != 0
    assert "是文件而不是文件夹" in capsys.readouterr().err
    assert main(["demo", str(existing / "demo")]) != 0  # under a file: cannot be made
    error = capsys.readouterr().err
    assert "无法在" in error and "生成演示" in error and "Traceback" not in error
