"""The workspace commands as a user runs them: init, assess, set, attach, export, verify,
backup, restore."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.cli.common import display_width, format_table
from checklist_app.cli.workspace_cmd import parse_status
from checklist_app.core import ItemStatus
from checklist_app.storage.assessments import no_such_target
from checklist_app.storage.workspace import Workspace
from tests.cli.conftest import ITEM


def output(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out


def output_err(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().err


def test_assess_new_says_what_it_started(db: str, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence for people (the db fixture checks the one with a period); scripts read
    --json."""
    assert main(["assess", "new", db, "--checklist", "liaoning-2022",
                 "--office", "辽宁省市场监督管理局"]) == 0
    assert output(capsys) == ("已新建自查自评 2：辽宁省市场监督管理局，"
                              "依据《关于贯彻〈国家标准化发展纲要〉的实施意见》。\n")
    assert main(["assess", "new", db, "--checklist", "wenzhou-2017", "--office", "温州市局",
                 "--period", "2024年度", "--json"]) == 0
    started = json.loads(output(capsys))
    assert (started["id"], started["office"], started["period"]) == (3, "温州市局", "2024年度")
    monkeypatch.setenv("CHECKLIST_APP_LANG", "en")
    assert main(["assess", "new", db, "--checklist", "national-2021", "--office", "Bureau",
                 "--period", "2024"]) == 0
    assert output(capsys) == ("Started self-assessment 4: Bureau, 2024, "
                              "against 《国家标准化发展纲要》.\n")


@pytest.mark.parametrize(("word", "status"), [("已完成", ItemStatus.DONE),
                                              ("done", ItemStatus.DONE),
                                              ("In progress", ItemStatus.IN_PROGRESS),
                                              ("不适用", ItemStatus.NOT_APPLICABLE)])
def test_status_words(word: str, status: ItemStatus) -> None:
    assert parse_status(word) is status


def test_assess_new_imports_the_documents(db: str) -> None:
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.document_ids() == ["chongqing-2022", "liaoning-2022", "national-2021"]
        assert workspace.assessment(1).provincial_doc_id == "liaoning-2022"


def test_set_with_chinese_status_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, ITEM, "--status", "推进中", "--note", "进行中", "--value", "3",
                 "--json"]) == 0
    state = json.loads(output(capsys))
    assert (state["status"], state["note"]) == ("in_progress", "进行中")
    assert state["actual_values"] == [3]


def test_expected_failures_are_one_line(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, ITEM, "--status", "不适用"]) == 2
    assert main(["set", db, "chongqing-2022/九", "--status", "done"]) == 2
    assert main(["attach", db, ITEM, "missing.pdf"]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("checklist：") for e in errors)
    assert "missing.pdf" in errors[2]
    assert main(["set", db, ITEM, "--status", "不适用", "--justification", "无此职能"]) == 0


def test_attach_export_verify(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "纪要.txt").write_text("会议纪要")
    (tmp_path / "表.csv").write_text("a,b\n")
    assert main(["attach", db, ITEM, str(tmp_path / "纪要.txt"), str(tmp_path / "表.csv"),
                 "--description", "佐证", "--json"]) == 0
    attached = json.loads(output(capsys))
    assert [e["file_name"] for e in attached] == ["纪要.txt", "表.csv"]
    assert main(["evidence", "export", db, str(tmp_path / "out"), "--json"]) == 0
    exported = json.loads(output(capsys))
    assert (tmp_path / "out" / "纪要.txt").read_text() == "会议纪要"
    assert [(f["number"], Path(f["path"]).name) for f in exported["files"]] == [
        (1, "纪要.txt"), (2, "表.csv")]
    assert [Path(path).name for path in exported["index"]] == ["佐证材料目录.csv",
                                                               "佐证材料目录.txt"]
    assert main(["verify", db, "--json"]) == 0
    assert json.loads(output(capsys)) == {"ok": True, "problems": []}


def test_attaching_a_file_again_says_it_is_there_already(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The second attach printed 已将…添加到… as if it had added the file once more."""
    notice = tmp_path / "通知.txt"
    notice.write_text("关于开展标准化工作的通知")
    assert main(["attach", db, ITEM, str(notice)]) == 0
    assert "已将" in output(capsys)
    assert main(["attach", db, ITEM, str(notice)]) == 0
    again = output(capsys)
    assert "已是" in again and "未重复添加" in again and "已将" not in again
    with Workspace.open(db, read_only=True) as workspace:
        assessment = workspace.only_open_assessment()
        assert len(workspace.evidence(assessment.id)[ITEM]) == 1
    copy = tmp_path / "通知（副本）.txt"
    copy.write_text("关于开展标准化工作的通知")
    assert main(["attach", db, ITEM, str(copy)]) == 0  # attached, and the user is told
    assert "内容相同" in output_err(capsys)


def test_verify_fails_on_tampering(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, ITEM, "--status", "done"]) == 0
    with Workspace.open(db) as workspace:
        workspace.db.execute("UPDATE item_states SET note = '改过'")
    assert main(["verify", db]) == 1
    assert ITEM in output(capsys)


def test_edit_close_and_carry_forward(db: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "s2.txt").write_text("主要成效……", encoding="utf-8")
    assert main(["assess", "edit", db, "--section", "1", "--text", "开展情况……"]) == 0
    assert main(["assess", "edit", db, "--section", "2", "--file", str(tmp_path / "s2.txt")]) == 0
    assert main(["set", db, ITEM, "--status", "done"]) == 0
    assert main(["assess", "close", db]) == 0
    assert main(["set", db, ITEM, "--status", "in_progress", "--assessment", "1"]) == 2
    assert main(["assess", "carry-forward", db, "--assessment", "1", "--period", "2025年度"]) == 0
    assert "已将自查自评 1 结转为自查自评 2：" in output(capsys)
    assert main(["assess", "list", db, "--json"]) == 0
    listed = json.loads(output(capsys))
    assert [a["closed_at"] is None for a in listed] == [False, True]
    assert listed[0]["narrative"] == {"1": "开展情况……", "2": "主要成效……"}
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.item_state(2, ITEM).status is ItemStatus.DONE


def test_backup_and_restore(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, ITEM, "--status", "done"]) == 0
    output(capsys)
    assert main(["backup", db]) == 0
    saved = output(capsys).strip().split("：", 1)[1]  # 已备份到：PATH
    assert main(["set", db, ITEM, "--status", "not_started"]) == 0
    assert main(["restore", saved, db]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.item_state(1, ITEM).status is ItemStatus.DONE


def test_backups_are_kept_as_many_as_settings_say(db: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The command line kept ten manual backups whatever Settings said, and trimmed the
    desktop app's automatic ones to ten."""
    from checklist_app.settings import Settings

    Settings(backup_count=2).save()
    made = []
    for _run in range(4):
        assert main(["backup", db]) == 0
        made.append(Path(output(capsys).strip().split("：", 1)[1]))
    kept = sorted(path for path in made[0].parent.iterdir() if "-manual" in path.name)
    assert kept == sorted(made[2:])
    Settings(backup_count="lots").save()  # damaged by hand: the default ten
    for _run in range(2):
        assert main(["backup", db]) == 0
    assert len([p for p in made[0].parent.iterdir() if "-manual" in p.name]) == 4


def test_restore_with_the_workspace_first_is_refused(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """restore DB BACKUP (the order of every other command) copied the workspace over the
    backup once --other-workspace was added as the message advised."""
    assert main(["backup", db]) == 0
    saved = Path(output(capsys).strip().split("：", 1)[1])
    before = saved.read_bytes()
    assert main(["restore", db, str(saved), "--other-workspace"]) == 2
    assert "checklist restore BACKUP DB" in output_err(capsys)
    assert saved.read_bytes() == before


def test_init_refuses_existing_file(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workspace", "init", db]) == 2
    assert db in capsys.readouterr().err


def test_second_process_is_told_and_can_still_read(db: str) -> None:
    """A real second process: the writer lock holds across processes."""
    with Workspace.open(db):
        code = "import sys; from checklist_app.cli import main; sys.exit(main())"
        base = [sys.executable, "-c", code]
        writer = subprocess.run([*base, "set", db, ITEM, "--status", "done"],
                                capture_output=True, text=True, check=False)
        assert writer.returncode == 2 and writer.stderr.count("\n") == 1
        assert "计算机" in writer.stderr and "Traceback" not in writer.stderr  # who holds it
        reader = subprocess.run([*base, "verify", db], capture_output=True, text=True,
                                check=False)
        assert reader.returncode == 0, reader.stderr


def test_evidence_list_remove_and_gc(db: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert main(["attach", db, ITEM, str(tmp_path / "a.txt")]) == 0
    assert main(["evidence", "list", db, "--json"]) == 0
    output(capsys)
    assert main(["evidence", "list", db, "--json"]) == 0
    [found] = json.loads(output(capsys))[ITEM]
    assert main(["evidence", "remove", db, ITEM, str(found["id"])]) == 0
    said = output(capsys)
    assert "a.txt" in said and "移除佐证材料" in said
    assert main(["evidence", "remove", db, ITEM, str(found["id"])]) == 2
    refused = output_err(capsys)  # which assessment was looked at, and what is there
    assert "重庆市市场监管局" in refused and "没有佐证材料" in refused
    assert main(["workspace", "gc", db, "--vacuum"]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.db.execute("SELECT count(*) FROM contents").fetchone()[0] == 0


def test_init_holds_the_shipped_documents(tmp_path: Path) -> None:
    path = str(tmp_path / "office.sqlite")
    assert main(["workspace", "init", path]) == 0
    with Workspace.open(path, read_only=True) as workspace:
        assert len(workspace.document_ids()) == 5 and workspace.mappings()


def test_value_for_a_later_target(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, ITEM, "--status", "推进中", "--value", "20", "--target", "2",
                 "--json"]) == 0
    assert json.loads(output(capsys))["actual_values"] == [None, 20]
    assert main(["set", db, ITEM, "--status", "推进中", "--value", "1", "--target", "0"]) == 2
    assert main(["set", db, ITEM, "--status", "推进中", "--value", "1", "--target", "99"]) == 2
    assert main(["set", db, ITEM, "--status", "推进中", "--target", "2"]) == 2  # no --value
    errors = capsys.readouterr().err
    assert "从 1 开始" in errors and "同时给出 --value" in errors
    assert "checklist：第99项指标不存在：该检查项有10项数值指标。\n" in errors


def test_a_value_for_an_item_without_targets_says_so(
        db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["set", db, "chongqing-2022/二/(一)/1", "--value", "3"]) == 2
    assert output_err(capsys) == "checklist：该检查项没有数值指标，不能填报实际值。\n"
    assert main(["set", db, "chongqing-2022/二/(一)/1", "--value", "-5"]) == 2  # not its sign
    assert output_err(capsys) == "checklist：该检查项没有数值指标，不能填报实际值。\n"
    monkeypatch.setenv("CHECKLIST_APP_LANG", "en")
    assert main(["set", db, ITEM, "--value", "3", "--target", "11"]) == 2
    assert output_err(capsys) == ("checklist: Target 11 does not exist: this item has 10 numeric "
                                  "targets.\n")
    assert no_such_target(2, 1) == "Target 2 does not exist: this item has 1 numeric target."


def test_narrative_from_gb18030_text_and_word(db: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    (tmp_path / "s3.txt").write_bytes("存在问题：标准实施评估滞后。\r\n".encode("gb18030"))
    word = docx.Document()
    word.add_paragraph("下一步：完善评估机制。")
    word.save(str(tmp_path / "s4.docx"))
    assert main(["assess", "edit", db, "--section", "3", "--file", str(tmp_path / "s3.txt")]) == 0
    assert main(["assess", "edit", db, "--section", "4", "--file", str(tmp_path / "s4.docx")]) == 0
    assert main(["assess", "edit", db, "--section", "4", "--file", str(tmp_path / "无.txt")]) == 2
    assert "无.txt" in capsys.readouterr().err
    with Workspace.open(db, read_only=True) as workspace:
        narrative = workspace.assessment(1).narrative
    assert narrative[3] == "存在问题：标准实施评估滞后。"
    assert narrative[4] == "下一步：完善评估机制。"


def test_a_value_alone_keeps_the_status_and_bad_numbers_are_named(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, ITEM, "--status", "推进中"]) == 0
    assert output(capsys).startswith("已记录")
    assert main(["set", db, ITEM, "--value", "52%", "--json"]) == 0
    state = json.loads(output(capsys))
    assert (state["status"], state["actual_values"]) == ("in_progress", [52])
    with pytest.raises(SystemExit) as refused:  # argparse refuses it before anything runs
        main(["set", db, ITEM, "--value", "abc"])
    assert refused.value.code == 2
    assert main(["set", db, ITEM]) == 2
    errors = capsys.readouterr().err
    assert "参数 --value：“abc”不是数字" in errors and "float" not in errors
    assert "没有要记录的内容" in errors


def test_runs_as_a_module_too() -> None:
    """Where the ``checklist`` launcher is not on PATH: ``python -m checklist_app.cli``."""
    done = subprocess.run([sys.executable, "-m", "checklist_app.cli", "--help"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "checklist" in done.stdout and "workspace" in done.stdout


def test_set_confirms_what_it_recorded_in_one_line(
        db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["set", db, ITEM, "--status", "推进中", "--note", "进行中", "--value", "20",
                 "--target", "2"]) == 0
    assert output(capsys) == ("已记录“一、(二) 发展目标”：状态为推进中；备注为“进行中”；"
                              "第2项指标实际值为20个月。\n")
    assert main(["set", db, "chongqing-2022/二/(一)/1", "--status", "不适用",
                 "--justification", "无此职能", "--note", ""]) == 0
    assert output(capsys) == ("已记录“二、(一)1. 以科技创新提升标准水平”：状态为不适用；"
                              "备注已清空；不适用理由为“无此职能”。\n")
    long_note = "按计划推进各项工作。" * 300  # 3,000 characters: not echoed in full
    assert main(["set", db, ITEM, "--note", long_note]) == 0
    said = output(capsys)
    assert "（共3000字）" in said and len(said) < 200
    monkeypatch.setenv("CHECKLIST_APP_LANG", "en")
    assert main(["set", db, ITEM, "--value", "52%"]) == 0
    assert output(capsys) == "Recorded for 一、(二) 发展目标: actual value of target 1 52%.\n"


def test_lists_are_tables_with_a_header(db: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Evidence and assessment lists read as columns under a header, Chinese kept aligned."""
    assert main(["evidence", "list", db]) == 0
    assert output(capsys).strip() == "本次自查自评尚未添加佐证材料。"
    (tmp_path / "检查记录.txt").write_text("x" * 2048)
    assert main(["attach", db, ITEM, str(tmp_path / "检查记录.txt")]) == 0
    output(capsys)
    assert main(["evidence", "list", db]) == 0
    header, row = output(capsys).splitlines()
    assert header.split() == ["检查项", "佐证材料", "校验值", "大小", "文件名"]
    assert row.split()[0] == ITEM and row.endswith("2.0 KB  检查记录.txt")
    assert display_width(header[:header.index("文件名")]) == display_width(
        row[:row.index("检查记录")])  # the file name column starts at the same place
    assert main(["assess", "list", db]) == 0
    header, row = output(capsys).splitlines()
    assert header.split()[:2] == ["序号", "状态"] and row.split()[:2] == ["1", "进行中"]


def test_display_width_counts_chinese_twice() -> None:
    assert display_width("ab") == 2 and display_width("标准") == 4 and display_width("１") == 2
    assert format_table(["编号", "名"], [["1", "甲"], ["10", "乙"]]).splitlines() == [
        "编号  名", "1     甲", "10    乙"]


SOURCES = Path(__file__).parents[2] / "checklists" / "sources"
PLAN_WITHOUT_YEAR = ("某市标准化工作要点\n一、主要任务\n"
                     "1.制定地方标准10项以上。（市市场监管局负责）\n")


def test_a_document_already_there_under_another_name_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped 温州 opinion, imported again from a file of another name, became a second,
    silent copy (温州意见 beside wenzhou-2017)."""
    db = str(tmp_path / "office.sqlite")
    assert main(["workspace", "init", db]) == 0
    again = tmp_path / "温州意见.txt"
    again.write_bytes((SOURCES / "wenzhou-2017.txt").read_bytes())
    capsys.readouterr()
    assert main(["workspace", "import", db, str(again)]) == 2
    err = output_err(capsys)
    assert "wenzhou-2017" in err and "--id wenzhou-2017" in err
    with Workspace.open(db, read_only=True) as workspace:
        assert len(workspace.document_ids()) == 5
    assert main(["workspace", "import", db, str(again), "--id", "wenzhou-2017"]) == 0
    assert "wenzhou-2017" in output(capsys)  # applied as a revision, or unchanged
    with Workspace.open(db, read_only=True) as workspace:
        assert len(workspace.document_ids()) == 5


def test_another_province_under_the_same_title_is_imported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """四川's opinion, titled as 辽宁's word for word, was refused as 辽宁's twin."""
    db = str(tmp_path / "office.sqlite")
    assert main(["workspace", "init", db]) == 0
    sichuan = tmp_path / "四川省实施意见.txt"
    sichuan.write_text((SOURCES / "liaoning-2022.txt").read_text(encoding="utf-8")
                       .replace("辽宁", "四川"), encoding="utf-8")
    capsys.readouterr()
    assert main(["workspace", "import", db, str(sichuan), "--year", "2022"]) == 0
    assert "liaoning-2022" not in output_err(capsys)
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.document("四川省实施意见").region == "四川省"
    again = tmp_path / "辽宁意见.txt"  # 辽宁's own, under another name: still refused
    again.write_bytes((SOURCES / "liaoning-2022.txt").read_bytes())
    assert main(["workspace", "import", db, str(again), "--year", "2022"]) == 2
    assert "--id liaoning-2022" in output_err(capsys)


def test_a_document_without_a_year_needs_one(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The desktop preview waits for a year; the CLI saved the document with none."""
    db = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", db, "--empty"]) == 0
    plan = tmp_path / "要点.txt"
    plan.write_text(PLAN_WITHOUT_YEAR, encoding="utf-8")
    capsys.readouterr()
    assert main(["workspace", "import", db, str(plan)]) == 2
    assert "--year" in output_err(capsys)
    assert main(["assess", "new", db, "--checklist", str(plan), "--office", "某局"]) == 2
    assert "workspace import" in output_err(capsys)
    assert main(["workspace", "import", db, str(plan), "--year", "2024", "--level", "county",
                 "--region", "某市某区", "--id", "yaodian"]) == 0
    err = output_err(capsys)
    assert "市级" not in err  # the level was given: no warning that it was assumed
    with Workspace.open(db, read_only=True) as workspace:
        document = workspace.document("yaodian")
    assert (document.year, document.level.value, document.region) == (2024, "county", "某市某区")
    assert document.nodes[0].id.startswith("yaodian/")


def test_a_region_given_silences_the_warning_about_the_parsed_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--region 沙坪坝区 was stored, yet the template's 某区 was still warned about."""
    db = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", db, "--empty"]) == 0
    plan = tmp_path / "方案.txt"
    plan.write_text("某市某区人民政府关于印发某区标准化方案的通知\n2024年3月1日\n一、主要任务\n"
                    "1.制定地方标准10项以上。（区市场监管局负责）\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["workspace", "import", db, str(plan), "--id", "a"]) == 0
    assert "占位" in output_err(capsys)  # the template's 某区, as parsed
    assert main(["workspace", "import", db, str(plan), "--id", "b", "--region", "沙坪坝区",
                 "--title", "沙坪坝区标准化方案"]) == 0
    assert "占位" not in output_err(capsys)


@pytest.mark.parametrize("kind", ["missing", "folder", "pipe"])
def test_a_file_that_cannot_be_read_is_named_so_also_with_an_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    """With --id, a pipe or a folder named 要点.txt was told that --id applies to .txt and
    .docx files only; without it, what the file is."""
    db = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", db, "--empty"]) == 0
    plan = tmp_path / "要点.txt"
    if kind == "folder":
        plan.mkdir()
    elif kind == "pipe":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes")
        os.mkfifo(plan)
    capsys.readouterr()
    assert main(["workspace", "import", db, str(plan), "--id", "yaodian", "--year", "2024"]) == 2
    err = output_err(capsys)
    assert "--id" not in err
    assert {"missing": "找不到", "folder": "文件夹", "pipe": "管道"}[kind] in err


def test_document_options_describe_one_file(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """--year 2024 --title X with two files gave both the title X (and the second was then
    refused as the first's twin, half the batch imported)."""
    db = str(tmp_path / "w.sqlite")
    assert main(["workspace", "init", db, "--empty"]) == 0
    first, second = tmp_path / "甲.txt", tmp_path / "乙.txt"
    first.write_text(PLAN_WITHOUT_YEAR, encoding="utf-8")
    second.write_text(PLAN_WITHOUT_YEAR.replace("某市", "某区"), encoding="utf-8")
    capsys.readouterr()
    assert main(["workspace", "import", db, str(first), str(second), "--year", "2024",
                 "--title", "X"]) == 2
    assert "--title --year" in output_err(capsys)
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.document_ids() == []
    with pytest.raises(SystemExit):
        main(["workspace", "import", db, str(first), "--year", "99999"])
    assert "1949" in output_err(capsys)


def test_a_count_cannot_be_negative_a_rate_can(db: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """新发布地方标准500项以上（实际-3项） was printed in the report."""
    assert main(["set", db, ITEM, "--value", "-3", "--target", "3"]) == 2  # 10项
    assert "不能为负数" in output_err(capsys)
    assert main(["set", db, ITEM, "--value", "-2", "--target", "1", "--json"]) == 0  # 50%
    assert json.loads(output(capsys))["actual_values"] == [-2]


def test_storage_errors_name_the_commands_that_help(db: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The advice is the command line's own (the desktop app names its menus instead)."""
    empty = tmp_path / "空.sqlite"
    empty.touch()
    assert main(["assess", "list", str(empty)]) == 2
    assert output_err(capsys).strip().endswith(
        "请新建工作区，或选择其他文件。新建工作区的命令：checklist workspace init DB")
    document = tmp_path / "实施方案.txt"
    document.write_text("一、主要任务\n", encoding="utf-8")
    assert main(["assess", "list", str(document)]) == 2
    said = output_err(capsys)
    assert "政策文件要导入工作区" in said and "自查自评 →" not in said
    assert said.strip().endswith("导入方法：checklist workspace import DB DOC")
    data = Path(db).read_bytes()
    truncated = tmp_path / "半个.sqlite"
    truncated.write_bytes(data[:len(data) // 2])
    assert main(["assess", "list", str(truncated)]) == 2
    assert output_err(capsys).strip().endswith(
        "或从备份恢复。从备份恢复的命令：checklist restore BACKUP DB")


def test_restoring_another_workspaces_backup_names_the_option(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "另一个.sqlite"
    assert main(["workspace", "init", "--empty", str(other)]) == 0
    assert main(["backup", str(other)]) == 0
    foreign = output(capsys).strip().splitlines()[-1].split("：", 1)[1]  # 已备份到：PATH
    assert main(["restore", foreign, db]) == 2
    assert output_err(capsys).strip().endswith("如确需恢复该备份，请加 --other-workspace 确认。")


@pytest.mark.parametrize(("typed", "stored"), [("1,250", 1250.0), ("12500.5", 12500.5),
                                               ("1，250", 1250.0)])
def test_values_take_commas_only_between_thousands(db: str, typed: str, stored: float,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set", db, "chongqing-2022/一/(二)", "--value", typed, "--target", "3"]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.item_state(1, "chongqing-2022/一/(二)").actual_values[2] == stored


def test_a_value_with_wan_is_that_many(db: str) -> None:
    """--value 1.2万 for 新自我声明公开企业产品和服务标准10000项以上 was read as 1.2."""
    assert main(["set", db, "chongqing-2022/一/(二)", "--value", "1.2万", "--target", "6"]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.item_state(1, "chongqing-2022/一/(二)").actual_values[5] == 12000


def test_a_decimal_comma_is_refused_not_read_as_thousands(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--value 12,5 was stored as 125, and the report called the target met."""
    with pytest.raises(SystemExit) as exit_:
        main(["set", db, "chongqing-2022/一/(二)", "--value", "12,5"])
    assert exit_.value.code == 2
    said = capsys.readouterr().err
    assert "“12,5”不是数字" in said and "逗号只用于千位分隔（如 1,250）" in said
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.item_state(1, "chongqing-2022/一/(二)").actual_values == ()


def test_set_records_who_is_responsible_and_by_when(db: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The report's 责任单位 and 完成时限 columns could not be filled from the CLI."""
    item = "chongqing-2022/二/(一)/1"
    assert main(["set", db, item, "--department", "标准化处", "--person", "王五",
                 "--due", "2025年12月31日"]) == 0
    assert "责任单位为“标准化处”；责任人为“王五”；完成时限为 2025-12-31" in capsys.readouterr().out
    with Workspace.open(db, read_only=True) as workspace:
        state = workspace.item_state(1, item)
        assert (state.responsible_department, state.responsible_person, state.due_date) == (
            "标准化处", "王五", "2025-12-31")
    assert main(["set", db, item, "--due", "无", "--person", ""]) == 0
    assert "完成时限已清空" in capsys.readouterr().out
    with Workspace.open(db, read_only=True) as workspace:
        state = workspace.item_state(1, item)
        assert (state.responsible_person, state.due_date) == ("", None)
    with pytest.raises(SystemExit) as exit_:
        main(["set", db, item, "--due", "2025-02-30"])
    assert exit_.value.code == 2 and "不是日期" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["set", db, item, "--due", "0001-01-01"])
    assert exit_.value.code == 2 and ("“0001-01-01”未保存为完成时限。日期须在 2000 年至 2099 年"
                                      "之间") in capsys.readouterr().err


@pytest.mark.parametrize(("font", "said"), [
    ("/etc/hostname", "无法嵌入 PDF"), ("nowhere.ttf", "找不到字体文件"), ("x.ttc#a", "# 后应为"),
    ("{folder}", "是文件夹，请给出其中的字体文件"), ("{bundled}#3", "只含一种字体，不是字体集"),
    ("/etc/hostname#3", "无法嵌入 PDF"),  # no font at all, not "one font": leave out #3
    ("{truncated}", "无法嵌入 PDF"),  # a traceback (struct.error) from deep in reportlab
    ("{pipe}", "不是字体文件")])  # said to be missing
def test_a_font_asked_for_that_cannot_be_used_is_refused(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], font: str,
        said: str) -> None:
    """report --font with an unusable file said 'skipped' and exited 0 with another font."""
    import os

    from checklist_app.report.fonts import vera_path
    from checklist_app.resources import resource_path

    truncated = tmp_path / "cut.ttf"
    truncated.write_bytes(vera_path().read_bytes()[:5000])
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.ttf")
    elif font == "{pipe}":
        pytest.skip("no named pipes here")
    font = font.format(folder=tmp_path, bundled=resource_path("fonts", "DroidSansFallbackFull.ttf"),
                       truncated=truncated, pipe=tmp_path / "pipe.ttf")
    out = tmp_path / "r.pdf"
    assert main(["report", db, "--out", str(out), "--font", font]) == 2
    assert said in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("option", ["--out", "--docx"])
def test_a_report_is_never_written_over_a_workspace(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    """A workspace given a .pdf or .docx name was replaced by the report (reading makes no
    backup, so it was lost)."""
    suffix = ".pdf" if option == "--out" else ".docx"
    victim = tmp_path / f"工作区{suffix}"
    shutil.copyfile(db, victim)
    before = victim.read_bytes()
    args = ["report", str(victim), "--out", str(tmp_path / "r.pdf")]
    args += [option, str(victim)] if option == "--docx" else []
    if option == "--out":
        args[3] = str(victim)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"“{victim}”是工作区或其他数据库，不是报告" in err and "未写入任何文件" in err
    assert victim.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(sys.platform != "linux", reason="/proc takes no new files on Linux only")
def test_a_report_that_cannot_be_written_names_the_file_asked_for(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", db, "--out", "/proc/自查报告.pdf"]) == 2
    err = capsys.readouterr().err
    assert "/proc/自查报告.pdf" in err and ".part" not in err and "Errno" not in err


def test_a_justification_for_an_item_that_applies_is_kept_with_a_warning(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    item = "chongqing-2022/二/(一)/1"
    assert main(["set", db, item, "--status", "已完成", "--justification", "本区无此产业"]) == 0
    err = capsys.readouterr().err
    assert "不适用理由已保存，但只在检查项为“不适用”时打印（现为“已完成”）" in err
    assert main(["set", db, item, "--status", "不适用", "--justification", "本区无此产业"]) == 0
    assert capsys.readouterr().err == ""


def test_narrative_from_big5_text_is_not_garbled(db: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Big5 was read as GB18030: section 1 was overwritten with 琘琘跋チ現┎…"""
    text = "本局全面推進標準化工作，制定地方標準12項。"
    (tmp_path / "big5.txt").write_bytes(text.encode("cp950"))
    assert main(["assess", "edit", db, "--section", "1", "--file",
                 str(tmp_path / "big5.txt")]) == 0
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.assessment(1).narrative[1] == text


@pytest.mark.parametrize(("content", "said", "not_said"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "另存为 .docx", "政策文件"),
    (b"PK\x03\x04" + bytes(100), "另存为 .docx", "再导入"),
    (b"  \n", "--text", "政策文件"),
    (b"%PDF-1.4\n" + bytes(range(256)), "PDF", "UTF-8"),
])
def test_narrative_file_problems_speak_of_report_text(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        content: bytes, said: str, not_said: str) -> None:
    """assess edit --file said 请选择 .txt 或 .docx 格式的政策文件 / 另存为 .docx 再导入."""
    path = tmp_path / "正文.docx"
    path.write_bytes(content)
    capsys.readouterr()
    assert main(["assess", "edit", db, "--section", "1", "--file", str(path)]) == 2
    err = output_err(capsys)
    assert "正文.docx" in err and said in err and not_said not in err


DISTRICT_PLAN = ("某区标准化工作要点（2024年）\n一、主要任务\n"
                 "1.制定地方标准10项以上。（区市场监管局负责）\n")


def test_another_document_given_an_existing_id_is_not_applied_silently(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A short district plan imported with --id chongqing-2022 became revision 2 of the city's
    opinion, all its clauses but one removed, without a word."""
    assert main(["set", db, ITEM, "--status", "已完成", "--note", "已纳入评奖范围"]) == 0
    plan = tmp_path / "other.txt"
    plan.write_text(DISTRICT_PLAN, encoding="utf-8")
    capsys.readouterr()
    assert main(["workspace", "import", db, str(plan), "--id", "chongqing-2022"]) == 2
    err = output_err(capsys)
    assert "“某区标准化工作要点(2024年)”" in err and "重庆市人民政府办公厅关于贯彻落实" in err
    assert "70 个条款中的 69 个" in err and "--replace" in err and "未导入" in err
    with Workspace.open(db, read_only=True) as workspace:
        assert len(workspace.document("chongqing-2022").nodes) == 70
        assert workspace.item_state(1, ITEM).note == "已纳入评奖范围"
    assert main(["assess", "new", db, "--checklist", str(tmp_path / "chongqing-2022.txt"),
                 "--office", "某局"]) == 2  # no such file: the id is not taken from it
    named = tmp_path / "chongqing-2022.txt"
    named.write_text(DISTRICT_PLAN, encoding="utf-8")
    capsys.readouterr()
    assert main(["assess", "new", db, "--checklist", str(named), "--office", "某局"]) == 2
    assert f"checklist workspace import {db} {named} --replace" in output_err(capsys)
    assert main(["workspace", "import", db, str(plan), "--id", "chongqing-2022",
                 "--replace"]) == 0
    assert "删除 69 个" in output(capsys)


def test_another_countys_opinion_of_the_same_outline_is_not_applied_as_a_revision(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Opinions share the outline 一、（一）1.: another county's kept nearly every clause id of
    the first and was applied as its revision without a word."""
    def opinion(county: str, verb: str) -> str:
        return (f"{county}人民政府关于贯彻落实标准化发展纲要的实施意见（2023年）\n一、主要任务\n"
                f"（一）{verb}农业标准。\n1.{verb}地方标准10项。（{county}市场监管局负责）\n"
                f"2.{verb}团体标准5项。（{county}农业农村局负责）\n")
    first, second = tmp_path / "甲.txt", tmp_path / "乙.txt"
    first.write_text(opinion("甲县", "完善"), encoding="utf-8")
    second.write_text(opinion("乙县", "推进"), encoding="utf-8")
    assert main(["workspace", "import", db, str(first), "--id", "county"]) == 0
    capsys.readouterr()
    assert main(["workspace", "import", db, str(second), "--id", "county"]) == 2
    err = output_err(capsys)
    assert "将替换 county" in err and "不同地区或发文机关" in err and "--replace" in err
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.document("county").title.startswith("甲县")


def test_a_revision_under_a_new_title_that_keeps_its_clauses_is_applied(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    revised = tmp_path / "revised.txt"
    revised.write_text((SOURCES / "chongqing-2022.txt").read_text(encoding="utf-8")
                       .replace("实施意见\n", "实施意见（修订）\n", 1), encoding="utf-8")
    assert main(["workspace", "import", db, str(revised), "--id", "chongqing-2022"]) == 0
    assert "第 2 版" in output(capsys)


@pytest.mark.parametrize(("typed", "said"), [("chongqing/2022", "“/”"),
                                              ("<script>", "“-”"), ("a b", "“_”")])
def test_a_document_id_that_cannot_be_one_is_refused(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str,
        said: str) -> None:
    """Ids with / broke item ids (document id/label/label); <script> was taken as is."""
    plan = tmp_path / "plan.txt"
    plan.write_text(DISTRICT_PLAN, encoding="utf-8")
    capsys.readouterr()
    with pytest.raises(SystemExit) as refused:
        main(["workspace", "import", db, str(plan), "--id", typed])
    assert refused.value.code == 2
    err = output_err(capsys)
    assert typed in err and said in err and "Traceback" not in err
    with Workspace.open(db, read_only=True) as workspace:
        assert typed not in workspace.document_ids()


def test_a_value_and_a_date_as_a_clerk_writes_them(db: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """--value 12项 and --due 2025年12月底 (a document's own words) were refused."""
    assert main(["set", db, ITEM, "--value", "12项", "--due", "2025年12月底", "--json"]) == 0
    state = json.loads(output(capsys))
    assert state["actual_values"][0] == 12 and state["due_date"] == "2025-12-31"
    with pytest.raises(SystemExit):
        main(["set", db, ITEM, "--value", "十二项"])  # still no number
    assert "“十二项”不是数字" in capsys.readouterr().err


def test_a_command_that_only_reads_upgrades_an_older_workspace_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After updating the app, `checklist report` refused the office's workspace: "open it
    once for writing", with no command that would."""
    import sqlite3
    from contextlib import closing

    data = Path(__file__).resolve().parent.parent / "data"
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(data / "workspace-v3.sqlite", copy)
    pdf = tmp_path / "r.pdf"
    assert main(["report", str(copy), "--assessment", "2", "--out", str(pdf)]) == 0
    err = capsys.readouterr().err
    assert f"已将“{copy}”升级为本版本的格式，升级前的文件保存在" in err
    kept = Path(err.split("升级前的文件保存在 ", 1)[1].split("。", 1)[0])
    with closing(sqlite3.connect(kept)) as old:  # the file as it was, format 3
        assert old.execute("PRAGMA user_version").fetchone()[0] == 3
    assert pdf.is_file()
    assert main(["report", str(copy), "--assessment", "2", "--out", str(pdf)]) == 0
    assert "升级" not in capsys.readouterr().err  # once


def test_verify_and_backup_leave_an_older_workspace_as_it_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """verify would have changed the very file it checks; it says which command upgrades."""
    import sqlite3
    from contextlib import closing

    data = Path(__file__).resolve().parent.parent / "data"
    copy = tmp_path / "w.sqlite"
    shutil.copyfile(data / "workspace-v3.sqlite", copy)
    for command in (["verify", str(copy)], ["backup", str(copy)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "旧版格式" in err and "checklist assess list" in err
    with closing(sqlite3.connect(copy)) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 3


def test_a_folder_as_the_word_copy_leaves_the_pdf_as_it_was(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The folder was found only when the Word copy was moved into place: by then the PDF
    had been replaced."""
    pdf, folder = tmp_path / "自查报告.pdf", tmp_path / "自查报告.docx"
    pdf.write_bytes(b"%PDF-1.4 the copy that was printed and stamped")
    folder.mkdir()
    assert main(["report", db, "--out", str(pdf), "--docx", str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"“{folder}”是文件夹" in err and "未写入任何文件" in err
    assert "例如 自查报告.docx" in err  # not .pdf: it is the Word copy
    assert pdf.read_bytes() == b"%PDF-1.4 the copy that was printed and stamped"
    assert sorted(p.name for p in tmp_path.glob("自查报告*")) == ["自查报告.docx", "自查报告.pdf"]



def test_a_report_of_a_folder_or_a_missing_file_says_which(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder was said not to exist."""
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "r.pdf")]) == 2
    assert f"“{tmp_path}”是文件夹或设备，不是工作区文件" in capsys.readouterr().err
    missing = tmp_path / "无此文件.sqlite"
    assert main(["report", str(missing), "--out", str(tmp_path / "r.pdf")]) == 2
    assert "不存在" in capsys.readouterr().err and not (tmp_path / "r.pdf").exists()


def test_restoring_a_backup_changed_outside_the_app_warns(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3
    from contextlib import closing

    assert main(["set", db, ITEM, "--status", "done"]) == 0
    assert main(["backup", db]) == 0
    saved = output(capsys).strip().splitlines()[-1].split("：", 1)[1]
    with closing(sqlite3.connect(saved)) as conn, conn:
        conn.execute("UPDATE item_states SET status = 'not_started'")
    assert main(["restore", saved, db]) == 0  # the user's call: such a workspace opens too
    err = capsys.readouterr().err
    assert err.startswith("警告：恢复后的工作区未通过校验：") and "在本程序之外" in err
