"""Form rows of one or two labelled fields; a row's two fields stack when the pane is narrow."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

LABEL, FIRST, SECOND_LABEL, SECOND = range(4)  # the grid's columns when paired


@dataclass(frozen=True, slots=True)
class FieldRow:
    label: QLabel
    field: QWidget
    second_label: QLabel | None = None
    second: QWidget | None = None

    def widgets(self) -> list[QWidget]:
        return [w for w in (self.label, self.field, self.second_label, self.second) if w]


def least_width(widget: QWidget) -> int:
    """The narrowest a layout makes ``widget``."""
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


class FieldGrid(QGridLayout):
    """Like a QFormLayout, but a row may hold two fields (``Status [..]  Due date [..]``).

    Paired rows save height on a wide pane; on a narrow one (English labels at 1280×720)
    the second field moves to a row of its own instead of pushing the pane wider than the
    screen. The owner decides which with :meth:`set_paired`, given :meth:`paired_width`.
    """

    def __init__(self, owner: QWidget) -> None:
        super().__init__()
        self.owner = owner
        self.paired = True
        self._rows: list[FieldRow] = []
        self._hidden: set[int] = set()
        self.setColumnStretch(FIRST, 3)
        self.setColumnStretch(SECOND, 2)

    def add_row(self, label: str, field: QWidget, second_label: str = "",
                second: QWidget | None = None) -> None:
        row = FieldRow(self._label(label, field), field,
                       self._label(second_label, second) if second else None, second)
        self._rows.append(row)
        self._arrange()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self.owner)
        label.setBuddy(buddy)
        return label

    def set_row_visible(self, field: QWidget, visible: bool) -> None:
        """Show or hide the row holding ``field`` (as QFormLayout.setRowVisible)."""
        position = next(i for i, row in enumerate(self._rows) if field in row.widgets())
        if visible:
            self._hidden.discard(position)
        else:
            self._hidden.add(position)
        for widget in self._rows[position].widgets():
            widget.setVisible(visible)

    def label_for(self, field: QWidget) -> QLabel:
        for row in self._rows:
            if field is row.field:
                return row.label
            if field is row.second and row.second_label is not None:
                return row.second_label
        raise KeyError(field)

    def paired_width(self) -> int:
        """The least width that holds every shown row with its two fields side by side."""
        spacing = max(self.horizontalSpacing(), 6)
        shown = [row for i, row in enumerate(self._rows) if i not in self._hidden]
        labels = max((row.label.sizeHint().width() for row in shown), default=0)
        fields = max((least_width(row.field) + spacing + row.second_label.sizeHint().width()
                      + spacing + least_width(row.second)
                      if row.second and row.second_label else least_width(row.field)
                      for row in shown), default=0)
        margins = self.contentsMargins()
        return margins.left() + labels + spacing + fields + margins.right()

    def set_paired(self, paired: bool) -> None:
        if paired != self.paired:
            self.paired = paired
            self._arrange()

    def _arrange(self) -> None:
        for row in self._rows:
            for widget in row.widgets():
                self.removeWidget(widget)
        line = 0
        for row in self._rows:
            self.addWidget(row.label, line, LABEL)
            if row.second is None or row.second_label is None:
                self.addWidget(row.field, line, FIRST, 1, 3)
            elif self.paired:
                self.addWidget(row.field, line, FIRST)
                self.addWidget(row.second_label, line, SECOND_LABEL)
                self.addWidget(row.second, line, SECOND)
            else:
                self.addWidget(row.field, line, FIRST, 1, 3)
                line += 1
                self.addWidget(row.second_label, line, LABEL)
                self.addWidget(row.second, line, FIRST, 1, 3)
            line += 1
