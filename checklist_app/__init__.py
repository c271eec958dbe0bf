"""Offline compliance checklist and self-assessment reports for standardization policy."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("checklist-app")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
