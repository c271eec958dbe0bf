#!/bin/sh
# Adds this unpacked checklist-app folder to the desktop menu of the current user:
#   ~/.local/share/applications/checklist-app.desktop, icons in ~/.local/share/icons/hicolor,
#   ~/.local/bin/checklist-app and ~/.local/bin/checklist (links into this folder).
# Run it again after moving the folder. "./install.sh --uninstall" removes all of it.
# For every user: sudo PREFIX=/usr/local ./install.sh (sudo drops variables set before it). Needs no network.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX="${PREFIX:-$HOME/.local}"
APPS="$PREFIX/share/applications"
ICONS="$PREFIX/share/icons/hicolor"
BIN="$PREFIX/bin"

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$APPS/checklist-app.desktop" "$BIN/checklist-app" "$BIN/checklist"
  find "$ICONS" -name 'checklist-app.*' -path '*/apps/*' -delete 2>/dev/null || true
  echo "checklist-app: removed from the menu ($PREFIX); this folder is untouched"
  exit 0
fi

mkdir -p "$APPS" "$ICONS" "$BIN"
cp -R "$HERE/share/icons/hicolor/." "$ICONS/"
sed -e "s|^Exec=checklist-app|Exec=\"$HERE/checklist-app\"|" \
    -e "s|^TryExec=checklist-app|TryExec=$HERE/checklist-app|" \
    "$HERE/share/applications/checklist-app.desktop" > "$APPS/checklist-app.desktop"
ln -sf "$HERE/checklist-app" "$BIN/checklist-app"
ln -sf "$HERE/checklist" "$BIN/checklist"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" || true
echo "checklist-app: added to the menu ($APPS/checklist-app.desktop)"
