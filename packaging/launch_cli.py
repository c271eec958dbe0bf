"""PyInstaller entry point of the command line (``checklist``); see checklist-app.spec."""

from checklist_app.cli import main

raise SystemExit(main())
