#!/usr/bin/env bash
# Builds the Linux bundle and checks it:
#
#   dist/checklist-app/                        one folder: checklist-app, checklist, _internal/,
#                                              share/ (desktop entry, icons), install.sh
#   dist/checklist-app-<version>-linux-x86_64.tar.gz
#
# Then runs the bundled `checklist-app --selftest` and `--version` of both executables, so a
# missing data file, plugin or dictionary fails the build rather than an office PC.
#
# Environment: DIST_DIR (default dist), WORK_DIR (default build/pyinstaller), TARBALL=0 to
# skip the .tar.gz. Needs .venv (scripts/bootstrap.sh); installs PyInstaller into it when
# missing (pip install -e .[packaging]).
set -euo pipefail
cd "$(dirname "$0")/.."

DIST_DIR="${DIST_DIR:-dist}"
WORK_DIR="${WORK_DIR:-build/pyinstaller}"
TARBALL="${TARBALL:-1}"
PYTHON=.venv/bin/python
BUNDLE="$DIST_DIR/checklist-app"

fail() { echo "build.sh: $*" >&2; exit 1; }

[ -x "$PYTHON" ] || fail "no .venv here; run scripts/bootstrap.sh first"
if ! "$PYTHON" -c "import PyInstaller" >/dev/null 2>&1; then
  echo "build.sh: installing PyInstaller into .venv"
  "$PYTHON" -m pip install -q -e ".[packaging]"
fi

# PyInstaller embeds the shared Python library. Debian's and Ubuntu's python3 is linked
# statically and ships libpython3.X.so in a package of its own (libpython3.X).
if ! "$PYTHON" -c "from PyInstaller.depend.bindepend import get_python_library_path as find; find()" >/dev/null 2>&1; then
  pkg="lib$("$PYTHON" -c 'import sys; print(f"python{sys.version_info[0]}.{sys.version_info[1]}")')"
  command -v apt-get >/dev/null 2>&1 || fail "PyInstaller needs Python's shared library: install $pkg (or your distribution's equivalent)"
  echo "build.sh: installing $pkg (PyInstaller needs Python's shared library)"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$pkg"
fi

VERSION=$("$PYTHON" -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])")
# The bundle copies the installed package metadata (--version reads it): keep it current.
INSTALLED=$("$PYTHON" -c "from importlib.metadata import version; print(version('checklist-app'))")
if [ "$INSTALLED" != "$VERSION" ]; then
  echo "build.sh: installed metadata says $INSTALLED, pyproject.toml $VERSION: reinstalling"
  "$PYTHON" -m pip install -q --no-deps -e .
fi

echo "build.sh: icons"
ICONS="$WORK_DIR/icons"
QT_QPA_PLATFORM=offscreen "$PYTHON" packaging/linux/make_icons.py "$ICONS" >/dev/null

echo "build.sh: PyInstaller → $BUNDLE"
start=$(date +%s)
CHECKLIST_ICONS_DIR="$ICONS" "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$DIST_DIR" --workpath "$WORK_DIR" packaging/checklist-app.spec
echo "build.sh: PyInstaller took $(( $(date +%s) - start )) s"

# Desktop integration, inside the folder so that the tarball carries it (install.sh uses it).
mkdir -p "$BUNDLE/share/applications" "$BUNDLE/share/icons"
cp packaging/linux/checklist-app.desktop "$BUNDLE/share/applications/"
cp -r "$ICONS/hicolor" "$BUNDLE/share/icons/"
install -m 755 packaging/linux/install.sh "$BUNDLE/install.sh"

echo "build.sh: checking the bundle"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
"$BUNDLE/checklist-app" --selftest || fail "the bundled checklist-app --selftest failed"
for program in checklist checklist-app; do
  printed=$("$BUNDLE/$program" --version)
  [ "$printed" = "$program $VERSION" ] || fail "$program --version printed '$printed', expected '$program $VERSION'"
done
echo "build.sh: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE"

if [ "$TARBALL" != "0" ]; then
  tarball="$DIST_DIR/checklist-app-$VERSION-linux-x86_64.tar.gz"
  tar -C "$DIST_DIR" -czf "$tarball" checklist-app
  echo "build.sh: $(du -h "$tarball" | cut -f1) $tarball"
fi
