"""The evidence list of the selected item: drop files from the file manager, add, open,
export, remove. Opening hands a temporary copy to the system viewer, after a warning for
types that could run code; :class:`ViewerCopies` deletes those copies again."""

from __future__ import annotations

import contextlib
import getpass
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QLockFile,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPainter,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Evidence
from checklist_app.i18n import _, join_sentences, ngettext
from checklist_app.storage.export import already_there_note, printable, sanitize_file_name
from checklist_app.ui import message_box
from checklist_app.ui.models.evidence_list_model import EvidenceListModel, EvidenceRole
from checklist_app.ui.service import WorkspaceService, copy_refusal
from checklist_app.ui.undo import AssessmentUndo

if TYPE_CHECKING:
    from checklist_app.storage.export import ExportedFile

# Types the system would run rather than show (Windows and Linux desktops).
RISKY_SUFFIXES = frozenset({
    ".exe", ".com", ".bat", ".cmd", ".msi", ".msp", ".scr", ".pif", ".cpl", ".dll", ".jar",
    ".js", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".ps1", ".psm1", ".hta", ".lnk", ".reg",
    ".sh", ".bash", ".run", ".bin", ".appimage", ".desktop", ".py", ".pyw", ".docm", ".xlsm",
    ".pptm", ".iso",
})


def is_risky(file_name: str) -> bool:
    return Path(file_name).suffix.lower() in RISKY_SUFFIXES


LOCK_NAME = ".in-use"


def default_copies_root() -> Path:
    """A folder of the user's own under the system's temporary folder."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (some service accounts, containers)
        user = "user"
    return Path(tempfile.gettempdir()) / f"checklist-app-{user}-opened"


class ViewerCopies:
    """The temporary copies of evidence handed to the system viewer.

    Evidence can be confidential, so the copies do not stay behind: each run of the app
    keeps them in a folder of its own, deleted when the app exits (:meth:`remove`). A run
    that could not delete its folder (it crashed, or on Windows a viewer still held a file
    open) leaves it to the next start (:meth:`remove_stale`). A lock file tells a live
    run's folder from a finished one, so two copies of the app never delete each other's
    files.
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_copies_root()
        self._folder: Path | None = None
        self._lock: QLockFile | None = None

    def new_folder(self) -> Path:
        """An empty folder for one copy (the file keeps its own name, names may repeat)."""
        if self._folder is None:
            self.root.mkdir(parents=True, exist_ok=True)
            folder = Path(tempfile.mkdtemp(prefix="run-", dir=self.root))
            lock = QLockFile(str(folder / LOCK_NAME))
            lock.setStaleLockTime(0)  # this run holds it for as long as it runs
            lock.tryLock(0)
            self._folder, self._lock = folder, lock
        return Path(tempfile.mkdtemp(dir=self._folder))

    def remove(self) -> None:
        """Delete this run's copies (at exit); what a viewer still holds open stays until
        the next start."""
        if self._lock is not None:
            self._lock.unlock()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._folder = self._lock = None

    def remove_stale(self) -> list[Path]:
        """Delete the folders of runs that are over (at start); returns them."""
        removed = []
        with contextlib.suppress(OSError):
            for folder in list(self.root.iterdir()):
                if folder == self._folder or not folder.is_dir():
                    continue
                lock = QLockFile(str(folder / LOCK_NAME))
                lock.setStaleLockTime(0)  # stale only when its process is gone
                if not lock.tryLock(0):
                    continue  # another copy of the app is running and uses it
                lock.unlock()
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        return removed


def dropped_files(mime: QMimeData) -> list[Path]:
    """Local files and folders among dropped URLs (a folder stands for its files: see
    ``MainWindow.attach_files``); remote URLs are ignored."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def accept_if_files(event: QDragEnterEvent | QDragMoveEvent, *, also: bool = True) -> None:
    """Accept a drag that carries local files (and meets ``also``); ignore any other."""
    if also and dropped_files(event.mimeData()):
        event.acceptProposedAction()
    else:
        event.ignore()


class FileDropMixin:
    """dragEnter/dragMove/drop handlers that accept local files and emit ``filesDropped``."""

    filesDropped: Signal

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_if_files(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.filesDropped.emit(files)
        else:
            event.ignore()


LINE_SEPARATOR = "\u2028"  # what the delegate's display text has for the model's \n


class _FittingDelegate(QStyledItemDelegate):
    """Rows no wider than the list: a long file name is shortened in the middle (…) rather
    than pushing a sideways scroll bar under every file; the lines under it (size and hash,
    the description) are shortened at their end, so that a description is read from its
    start (cut in the middle, neither its beginning nor its point was left)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        shown.text = self.fitted_text(shown)
        style = shown.widget.style() if shown.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, shown.widget)

    @staticmethod
    def fitted_text(shown: QStyleOptionViewItem) -> str:
        """The row's lines as they fit its text area: the name shortened in the middle, the
        other lines at their end."""
        style = shown.widget.style() if shown.widget else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                   shown.widget) + 1  # as Qt's item views draw text
        width = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown,
                                     shown.widget).width() - 2 * margin
        metrics = shown.fontMetrics
        return LINE_SEPARATOR.join(
            metrics.elidedText(line, Qt.TextElideMode.ElideMiddle if number == 0
                               else Qt.TextElideMode.ElideRight, max(width, 0))
            for number, line in enumerate(shown.text.replace("\n", LINE_SEPARATOR)
                                          .split(LINE_SEPARATOR)))

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QListView):
            size.setWidth(min(size.width(), view.viewport().width() - 2 * view.spacing()))
        return size


class EvidenceView(FileDropMixin, QListView):
    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setIconSize(QSize(40, 40))
        self.setSpacing(2)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows fitted again on resizing
        self.setItemDelegate(_FittingDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)


class EvidenceList(QWidget):
    """Evidence of one item; ``filesDropped``/Add ask the window to attach (with progress).

    Removing a file is an undoable command of the window's undo stack.
    """

    attachRequested = Signal(list)  # list[Path]
    reported = Signal(str)  # what an action did, for the status bar
    filesRemoved = Signal(str, int)  # node id, how many files were removed from it

    def __init__(self, service: WorkspaceService, undo: AssessmentUndo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.undo = undo
        self.copies: ViewerCopies | None = None  # the app's, set by the main window
        self.node_id = ""
        self.model = EvidenceListModel(self)
        self.view = EvidenceView(self)
        self.view.setObjectName("evidenceView")
        self.view.setModel(self.model)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)  # Ctrl+arrows
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self._shown_ids: tuple[str, frozenset[int]] = ("", frozenset())  # item, its files
        self.view.filesDropped.connect(self.attachRequested.emit)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.hint = QLabel(_("Drop files here, or use Add."), self)
        self.hint.setStyleSheet("color: palette(mid);")
        self.buttons = {key: QPushButton(text, self) for key, text in (
            ("add", _("Add…")), ("open", _("Open")), ("describe", _("Describe…")),
            ("export", _("Export…")), ("remove", _("Remove")))}
        self.buttons["add"].clicked.connect(self.choose_files)
        self.buttons["open"].clicked.connect(self.open_selected)
        self.buttons["describe"].clicked.connect(self.describe_selected)
        self.buttons["describe"].setToolTip(_("What the selected file shows, printed under its "
                                              "name in the report (F2)"))
        self.buttons["export"].clicked.connect(lambda: self.export_selected())
        self.buttons["remove"].clicked.connect(self.remove_selected)
        self._keys()
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        service.evidenceChanged.connect(self._evidence_changed)

    def _keys(self) -> None:
        """Delete removes the files selected (it did nothing: Tab to 移除 was the way) and
        Enter opens them, as in a file manager."""
        for keys, act in (((QKeySequence.StandardKey.Delete,), self._remove_if_editable),
                          ((Qt.Key.Key_Return, Qt.Key.Key_Enter), self.open_selected),
                          ((Qt.Key.Key_F2,), self.describe_selected)):
            action = QAction(self.view)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(act)
            self.view.addAction(action)

    def _remove_if_editable(self) -> None:
        if self.buttons["remove"].isEnabled():
            self.remove_selected()

    def show_item(self, node_id: str) -> None:
        self.node_id = node_id
        self.refresh()

    def refresh(self) -> None:
        data = self.service.data
        items = data.evidence.get(self.node_id, []) if data and self.node_id else []
        chosen = self._chosen_ids()
        self.model.set_evidence(items)
        self._select_new(items, chosen)
        editable = bool(data and data.editable and self.node_id)
        self.buttons["add"].setEnabled(editable)
        self.buttons["export"].setEnabled(bool(items))
        self._update_buttons()
        self.view.setAcceptDrops(editable)
        self.hint.setVisible(editable and not items)
        for evidence in self.model.wants_thumbnail():
            self.service.read_evidence_bytes(
                evidence.id, lambda data, eid=evidence.id: self.model.set_thumbnail(eid, data))

    def _evidence_changed(self, _node_id: str) -> None:
        self.refresh()

    def _chosen_ids(self) -> frozenset[int]:
        """The files selected (not the fall-backs of :meth:`selected`)."""
        return frozenset(index.data(EvidenceRole.EVIDENCE_ID)
                         for index in self.view.selectionModel().selectedIndexes())

    def _select_new(self, items: list[Evidence], chosen: frozenset[int]) -> None:
        """Files just attached to the item shown are selected, as a file manager selects
        what was copied in: Open and Remove then act on them (they did nothing with no
        file selected). Files selected before a reload (a description saved, an undo) stay
        selected."""
        before_node, before = self._shown_ids
        ids = frozenset(e.id for e in items)
        self._shown_ids = (self.node_id, ids)
        same_item = before_node == self.node_id
        added = ((ids - before) or (chosen & ids)) if same_item else frozenset()
        if not added:
            return
        selection = self.view.selectionModel()
        for row, evidence in enumerate(items):
            if evidence.id in added:
                index = self.model.index(row, 0)
                selection.select(index, QItemSelectionModel.SelectionFlag.Select)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _update_buttons(self) -> None:
        """Open, Description and Remove act on the selected files (the only one, when there
        is one): with several and none selected they are off, as they did nothing."""
        data = self.service.data
        editable = bool(data and data.editable and self.node_id)
        chosen = bool(self.selected())
        self.buttons["open"].setEnabled(chosen)
        self.buttons["describe"].setEnabled(editable and len(self.selected()) == 1)
        self.buttons["remove"].setEnabled(editable and chosen)

    def selected(self) -> list[Evidence]:
        """The selected files, else the current one, else the item's only file."""
        rows = self.view.selectionModel().selectedIndexes()
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex()]
        if not rows and self.model.rowCount() == 1:
            rows = [self.model.index(0, 0)]
        return [index.data(EvidenceRole.EVIDENCE) for index in rows]

    # -- actions ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attach evidence"))
        if names:
            self.attachRequested.emit([Path(n) for n in names])

    def open_selected(self) -> None:
        for evidence in self.selected()[:5]:
            if is_risky(evidence.file_name) and not self.confirm_risky(evidence):
                continue
            if self.copies is None:
                self.copies = ViewerCopies()
            try:
                folder = self.copies.new_folder()
            except OSError as error:  # the temporary folder full or not writable
                self.service.failed.emit(copy_refusal(evidence.file_name, error), "")
                return
            # a name attached on Linux may be one Windows refuses (会议:1号?.txt, CON.txt)
            self.service.export_evidence_file(
                evidence.id, folder / sanitize_file_name(evidence.file_name),
                lambda path, e=evidence: self._open_copy(path, e))

    def _open_copy(self, path: Path, evidence: Evidence) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.offer_export(evidence)

    def offer_export(self, evidence: Evidence) -> None:
        """No program opens this type here: say so, and offer to save it somewhere else."""
        box = QMessageBox(QMessageBox.Icon.Information, _("Cannot open the file"), _(
            "No program on this computer opens {name}. Export it to a folder and open it "
            "with a program of your choice, or on another computer.").format(
            name=evidence.shown_name), QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # <b>图纸</b>.dwg was drawn bold
        export = box.addButton(_("Export…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(export)
        box.exec()
        if box.clickedButton() is export:
            self.export_selected([evidence])

    def confirm_risky(self, evidence: Evidence) -> bool:
        answer = message_box.warning(
            self, _("Open a program?"),
            _("{name} is a type of file that can run programs on this computer. Open it only "
              "if you trust where it came from.\n\nOpen it anyway?").format(
                name=evidence.shown_name),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Open

    def export_selected(self, items: list[Evidence] | None = None) -> None:
        items = items or self.selected() or self.model.evidence()
        folder = QFileDialog.getExistingDirectory(self, _("Export evidence to folder"))
        if folder:
            self.export_to(Path(folder), items)

    def export_to(self, folder: Path, items: list[Evidence]) -> None:
        """Save the files into ``folder``, each under a name of its own: a file already
        there, or another of the same name, is never replaced (方案.txt, 方案 (2).txt)."""
        self.service.export_evidence_files(
            [e.id for e in items], folder, lambda written: self._exported(folder, written))

    def _exported(self, folder: Path, written: list[ExportedFile]) -> None:
        """Say where the files went, and which were saved under another name, and why: a
        name already taken, or one a folder does not allow (..\\x.pdf, CON.txt, a line
        break)."""
        taken, unsafe = [], []
        for exported in written:
            name, saved = exported.evidence.file_name, exported.path.name
            if saved == name:
                continue
            renamed = _("{name} as {saved}").format(name=printable(name), saved=saved)
            (unsafe if saved == sanitize_file_name(name) else taken).append(renamed)
        text = ngettext("Exported {n} file to {folder}.", "Exported {n} files to {folder}.",
                        len(written)).format(n=len(written), folder=folder)
        if taken:
            text = join_sentences(text, _("Names already taken, so saved: {files}.").format(
                files=_(", ").join(taken)))
        if unsafe:
            text = join_sentences(text, _("Names a folder does not allow, so saved: "
                                          "{files}.").format(files=_(", ").join(unsafe)))
        self.reported.emit(join_sentences(text, already_there_note(written)))

    def remove_selected(self) -> None:
        items = self.selected()
        if not items or not self.confirm_remove(items):
            return
        order = [e.id for e in self.model.evidence()]
        items.sort(key=lambda e: order.index(e.id))
        count = len(items)
        if count > 1:
            self.undo.stack.begin_step(lambda: ngettext(
                "Remove {n} evidence file", "Remove {n} evidence files", count).format(n=count))
        for removed_before, evidence in enumerate(items):  # each where it is at its removal
            self.undo.stack.push_removal(
                self.service, self.node_id, evidence.id,
                order.index(evidence.id) - removed_before,
                lambda name=evidence.shown_name: _("Remove evidence {name}").format(name=name))
        if count > 1:
            self.undo.stack.end_step()
        self.filesRemoved.emit(self.node_id, count)

    def describe_selected(self) -> None:
        """Say what the chosen file shows (Description…, F2, or its right-click menu):
        the report prints it under the file's name in 佐证材料目录."""
        chosen, data = self.selected(), self.service.data
        if len(chosen) != 1 or not (data and data.editable and self.node_id):
            return
        evidence = chosen[0]
        text, ok = message_box.get_text(
            self, _("Description"),
            _("What {name} shows (the report prints it under the file's name):").format(
                name=evidence.shown_name), QLineEdit.EchoMode.Normal, evidence.description)
        text = " ".join(text.split())
        if ok and text != evidence.description:
            self.undo.stack.push_description(
                self.service, self.node_id, evidence.id, evidence.description, text,
                lambda name=evidence.shown_name: _("Describe evidence {name}").format(
                    name=name))

    def context_menu(self) -> QMenu:
        """The right-click menu of the files chosen: what the buttons do, and Description…"""
        menu = QMenu(self)
        data = self.service.data
        editable = bool(data and data.editable and self.node_id)
        chosen = self.selected()
        for text, act, enabled in (
                (_("Open"), self.open_selected, bool(chosen)),
                (_("Description…"), self.describe_selected, editable and len(chosen) == 1),
                (_("Export…"), self.export_selected, bool(self.model.rowCount())),
                (_("Remove"), self.remove_selected, editable and bool(chosen))):
            action = menu.addAction(text)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _checked=False, act=act: act())  # not into items
        return menu

    def _show_context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid() and not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)  # the file clicked, as a file manager does
        menu = self.context_menu()
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()  # one made for each right click

    def confirm_remove(self, items: list[Evidence]) -> bool:
        names = "\n".join(e.shown_name for e in items)
        answer = message_box.question(
            self, _("Remove evidence"),
            _("Remove these files from the item?\n{names}\n\nEdit ▸ Undo puts them back.")
            .format(names=names))
        return answer == QMessageBox.StandardButton.Yes
