"""One target stated in several places of a plan: its goals, a task, the annex table restating
the task (制定地方标准5项以上 in 一、(一), 二、1. and 附件1(2)).

Each place is an item's target of its own, with its own actual value; they are one target all
the same: the window writes a value given to one into the others, the report counts them once.

Alike wording alone does not make one target: the rows of one table or list (附表1. 农业 …
附表2. 工业 …) each set their own field's target, and so may the sections of a plan by
sector. A target is taken as restated only when the goals (目标) or an annex state it, each
section states it at most once, and more than one section does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from checklist_app.core.assessment import ItemState
from checklist_app.core.model import Document, Node

TargetPlace = tuple[str, int]  # an item's node id and the index of its target
_GOALS = ("目标", "目標")  # 主要目标, 发展目标: the plan's goals, restated by its tasks
_ANNEX = ("附件", "附表")


def target_repeats(document: Document) -> dict[TargetPlace, tuple[TargetPlace, ...]]:
    """Every place of a target restated (see the module), with all the places that target
    has (itself included, in document order)."""
    places: dict[tuple[float, str, str], list[tuple[TargetPlace, str | None, bool]]] = {}
    for node in document.checkable_nodes():
        section = document.section_of(node.id)
        summary = _states_goals(document, node)
        for index, target in enumerate(node.targets):
            places.setdefault((target.value, target.unit, target.text), []).append(
                ((node.id, index), section.id if section else None, summary))
    repeats: dict[TargetPlace, tuple[TargetPlace, ...]] = {}
    for found in places.values():
        sections = [section for _place, section, _summary in found]
        if (len(found) > 1 and len(set(sections)) == len(sections)
                and any(summary for _place, _section, summary in found)):
            group = tuple(place for place, _section, _summary in found)
            repeats.update(dict.fromkeys(group, group))
    return repeats


def _states_goals(document: Document, node: Node) -> bool:
    """Whether ``node`` sums up the plan's goals (主要目标) or lies in an annex (附件1)."""
    chain = [node, *document.ancestors(node.id)]
    return (any(word in n.title for n in chain for word in _GOALS)
            or chain[-1].label.startswith(_ANNEX) or chain[-1].title.startswith(_ANNEX))


def filled_alike(repeats: Mapping[TargetPlace, tuple[TargetPlace, ...]], place: TargetPlace,
                 value: float | None, state_of: Callable[[str], ItemState],
                 ) -> dict[str, tuple[float | None, ...]]:
    """The other items stating the target at ``place`` (``repeats``: a document's
    :func:`target_repeats`), each with its actual values once ``value`` is written into that
    target too; items already holding it are left out."""
    changed: dict[str, ItemState] = {}
    for node_id, index in repeats.get(place, ()):
        if node_id == place[0]:
            continue
        state = changed.get(node_id) or state_of(node_id)
        if state.actual(index) != value:
            changed[node_id] = replace(state, actual_values=state.with_actual(index, value))
    return {node_id: state.actual_values for node_id, state in changed.items()}
