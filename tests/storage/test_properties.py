"""Property tests: any sequence of edits keeps the workspace verifiable and the last value."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from checklist_app.core import ItemStatus, trim_actual_values
from checklist_app.storage.errors import InvalidValueError
from checklist_app.storage.workspace import Workspace, workspace_with_documents
from tests.storage.conftest import ITEM, NO_BACKUPS, TARGET_ITEM, chongqing

# hidden characters are taken out of typed texts (test_assessments): round trips without them
text = st.text(alphabet=st.characters(codec="utf-8",
                                      exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
               max_size=20)
change = st.fixed_dictionaries({}, optional={
    "status": st.sampled_from(list(ItemStatus)),
    "note": text,
    "justification": text,
    "actual_values": st.lists(st.none() | st.floats(allow_nan=False, allow_infinity=False),
                              max_size=2),
    "ticked_actions": st.sets(st.integers(0, 1)),
    "responsible_person": text,
})
edits = st.lists(st.tuples(st.sampled_from([ITEM, TARGET_ITEM]), change), max_size=8)


@settings(max_examples=30, deadline=None)
@given(edits)
def test_any_edits_verify_and_keep_the_last_value(steps: list[tuple[str, dict[str, Any]]]) -> None:
    with tempfile.TemporaryDirectory() as folder, workspace_with_documents(
            Path(folder) / "w.sqlite", [chongqing()], user="h", backups=NO_BACKUPS) as workspace:
        workspace.db.execute("PRAGMA synchronous = OFF")  # speed; durability is tested elsewhere
        aid = workspace.new_assessment(checklist_doc_id="chongqing-2022", office="局").id
        expected: dict[str, dict[str, Any]] = {}
        for node_id, fields in steps:
            if node_id == TARGET_ITEM:
                fields = {k: v for k, v in fields.items() if k != "ticked_actions"}
            try:
                workspace.set_item(aid, node_id, **fields)
            except InvalidValueError:
                continue  # 不适用 without justification: refused, nothing changed
            expected.setdefault(node_id, {}).update(fields)
        _check(workspace, aid, expected)


def _check(workspace: Workspace, aid: int, expected: dict[str, dict[str, Any]]) -> None:
    assert workspace.verify() == []
    for node_id, fields in expected.items():
        state = workspace.item_state(aid, node_id)
        for key, value in fields.items():
            got = getattr(state, key)
            if key == "ticked_actions":
                value = frozenset(value)
            elif key == "actual_values":
                value = trim_actual_values(value)
            assert got == value, key
