"""The desktop user interface: the only package that imports PySide6.

- ``service.py``: the open workspace as the UI sees it. The Workspace (one sqlite connection)
  lives on a one-thread writer pool; every read and write is a job there, results come back
  as signals (``itemChanged``, ``evidenceChanged``, ``mappingsChanged``…) and a cached
  ``AssessmentData`` that models and widgets read.
- ``workers.py``: QRunnable jobs with a separate signals object, generator-driven progress,
  cancel tokens; ``InlinePool`` runs jobs at once for tests.
- ``models/``: Qt item models over the cache (document tree, items table + filter proxy,
  evidence, clause lists), each with custom roles.
- ``widgets/``: the panes of the main window; ``dialogs/``: report, narrative, wizard,
  import preview, settings, carry forward.
- ``undo.py``: every item edit is an undoable command; ``main_window.py`` wires it together.
"""
