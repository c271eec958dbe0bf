"""Installer files checked without building: the Linux desktop entry, install.sh (on a
stand-in for the bundle) and what the Inno Setup script relies on."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

LINUX = REPO_ROOT / "packaging" / "linux"
DESKTOP = LINUX / "checklist-app.desktop"
ISS = REPO_ROOT / "packaging" / "windows" / "checklist-app.iss"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux files")


@linux_only
@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils not installed")
def test_desktop_entry_is_valid() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_names_the_app_in_chinese() -> None:
    entry = DESKTOP.read_text(encoding="utf-8")
    assert "Name[zh_CN]=标准化政策落实自查自评" in entry
    # QGuiApplication.setDesktopFileName("checklist-app") in app.py matches the file name.
    assert "StartupWMClass=checklist-app" in entry


@linux_only
def test_install_and_uninstall(tmp_path: Path) -> None:
    bundle = tmp_path / "folder with space" / "checklist-app"
    (bundle / "share" / "applications").mkdir(parents=True)
    icons = bundle / "share" / "icons" / "hicolor" / "48x48" / "apps"
    icons.mkdir(parents=True)
    (icons / "checklist-app.png").write_bytes(b"png")
    shutil.copy(DESKTOP, bundle / "share" / "applications")
    for program in ("checklist-app", "checklist"):
        (bundle / program).write_text("#!/bin/sh\n", encoding="utf-8")
        (bundle / program).chmod(0o755)
    shutil.copy(LINUX / "install.sh", bundle / "install.sh")
    prefix = tmp_path / "prefix"
    env = dict(os.environ, PREFIX=str(prefix), PATH="/usr/bin:/bin")

    subprocess.run(["sh", str(bundle / "install.sh")], env=env, check=True,
                   capture_output=True)
    installed = (prefix / "share" / "applications" / "checklist-app.desktop").read_text("utf-8")
    assert f'Exec="{bundle}/checklist-app" %f' in installed
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / "checklist-app.png"
            ).is_file()
    assert (prefix / "bin" / "checklist").resolve() == (bundle / "checklist").resolve()

    subprocess.run(["sh", str(bundle / "install.sh"), "--uninstall"], env=env, check=True,
                   capture_output=True)
    assert not (prefix / "share" / "applications" / "checklist-app.desktop").exists()
    assert not (prefix / "bin" / "checklist").exists()
    assert not list((prefix / "share" / "icons").rglob("checklist-app.*"))
    assert (bundle / "checklist-app").is_file()


def _read_ini(path: Path, section: str, key: str) -> str | None:
    """What Windows' GetPrivateProfileString (ISPP's ReadIni) returns for a key."""
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == section and "=" in line:
            name, value = (part.strip() for part in line.split("=", 1))
            if name.lower() == key:
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1]
                return value
    return None


def test_installer_reads_the_version_of_pyproject() -> None:
    version = _read_ini(REPO_ROOT / "pyproject.toml", "project", "version")
    assert version is not None and re.fullmatch(r"\d+(\.\d+){1,3}", version), (
        "checklist-app.iss reads [project] version from pyproject.toml as INI and needs "
        "a plain dotted version (VersionInfoVersion); else pass ISCC /DAppVersion=…")
    assert 'ReadIni(SourcePath + "..\\..\\pyproject.toml", "project", "version"' in (
        ISS.read_text(encoding="utf-8-sig"))


def test_installer_script_encoding_and_essentials() -> None:
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "ISCC needs the UTF-8 BOM for the Chinese texts"
    text = raw.decode("utf-8-sig")
    for line in ("PrivilegesRequired=lowest", "AppId={{ACC61519-4F57-4772-BFCB-A65A4FBF99EF}",
                 'MessagesFile: "compiler:Languages\\ChineseSimplified.isl"'):
        assert line in text
    association = [line for line in text.splitlines() if line.startswith("Name: \"associate\"")]
    assert association and "Flags: unchecked" in association[0]
