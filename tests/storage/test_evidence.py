"""The evidence store: chunks, dedup, limits, export names, garbage collection, verify."""

from __future__ import annotations

import hashlib
import itertools
import os
import socket
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checklist_app.storage import evidence as evidence_store
from checklist_app.storage.errors import EvidenceFileError
from checklist_app.storage.export import candidate_names, sanitize_file_name
from checklist_app.storage.workspace import Workspace
from tests.storage.conftest import ITEM, TARGET_ITEM

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + b"\0" * 64


def test_attach_streams_in_chunks(workspace: Workspace, assessment_id: int, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_store, "CHUNK_SIZE", 1000)
    data = os.urandom(3500)
    (tmp_path / "报告.bin").write_bytes(data)
    seen: list[int] = []
    found = workspace.attach(assessment_id, ITEM, tmp_path / "报告.bin",
                             progress=lambda done, total: seen.append(done))
    assert found.sha256 == hashlib.sha256(data).hexdigest() and found.size == 3500
    assert seen == [1000, 2000, 3000, 3500]
    assert workspace.db.execute("SELECT count(*) FROM chunks").fetchone()[0] == 4
    assert b"".join(workspace.read_evidence(found.id)) == data


def test_mime_type_comes_from_content(workspace: Workspace, assessment_id: int,
                                      tmp_path: Path) -> None:
    (tmp_path / "photo.dat").write_bytes(PNG)
    assert workspace.attach(assessment_id, ITEM, tmp_path / "photo.dat").mime_type == "image/png"


def test_same_content_stored_once(workspace: Workspace, assessment_id: int,
                                  tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("同一文件")
    (tmp_path / "b.txt").write_text("同一文件")
    first = workspace.attach(assessment_id, ITEM, tmp_path / "a.txt")
    again = workspace.attach(assessment_id, TARGET_ITEM, tmp_path / "a.txt")
    other_name = workspace.attach(assessment_id, TARGET_ITEM, tmp_path / "b.txt")
    assert again.id == first.id and other_name.id != first.id
    assert workspace.db.execute("SELECT count(*) FROM contents").fetchone()[0] == 1
    assert [e.id for e in workspace.evidence(assessment_id)[TARGET_ITEM]] == [first.id,
                                                                            other_name.id]
    assert workspace.verify() == []


def test_detach_then_garbage_collect(workspace: Workspace, assessment_id: int,
                                     tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    found = workspace.attach(assessment_id, ITEM, tmp_path / "a.txt")
    workspace.link_evidence(assessment_id, TARGET_ITEM, found.id)
    assert workspace.detach(assessment_id, ITEM, found.id)
    assert workspace.collect_garbage() == (0, 0)  # still used by the other item
    workspace.detach(assessment_id, TARGET_ITEM, found.id)
    assert workspace.collect_garbage() == (1, 1)
    assert workspace.db.execute("SELECT count(*) FROM chunks").fetchone()[0] == 0
    workspace.vacuum()
    assert workspace.verify() == []


def test_refuses_what_cannot_be_attached(workspace: Workspace, assessment_id: int,
                                         tmp_path: Path) -> None:
    with pytest.raises(EvidenceFileError, match="does not exist"):
        workspace.attach(assessment_id, ITEM, tmp_path / "missing.pdf")
    with pytest.raises(EvidenceFileError, match="folder"):
        workspace.attach(assessment_id, ITEM, tmp_path)
    big = tmp_path / "big.bin"
    big.write_bytes(b"x" * 2048)
    workspace.max_file_size = 1024
    with pytest.raises(EvidenceFileError, match="MiB"):
        workspace.attach(assessment_id, ITEM, big)
    assert workspace.db.execute("SELECT count(*) FROM contents").fetchone()[0] == 0


@pytest.mark.skipif(sys.platform == "win32", reason="unix sockets")
def test_refuses_a_socket(workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(EvidenceFileError, match="regular file"):
            workspace.attach(assessment_id, ITEM, path)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs file modes")
def test_refuses_an_unreadable_file(workspace: Workspace, assessment_id: int,
                                    tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(EvidenceFileError, match="permission"):
        workspace.attach(assessment_id, ITEM, path)


def test_growing_file_leaves_nothing(workspace: Workspace, assessment_id: int, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_store, "CHUNK_SIZE", 100)
    path = tmp_path / "growing.log"
    path.write_bytes(b"a" * 300)

    def grow(done: int, total: int) -> None:
        with path.open("ab") as file:
            file.write(b"b" * 100)

    with pytest.raises(EvidenceFileError, match="changed while"):
        workspace.attach(assessment_id, ITEM, path, progress=grow)
    for table in ("contents", "chunks", "evidence", "item_evidence"):
        assert workspace.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_verify_reports_a_damaged_chunk(workspace: Workspace, assessment_id: int,
                                        tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("original")
    workspace.attach(assessment_id, ITEM, tmp_path / "a.txt")
    workspace.db.execute("UPDATE chunks SET data = ?", [b"tampered"])
    assert any("damaged" in problem for problem in workspace.verify())


def test_export_writes_every_file_with_unique_names(workspace: Workspace, assessment_id: int,
                                                    tmp_path: Path) -> None:
    for folder, text in (("x", "one"), ("y", "two")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "证明.txt").write_text(text)
        workspace.attach(assessment_id, ITEM, tmp_path / folder / "证明.txt")
    workspace.db.execute("UPDATE evidence SET file_name = '../../etc/passwd' WHERE id = 2")
    out = tmp_path / "out"
    written = [f.path for f in workspace.export_evidence(assessment_id, out)]
    assert [p.name for p in written] == ["证明.txt", "passwd", "evidence index.csv",
                                         "evidence index.txt"]
    assert all(p.parent == out.resolve() for p in written)
    assert (out / "证明.txt").read_text() == "one"
    assert not list(out.glob("*.part"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_exported_files_are_readable_as_the_users_umask_allows(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    """Exported evidence was mode 0600 (mkstemp's) under a 022 umask: colleagues and
    auditors could not open it in a shared folder, though they could open the report."""
    import stat

    (tmp_path / "证明.txt").write_text("one")
    workspace.attach(assessment_id, ITEM, tmp_path / "证明.txt")
    old = os.umask(0o022)
    try:
        written = [f.path for f in workspace.export_evidence(assessment_id, tmp_path / "out")]
    finally:
        os.umask(old)
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}


def test_exporting_again_keeps_what_the_folder_already_holds(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    for folder, text in (("x", "one"), ("y", "two")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "证明.txt").write_text(text)
        workspace.attach(assessment_id, ITEM, tmp_path / folder / "证明.txt")
    out = tmp_path / "out"
    first = list(workspace.export_evidence(assessment_id, out))
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = list(workspace.export_evidence(assessment_id, out))
    assert [f.path for f in again] == [f.path for f in first]
    assert [getattr(f, "already_there", None) for f in again] == [True, True, None, None]
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "证明.txt").write_text("three")
    workspace.attach(assessment_id, ITEM, tmp_path / "z" / "证明.txt")
    third = list(workspace.export_evidence(assessment_id, out))
    assert [(f.path.name, getattr(f, "already_there", None)) for f in third] == [
        ("证明.txt", True), ("证明 (2).txt", True), ("证明 (3).txt", False),
        ("evidence index.csv", None), ("evidence index.txt", None)]
    assert sorted(p.name for p in out.iterdir()) == [
        "evidence index.csv", "evidence index.txt", "证明 (2).txt", "证明 (3).txt", "证明.txt"]
    assert "证明 (3).txt" in (out / "evidence index.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(("stored", "expected"), [
    ("../../evil.txt", "evil.txt"), ("/etc/passwd", "passwd"), ("C:\\Windows\\win.ini", "win.ini"),
    ("C:evil.txt", "C_evil.txt"), ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("..", "evidence"),
    ("a\x00b\x1f.txt", "ab.txt"), ("a\u2028b\u202e.txt", "ab.txt"), ("报告 .", "报告"),
    ("", "evidence"), ("a<b>?.pdf", "a_b__.pdf"),
    ("COM¹.txt", "_COM¹.txt"), ("lpt3.doc", "_lpt3.doc"), ("conin$.log", "_conin$.log"),
    ("COM10.txt", "COM10.txt"),
    ("报告\\附件.pdf", "报告_附件.pdf"),  # a Linux file's name: the part before \ kept
    ("\\\\server\\share\\x.txt", "x.txt"), ("..\\..\\evil.txt", "evil.txt"),
    (" .txt", "evidence.txt"), (". .pdf", "evidence.pdf"), ("...", "evidence"),  # type kept
    (".pdf", "evidence.pdf"), ("..pdf", "evidence.pdf"), (".bashrc", "bashrc"),
])
def test_sanitize_examples(stored: str, expected: str) -> None:
    assert sanitize_file_name(stored) == expected


@given(st.text(max_size=300))
def test_sanitized_names_never_escape_the_folder(stored: str) -> None:
    name = sanitize_file_name(stored)
    root = Path("/export/root")
    assert name and "/" not in name and "\\" not in name and ":" not in name
    assert name not in (".", "..")
    assert (root / name).parent == root
    assert len(name.encode()) <= 200
    assert all(ord(c) >= 32 for c in name)


@given(st.lists(st.sampled_from(["a.txt", "A.TXT", "a (2).txt", "b"]), max_size=12))
def test_candidate_names_never_repeat(names: list[str]) -> None:
    for name in set(names):
        first = list(itertools.islice(candidate_names(name), len(names) + 1))
        assert first[0] == name and len({c.casefold() for c in first}) == len(first)


def test_large_attach_uses_a_rollback_journal_then_wal_again(
        workspace: Workspace, assessment_id: int, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from checklist_app.storage import db as storage_db

    monkeypatch.setattr(storage_db, "BULK_BYTES", 1000)
    modes: list[str] = []

    def progress(done: int, total: int) -> None:
        modes.append(workspace.db.execute("PRAGMA journal_mode").fetchone()[0])

    (tmp_path / "big.bin").write_bytes(os.urandom(5000))
    workspace.attach(assessment_id, ITEM, tmp_path / "big.bin", progress=progress)
    assert modes == ["delete"]
    assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_large_attach_with_a_reader_stays_in_wal(
        workspace: Workspace, assessment_id: int, tmp_path: Path, db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from checklist_app.storage import db as storage_db

    monkeypatch.setattr(storage_db, "BULK_BYTES", 1000)
    (tmp_path / "big.bin").write_bytes(os.urandom(5000))
    with Workspace.open(db_path, read_only=True) as reader:
        assert reader.assessment(assessment_id).office
        found = workspace.attach(assessment_id, ITEM, tmp_path / "big.bin")
        assert [e.id for e in reader.evidence(assessment_id)[ITEM]] == [found.id]
    assert workspace.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert workspace.verify() == []


def test_export_to_a_full_disk_names_the_export(workspace: Workspace, assessment_id: int,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from checklist_app.storage import export as export_module
    from checklist_app.storage.errors import DiskFullError

    (tmp_path / "a.txt").write_text("x")
    workspace.attach(assessment_id, ITEM, tmp_path / "a.txt")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch, pytest.raises(DiskFullError) as info:
        patch.setattr(export_module.os, "fsync", full)
        list(workspace.export_evidence(assessment_id, tmp_path / "out"))
    assert "a.txt" in str(info.value)
    assert list((tmp_path / "out").iterdir()) == []


def test_removed_evidence_goes_back_to_its_place(workspace: Workspace, assessment_id: int,
                                                tmp_path: Path) -> None:
    ids = []
    for name in ("一.txt", "二.txt", "三.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
        ids.append(workspace.attach(assessment_id, ITEM, tmp_path / name).id)
    assert workspace.detach(assessment_id, ITEM, ids[1])
    (tmp_path / "四.txt").write_text("四", encoding="utf-8")
    ids.append(workspace.attach(assessment_id, ITEM, tmp_path / "四.txt").id)
    assert workspace.link_evidence(assessment_id, ITEM, ids[1], index=1)
    assert [e.id for e in workspace.evidence(assessment_id)[ITEM]] == ids
    assert not workspace.link_evidence(assessment_id, ITEM, ids[1], index=0)
    assert [e.id for e in workspace.evidence(assessment_id)[ITEM]] == ids


def test_a_files_description_is_set_on_one_line_and_recorded(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    """What a file shows, said once for every item it supports; the change log names the
    file and the description before and after; a closed assessment refuses it."""
    from checklist_app.report.changes import describe_action, describe_change
    from checklist_app.report.wording import Wording
    from checklist_app.storage.errors import ClosedAssessmentError

    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("纪要", encoding="utf-8")
    attached = workspace.attach(assessment_id, ITEM, minutes)
    workspace.link_evidence(assessment_id, TARGET_ITEM, attached.id)
    described = workspace.describe_evidence(assessment_id, ITEM, attached.id,
                                            " 第三季度\n推进会纪要 ")
    assert described.description == "第三季度 推进会纪要"
    assert [e.description for e in workspace.evidence(assessment_id)[TARGET_ITEM]] == [
        "第三季度 推进会纪要"]
    again = workspace.describe_evidence(assessment_id, ITEM, attached.id, "第三季度 推进会纪要")
    assert again == described  # the same words: nothing recorded
    entries = [e for e in workspace.audit_log(entity="evidence") if e.action == "set"]
    assert len(entries) == 1 and entries[0].entity_id.endswith(f"{ITEM}/{attached.id}")
    zh = Wording("zh")
    assert describe_action(entries[0], zh) == "修改佐证材料"
    assert describe_change(entries[0], zh) == "会议纪要.txt：说明：第三季度 推进会纪要"
    from checklist_app.report.change_runs import summarised

    workspace.describe_evidence(assessment_id, ITEM, attached.id, "第三季度纪要")
    runs = [e for e in summarised(workspace.audit_log(entity="evidence")) if e.action == "set"]
    assert [describe_change(e, zh) for e in runs] == [  # two changes in a minute: one row
        "会议纪要.txt：说明：第三季度纪要"]
    assert describe_change(entries[0], Wording("en")) == (
        "会议纪要.txt: Description: 第三季度 推进会纪要")
    assert workspace.verify() == []
    from checklist_app.storage.errors import NotFoundError

    with pytest.raises(NotFoundError, match=r"不是该检查项的佐证材料|not evidence of this item"):
        workspace.describe_evidence(assessment_id, "chongqing-2022/二/(一)/3", attached.id, "x")
    hidden = workspace.describe_evidence(assessment_id, ITEM, attached.id, "甲\u202e乙\u200b丙")
    assert hidden.description == "甲乙丙"  # no override reorders it, no zero-width space
    workspace.close_assessment(assessment_id)
    with pytest.raises(ClosedAssessmentError):
        workspace.describe_evidence(assessment_id, ITEM, attached.id, "改")


def test_a_file_a_closed_assessment_uses_keeps_its_description(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    """Carried forward with its evidence, a file is the same record in both periods: its
    description changed in the new one reprinted the closed period's report."""
    from checklist_app.storage.errors import ClosedAssessmentError

    minutes = tmp_path / "会议纪要.txt"
    minutes.write_text("纪要", encoding="utf-8")
    attached = workspace.attach(assessment_id, ITEM, minutes, description="原说明")
    workspace.close_assessment(assessment_id)
    new = workspace.carry_forward(assessment_id, period="2025年度", include_evidence=True)
    with pytest.raises(ClosedAssessmentError, match=str(assessment_id)):
        workspace.describe_evidence(new.id, ITEM, attached.id, "新说明")
    assert [e.description for e in workspace.evidence(assessment_id)[ITEM]] == ["原说明"]


def test_a_file_attached_again_with_another_description_keeps_it(
        workspace: Workspace, assessment_id: int, tmp_path: Path) -> None:
    """The same file attached again with a description reused the first record, its
    description and all: 世界标准日培训签到 was dropped without a word, and a file carried
    from a closed period could be given no description of this period's."""
    sheet = tmp_path / "签到表.txt"
    sheet.write_text("签到", encoding="utf-8")
    first = workspace.attach(assessment_id, ITEM, sheet, description="第一次培训")
    assert workspace.attach(assessment_id, TARGET_ITEM, sheet).id == first.id  # one record
    again = workspace.attach(assessment_id, TARGET_ITEM, sheet, description="世界标准日培训签到")
    assert again.id == first.id and again.description == "世界标准日培训签到"
    listed = workspace.evidence(assessment_id)
    assert [(e.id, e.description) for e in listed[ITEM]] == [(first.id, "世界标准日培训签到")]
    assert len(listed[TARGET_ITEM]) == 1  # one entry, not the file twice
    other = tmp_path / "其他.txt"
    other.write_text("其他", encoding="utf-8")
    workspace.attach(assessment_id, ITEM, other)
    workspace.close_assessment(assessment_id)
    new = workspace.carry_forward(assessment_id, period="2025年度", include_evidence=True)
    fresh = workspace.attach(new.id, ITEM, sheet, description="2025年补充说明")
    assert fresh.id != first.id and fresh.description == "2025年补充说明"
    assert [e.description for e in workspace.evidence(new.id)[ITEM]] == [  # in its place
        "2025年补充说明", ""]
    assert [e.description for e in workspace.evidence(assessment_id)[ITEM]] == [
        "世界标准日培训签到", ""]  # the closed period's report as it was
    stored = workspace.db.execute("SELECT count(*) FROM contents").fetchone()[0]
    assert stored == 2  # the two files' bytes, each stored once
    assert workspace.verify() == []
