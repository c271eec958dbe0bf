"""A folder given as evidence stands for the files in it, without the systems' clutter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checklist_app.storage.errors import EvidenceFileError
from checklist_app.storage.folders import files_to_attach


def _folder(root: Path) -> Path:
    folder = root / "会议材料"
    (folder / "签到").mkdir(parents=True)
    for name in ("纪要.docx", "议程.pdf", "Thumbs.db", "desktop.ini", ".DS_Store",
                 "~$纪要.docx", "~WRL0001.tmp", "签到/第一天.jpg", "签到/第二天.jpg"):
        (folder / name).write_bytes(b"x")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_bytes(b"x")
    return folder


def test_a_folder_stands_for_its_files_in_name_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    loose = tmp_path / "方案.pdf"
    loose.write_bytes(b"x")
    found = files_to_attach([loose, folder, loose])
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == [
        "方案.pdf", "会议材料/纪要.docx", "会议材料/议程.pdf", "会议材料/签到/第一天.jpg",
        "会议材料/签到/第二天.jpg"]  # clutter and hidden folders left out, each file once
    assert found.folders == [folder] and found.empty_folders == []


def test_an_empty_folder_and_a_missing_path_are_passed_on(tmp_path: Path) -> None:
    empty = tmp_path / "空"
    empty.mkdir()
    (empty / "Thumbs.db").write_bytes(b"x")  # clutter only: nothing to attach
    missing = tmp_path / "不存在.pdf"
    found = files_to_attach([empty, missing])
    assert found.files == [missing]  # for the evidence store to refuse with its reason
    assert found.empty_folders == [empty]


def test_an_unreadable_subfolder_refuses_the_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Its files would be left out unseen. (Permissions are not enforced for root, the CI
    user: the listing is refused as the system would.)"""
    folder = _folder(tmp_path)
    locked = folder / "签到"
    listing = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(EvidenceFileError, match="签到") as refused:
        files_to_attach([folder])
    assert refused.value.path == locked


def test_a_link_to_a_parent_folder_is_not_followed(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    try:
        (folder / "上级").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("no symbolic links here")
    assert len(files_to_attach([folder]).files) == 4
