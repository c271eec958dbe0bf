#!/usr/bin/env bash
# Installs everything, builds the demo workspace (five documents preloaded) if missing, starts the app.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/checklist-app --demo "$@"
