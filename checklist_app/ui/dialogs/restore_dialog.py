"""Workspace → Restore from backup…: the backups of a workspace, newest first, to pick from.

One dialog instead of two file dialogs in a row: the workspace to replace is the one open (or
the one that failed to open), its backups are listed with when and how each was taken, and a
backup kept elsewhere (a USB stick) or another workspace can still be chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checklist_app import paths
from checklist_app.i18n import _
from checklist_app.storage.backup import (
    BackupEntry,
    BackupKind,
    describe_backups,
    find_backup_folder,
)
from checklist_app.storage.evidence_index import file_size
from checklist_app.ui.screen_fit import resize_within_screen
from checklist_app.ui.widgets.labels import plain_label, plain_tooltip

PATH_ROLE = Qt.ItemDataRole.UserRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def kind_words(kind: BackupKind) -> str:
    return {
        BackupKind.AUTOMATIC: _("Automatic"),
        BackupKind.MANUAL: _("Made by hand"),
        BackupKind.BEFORE_UPGRADE: _("Before an upgrade"),
        BackupKind.OTHER: _("Other"),
    }[kind]


def backups_of(workspace: Path) -> Path:
    """The folder of the workspace's backups when it has one, else the folder of all backups."""
    return find_backup_folder(workspace) or paths.backups_dir()


class RestoreDialog(QDialog):
    """Pick the backup to put back in place of a workspace; :meth:`choose` runs it."""

    def __init__(self, workspace: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(_("Restore from backup"))
        self._workspace = workspace
        self._other_backup: Path | None = None
        self.workspace_label = plain_label(self, wordWrap=True, objectName="restoreWorkspace")
        self.workspace_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other_workspace = QPushButton(_("Other workspace…"), self)
        self.other_workspace.clicked.connect(self._choose_workspace)
        self.backups = self._backup_list()
        self.hint = plain_label(self, wordWrap=True, objectName="restoreHint")
        self.other_file = QPushButton(_("Backup file elsewhere…"), self)
        self.other_file.setToolTip(_("A backup copied elsewhere, for example on a USB stick"))
        self.other_file.clicked.connect(self._choose_file)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(
            _("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        resize_within_screen(self, 640, 420)  # or 92 % of a smaller screen
        self._show_workspace()

    @classmethod
    def choose(cls, parent: QWidget | None, workspace: Path | None) -> tuple[Path, Path] | None:
        """(backup, workspace) as chosen, or None when cancelled."""
        dialog = cls(workspace, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            dialog.deleteLater()

    def chosen(self) -> tuple[Path, Path] | None:
        backup = self._other_backup or self._selected_backup()
        if backup is None or self._workspace is None:
            return None
        return backup, self._workspace

    def _backup_list(self) -> QTreeWidget:
        backups = QTreeWidget(self, objectName="restoreBackups", rootIsDecorated=False,
                              uniformRowHeights=True, allColumnsShowFocus=True)
        backups.setHeaderLabels([_("Taken at"), _("Kind"), _("Size")])
        backups.headerItem().setTextAlignment(2, RIGHT)
        header = backups.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        backups.itemSelectionChanged.connect(self._update_buttons)
        backups.itemActivated.connect(lambda _item, _column: self._accept_selected())
        return backups

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.workspace_label, 1)
        top.addWidget(self.other_workspace, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(plain_label(
            _("Choose the backup to put back. What was changed since it was taken is lost; the "
              "file replaced is kept as a copy."), self, wordWrap=True))
        layout.addWidget(self.backups, 1)
        layout.addWidget(self.hint)
        bottom = QHBoxLayout()
        bottom.addWidget(self.other_file)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def _show_workspace(self) -> None:
        workspace = self._workspace
        self.workspace_label.setText(
            _("Workspace: {path}").format(path=workspace) if workspace is not None
            else _("No workspace chosen yet."))
        folder = find_backup_folder(workspace) if workspace is not None else None
        entries = describe_backups(folder) if folder is not None else []
        self.backups.clear()
        for entry in entries:
            self.backups.addTopLevelItem(self._row(entry))
        if entries:
            self.backups.setCurrentItem(self.backups.topLevelItem(0))  # the newest
            self.backups.setFocus()
        self.hint.setText(self._hint(workspace, entries))
        self.hint.setVisible(bool(self.hint.text()))
        self._update_buttons()

    @staticmethod
    def _hint(workspace: Path | None, entries: list[BackupEntry]) -> str:
        if workspace is None:
            return _("Choose the workspace to restore with “Other workspace…”.")
        if not entries:
            return _("This computer holds no backup of this workspace. Choose one kept "
                     "elsewhere with “Backup file elsewhere…”.")
        return ""

    def _row(self, entry: BackupEntry) -> QTreeWidgetItem:
        taken = entry.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        row = QTreeWidgetItem([taken, kind_words(entry.kind), file_size(entry.size)])
        row.setData(0, PATH_ROLE, str(entry.path))
        row.setToolTip(0, plain_tooltip(str(entry.path)))
        row.setTextAlignment(2, RIGHT)
        return row

    def _selected_backup(self) -> Path | None:
        item = self.backups.currentItem()
        return Path(item.data(0, PATH_ROLE)) if item is not None and item.isSelected() else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(
            self._workspace is not None and self._selected_backup() is not None)
        self.other_file.setEnabled(self._workspace is not None)

    def _accept_selected(self) -> None:
        if self.restore_button.isEnabled():
            self.accept()

    def _choose_workspace(self) -> None:
        start = self._workspace or paths.default_workspace()
        name, _selected = QFileDialog.getOpenFileName(
            self, _("Workspace to restore"), str(start),
            _("Workspaces ({patterns})").format(patterns=paths.WORKSPACE_PATTERNS))
        if name:
            self._workspace = Path(name)
            self._show_workspace()

    def _choose_file(self) -> None:
        assert self._workspace is not None
        name, _selected = QFileDialog.getOpenFileName(
            self, _("Backup to restore it from"), str(backups_of(self._workspace)),
            _("Backups ({patterns})").format(patterns="*.sqlite"))
        if name:
            self._other_backup = Path(name)
            self.accept()
