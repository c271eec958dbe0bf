"""Why a file operation failed, in the user's language rather than the system's English."""

from __future__ import annotations

import errno
import os

import pytest

from checklist_app.i18n import os_reason


def test_common_failures_are_named_in_chinese() -> None:
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) \
        == "找不到该文件或文件夹"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"


def test_a_file_open_in_word_on_windows_is_said_to_be_in_use() -> None:
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # type: ignore[attr-defined]
    assert os_reason(error) == "文件正被其他程序占用"


@pytest.mark.skipif(os.name == "nt", reason="EINVAL is a bad file name on Windows")
def test_an_unusual_failure_gives_the_systems_words() -> None:
    assert os_reason(OSError(errno.EINVAL, "Invalid argument")) == "系统提示：Invalid argument"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")).endswith(
        "Invalid cross-device link")
