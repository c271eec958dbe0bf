"""``python -m checklist_app`` starts the desktop app."""

from checklist_app.app import main

raise SystemExit(main())
