"""The evidence list of the selected item: drop files from the file manager, add, open,
export, remove. Opening hands a temporary copy to the system viewer, after a warning for
types that could run code."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checklist_app.core import Evidence
from checklist_app.i18n import _
from checklist_app.ui.models.evidence_list_model import EvidenceListModel, EvidenceRole
from checklist_app.ui.service import WorkspaceService

# Types the system would run rather than show (Windows and Linux desktops).
RISKY_SUFFIXES = frozenset({
    ".exe", ".com", ".bat", ".cmd", ".msi", ".msp", ".scr", ".pif", ".cpl", ".dll", ".jar",
    ".js", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".ps1", ".psm1", ".hta", ".lnk", ".reg",
    ".sh", ".bash", ".run", ".bin", ".appimage", ".desktop", ".py", ".pyw", ".docm", ".xlsm",
    ".pptm", ".iso",
})


def is_risky(file_name: str) -> bool:
    return Path(file_name).suffix.lower() in RISKY_SUFFIXES


def dropped_files(mime: QMimeData) -> list[Path]:
    """Local files among dropped URLs (folders and remote URLs are left to the storage
    layer's messages and ignored respectively)."""
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


class EvidenceView(FileDropMixin, QListView):
    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setIconSize(QSize(40, 40))
        self.setSpacing(2)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)


class EvidenceList(QWidget):
    """Evidence of one item; ``filesDropped``/Add ask the window to attach (with progress)."""

    attachRequested = Signal(list)  # list[Path]

    def __init__(self, service: WorkspaceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.node_id = ""
        self.model = EvidenceListModel(self)
        self.view = EvidenceView(self)
        self.view.setObjectName("evidenceView")
        self.view.setModel(self.model)
        self.view.filesDropped.connect(self.attachRequested.emit)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.hint = QLabel(_("Drop files here, or use Add."), self)
        self.hint.setStyleSheet("color: palette(mid);")
        self.buttons = {key: QPushButton(text, self) for key, text in (
            ("add", _("Add…")), ("open", _("Open")), ("export", _("Export…")),
            ("remove", _("Remove")))}
        self.buttons["add"].clicked.connect(self.choose_files)
        self.buttons["open"].clicked.connect(self.open_selected)
        self.buttons["export"].clicked.connect(self.export_selected)
        self.buttons["remove"].clicked.connect(self.remove_selected)
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

    def show_item(self, node_id: str) -> None:
        self.node_id = node_id
        self.refresh()

    def refresh(self) -> None:
        data = self.service.data
        items = data.evidence.get(self.node_id, []) if data and self.node_id else []
        self.model.set_evidence(items)
        editable = bool(data and data.editable and self.node_id)
        self.buttons["add"].setEnabled(editable)
        self.buttons["remove"].setEnabled(editable and bool(items))
        self.buttons["open"].setEnabled(bool(items))
        self.buttons["export"].setEnabled(bool(items))
        self.view.setAcceptDrops(editable)
        self.hint.setVisible(editable and not items)
        for evidence in self.model.wants_thumbnail():
            self.service.read_evidence_bytes(
                evidence.id, lambda data, eid=evidence.id: self.model.set_thumbnail(eid, data))

    def _evidence_changed(self, _node_id: str) -> None:
        self.refresh()

    def selected(self) -> list[Evidence]:
        rows = self.view.selectionModel().selectedIndexes()
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex()]
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
            folder = Path(tempfile.mkdtemp(prefix="checklist-evidence-"))
            self.service.export_evidence_file(
                evidence.id, folder / Path(evidence.file_name).name,
                lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    def confirm_risky(self, evidence: Evidence) -> bool:
        answer = QMessageBox.warning(
            self, _("Open a program?"),
            _("{name} is a type of file that can run programs on this computer. Open it only "
              "if you trust where it came from.\n\nOpen it anyway?").format(
                name=evidence.file_name),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Open

    def export_selected(self) -> None:
        items = self.selected() or self.model.evidence()
        folder = QFileDialog.getExistingDirectory(self, _("Export evidence to folder"))
        if folder:
            self.export_to(Path(folder), items)

    def export_to(self, folder: Path, items: list[Evidence]) -> None:
        for evidence in items:
            target = folder / Path(evidence.file_name).name
            if target.exists():
                target = folder / f"{target.stem}-{evidence.short_hash}{target.suffix}"
            self.service.export_evidence_file(evidence.id, target)

    def remove_selected(self) -> None:
        items = self.selected()
        if not items or not self.confirm_remove(items):
            return
        for evidence in items:
            self.service.detach(self.node_id, evidence.id)

    def confirm_remove(self, items: list[Evidence]) -> bool:
        names = "\n".join(e.file_name for e in items)
        answer = QMessageBox.question(
            self, _("Remove evidence"),
            _("Remove these files from the item?\n{names}").format(names=names))
        return answer == QMessageBox.StandardButton.Yes
