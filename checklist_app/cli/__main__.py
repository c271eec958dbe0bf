"""``python -m checklist_app.cli``: the ``checklist`` command without its launcher script."""

import sys

from checklist_app.cli import main

sys.exit(main())
