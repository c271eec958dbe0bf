"""Evidence and documents from the command line, as an office user sees them (zh_CN)."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from docx import Document as WordDocument

from checklist_app.cli import main
from checklist_app.importer import load_document
from checklist_app.storage.workspace import Workspace
from tests.cli.conftest import ITEM
from tests.conftest import REPO_ROOT


def test_attach_refuses_an_empty_file(db: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "空白.pdf").touch()
    assert main(["attach", db, ITEM, str(tmp_path / "空白.pdf")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("checklist：") and "空白.pdf" in error and "空文件" in error
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.evidence(1) == {}
        assert workspace.db.execute("SELECT count(*) FROM contents").fetchone()[0] == 0


def test_attach_of_several_files_with_a_bad_one_attaches_none(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Staff are told every refused file and why; nothing is half-attached; they retry."""
    files = [tmp_path / name for name in ("a.pdf", "b.txt", "empty.pdf", "会议照片.png")]
    files[0].write_bytes(b"%PDF-1.4 sample")
    files[1].write_text("会议纪要", encoding="utf-8")
    files[2].touch()
    files[3].write_bytes(bytes.fromhex("89504e470d0a1a0a") + bytes(64))
    missing = tmp_path / "通知.pdf"
    assert main(["attach", db, ITEM, *map(str, files), str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "checklist：所选的 5 个文件中有 2 个不能作为佐证材料，因此全部未添加。"
        "请处理或去掉下列文件后重新添加：",
        f"1. “{files[2]}”是空文件（0 字节），不能作为佐证材料，该文件未添加。请选择有内容的文件。",
        f"2. “{missing}”不存在（可能已被移动或删除），该文件未添加。请检查文件位置后重新添加。"]
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.evidence(1) == {}
        assert workspace.db.execute("SELECT count(*) FROM contents").fetchone()[0] == 0
    files[2].write_text("补充材料", encoding="utf-8")
    assert main(["attach", db, ITEM, *map(str, files), "--json"]) == 0
    assert [e["file_name"] for e in json.loads(capsys.readouterr().out)] == [
        "a.pdf", "b.txt", "empty.pdf", "会议照片.png"]


def test_attach_of_a_folder_attaches_the_files_in_it(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "会议材料"
    (folder / "签到").mkdir(parents=True)
    (folder / "纪要.txt").write_text("会议纪要", encoding="utf-8")
    (folder / "签到" / "签到表.txt").write_text("签到", encoding="utf-8")
    (folder / "Thumbs.db").write_bytes(b"cache")
    (tmp_path / "空").mkdir()
    assert main(["attach", db, ITEM, str(folder), str(tmp_path / "空"), "--json"]) == 0
    captured = capsys.readouterr()
    assert [e["file_name"] for e in json.loads(captured.out)] == ["纪要.txt", "签到表.txt"]
    assert "空" in captured.err and "没有可添加的文件" in captured.err


def test_attach_warns_when_content_contradicts_the_name(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "通知.pdf").write_text("这是一份文字通知，不是PDF。", encoding="utf-8")
    (tmp_path / "纪要.txt").write_text("会议纪要", encoding="utf-8")
    assert main(["attach", db, ITEM, str(tmp_path / "通知.pdf"), str(tmp_path / "纪要.txt"),
                 "--json"]) == 0
    captured = capsys.readouterr()
    attached = json.loads(captured.out)
    assert [e["mime_type"] for e in attached] == ["text/plain", "text/plain"]
    warnings = captured.err.strip().splitlines()
    assert warnings == ["checklist：警告：“通知.pdf”的扩展名是 .pdf，但内容是纯文本。"
                        "文件已按原样添加，请确认是否选对了文件。"]


def test_attach_warns_that_a_large_file_weighs_on_the_workspace(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A 120 MB video went into the workspace (and its ten backups) without a word."""
    monkeypatch.setattr("checklist_app.storage.evidence.LARGE_FILE", 4096)
    (tmp_path / "现场录像.mp4").write_bytes(b"\0\0\0\x18ftypmp42" + bytes(6000))
    (tmp_path / "纪要.txt").write_text("会议纪要", encoding="utf-8")
    assert main(["attach", db, ITEM, str(tmp_path / "现场录像.mp4"),
                 str(tmp_path / "纪要.txt")]) == 0
    warnings = capsys.readouterr().err.strip().splitlines()
    assert warnings == ["checklist：警告：“现场录像.mp4”较大（5.9 KB）。"
                        "佐证材料保存在工作区文件中，工作区文件及其每份备份都会随之增大；"
                        "可改为添加截短或压缩后的文件。"]


def _revised_wenzhou(folder: Path) -> Path:
    """The shipped Wenzhou checklist with the text of one task changed."""
    data = json.loads((REPO_ROOT / "checklists" / "wenzhou-2017.checklist.json").read_text(
        encoding="utf-8"))
    task = next(n for n in data["nodes"] if n["checkable"])
    task["text"] += "每年開展一次評估。"
    path = folder / "wenzhou-2017.checklist.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_says_new_unchanged_or_revised(db: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workspace", "import", db, "wenzhou-2017"]) == 0
    nodes = len(load_document("wenzhou-2017").nodes)
    assert capsys.readouterr().out == f"wenzhou-2017：新文件，已导入 {nodes} 个条款。\n"
    assert main(["workspace", "import", db, "wenzhou-2017", "chongqing-2022"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "wenzhou-2017：工作区中已有该文件，内容未变，未导入任何内容。",
        "chongqing-2022：工作区中已有该文件，内容未变，未导入任何内容。"]
    revised = _revised_wenzhou(tmp_path)
    assert main(["workspace", "import", db, str(revised)]) == 0
    assert capsys.readouterr().out == ("wenzhou-2017：已更新为第 2 版：1 个条款有改动并已标记"
                                       "待复核，新增 0 个，删除 0 个。\n")
    assert main(["workspace", "import", db, str(revised), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"id": "wenzhou-2017",
                                                    "outcome": "unchanged"}]
    with Workspace.open(db, read_only=True) as workspace:
        assert [e.action for e in workspace.audit_log(entity="document",
                                                      entity_id="wenzhou-2017")] == [
            "import", "revise"]


def test_import_json_lists_what_changed(db: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workspace", "import", db, "wenzhou-2017", "--json"]) == 0
    [new] = json.loads(capsys.readouterr().out)
    assert (new["outcome"], new["revision"], new["changed"]) == ("new", 1, [])
    assert main(["workspace", "import", db, str(_revised_wenzhou(tmp_path)), "--json"]) == 0
    [revised] = json.loads(capsys.readouterr().out)
    task = next(n for n in load_document("wenzhou-2017").nodes if n.checkable)
    assert (revised["outcome"], revised["revision"], revised["changed"]) == (
        "revised", 2, [task.id])


def _annex3_rows(docx_path: Path) -> list[list[str]]:
    """The rows of 附件3 佐证材料目录 in the Word copy of the report."""
    word = WordDocument(str(docx_path))
    [table] = [t for t in word.tables if t.rows[0].cells[0].text == "序号"
               and any("SHA" in c.text for c in t.rows[0].cells)]
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def test_export_index_matches_the_report(db: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Attach in an order unlike the checklist's; the folder's index numbers as 附件3 does."""
    files = tmp_path / "files"
    files.mkdir()
    late, early = "chongqing-2022/二/(一)/1", ITEM
    for name, text in (("总结.txt", "总结"), ("台账.csv", "a,b\n"), ("=SUM(A1).txt", "x")):
        (files / name).write_text(text, encoding="utf-8")
    assert main(["attach", db, late, str(files / "总结.txt"), str(files / "台账.csv")]) == 0
    assert main(["attach", db, early, str(files / "=SUM(A1).txt"), str(files / "台账.csv")]) == 0
    report = tmp_path / "report"
    assert main(["report", db, "--out", str(report.with_suffix(".pdf")),
                 "--docx", str(report.with_suffix(".docx"))]) == 0
    capsys.readouterr()
    out = tmp_path / "导出"
    assert main(["evidence", "export", db, str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == (f"已将 3 个佐证材料文件导出到“{out}”，"
                         "目录见 佐证材料目录.csv 和 佐证材料目录.txt。")
    assert main(["evidence", "export", db, str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"已将 3 个佐证材料文件导出到“{out}”，目录见 佐证材料目录.csv 和 佐证材料目录.txt。"
        "其中 3 个文件在该文件夹中已有内容相同的一份，未重复写入。")
    assert len(list(out.iterdir())) == 5
    assert [line.split(maxsplit=1) for line in lines[:-1]] == [
        ["序号", "文件名"], ["1", str(out.resolve() / "=SUM(A1).txt")],
        ["2", str(out.resolve() / "台账.csv")], ["3", str(out.resolve() / "总结.txt")]]
    with (out / "佐证材料目录.csv").open(encoding="utf-8-sig", newline="") as file:
        header, *rows = list(csv.reader(file))
    assert header == ["序号", "导出文件名", "原文件名", "大小（字节）", "SHA-256", "对应检查项",
                      "提交人", "提交时间", "说明"]
    annex3 = _annex3_rows(report.with_suffix(".docx"))
    assert [[r[0], r[4], r[5].split("；"), r[2].removeprefix("'")] for r in rows] == [
        [a[0], a[2], a[6].split("\n"), a[1]] for a in annex3]  # number, SHA-256, items, name
    assert rows[0][1:3] == ["'=SUM(A1).txt", "'=SUM(A1).txt"]
    assert rows[1][5] == "一、（二）发展目标；二、（一）1.以科技创新提升标准水平"  # as printed
    text = (out / "佐证材料目录.txt").read_bytes().decode("utf-8-sig")
    assert "共 3 个文件，编号与自查报告所附佐证材料目录一致。" in text
    assert "\r\n2. 台账.csv\r\n   原文件名：台账.csv\r\n   大小：4 字节\r\n" in text


def test_attach_confirms_each_file_readably(db: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    minutes, table = tmp_path / "纪要.txt", tmp_path / "表.csv"
    minutes.write_text("会议纪要", encoding="utf-8")
    table.write_bytes(b"a,b\n" * 600)
    short = {path: hashlib.sha256(path.read_bytes()).hexdigest()[:12] for path in (minutes, table)}
    assert main(["attach", db, ITEM, str(minutes), str(table)]) == 0
    item = "“一、(二) 发展目标”"
    assert capsys.readouterr().out.splitlines() == [
        f"已将“纪要.txt”（12 字节，SHA-256 {short[minutes]}）添加到{item}，佐证材料编号 1。",
        f"已将“表.csv”（2.3 KB，SHA-256 {short[table]}）添加到{item}，佐证材料编号 2。",
    ]
    monkeypatch.setenv("CHECKLIST_APP_LANG", "en")
    assert main(["attach", db, "chongqing-2022/二/(一)/1", str(minutes)]) == 0
    assert capsys.readouterr().out == (f"Attached 纪要.txt (12 B, SHA-256 {short[minutes]}) to "
                                       "二、(一)1. 以科技创新提升标准水平 as evidence 1.\n")


@pytest.mark.parametrize(("target", "reason"), [
    ("a-file", "该位置已有同名文件"), ("a-file/inside", "其上级路径中有一项是文件而不是文件夹")])
def test_export_into_a_place_that_is_no_folder_is_said_not_a_traceback(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str,
        reason: str) -> None:
    """It ended in FileExistsError / NotADirectoryError and exit code 1."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert main(["evidence", "export", db, str(tmp_path / target)]) == 2
    err = capsys.readouterr().err
    assert f"无法把佐证材料写入 {tmp_path / target}：{reason}。" in err
    assert "Traceback" not in err and "Error" not in err


def test_importing_several_files_with_a_missing_one_imports_none(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The files before the missing one were imported, those after it not."""
    good = tmp_path / "鹿城办法.txt"
    good.write_text("鹿城区标准化工作办法（2023年）\n一、总体要求\n（一）加强领导。明确责任。\n",
                    encoding="utf-8")
    with Workspace.open(db, read_only=True) as workspace:
        before = workspace.document_ids()
    assert main(["workspace", "import", db, str(good), str(tmp_path / "none.txt")]) == 2
    assert "none.txt" in capsys.readouterr().err
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.document_ids() == before


def test_control_characters_in_file_names_never_reach_the_terminal(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name holding ESC [31m turned the terminal red; a newline broke the list's rows."""
    hostile = tmp_path / "红\x1b[31m字\x07\n第二行.txt"
    hostile.write_text("内容", encoding="utf-8")
    assert main(["attach", db, ITEM, str(hostile)]) == 0
    assert main(["evidence", "list", db]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "红\\u001b[31m字\\u0007\\u000a第二行.txt" in out
    assert len(out.splitlines()) == 3  # the attach line, the list's header and one row


def test_importing_several_files_with_a_refused_one_imports_none(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file refused for its content (here: the title of a document already there) left
    the files before it imported."""
    good = tmp_path / "鹿城办法.txt"
    good.write_text("鹿城区标准化工作办法（2023年）\n一、总体要求\n（一）加强领导。明确责任。\n",
                    encoding="utf-8")
    twin = tmp_path / "重庆意见副本.txt"
    twin.write_text("重庆市人民政府办公厅关于贯彻落实国家标准化发展纲要的实施意见\n"
                    "渝府办发〔2022〕89号\n一、总体要求\n（一）加强领导。明确责任。\n",
                    encoding="utf-8")
    with Workspace.open(db, read_only=True) as workspace:
        before = workspace.document_ids()
    assert main(["workspace", "import", db, str(good), str(twin)]) == 2
    assert "重庆意见副本.txt" in capsys.readouterr().err
    with Workspace.open(db, read_only=True) as workspace:
        assert workspace.document_ids() == before


def test_an_export_with_a_damaged_file_exports_the_others_and_says_which(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The export stopped at the damaged file, leaving no index."""
    import sqlite3
    from contextlib import closing

    for name in ("方案.txt", "批复.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
        assert main(["attach", db, ITEM, str(tmp_path / name)]) == 0
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE chunks SET data = x'00' WHERE content_id = (SELECT content_id "
                     "FROM evidence WHERE file_name = '批复.txt')")
        conn.commit()
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["evidence", "export", db, str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["佐证材料目录.csv", "佐证材料目录.txt",
                                                     "方案.txt"]
    err = capsys.readouterr().err
    assert err.startswith("checklist：警告：工作区中有 1 份佐证材料已损坏") and "批复.txt" in err


def test_describe_sets_what_a_file_shows_and_the_report_prints_it(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """attach --description was the only way to describe a file, and only as it came in."""
    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("纪要", encoding="utf-8")
    assert main(["attach", db, ITEM, str(minutes)]) == 0
    assert main(["evidence", "describe", db, ITEM, "1", "第三季度\n推进会纪要"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "佐证材料 1（会议纪要.txt）的说明已设为“第三季度 推进会纪要”。")
    assert main(["evidence", "list", db, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[ITEM][0]["description"] == "第三季度 推进会纪要"
    assert main(["evidence", "describe", db, "chongqing-2022/二/(一)/2", "1", "x"]) != 0
    assert "该检查项在此期没有佐证材料" in capsys.readouterr().err  # the file is not its
    assert main(["evidence", "describe", db, ITEM, "1", ""]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "佐证材料 1（会议纪要.txt）的说明已清除。"
