"""Hand-built snapshots for report tests: a municipal checklist, a provincial and a national
document, states (one with a markup-like note), evidence, mappings and audit entries."""

from __future__ import annotations

import hashlib

import pytest

from checklist_app.core import (
    Assessment,
    AssessmentSnapshot,
    AuditEntry,
    Comparator,
    Document,
    Evidence,
    ItemState,
    ItemStatus,
    Level,
    Mapping,
    MappingSource,
    Node,
    NodeKind,
    Target,
)

OFFICE = "重庆市某区市场监督管理局"
TRADITIONAL_TITLE = "推動標準化與科技創新互動發展"
SIMPLIFIED_TITLE = "推动标准化与科技创新互动发展"  # how a Chinese report prints it
MARKUP_NOTE = "已完成<b>&</b>，详见<font color=red>台账</font>"
NATIONAL_TITLE = "加强关键技术领域标准研究"
GAP_TITLE = "提升标准化对外开放水平"


def node(doc: str, path: str, label: str, kind: NodeKind, title: str, **kw) -> Node:
    parts = path.split("/")
    parent = f"{doc}/{'/'.join(parts[:-1])}" if len(parts) > 1 else None
    return Node(id=f"{doc}/{path}", parent_id=parent, label=label, kind=kind, title=title,
                text=title, **kw)


def national_document() -> Document:
    d = "national-2021"
    return Document(
        id=d, title="国家标准化发展纲要", issuer="中共中央 国务院", level=Level.NATIONAL,
        region="全国", year=2021,
        nodes=[
            node(d, "二", "二、", NodeKind.SECTION, "推动标准化与科技创新互动发展"),
            node(d, "二/(一)", "（一）", NodeKind.CLAUSE, NATIONAL_TITLE, checkable=True),
            node(d, "二/(二)", "（二）", NodeKind.CLAUSE, "以科技创新提升标准水平",
                 checkable=True),
            node(d, "七", "七、", NodeKind.SECTION, "提升标准化对外开放水平"),
            node(d, "七/(一)", "（一）", NodeKind.CLAUSE, GAP_TITLE, checkable=True),
        ],
    )


def provincial_document() -> Document:
    d = "sichuan-2022"
    return Document(
        id=d, title="某省贯彻落实《国家标准化发展纲要》的实施意见", issuer="某省人民政府",
        level=Level.PROVINCIAL, region="某省", year=2022,
        nodes=[
            node(d, "二", "二、", NodeKind.SECTION, "推动标准化与科技创新互动发展"),
            node(d, "二/(一)", "（一）", NodeKind.CLAUSE, "加强关键技术领域标准研究（省）",
                 checkable=True),
        ],
    )


def checklist_document(items_per_section: int = 2) -> Document:
    d = "chongqing-2022"
    nodes = [
        node(d, "一", "一、", NodeKind.SECTION, TRADITIONAL_TITLE),
        node(d, "一/(一)", "（一）", NodeKind.GROUP, "加強關鍵技術標準研究"),
        node(d, "二", "二、", NodeKind.SECTION, "提升产业标准化水平"),
        node(d, "二/(一)", "（一）", NodeKind.GROUP, "夯实产业发展基础"),
    ]
    for section in ("一", "二"):
        for n in range(1, items_per_section + 1):
            title = f"任务{section}{n}：建设标准化试点示范项目"
            targets = []
            if section == "二" and n == 1:
                targets = [Target("国际标准转化率达到85%以上", 85, "%", Comparator.AT_LEAST, 2025)]
            nodes.append(node(d, f"{section}/(一)/{n}", f"{n}.", NodeKind.ITEM, title,
                              checkable=True, departments=["区市场监管局"], targets=targets))
    return Document(id=d, title="重庆市贯彻落实《国家标准化发展纲要》行动措施",
                    issuer="重庆市人民政府", level=Level.MUNICIPAL, region="重庆", year=2022,
                    nodes=nodes, doc_number="渝府发〔2022〕1号", script="mixed")


def evidence(n: int) -> Evidence:
    digest = hashlib.sha256(f"evidence-{n}".encode()).hexdigest()
    return Evidence(id=n, sha256=digest, file_name=f"佐证材料{n}.pdf", mime_type="application/pdf",
                    size=1024 * n + 17, added_by="张三", added_at="2026-10-01T09:00:00")


def make_snapshot(items_per_section: int = 2, evidence_per_item: int = 1) -> AssessmentSnapshot:
    checklist = checklist_document(items_per_section)
    items = checklist.checkable_nodes()
    assessment = Assessment(
        id=1, office=OFFICE, checklist_doc_id=checklist.id, period="2025年1月—2025年12月",
        provincial_doc_id="sichuan-2022", national_doc_id="national-2021", preparer="张三",
        reviewer="李四", addressee="重庆市市场监督管理局",
        narrative={1: "我局成立自查工作领导小组，逐条对照开展自查。", 2: "", 3: "", 4: ""},
    )
    statuses = [ItemStatus.DONE, ItemStatus.NOT_STARTED, ItemStatus.NOT_APPLICABLE,
                ItemStatus.IN_PROGRESS, ItemStatus.ONGOING]
    states = {}
    for i, item in enumerate(items):
        status = statuses[i % len(statuses)]
        states[item.id] = ItemState(
            assessment_id=1, node_id=item.id, status=status,
            note=MARKUP_NOTE if i == 0 else f"说明{i}",
            justification="本区无相关产业" if status is ItemStatus.NOT_APPLICABLE else "",
            responsible_department="区市场监管局", due_date="2025-06-30",
            actual_values=(86.0,) if item.targets else (),
        )
    ev = {item.id: [evidence(i * evidence_per_item + k + 1) for k in range(evidence_per_item)]
          for i, item in enumerate(items)}
    mappings = [
        Mapping(items[0].id, "sichuan-2022/二/(一)"),
        Mapping("sichuan-2022/二/(一)", "national-2021/二/(一)"),
        Mapping(items[1].id, "national-2021/二/(二)", source=MappingSource.SUGGESTED),
    ]
    audit = [
        AuditEntry(seq=n, at=f"2026-10-0{n}T10:00:00", user="张三", action="set_status",
                   entity="item_state", entity_id=items[0].id, before='{"status": "not_started"}',
                   after='{"status": "done"}', prev_hash="0" * 64, hash=f"{n:064x}")
        for n in range(1, 4)
    ]
    return AssessmentSnapshot(
        assessment=assessment, checklist=checklist, provincial=provincial_document(),
        national=national_document(), states=states, evidence=ev, mappings=mappings,
        audit=audit, taken_at="2026-11-20T08:00:00",
    )


@pytest.fixture
def snapshot() -> AssessmentSnapshot:
    return make_snapshot()
