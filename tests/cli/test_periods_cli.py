"""Closing a period and carrying it forward as staff do it, and which assessment a command
works on when ``--assessment`` is left out."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.storage.workspace import Workspace
from tests.cli.conftest import ITEM

OFFICE = "重庆市市场监管局"
TODAY = f"{date.today().year}年{date.today().month}月{date.today().day}日"  # in a sentence
CHECKLIST_TITLE = "重庆市人民政府办公厅关于贯彻落实国家标准化发展纲要的实施意见"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_close_says_so_with_the_local_date(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "assess", "close", db) == (0, (
        f"已于{TODAY}关闭自查自评 1（{OFFICE}，2024年度）：仍可查看和打印，"
        "但不能再修改。如需开始下一期，请用 checklist assess carry-forward 结转。\n"), "")


def test_an_open_assessment_is_not_carried_forward(db: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess", "carry-forward", db, "--period", "2025年度")
    assert (code, out) == (2, "")
    assert err == (f"checklist：自查自评 1（{OFFICE}，2024年度）尚未关闭，不能结转。请先关闭"
                   "（关闭后仍可查看和打印），再结转到下一期。\n")
    code, out, _err = run(capsys, "assess", "list", db, "--json")
    assert [a["closed_at"] for a in json.loads(out)] == [None]


def test_carry_forward_after_closing_needs_no_assessment_id(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The documented way: close, then carry forward; and what carries is said."""
    run(capsys, "set", db, ITEM, "--status", "推进中", "--note", "已起草", "--value", "3")
    run(capsys, "assess", "close", db)
    code, out, err = run(capsys, "assess", "carry-forward", db, "--period", "2025年度")
    assert (code, err) == (0, "")
    assert out == (
        f"已将自查自评 1 结转为自查自评 2：{OFFICE}，2025年度，依据《{CHECKLIST_TITLE}》。\n"
        "各检查项沿用的内容：状态、备注、责任单位和责任人、完成时限。数量指标的实际值不沿用，"
        "需重新填写；佐证材料需重新添加。\n"
        "报告正文（四个部分）和成文日期不沿用，请为新一期重新撰写和填写（assess edit、"
        "assess set --report-date）。\n")
    with Workspace.open(db, read_only=True) as workspace:
        carried = workspace.item_state(2, ITEM)
        assert (carried.status, carried.note, carried.actual_values) == (
            "in_progress", "已起草", ())
    code, out, err = run(capsys, "set", db, ITEM, "--status", "已完成")  # the open one: 2
    assert (code, err) == (0, "")
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.item_state(2, ITEM).status == "done"
        assert workspace.item_state(1, ITEM).status == "in_progress"


def test_with_no_open_assessment_reads_use_the_most_recent(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "assess", "close", db)
    code, out, err = run(capsys, "report", db, "--out", str(tmp_path / "r.pdf"), "--style",
                         "compact")
    assert code == 0 and (tmp_path / "r.pdf").is_file() and "--assessment" not in err
    code, _out, err = run(capsys, "evidence", "list", db)
    assert (code, err) == (0, "")  # the only one: nothing to say
    run(capsys, "assess", "carry-forward", db, "--period", "2025年度")
    run(capsys, "assess", "close", db)
    code, out, err = run(capsys, "evidence", "list", db, "--json")
    assert (code, json.loads(out)) == (0, {})
    assert err == (f"checklist：没有未关闭的自查自评，使用最近的一个：2（{OFFICE}，2025年度），"
                   f"已于{TODAY}关闭。\n")
    code, _out, err = run(capsys, "coverage", db, "--json")
    assert code == 0 and "2（" in err


def test_a_write_to_a_closed_assessment_says_it_is_closed(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "assess", "close", db)
    for argv in (["set", db, ITEM, "--status", "done"],
                 ["assess", "edit", db, "--section", "1", "--text", "x"],
                 ["assess", "close", db]):
        code, _out, err = run(capsys, *argv)
        assert code == 2
        assert err == (f"checklist：自查自评 1（{OFFICE}，2024年度）已于{TODAY}"
                       "关闭，不能再修改。"
                       "如需继续，请将其结转到下一期自查自评。\n")


def test_a_write_to_a_carried_assessment_says_where_the_work_goes_on(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """It said to carry forward the period already carried (carrying again is refused)."""
    run(capsys, "assess", "close", db)
    assert run(capsys, "assess", "carry-forward", db, "--period", "2025年度")[0] == 0
    code, _out, err = run(capsys, "set", db, ITEM, "--status", "done", "--assessment", "1")
    assert code == 2
    assert err == (f"checklist：自查自评 1（{OFFICE}，2024年度）已于{TODAY}"
                   "关闭，不能再修改；"
                   "它已结转到2025年度（第 2 号），请在该期继续填报。\n")
    code, _out, err = run(capsys, "assess", "new", db, "--checklist", "chongqing-2022",
                          "--office", OFFICE, "--period", "2024年度")
    assert code == 2 and "已于" in err and "继续填报该自查自评" not in err


def test_several_open_assessments_are_listed_to_choose_from(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "assess", "new", db, "--checklist", "chongqing-2022", "--office", "另一局",
        "--period", "2024年度")
    code, out, err = run(capsys, "set", db, ITEM, "--status", "done")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == (f"checklist：工作区“{db}”中有 2 个未关闭的自查自评，请指定其中一个。"
                        "请用 --assessment ID 给出其编号：")
    assert lines[1].split() == ["序号", "状态", "单位", "自查期间", "自查依据文件"]
    assert [line.split() for line in lines[2:]] == [
        ["1", "进行中", OFFICE, "2024年度", "chongqing-2022"],
        ["2", "进行中", "另一局", "2024年度", "chongqing-2022"]]
    assert run(capsys, "set", db, ITEM, "--status", "done", "--assessment", "2")[0] == 0


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_an_assessment_is_named_by_its_number_or_its_period(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reprinting last year's report needed `assess list` first: --assessment 2024年度 was
    'int 值无效', and a wrong number did not say which there are."""
    run(capsys, "assess", "close", db)
    assert run(capsys, "assess", "carry-forward", db, "--period", "2025年度")[0] == 0
    out = tmp_path / "r.pdf"
    code, _out, err = run(capsys, "report", db, "--assessment", "２０２４ 年度", "--out", str(out))
    assert code == 0 and "自查期间为2024年度" in "".join(pdf_text(out).split())
    assert run(capsys, "set", db, ITEM, "--note", "x", "--assessment", "02")[0] == 0  # number 2
    assert run(capsys, "set", db, ITEM, "--status", "done", "--assessment", "2025年度")[0] == 0
    code, _out, err = run(capsys, "set", db, ITEM, "--status", "done", "--assessment", "9")
    lines = err.splitlines()
    assert code == 2 and lines[0] == ("checklist：工作区中没有编号或自查期间为“9”的自查自评。"
                                      "现有的自查自评：")
    assert [line.split()[:4] for line in lines[2:]] == [
        ["1", "已关闭", OFFICE, "2024年度"], ["2", "进行中", OFFICE, "2025年度"]]
    code, _out, err = run(capsys, "set", db, ITEM, "--status", "done", "--assessment", "2026年度")
    assert code == 2 and err.startswith(
        "checklist：工作区中没有编号或自查期间为“2026年度”的自查自评")
    run(capsys, "assess", "new", db, "--checklist", "chongqing-2022", "--office", "另一局",
        "--period", "2025年度")
    code, _out, err = run(capsys, "set", db, ITEM, "--status", "done", "--assessment", "2025年度")
    assert code == 2 and err.startswith("checklist：有多个2025年度的自查自评，请用 --assessment ID")
    assert len(err.splitlines()) == 4  # the two of them, under their header


def test_restore_while_the_workspace_is_open_says_to_close_it(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", db]) == 0
    saved = capsys.readouterr().out.strip().split("：", 1)[1]  # 已备份到：PATH
    with Workspace.open(db, user="王芳"):
        code, out, err = run(capsys, "restore", saved, db)
    assert (code, out) == (2, "")
    assert "只读" not in err
    assert err.startswith(f"checklist：工作区“{db}”正在其他程序或其他计算机上打开（王芳，计算机 ")
    assert err.endswith("）。请先在那里关闭它，再恢复；未做任何更改。\n")


def test_an_assessment_started_by_mistake_is_deleted_one_with_work_kept(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # beside the open 2024年度 of the same office and checklist, refused: as a typo's office
    run(capsys, "assess", "new", db, "--checklist", "chongqing-2022",
        "--office", "重庆市市场监督局", "--period", "2099年度", "--preparer", "王五")
    assert run(capsys, "assess", "delete", db, "2") == (
        0, "已删除自查自评 2（重庆市市场监督局，2099年度）。\n", "")
    with Workspace.open(db, read_only=True) as workspace:  # signed by its own 填报人
        assert workspace.audit_log(entity="assessment", entity_id="2")[-1].user == "王五"
    run(capsys, "set", db, ITEM, "--status", "推进中")
    code, out, err = run(capsys, "assess", "delete", db, "1")
    assert (code, out) == (2, "")
    assert err == (f"checklist：自查自评 1（{OFFICE}，2024年度）不能删除：其中已有 1 项检查项记录。"
                   "只有尚未记录任何内容的自查自评才能删除；请改为关闭（关闭后留作记录，仍可打印）。\n")
    code, out, _err = run(capsys, "assess", "list", db, "--json")
    assert [a["id"] for a in json.loads(out)] == [1]


def test_assess_edit_says_what_it_wrote(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """It printed nothing: a script could not tell a write from a no-op."""
    assert run(capsys, "assess", "edit", db, "--section", "2", "--text", "成效明显") == (
        0, f"已写入自查自评 1（{OFFICE}，2024年度）的报告正文第2部分（4 字）。\n", "")
    assert run(capsys, "assess", "edit", db, "--section", "2", "--text", "")[1] == (
        f"已清空自查自评 1（{OFFICE}，2024年度）的报告正文第2部分。\n")


def test_a_second_period_beside_the_open_one_is_refused_with_the_way_on(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess", "new", db, "--checklist", "chongqing-2022",
                         "--office", OFFICE, "--period", "2025年度")
    assert (code, out) == (2, "")
    assert "2024年度自查自评（第 1 号）尚未关闭" in err and "结转到下一期" in err
    code, out, _err = run(capsys, "assess", "list", db, "--json")
    assert [a["period"] for a in json.loads(out)] == ["2024年度"]
