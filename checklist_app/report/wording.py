"""The report's fixed wording in each report language.

The report language is chosen per report (``--lang zh|en``) and is independent of the language
of the user interface, so the report cannot use the active gettext catalog: a Chinese office
working in an English UI still prints a Chinese report. Each entry is an English msgid, marked
with ``N_`` so that extraction still sees it, and its Chinese wording, which is the official
text and is kept here so Chinese output is right with or without a compiled catalog. English
wording puts counts after a colon ("Items not started (1): …"), so one form reads right for
any number.
Messages shown in the UI (progress, warnings) go through ``_`` as usual.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from checklist_app.core import Comparator, ItemStatus, Target, format_number
from checklist_app.core.titles import nested_quotes
from checklist_app.i18n import N_

LANGUAGES = ("zh", "en")
TENTH = Decimal("0.1")

_TEXTS: dict[str, tuple[str, str]] = {
    "title": (
        N_("Self-assessment report of {office} on implementing “{document}”"),
        "{office}关于贯彻落实《{document}》情况的自查报告",
    ),
    "title_of_implementing": (
        N_("Self-assessment report of {office} on implementing “{document}”"),
        "{office}关于《{document}》落实情况的自查报告",
    ),
    "default_document": (N_("National Standardization Development Outline"), "国家标准化发展纲要"),
    "part1": (N_("Self-assessment report"), "自查报告"),
    "report_file": (N_("{office} {period} self-assessment report"), "{office}{period}自查报告"),
    "part2": (N_("Annexes"), "附件"),
    "section1": (N_("I. How the self-assessment was carried out"), "一、自查工作开展情况"),
    "section2": (N_("II. Main results"), "二、主要工作成效"),
    "section3": (N_("III. Problems and shortcomings"), "三、存在的问题和不足"),
    "section4": (N_("IV. Next steps"), "四、下一步工作打算"),
    "empty_narrative": (
        N_("(This part has not been written yet.)"),
        "（本部分尚未填写。）",
    ),
    "facts_heading": (N_("Figures from the self-assessment table:"), "根据自查自评表统计："),
    "facts_heading_problems": (N_("The self-assessment table also shows:"),
                               "自查自评表还反映出："),
    "facts_heading_untabled": (N_("Figures from the self-assessment:"), "根据自查情况统计："),
    "facts_heading_problems_untabled": (N_("The self-assessment also shows:"),
                                        "自查还反映出："),
    "scope": (
        N_(
            "The self-assessment covered “{checklist}”{doc_number}{upper}, {total} items in "
            "all, for the period {period}."
        ),
        "本次自查依据《{checklist}》{doc_number}{upper}，共梳理检查项{total}项，自查期间为{period}。",
    ),
    "scope_upper": (N_(", checked against {documents}"), "，对照{documents}"),
    "period_unknown": (N_("(not given)"), "（未填写）"),
    "completion": (
        N_("By {date}, items carried out (done or ongoing): {complete} of {total}, {rate}."),
        "截至{date}，{total}项检查项中已完成（含长期坚持）{complete}项，完成率{rate}。",
    ),
    "completion_not_applicable": (
        N_("By {date}, items not applicable: {not_applicable} of {total}; carried out (done or "
           "ongoing): {complete} of the other {applicable}, {rate}."),
        "截至{date}，{total}项检查项中不适用{not_applicable}项，其余{applicable}项中已完成"
        "（含长期坚持）{complete}项，完成率{rate}。",
    ),
    "status_breakdown": (N_("By status: {parts}."), "其中{parts}。"),
    "status_part": (N_("{status} {count}"), "{status}{count}项"),
    "section_line": (
        N_("Part “{section}” of the checklist: carried out {complete} of {applicable} "
           "({rate})."),
        "“{section}”部分：完成{complete}项，共{applicable}项（{rate}）。",
    ),
    "targets_line": (
        N_("Numeric targets: {count}; with an actual value: {reported}; met: {met}."),
        "设定数值指标{count}项，已填报实际值{reported}项，其中已达到{met}项。",
    ),
    "targets_line_not_applicable": (
        N_("Numeric targets: {count}, of which {not_applicable} belong to items not "
           "applicable; of the other {applicable}: with an actual value: {reported}; "
           "met: {met}."),
        "设定数值指标{count}项，其中{not_applicable}项所属检查项不适用；其余{applicable}项中"
        "已填报实际值{reported}项，已达到{met}项。",
    ),
    "targets_missed_line": (
        N_("Numeric targets not met yet ({count}): {items}."),
        "尚未达到的数值指标{count}项：{items}。",
    ),
    "target_missed": (
        N_("{target} (actual {actual})"),
        "{target}（实际{actual}）",
    ),
    "closing": (N_("This report is hereby submitted."), "特此报告。"),
    "target_missed_of": (
        N_("{target} ({item}, actual {actual})"),
        "{target}（{item}，实际{actual}）",
    ),
    "met": (N_("met"), "已达到"),
    "not_met": (N_("not met"), "未达到"),
    "not_reported": (N_("not reported"), "未填报"),
    "not_started_line": (
        N_("Items not started ({count}): {items}."),
        "未启动的检查项{count}项：{items}。",
    ),
    "not_assessed_line": (
        N_("Items not assessed yet: {count}."),
        "尚有{count}项检查项未开展自评（状态为未评估）。",
    ),
    "overdue_line": (
        N_("Items past their due date ({count}): {items}."),
        "逾期未完成的检查项{count}项：{items}。",
    ),
    "not_applicable_line": (
        N_("Items marked not applicable ({count}):"),
        "标记为不适用的检查项{count}项：",
    ),
    # 检查项 first: a paragraph starting 二、（三）7. reads as a heading of the report
    "justification": (N_("Item {item} (reason: {reason})"), "检查项{item}（理由：{reason}）"),
    "reason_note": (N_("(reason: {reason})"), "（理由：{reason}）"),  # in the 备注 column
    "no_reason": (N_("no reason given"), "未说明理由"),
    "coverage_line": (
        N_("Of the {total} national clauses, {covered} are implemented by local items "
           "({rate})."),
        "对照国家层面{total}项任务，本地检查项已承接{covered}项，承接率{rate}。",
    ),
    "coverage_note": (
        N_("National clauses: {total}; implemented by local items: {covered} ({rate}); not "
           "implemented: {gaps}."),
        "国家层面任务共{total}项，本地检查项已承接{covered}项（{rate}），尚未承接{gaps}项。",
    ),
    "gaps_line": (
        N_("National clauses no local item implements ({count}): {clauses}."),
        "国家层面有{count}项任务尚无本地检查项承接：{clauses}。",
    ),
    "no_problems": (
        N_("No item is not started, overdue or marked not applicable."),
        "经统计，未发现未启动、逾期或标记为不适用的检查项。",
    ),
    # The count of entries left out is always printed; the annex is named only when printed.
    "unmapped_line": (
        N_("No local item has been mapped to the higher-level documents yet, so it cannot be "
           "said which of the {count} national clauses are implemented."),
        "本地检查项与上级文件任务的对照关系尚未确认，国家层面{count}项任务的承接情况暂无法统计。",
    ),
    "and_more": (N_("{items} and {more} more (see {annex})"), "{items}；另有{more}项，详见{annex}"),
    "and_more_plain": (N_("{items} and {more} more"), "{items}；另有{more}项"),
    "more_in_annex": (N_("… and {more} more (see {annex})."), "……另有{more}项，详见{annex}。"),
    "more_plain": (N_("… and {more} more."), "……另有{more}项。"),
    "list_sep": (N_("; "), "；"),
    "annex_list_head": (N_("Annexes: "), "附件："),
    "annex_list_head_single": (N_("Annex: "), "附件："),
    "annex": (N_("Annex {n}"), "附件{n}"),
    "annex_single": (N_("Annex"), "附件"),
    "annex1": (N_("Self-assessment table"), "自查自评表"),
    "annex2": (N_("Three-level crosswalk"), "三级对照表"),
    "annex3": (N_("Evidence index"), "佐证材料目录"),
    "annex4": (N_("Change log"), "变更记录"),
    "summary": (N_("Summary"), "汇总情况"),
    "by_status": (N_("Items by status"), "检查项状态统计"),
    "by_section": (N_("Completion by section"), "各部分完成情况"),
    "targets": (N_("Numeric targets"), "数值指标"),
    "items": (N_("Items"), "检查项明细"),
    "status": (N_("Status"), "状态"),
    "count": (N_("Count"), "数量"),
    "share": (N_("Share"), "占比"),
    "total": (N_("Total"), "合计"),
    "section": (N_("Section"), "部分"),
    "completed": (N_("Carried out"), "已完成（含长期坚持）"),
    "applicable": (N_("Applicable"), "适用项"),
    "rate": (N_("Completion"), "完成率"),
    "no_section": (N_("Other items"), "其他"),
    "target": (N_("Target"), "指标"),
    "target_value": (N_("Target value"), "目标值"),
    "actual_value": (N_("Actual value"), "实际值"),
    "carried_evidence": (N_("(carried from the last period)"), "（上期沿用）"),
    "actual_value_now": (N_("Actual, this period"), "本期实际值"),  # beside the last period's
    "actual_value_of": (N_("Actual, {period}"), "{period}实际值"),  # the last period's
    "result": (N_("Result"), "结果"),
    "year": (N_("Year"), "年份"),
    "label": (N_("No."), "序号"),
    "item_title": (N_("Item"), "检查项"),
    "department": (N_("Dept."), "责任单位"),  # a narrow column: one short word in English
    "due_date": (N_("Due date"), "完成时限"),
    "note": (N_("Note"), "备注"),
    "evidence": (N_("Evidence"), "佐证材料"),
    "provincial_clause": (N_("Provincial clause"), "对应省级条款"),
    "municipal_clause": (N_("Municipal clause"), "对应市级条款"),
    "national_clause": (N_("National clause"), "对应国家条款"),
    "inferred": (N_("inferred"), "推断"),
    "suggested": (N_("suggested"), "建议"),
    "via": (N_("via {label}"), "经{label}"),
    "preparer": (N_("Prepared by:"), "填报人："),
    "reviewer": (N_("Reviewed by:"), "审核人："),
    "date": (N_("Date:"), "日期："),
    "national": (N_("National clause"), "国家任务"),
    "provincial": (N_("Provincial clause"), "省级条款"),
    "municipal": (N_("Municipal clause"), "市级条款"),
    "local_items": (N_("Local items and status"), "本地检查项及状态"),
    "gap": (N_("Not implemented by any local item"), "上级任务未承接"),
    "partly": (N_("Mapped to the {clause} beside it, which only overlaps this task (not "
                  "counted):"),
               "以下检查项对应左列{clause}，该条款与本任务仅部分对应，未计入承接："),
    "clause_run": (N_("{first}\nto {last} ({count} clauses)"), "{first}\n至{last}（共{count}项）"),
    "item_run": (N_("{first}\nto {last} ({count} items: {statuses})"),
                 "{first}\n至{last}（共{count}项：{statuses}）"),
    # TRANSLATORS: how many items of a run have one status, as in "30 not assessed"
    "status_count": (N_("{count} {status}"), "{status}{count}项"),
    "count_sep": (N_(", "), "、"),
    "local_only": (N_("Local items with no higher-level basis"), "自选动作（无上级对应）"),
    "none": (N_("None."), "无。"),
    "note_cut": (N_("… (full text: Notes in full, no. {n}, after this table)"),
                 "……（全文见本表后“备注全文”第{n}条）"),
    "long_notes": (N_("Notes in full"), "备注全文"),
    "long_note_number": (N_("No. {n}: "), "第{n}条\u3000"),
    "not_mapped": (N_("not mapped yet"), "尚未对照"),
    "shares_of_all": (
        N_("Shares are of all items; completion rates leave items not applicable out."),
        "注：占比按全部检查项计算；完成率不计不适用项。",
    ),
    "shares_of_all_rounded": (
        N_("Shares are of all items and rounded, so they may not add up to 100%; completion "
           "rates leave items not applicable out."),
        "注：占比按全部检查项计算，经四舍五入，合计可能不等于100%；完成率不计不适用项。",
    ),
    "shares_rounded": (
        N_("Shares are rounded, so they may not add up to 100%."),
        "注：占比经四舍五入，合计可能不等于100%。",
    ),
    "local_pending": (
        N_("Items whose suggested higher-level clauses are not yet accepted or declined: {n}; "
           "they are listed here once decided."),
        "另有{n}项检查项的对照建议尚未确认，确认后再列入本表。",
    ),
    "continued": (N_(" (continued)"), "（续）"),  # a table row carried onto the next page
    "unmapped_local": (
        N_("Not known until the items are mapped to the higher-level documents."),
        "对照关系尚未确认，暂无法区分自选动作。",
    ),
    "no_national": (
        N_("No national document is linked to this assessment."),
        "本次自查未关联国家级文件。",
    ),
    "file_name": (N_("File"), "文件名"),
    "sha256": (N_("SHA-256"), "SHA-256校验值"),
    "size": (N_("Size"), "大小"),
    "bytes": (N_("B"), "字节"),  # the unit of a size under 1 KB
    "added_by": (N_("Added by"), "提交人"),
    "added_at": (N_("Added"), "提交时间"),
    "used_by": (N_("Items"), "对应检查项"),
    "no_evidence": (N_("No evidence attached."), "未添加佐证材料。"),
    "lead_mark": (N_(" (lead)"), "（牵头）"),
    "due_from_document": (
        N_("A due date marked * is the one the document sets: the office has set none of its "
           "own."),
        "注：完成时限后标“*”的，为文件规定的时限（本单位未另定）。"),
    "same_target": (
        N_("A target marked “also stated in” is one target stated in several items: it is "
           "counted once."),
        "注：标“另见”的指标在多个检查项中重复出现，为同一指标，统计时计为一项。"),
    "stated_elsewhere": (N_(" (also stated in {places})"), "（另见{places}）"),
    "values_differ": (N_("values differ"), "实际值不一致"),
    "seq": (N_("No."), "序号"),
    "at": (N_("Time"), "时间"),
    "user": (N_("User"), "操作人"),
    "action": (N_("Change"), "操作"),
    "entity": (N_("Record"), "对象"),
    "change": (N_("Before → after"), "变更内容"),
    "no_changes": (N_("No changes recorded."), "无变更记录。"),
    "changes_summarised": (
        N_("Successive changes by one user to the same field of the same record, each within "
           "10 minutes of the one before, are shown as one row: the value before the first → "
           "the value after the last; changes undone that way are not listed. The "
           "workspace's audit trail keeps every change."),
        "注：同一操作人对同一对象同一内容的连续修改（相邻两次间隔不超过10分钟）合并为一行，"
        "列出修改前的值和最终的值；改后又恢复原值的不列出。工作区的审计记录保留每一次修改。",
    ),
    "record_assessment": (N_("Self-assessment"), "自查自评"),
    "record_narrative": (N_("Report text, part {n}"), "正文第{n}部分"),
    "subject": (N_("Self-assessment report"), "自查自评报告"),
}

# A value the wording prints between “”: its own quotation marks nest (“附表‘十四五’…”).
_QUOTED_VALUE = re.compile(r"“\{(\w+)\}”")
# A value the wording closes a bracket after: a full stop of its own would stand before the
# bracket (（理由：非本局职责。） beside （理由：非本局职责）), so it is left out.
_BRACKETED_VALUE = re.compile(r"\{(\w+)\}[）)]")
# One sentence end is left out; a full stop after a figure is a label's (另见二、1.), one
# after another an ellipsis's (待定...), one after etc/Ltd/No an abbreviation's: they stay.
_CLAUSE_END = re.compile(r"[。；;，,、]\s*$")
_FULL_STOP = re.compile(r"(?<![\d.．])[.．]\s*$")
_ABBREVIATION = re.compile(r"\b(?:etc|Ltd|Co|Inc|No|al|e\.g|i\.e)[.．]\s*$", re.IGNORECASE)


def _without_sentence_end(value: str) -> str:
    """``value`` without the one mark that ends it as a sentence (never all of it)."""
    if _ABBREVIATION.search(value):
        return value.rstrip()
    ended = _CLAUSE_END.search(value) or _FULL_STOP.search(value)
    if ended is None or not value[:ended.start()].strip():
        return value.rstrip()
    return value[:ended.start()].rstrip()

_STATUS_ZH = {
    ItemStatus.NOT_ASSESSED: "未评估",
    ItemStatus.NOT_STARTED: "未启动",
    ItemStatus.IN_PROGRESS: "推进中",
    ItemStatus.LARGELY_DONE: "基本完成",
    ItemStatus.DONE: "已完成",
    ItemStatus.ONGOING: "长期坚持",
    ItemStatus.NOT_APPLICABLE: "不适用",
}


class Wording:
    """Fixed report text in one language: ``wording("title", office=…)``."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported report language {lang!r}")
        self.lang = lang
        self._column = 1 if lang == "zh" else 0

    def __call__(self, key: str, **values: object) -> str:
        text = _TEXTS[key][self._column]
        if not values:
            return text
        for name in _QUOTED_VALUE.findall(text):
            values[name] = nested_quotes(str(values[name]))
        for name in _BRACKETED_VALUE.findall(text):
            values[name] = _without_sentence_end(str(values[name]))
        return text.format(**values)

    def status(self, status: ItemStatus) -> str:
        return _STATUS_ZH[status] if self.lang == "zh" else status.label

    def whole_words(self) -> tuple[str, ...]:
        """Status and result words, which a table never splits across lines."""
        statuses = tuple(self.status(s) for s in ItemStatus)
        return (*statuses, self("met"), self("not_met"), self("not_reported"))

    def date(self, day: date) -> str:
        """成文日期 with Arabic numerals, as GB/T 9704-2012 asks."""
        if self.lang == "zh":
            return f"{day.year}年{day.month}月{day.day}日"
        return day.strftime("%d %B %Y").lstrip("0")

    def target_value(self, target: Target) -> str:
        """The goal in words, as a 公文 writes it: 不低于50%, 不少于10项, 不超过18个月.

        Words rather than ≥/≤: the GB/T 9704 fonts have those signs, the bundled fallback
        font does not, and the words read the same on every copy.
        """
        value = f"{format_number(target.value)}{target.unit}"
        share = target.unit in ("%", "％")
        if self.lang != "zh":
            return {Comparator.AT_LEAST: f"at least {value}", Comparator.AT_MOST:
                    f"at most {value}", Comparator.MORE_THAN: f"more than {value}",
                    Comparator.LESS_THAN: f"less than {value}"}.get(target.comparator, value)
        words = {
            Comparator.AT_LEAST: "不低于" if share else "不少于",
            Comparator.AT_MOST: "不超过",
            Comparator.MORE_THAN: "高于" if share else "多于",
            Comparator.LESS_THAN: "低于" if share else "少于",
        }
        return words.get(target.comparator, "") + value

    def percent(self, fraction: float) -> str:
        """One decimal (16.1%), none at the ends (0%, 100%): "0.0%" reads as a measurement.
        Rounded half up (四舍五入, as the notes say): 2 of 32 is 6.3%, not Python's 6.2%."""
        if fraction in (0, 1):
            return f"{fraction * 100:.0f}%"
        # never 0.0% or 100.0% beside 0% and 100%: all but none is 99.9%, one in a few
        # thousand 0.1%
        rounded = Decimal(repr(fraction * 100)).quantize(TENTH, ROUND_HALF_UP)
        return f"{min(max(rounded, TENTH), 100 - TENTH)}%"
