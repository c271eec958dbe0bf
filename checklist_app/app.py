"""Composition root of the desktop app: the start-up order, written down in one place.

1. arguments; 2. settings (JSON under the config folder); 3. language (gettext for our
strings, Qt's qtbase catalog for its standard dialogs); 4. QApplication, icon and the bundled
CJK font; 5. thread pools (one writer thread that owns the workspace connection, one pool
for long jobs); 6. service and main window; 7. open the workspace (given, last used, else the
demo); 8. on quit: close the workspace (backup when due), wait for both pools, save settings.
A change of language in the settings rebuilds the main window in it, with Qt's catalog
swapped too (``DesktopApp.switch_language``); the workspace stays open.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import checklist_app
from checklist_app import paths
from checklist_app.i18n import ArgumentParser, _, current_language, set_language

if TYPE_CHECKING:  # Qt is imported only once the arguments are parsed (--version stays fast)
    from PySide6.QtCore import QThreadPool, QTranslator
    from PySide6.QtWidgets import QApplication

    from checklist_app.settings import Settings
    from checklist_app.ui.main_window import MainWindow
    from checklist_app.ui.service import WorkspaceService
    from checklist_app.ui.undo import AssessmentUndo
    from checklist_app.ui.widgets.evidence_list import ViewerCopies
    from checklist_app.ui.workers import JobRunner, Pool


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = ArgumentParser(
        prog="checklist-app",
        description=_("Self-assessment of standardization policy: desktop app."))
    parser.add_argument("workspace", nargs="?", type=Path,
                        help=_("workspace file to open (default: the last one used)"))
    parser.add_argument("--demo", action="store_true",
                        help=_("open the demo workspace (built on first use)"))
    parser.add_argument("--version", action=_VersionAction,
                        help=_("show program's version number and exit"))
    return parser.parse_args(argv)


class _VersionAction(argparse._VersionAction):
    """argparse's ``--version``, with the text made only when asked for.

    ``checklist_app.__version__`` reads the package metadata (importlib.metadata, ~20 ms):
    building the text up front would cost every start that much.
    """

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        self.version = f"checklist-app {checklist_app.__version__}"
        super().__call__(parser, namespace, values, option_string)


def choose_language(configured: str) -> str:
    """Settings first, then CHECKLIST_APP_LANG, then the system locale (Chinese by default)."""
    import os

    from PySide6.QtCore import QLocale

    if configured:
        return set_language(configured)
    if os.environ.get("CHECKLIST_APP_LANG"):
        return set_language(None)
    system = QLocale.system().name()
    return set_language("en" if system.startswith("en") else None)


def install_qt_translations(app: QApplication, language: str,
                            replacing: Sequence[QTranslator] = ()) -> list[QTranslator]:
    """Qt's own strings (standard dialogs, buttons) in the chosen language.

    ``replacing``: the translators of the previous language, removed first. English needs
    none (Qt's own strings are English)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    for old in replacing:
        app.removeTranslator(old)
    translators = []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalog in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(f"{catalog}_{language}", folder):
            app.installTranslator(translator)
            translators.append(translator)
            break
    return translators


@cache
def install_fonts() -> str:
    """Register the bundled CJK font so Chinese shows on machines that lack one.

    Returns the bundled family; it becomes the application font only when the system has no
    font for simplified Chinese, so a machine's own (usually nicer) font wins when present.
    """
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    from checklist_app.resources import resource_path
    from checklist_app.ui.glyphs import note_fonts

    system_cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    font_id = QFontDatabase.addApplicationFont(
        str(resource_path("fonts", "DroidSansFallbackFull.ttf")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families and not system_cjk:
        font = QGuiApplication.font()
        font.setFamilies([font.family(), families[0]])
        QGuiApplication.setFont(font)
    if families:
        QFont.insertSubstitution(QGuiApplication.font().family(), families[0])
    note_fonts(QGuiApplication.font())  # 〈〉 with stand-ins where no font here has them
    return families[0] if families else ""


def demo_workspace() -> Path:
    """The demo workspace, built on first use.

    ``checklist_app.demo`` imports the importer and the crosswalk files (OpenCC, jsonschema),
    so it is imported only when the demo file does not exist yet.
    """
    existing = paths.demo_workspace_file()
    if existing.is_file():
        return existing
    from checklist_app.demo import ensure_demo_workspace

    return ensure_demo_workspace(paths.demo_dir())


def workspace_to_open(args: argparse.Namespace, last_used: str) -> Path:
    if args.demo:
        return demo_workspace()
    if args.workspace is not None:
        return Path(args.workspace).expanduser().resolve()
    if last_used and Path(last_used).is_file():
        return Path(last_used)
    return demo_workspace()


@dataclass(slots=True)
class DesktopApp:
    """Everything the composition root built, for main() and for tests."""

    window: MainWindow
    service: WorkspaceService
    settings: Settings
    writer: Pool
    background: JobRunner
    viewer_copies: ViewerCopies
    qt_translators: list[QTranslator] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._follow(self.window)

    def _follow(self, window: MainWindow) -> None:
        # A lambda: a slots dataclass has no __weakref__ for PySide to hold a method by.
        window.languageChangeRequested.connect(lambda code: self.switch_language(code))

    def switch_language(self, configured: str) -> bool:
        """Apply a new language setting now, by rebuilding the main window in it.

        Every string of ours is looked up when a widget is built, so a new window is the
        one way to have none left over. The workspace stays open (the service is kept);
        the new window takes the old one's geometry, splitters, branch, filters and item.
        Returns False when nothing was rebuilt: the language is the same, a job the
        window follows is running (then it retries once the job is done), or a dialog with
        typed text was told to stay open (then it retries once that dialog is closed: the
        rebuild deleted it with what was typed in it).
        """
        from PySide6.QtCore import Qt, QTimer
        from PySide6.QtWidgets import QApplication

        old = self.window
        if old.busy:
            old.statusBar().showMessage(
                _("The new language applies when the running task has finished."), 5000)
            QTimer.singleShot(1000, old, lambda: self.switch_language(configured))
            return False
        if (kept := old.dialog_kept_open()) is not None:
            old.statusBar().showMessage(
                _("The new language applies when the open editor is closed."), 5000)
            kept.finished.connect(
                lambda _result: QTimer.singleShot(0, lambda: self.switch_language(configured)),
                Qt.ConnectionType.SingleShotConnection)
            return False
        before = current_language()
        language = choose_language(configured)
        if language == before:
            return False
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.qt_translators = install_qt_translations(app, language, self.qt_translators)
            app.setApplicationDisplayName(_("Standardization self-assessment"))
        old.item_pane.detail.flush_edits()  # sent now: a refusal is kept as typed text
        state = old.view_state()
        old.save_geometry()  # the new window starts from it
        old.undo.retranslate()  # the steps the new window's Undo menu names
        self.window = main_window(self.service, self.settings, self.background,
                                  self.viewer_copies, old.undo)
        self._follow(self.window)
        self.window.item_pane.detail.take_over(old.item_pane.detail)
        self.window.show()  # laid out first: the splitters keep their restored sizes
        self.window.restore_view(state)
        old.retire()
        return True

    def shutdown(self) -> None:
        """Close the workspace, wait for running jobs, keep the settings."""
        self.window.save_geometry()
        self.background.close()
        self.background.wait()
        self.service.close()
        self.writer.waitForDone()
        self.viewer_copies.remove()
        self.settings.save()


def build(settings: Settings | None = None, *, writer: Pool | QThreadPool | None = None,
          background: Pool | QThreadPool | None = None,
          open_path: Path | None = None) -> DesktopApp:
    """Pools, service and main window (a QApplication must exist).

    With ``open_path`` the workspace starts opening on the writer thread before the window
    is built, so importing the storage layer (sqlite-utils: ~0.06 s) and the disk work
    overlap the widget set-up and the first paint (results arrive through the event loop,
    after the window is connected).
    """
    from checklist_app.settings import Settings
    from checklist_app.ui.service import WorkspaceService
    from checklist_app.ui.workers import JobRunner, background_pool, writer_pool

    settings = settings if settings is not None else Settings.load()
    writer = writer if writer is not None else writer_pool()
    service = WorkspaceService(writer, user=settings.user_name,
                               backup_keep=settings.backup_count)
    if open_path is not None:
        service.open(open_path)
    runner = JobRunner(background if background is not None else background_pool())
    from checklist_app.ui.widgets.evidence_list import ViewerCopies

    copies = ViewerCopies()
    copies.remove_stale()  # evidence opened in a viewer by runs that could not clean up
    window = main_window(service, settings, runner, copies)
    if open_path is not None:
        window.expect_workspace()
    return DesktopApp(window, service, settings, writer, runner, copies)


def main_window(service: WorkspaceService, settings: Settings, runner: JobRunner,
                copies: ViewerCopies, undo: AssessmentUndo | None = None) -> MainWindow:
    from checklist_app.ui.main_window import MainWindow  # imported late: see build()

    return MainWindow(service, settings, runner, viewer_copies=copies, undo=undo)


def main(argv: Sequence[str] | None = None,
         on_ready: Callable[[DesktopApp], None] | None = None) -> int:
    """Run the app; ``on_ready`` is called once the first workspace is shown (benchmarks)."""
    if "--selftest" in (sys.argv[1:] if argv is None else argv):  # no window, no Qt
        from checklist_app.selftest import main as selftest_main

        return selftest_main()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from checklist_app.ui.import_speedup import speed_up_pyside_imports

    speed_up_pyside_imports()  # before the UI modules are imported: see its module
    from checklist_app.settings import Settings
    from checklist_app.ui.icons import app_icon
    from checklist_app.ui.palette import soften_unfocused_selection

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("checklist-app")
    app.setDesktopFileName("checklist-app")
    settings = Settings.load()
    language = choose_language(settings.language)
    translators = install_qt_translations(app, language)
    app.setApplicationDisplayName(_("Standardization self-assessment"))
    app.setWindowIcon(app_icon())
    soften_unfocused_selection(app)
    install_fonts()
    desktop = build(settings, open_path=workspace_to_open(args, settings.last_workspace))
    desktop.qt_translators = translators
    if on_ready is not None:
        desktop.window.workspaceShown.connect(lambda: on_ready(desktop))
    desktop.window.show()
    # The version comes from the package metadata (~20 ms): set it once the user can work.
    QTimer.singleShot(1000, lambda: app.setApplicationVersion(checklist_app.__version__))
    app.aboutToQuit.connect(desktop.shutdown)
    return app.exec()
