"""The items table view: columns fitted to its width; files dropped on a row become evidence."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import QByteArray, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from checklist_app.core import ItemStatus
from checklist_app.i18n import _
from checklist_app.ui.models.item_table_model import Column, Role
from checklist_app.ui.widgets.empty_hint import Hinted
from checklist_app.ui.widgets.evidence_list import accept_if_files, dropped_files

# The text columns share what the short ones leave, in these proportions, down to a minimum:
# the task's title most (at 1366×768 it was cut after eight characters).
TEXT_SHARES = {Column.TITLE: 6, Column.DEPARTMENT: 2, Column.PROVINCIAL: 2, Column.NATIONAL: 2}
# Columns a right click on the header can hide (the number and the task always show).
HIDEABLE = (Column.STATUS, Column.DEPARTMENT, Column.DUE, Column.EVIDENCE, Column.PROVINCIAL,
            Column.NATIONAL)
# What a text column should show whole when the task's title can spare the room: its
# header, and a department's usual name or a clause's number (at 1366 the 附表 rows, told
# apart by their departments alone, read 市发展改…, 市人力社…; the clauses 二、(三…).
TEXT_SAMPLES = {Column.DEPARTMENT: "市市场监管局", Column.PROVINCIAL: "二、(十三)",
                Column.NATIONAL: "二、(十三)"}
TEXT_MINIMUM = 60  # a clause's place (二、(十三)) or a short department, with …
TEXT_FLOOR = 48  # narrower than TEXT_MINIMUM only when nothing else fits: two characters and …
TASK_FLOOR = 120  # the task keeps eight characters however narrow: the others scroll sideways
CELL_PADDING = 16  # a cell's margins and focus frame


def text_widths(spare: int, shown: Collection[Column] = tuple(TEXT_SHARES),
                needed: Mapping[Column, int] | None = None) -> dict[Column, int]:
    """The share of ``spare`` pixels of the text columns ``shown``.

    The task's title comes first: it keeps TASK_FLOOR however narrow the table. The other
    text columns get at least TEXT_MINIMUM while that leaves the task its floor (narrower,
    down to TEXT_FLOOR, on a small screen); of what is left, two thirds widen them towards
    the widths they need (``needed``: their titles, TEXT_SAMPLES) until they have them;
    beyond that each column takes its share, the task the rest. The task is worked out
    first, so a wider table never makes it narrower (whole titles once took 60 px from it
    at a stroke). In a window too narrow for all that, the table scrolls sideways.
    """
    others = [column for column in TEXT_SHARES if column in shown and column is not Column.TITLE]
    if not others:
        return {Column.TITLE: max(TASK_FLOOR, spare)}
    room = spare - TASK_FLOOR
    least = max(TEXT_FLOOR, min(TEXT_MINIMUM, room // len(others)))
    if least < TEXT_MINIMUM:  # a squeeze: the task at its floor, the others share the rest
        return {Column.TITLE: TASK_FLOOR,
                **dict(zip(others, _split(max(least * len(others), room),
                                          [1] * len(others)), strict=True))}
    gaps = [max(0, (needed or {}).get(column, 0) - least) for column in others]
    given = min(sum(gaps), 2 * (room - least * len(others)) // 3)
    shares = [TEXT_SHARES[column] for column in others]
    by_share = spare * sum(shares) // (TEXT_SHARES[Column.TITLE] + sum(shares))
    task = max(TASK_FLOOR, spare - max(least * len(others) + given, by_share))
    floors = [least + extra for extra in _split(given, gaps)]
    widths = _fill(spare - task, floors, shares)
    return {Column.TITLE: task, **dict(zip(others, widths, strict=True))}


def _fill(pixels: int, floors: list[int], weights: list[int]) -> list[int]:
    """``pixels`` (at least the floors' sum) shared by ``weights``, each part at least its
    floor: a column whose title needs more than its share keeps its floor, the others
    share what is left (they once got less than their share beside it)."""
    fixed: dict[int, int] = {}
    while True:
        free = [index for index in range(len(floors)) if index not in fixed]
        parts = dict(zip(free, _split(pixels - sum(fixed.values()),
                                      [weights[index] for index in free]), strict=True))
        short = [index for index in free if parts[index] < floors[index]]
        if not short:
            return [fixed.get(index, parts.get(index, 0)) for index in range(len(floors))]
        fixed.update((index, floors[index]) for index in short)


def _split(pixels: int, weights: list[int]) -> list[int]:
    """``pixels`` shared by ``weights``, the rounding spread so that the parts add up."""
    total = sum(weights)
    if pixels <= 0 or total <= 0:
        return [0] * len(weights)
    ends = [pixels * sum(weights[:i + 1]) // total for i in range(len(weights))]
    return [end - start for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def is_status_key(event: QKeyEvent) -> bool:
    """Space alone, or Ctrl with a digit 1…7 (the status shortcuts)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Space:
        return modifiers == Qt.KeyboardModifier.NoModifier
    return (modifiers == Qt.KeyboardModifier.ControlModifier
            and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_7)


class StatusDelegate(QStyledItemDelegate):
    """The status cells: the dot and the word, or the dot alone while the column is narrowed
    to a dot for a small screen (the word is in the cell's tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot_only = False

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if self.dot_only:
            option.text = ""
            option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDisplay
            option.decorationAlignment = Qt.AlignmentFlag.AlignCenter


class ItemTableView(Hinted, QTableView):
    """The items table; files dropped on a row become evidence of that row's item; a
    :class:`Hinted` hint says why it is empty (a search or filters that match nothing).

    Every column fits in the view's width (short columns as wide as their header or
    contents, the text columns sharing the rest) so that the mapped national clause is
    in sight without scrolling sideways, until the user sizes a column by hand: from then
    on the widths are theirs.
    """

    filesDroppedOnItem = Signal(str, list)  # node id, list[Path]
    statusKeyRefused = Signal(str)  # Space or Ctrl+1…7 where statuses cannot change: why

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.sized_by_user = False
        self.status_refusal: Callable[[], str] = str  # why statuses cannot change ("": they can)
        self._fitting = False
        self._short: dict[Column, int] | None = None
        self.status_delegate = StatusDelegate(self)
        self.setItemDelegateForColumn(Column.STATUS, self.status_delegate)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # narrow columns
        self.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.horizontalHeader().customContextMenuRequested.connect(self._column_menu)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space and Ctrl+1…7 set statuses through the window's actions; where those are
        off (a closed assessment, a read-only workspace) the key reached the table and did
        nothing at all: it now says why."""
        if is_status_key(event) and (refusal := self.status_refusal()):
            self.statusKeyRefused.emit(refusal)
            event.accept()
            return
        super().keyPressEvent(event)

    def fit_columns(self) -> None:
        """Share the view's width among the columns (nothing once the user sized one)."""
        if self.sized_by_user or self.model() is None:
            return
        header = self.horizontalHeader()
        shown = [column for column in Column if not header.isSectionHidden(column)]
        short = {column: width for column, width in self._short_widths().items()
                 if column in shown}
        metrics = self.fontMetrics()
        needed = {column: max(header.sectionSizeHint(column), metrics.horizontalAdvance(
            TEXT_SAMPLES.get(column, "")) + CELL_PADDING) for column in TEXT_SHARES}
        self.status_delegate.dot_only = self._squeezed(short, shown)
        if self.status_delegate.dot_only:
            short[Column.STATUS] = self._dot_width()
        widths = short | text_widths(self.viewport().width() - sum(short.values()), shown,
                                     needed)
        self._fitting = True
        try:
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _squeezed(self, short: Mapping[Column, int], shown: Collection[Column]) -> bool:
        """Whether the text columns would fall below TEXT_MINIMUM beside the short ones (a
        1366×768 screen at 125 %): the status column then shows its dots alone, its words
        taking the room the mapped national clause needed to stay in sight."""
        if Column.STATUS not in short:
            return False
        others = [column for column in TEXT_SHARES
                  if column in shown and column is not Column.TITLE]
        spare = self.viewport().width() - sum(short.values())
        return spare < TASK_FLOOR + TEXT_MINIMUM * len(others)

    def _dot_width(self) -> int:
        icon = self.iconSize().width() if self.iconSize().isValid() else 16
        return icon + CELL_PADDING + 8

    def _short_widths(self) -> dict[Column, int]:
        """The short columns: as wide as their header or their widest likely content.

        Worked out from the font, not the rows: measuring thousands of cells on every
        resize would cost more than the whole table's first paint.
        """
        if self._short is None:
            header, metrics = self.horizontalHeader(), self.fontMetrics()
            widest = {Column.LABEL: "二、(十三)", Column.DUE: "2025-12-31", Column.EVIDENCE: "999",
                      Column.STATUS: max((_(s.label) for s in ItemStatus),
                                         key=metrics.horizontalAdvance)}
            icon = self.iconSize().width() if self.iconSize().isValid() else 16
            self._short = {
                column: max(header.sectionSizeHint(column),
                            metrics.horizontalAdvance(text) + CELL_PADDING
                            + (icon + 4 if column is Column.STATUS else 0))
                for column, text in widest.items()}
        return self._short

    def column_menu(self) -> QMenu:
        """The header's right-click menu: a tick for each column that can be hidden."""
        menu = QMenu(self)
        model, header = self.model(), self.horizontalHeader()
        for column in HIDEABLE:
            action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal,
                                                         Qt.ItemDataRole.ToolTipRole)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        return menu

    def _column_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    def show_column(self, column: Column, shown: bool) -> None:
        """Show or hide a column; the others share its width, or, once the user has sized
        the columns, the task's column takes or gives it (and it is remembered)."""
        header = self.horizontalHeader()
        before = header.sectionSize(column)
        self._set_hidden({column} if not shown else set(), only=column)
        if not self.sized_by_user:
            self.fit_columns()
            return
        title = header.sectionSize(Column.TITLE) + before - header.sectionSize(column)
        self._fitting = True
        try:
            header.resizeSection(Column.TITLE, max(TEXT_FLOOR, title))
        finally:
            self._fitting = False

    def hidden_columns(self) -> list[int]:
        header = self.horizontalHeader()
        return [int(column) for column in HIDEABLE if header.isSectionHidden(column)]

    def hide_columns(self, hidden: object) -> None:
        """Hide these columns (numbers, as saved in the settings) and show the others;
        anything else in a damaged settings file is ignored."""
        wanted = {c for c in hidden if isinstance(c, int)} if isinstance(hidden, list) else set()
        self._set_hidden(wanted)
        self.fit_columns()

    def _set_hidden(self, hidden: set[int], only: Column | None = None) -> None:
        """Hide the columns in ``hidden``, show the other hideable ones (``only``: just that
        one); not a sizing by the user (hiding resizes the section to 0)."""
        self._fitting = True
        try:
            for column in HIDEABLE if only is None else (only,):
                self.horizontalHeader().setSectionHidden(column, int(column) in hidden)
        finally:
            self._fitting = False

    def restore_columns(self, state: QByteArray) -> None:
        """Column widths the user set in an earlier session (from ``saveState``).

        A short column is widened to its words: widths set in Chinese would cut English
        status words (In progr…) after a language switch.
        """
        header = self.horizontalHeader()
        self._fitting = True
        try:
            restored = header.restoreState(state)
            for column, least in self._short_widths().items():
                if header.sectionSize(column) < least:
                    header.resizeSection(column, least)
        finally:
            self._fitting = False
        self.sized_by_user = restored and header.count() == len(Column)

    def _section_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self.sized_by_user = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()
        self._keep_current_in_sight(event.oldSize().height() - event.size().height())

    def _keep_current_in_sight(self, shrunk: int) -> None:
        """A shorter table (a banner above it, a smaller window) scrolls the current row
        back into sight if it was in sight before: it slid under the table's edge while
        being edited. A row scrolled away from is left where it is."""
        current = self.currentIndex()
        if shrunk <= 0 or not current.isValid():
            return
        rect, height = self.visualRect(current), self.viewport().height()
        if rect.top() >= 0 and height < rect.bottom() <= height + shrunk:
            self.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_if_files(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_if_files(event, also=self.indexAt(event.position().toPoint()).isValid())

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        files = dropped_files(event.mimeData())
        node_id = index.data(Role.NODE_ID) if index.isValid() else None
        if files and node_id:
            event.acceptProposedAction()
            self.filesDroppedOnItem.emit(str(node_id), files)
        else:
            event.ignore()
