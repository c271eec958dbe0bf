"""packaging/hooks/portable.py: portable mode when a marker sits beside the executable."""

from __future__ import annotations

import importlib.util
import os
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    assert not getattr(sys, "frozen", False)  # loading it from source changes nothing
    return _load("portable_hook", REPO_ROOT / "packaging" / "hooks" / "portable.py")


@pytest.fixture
def app_folder(tmp_path: Path) -> Path:
    (tmp_path / "checklist-app").write_bytes(b"")
    return tmp_path


def test_no_marker_no_portable_mode(hook: ModuleType, app_folder: Path) -> None:
    environ: dict[str, str] = {}
    assert hook.apply(environ, str(app_folder / "checklist-app")) is None
    assert environ == {}


@pytest.mark.parametrize("marker", ["portable.txt", "data"])
def test_marker_moves_the_data_beside_the_executable(hook: ModuleType, app_folder: Path,
                                                     marker: str) -> None:
    if marker == "data":
        (app_folder / "data").mkdir()
    else:
        (app_folder / marker).write_text("", encoding="utf-8")
    environ: dict[str, str] = {}
    assert hook.apply(environ, str(app_folder / "checklist-app")) == str(app_folder)
    assert environ == {"CHECKLIST_APP_DATA_DIR": str(app_folder)}


def test_an_explicit_data_dir_wins(hook: ModuleType, app_folder: Path) -> None:
    (app_folder / "portable.txt").write_text("", encoding="utf-8")
    environ = {"CHECKLIST_APP_DATA_DIR": "/elsewhere"}
    assert hook.apply(environ, str(app_folder / "checklist-app")) is None
    assert environ == {"CHECKLIST_APP_DATA_DIR": "/elsewhere"}


def test_appimage_marker_is_beside_the_appimage(hook: ModuleType, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "portable.txt").write_text("", encoding="utf-8")
    mounted = tmp_path / "mount" / "usr" / "bin" / "checklist-app"
    environ: dict[str, str] = {}
    hook.apply(environ, str(mounted), appimage=str(stick / "checklist-app.AppImage"))
    assert environ["CHECKLIST_APP_DATA_DIR"] == str(stick)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_read_only_folder_is_not_portable(hook: ModuleType, app_folder: Path) -> None:
    (app_folder / "portable.txt").write_text("", encoding="utf-8")
    app_folder.chmod(0o555)
    try:
        environ: dict[str, str] = {}
        assert hook.apply(environ, str(app_folder / "checklist-app")) is None
    finally:
        app_folder.chmod(0o755)


def test_ico_holds_every_size() -> None:
    icons = _load("make_icons", REPO_ROOT / "packaging" / "linux" / "make_icons.py")
    pngs = {16: b"\x89PNG-16", 256: b"\x89PNG-256"}
    data = icons.ico_bytes(pngs)
    assert struct.unpack("<HHH", data[:6]) == (0, 1, 2)
    width, _h, _c, _r, _planes, _bits, size, offset = struct.unpack("<BBBBHHII", data[22:38])
    assert width == 0  # 0 stands for 256
    assert data[offset:offset + size] == b"\x89PNG-256"
