"""Audit entries in words a reader of the report understands (附件4 变更记录).

The audit log stores before/after as JSON rows; the report shows only the fields that
changed, with their names and statuses in the report's language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from checklist_app.core import AuditEntry, ItemStatus, format_number
from checklist_app.core.titles import inner_title
from checklist_app.report.wording import Wording
from checklist_app.storage.evidence_index import file_size

# Bookkeeping columns that say nothing to a reader.
_HIDDEN = {"assessment_id", "node_id", "updated_at", "updated_by", "review_diff", "id",
           "sha256", "mime_type"}
_FIELD_ZH = {
    "status": "状态", "note": "备注", "justification": "不适用理由",
    "ticked_actions": "已勾选子项", "responsible_department": "责任单位",
    "responsible_person": "责任人", "due_date": "完成时限", "actual_value": "实际值",
    "actual_values": "实际值",
    "needs_review": "待复核", "file_name": "文件", "description": "描述", "size": "大小",
    "office": "单位", "department": "部门", "period": "自查期间", "preparer": "填报人",
    "reviewer": "审核人", "addressee": "主送机关", "checklist_doc_id": "检查文件",
    "provincial_doc_id": "省级对照文件", "national_doc_id": "国家对照文件",
    "relation": "对照关系", "strength": "强度", "source": "来源", "closed_at": "关闭时间",
}
_ENTITY_ZH = {"item_state": "检查项", "evidence": "佐证材料", "narrative": "报告正文",
              "assessment": "自查自评", "mapping": "对照关系"}
_ACTION_ZH = {"set": "修改", "create": "新建", "attach": "上传", "detach": "移除",
              "delete": "删除", "edit": "编辑", "close": "关闭", "link": "关联", "carry": "结转"}
# What the app did by itself, in whole words: a revised document moved ticks and values with
# their sub-items and targets, and flagged the item for review.
_SYSTEM_ACTION_ZH = {"flag_review": "文件修订，检查项待复核",
                     "realign": "文件修订，子项或指标顺序调整"}
MAX_VALUE = 80


def describe_action(entry: AuditEntry, w: Wording) -> str:
    if w.lang != "zh":
        return f"{entry.action} {entry.entity}"
    if entry.action in _SYSTEM_ACTION_ZH:
        return _SYSTEM_ACTION_ZH[entry.action]
    return _ACTION_ZH.get(entry.action, entry.action) + _ENTITY_ZH.get(entry.entity, entry.entity)


def describe_change(entry: AuditEntry, w: Wording,
                    titles: Mapping[str, str] | None = None) -> str:
    """``状态：未评估 → 已完成；备注：… `` for the fields that differ; the file's name and
    size for evidence attached or removed (the action says which). ``titles``: document
    titles by id, so that a document is named as staff know it, not by its id."""
    if (file := _evidence_file(entry, w)) is not None:
        return file
    before, after = _load(entry.before), _load(entry.after)
    if not isinstance(before, dict) and not isinstance(after, dict):
        return _arrow(_value("", before, w, titles), _value("", after, w, titles))
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    parts = []
    for field in [*after, *(k for k in before if k not in after)]:
        old, new = _normal(before.get(field)), _normal(after.get(field))
        if field in _HIDDEN or old == new or (not old and not new):
            continue
        change = _arrow(_value(field, old, w, titles), _value(field, new, w, titles))
        if w.lang == "zh":
            parts.append(f"{_FIELD_ZH.get(field, field)}：{change}")
        else:
            parts.append(f"{field}: {change}")
    return "；".join(parts) if w.lang == "zh" else "; ".join(parts)


def _evidence_file(entry: AuditEntry, w: Wording) -> str | None:
    """``实施方案.txt（12 B）`` for a file attached or removed; None for other entries."""
    if entry.entity != "evidence" or entry.action not in ("attach", "detach"):
        return None
    for recorded in (_load(entry.after), _load(entry.before)):
        if isinstance(recorded, dict) and recorded.get("file_name"):
            name, size = str(recorded["file_name"]), recorded.get("size")
            if not isinstance(size, int):
                return name
            shown = file_size(size)
            return f"{name}（{shown}）" if w.lang == "zh" else f"{name} ({shown})"
    return None


def _load(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _normal(value: Any) -> Any:
    """Empty tick lists and blank text count as nothing; a sentence's final 。 is dropped."""
    if value == "[]" or value == []:
        return None
    return value.rstrip("。") if isinstance(value, str) else value


def _arrow(old: str, new: str) -> str:
    if old and new:
        return f"{old} → {new}"
    return new or f"{old} → —"


def _value(field: str, value: Any, w: Wording, titles: Mapping[str, str] | None = None) -> str:
    if value is None or value == "":
        return ""
    if field.endswith("_doc_id") and titles and value in titles:
        return f"《{inner_title(titles[value])}》"
    if field == "status":
        try:
            return w.status(ItemStatus(value))
        except ValueError:
            pass
    if field == "actual_values":
        values = json.loads(value) if isinstance(value, str) else value
        shown = ["—" if v is None else format_number(v) for v in values]
        return ("、" if w.lang == "zh" else ", ").join(shown)
    if field == "ticked_actions":
        ticks = json.loads(value) if isinstance(value, str) else value
        return f"{len(ticks)}项" if w.lang == "zh" else str(len(ticks))
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"
