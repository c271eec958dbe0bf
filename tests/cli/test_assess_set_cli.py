"""``checklist assess set``: the office, period, preparer, reviewer and addressee of an
assessment changed after it was started, and the report printing them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from checklist_app.cli import main
from checklist_app.storage.workspace import Workspace

OFFICE = "重庆市市场监管局"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored(db: str):  # type: ignore[no-untyped-def]
    with Workspace.open(db, read_only=True) as workspace:
        return workspace.assessment(1)


def test_set_changes_the_fields_given_and_says_what_it_set(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "assess", "set", db, "--reviewer", " 王五 ", "--addressee",
               "重庆市人民政府") == (0, (
        f"已修改自查自评 1（{OFFICE}，2024年度）："
        "审核人为“王五”；主送机关为“重庆市人民政府”。\n"), "")
    assessment = stored(db)
    assert (assessment.reviewer, assessment.addressee) == ("王五", "重庆市人民政府")
    assert (assessment.office, assessment.period, assessment.preparer) == (OFFICE, "2024年度", "")
    code, out, _err = run(capsys, "assess", "set", db, "--assessment", "1", "--addressee", "",
                          "--period", "2024年", "--json")
    assert code == 0 and json.loads(out)["addressee"] == "" and json.loads(out)["period"] \
        == "2024年"
    assert run(capsys, "assess", "set", db, "--reviewer", "")[1].endswith("审核人已清空。\n")


def test_set_report_date(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The 成文日期: a day as yyyy-mm-dd, refused otherwise with the form to use; "" clears."""
    assert run(capsys, "assess", "set", db, "--report-date", "2025-01-15") == (0, (
        f"已修改自查自评 1（{OFFICE}，2024年度）：成文日期为“2025-01-15”。\n"), "")
    assert stored(db).report_date == "2025-01-15"
    assert run(capsys, "assess", "set", db, "--report-date", "2025-02-30") == (
        2, "", "checklist：成文日期“2025-02-30”不是日期：请按 2025-12-31 的格式填写。\n")
    assert run(capsys, "assess", "set", db, "--report-date", "00010101") == (
        2, "", "checklist：“00010101”未保存为成文日期。"
        "日期须在 2000 年至 2099 年之间，请检查年份。\n")
    assert run(capsys, "assess", "set", db, "--report-date", "")[1].endswith("成文日期已清空。\n")
    assert stored(db).report_date == ""


def test_set_with_nothing_to_set_is_refused(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess", "set", db)
    assert (code, out) == (2, "")
    assert err.startswith("checklist：没有要修改的内容") and "--addressee" in err


def test_set_refuses_what_storage_refuses(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """No office, or the office and period of another assessment: storage's own message."""
    assert run(capsys, "assess", "set", db, "--office", " ") == (
        2, "", "checklist：请填写开展自查自评的单位名称。\n")
    run(capsys, "assess", "close", db)
    assert run(capsys, "assess", "carry-forward", db, "--period", "2025年度")[0] == 0
    code, out, err = run(capsys, "assess", "set", db, "--assessment", "2", "--period", "2024年度")
    assert (code, out) == (2, "") and "2024年度" in err and "（第1号）" in err.replace(" ", "")
    code, _out, err = run(capsys, "assess", "set", db, "--assessment", "1", "--reviewer", "王五")
    assert code == 2 and "关闭，不能再修改" in err and stored(db).reviewer == ""


def test_the_report_prints_the_addressee_set_and_stops_warning(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "r.pdf"
    code, _out, err = run(capsys, "report", db, "--out", str(pdf), "--parts", "body")
    assert code == 0 and "checklist assess set --addressee" in err
    run(capsys, "assess", "set", db, "--addressee", "重庆市人民政府办公厅")
    code, _out, err = run(capsys, "report", db, "--out", str(pdf), "--parts", "body")
    assert code == 0 and "主送机关" not in err and err.count("assess edit --section") == 4
    text = PdfReader(pdf).pages[0].extract_text().replace(" ", "")
    assert "重庆市人民政府办公厅：" in text


def test_set_changes_the_reference_documents(db: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "workspace", "import", db, "guangdong-2018")[0] == 0
    assert run(capsys, "assess", "set", db, "--provincial", "guangdong-2018", "--national",
               "") == (0, (f"已修改自查自评 1（{OFFICE}，2024年度）："
                           "省级对照文件为“guangdong-2018”；国家级对照文件已清空。\n"), "")
    assessment = stored(db)
    assert (assessment.provincial_doc_id, assessment.national_doc_id) == ("guangdong-2018",
                                                                         None)
    code, _out, err = run(capsys, "assess", "set", db, "--provincial", "sichuan-2022")
    assert code == 2 and "sichuan-2022" in err
    assert stored(db).provincial_doc_id == "guangdong-2018"


def test_setting_what_is_there_already_says_nothing_changed(
        db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """It said 已修改 and wrote an audit entry for a value that was already there."""
    assert run(capsys, "assess", "set", db, "--period", "2024年度") == (
        0, f"无需修改：自查自评 1（{OFFICE}，2024年度）的信息已是如此。\n", "")
    with Workspace.open(db, read_only=True) as workspace:
        edits = [e for e in workspace.audit_log(entity="assessment") if e.action == "edit"]
    assert edits == []
