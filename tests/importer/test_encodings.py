"""Text in the encodings offices send, and files of other formats named as what they are."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import docx
import pytest

from checklist_app.importer import DocumentError, parse_file
from checklist_app.importer.reading import Unreadable, decode_text, read_source_text

TRADITIONAL = ("某某區人民政府關於貫徹落實國家標準化發展綱要的實施方案\n（2023年5月1日）\n"
               "一、總體要求\n（一）指導思想。堅持全面推進標準化工作。\n二、重點任務\n"
               "（一）加強標準化工作。制定地方標準10項以上。（區市場監管局負責）\n")
PLAN = ("某某区标准化工作方案（2023年）\n一、重点任务\n（一）加强标准化工作。"
        "制定地方标准10项以上。（区市场监管局负责）\n")


def written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_source_text(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    return caught.value


def test_big5_text_is_read_as_big5_not_as_garbled_gbk(tmp_path: Path) -> None:
    """Big5 bytes decode as GB18030 too: 琘琘跋チ現┎… with Private Use Area characters."""
    path = written(tmp_path, "big5.txt", TRADITIONAL.encode("cp950"))
    assert read_source_text(path) == TRADITIONAL
    document = parse_file(path)
    assert document.title == "某某區人民政府關於貫徹落實國家標準化發展綱要的實施方案"
    assert [node.label for node in document.nodes] == ["一、", "(一)", "二、", "(一)"]


def test_text_garbled_in_gbk_and_big5_alike_is_refused(tmp_path: Path) -> None:
    """Big5 with a GBK character in it (人 is C8CB, no Big5): neither reading is text."""
    data = TRADITIONAL.encode("cp950") + "人".encode("gbk") + b"\n"
    error = refusal(written(tmp_path, "mixed.txt", data))
    assert error.kind is Unreadable.ENCODING
    assert "乱码" in str(error) and "UTF-8" in str(error)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16"])
def test_chinese_encodings_still_read(tmp_path: Path, encoding: str) -> None:
    for text in (PLAN, TRADITIONAL, PLAN + "──────────\n附：α、β两类指标\n"):
        path = written(tmp_path, f"{encoding}.txt", text.encode(encoding))
        assert read_source_text(path) == text, (encoding, text[:20])


@pytest.mark.parametrize(("data", "line", "marked"), [
    (PLAN.encode("utf-16") + b"\x00", 4, "UTF-16"),  # an odd byte: the file cut short
    (PLAN.encode("utf-16")[:-4] + b"\x00\xd8" + "\n".encode("utf-16-le"), 3,
     "UTF-16"),  # a lone surrogate
    (b"\xef\xbb\xbf" + PLAN[:30].encode() + PLAN[30:].encode("gbk"), 3,
     "UTF-8"),  # half saved as GBK
    (b"\xef\xbb\xbf" + PLAN[:30].replace("\n", "\r").encode() + PLAN[30:].encode("gbk"), 3,
     "UTF-8"),  # old Mac line ends
])
def test_text_that_breaks_the_encoding_its_mark_names_is_refused(
        tmp_path: Path, data: bytes, line: int, marked: str) -> None:
    """UTF-16 cut short raised UnicodeDecodeError (a traceback); UTF-8 with a GBK half was
    read with replacement characters, 30 of 70 clauses, and no word of it."""
    assert PLAN[:30].count("\n") == 2  # the GBK half starts on line 3
    error = refusal(written(tmp_path, "plan.txt", data))
    assert error.kind is Unreadable.ENCODING
    assert f"标明为 {marked} 编码" in str(error) and f"第{line}行" in str(error)
    assert "另存为 UTF-8" in str(error)


def test_gb18030_four_byte_characters_stay_gb18030() -> None:
    text = PLAN + "㐀䶵𠀀\n"
    assert decode_text(text.encode("gb18030")) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(tmp_path: Path, encoding: str) -> None:
    path = written(tmp_path, "plan.txt", PLAN.encode(encoding))
    assert read_source_text(path) == PLAN
    assert parse_file(path).title == "某某区标准化工作方案(2023年)"


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,  # an even length with NULs, decoding to no text
    "一、任务\n".encode() + b"\x00" + "(一)做事。\n".encode(),  # a NUL in UTF-8 text
])
def test_binary_content_is_still_refused(tmp_path: Path, data: bytes) -> None:
    assert refusal(written(tmp_path, "data.txt", data)).kind is Unreadable.BINARY


@pytest.mark.parametrize("name", ["plan.doc", "plan.docx", "plan.txt"])
def test_an_old_word_document_is_named_with_what_to_do(tmp_path: Path, name: str) -> None:
    """A .doc said 不是文本文件（含有二进制内容）, also when renamed to .docx."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\x01\x02" * 500
    error = refusal(written(tmp_path, name, ole))
    assert error.kind is Unreadable.OLD_WORD
    assert "旧版 Word" in str(error) and "另存为" in str(error) and ".docx" in str(error)
    assert "二进制" not in str(error)


def test_a_pdf_is_named_with_what_to_do(tmp_path: Path) -> None:
    """A PDF was told to save itself as UTF-8."""
    pdf = b"%PDF-1.4\n%\x93\x8c\x8b\x9e ReportLab\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256))
    for name in ("policy.pdf", "policy.txt"):
        error = refusal(written(tmp_path, name, pdf))
        assert error.kind is Unreadable.PDF
        assert "PDF" in str(error) and ".docx" in str(error) and ".txt" in str(error)
        assert "UTF-8" not in str(error)


def test_a_damaged_docx_that_is_no_zip_is_named_a_damaged_word_file(tmp_path: Path) -> None:
    """坏文件.docx (its bytes no zip) was told it held binary content and to choose a .txt
    or .docx file: it is one."""
    damaged = written(tmp_path, "坏文件.docx", bytes(range(256)) * 8)
    error = refusal(damaged)
    assert error.kind is Unreadable.NOT_DOCX and "二进制" not in str(error)
    renamed = written(tmp_path, "其实是文本.docx", PLAN.encode("utf-8"))
    assert read_source_text(renamed) == PLAN  # text named .docx still reads


def test_a_real_docx_still_reads(tmp_path: Path) -> None:
    word = docx.Document()
    for line in PLAN.splitlines():
        word.add_paragraph(line)
    word.save(str(tmp_path / "plan.docx"))
    assert read_source_text(tmp_path / "plan.docx") == PLAN.rstrip("\n")


def _altered_docx(tmp_path: Path, part: str, change) -> Path:  # type: ignore[no-untyped-def]
    """The plan as a .docx whose ``part`` is replaced by ``change(its bytes)``."""
    import zipfile

    word = docx.Document()
    word.add_paragraph("1.编号列表", style="List Number")  # a numbering part to break
    for line in PLAN.splitlines():
        word.add_paragraph(line)
    word.save(str(tmp_path / "good.docx"))
    altered = tmp_path / "计划.docx"
    with zipfile.ZipFile(tmp_path / "good.docx") as source, \
            zipfile.ZipFile(altered, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, change(data) if info.filename == part else data)
    return altered


@pytest.mark.parametrize(("part", "change"), [
    ("word/document.xml", lambda data: data[:len(data) // 2]),  # cut short
    ("word/numbering.xml", lambda data: data[:len(data) // 2]),
    ("[Content_Types].xml", lambda data: b"<junk/>"),  # a foreign part list
    ("word/document.xml", lambda data: b"<?xml version='1.0'?><x/>"),  # not Word's XML
])
def test_a_damaged_docx_is_named_not_a_traceback(tmp_path: Path, part: str, change) -> None:  # type: ignore[no-untyped-def]
    """lxml's XMLSyntaxError and python-docx's AttributeError escaped as tracebacks."""
    error = refusal(_altered_docx(tmp_path, part, change))
    assert error.kind is Unreadable.NOT_DOCX
    assert "不是 Word .docx 文件，或文件已损坏" in str(error)


@pytest.mark.parametrize("part", ["word/document.xml", "word/_rels/document.xml.rels"])
def test_a_docx_unpacking_to_more_than_a_document_is_refused_unread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: str) -> None:
    """137 KB unpacking to 20 million characters took 2 GB and half a minute to read; only
    .xml parts were counted, and python-docx reads the .rels as well."""
    monkeypatch.setattr("checklist_app.importer.reading.MAX_UNPACKED_BYTES", 1024 * 1024)
    padding = b"<!--" + b" " * (2 * 1024 * 1024) + b"-->"

    def padded(data: bytes) -> bytes:
        declaration_end = data.index(b"?>") + 2
        return data[:declaration_end] + padding + data[declaration_end:]

    bomb = _altered_docx(tmp_path, part, padded)
    assert bomb.stat().st_size < 100 * 1024
    error = refusal(bomb)
    assert error.kind is Unreadable.TOO_LARGE and "解压后" in str(error)


def test_text_with_a_binary_tail_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "拼接.txt"
    source.write_bytes("一、总体要求\n".encode() * 800 + b"\x00\x01\x02binary")
    with pytest.raises(DocumentError) as caught:
        read_source_text(source)
    assert caught.value.kind is Unreadable.BINARY


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "方案.txt"
    os.mkfifo(pipe)
    with pytest.raises(DocumentError, match="设备或管道"):
        read_source_text(pipe)  # opening it would wait for a writer for ever


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_an_endless_device_is_refused_unread(tmp_path: Path) -> None:
    link = tmp_path / "方案.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(DocumentError, match="设备或管道"):
        read_source_text(link)


def test_a_file_that_cannot_be_read_says_why_in_the_users_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "方案.txt"
    source.write_text("一、总体要求")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(DocumentError) as caught:
        read_source_text(source)
    assert "没有权限" in str(caught.value) and "Permission" not in str(caught.value)


def test_control_characters_are_dropped_and_word_breaks_end_lines(tmp_path: Path) -> None:
    """An escape sequence in a heading reached the terminal through `checklist parse` (and
    the tables and the report); Word's line and page breaks in saved text joined lines."""
    source = written(tmp_path, "方案.txt", "某区标准化方案\n一、总体要求\x1b[31m\x07\x9b\n"
                     "（一）完善体系。\x0b（二）强化实施。\x0c二、保障措施\n".encode())
    text = read_source_text(source)
    assert not any((ord(c) < 0x20 and c != "\n") or 0x7f <= ord(c) <= 0x9f for c in text)
    assert text.splitlines() == ["某区标准化方案", "一、总体要求[31m", "（一）完善体系。",
                                 "（二）强化实施。", "二、保障措施"]
