"""Workspaces in temporary folders, and small documents built by hand.

The documents imitate the shipped ones (ids, node ids, kinds) until the importer lands.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from checklist_app.core import Comparator, Document, Level, Node, NodeKind, Target
from checklist_app.i18n import reset_language
from checklist_app.storage.backup import BackupPolicy
from checklist_app.storage.workspace import Workspace, workspace_with_documents


def make_node(node_id: str, parent: str | None, label: str, kind: NodeKind, text: str,
              *, checkable: bool = False, actions: list[str] | None = None,
              targets: list[Target] | None = None) -> Node:
    return Node(id=node_id, parent_id=parent, label=label, kind=kind, title="", text=text,
                checkable=checkable, actions=actions or [], targets=targets or [],
                departments=["市市场监管局"], search_text=f"{label} {text}")


def chongqing(revised: bool = False) -> Document:
    """A small municipal checklist shaped like chongqing-2022."""
    doc_id = "chongqing-2022"
    nodes = [
        make_node(f"{doc_id}/一", None, "一、", NodeKind.SECTION, "总体要求"),
        make_node(f"{doc_id}/二", None, "二、", NodeKind.SECTION, "主要任务"),
        make_node(f"{doc_id}/二/(一)", f"{doc_id}/二", "(一)", NodeKind.GROUP, "推动标准化改革"),
        make_node(f"{doc_id}/二/(一)/1", f"{doc_id}/二/(一)", "1.", NodeKind.ITEM,
                  "完善标准化工作机制。" + ("建立联席会议制度。" if revised else ""),
                  checkable=True, actions=["建立机制", "印发文件"]),
        make_node(f"{doc_id}/二/(一)/2", f"{doc_id}/二/(一)", "2.", NodeKind.ITEM,
                  "国际标准转化率达到85%以上。", checkable=True,
                  targets=[Target("国际标准转化率达到85%以上", 85, "%", Comparator.AT_LEAST)]),
        make_node(f"{doc_id}/二/(一)/3", f"{doc_id}/二/(一)", "3.", NodeKind.ITEM,
                  "培育团体标准。", checkable=True),
    ]
    if not revised:
        nodes.append(make_node(f"{doc_id}/二/(一)/4", f"{doc_id}/二/(一)", "4.", NodeKind.ITEM,
                               "开展标准化试点示范。", checkable=True))
    else:
        nodes.append(make_node(f"{doc_id}/二/(一)/5", f"{doc_id}/二/(一)", "5.", NodeKind.ITEM,
                               "加强标准化人才培养。", checkable=True))
    return Document(id=doc_id, title="重庆市贯彻落实《国家标准化发展纲要》行动方案",
                    issuer="重庆市人民政府", level=Level.PROVINCIAL, region="重庆", year=2022,
                    nodes=nodes, doc_number="渝府发〔2022〕20号")


def national() -> Document:
    doc_id = "national-2021"
    nodes = [
        make_node(f"{doc_id}/二", None, "二、", NodeKind.SECTION, "推动标准化与科技创新互动发展"),
        make_node(f"{doc_id}/二/(三)", f"{doc_id}/二", "(三)", NodeKind.CLAUSE,
                  "提升标准制定效能。", checkable=True),
    ]
    return Document(id=doc_id, title="国家标准化发展纲要", issuer="中共中央 国务院",
                    level=Level.NATIONAL, region="全国", year=2021, nodes=nodes)


@pytest.fixture(autouse=True)
def english_messages(isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests here match message text by its English msgid; test_messages.py checks zh_CN."""
    monkeypatch.setenv("CHECKLIST_APP_LANG", "en")
    reset_language()


ITEM = "chongqing-2022/二/(一)/1"
TARGET_ITEM = "chongqing-2022/二/(一)/2"
NO_BACKUPS = BackupPolicy(on_open=False, on_close=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite"


@pytest.fixture
def workspace(db_path: Path, tmp_path: Path) -> Iterator[Workspace]:
    """A workspace with two documents; backups go to tmp_path/backups."""
    policy = BackupPolicy(folder=tmp_path / "backups")
    ws = workspace_with_documents(db_path, [chongqing(), national()], user="tester", backups=policy)
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def assessment_id(workspace: Workspace) -> int:
    return workspace.new_assessment(checklist_doc_id="chongqing-2022", office="重庆市市场监管局",
                                    national_doc_id="national-2021", period="2023年度").id
