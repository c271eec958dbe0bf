"""Small hand-built documents: a national outline, a traditional-script province, a city."""

from __future__ import annotations

import pytest

from checklist_app.core import (
    Assessment,
    AssessmentSnapshot,
    Document,
    Level,
    Mapping,
    MappingSource,
    Node,
    NodeKind,
    Relation,
)


def _node(
    doc: str, path: str, kind: NodeKind, title: str, text: str = "", checkable: bool = True
) -> Node:
    parts = path.split("/")
    parent = f"{doc}/{'/'.join(parts[:-1])}" if len(parts) > 1 else None
    return Node(f"{doc}/{path}", parent, parts[-1], kind, title, text, checkable=checkable)


def national_document() -> Document:
    doc = "nat"
    nodes = [
        _node(doc, "一", NodeKind.SECTION, "总体要求", checkable=False),
        _node(doc, "一/(一)", NodeKind.CLAUSE, "指导思想", "以新时代思想为指导,加强标准化工作。",
              checkable=False),
        _node(doc, "二", NodeKind.SECTION, "完善绿色发展标准化保障", checkable=False),
        _node(doc, "二/(二)", NodeKind.CLAUSE, "建立健全碳达峰、碳中和标准",
              "加快节能标准更新升级,修订能耗限额、产品设备能效强制性国家标准,完善低碳产品标准标识制度。"),
        _node(doc, "二/(三)", NodeKind.CLAUSE, "强化绿色消费标准引领",
              "完善绿色产品标准,建立绿色产品分类和评价标准,构建节能节水、垃圾分类等绿色生活标准。"),
        _node(doc, "三", NodeKind.SECTION, "推动标准化改革创新", checkable=False),
        _node(doc, "三/(四)", NodeKind.CLAUSE, "优化标准供给结构",
              "大力发展团体标准,实施团体标准培优计划,引导社会团体制定原创性、高质量标准。"),
        _node(doc, "三/(五)", NodeKind.CLAUSE, "加强标准化人才队伍建设",
              "将标准化纳入普通高等教育、职业教育和继续教育,开展标准化专业人才培养培训。"),
        _node(doc, "三/(六)", NodeKind.CLAUSE, "推动行政管理和社会治理标准化建设",
              "重点推进行政审批、政务服务、政务公开等标准制定与推广,加快数字政府标准化建设。"),
    ]
    return Document(doc, "国家纲要", "国务院", Level.NATIONAL, "全国", 2021, nodes)


def provincial_document() -> Document:
    """Published in traditional script, as Guangdong's plan is."""
    doc = "prov"
    nodes = [
        _node(doc, "一", NodeKind.SECTION, "主要任務", checkable=False),
        _node(doc, "一/1", NodeKind.ITEM, "推進碳達峰碳中和標準",
              "抓好能耗限額、產品設備能效等國家標準宣傳貫徹,落實低碳產品標準標識制度。"),
        _node(doc, "一/2", NodeKind.ITEM, "發展團體標準",
              "實施團體標準培優計劃,鼓勵制定原創性、高質量團體標準。"),
        _node(doc, "一/3", NodeKind.ITEM, "先進標準+社會治理",
              "建設數字政府政務數據標準,推進行政審批和政務服務標準化。"),
    ]
    return Document(doc, "省方案", "省政府", Level.PROVINCIAL, "省", 2018, nodes,
                    script="traditional")


def municipal_document() -> Document:
    doc = "city"
    nodes = [
        _node(doc, "一", NodeKind.SECTION, "主要任务", checkable=False),
        _node(doc, "一/(一)", NodeKind.GROUP, "完善绿色发展标准化保障", checkable=False),
        _node(doc, "一/(一)/1", NodeKind.ITEM, "加强碳达峰标准化支撑",
              "提升重点领域能耗限额要求,推行低碳产品标准标识制度。(市发展改革委等按职责分工负责)"),
        _node(doc, "一/(一)/2", NodeKind.ITEM, "推进政务服务标准化",
              "制定“最多跑一次”标准,推进行政审批和政务服务标准化。"),
        _node(doc, "一/(一)/3", NodeKind.ITEM, "打造城市夜景灯光特色",
              "编制夜景灯光设计导则,点亮两江四岸。"),
    ]
    return Document(doc, "市意见", "市政府", Level.MUNICIPAL, "市", 2022, nodes)


@pytest.fixture
def national() -> Document:
    return national_document()


@pytest.fixture
def provincial() -> Document:
    return provincial_document()


@pytest.fixture
def municipal() -> Document:
    return municipal_document()


def curated(from_id: str, to_id: str, **changes: object) -> Mapping:
    return Mapping(from_id, to_id, **changes)  # type: ignore[arg-type]


@pytest.fixture
def snapshot(national: Document, provincial: Document, municipal: Document) -> AssessmentSnapshot:
    """City items mapped to the province (and one directly to the nation)."""
    mappings = [
        curated("city/一/(一)/1", "prov/一/1"),
        curated("city/一/(一)/2", "nat/三/(六)", relation=Relation.SUBSET),
        curated("prov/一/1", "nat/二/(二)", relation=Relation.EQUAL),
        curated("prov/一/2", "nat/三/(四)"),
        curated("prov/一/3", "nat/三/(六)"),
        Mapping("city/一/(一)/3", "nat/三/(五)", source=MappingSource.SUGGESTED, strength=2),
    ]
    assessment = Assessment(1, "市市场监管局", "city")
    return AssessmentSnapshot(assessment, municipal, provincial, national, mappings=mappings)
