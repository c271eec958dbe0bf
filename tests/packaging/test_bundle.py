"""Build the Linux bundle with packaging/build.sh and run what it holds (issue 7).

One build per test run (about a minute), into a temporary folder: the bundled
``checklist-app --selftest`` and ``--version`` of both executables, every bundled library
finds the Qt libraries it links to, the desktop window starts offscreen in portable mode
(its data lands beside the executable), and the desktop entry and icons are in the folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="build.sh builds the Linux bundle (Windows: packaging/README.md)"),
]
pytest.importorskip("PyInstaller", reason="PyInstaller comes with the test extra (.[test])")

VERSION = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"]["version"]
# Libraries the bundle itself must provide; anything else "not found" is the system's
# (Wayland, GL: present on a desktop, maybe not on a build server).
BUNDLED_LIBRARY = re.compile(r"^lib(Qt6|icu|pyside6|shiboken6|python3)")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CHECKLIST_APP_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def _cannot_get_python_library() -> bool:
    """PyInstaller needs libpython3.X.so; build.sh installs it with apt when it can."""
    from PyInstaller.depend.bindepend import get_python_library_path

    try:
        if get_python_library_path():
            return False
    except Exception:  # PythonLibraryNotFoundError
        pass
    if shutil.which("apt-get") is None:
        return True
    if os.geteuid() == 0:
        return False
    sudo = subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False) \
        if shutil.which("sudo") else None
    return sudo is None or sudo.returncode != 0


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if _cannot_get_python_library():
        pytest.skip("Python's shared library (libpython3.X.so) is missing and cannot be "
                    "installed here (no root): PyInstaller needs it")
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "packaging" / "build.sh")],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=900,
        env=_env(DIST_DIR=str(out / "dist"), WORK_DIR=str(out / "build"), TARBALL="0",
                 CHECKLIST_APP_DATA_DIR=str(out / "appdata")),
    )
    assert result.returncode == 0, f"build.sh failed:\n{result.stdout}\n{result.stderr}"
    assert "selftest ok" in result.stdout
    return out / "dist" / "checklist-app"


def _run(bundle: Path, *args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / args[0]), *args[1:]], capture_output=True, text=True,
                          timeout=120, env=_env(CHECKLIST_APP_DATA_DIR=str(data)))


def test_bundled_selftest(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, "checklist-app", "--selftest", data=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "selftest ok"


@pytest.mark.parametrize("program", ["checklist", "checklist-app"])
def test_bundled_version(bundle: Path, tmp_path: Path, program: str) -> None:
    result = _run(bundle, program, "--version", data=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{program} {VERSION}"


def test_bundled_cli_runs_a_command(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, "checklist", "demo", str(tmp_path / "demo"), data=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "demo" / "demo.sqlite").is_file()
    assert (tmp_path / "demo" / "report.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_every_bundled_library_finds_its_qt_libraries(bundle: Path) -> None:
    missing = set()
    for library in (bundle / "_internal").rglob("*.so*"):
        if library.is_symlink() or not library.is_file():
            continue
        output = subprocess.run(["ldd", str(library)], capture_output=True, text=True,
                                check=False).stdout
        for line in output.splitlines():
            name = line.strip().split(" ")[0]
            if "not found" in line and BUNDLED_LIBRARY.match(name):
                missing.add(f"{library.relative_to(bundle)}: {name}")
    assert not missing, "\n".join(sorted(missing))


def test_bundle_leaves_out_unused_qt(bundle: Path) -> None:
    internal = bundle / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("libQt6Quick.so.6", "libQt6Qml.so.6", "QtQml.abi3.so", "libqgtk3.so",
                     "libqeglfs.so", "libqtvirtualkeyboardplugin.so"):
        assert unwanted not in names
    for wanted in ("libQt6PdfWidgets.so.6", "libqxcb.so", "libqoffscreen.so",
                   "libqwayland.so", "qtbase_zh_CN.qm"):
        assert wanted in names
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]


def test_desktop_integration_files(bundle: Path) -> None:
    entry = (bundle / "share" / "applications" / "checklist-app.desktop").read_text("utf-8")
    assert "Exec=checklist-app %f" in entry and "Icon=checklist-app" in entry
    icons = bundle / "share" / "icons" / "hicolor"
    for size in (16, 32, 48, 256):
        assert (icons / f"{size}x{size}" / "apps" / "checklist-app.png").is_file()
    assert (icons / "scalable" / "apps" / "checklist-app.svg").is_file()
    assert os.access(bundle / "install.sh", os.X_OK)


def test_desktop_app_starts_in_portable_mode(bundle: Path) -> None:
    """The real window, offscreen: it builds the demo workspace beside the executable."""
    marker = bundle / "portable.txt"
    marker.write_text("", encoding="utf-8")
    demo = bundle / "data" / "demo" / "demo.sqlite"
    app = subprocess.Popen([str(bundle / "checklist-app")], env=_env(),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        while not demo.exists() and app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)  # past the first paint
        assert app.poll() is None, f"the app exited with {app.returncode}:\n{app.stdout.read()}"
        assert demo.is_file(), "no demo workspace beside the executable (portable mode)"
    finally:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        if app.stdout is not None:
            app.stdout.close()
        marker.unlink()
        for folder in ("data", "config"):
            shutil.rmtree(bundle / folder, ignore_errors=True)
