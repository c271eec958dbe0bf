"""The report's fonts on a Windows computer (simulated: font folders in a temporary folder,
the font files copies of the bundled font under Windows' file names)."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from checklist_app.report import fonts as fonts_module
from checklist_app.report.fonts import FontRole, bundled_font_path, find_fonts


def install(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(bundled_font_path(), folder / name)


@pytest.fixture
def windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    monkeypatch.setattr(fonts_module, "sys", SimpleNamespace(platform="win32"))
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    return SimpleNamespace(system=tmp_path / "Windows" / "Fonts",
                           user=tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts")


def role_files(fonts: fonts_module.FontSet) -> dict[FontRole, str]:
    return {role: Path(face.path).name for role, face in fonts.roles.items()}


def test_the_usual_windows_fonts_are_found(windows: SimpleNamespace) -> None:
    install(windows.system, "simfang.ttf", "simhei.ttf", "simkai.ttf", "simsun.ttc")
    fonts = find_fonts()
    assert role_files(fonts) == {FontRole.BODY: "simfang.ttf", FontRole.HEADING: "simhei.ttf",
                                 FontRole.KAI: "simkai.ttf", FontRole.SONG: "simsun.ttc",
                                 FontRole.TITLE: "simsun.ttc"}
    assert list(fonts.stand_ins) == [FontRole.TITLE]


def test_fonts_installed_for_one_user_and_under_other_names_are_found(
        windows: SimpleNamespace) -> None:
    """方正小标宋 and the *_GB2312 faces are often installed "for me only", so they land in
    %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts, under their own file names."""
    install(windows.system, "simhei.ttf", "simsun.ttc")
    install(windows.user, "FZXBSJW.TTF", "仿宋_GB2312.ttf", "楷体_GB2312.ttf")
    fonts = find_fonts()
    assert role_files(fonts) == {FontRole.BODY: "仿宋_GB2312.ttf",
                                 FontRole.HEADING: "simhei.ttf",
                                 FontRole.KAI: "楷体_GB2312.ttf", FontRole.SONG: "simsun.ttc",
                                 FontRole.TITLE: "FZXBSJW.TTF"}
    assert fonts.stand_ins == {}
