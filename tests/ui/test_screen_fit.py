"""Windows and dialogs fit the screen they open on (1366×768 laptops are common)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize


@pytest.mark.parametrize(("wanted", "available", "fitted"), [
    (QSize(1000, 800), QSize(1920, 1040), QSize(1000, 800)),
    (QSize(1000, 800), QSize(1366, 728), QSize(1000, 669)),  # a laptop, taskbar below
    (QSize(1440, 860), QSize(1024, 728), QSize(942, 669)),
])
def test_a_size_is_kept_or_cut_to_the_screen(wanted: QSize, available: QSize,
                                             fitted: QSize) -> None:
    from checklist_app.ui.screen_fit import fitted_size

    assert fitted_size(wanted, available) == fitted


def test_the_dialogs_open_within_the_screen(window) -> None:  # type: ignore[no-untyped-def]
    """The report dialog opened 1000×800 on a 768-pixel screen, its buttons under the
    taskbar (the test screen is smaller still)."""
    screen = window.screen().availableGeometry()
    report = window.open_report()
    narrative = window.edit_narrative()
    for dialog in (report, narrative):
        assert dialog.height() <= screen.height() and dialog.width() <= screen.width()
        dialog.close()
    gaps = window.open_gaps()  # 860×560 on a 1366×768 screen at 125 %, 614 px high
    assert gaps.height() <= screen.height() and gaps.width() <= screen.width()
    gaps.close()


def test_many_cautions_leave_the_preview_its_room(window) -> None:  # type: ignore[no-untyped-def]
    """Eight cautions (no 主送机关, four empty sections, fonts …) took most of the dialog at
    1366×768 and left the preview a strip: they scroll past six lines."""
    from tests.ui.conftest import screenshot

    dialog = window.open_report()
    dialog.resize(1000, 669)
    dialog.generate_button.click()
    assert len(dialog.notes) >= 4  # the four empty sections are one line of them
    many = [*dialog.notes, *(f"第{n}条提示：报告尚有需要处理的事项。" for n in range(4))]
    dialog.font_notes.setText("\n".join(many))
    dialog.notes_area.fit()
    assert dialog.notes_area.isVisible() and not dialog.font_notes.isHidden()
    line = dialog.fontMetrics().lineSpacing()
    assert dialog.notes_area.height() <= 6 * line + 4
    assert dialog.view.height() > dialog.height() // 2
    screenshot(dialog, "report-dialog-many-cautions")
    dialog.close()


def test_a_few_notes_take_only_their_lines(window) -> None:  # type: ignore[no-untyped-def]
    """Two lines of notes kept the area's six-line height, centred in blank bands, and the
    preview of a 1280×720 screen at 150 % was a strip: the area is as tall as its text."""
    dialog = window.open_report()
    dialog.resize(1000, 669)
    dialog.generate_button.click()
    assert dialog.notes_area.isVisible()
    many = "\n".join([*dialog.notes, *(f"第{n}条提示：报告尚有需要处理的事项。" for n in range(4))])
    dialog.font_notes.setText(many)  # more than the six lines in sight
    dialog.notes_area.fit()
    line = dialog.fontMetrics().lineSpacing()
    full = dialog.notes_area.height()
    dialog.font_notes.setText("只有一行提示。")
    dialog.notes_area.fit()
    assert dialog.notes_area.height() < 2 * line + 4 < full
    dialog.font_notes.setText(many)
    dialog.resize(900, 669)  # a narrower dialog fits it again, to the wrapped text
    assert dialog.notes_area.height() == full
    dialog.close()
