"""PySide6's per-import source check, answered from the file's bytes: the same answers."""

from __future__ import annotations

import sys
from types import ModuleType

import pytest

import checklist_app.core.model
import checklist_app.ui.main_window  # a module that uses PySide6, loaded
from checklist_app.ui import import_speedup
from checklist_app.ui.import_speedup import FEATURE_MODULE, HOOK, speed_up_pyside_imports


@pytest.fixture
def feature(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """PySide6's feature module with its own hook back in place for the test."""
    module = sys.modules[FEATURE_MODULE]
    hook = getattr(module, HOOK)
    upstream = hook.__closure__[0].cell_contents if getattr(hook, "reads_bytes", False) else hook
    monkeypatch.setattr(module, HOOK, upstream)
    return module


def test_the_pinned_pyside6_has_the_hook_it_speeds_up(feature: ModuleType) -> None:
    assert callable(getattr(feature, HOOK))
    assert speed_up_pyside_imports() is True
    assert getattr(getattr(feature, HOOK), "reads_bytes", False)


def test_every_loaded_module_gets_pyside6s_own_answer(feature: ModuleType) -> None:
    upstream = getattr(feature, HOOK)
    speed_up_pyside_imports()
    fast = getattr(feature, HOOK)
    modules = [module for name, module in sorted(sys.modules.items())
               if isinstance(module, ModuleType) and not name.startswith("__main__")]
    answers = {module.__name__: (fast(module), upstream(module)) for module in modules}
    differing = {name: pair for name, pair in answers.items() if pair[0] != pair[1]}
    assert not differing
    assert answers["checklist_app.ui.main_window"] == (True, True)
    assert answers["checklist_app.core.model"] == (False, False)
    assert answers["sys"] == (False, False)  # built in: PySide6's own check answers


def test_a_file_gone_since_import_falls_back_to_pyside6(feature: ModuleType) -> None:
    asked: list[str] = []

    def upstream(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    setattr(feature, HOOK, upstream)
    speed_up_pyside_imports()
    gone = ModuleType("gone_module")
    gone.__file__ = "/nonexistent/gone_module.py"
    assert getattr(feature, HOOK)(gone) is False
    assert asked == ["gone_module"]


def test_speeding_up_twice_wraps_once(feature: ModuleType) -> None:
    speed_up_pyside_imports()
    once = getattr(feature, HOOK)
    speed_up_pyside_imports()
    assert getattr(feature, HOOK) is once


def test_without_the_hook_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, FEATURE_MODULE)
    assert import_speedup.speed_up_pyside_imports() is False
    assert checklist_app.core.model  # still importable, nothing patched
