"""File names and arguments whose bytes are not UTF-8 (a GBK-named file unpacked from a zip
made on Windows) were a traceback: kept, read as GB18030 where they are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.core.names import readable
from checklist_app.storage.workspace import Workspace
from tests.cli.conftest import ITEM

GBK_NAME = os.fsdecode("中文说明.txt".encode("gbk"))  # as Python hands it over on UTF-8 Linux


def test_a_gbk_name_reads_as_its_characters_and_junk_as_replacement() -> None:
    assert readable(GBK_NAME) == "中文说明.txt"
    assert readable(os.fsdecode(b"bad\xffbyte")) == "bad\ufffdbyte"
    assert readable("标准.pdf") == "标准.pdf"
    for name in ("报告报告.pdf", "会议纪要（扫描件）.pdf", "标准化工作总结2024.docx"):
        assert readable(os.fsdecode(name.encode("gbk"))) == name  # pairs made UTF-8 by chance


def test_attaching_a_file_with_a_gbk_name(db: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / GBK_NAME
    source.write_bytes(b"scan")
    assert main(["attach", db, ITEM, str(source), "--description",
                 os.fsdecode("扫描件".encode("gbk"))]) == 0
    assert "已将“中文说明.txt”" in capsys.readouterr().out
    with Workspace.open(db, read_only=True) as workspace:
        [evidence] = workspace.evidence(1)[ITEM]
    assert (evidence.file_name, evidence.description) == ("中文说明.txt", "扫描件")


def test_importing_a_document_with_a_gbk_name(db: str, tmp_path: Path) -> None:
    source = tmp_path / GBK_NAME
    source.write_text("某区方案\n一、重点任务\n1.制定标准。\n", encoding="utf-8")
    assert main(["workspace", "import", db, str(source), "--id", "plan", "--year", "2023"]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.document("plan").source == "中文说明.txt"


def test_a_note_typed_in_a_terminal_not_in_utf8(db: str) -> None:
    assert main(["set", db, ITEM, "--note", os.fsdecode("已完成".encode("gbk"))]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.item_state(1, ITEM).note == "已完成"
