"""One target stated in several places of a plan: its goals, the task that carries it out,
the annex table restating the task (主导或参与制定地方标准5项以上 in 一、(二) 主要目标, again
as 组织主导或参与制定地方标准5项以上 in 二、(一)1. and in 附件1(1)).

Each place is an item's target of its own, with its own actual value; they are one target all
the same: the window writes a value given to one into the others, the report counts them once.

Alike words alone do not make one target: the rows of one table (附表1. 农业 … 附表2. 工业 …)
and the sections of a plan by sector each set their own field's target. A target is taken
as restated only from the goals (主要目标, 发展目标 …) or an annex to the one task stating the
same figure and unit about the same thing (the words before the figure end alike); a figure
two tasks state is no one's restatement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from checklist_app.core.assessment import ItemState, ItemStatus
from checklist_app.core.model import Document, Node, Target

TargetPlace = tuple[str, int]  # an item's node id and the index of its target
# the title of a plan's goals: 主要目标, 发展目标, 总体目标, 工作目标, 预期目标, 目标
_GOALS_TITLE = re.compile(r"^(?:主要|发展|發展|總體|总体|工作|预期|預期)?(?:目标|目標)$")
# a level or reach a goal names: 省级 and 市级 pilots are different targets
_LEVELS = ("国际", "國際", "国家", "國家", "省级", "省級", "市级", "市級", "区级", "區級",
           "县级", "縣級")
_ANNEX = ("附件", "附表")
_PUNCTUATION = re.compile(r"[\s。，,;；:：、()（）]")
# what joins the thing counted to its figure: 团体标准达到15项, 数量为300项, 累计20家
_JOINING = re.compile(r"(?:达到|達到|达|達|为|為|至|到|累计|累計|超过|超過|不少于|不少於|新增)+$")
SAME_THING_CHARS = 4  # the words before the figure end alike over at least these characters


@dataclass(frozen=True, slots=True)
class _Place:
    place: TargetPlace
    target: Target
    restating: bool  # in the goals or an annex: may restate a task's target
    section: str  # the top-level node it stands under (one table's rows share it)


def target_repeats(document: Document) -> dict[TargetPlace, tuple[TargetPlace, ...]]:
    """Every place of a restated target (see the module), with all the places that target
    has (itself included, in document order)."""
    places = list(_places(document))
    tasks = [p for p in places if not p.restating]
    restating = [p for p in places if p.restating]
    pairs = [(place, same[0]) for place in restating
             if len(same := [task for task in tasks if _same_target(place.target, task.target)])
             == 1]  # two tasks of that figure: sectors of their own, no one's
    joined = _Groups()
    for place, task in pairs:
        sections = [p.section for p, t in pairs if t is task]
        if len(sections) == len(set(sections)):  # 附表1 农业 and 附表2 工业 rows: their own
            joined.join(place.place, task.place)
    order = {p.place: position for position, p in enumerate(places)}
    return {place: tuple(sorted(group, key=order.__getitem__))
            for group in joined.groups() for place in group}


def distinct_targets(document: Document) -> int:
    """How many targets the document sets, one restated in several items counted once (as
    the report counts them)."""
    total = sum(len(node.targets) for node in document.checkable_nodes())
    return total - sum(len(group) - 1 for group in set(target_repeats(document).values()))


def filled_alike(repeats: Mapping[TargetPlace, tuple[TargetPlace, ...]], place: TargetPlace,
                 value: float | None, state_of: Callable[[str], ItemState],
                 ) -> dict[str, tuple[float | None, ...]]:
    """The other items stating the target at ``place`` (``repeats``: a document's
    :func:`target_repeats`), each with its actual values once ``value`` is written into that
    target too; items already holding it, and those marked 不适用 (their targets are not
    judged), are left out."""
    changed: dict[str, ItemState] = {}
    for node_id, index in repeats.get(place, ()):
        if node_id == place[0]:
            continue
        state = changed.get(node_id) or state_of(node_id)
        if state.status is not ItemStatus.NOT_APPLICABLE and state.actual(index) != value:
            changed[node_id] = replace(state, actual_values=state.with_actual(index, value))
    return {node_id: state.actual_values for node_id, state in changed.items()}


def _places(document: Document) -> Iterator[_Place]:
    """The targets of the checkable items, in document order, each marked when it stands
    in the goals or an annex."""
    by_id = {node.id: node for node in document.nodes}
    for node in document.checkable_nodes():
        chain = [node]
        while chain[-1].parent_id is not None and chain[-1].parent_id in by_id:
            chain.append(by_id[chain[-1].parent_id])
        restating = _in_goals_or_annex(chain)
        for index, target in enumerate(node.targets):
            yield _Place((node.id, index), target, restating, chain[-1].id)


def _in_goals_or_annex(chain: list[Node]) -> bool:
    """Whether the node (``chain``: it and the nodes above it) is or lies under the plan's
    goals, or lies in an annex."""
    top = chain[-1]
    return (any(_GOALS_TITLE.match(_PUNCTUATION.sub("", n.title)) for n in chain)
            or top.label.startswith(_ANNEX) or top.title.startswith(_ANNEX))


def _same_target(one: Target, other: Target) -> bool:
    """The same figure, unit and bound, about the same thing: the words before the figure
    end alike (主导或参与制定地方标准 / 组织主导或参与制定地方标准; 团体标准 / 到2025年团体
    标准达到)."""
    if (one.value, one.unit, one.comparator) != (other.value, other.unit, other.comparator):
        return False
    ours, theirs = _counted_thing(one), _counted_thing(other)
    if {level for level in _LEVELS if level in ours} != {
            level for level in _LEVELS if level in theirs}:
        return False
    shared = 0
    while shared < min(len(ours), len(theirs)) and ours[-1 - shared] == theirs[-1 - shared]:
        shared += 1
    return shared >= min(SAME_THING_CHARS, len(ours), len(theirs)) and shared > 0


def _counted_thing(target: Target) -> str:
    """The words before the target's figure, without the verb joining them to it."""
    figures = [found for found in re.finditer(r"\d+(?:\.\d+)?", target.text)
               if float(found.group()) == target.value]  # not 2025 of 到2025年…15项
    before = target.text[:figures[-1].start()] if figures else target.text
    return _JOINING.sub("", _PUNCTUATION.sub("", before))


class _Groups:
    """Places joined into groups (union-find)."""

    def __init__(self) -> None:
        self._parent: dict[TargetPlace, TargetPlace] = {}

    def join(self, one: TargetPlace, other: TargetPlace) -> None:
        self._parent[self._root(one)] = self._root(other)

    def groups(self) -> list[set[TargetPlace]]:
        found: dict[TargetPlace, set[TargetPlace]] = {}
        for place in list(self._parent):
            found.setdefault(self._root(place), set()).add(place)
        for root, group in found.items():
            group.add(root)
        return list(found.values())

    def _root(self, place: TargetPlace) -> TargetPlace:
        while (parent := self._parent.get(place, place)) != place:
            place = parent
        return place
