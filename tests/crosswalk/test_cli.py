"""``checklist suggest`` on shipped ids and raw files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checklist_app.cli import main
from checklist_app.crosswalk.files import load_shipped_crosswalks
from checklist_app.importer import shipped_documents
from checklist_app.storage.evidence_index import path_label
from checklist_app.storage.workspace import Workspace, workspace_with_documents
from tests.conftest import SOURCES


def test_suggest_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "wenzhou-2017", "national-2021", "--top", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["suggestions"][0]
    assert first["from"] == "wenzhou-2017/一/(三)"
    assert len(first["candidates"]) == 2
    assert set(first["candidates"][0]) == {"to", "label", "title", "score", "why"}
    assert all(c["to"].startswith("national-2021/") for c in first["candidates"])
    scores = [c["score"] for c in first["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_suggest_raw_file_gives_same_ids(capsys: pytest.CaptureFixture[str]) -> None:
    raw = str(SOURCES / "wenzhou-2017.txt")
    assert main(["suggest", raw, "national-2021", "--json", "--top", "1"]) == 0
    from_raw = json.loads(capsys.readouterr().out)
    assert main(["suggest", "wenzhou-2017", "national-2021", "--json", "--top", "1"]) == 0
    from_id = json.loads(capsys.readouterr().out)
    ids = [[s["from"] for s in data["suggestions"]] for data in (from_raw, from_id)]
    assert ids[0] == ids[1]


def test_suggest_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "chongqing-2022", "national-2021", "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert "chongqing-2022/二/(三)/5" in out
    assert "national-2021/四/(十一)" in out


def test_suggest_unknown_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "no-such-doc", "national-2021"]) == 2
    assert "national-2021" in capsys.readouterr().err


def test_suggest_bad_top(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "wenzhou-2017", "national-2021", "--top", "0"]) == 2


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    """Wenzhou's assessment against the national outline, curated mappings loaded."""
    documents = {d.id: d for d in shipped_documents()}
    path = tmp_path / "ws.checklist-db"
    with workspace_with_documents(path, documents.values(), user="测试") as workspace:
        for crosswalk in load_shipped_crosswalks(documents):
            workspace.save_mappings(crosswalk.mappings)
        workspace.new_assessment(checklist_doc_id="wenzhou-2017", office="温州市市场监管局",
                                 national_doc_id="national-2021")
    return path


def _coverage(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["coverage", str(path), "--json"]) == 0
    [reference] = json.loads(capsys.readouterr().out)["references"]
    return reference


def test_coverage_json(workspace_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reference = _coverage(workspace_path, capsys)
    assert reference["document"] == "national-2021"
    clauses = {c["clause"]: c for c in reference["clauses"]}
    assert len(clauses) == 34
    governance = clauses["national-2021/五/(十八)"]
    assert [i["item"] for i in governance["implementations"]] == ["wenzhou-2017/二/(六)"]
    assert governance["implementations"][0]["status"] == "not_assessed"
    assert "national-2021/四/(十一)" in reference["gaps"]
    assert reference["local_only"] == []
    assert sum(s["clause_count"] for s in reference["sections"]) == 34


def test_coverage_text(workspace_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In Chinese the clauses are quoted in simplified script, as the report quotes them
    (the national text was printed half traditional: 推動行政管理和社會治理标準化建設)."""
    assert main(["coverage", str(workspace_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    item = "二、(六) 推进政府管理标准化（wenzhou-2017/二/(六)）"
    assert f"      {item} [未评估]（对照来源：预置）" in lines
    assert "  五、(十八) 推动行政管理和社会治理标准化建设（national-2021/五/(十八)）" in lines
    gaps = lines[next(i for i, line in enumerate(lines) if "上级任务未承接" in line) + 1:]
    assert "      四、(十一) 建立健全碳达峰、碳中和标准（national-2021/四/(十一)）" in gaps


def test_map_and_unmap(workspace_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    item, clause = "wenzhou-2017/二/(五)", "national-2021/四/(十三)"
    assert main(["map", str(workspace_path), item, clause, "--relation", "intersect",
                 "--note", "资源节约"]) == 0
    implementations = {
        c["clause"]: [i["item"] for i in c["implementations"]]
        for c in _coverage(workspace_path, capsys)["clauses"]
    }
    assert implementations[clause] == [item]
    assert main(["unmap", str(workspace_path), item, clause]) == 0
    assert clause in _coverage(workspace_path, capsys)["gaps"]
    curated = "national-2021/五/(十八)"
    assert main(["unmap", str(workspace_path), "wenzhou-2017/二/(六)", curated]) == 0
    reference = _coverage(workspace_path, capsys)
    assert curated in reference["gaps"]
    # still has provincial counterparts (Liaoning, Guangdong): not a local-only item
    assert reference["local_only"] == []
    capsys.readouterr()
    assert main(["unmap", str(workspace_path), item, clause]) == 2
    assert item in capsys.readouterr().err


def test_coverage_tells_own_actions_from_not_applicable_items(
        workspace_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An item staff declined every upper clause for is the office's own action (自选动作),
    listed as the report lists it; once marked 不适用 it is listed apart, as 附件2 leaves it
    out (the summary counted both as 自选)."""
    item = "wenzhou-2017/二/(九)"
    for clause in ("liaoning-2022/九/(二十四)", "national-2021/七/(二十八)"):
        assert main(["unmap", str(workspace_path), item, clause]) == 0
    reference = _coverage(workspace_path, capsys)
    assert reference["local_only"] == reference["local_only_own"] == [item]
    assert main(["coverage", str(workspace_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    own = lines.index("  自选/特色动作：1 项")
    assert lines[own + 1].startswith("      二、(九) ") and lines[own + 1].endswith(f"（{item}）")
    assert main(["set", str(workspace_path), item, "--status", "不适用",
                 "--justification", "本地无此职责"]) == 0
    reference = _coverage(workspace_path, capsys)
    assert reference["local_only_own"] == []
    assert reference["local_only_not_applicable"] == [item]
    assert main(["coverage", str(workspace_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  自选/特色动作：0 项" in lines
    apart = lines.index("  无上级对应、标记为不适用：1 项")
    assert lines[apart + 1].endswith(f"（{item}）")


def test_map_unknown_node(workspace_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", str(workspace_path), "wenzhou-2017/九", "national-2021/五/(十八)"]) == 2
    assert "wenzhou-2017/九" in capsys.readouterr().err


def test_map_then_unmap_keeps_the_curated_mapping(
    workspace_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Undoing a staff mapping of a pair never removes the shipped (curated) mapping."""
    item, curated = "wenzhou-2017/二/(六)", "national-2021/五/(十八)"
    covered = len(_coverage(workspace_path, capsys)["clauses"]) - len(
        _coverage(workspace_path, capsys)["gaps"])
    assert main(["map", str(workspace_path), item, curated, "--relation", "equal"]) == 0
    assert main(["unmap", str(workspace_path), item, curated]) == 0  # removes the staff row
    reference = _coverage(workspace_path, capsys)
    assert len(reference["clauses"]) - len(reference["gaps"]) == covered
    assert main(["unmap", str(workspace_path), item, curated]) == 0  # now a veto
    assert curated in _coverage(workspace_path, capsys)["gaps"]
    assert main(["map", str(workspace_path), item, curated]) == 0  # and back again
    assert curated not in _coverage(workspace_path, capsys)["gaps"]


def test_coverage_text_is_whole_translated_sentences(
        workspace_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Section, implementation and inferred (via) lines read as sentences in Chinese."""
    with Workspace.open(workspace_path) as workspace:
        provincial = next(m for m in workspace.mappings(["liaoning-2022"])
                          if m.to_node_id.startswith("national-2021/"))
        second = workspace.new_assessment(checklist_doc_id="wenzhou-2017", office="温州市",
                                          provincial_doc_id="liaoning-2022",
                                          national_doc_id="national-2021").id
    item = "wenzhou-2017/二/(六)"
    assert main(["map", str(workspace_path), item, provincial.from_node_id]) == 0
    capsys.readouterr()
    assert main(["coverage", str(workspace_path), "--assessment", str(second)]) == 0
    lines = capsys.readouterr().out.splitlines()
    sections = [line for line in lines if "已覆盖" in line and "完成率" in line]
    assert sections and all(re.fullmatch(r"  \S+ .+：已覆盖 \d+/\d+ 条（\d+%），完成率 \d+%", line)
                            for line in sections)
    implementations = [line for line in lines if line.startswith("      ") and "[" in line]
    pattern = r"      \S+ .+（\S+） \[.+\]（对照来源：(预置|人工设定|推断|系统建议)(，经由 .+)?）"
    assert all(re.fullmatch(pattern, line) for line in implementations)
    with Workspace.open(workspace_path, read_only=True) as workspace:
        liaoning = workspace.document("liaoning-2022")
    via = liaoning.node(provincial.from_node_id)
    assert (f"      二、(六) 推进政府管理标准化（{item}） [未评估]（对照来源：推断，经由 "
            f"{path_label(liaoning, via)} {via.title}）") in implementations
    assert not re.search(r"\b(via|completed|shared)\b", "\n".join(lines))


def test_suggest_text_names_the_shared_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "wenzhou-2017", "national-2021", "--top", "1"]) == 0
    shared = [line for line in capsys.readouterr().out.splitlines() if "共同词语" in line]
    assert shared and all(line.startswith("     共同词语：") for line in shared)


def test_suggest_reads_documents_imported_into_a_workspace(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An office's own document, imported once, was unknown to suggest without its file."""
    db = str(tmp_path / "w.sqlite")
    source = tmp_path / "工作要点.txt"
    source.write_text("成都市标准化工作要点\n一、重点任务\n（一）推进标准化与科技创新互动发展\n"
                      "1.推动科技成果转化为标准，健全科技成果转化为标准的机制。\n",
                      encoding="utf-8")
    assert main(["workspace", "init", db, "--empty"]) == 0
    assert main(["workspace", "import", db, str(source), "--id", "chengdu-2024", "--year",
                 "2024", "--level", "municipal", "--region", "成都市"]) == 0
    source.unlink()  # imported: the file is no longer needed
    capsys.readouterr()
    assert main(["suggest", "chengdu-2024", "national-2021", "--db", db, "--json"]) == 0
    suggestions = json.loads(capsys.readouterr().out)["suggestions"]
    assert [s["from"] for s in suggestions] == ["chengdu-2024/一/(一)/1"]
    assert suggestions[0]["candidates"][0]["to"].startswith("national-2021/")
    assert main(["suggest", "chengdu-2024", "national-2021"]) == 2  # without --db: unknown


def test_suggestions_read_in_simplified(capsys) -> None:  # type: ignore[no-untyped-def]
    """The national text is a partly traditional copy: 發展目标 and 加強标準化 were printed
    as stored, while coverage and the report read in simplified."""
    from checklist_app.importer.normalize import to_simplified

    assert main(["suggest", "wenzhou-2017", "national-2021", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "标准" in out and out == to_simplified(out)
