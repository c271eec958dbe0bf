"""The index (佐证材料目录) written with exported evidence: numbering, content, hostile names."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from checklist_app.report.annex_rows import AnnexRows
from checklist_app.report.content import compute_facts
from checklist_app.report.wording import Wording
from checklist_app.storage.export import DamagedFile, ExportedFile, ExportedIndex, damaged_note
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM, TARGET_ITEM

THIRD_ITEM = "chongqing-2022/二/(一)/3"
DESCRIPTION = "=各区县上报的统计数据，\n按季度汇总" + "。" * 70  # longer than the annex prints
HOSTILE = "=HYPERLINK(\"http://x\")\u202etxt.exe\n第二行\u2028.txt"


def _attach(workspace: Workspace, assessment_id: int, folder: Path, item: str, name: str,
            text: str) -> int:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return workspace.attach(assessment_id, item, path).id


@pytest.fixture
def attached(workspace: Workspace, assessment_id: int, tmp_path: Path) -> dict[str, int]:
    """Evidence attached out of document order, one file supporting two items."""
    files = tmp_path / "files"
    ids = {
        "late": _attach(workspace, assessment_id, files, THIRD_ITEM, "年度总结.txt", "总结"),
        "shared": _attach(workspace, assessment_id, files, TARGET_ITEM, "统计表.csv", "a,b\n"),
        "first": _attach(workspace, assessment_id, files, ITEM, "会议纪要.txt", "纪要"),
        "hostile": _attach(workspace, assessment_id, files / "h", ITEM, "h.txt", "恶意名称"),
    }
    workspace.link_evidence(assessment_id, THIRD_ITEM, ids["shared"])
    workspace.db.execute("UPDATE evidence SET file_name = ? WHERE id = ?",
                         [HOSTILE, ids["hostile"]])
    workspace.db.execute("UPDATE evidence SET file_name = ? WHERE id = ?",
                         ["../../-rm.txt", ids["late"]])
    workspace.db.execute("UPDATE evidence SET description = ? WHERE id = ?",
                         [DESCRIPTION, ids["shared"]])
    return ids


def _export(workspace: Workspace, assessment_id: int, out: Path
            ) -> tuple[list[ExportedFile], list[Path]]:
    written = list(workspace.export_evidence(assessment_id, out))
    files = [f for f in written if isinstance(f, ExportedFile)]
    index = [f.path for f in written if isinstance(f, ExportedIndex)]
    assert written[-2:] == [ExportedIndex(p) for p in index]  # the index comes last
    return files, index


def _unguarded(cell: str) -> str:
    """A cell as written before the apostrophe that keeps Excel from running it."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in "=+-@" else cell


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads Chinese
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


def test_index_numbers_files_as_annex_3_of_the_report(
        workspace: Workspace, assessment_id: int, attached: dict[str, int],
        tmp_path: Path) -> None:
    files, (csv_path, text_path) = _export(workspace, assessment_id, tmp_path / "out")
    facts = compute_facts(workspace.snapshot(assessment_id))
    annex3 = AnnexRows(facts, Wording("en")).evidence().rows
    header, *rows = _csv_rows(csv_path)
    assert header == ["No.", "Exported file name", "Original file name", "Size (bytes)",
                      "SHA-256", "Supports items", "Added by", "Added at", "Description"]
    # number, hash, items, added by / at: the same in the report's table and the index
    assert [[r[0], r[4], r[5].split("；"), r[6], r[7]] for r in rows] == [
        [a[0], a[2], a[6].split("\n"), a[4], a[5]] for a in annex3]
    # the description: whole in the index (on one line, kept from Excel's formulas), and
    # under the file's name in the report, cut
    assert [_unguarded(r[8]) for r in rows] == ["", "", " ".join(DESCRIPTION.split()), ""]
    assert rows[2][8].startswith("'=")
    name, described = annex3[2][1].split("\n")
    assert name == "统计表.csv" and described.startswith("=各区县上报的统计数据， 按季度汇总。")
    assert described.endswith("…") and len(described) == 60
    assert [f.number for f in files] == [1, 2, 3, 4]
    assert [f.evidence.id for f in files] == [attached[k] for k in
                                            ("first", "hostile", "shared", "late")]
    assert [facts.evidence_numbers[f.evidence.id] for f in files] == [1, 2, 3, 4]
    assert rows[2][5] == "二、（一）2.；二、（一）3."  # the shared file supports two items
    for row, exported in zip(rows, files, strict=True):
        data = exported.path.read_bytes()
        assert _unguarded(row[1]) == exported.path.name and row[3] == str(len(data))
        assert row[4] == hashlib.sha256(data).hexdigest() == exported.evidence.sha256
    text = text_path.read_bytes().decode("utf-8-sig")
    assert text.startswith("Evidence index (佐证材料目录)\r\nAssessment: 重庆市市场监管局 2023年度")
    assert "4 files, numbered as in the evidence index of the self-assessment report." in text
    assert ("\r\n3. 统计表.csv\r\n   Original file name: 统计表.csv\r\n   Size: 4 B\r\n"
            f"   SHA-256: {rows[2][4]}\r\n   Supports items: 二、（一）2.；二、（一）3.\r\n"
            "   Added by tester at ") in text
    assert "   Description: =各区县上报的统计数据， 按季度汇总。。" in text


def test_hostile_names_are_made_harmless(workspace: Workspace, assessment_id: int,
                                         attached: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "out"
    files, (csv_path, text_path) = _export(workspace, assessment_id, out)
    assert all(f.path.parent == out.resolve() for f in files)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f.path.name for f in files] + ["evidence index.csv", "evidence index.txt"])
    rows = {int(r[0]): r for r in _csv_rows(csv_path)[1:]}
    hostile, late = rows[2], rows[4]
    # the CSV never starts a cell with a formula character, and holds no raw control or
    # bidi override characters
    assert hostile[2] == "'=HYPERLINK(\"http://x\")\\u202etxt.exe\\u000a第二行\\u2028.txt"
    assert hostile[1] == files[1].path.name == "x_)txt.exe第二行.txt"  # only the last part
    assert (late[1], late[2]) == ("'-rm.txt", "../../-rm.txt")
    text = text_path.read_bytes().decode("utf-8-sig")
    assert not {"\u202e", "\u2028"} & set(text) and "\n第二行" not in text
    assert ("Original file name: =HYPERLINK(\"http://x\")\\u202etxt.exe\\u000a第二行\\u2028.txt"
            in text)
    assert all(len(line) and line[0] in " 0123456789EA" for line in text.split("\r\n") if line)


def test_index_names_are_reserved_before_evidence_names(workspace: Workspace,
                                                        assessment_id: int,
                                                        tmp_path: Path) -> None:
    _attach(workspace, assessment_id, tmp_path / "in", ITEM, "evidence index.csv", "x,y\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "evidence index.txt").write_text("an older index")
    files, index = _export(workspace, assessment_id, tmp_path / "out")
    assert [p.name for p in index] == ["evidence index.csv", "evidence index (2).txt"]
    assert files[0].path.name == "evidence index (2).csv"
    assert files[0].path.read_text() == "x,y\n"
    assert (tmp_path / "out" / "evidence index.txt").read_text() == "an older index"


def test_no_evidence_still_writes_an_empty_index(workspace: Workspace, assessment_id: int,
                                                 tmp_path: Path) -> None:
    files, (csv_path, text_path) = _export(workspace, assessment_id, tmp_path / "out")
    assert files == [] and len(_csv_rows(csv_path)) == 1
    text = text_path.read_bytes().decode("utf-8-sig")
    assert "0 files, numbered as in the evidence index" in text


def test_a_damaged_file_is_listed_as_such_and_the_others_exported(
        workspace: Workspace, assessment_id: int, attached: dict[str, int],
        tmp_path: Path) -> None:
    """One damaged file stopped the export halfway, without an index, its message carrying
    the raw newline of a file name."""
    workspace.db.execute(
        "UPDATE chunks SET data = ? WHERE content_id = (SELECT content_id FROM evidence "
        "WHERE id = ?)", [b"tampered", attached["hostile"]])
    out = tmp_path / "out"
    written = list(workspace.export_evidence(assessment_id, out))
    damaged = [f for f in written if isinstance(f, DamagedFile)]
    assert [f.evidence.id for f in damaged] == [attached["hostile"]]
    assert len([f for f in written if isinstance(f, ExportedFile)]) == 3
    csv_path, _text = (f.path for f in written if isinstance(f, ExportedIndex))
    assert not list(out.glob("*.part")) and not list(out.glob(".*"))
    rows = {row[0]: row for row in _csv_rows(csv_path)[1:]}
    assert rows[str(damaged[0].number)][1] == "(damaged in the workspace: not exported)"
    note = damaged_note(damaged)
    assert "\n" not in note and "\\u2028" in note and "not exported" in note


def test_evidence_of_removed_items_is_not_numbered(workspace: Workspace, assessment_id: int,
                                                   tmp_path: Path) -> None:
    from tests.storage.conftest import chongqing

    removed_item = "chongqing-2022/二/(一)/4"
    _attach(workspace, assessment_id, tmp_path / "in", removed_item, "试点.txt", "试点")
    kept = _attach(workspace, assessment_id, tmp_path / "in", ITEM, "纪要.txt", "纪要")
    workspace.import_document(chongqing(revised=True))  # removes 二/(一)/4
    files, _index = _export(workspace, assessment_id, tmp_path / "out")
    facts = compute_facts(workspace.snapshot(assessment_id))
    assert [(f.number, f.evidence.id) for f in files] == [(1, kept)]
    assert facts.evidence_numbers == {kept: 1}


def test_chosen_files_of_one_name_each_get_their_own(workspace: Workspace, assessment_id: int,
                                                     tmp_path: Path) -> None:
    first = _attach(workspace, assessment_id, tmp_path / "甲", ITEM, "方案.txt", "方案甲")
    second = _attach(workspace, assessment_id, tmp_path / "乙", ITEM, "方案.txt", "方案乙")
    out = tmp_path / "out"
    out.mkdir()
    (out / "方案 (2).TXT").write_text("原有", encoding="utf-8")
    written = workspace.export_evidence_files([first, second, first], out)
    assert [f.path.name for f in written] == ["方案.txt", "方案 (3).txt", "方案.txt"]
    assert [f.path.read_text(encoding="utf-8") for f in written] == ["方案甲", "方案乙", "方案甲"]
    assert [f.already_there for f in written] == [False, False, True]
    assert (out / "方案 (2).TXT").read_text(encoding="utf-8") == "原有"


def test_export_progress_hears_of_each_file_and_may_stop_it(
        workspace: Workspace, assessment_id: int, attached: dict[str, int],
        tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []

    def stop_at_third(done: int, total: int, _name: str) -> None:
        heard.append((done, total))
        if done == 2:
            raise KeyboardInterrupt

    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        list(workspace.export_evidence(assessment_id, out, stop_at_third))
    assert heard == [(0, 4), (1, 4), (2, 4)]
    assert len(list(out.iterdir())) == 2  # the index never lists files that are not there


@pytest.fixture
def beijing_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This computer's clock in Beijing time (POSIX TZ: no time zone database needed)."""
    import time

    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_printed_on_the_computers_clock(beijing_clock: None) -> None:
    """Stored in UTC, they were printed as stored: a change at 09:00 in Beijing read 01:00
    in 附件3 and 附件4."""
    from checklist_app.storage.evidence_index import short_time

    assert short_time("2026-10-01T01:00:00+00:00") == "2026-10-01 09:00"
    assert short_time("2026-09-30T20:30:00+00:00") == "2026-10-01 04:30"  # the next day
    assert short_time("not a time") == "not a time"


def test_a_description_that_repeats_the_name_is_not_printed() -> None:
    """Descriptions set to the file's name (older demo workspaces did) would print it twice."""
    from checklist_app.core import Evidence
    from checklist_app.report.annex_rows import short_description

    def described(text: str) -> Evidence:
        return Evidence(id=1, sha256="0" * 64, file_name="会议纪要.pdf", mime_type="", size=1,
                        description=text)

    assert short_description(described("会议纪要")) == ""
    assert short_description(described(" 会议纪要.pdf ")) == ""
    assert short_description(described("第三季度\n推进会")) == "第三季度 推进会"
