"""``checklist-app --selftest`` from source, and its checks fed with broken inputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from checklist_app import selftest
from checklist_app.resources import resource_path

FONT = resource_path(*selftest.BUNDLED_FONT)


def test_selftest_passes_from_source(isolated_data_dir: Path) -> None:
    steps: list[str] = []
    assert selftest.run_selftest(steps.append) == []
    assert "workspace and report" in steps
    # Everything happened in a temporary folder: nothing in the user's data folder.
    assert not any((isolated_data_dir / "data" / "backups").glob("**/*.sqlite"))


def test_selftest_main_prints_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert selftest.main() == 0
    assert capsys.readouterr().out.strip() == "selftest ok"


def test_selftest_main_prints_problems(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(selftest, "run_selftest", lambda: ["report: font X is not embedded"])
    assert selftest.main() == 1
    assert "selftest: report: font X is not embedded" in capsys.readouterr().err


def test_a_failing_step_is_reported_and_the_rest_still_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("t2s not found or not accessible.")

    monkeypatch.setattr(selftest, "_check_opencc", broken)
    assert selftest.run_selftest() == ["OpenCC: RuntimeError: t2s not found or not accessible."]


def _pdf(path: Path, *fonts: str) -> Path:
    page = canvas.Canvas(str(path), initialFontName=fonts[0])
    for y, font in enumerate(fonts):
        page.setFont(font, 12)
        page.drawString(40, 100 + 20 * y, "Ab 标准")
    page.save()
    return path


@pytest.fixture
def no_pdffonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exercise the byte-level reading alone."""
    monkeypatch.setattr(selftest, "_pdffonts_problems", lambda _pdf: [])


def test_embedded_truetype_passes(tmp_path: Path, no_pdffonts: None) -> None:
    pdfmetrics.registerFont(TTFont("SelftestFallback", str(FONT)))
    assert selftest.check_pdf_fonts(_pdf(tmp_path / "ok.pdf", "SelftestFallback")) == []


def test_standard_and_cid_fonts_are_reported(tmp_path: Path, no_pdffonts: None) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    problems = selftest.check_pdf_fonts(_pdf(tmp_path / "bad.pdf", "Helvetica", "STSong-Light"))
    assert "report: font Helvetica is not embedded" in problems
    assert "report: font STSong-Light is not embedded" in problems
    assert any("/FontFile2" in problem for problem in problems)


def test_not_a_pdf(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"<html>")
    assert selftest.check_pdf_fonts(tmp_path / "x.pdf") == ["report: x.pdf is not a PDF"]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_agrees(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "bad.pdf", "Helvetica")
    assert "report: pdffonts: font Helvetica is not embedded" in selftest._pdffonts_problems(pdf)


def test_unembedded_fonts_reads_the_pdffonts_table() -> None:
    output = (
        "name                                 type              encoding         emb sub uni "
        "object ID\n"
        "------------------------------------ ----------------- ---------------- --- --- --- "
        "---------\n"
        "AAAAAA+DroidSansFallbackFull-0-1a2b  TrueType          WinAnsi          yes yes yes"
        "      7  0\n"
        "Helvetica                            Type 1            WinAnsi          no  no  no "
        "      9  0\n"
    )
    assert selftest.unembedded_fonts(output) == ["Helvetica"]
    assert selftest.unembedded_fonts("") == []


def test_qt_plugins(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    for name in ("platforms/libqxcb.so", "platforms/libqoffscreen.so",
                 "platforms/libqwayland.so", "imageformats/libqsvg.so",
                 "iconengines/libqsvgicon.so", "printsupport/libcupsprintersupport.so"):
        (plugins / name).parent.mkdir(parents=True, exist_ok=True)
        (plugins / name).write_bytes(b"")
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "qtbase_zh_CN.qm").write_bytes(b"")
    assert selftest.check_qt_plugins(plugins, "linux") == []
    (plugins / "platforms" / "libqxcb.so").unlink()
    assert selftest.check_qt_plugins(plugins, "linux") == [
        f"Qt plugin missing: platforms/libqxcb in {plugins}"]
    assert len(selftest.check_qt_plugins(plugins, "win32")) == 4
    assert selftest.check_qt_plugins(tmp_path / "none", "linux") == [
        f"Qt plugins folder missing: {tmp_path / 'none'}"]


def test_resources_present() -> None:
    assert selftest.check_resources() == []


def test_app_selftest_option_needs_no_qt() -> None:
    """``checklist-app --selftest`` answers before the desktop app imports Qt."""
    code = ("import sys; from checklist_app.app import main; rc = main(['--selftest']); "
            "assert 'PySide6' not in sys.modules, 'Qt was imported'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "selftest ok"


def test_qt_modules(tmp_path: Path) -> None:
    for name in selftest.QT_MODULES:
        (tmp_path / f"{name}.abi3.so").write_bytes(b"")
    assert selftest.check_qt_modules(tmp_path) == []
    (tmp_path / "QtPdfWidgets.abi3.so").unlink()
    assert selftest.check_qt_modules(tmp_path) == [
        f"Qt module missing: QtPdfWidgets in {tmp_path}"]
