"""The Qt binding the app runs on keeps Python's objects alive through signals."""

from __future__ import annotations

import subprocess
import sys

EMIT_MANY = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    progress = Signal(float, str)
    changed = Signal()
source = Source()
source.progress.connect(lambda fraction, message: None)
source.changed.connect(lambda: None)
before = sys.getrefcount(True)
for _ in range(20000):
    source.progress.emit(0.5, "x")
    source.changed.emit()
print(sys.getrefcount(True) - before)
"""


def test_twenty_thousand_signals_leave_true_alone() -> None:
    """PySide6 6.12.0's Signal.emit() returned True without a reference: after a few
    thousand signals (a day's work, or some 44 reports) the app aborted in bool_dealloc.
    The app pins a release without the bug; this fails on one with it."""
    done = subprocess.run([sys.executable, "-c", EMIT_MANY], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert abs(int(done.stdout.strip())) < 100
