"""What attach makes of the file it is given: unreadable and empty files, and content types."""

from __future__ import annotations

import errno
import io
import os
import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from checklist_app.i18n import reset_language
from checklist_app.storage import evidence as evidence_store
from checklist_app.storage import sniff
from checklist_app.storage.errors import AttachRefusedError, EvidenceFileError
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM

OLE_HEADER = sniff.OLE_SIGNATURE + bytes(1016)  # a Compound File of no particular kind
SQLITE_HEADER = b"SQLite format 3\x00" + bytes(84)
RAR_HEADER = b"Rar!\x1a\x07\x00" + bytes(64)
NEEDS_MODES = pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                                 reason="needs file modes")


def _table_counts(workspace: Workspace) -> list[int]:
    return [workspace.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("contents", "chunks", "evidence", "item_evidence", "audit_log")]


def _image(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, kind)
    return out.getvalue()


def _pdf() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "minutes")
    canvas.save()
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


def _xlsx(part_size: int) -> bytes:
    """The parts of an .xlsx; with large parts ``xl/`` lies beyond the head that is sniffed."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in ("[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "xl/workbook.xml"):
            archive.writestr(name, "<x/>" * (part_size // 4))
    return out.getvalue()


XLSX = _xlsx(16)
XLSX_LATE_PART = _xlsx(8000)


# -- files that cannot be attached ------------------------------------------------------------


def test_empty_file_is_refused_and_nothing_changes(workspace: Workspace, assessment_id: int,
                                                   tmp_path: Path) -> None:
    empty = tmp_path / "会议纪要.pdf"
    empty.touch()
    before = _table_counts(workspace)
    with pytest.raises(EvidenceFileError, match=r"empty \(0 bytes\)") as info:
        workspace.attach(assessment_id, ITEM, empty)
    assert str(empty) in str(info.value) and info.value.path == empty
    assert _table_counts(workspace) == before
    assert workspace.evidence(assessment_id) == {}


@NEEDS_MODES
def test_unreadable_file_gets_a_whole_sentence(workspace: Workspace, assessment_id: int,
                                               tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(EvidenceFileError) as info:
        workspace.attach(assessment_id, ITEM, path)
    assert str(info.value) == (f"You have no permission to read {path}. Ask for access or "
                               "copy the file somewhere you can read it. It was not attached.")


@NEEDS_MODES
def test_file_in_an_unreadable_folder(workspace: Workspace, assessment_id: int,
                                      tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    folder.chmod(0)
    try:
        with pytest.raises(EvidenceFileError, match="no permission to read"):
            workspace.attach(assessment_id, ITEM, folder / "a.txt")
    finally:
        folder.chmod(0o700)


def test_path_through_a_file_does_not_exist(workspace: Workspace, assessment_id: int,
                                            tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(EvidenceFileError, match="does not exist"):
        workspace.attach(assessment_id, ITEM, tmp_path / "a.txt" / "b.pdf")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic link loop")
def test_other_os_errors_are_told_in_the_users_words(workspace: Workspace, assessment_id: int,
                                                     tmp_path: Path) -> None:
    """A loop of links gave the system's English (Too many levels of symbolic links) where
    importing a document names it in the user's language."""
    loop = tmp_path / "loop.pdf"
    loop.symlink_to(loop)
    with pytest.raises(EvidenceFileError) as info:
        workspace.attach(assessment_id, ITEM, loop)
    assert str(info.value) == (f"{loop} cannot be read (its shortcuts (symbolic links) lead in "
                               "a circle), so it was not attached.")


def _deny_reading(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """What opening ``path`` does for a user without read permission (tests may run as root)."""
    real_open = Path.open

    def deny(self: Path, *args, **kwargs):
        if self == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)


def test_permission_denied_even_as_root(workspace: Workspace, assessment_id: int,
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    _deny_reading(monkeypatch, path)
    with pytest.raises(EvidenceFileError, match=r"^You have no permission to read "):
        workspace.attach(assessment_id, ITEM, path)
    assert workspace.evidence(assessment_id) == {}


@pytest.mark.parametrize("case", ["missing", "permission", "folder", "empty"])
def test_refusals_are_in_chinese_without_english(workspace: Workspace, assessment_id: int,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 case: str) -> None:
    monkeypatch.setenv("CHECKLIST_APP_LANG", "zh_CN")
    reset_language()
    path = tmp_path / "证明材料.pdf"
    if case == "permission":
        path.write_text("x")
        _deny_reading(monkeypatch, path)
    elif case == "folder":
        path.mkdir()
    elif case == "empty":
        path.touch()
    with pytest.raises(EvidenceFileError) as info:
        workspace.attach(assessment_id, ITEM, path)
    words = str(info.value).replace(str(path), "")
    assert str(path) in str(info.value)
    assert any("\u4e00" <= c <= "\u9fff" for c in words)
    assert not any("a" <= c.lower() <= "z" for c in words), words


# -- content types -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "mime"), [
    ("报告.pdf", _pdf(), "application/pdf"),
    ("照片.png", _image("PNG"), "image/png"),
    ("照片.jpg", _image("JPEG"), "image/jpeg"),
    ("动图.gif", _image("GIF"), "image/gif"),
    ("纪要.docx", _docx(), sniff.DOCX),
    ("台账.xlsx", XLSX, sniff.XLSX),
    ("台账.xlsx", XLSX_LATE_PART, sniff.XLSX),
    ("台账.zip", XLSX, sniff.XLSX),
    ("纪要.doc", OLE_HEADER, sniff.DOC),
    ("台账.xls", OLE_HEADER, sniff.XLS),
    ("台账.et", OLE_HEADER, sniff.OLE),
    ("纪要.doc", b"{\\rtf1\\ansi hello}", sniff.DOC),  # Word saves RTF as .doc
    ("说明.txt", "会议纪要".encode(), "text/plain"),
    ("说明.txt", "会议纪要，第二次会议".encode("gbk"), "text/plain"),
    ("名单.csv", "姓名,单位\n".encode(), "text/csv"),
    ("照片.dat", _image("PNG"), "image/png"),
    ("无扩展名", "文字".encode(), "text/plain"),
    ("无扩展名", bytes(range(256)), "application/octet-stream"),
    # the system's MIME table names these otherwise than their signature: no warning
    ("台账.sqlite", SQLITE_HEADER, "application/x-sqlite3"),
    ("台账.db", SQLITE_HEADER, "application/x-sqlite3"),
    ("材料.rar", RAR_HEADER, "application/x-rar-compressed"),
])
def test_mime_type_follows_matching_content(workspace: Workspace, assessment_id: int,
                                            tmp_path: Path, name: str, content: bytes,
                                            mime: str) -> None:
    (tmp_path / name).write_bytes(content)
    found = workspace.attach(assessment_id, ITEM, tmp_path / name)
    assert found.mime_type == mime
    assert sniff.mismatch_warning(found.file_name, found.mime_type) is None


@pytest.mark.parametrize(("name", "content", "mime", "warning"), [
    ("报告.pdf", "这不是PDF，只是文字。".encode(), "text/plain", "holds plain text"),
    ("报告.pdf", _image("PNG"), "image/png", "its content is PNG"),
    ("纪要.docx", XLSX, sniff.XLSX, r"its content is Excel \(.xlsx\)"),
    ("台账.xlsx", OLE_HEADER, sniff.OLE, "its content is Office 97-2003 / WPS"),
    ("照片.jpg", os.urandom(64).replace(b"\0", b"\1"), "application/octet-stream",
     "content is not a .jpg file"),
    ("表格.xls", b"<html><table><tr><td>1</td></tr></table></html>", "text/plain",
     "holds plain text"),
    ("报告.pdf", SQLITE_HEADER, "application/x-sqlite3", "its content is SQLite"),
    ("报告.pdf", b"7z\xbc\xaf\x27\x1c" + bytes(64), "application/x-7z-compressed",
     r"its content is \.7z\."),  # a format users know by its extension, not a MIME type
])
def test_contradicting_content_is_stored_as_what_it_is(workspace: Workspace,
                                                       assessment_id: int, tmp_path: Path,
                                                       name: str, content: bytes, mime: str,
                                                       warning: str) -> None:
    (tmp_path / name).write_bytes(content)
    found = workspace.attach(assessment_id, ITEM, tmp_path / name)
    assert (found.file_name, found.mime_type) == (name, mime)
    message = sniff.mismatch_warning(found.file_name, found.mime_type)
    assert message is not None and name in message
    assert re.search(warning, message)
    assert b"".join(workspace.read_evidence(found.id)) == content


def test_text_cut_inside_a_character_is_still_text() -> None:
    head = ("标准化" * 3000).encode()[:8192]
    assert len(head) == 8192 and sniff.is_text(head)
    assert sniff.is_text(("标准化" * 3000).encode("gb18030")[:8191])
    assert not sniff.is_text(b"\xff\xfftext" + "标准".encode()[:-1] + b"\xff")
    assert not sniff.is_text(b"text\x00with a NUL")
    assert not sniff.is_text(b"\x01\x02\x03\x04binary")


def test_same_bytes_under_another_text_name_get_no_warning(workspace: Workspace,
                                                           assessment_id: int,
                                                           tmp_path: Path) -> None:
    """The content is stored once, with the type of its first name: text/csv fits .txt."""
    for name in ("名单.csv", "名单.txt"):
        (tmp_path / name).write_text("姓名,单位\n", encoding="utf-8")
    first = workspace.attach(assessment_id, ITEM, tmp_path / "名单.csv")
    second = workspace.attach(assessment_id, ITEM, tmp_path / "名单.txt")
    assert (first.mime_type, second.mime_type) == ("text/csv", "text/csv")
    assert sniff.mismatch_warning(second.file_name, second.mime_type) is None
    assert sniff.mismatch_warning("名单.pdf", second.mime_type) is not None


# -- several files at once ----------------------------------------------------------------------


def _batch(folder: Path) -> dict[str, Path]:
    """Two good files, then an empty one, a folder and a missing one, then a good photo."""
    paths = {name: folder / name for name in
             ("a.pdf", "b.txt", "empty.pdf", "材料", "missing.doc", "会议照片.png")}
    paths["a.pdf"].write_bytes(_pdf())
    paths["b.txt"].write_text("会议纪要", encoding="utf-8")
    paths["empty.pdf"].touch()
    paths["材料"].mkdir()
    paths["会议照片.png"].write_bytes(_image("PNG"))
    return paths


def test_a_batch_with_refused_files_attaches_none(workspace: Workspace, assessment_id: int,
                                                  tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    before = _table_counts(workspace)
    with pytest.raises(AttachRefusedError) as info:
        workspace.attach_files(assessment_id, ITEM, list(paths.values()))
    assert _table_counts(workspace) == before
    assert workspace.evidence(assessment_id) == {}
    header, *lines = str(info.value).splitlines()
    assert header == ("3 of the 6 files cannot be attached, so none of them was attached. "
                      "Fix or leave out these files, then attach again:")
    assert lines == [
        f"1. {paths['empty.pdf']} is empty (0 bytes): an empty file proves nothing. "
        "It was not attached.",
        f"2. {paths['材料']} is a folder. Attach the files inside it instead.",
        f"3. {paths['missing.doc']} does not exist (moved or deleted?). It was not attached."]
    assert [error.path for error in info.value.refused] == [
        paths["empty.pdf"], paths["材料"], paths["missing.doc"]]


def test_a_batch_refuses_a_file_too_large(workspace: Workspace, assessment_id: int,
                                          tmp_path: Path) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.bin"
    small.write_text("x")
    large.write_bytes(b"x" * 3 * (1 << 20))
    workspace.max_file_size = 2 << 20
    with pytest.raises(AttachRefusedError, match=r"^1 of the 2 files .* this file, then") as info:
        workspace.attach_files(assessment_id, ITEM, [small, large])
    assert str(info.value).splitlines()[1] == (
        f"1. {large} is 3.0 MiB, more than the 2 MiB allowed per file. Split or compress it.")
    assert workspace.evidence(assessment_id) == {}


def test_a_file_just_over_the_limit_is_not_said_to_be_the_limit(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    """It read "2 MiB, more than the 2 MiB allowed"."""
    large = tmp_path / "large.bin"
    large.write_bytes(b"x" * ((2 << 20) + 1))
    workspace.max_file_size = 2 << 20
    with pytest.raises(EvidenceFileError, match=r"is 2\.1 MiB, more than the 2 MiB allowed"):
        workspace.attach(assessment_id, ITEM, large)


def test_a_good_batch_is_attached_whole_in_order(workspace: Workspace, assessment_id: int,
                                                 tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    good = [paths[name] for name in ("a.pdf", "b.txt", "会议照片.png")]
    seen: list[tuple[str, int, int]] = []
    attached = workspace.attach_files(assessment_id, ITEM, good, description="2024年",
                                      progress=lambda path, done, total: seen.append(
                                          (path.name, done, total)))
    assert [e.file_name for e in attached] == ["a.pdf", "b.txt", "会议照片.png"]
    assert workspace.evidence(assessment_id)[ITEM] == attached
    assert {e.description for e in attached} == {"2024年"}
    total = sum(path.stat().st_size for path in good)
    assert [name for name, _done, _total in seen] == ["a.pdf", "b.txt", "会议照片.png"]
    assert seen[-1][1:] == (total, total)


def test_a_file_failing_while_stored_rolls_the_batch_back(
        workspace: Workspace, assessment_id: int, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The first file is stored when the second cannot be read to the end: neither stays."""
    paths = _batch(tmp_path)
    before = _table_counts(workspace)
    real_read = evidence_store._read

    def failing_read(file: io.BufferedReader, path: Path) -> bytes:
        if path.name == "b.txt":
            raise EvidenceFileError(f"{path} could not be read", path)
        return real_read(file, path)

    monkeypatch.setattr(evidence_store, "_read", failing_read)
    with pytest.raises(AttachRefusedError) as info:
        workspace.attach_files(assessment_id, ITEM, [paths["a.pdf"], paths["b.txt"]])
    assert str(info.value).splitlines() == [
        "1 of the 2 files cannot be attached, so none of them was attached. "
        "Fix or leave out this file, then attach again:",
        f"1. {paths['b.txt']} could not be read"]
    assert _table_counts(workspace) == before


def test_a_single_refused_file_keeps_its_own_message(workspace: Workspace, assessment_id: int,
                                                     tmp_path: Path) -> None:
    empty = _batch(tmp_path)["empty.pdf"]
    with pytest.raises(EvidenceFileError) as info:
        workspace.attach_files(assessment_id, ITEM, [empty])
    assert not isinstance(info.value, AttachRefusedError)
    assert str(info.value).startswith(f"{empty} is empty (0 bytes)")


@pytest.mark.parametrize(("name", "head"), [
    ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56)),
    ("helper.dll", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56)),
    ("安装包.msi", sniff.OLE_SIGNATURE + bytes(56)),
    ("run.bat", "@echo off\r\necho 自查\r\n".encode("gb18030")),
    ("sync.ps1", b"Write-Host 'ok'\n"),
    ("tool.vbs", b"MsgBox \"ok\"\r\n"),
], ids=["exe", "dll", "msi", "bat", "ps1", "vbs"])
def test_programs_and_scripts_that_are_what_they_say_get_no_warning(name: str,
                                                                    head: bytes) -> None:
    mime = sniff.detect_mime(head, name)
    assert sniff.mismatch_warning(name, mime) is None


def test_a_program_name_on_other_content_is_still_warned_about() -> None:
    mime = sniff.detect_mime(b"just some text\n", "setup.exe")
    assert sniff.mismatch_warning("setup.exe", mime) is not None
    mime = sniff.detect_mime(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56), "报告.pdf")
    assert "Windows .exe" in (sniff.mismatch_warning("报告.pdf", mime) or "")
