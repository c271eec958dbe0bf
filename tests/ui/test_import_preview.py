"""Import preview of real documents: every task an item, warnings, metadata to confirm."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import screenshot

pytestmark = pytest.mark.gui

DOCUMENTS = Path(__file__).parents[1] / "importer" / "documents"


def preview(window, path: Path):  # type: ignore[no-untyped-def]
    from checklist_app.ui.dialogs.import_preview import ImportPreview

    dialog = ImportPreview(window.service, window.background, window)
    dialog.load(path)
    assert dialog.document is not None
    return dialog


def test_tasks_past_ninety_nine_show_as_items(window) -> None:  # type: ignore[no-untyped-def]
    dialog = preview(window, DOCUMENTS / "h105.txt")
    assert len(dialog.document.checkable_nodes()) == 105
    assert "☐ 105. 任务105" in dialog.tree.toPlainText()
    assert "合并" not in dialog.warnings.text()


def test_lines_merged_into_the_clause_before_them_are_warned_of(window) -> None:  # type: ignore[no-untyped-def]
    """hundred.txt numbers its tasks from 98.: nothing can place them, the user is told."""
    dialog = preview(window, DOCUMENTS / "hundred.txt")
    dialog.show()
    screenshot(dialog, "import-unplaced-lines")
    warning = dialog.warnings.text()
    assert "4 行" in warning and "合并" in warning
    assert "“98.任务甲。推进标准制定。(区市场监管局负责)”" in warning and "…" in warning
    dialog.close()
