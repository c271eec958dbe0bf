"""A cheaper answer to PySide6's question "does this module use PySide6?".

Once PySide6 is imported, its ``__feature__`` import hook asks that question of every module
imported after it (PYSIDE-2029) with ``inspect.getsource``, which tokenizes the file: about
40 ms over the modules the main window needs at start-up, 10 % of the start, and more again
for the report's and importer's libraries on first use. Reading the file's bytes gives the
same answer (the hook only looks for the text ``PySide6``) for a fraction of the cost.
Modules without a ``.py`` file (built-ins, a bundled app's compiled modules) still get
PySide6's own answer. If a PySide6 release moves the hook, nothing is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"  # where PySide6 6.4+ keeps the hook
HOOK = "_mod_uses_pyside"


def speed_up_pyside_imports() -> bool:
    """Replace the hook's source check by a byte search; False if there is no hook to speed up.

    Call it after the first ``import PySide6…``, which loads the hook. Idempotent.
    """
    feature = sys.modules.get(FEATURE_MODULE)
    upstream = getattr(feature, HOOK, None)
    if upstream is None or not callable(upstream):
        return False
    if getattr(upstream, "reads_bytes", False):
        return True
    setattr(feature, HOOK, _byte_search(upstream))
    return True


def _byte_search(upstream: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        source = getattr(module, "__file__", None)
        if isinstance(source, str) and source.endswith(".py"):
            try:
                with open(source, "rb") as file:
                    return b"PySide6" in file.read()
            except OSError:
                pass
        return upstream(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    return uses_pyside
