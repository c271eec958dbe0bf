"""Domain objects of the product, as plain dataclasses.

Everything here is free of third-party imports so that every layer (importer, storage,
crosswalk, report, ui) can share it. Field names follow ``shared/GLOSSARY.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from checklist_app.i18n import N_


class Level(StrEnum):
    """The issuing government's level (国家级 / 省级 / 市级 / 区县级)."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    COUNTY = "county"


# The levels in words (msgids), for lists and messages.
LEVEL_NAMES = {
    Level.NATIONAL: N_("National"),
    Level.PROVINCIAL: N_("Provincial"),
    Level.MUNICIPAL: N_("Municipal"),
    Level.COUNTY: N_("County"),
}


class NodeKind(StrEnum):
    """Heading level of a node in a 公文.

    ``一、`` section, ``(一)`` group (when it holds numbered tasks) or clause (when it is
    itself the unit of work), ``1.`` item (a task; ``(1)`` sub-tasks are items too).
    """

    SECTION = "section"
    GROUP = "group"
    CLAUSE = "clause"
    ITEM = "item"


def local_date(stamp: str) -> date | None:
    """The day, on this computer's clock, of a stored timestamp (stored in UTC: a change at
    07:00 Beijing time is the day before in UTC); None when ``stamp`` is not one."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment.astimezone().date() if moment.tzinfo else moment.date()


_PRINTED_PARENTHESES = str.maketrans("()", "（）")


def printed_label(label: str) -> str:
    """A clause label as documents print it: ``(一)`` → ``（一）`` (ids keep ``(一)``)."""
    return label.translate(_PRINTED_PARENTHESES)


def format_number(value: float) -> str:
    """A figure as an office writes it: 1234567, 52, 0.1234567; never 1.23457e+06."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return "0" if text in ("-0", "") else text


class Comparator(StrEnum):
    AT_LEAST = ">="
    AT_MOST = "<="
    EQUAL = "="
    MORE_THAN = ">"
    LESS_THAN = "<"


# Rates may fall below zero (a growth of -2 %); counts and amounts (项, 个, 万元) cannot.
SIGNED_UNITS = frozenset({"%", "％", "‰", "个百分点", "百分点", "℃"})


def unit_takes_negative(unit: str) -> bool:
    """Whether an actual value in ``unit`` may be negative: rates yes, counts and sums no."""
    return unit.strip() in SIGNED_UNITS


@dataclass(frozen=True, slots=True)
class Target:
    """A numeric goal (指标), e.g. 国际标准转化率达到85%以上 → value 85, unit %, >=."""

    text: str
    value: float
    unit: str
    comparator: Comparator
    year: int | None = None

    @property
    def signed(self) -> bool:
        """Whether an actual value may be below zero (see :func:`unit_takes_negative`)."""
        return unit_takes_negative(self.unit)

    def is_met(self, actual: float | None) -> bool | None:
        """None when no actual value is known yet."""
        if actual is None:
            return None
        match self.comparator:
            case Comparator.AT_LEAST:
                return actual >= self.value
            case Comparator.AT_MOST:
                return actual <= self.value
            case Comparator.MORE_THAN:
                return actual > self.value
            case Comparator.LESS_THAN:
                return actual < self.value
            case _:
                return actual == self.value


@dataclass(frozen=True, slots=True)
class Phase:
    """A stage or deadline of a task: 到2025年…, Guangdong's 2018/2019/2020 stages."""

    year: int
    text: str


@dataclass(slots=True)
class Node:
    """One numbered unit of a policy document (条款).

    ``id`` is stable: the document id and the path of labels, e.g.
    ``chongqing-2022/二/(一)/1``. ``fields`` holds named columns of work-plan rows
    (工作计划 quota items), e.g. ``{"新增国际标准": "2"}``.
    """

    id: str
    parent_id: str | None
    label: str
    kind: NodeKind
    title: str
    text: str
    checkable: bool = False
    actions: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    # Simplified-script normalization of label + title + text, for search and matching.
    search_text: str = ""
    # Those of ``departments`` the document names as leading (牵头单位); the rest assist.
    lead_departments: list[str] = field(default_factory=list)

    @property
    def display_label(self) -> str:
        return self.label

    def department_listing(self, lead_mark: str) -> str:
        """The departments as one line, each leading one followed by ``lead_mark``:
        区市场监管局（牵头）、区科技局."""
        leads = set(self.lead_departments)
        return "、".join(f"{name}{lead_mark}" if name in leads else name
                        for name in self.departments)


@dataclass(slots=True)
class Document:
    """A policy document (政策文件) as a flat list of nodes in document order."""

    id: str
    title: str
    issuer: str
    level: Level
    region: str
    year: int | None
    nodes: list[Node] = field(default_factory=list)
    doc_number: str | None = None  # 文号, e.g. 浙政发〔2014〕35号
    cited_doc_numbers: list[str] = field(default_factory=list)
    source: str = ""  # file name of the raw source
    script: str = "simplified"  # script of the original text: simplified / traditional / mixed

    def node(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def children(self, node_id: str | None) -> list[Node]:
        return [n for n in self.nodes if n.parent_id == node_id]

    def checkable_nodes(self) -> list[Node]:
        return [n for n in self.nodes if n.checkable]

    def ancestors(self, node_id: str) -> Iterator[Node]:
        """Parents of a node, nearest first."""
        by_id = {n.id: n for n in self.nodes}
        parent = by_id[node_id].parent_id
        while parent is not None:
            yield by_id[parent]
            parent = by_id[parent].parent_id

    def with_id(self, document_id: str) -> Document:
        """This document under another id, its nodes' ids (``<id>/二/(一)/1``) following."""
        def moved(node_id: str | None) -> str | None:
            if node_id is None or not node_id.startswith(f"{self.id}/"):
                return node_id
            return f"{document_id}/{node_id[len(self.id) + 1:]}"

        nodes = [replace(node, id=moved(node.id), parent_id=moved(node.parent_id))
                 for node in self.nodes]
        return replace(self, id=document_id, nodes=nodes)

    def section_of(self, node_id: str) -> Node | None:
        """The top-level section (一、…) a node belongs to."""
        chain = [self.node(node_id), *self.ancestors(node_id)]
        top = chain[-1]
        return top if top.kind is NodeKind.SECTION else None
