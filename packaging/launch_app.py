"""PyInstaller entry point of the desktop app (``checklist-app``); see checklist-app.spec."""

from checklist_app.app import main

raise SystemExit(main())
