"""Audit entries in words a reader of the report understands (附件4 变更记录).

The audit log stores before/after as JSON rows; the report shows only the fields that
changed, with their names and statuses in the report's language.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from checklist_app.core import AuditEntry, ItemStatus, Target, format_number
from checklist_app.core.names import printable
from checklist_app.core.punctuation import full_width_punctuation
from checklist_app.core.titles import inner_title, quoted
from checklist_app.report.kinsoku import NUMBER_UNITS
from checklist_app.report.wording import Wording
from checklist_app.storage.evidence_index import file_size, short_time

# Bookkeeping columns that say nothing to a reader.
_HIDDEN = {"assessment_id", "node_id", "updated_at", "updated_by", "review_diff", "id",
           "sha256", "mime_type"}
# In the order a change lists them: as the item pane and the assessment's details show them.
_FIELD_ZH = {
    "status": "状态", "justification": "不适用理由", "due_date": "完成时限",
    "responsible_department": "责任单位", "responsible_person": "责任人", "note": "备注",
    "ticked_actions": "已勾选子项", "actual_value": "实际值", "actual_values": "实际值",
    "needs_review": "待复核", "file_name": "文件", "description": "说明", "size": "大小",
    "office": "单位", "department": "部门", "period": "自查期间", "checklist_doc_id": "检查文件",
    "provincial_doc_id": "省级对照文件", "national_doc_id": "国家对照文件", "preparer": "填报人",
    "reviewer": "审核人", "addressee": "主送机关", "report_date": "成文日期",
    "relation": "对照关系", "strength": "强度", "source": "来源", "closed_at": "关闭时间",
}
_FIELD_ORDER = {field: position for position, field in enumerate(_FIELD_ZH)}
_FIELD_EN = {
    "status": "Status", "note": "Note", "justification": "Reason not applicable",
    "ticked_actions": "Ticked sub-items", "responsible_department": "Responsible department",
    "responsible_person": "Responsible person", "due_date": "Due date",
    "actual_value": "Actual value", "actual_values": "Actual value",
    "needs_review": "To be reviewed", "file_name": "File", "description": "Description",
    "size": "Size", "office": "Office", "department": "Department", "period": "Period",
    "preparer": "Prepared by", "reviewer": "Reviewed by", "addressee": "Addressee",
    "report_date": "Report date",
    "checklist_doc_id": "Checklist", "provincial_doc_id": "Provincial document",
    "national_doc_id": "National document", "relation": "Relation", "strength": "Strength",
    "source": "Source", "closed_at": "Closed",
}
_ENTITY_ZH = {"item_state": "检查项", "evidence": "佐证材料", "narrative": "报告正文",
              "assessment": "自查自评", "mapping": "对照关系"}
_ENTITY_EN = {"item_state": "item", "evidence": "evidence", "narrative": "report text",
              "assessment": "assessment", "mapping": "mapping"}
_ACTION_ZH = {"set": "修改", "create": "新建", "attach": "添加", "detach": "移除",
              "delete": "删除", "edit": "编辑", "close": "关闭", "link": "关联", "carry": "结转"}
_ACTION_EN = {"set": "Changed", "create": "Created", "attach": "Attached", "detach": "Removed",
              "delete": "Deleted", "edit": "Edited", "close": "Closed", "link": "Linked",
              "carry": "Carried forward"}
# What the app did by itself, in whole words: a revised document moved ticks and values with
# their sub-items and targets, and flagged the item for review.
_SYSTEM_ACTION = {"flag_review": ("文件修订，检查项待复核", "Document revised: item to review"),
                  "realign": ("文件修订，子项或指标顺序调整",
                              "Document revised: sub-items or targets reordered")}
# Mappings staff set, confirmed, declined ("not related") or removed. A "not related" mapping
# of staff's own either removes a mapping that exists (theirs, or one shipped with the app) or
# declines a suggestion that never was a mapping; deleting it undoes either.
_MAPPING_ACTION = {"new": ("新建对照关系", "Mapped"), "set": ("修改对照关系", "Mapping changed"),
                   "confirm": ("确认对照关系", "Suggestion confirmed"),
                   "not_related": ("取消对照关系", "Marked not related"),
                   "decline": ("不采纳建议对照", "Suggestion declined"),
                   "restore": ("恢复对照关系", "Mapping restored"),
                   "reconsider": ("撤销不采纳建议对照", "Declined suggestion reconsidered"),
                   "delete": ("删除对照关系", "Mapping removed")}
MAX_VALUE = 80
CONTEXT_BEFORE_CHANGE = 20  # characters shown before a long text's first difference
# Text staff typed (and a report text section, a plain value: field ""), printed with the
# Chinese punctuation the items table prints it with (report/script.py); names stay as typed.
_PROSE = frozenset({"", "note", "justification", "responsible_department", "description",
                    "office", "department", "addressee"})
TARGET_CHARS = 16  # of a target's text naming the actual value in the change log


def _pick(pair: tuple[str, str], w: Wording) -> str:
    return pair[0] if w.lang == "zh" else pair[1]


# The middle reference of a 直辖市's district is the city's own opinion, no 省级 document.
_MUNICIPAL_MIDDLE = {"zh": "市级对照文件", "en": "Municipal document"}


def field_name(field: str, w: Wording, municipal_middle: bool = False) -> str:
    """A stored field's name for the reader; ``municipal_middle``: the assessment's middle
    reference is a city's document (a 直辖市 above its districts)."""
    if field == "provincial_doc_id" and municipal_middle:
        return _MUNICIPAL_MIDDLE["zh" if w.lang == "zh" else "en"]
    return (_FIELD_ZH if w.lang == "zh" else _FIELD_EN).get(field, field)


def describe_action(entry: AuditEntry, w: Wording,
                    shipped: Collection[tuple[str, str]] = ()) -> str:
    """``shipped``: (from, to) of the mappings shipped with the app, which a "not related"
    mapping of staff's removes (any other one declines a suggestion)."""
    if entry.action in _SYSTEM_ACTION:
        return _pick(_SYSTEM_ACTION[entry.action], w)
    if entry.entity == "mapping":
        return _pick(_MAPPING_ACTION[mapping_action(entry, shipped)], w)
    if w.lang != "zh":
        return f"{_ACTION_EN.get(entry.action, entry.action)} " \
               f"{_ENTITY_EN.get(entry.entity, entry.entity)}"
    return _ACTION_ZH.get(entry.action, entry.action) + _ENTITY_ZH.get(entry.entity, entry.entity)


def mapping_action(entry: AuditEntry, shipped: Collection[tuple[str, str]] = ()) -> str:
    """What a mapping entry did: new, set, confirm, not_related (a mapping removed), decline
    (a suggestion), restore or reconsider (either undone), or delete."""
    before, after = _mapping(entry.before), _mapping(entry.after)
    record = after or before
    pair = (record.get("from_node_id"), record.get("to_node_id"))
    removes = before.get("relation") not in (None, "not_related") or pair in shipped
    if entry.action == "delete" or not after:
        if before.get("relation") != "not_related":
            return "delete"
        return "restore" if removes else "reconsider"
    if after.get("relation") == "not_related":
        return "not_related" if removes else "decline"
    if after.get("source") == "suggested" and after.get("confirmed_by"):
        return "confirm"
    return "new" if not entry.before else "set"


def _mapping(text: str | None) -> dict[str, Any]:
    loaded = stored_value(text)
    return loaded if isinstance(loaded, dict) else {}


def describe_change(entry: AuditEntry, w: Wording, titles: Mapping[str, str] | None = None,
                    targets: Sequence[Target] = (), municipal_middle: bool = False) -> str:
    """``状态：未评估 → 已完成；备注：… `` for the fields that differ; the file's name and
    size for evidence attached or removed (the action says which). ``titles``: document
    titles by id, so that a document is named as staff know it, not by its id; ``targets``:
    the item's numeric targets, which name its actual values; ``municipal_middle``: the
    middle reference is a city's document (named 市级对照文件)."""
    if (file := _evidence_file(entry, w)) is not None:
        return file
    changes = _fields_changed(entry, w, titles, targets, municipal_middle)
    if entry.entity == "evidence" and (name := _recorded_file_name(entry)):
        return f"{name}：{changes}" if w.lang == "zh" else f"{name}: {changes}"  # described
    return changes


def _fields_changed(entry: AuditEntry, w: Wording, titles: Mapping[str, str] | None,
                    targets: Sequence[Target], municipal_middle: bool) -> str:
    before, after = stored_value(entry.before), value_after(entry)
    if not isinstance(before, dict) and not isinstance(after, dict):
        return _arrow(*_around_change(_value("", before, w, titles),
                                      _value("", after, w, titles)))
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    parts = []
    fields = [*after, *(k for k in before if k not in after)]
    for field in sorted(fields, key=lambda f: _FIELD_ORDER.get(f, len(_FIELD_ORDER))):
        old, new = _normal(before.get(field)), _normal(after.get(field))
        if field in _HIDDEN or old == new or (not old and not new):
            continue
        if field == "actual_values":
            parts += _actual_values(old, new, w, targets)
            continue
        change = _arrow(*_around_change(_value(field, old, w, titles),
                                        _value(field, new, w, titles)))
        name = field_name(field, w, municipal_middle)
        parts.append(f"{name}{'：' if w.lang == 'zh' else ': '}{change}")
    return "；".join(parts) if w.lang == "zh" else "; ".join(parts)


def shortened_target(text: str) -> str:
    """A target's words cut to TARGET_CHARS, never inside its figure or the measure words
    after it: …达到30… read as a target of 30 (it was 3000项), …缩短至18个… as 18 of
    something (it was 18个月)."""
    if len(text) <= TARGET_CHARS:
        return text
    cut = TARGET_CHARS
    if _continues_figure(text, cut):
        while cut > 0 and text[cut - 1] in NUMBER_UNITS:
            cut -= 1
        while cut > 0 and (text[cut - 1].isdigit() or text[cut - 1] == "."):
            cut -= 1
    return text[:cut].rstrip(".") + "…"


def _continues_figure(text: str, cut: int) -> bool:
    """Whether a cut before ``text[cut]`` splits a figure: inside its digits (30|00项) or
    inside the measure words after it (18个|月); before them (10|项) it does not."""
    start = cut
    while start > 0 and text[start - 1] in NUMBER_UNITS:
        start -= 1
    if start == 0 or not (text[start - 1].isdigit() or text[start - 1] == "."):
        return False
    following = text[cut]
    if start == cut:  # right after the digits
        return following.isdigit() or following == "."
    return following in NUMBER_UNITS


def _actual_values(old: Any, new: Any, w: Wording, targets: Sequence[Target]) -> list[str]:
    """One part per target whose actual value changed, named by its text (shortened):
    ``实际值（到2025年主导制定国际标准5项以上）：2项``; by its number when unknown."""
    before, after = _values(old), _values(new)
    parts = []
    for index in range(max(len(before), len(after))):
        was = before[index] if index < len(before) else None
        now = after[index] if index < len(after) else None
        if was == now:
            continue
        unit = targets[index].unit if index < len(targets) else ""
        shown = [f"{format_number(v)}{unit}" if v is not None else "" for v in (was, now)]
        if index < len(targets):
            name = shortened_target(targets[index].text)
        else:
            name = f"指标{index + 1}" if w.lang == "zh" else f"target {index + 1}"
        label = (f"{field_name('actual_values', w)}（{name}）：" if w.lang == "zh"
                 else f"{field_name('actual_values', w)} ({name}): ")
        parts.append(label + _arrow(*shown))
    return parts


def _values(value: Any) -> list[float | None]:
    if value is None or value == "":
        return []
    values = json.loads(value) if isinstance(value, str) else value
    return list(values) if isinstance(values, list) else [values]


def _file_record(entry: AuditEntry) -> dict[str, Any]:
    """The evidence record an entry stores (after, else before) that names its file."""
    for recorded in (stored_value(entry.after), stored_value(entry.before)):
        if isinstance(recorded, dict) and recorded.get("file_name"):
            return recorded
    return {}


def _recorded_file_name(entry: AuditEntry) -> str:
    """The file an evidence entry is about, as its record names it ("" when none does)."""
    recorded = _file_record(entry)
    return printable(str(recorded["file_name"])) if recorded else ""


def _evidence_file(entry: AuditEntry, w: Wording) -> str | None:
    """``实施方案.txt（12字节）`` for a file attached or removed (in 附件3's units); None for
    other entries."""
    if entry.entity != "evidence" or entry.action not in ("attach", "detach"):
        return None
    recorded = _file_record(entry)
    if not recorded:
        return None
    name, size = _recorded_file_name(entry), recorded.get("size")
    if not isinstance(size, int):
        return name
    shown = file_size(size, w("bytes"))
    return f"{name}（{shown}）" if w.lang == "zh" else f"{name} ({shown})"


# A record's values before its first edit stores it: an item nobody assessed yet is 未评估.
_UNSTORED: dict[tuple[str, str], dict[str, Any]] = {
    ("item_state", "set"): {"status": "not_assessed"},
    ("item_state", "edit"): {"status": "not_assessed"},
}


def value_after(entry: AuditEntry) -> Any:
    """An audit entry's after. The first edit of a record stores all of it: the fields it
    left as they were unstored are not changes (a first note says nothing of 未评估)."""
    after = stored_value(entry.after)
    unstored = _UNSTORED.get((entry.entity, entry.action))
    if entry.before is not None or unstored is None or not isinstance(after, dict):
        return after
    return {field: value for field, value in after.items()
            if field not in unstored or unstored[field] != value}


def stored_value(text: str | None) -> Any:
    """An audit entry's before or after: JSON when it is, else the text itself."""
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
        title = inner_title(titles[value])
        return f"《{title}》" if w.lang == "zh" else quoted(title)
    if field == "status":
        try:
            return w.status(ItemStatus(value))
        except ValueError:
            pass
    if field.endswith("_at"):  # closed_at: a stored UTC time, on this computer's clock
        return short_time(str(value))
    if field == "ticked_actions":
        ticks = json.loads(value) if isinstance(value, str) else value
        return f"{len(ticks)}项" if w.lang == "zh" else str(len(ticks))
    if field == "description":  # hidden characters written out, as 附件3 prints it
        value = printable(str(value))
    return full_width_punctuation(str(value)) if field in _PROSE else str(value)


def _around_change(old: str, new: str) -> tuple[str, str]:
    """The two values cut to MAX_VALUE characters where they differ: a paragraph added to
    a long text showed the same opening twice (按照市政府办公厅…的… → 按照市政府办公厅…的…).
    Both start a few characters before their first difference, after an ellipsis."""
    if len(old) <= MAX_VALUE and len(new) <= MAX_VALUE:
        return old, new
    same = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                min(len(old), len(new)))
    start = same - CONTEXT_BEFORE_CHANGE if same > MAX_VALUE - CONTEXT_BEFORE_CHANGE else 0
    return _window(old, start), _window(new, start)


def _window(text: str, start: int) -> str:
    if not text:
        return text
    shown = text[start:start + MAX_VALUE]
    return ("…" if start else "") + shown + ("…" if start + MAX_VALUE < len(text) else "")
