"""What offices receive: other encodings, line ends, full-width punctuation, .docx, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklist_app.importer import SHIPPED_IDS, DocumentError, parse_file, parse_text
from checklist_app.importer.checklist_file import document_to_dict, read_checklist
from checklist_app.importer.shipped import checklist_path, source_path

ASCII_TO_FULLWIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})


def tree(path: Path, doc_id: str) -> dict:
    data = document_to_dict(parse_file(path, doc_id))
    data["document"].pop("source")
    return data


def variant(tmp_path: Path, doc_id: str, name: str, data: bytes) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    return path


def full_width(text: str) -> str:
    """Full-width parentheses and commas, task numbers as 1．"""
    import re

    text = text.translate(ASCII_TO_FULLWIDTH)
    return re.sub(r"(?m)^(\d{1,2})\.", lambda m: f"{m.group(1)}．", text)


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_variants_give_the_same_tree(tmp_path: Path, doc_id: str) -> None:
    text = source_path(doc_id).read_text(encoding="utf-8")
    expected = tree(source_path(doc_id), doc_id)
    variants = {
        "gb18030": text.encode("gb18030"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "fullwidth": full_width(text).encode("utf-8"),
        "all": b"\xef\xbb\xbf" + full_width(text).replace("\n", "\r\n").encode("utf-8"),
    }
    for name, data in variants.items():
        assert tree(variant(tmp_path, doc_id, name, data), doc_id) == expected, name


def test_task_numbers_with_ideographic_comma(tmp_path: Path) -> None:
    text = "一、主要任务\n(一)第一组。\n1、第一项任务。做事。\n2、第二项任务。做另一件事。\n"
    doc = parse_text(text, "t")
    assert [n.label for n in doc.nodes] == ["一、", "(一)", "1.", "2."]


def test_docx_input_gives_the_same_tree(tmp_path: Path) -> None:
    text = source_path("chongqing-2022").read_text(encoding="utf-8")
    word = docx.Document()
    for line in text.split("\n"):
        word.add_paragraph(line)
    path = tmp_path / "chongqing-2022.docx"
    word.save(str(path))
    assert tree(path, "chongqing-2022") == tree(source_path("chongqing-2022"), "chongqing-2022")


def test_docx_table_cells_are_read(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("一、主要任务")
    word.add_paragraph("(一)推进工作。按计划推进。")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "表格单元"
    table.rows[0].cells[1].text = "另一单元"
    path = tmp_path / "table.docx"
    word.save(str(path))
    doc = parse_file(path)
    assert "表格单元" in doc.nodes[-1].text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\r\n ", "empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
        ("fake.docx", b"PK\x03\x04" + bytes(100), "docx"),
        ("notes.txt", "随便写的几句话,没有编号。".encode(), "headings"),
    ],
)
def test_bad_input_gets_a_one_line_error(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert name in message and "\n" not in message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"not found|找不到"):
        parse_file(tmp_path / "missing.txt")
    with pytest.raises(DocumentError):
        parse_file(tmp_path)


def test_checklist_schema_error_names_file_line_and_field(tmp_path: Path) -> None:
    data = json.loads(checklist_path("wenzhou-2017").read_text(encoding="utf-8"))
    data["nodes"][3]["level"] = "chapter"
    path = tmp_path / "broken.checklist.json"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_checklist(path)
    message = str(caught.value)
    expected_line = next(
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if '"level": "chapter"' in line
    )
    assert f"broken.checklist.json:{expected_line}:" in message
    assert "nodes/3/level" in message


def test_a_checklist_files_text_loses_control_characters(tmp_path: Path) -> None:
    """An escaped \\u001b in a title reached the terminal through checklist parse."""
    data = json.loads(checklist_path("wenzhou-2017").read_text(encoding="utf-8"))
    data["nodes"][3]["title"] += "\u001b[31m\u0007"
    data["nodes"][3]["text"] += "\u0085"
    path = tmp_path / "esc.checklist.json"
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    node = read_checklist(path).nodes[3]
    assert node.title.endswith("[31m") and "\x1b" not in node.title and "\x07" not in node.title
    assert "\x85" not in node.text


def test_checklist_invalid_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.checklist.json"
    path.write_text('{\n  "format": "checklist-app/checklist",\n  oops\n}', encoding="utf-8")
    with pytest.raises(DocumentError, match=r"bad.checklist.json:3:"):
        read_checklist(path)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(
            list("一二三四五六七八九十、()（）.．1234567890。;；,，\n ")
            + list("标准化工作市局负责按职责分工以上%项到年")
        )
        | st.characters(),
        max_size=400,
    )
)
def test_parser_never_crashes(text: str) -> None:
    try:
        doc = parse_text(text, "fuzz")
    except DocumentError:
        return
    ids = [node.id for node in doc.nodes]
    assert len(ids) == len(set(ids))


def test_a_target_in_a_one_line_task_is_found() -> None:
    """Short local plans put the whole task in the numbered line: 1.制定地方标准10项以上。"""
    document = parse_text("示例区实施方案\n一、主要任务\n（一）完善标准体系\n"
                          "1．制定地方标准10项以上。（区市场监管局负责）\n"
                          "2．开展标准化试点。（区发展改革委负责）\n", "sample")
    first, second = document.checkable_nodes()
    assert [(t.value, t.unit, t.comparator.value) for t in first.targets] == [(10, "项", ">=")]
    assert not second.targets
