"""Raw policy text → core.Document (clause tree with checkable items)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from checklist_app.core import Comparator, Document, Node, NodeKind, Target
from checklist_app.core.names import readable
from checklist_app.core.repeats import target_repeats
from checklist_app.i18n import _, ngettext
from checklist_app.importer.cleaning import clean_text
from checklist_app.importer.extract import (
    action_sentences,
    find_departments,
    find_phases,
    find_targets,
    labelled_facts_apart,
)
from checklist_app.importer.headings import (
    ARTICLE,
    CHAPTER,
    GROUP,
    SECTION,
    Heading,
    scan_headings,
)
from checklist_app.importer.metadata import closing_start, guess_metadata
from checklist_app.importer.normalize import (
    detect_script,
    match_key,
    search_key,
    to_simplified,
)
from checklist_app.importer.reading import (
    ANNEX_MARK,
    ANNEX_TASK,
    DocumentError,
    read_source_text,
    text_table_lines,
)
from checklist_app.importer.worktable import WorkPlan, split_work_plan

# Context clauses, shown but not checkable by default (指导思想, 基本原则).
_INFORMATIONAL_TITLES = ("指导思想", "基本原则")
# Lines that close the body: references to annexes printed after the text.
_ANNEX_LINE = re.compile(r"^(?:附件|附属档案|附屬檔案|附表)[:：]")
_TITLE_MAX = 80
_TITLE_SHORT = 30  # characters of a long paragraph that title it when nothing cuts it sooner
_COLUMN_LINE = re.compile(r"^[^:：\s]{1,8}[:：]")  # 责任单位:… under a task of a table
_CELL_NUMBER = re.compile(  # the table's 3. and a number typed in the cell: 3.（二）…
    r"^(?:\s*(?:\d{1,3}[.．、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、))+")
_TASK_KEY_CHARS = 10  # the first characters an annex task and the body's task share
_LEAD_CHARS = 6  # the words a body's task may put before an annex row's (加强, 积极推进)
_UNPLACED_SHOWN = 3  # merged lines quoted in the warning; the count covers them all
# Numbering the heading grammar does not read, at the start of a line: 1.1.1, Ⅳ., 一.,
# (a), a), ⒈. Such a line stays in the clause before it, and is reported.
_OTHER_NUMBERING = re.compile(
    r"(?:\d{1,2}(?:\.\d{1,2}){2,3}|\d{1,2}\.\d{1,2}\s"
    r"|[\u2160-\u217f]+\s*[.、]?|[一二三四五六七八九十]{1,3}[.]"
    r"|\(?[a-zA-Z]\)|[\u2488-\u249b])")


@dataclass(slots=True)
class _Block:
    heading: Heading
    parent: _Block | None
    body: str
    children: list[_Block] = field(default_factory=list)

    def path(self) -> list[str]:
        keys = [self.heading.key]
        block = self.parent
        while block is not None:
            keys.append(block.heading.key)
            block = block.parent
        return keys[::-1]


@dataclass(slots=True)
class Parsed:
    """A parsed document, and the lines that look like headings but could not be placed."""

    document: Document
    # Lines starting with a marker that does not continue the numbering (101. after 99.,
    # a task list starting at 98.) or numbered in a way the grammar does not read (Ⅳ.,
    # 1.1.1): kept in the body of the node before them.
    unplaced: list[str] = field(default_factory=list)
    # Numbered lines before the first heading: in no clause, so not imported.
    before_first: list[str] = field(default_factory=list)
    # No issuer or place told the document's level: 市级 was assumed (see metadata).
    level_defaulted: bool = False
    # The region's city or province was taken from the documents it cites (大渡口区 citing
    # 《重庆市…》 → 重庆市大渡口区): a guess, for the user to confirm.
    region_inferred: bool = False
    # The region is a template's stand-in (某市某区): for the user to replace.
    region_placeholder: bool = False
    # Tasks of an annex's 任务分工表 that no task of the body matched: not imported.
    unmatched_tasks: list[str] = field(default_factory=list)


def _quoted(lines: Sequence[str]) -> tuple[str, str]:
    """The first few lines quoted, and … when there are more."""
    quoted = " ".join(f"“{line[:30]}”" for line in lines[:_UNPLACED_SHOWN])
    return quoted, "…" if len(lines) > _UNPLACED_SHOWN else ""


def before_first_warning(lines: Sequence[str]) -> str:
    """Numbered lines before the first heading: the user should know they are in no clause."""
    quoted, more = _quoted(lines)
    return ngettext(
        "{n} numbered line before the first heading the numbering recognises belongs to no "
        "clause and was not imported: {lines}{more}",
        "{n} numbered lines before the first heading the numbering recognises belong to no "
        "clause and were not imported: {lines}{more}", len(lines)).format(
        n=len(lines), lines=quoted, more=more)


def unplaced_warning(unplaced: Sequence[str]) -> str:
    """One sentence for the user: how many lines were merged, the first few quoted."""
    quoted, more = _quoted(unplaced)
    return ngettext(
        "{n} line looks like a numbered heading but does not continue the numbering; it "
        "was merged into the clause before it: {lines}{more}",
        "{n} lines look like numbered headings but do not continue the numbering; they "
        "were merged into the clauses before them: {lines}{more}",
        len(unplaced)).format(n=len(unplaced), lines=quoted, more=more)


def placeholder_warning(region: str) -> str:
    """What the user should know when the region is a template's stand-in
    (:attr:`Parsed.region_placeholder`)."""
    return _("The region {region} is a template's placeholder: enter the real region.").format(
        region=region)


def region_warning(region: str) -> str:
    """What the user should know when the region was inferred (:attr:`Parsed.region_inferred`)."""
    return _("The region {region} was completed from the documents it cites: check it.").format(
        region=region)


def level_warning() -> str:
    """What the user should know when the level was assumed (:attr:`Parsed.level_defaulted`)."""
    return _("No issuer or place in the document tells its level: it was taken as "
             "municipal (市级).")


def repeated_targets(document: Document) -> list[str]:
    """The targets restated (see :mod:`checklist_app.core.repeats`), each with the items'
    labels: 制定地方标准5项以上（一、(二)；附件1(2)）."""
    warnings = []
    for group in dict.fromkeys(target_repeats(document).values()):
        node_id, index = group[0]
        labels = dict.fromkeys(_path(document, document.node(n)) for n, _index in group)
        warnings.append(f"{document.node(node_id).targets[index].text}（{'；'.join(labels)}）")
    return warnings


def _path(document: Document, node: Node) -> str:
    """A node's labels from its section down (二、1.)."""
    return "".join(n.label for n in reversed([node, *document.ancestors(node.id)]))


# A title naming a report on work (工作总结, 自查报告, 情况汇报), not a policy to carry out.
_REPORT_TITLE = re.compile(r"(?:总结|報告|报告|汇报|匯報|情况|情況)(?:[（(][^（）()]{1,12}[）)])?$")


def report_warning(title: str) -> str:
    """What the user should know when the title reads as a report, not a policy: its
    sections (主要工作, 存在问题…) would be imported as items to check."""
    if not _REPORT_TITLE.search(to_simplified(title.strip())):
        return ""
    return _("“{title}” reads as a report on work done, not a policy document: its "
             "sections would be imported as items to check. Save only if that is meant."
             ).format(title=title.strip())


def parse_warnings(parsed: Parsed) -> list[str]:
    """What parsing could not settle: merged heading-like lines, an assumed level, annex
    tasks matching none, targets stated in several items."""
    warnings = [before_first_warning(parsed.before_first)] if parsed.before_first else []
    if said := report_warning(parsed.document.title):
        warnings.append(said)
    if parsed.unplaced:
        warnings.append(unplaced_warning(parsed.unplaced))
    if parsed.level_defaulted:
        warnings.append(level_warning())
    if parsed.region_placeholder and parsed.document.region:
        warnings.append(placeholder_warning(parsed.document.region))
    elif parsed.region_inferred and parsed.document.region:
        warnings.append(region_warning(parsed.document.region))
    if parsed.unmatched_tasks:
        shown = parsed.unmatched_tasks[:_UNPLACED_SHOWN]
        warnings.append(ngettext(
            "{n} task of the annex's task table matches no task of the text; it is an item "
            "of its own under the annex: {tasks}",
            "{n} tasks of the annex's task table match no task of the text; they are items "
            "of their own under the annex: {tasks}", len(parsed.unmatched_tasks)).format(
            n=len(parsed.unmatched_tasks), tasks="；".join(shown)
            + ("……" if len(parsed.unmatched_tasks) > len(shown) else "")))
    repeated = repeated_targets(parsed.document)
    if repeated:
        warnings.append(ngettext(
            "{n} target is stated in several items (in the goals, a task or an annex table) "
            "and taken as one: a value entered for it in one item is entered in the others, "
            "and the report counts it once: {targets}",
            "{n} targets are stated in several items (in the goals, a task or an annex table) "
            "and taken as one each: a value entered for one in one item is entered in the "
            "others, and the report counts it once: {targets}",
            len(repeated)).format(n=len(repeated), targets="；".join(repeated)))
    return warnings


def same_title(document: Document, others: Iterable[Document]) -> Document | None:
    """Another document with this one's title (in either script, punctuation aside), year
    (when both give one) and origin: most likely the same document under another id.
    Provinces issue opinions of one title (关于贯彻〈国家标准化发展纲要〉的实施意见): those of
    another region or issuer are other documents."""
    key = match_key(document.title)
    for other in others:
        if other.id == document.id or match_key(other.title) != key:
            continue
        same_year = document.year is None or other.year is None or document.year == other.year
        if same_year and _same_origin(document, other):
            return other
    return None


@dataclass(frozen=True, slots=True)
class Replacement:
    """A revision that looks like another document: applied, it would remove or reword
    ``lost`` of the ``total`` clauses of ``stored`` under a title of its own."""

    stored: Document
    document: Document
    lost: int
    total: int
    other_origin: bool = False  # another region or issuer: why it was taken for another


def replacement(stored: Document, document: Document) -> Replacement | None:
    """``document`` as a revision of ``stored`` (the same id): another document when its
    title differs (either script, punctuation aside) and it comes from another region or
    issuer, or most clauses of ``stored`` would go or be reworded.

    Clauses are compared by text, not only by place: policy documents share their
    一、（一）1. outline, so another county's opinion saved under the same file name kept
    nearly every clause id and was applied as a revision without a word."""
    if match_key(stored.title) == match_key(document.title):
        return None
    texts = {node.id: match_key(node.text) for node in document.nodes}
    lost = sum(1 for node in stored.nodes if texts.get(node.id) != match_key(node.text))
    same_origin = _same_origin(stored, document)
    if lost * 2 <= len(stored.nodes) and same_origin:
        return None
    return Replacement(stored, document, lost, len(stored.nodes), not same_origin)


def replacement_warning(found: Replacement) -> str:
    """What applying such a revision would do, in one sentence."""
    if found.other_origin and found.lost * 2 <= found.total:
        return _("“{title}” would replace {id} (“{stored_title}”), a document of another "
                 "region or issuer: what was recorded for its clauses would be taken for "
                 "this one's.").format(title=found.document.title, id=found.stored.id,
                                       stored_title=found.stored.title)
    return _("“{title}” would replace {id} (“{stored_title}”): {lost} of its {total} "
             "clauses would be removed or reworded, what was recorded for them dropped or "
             "flagged for review.").format(
        title=found.document.title, id=found.stored.id, stored_title=found.stored.title,
        lost=found.lost, total=found.total)


def unused_document_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, else ``wanted-2``, ``wanted-3``…: the first id no document has."""
    taken = set(taken)
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = wanted[:MAX_ID_CHARS - len(suffix)] + suffix  # an id has at most 100
    return candidate


MAX_ID_CHARS = 100
_DOCUMENT_ID = re.compile(r"\w[\w-]{0,99}")  # \w: letters, digits, _, Chinese characters


def id_problem(document_id: str) -> str | None:
    """Why ``document_id`` cannot be a document's id (None when it can): item ids are the
    document id and labels joined by ``/``, and ids are typed in commands."""
    if _DOCUMENT_ID.fullmatch(document_id):
        return None
    if "/" in document_id:
        return _("{id} cannot be a document id: “/” separates the parts of item ids. Use "
                 "letters, digits, Chinese characters, “-” and “_”.").format(id=document_id)
    return _("{id} cannot be a document id: use letters, digits, Chinese characters, “-” "
             "and “_” (at most 100), beginning with a letter, digit or Chinese "
             "character.").format(id=document_id)


def _same_origin(document: Document, other: Document) -> bool:
    """The region or the issuer matches, where both documents name it; True when neither is
    named by both (nothing tells them apart). A region matches its fuller form: 温州市 is
    浙江省温州市, 四川省 is not 辽宁省."""
    shorter, longer = sorted((match_key(document.region), match_key(other.region)), key=len)
    issuers = (match_key(document.issuer), match_key(other.issuer))
    regions_known, issuers_known = bool(shorter), all(issuers)
    if not (regions_known or issuers_known):
        return True
    return ((regions_known and longer.endswith(shorter))
            or (issuers_known and issuers[0] == issuers[1]))


def parse_file(path: Path, doc_id: str | None = None) -> Document:
    """Parse a .txt or .docx policy document; raises DocumentError with a one-line reason."""
    return parse_source_file(path, doc_id).document


def parse_source_file(path: Path, doc_id: str | None = None) -> Parsed:
    """As parse_file, with the heading-like lines that had to be merged."""
    text = read_source_text(path)
    return parse_source(text, doc_id or document_id_for(path), source=readable(path.name))


def document_id_for(path: Path) -> str:
    """An id from the file name: ``chongqing-2022.txt`` → ``chongqing-2022``."""
    stem = path.name.split(".")[0]
    slug = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", stem).strip("-").lower()
    return slug or "document"


def parse_text(raw: str, doc_id: str, source: str = "") -> Document:
    return parse_source(raw, doc_id, source).document


def parse_source(raw: str, doc_id: str, source: str = "",
                 check: Callable[[], None] = lambda: None) -> Parsed:
    """Raw text → the document, with the heading-like lines it had to merge.

    ``check`` is called between the stages and for each clause: a cancelled import raises
    from it (a 20 MB file takes seconds)."""
    text = clean_text(raw, check)
    check()
    lines = text_table_lines(text.split("\n"))
    check()
    lines, annex_tasks, table_heading = split_annex_tasks(lines)
    lines, annex = split_annex_section(lines)
    lines, plan = split_work_plan(lines)
    lines = _drop_annex_lines(lines)
    text = "\n".join(lines)
    check()
    headings, unplaced = scan_headings(text)
    check()
    if not headings:
        raise DocumentError(
            _("{source}: no numbered headings (一、 or (一) or 1. or 第一条) found").format(
                source=source or doc_id
            )
        )
    preamble = [line for line in text[: headings[0].start].split("\n") if line.strip()]
    before_first = [line for line in preamble if _OTHER_NUMBERING.match(line)]
    metadata = guess_metadata(preamble, text)
    text = text[:closing_start(text)]  # the signature block is no part of the last clause
    check()
    blocks = _build_blocks(text, headings)
    check()
    unmatched = attach_annex_tasks(blocks, annex_tasks)
    if unmatched:  # rows of their own: items under the annex, not lost
        annex = annex or AnnexSection(*table_heading, [])
        annex.tasks += unmatched
    nodes = []
    for block in _walk(blocks):
        check()
        nodes.append(_node_from_block(block, doc_id, check))
    if plan is not None:
        nodes.extend(_work_plan_nodes(plan, doc_id))
    if annex is not None:
        nodes.extend(_annex_nodes(annex, doc_id))
    script = detect_script(text)
    check()
    document = Document(
        id=doc_id,
        title=metadata.title or _file_title(source, doc_id),
        issuer=metadata.issuer,
        level=metadata.level,
        region=metadata.region,
        year=metadata.year,
        nodes=nodes,
        doc_number=metadata.doc_number,
        cited_doc_numbers=metadata.cited_doc_numbers,
        source=source,
        script=script,
    )
    merged = _merged_lines(text, headings, unplaced)
    return Parsed(document, merged, level_defaulted=metadata.level_defaulted,
                  region_inferred=metadata.region_inferred,
                  region_placeholder=metadata.region_placeholder,
                  unmatched_tasks=[_without_number(task) for task, _columns in unmatched],
                  before_first=before_first)


def _file_title(source: str, doc_id: str) -> str:
    """The title of a document that prints none (a Word file holding only a table): its
    file name, for the user to correct."""
    return Path(source).name.split(".")[0].strip() if source else doc_id


def _merged_lines(text: str, headings: list[Heading], unplaced: list[Heading]) -> list[str]:
    """The lines after the first heading that look numbered but are no heading, in order:
    markers out of sequence, and numbering the grammar does not read."""
    out_of_sequence = {heading.start for heading in unplaced}
    starts = {heading.start for heading in headings}
    merged = []
    offset = 0
    for line in text.split("\n"):
        if offset > headings[0].start and offset not in starts and (
                offset in out_of_sequence or _OTHER_NUMBERING.match(line)):
            merged.append(line)
        offset += len(line) + 1
    return merged


AnnexTask = tuple[str, list[str]]  # the task's text, its column lines (责任单位:…)


def split_annex_tasks(lines: list[str]) -> tuple[list[str], list[AnnexTask], tuple[str, str]]:
    """The lines without the tasks of an annex's 任务分工表 (marked by the reader) when they
    restate the body's tasks (most begin as a line of the body does), those tasks with
    their column lines, and the annex's number and title (for the rows that restate none).
    Otherwise (a 工作方案 whose tasks are only in its annex) they stay as numbered task
    lines where they stand."""
    marked = [line for line in lines if line.startswith(ANNEX_TASK)]
    if not marked:
        return lines, [], ("", "")
    openings = [_opening(line) for line in lines if not line.startswith(ANNEX_TASK)]
    keys = [_opening(_unmarked(line))[:_TASK_KEY_CHARS] for line in marked]
    restated = sum(1 for key in keys if any(key in opening for opening in openings))
    if restated * 2 < len(marked):
        return lines, [], ("", "")  # tasks of the annex's own: split_annex_section
    lines, heading = _without_annex_heading(lines)
    kept, tasks = split_annex_tasks_here(lines)
    return kept, [(_without_number(task), columns) for task, columns in tasks], heading


def _without_annex_heading(lines: list[str]) -> tuple[list[str], tuple[str, str]]:
    """The lines without the 附件1 line and title (重点任务分工表) above a task table that
    restates the body (they were left as text of the body's last clause), and the annex's
    number and title."""
    first = next(i for i, line in enumerate(lines) if line.startswith(ANNEX_TASK))
    mark = _annex_mark_before(lines, first)
    if mark is None:
        return lines, ("", UNTITLED_TASK_TABLE)
    return lines[:mark] + lines[first:], _annex_heading(lines, mark, first)


def _annex_heading(lines: list[str], mark: int, first: int) -> tuple[str, str]:
    """The number and title of the annex whose 附件 line is at ``mark`` and whose table
    starts at ``first`` (the lines between: the table's title)."""
    found = ANNEX_MARK.match(lines[mark].strip())
    assert found is not None
    parts = [found["rest"] or "", *map(str.strip, lines[mark + 1:first])]
    return found["number"], " ".join(dict.fromkeys(part for part in parts if part))


def _annex_mark_before(lines: list[str], first: int) -> int | None:
    """The 附件N line a few lines (its table's title) above the table starting at ``first``."""
    return next((i for i in range(first - 1, max(-1, first - 2 - _ANNEX_TITLE_LINES), -1)
                 if ANNEX_MARK.match(lines[i].strip())), None)


@dataclass(slots=True)
class AnnexSection:
    """An annex whose task table holds tasks of its own (附件1 重点工作任务清单), not the
    body's again: a section of its own after the body's."""

    number: str  # 附件1 → "1" ("" for a lone 附件)
    title: str
    tasks: list[AnnexTask]


UNTITLED_TASK_TABLE = "任务分工表"  # the title of an annex table with no 附件 line above it
_ANNEX_TITLE_LINES = 3  # lines between 附件N and its table: the table's title


def split_annex_section(lines: list[str]) -> tuple[list[str], AnnexSection | None]:
    """The lines without an annex's own task table (its tasks still marked by the reader),
    and that annex; without a 附件 line before the table its tasks stay numbered task lines
    where they stand (a 工作方案 whose only tasks are in a table)."""
    first = next((i for i, line in enumerate(lines) if line.startswith(ANNEX_TASK)), None)
    if first is None:
        return lines, None
    mark = _annex_mark_before(lines, first)
    if mark is None:
        return [_unmarked(line) if line.startswith(ANNEX_TASK) else line
                for line in lines], None
    kept, tasks = split_annex_tasks_here(lines[first:])
    return lines[:mark] + kept, AnnexSection(*_annex_heading(lines, mark, first), tasks)


def split_annex_tasks_here(lines: list[str]) -> tuple[list[str], list[AnnexTask]]:
    """The marked tasks of ``lines`` with their column lines, and the other lines."""
    kept: list[str] = []
    tasks: list[AnnexTask] = []
    in_task = False  # the lines after a task's own: its columns
    for line in lines:
        if line.startswith(ANNEX_TASK):
            tasks.append((_unmarked(line), []))
            in_task = True
        elif in_task and _COLUMN_LINE.match(line):
            tasks[-1][1].append(line)
        else:
            in_task = False
            kept.append(line)
    return kept, tasks


def _annex_nodes(annex: AnnexSection, doc_id: str) -> list[Node]:
    """The annex as a section, each row of its table a task ((1) with its columns as text)."""
    section_id = f"{doc_id}/附件{annex.number}"
    nodes = [Node(id=section_id, parent_id=None, label=f"附件{annex.number}",
                  kind=NodeKind.SECTION, title=annex.title, text="",
                  search_text=search_key(f"附件{annex.number} {annex.title}"))]
    for position, (task, columns) in enumerate(annex.tasks, 1):
        title = _without_number(task)
        text = "\n".join(columns)
        found = find_departments(text)
        nodes.append(Node(
            # (1): its path reads 附件1(1); 1. would read 附件11.
            id=f"{section_id}/{position}", parent_id=section_id, label=f"({position})",
            kind=NodeKind.ITEM, title=title, text=text, checkable=True,
            departments=found.departments, lead_departments=found.leads,
            targets=find_targets(f"{title}。{text}"), phases=find_phases(title, text),
            search_text=search_key(f"{position}. {title} {text}")))
    return nodes


def attach_annex_tasks(blocks: list[_Block], tasks: list[AnnexTask]) -> list[AnnexTask]:
    """Give each annex task's columns (责任单位, 完成时限 …) to the body's task it restates,
    each task of the body to one row at most; the rows matched by none."""
    if not tasks:
        return []
    pool = [(block, match_key(block.body)) for block in _walk(blocks)]
    unmatched: list[AnnexTask] = []
    for task, columns in tasks:
        block = _restated(pool, match_key(task))
        if block is None:
            unmatched.append((task, columns))
            continue
        pool = [(other, key) for other, key in pool if other is not block]
        added = [column for column in columns if not _states_label(block.body, column)]
        if added:
            block.body = "\n".join([block.body, *added])
    return unmatched


def _states_label(body: str, column: str) -> bool:
    """Whether the task's own text already gives this column (责任单位:…): the row only
    repeats it."""
    label = re.split(r"[:：]", column, maxsplit=1)[0]
    return re.search(rf"(?:^|[。;；\s]){re.escape(label)}[:：]", body) is not None


def _restated(pool: list[tuple[_Block, str]], key: str) -> _Block | None:
    """The block whose text begins with the whole task, else the one alone in sharing the
    longest opening with it (at least _TASK_KEY_CHARS characters), else the one alone in
    holding it a few words in."""
    if not key:
        return None
    whole = [block for block, text in pool if text.startswith(key)]
    if whole:
        return whole[0]
    shared = [(_shared_opening(text, key), block) for block, text in pool]
    longest = max((length for length, _block in shared), default=0)
    best = [block for length, block in shared if length == longest]
    if longest >= _TASK_KEY_CHARS and len(best) == 1:
        return best[0]
    # the row without the body's opening verb: 企业标准自我声明公开 for 加强企业标准…
    near = [block for block, text in pool
            if len(key) >= _TASK_KEY_CHARS // 2 and key in text[:len(key) + _LEAD_CHARS]]
    return near[0] if len(near) == 1 else None


def _shared_opening(text: str, key: str) -> int:
    """How many characters ``text`` and ``key`` share at their start."""
    return next((i for i, (a, b) in enumerate(zip(text, key, strict=False)) if a != b),
                min(len(text), len(key)))


def _unmarked(line: str) -> str:
    return line[len(ANNEX_TASK):].strip()


def _without_number(task: str) -> str:
    """A table's task without its number (3.), or one typed in the cell (（二）, 1．)."""
    return _CELL_NUMBER.sub("", task, count=1).strip()


def _opening(line: str) -> str:
    """The first words of a line, as a task of the body or a row of the annex begins."""
    return match_key(_without_number(line))[:_TASK_KEY_CHARS + _LEAD_CHARS]


def _drop_annex_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not _ANNEX_LINE.match(line)]


def _build_blocks(text: str, headings: list[Heading]) -> list[_Block]:
    roots: list[_Block] = []
    open_blocks: list[_Block] = []
    for index, heading in enumerate(headings):
        end = headings[index + 1].start if index + 1 < len(headings) else len(text)
        while open_blocks and open_blocks[-1].heading.level >= heading.level:
            open_blocks.pop()
        parent = open_blocks[-1] if open_blocks else None
        block = _Block(heading, parent, text[heading.body_start : end].strip())
        (parent.children if parent else roots).append(block)
        open_blocks.append(block)
    return roots


def _walk(blocks: list[_Block]):
    for block in blocks:
        yield block
        yield from _walk(block.children)


def split_title(body: str) -> tuple[str, str]:
    """The heading title and the rest of the body.

    The title is the opening sentence up to its first 。 when it is inline
    (``加强关键技术领域标准研究。在人工智能…``), else the first line, or the words before the
    first space on one-line pages (``发展目标 到2025年…``).
    """
    first_line, _, rest_lines = body.partition("\n")
    candidates = [
        (first_line.find(mark), len(mark)) for mark in ("。", " ") if first_line.find(mark) >= 0
    ]
    if candidates:
        cut, width = min(candidates)
        if cut <= _TITLE_MAX:
            title = first_line[:cut]
            rest = first_line[cut + width :].strip()
            return title.strip(), "\n".join(part for part in (rest, rest_lines) if part)
    if len(first_line) <= _TITLE_MAX:
        return first_line.strip(), rest_lines.strip()
    return _opening_words(first_line), body


def _opening_words(line: str) -> str:
    """A title for a long paragraph with no 。 near its start: its words up to the first
    comma or semicolon, else its first characters and …; the body keeps the whole text."""
    cut = re.search(r"[,;，；]", line[:_TITLE_MAX])
    if cut is not None and cut.start() > 0:
        return line[:cut.start()].strip()
    return line[:_TITLE_SHORT].strip() + "…"


def _is_informational(block: _Block) -> bool:
    while block is not None:
        title, _ = split_title(block.body)
        if any(word in to_simplified(title) for word in _INFORMATIONAL_TITLES):
            return True
        block = block.parent
    return False


def _node_kind(block: _Block) -> NodeKind:
    """第一章 is a section; 第一条 a clause (a group when it holds (一) items), as (一) is."""
    if block.heading.level in (CHAPTER, SECTION):
        return NodeKind.SECTION
    if block.heading.level in (ARTICLE, GROUP):
        return NodeKind.GROUP if block.children else NodeKind.CLAUSE
    return NodeKind.ITEM


def _node_from_block(block: _Block, doc_id: str,
                     check: Callable[[], None] = lambda: None) -> Node:
    title, text = split_title(block.body)
    text = labelled_facts_apart(text)
    checkable = not block.children and bool(text or title) and not _is_informational(block)
    parent_id = f"{doc_id}/{'/'.join(block.parent.path())}" if block.parent else None
    found = find_departments(text)
    if not text:  # a one-line task (…不少于50家(局标准化科负责)): its list closes the title
        found = find_departments(title)
        # the bracket is the item's text, as a longer task's stays in its text: its
        # deadline (完成时限:2025年底, 长期坚持) is read from there
        title, text = found.text, title[len(found.text):].strip()
    return Node(
        id=f"{doc_id}/{'/'.join(block.path())}",
        parent_id=parent_id,
        label=block.heading.label,
        kind=_node_kind(block),
        title=title,
        text=text,
        checkable=checkable,
        actions=action_sentences(text) if checkable else [],
        departments=found.departments,
        lead_departments=found.leads,
        # "1.制定标准10项以上。"
        targets=find_targets(f"{title}。{text}" if title else text, check),
        phases=find_phases(title, text),
        search_text=search_key(f"{block.heading.label} {title} {text}"),
    )


def _work_plan_nodes(plan: WorkPlan, doc_id: str) -> list[Node]:
    section_id = f"{doc_id}/plan"
    section = Node(
        id=section_id,
        parent_id=None,
        label="附表",
        kind=NodeKind.SECTION,
        title=plan.title,
        text=plan.note,
        search_text=search_key(f"{plan.title} {plan.note}"),
    )
    nodes = [section]
    for row in plan.rows:
        text = ";".join(f"{column}:{value}" for column, value in row.cells.items())
        nodes.append(
            Node(
                id=f"{section_id}/{row.number}",
                parent_id=section_id,
                label=f"{row.number}.",
                kind=NodeKind.ITEM,
                # a task, not a bare unit name: the report lists it beside the other items
                title=f"{row.unit_name}标准化工作任务",
                text=text,
                checkable=True,
                departments=[row.unit_name],
                targets=_quota_targets(row.cells, plan.unit, _plan_year(plan.title)),
                fields=dict(row.cells),
                search_text=search_key(f"{row.number} {row.unit_name} {text}"),
            )
        )
    return nodes


_QUOTA = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>项|个|家|条)?")


def _plan_year(title: str) -> int | None:
    """The 十四五 plan period ends in 2025."""
    return 2025 if "十四五" in title else None


def _quota_targets(cells: dict[str, str], unit: str, year: int | None) -> list[Target]:
    """A cell's bare figure (a quota in the plan's unit, 10 or 10项), or the goal a cell
    states in words (团体标准3项以上, 至少开展1项…项目), by the plan's end."""
    targets = []
    for column, value in cells.items():
        if quota := _QUOTA.fullmatch(value.strip()):
            cell_unit = quota["unit"] or unit
            targets.append(Target(f"{column}{quota['value']}{cell_unit}",
                                  float(quota["value"]), cell_unit, Comparator.AT_LEAST, year))
        else:
            targets += _cell_goals(column, value, year)
    return targets


def _cell_goals(column: str, value: str, year: int | None) -> list[Target]:
    """The goals a cell states in words, named by their column where the words do not name
    it (不少于3项 under 团体标准); a choice (1项国家级或2项市级) is one goal, its first."""
    found = find_targets(value)
    if len(found) > 1 and "或" in value and len({target.text for target in found}) == 1:
        found = found[:1]
    return [replace(target, year=target.year or year,
                    text=target.text if column in target.text else f"{column}：{target.text}")
            for target in found]
