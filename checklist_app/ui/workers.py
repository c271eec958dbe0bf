"""Work off the UI thread: a QRunnable with a separate signals object (no multiple inheritance).

A job runs a plain function or drives a generator that yields progress (``build_report``),
turning each step into a ``progress`` signal, and reports ``finished(result)`` or
``error(exception)``; it never lets an exception escape into Qt. Cancelling a generator job
closes the generator at its next step. :class:`InlinePool` runs jobs at once on the calling
thread, for tests (like Picard's FakeThreadPool).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterator
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


class JobSignals(QObject):
    """Created on the UI thread, so slots of UI objects connected to it run there."""

    progress = Signal(float, str)  # fraction 0..1, message
    finished = Signal(object)
    error = Signal(object)


class CancelToken:
    """Shared between the UI and a running job: cancel flag in, progress reports out."""

    def __init__(self, report: Callable[[float, str], None] | None = None) -> None:
        self._event = threading.Event()
        self._report = report

    def report(self, fraction: float, message: str = "") -> None:
        """Progress of a job that is a plain function (a callback-driven store, say)."""
        if self._report is not None:
            self._report(fraction, message)

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled


ProgressStep = tuple[float, str]


class Job(QRunnable):
    """Runs ``function(token)``; when it returns a generator, each yielded step is progress.

    A generator step is either ``(fraction, message)`` or an object with ``fraction`` and
    ``message`` attributes; the generator's return value (or the last step) is the result.
    """

    def __init__(self, function: Callable[[CancelToken], Any]) -> None:
        super().__init__()
        self.function = function
        self.signals = JobSignals()
        self.token = CancelToken(self.signals.progress.emit)

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> None:
        try:
            result = self.function(self.token)
            if isinstance(result, Iterator):
                result = self._drive(result)
                self.token.check()
            # A plain function that returned has done its work (a backup written, files
            # attached): a Cancel that came too late must not report it as not done.
        except BaseException as error:
            self.signals.error.emit(error)
            return
        self.signals.finished.emit(result)

    def _drive(self, steps: Iterator[Any]) -> Any:
        last: Any = None
        try:
            while True:
                if self.token.cancelled and isinstance(steps, Generator):
                    steps.close()
                    raise Cancelled
                last = next(steps)
                fraction, message = _as_step(last)
                self.signals.progress.emit(fraction, message)
        except StopIteration as stop:
            return stop.value if stop.value is not None else last


def _as_step(step: Any) -> ProgressStep:
    if isinstance(step, tuple):
        return float(step[0]), str(step[1])
    return float(getattr(step, "fraction", 0.0)), str(getattr(step, "message", ""))


class Pool(Protocol):
    def start(self, runnable: QRunnable) -> None: ...

    def waitForDone(self, msecs: int = -1) -> bool: ...


class InlinePool:
    """A pool that runs each job immediately on the calling thread (tests, benchmarks)."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True


def writer_pool() -> QThreadPool:
    """One thread that never expires: the workspace connection lives on it for good.

    sqlite connections belong to the thread that opened them, and a QThreadPool normally
    retires idle threads after 30 s, so the expiry is switched off (Picard's one-thread
    save pool, with that extra care).
    """
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)
    return pool


def background_pool() -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount() // 2))
    return pool


class JobRunner(QObject):
    """Starts jobs on a pool and calls back on the UI thread; keeps jobs alive until done."""

    def __init__(self, pool: Pool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool
        self._running: set[_Callbacks] = set()
        self._closed = False

    def run(self, function: Callable[[CancelToken], Any], *,
            done: Callable[[Any], None] | None = None,
            failed: Callable[[BaseException], None] | None = None,
            progress: Callable[[float, str], None] | None = None) -> Job:
        """Create and start a job; the callbacks run on the UI thread."""
        job = self.create(function, done=done, failed=failed, progress=progress)
        self.start(job)
        return job

    def create(self, function: Callable[[CancelToken], Any], *,
               done: Callable[[Any], None] | None = None,
               failed: Callable[[BaseException], None] | None = None,
               progress: Callable[[float, str], None] | None = None) -> Job:
        """A job not started yet: keep it (to cancel it) before :meth:`start`."""
        job = Job(function)
        self._running.add(_Callbacks(job, done, failed, progress, self._forget))
        return job

    def start(self, job: Job) -> None:
        """Start ``job``; once the runner is closed, drop it unrun (the app is quitting)."""
        if self._closed:
            self._running = {c for c in self._running if c.job is not job}
            return
        self.pool.start(job)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for callbacks in list(self._running):
            callbacks.job.cancel()

    def close(self) -> None:
        """Cancel the running jobs and start no more: the app is quitting.

        Timers queued before the quit still fire (the items table's mapped-clause fill,
        say); a job they started after the pool was waited for would outlive the objects
        it reports to.
        """
        self._closed = True
        self.cancel_all()

    def _forget(self, callbacks: _Callbacks) -> None:
        self._running.discard(callbacks)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for every job, and for the pool's threads to end (``waitForDone``)."""
        return self.pool.waitForDone(msecs)

    def drain(self) -> None:
        """Block until the jobs started so far have run, keeping the pool's thread.

        For the one-thread writer pool, whose sqlite connection belongs to its thread:
        ``waitForDone`` would end that thread, and the next job would run on a new one
        that cannot use the connection. A marker job queued behind the others (one
        thread, first in first out) tells when they are done.
        """
        if not isinstance(self.pool, QThreadPool):  # inline and test pools: they say when
            self.pool.waitForDone()
            return
        done = threading.Event()
        self.pool.start(_Marker(done))
        done.wait()


class _Marker(QRunnable):
    """Sets ``event`` when run. A Python subclass, not ``QRunnable.create``: the pool deletes
    a runnable after running it, and only a subclass's deletion reaches PySide. A created
    one's Python object outlived it, still filed under its address, and a Qt object made
    later at that address (a table's selection model) came back as that QRunnable."""

    def __init__(self, event: threading.Event) -> None:
        super().__init__()
        self.event = event

    def run(self) -> None:
        self.event.set()


class _Callbacks(QObject):
    """Lives on the UI thread: the queued signal connections deliver the results here."""

    def __init__(self, job: Job, done: Callable[[Any], None] | None,
                 failed: Callable[[BaseException], None] | None,
                 progress: Callable[[float, str], None] | None,
                 forget: Callable[[_Callbacks], None]) -> None:
        super().__init__()
        self.job = job
        self._done, self._failed, self._progress, self._forget = done, failed, progress, forget
        job.signals.finished.connect(self.on_finished)
        job.signals.error.connect(self.on_error)
        job.signals.progress.connect(self.on_progress)

    @Slot(object)
    def on_finished(self, result: object) -> None:
        self._forget(self)
        if self._done is not None:
            self._done(result)

    @Slot(object)
    def on_error(self, error: object) -> None:
        self._forget(self)
        if self._failed is not None and isinstance(error, BaseException):
            self._failed(error)

    @Slot(float, str)
    def on_progress(self, fraction: float, message: str) -> None:
        if self._progress is not None:
            self._progress(fraction, message)
