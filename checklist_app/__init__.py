"""Offline compliance checklist and self-assessment reports for standardization policy."""

from __future__ import annotations

from functools import cache


@cache
def _package_version() -> str:
    # importlib.metadata costs ~50 ms at start-up, so it is loaded on first use only.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("checklist-app")
    except PackageNotFoundError:  # a source tree that was not installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    """``checklist_app.__version__``, looked up when first asked for."""
    if name == "__version__":
        return _package_version()
    raise AttributeError(name)
