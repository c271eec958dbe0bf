"""Workspace commands: ``workspace``, ``assess``, ``set``, ``attach``, ``evidence``,
``verify``, ``backup`` and ``restore``.

DOC arguments are shipped document ids or files (read by the importer); everything else
goes through :class:`checklist_app.storage.workspace.Workspace`.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from checklist_app.cli.common import (
    CliError,
    add_assessment_option,
    assessment_table,
    caption,
    chosen_assessment,
    explained,
    format_table,
    opened,
    print_json,
    use_operator,
)
from checklist_app.cli.node_ids import resolve_item
from checklist_app.core import (
    LEVEL_NAMES,
    Assessment,
    Document,
    Evidence,
    ItemState,
    ItemStatus,
    Level,
    Node,
    format_number,
    local_date,
    same_content,
)
from checklist_app.core.amounts import read_amount
from checklist_app.core.dates import DateOutOfRange, parse_day, parse_due_date, years_taken
from checklist_app.core.repeats import filled_alike, target_repeats
from checklist_app.core.titles import inner_title
from checklist_app.i18n import N_, _, date_words, join_sentences, ngettext
from checklist_app.importer import DocumentError
from checklist_app.importer.parser import (
    Parsed,
    id_problem,
    parse_source_file,
    parse_warnings,
    replacement,
    replacement_warning,
    same_title,
)
from checklist_app.importer.reading import Unreadable, read_source_text
from checklist_app.importer.shipped import load_parsed
from checklist_app.storage import backup as backup_store
from checklist_app.storage.assessments import DETAIL_NAMES, describe
from checklist_app.storage.documents import RevisionReport
from checklist_app.storage.errors import StorageError
from checklist_app.storage.evidence import size_warning
from checklist_app.storage.evidence_index import file_size
from checklist_app.storage.export import (
    DamagedFile,
    ExportedFile,
    ExportedIndex,
    already_there_note,
    damaged_note,
    printable,
)
from checklist_app.storage.folders import files_to_attach
from checklist_app.storage.sniff import mismatch_warning
from checklist_app.storage.workspace import Workspace
from checklist_app.workspaces import create_workspace

FIRST_ISSUE_YEAR = 1949
# Statuses as staff write them (glossary), besides the enum values.
STATUS_WORDS = {
    "未评估": ItemStatus.NOT_ASSESSED, "未启动": ItemStatus.NOT_STARTED,
    "推进中": ItemStatus.IN_PROGRESS, "基本完成": ItemStatus.LARGELY_DONE,
    "已完成": ItemStatus.DONE, "长期坚持": ItemStatus.ONGOING, "不适用": ItemStatus.NOT_APPLICABLE,
}


def issue_year(text: str) -> int:
    """A year a policy document can have been issued in (1949 to next year)."""
    last = date.today().year + 1
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not FIRST_ISSUE_YEAR <= year <= last:
        raise argparse.ArgumentTypeError(
            _("{text} is not a year between {first} and {last}").format(
                text=text, first=FIRST_ISSUE_YEAR, last=last))
    return year


def parse_status(text: str) -> ItemStatus:
    """``done``, ``Done``, ``已完成``… → ItemStatus."""
    word = text.strip()
    if word in STATUS_WORDS:
        return STATUS_WORDS[word]
    key = word.lower().replace(" ", "_").replace("-", "_")
    try:
        return ItemStatus(key)
    except ValueError:
        choices = ", ".join([*(s.value for s in ItemStatus), *STATUS_WORDS])
        raise argparse.ArgumentTypeError(
            _("unknown status {status!r}; use one of: {choices}").format(
                status=text, choices=choices)) from None



@dataclass(frozen=True, slots=True)
class DocumentChoices:
    """What ``workspace import`` lets the user set for a document (None: as parsed)."""

    id: str | None = None
    title: str | None = None
    level: Level | None = None
    region: str | None = None
    year: int | None = None

    def apply(self, document: Document) -> Document:
        changes = {name: value for name in ("title", "level", "region", "year")
                   if (value := getattr(self, name)) is not None}
        return replace(document, **changes)


def ensure_document(workspace: Workspace, reference: str | None) -> str | None:
    """The id of a document in the workspace, importing (or revising) it from DOC if needed."""
    if reference is None:
        return None
    if reference in workspace.document_ids() and not Path(reference).exists():
        return reference
    document_id, report = import_reference(workspace, reference)
    if report is not None and report.revision > 1:
        print(import_message(document_id, report))
    return document_id


def import_reference(workspace: Workspace, reference: str,
                     choices: DocumentChoices | None = None, *, import_command: bool = False,
                     replace_other: bool = False) -> tuple[str, RevisionReport | None]:
    """Import DOC as a new document or a revision; None when the workspace holds it as is.

    Lines a raw document's numbering could not place are named on stderr, as `parse` does.
    Refused, with nothing imported: a document that gives no year, one whose title is
    that of another document in the workspace (the same document under another file name),
    and, unless ``replace_other``, a revision that looks like another document (another
    title, most clauses removed). ``import_command``: the advice names ``workspace import``'s
    options.
    """
    document = checked_document(workspace, reference, choices, import_command=import_command,
                                replace_other=replace_other)
    if isinstance(document, str):
        return document, None
    return document.id, workspace.import_document(document)


def checked_document(workspace: Workspace, reference: str,
                     choices: DocumentChoices | None = None, *, import_command: bool = False,
                     replace_other: bool = False) -> Document | str:
    """The document ``import_reference`` would import, refused as it says; its id alone
    when the workspace holds it as is. Imports nothing."""
    choices = choices or DocumentChoices()
    parsed = _parsed(reference, choices.id)
    if choices.level is not None:  # given: no guess of the parser's to warn about
        parsed = replace(parsed, level_defaulted=False)
    if choices.region is not None:
        parsed = replace(parsed, region_inferred=False, region_placeholder=False)
    for warning in parse_warnings(parsed):
        print(_("checklist: warning: {reason}").format(reason=warning), file=sys.stderr)
    document = choices.apply(parsed.document)
    existing = workspace.document_ids()
    if document.id in existing:
        stored = workspace.document(document.id)
        if document.year is None:  # a revision keeps the year it was given
            document = replace(document, year=stored.year)
        if stored == document:
            return document.id
        if not replace_other:
            _refuse_replacement(workspace, stored, document, reference,
                                import_command=import_command)
    else:
        _refuse_twin(workspace, document, existing, reference,
                     import_command=import_command, id_chosen=choices.id is not None)
    if document.year is None:
        raise CliError(_no_year_message(workspace, reference, import_command))
    return document


def _parsed(reference: str, document_id: str | None) -> Parsed:
    try:
        if document_id is None:
            return load_parsed(reference)
        path = Path(reference)
        if path.suffix.lower() not in (".txt", ".docx"):  # a folder, a pipe: reading says
            raise CliError(_("--id applies to a .txt or .docx file only, not {doc}.").format(
                doc=reference))
        return parse_source_file(path, document_id)
    except DocumentError as error:
        raise CliError(explained(error)) from None


def _refuse_twin(workspace: Workspace, document: Document, existing: list[str],
                 reference: str, *, import_command: bool, id_chosen: bool) -> None:
    """A new document titled as one already there is most likely that one again."""
    if id_chosen:
        return  # the user said which document this is
    twin = same_title(document, (workspace.document(i) for i in existing))
    if twin is None:
        return
    if import_command:
        advice = _("To apply it as a revision of {id}, add --id {id}; to keep both, add --id "
                   "with a new id.").format(id=twin.id)
    else:
        advice = _("Give {id} instead of the file.").format(id=twin.id)
    raise CliError(_("{doc} has the title of {id} in the workspace ({title}, {year}); nothing "
                     "was imported. {advice}").format(
        doc=reference, id=twin.id, title=twin.title, year=twin.year or "?", advice=advice))


def _refuse_replacement(workspace: Workspace, stored: Document, document: Document,
                        reference: str, *, import_command: bool) -> None:
    """A revision under another title that comes from another region or issuer, or would
    remove or reword most clauses, is most likely another document given the id by
    mistake: applied, it would drop or misplace what was recorded."""
    found = replacement(stored, document)
    if found is None:
        return
    if import_command:
        advice = _("If it is a new version of {id}, add --replace; to keep both, give "
                   "another --id.").format(id=stored.id)
    else:
        advice = _("If it is a new version of {id}, apply it with: checklist workspace "
                   "import {db} {doc} --replace").format(id=stored.id, db=workspace.path,
                                                         doc=reference)
    raise CliError(_("{doc}: {what} Nothing was imported. {advice}").format(
        doc=reference, what=replacement_warning(found), advice=advice))


def document_id(text: str) -> str:
    """--id: letters, digits, Chinese characters, - and _ (no /, which item ids use)."""
    problem = id_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


def _no_year_message(workspace: Workspace, reference: str, import_command: bool) -> str:
    if import_command:
        return _("{doc} gives no year; give the year it was issued with --year (for example "
                 "--year 2023). Nothing was imported.").format(doc=reference)
    return _("{doc} gives no year; import it first with: checklist workspace import {db} "
             "{doc} --year YEAR").format(doc=reference, db=workspace.path)


def import_message(document_id: str, report: RevisionReport | None) -> str:
    """What importing a document did, as one sentence."""
    if report is None:
        return _("{id}: already in the workspace and unchanged; nothing was imported.").format(
            id=document_id)
    if report.revision == 1:
        return ngettext("{id}: new document, {n} clause imported.",
                        "{id}: new document, {n} clauses imported.", len(report.added)).format(
            id=document_id, n=len(report.added))
    return ngettext(
        "{id}: revised (revision {revision}): {changed} clause changed and flagged for review, "
        "{added} added, {removed} removed.",
        "{id}: revised (revision {revision}): {changed} clauses changed and flagged for review, "
        "{added} added, {removed} removed.", len(report.changed)).format(
        id=document_id, revision=report.revision, changed=len(report.changed),
        added=len(report.added), removed=len(report.removed))


def import_dict(document_id: str, report: RevisionReport | None) -> dict[str, Any]:
    """JSON of an import: outcome new / revised / unchanged, and the report's node ids."""
    if report is None:
        return {"id": document_id, "outcome": "unchanged"}
    details = asdict(report)
    del details["document_id"]
    return {"id": document_id, "outcome": "new" if report.revision == 1 else "revised",
            **details}


# -- handlers ---------------------------------------------------------------------------------


def run_init(args: argparse.Namespace) -> int:
    try:
        if args.empty:
            Workspace.create(args.db).close()
        else:
            create_workspace(args.db).close()
    except (StorageError, DocumentError) as error:
        raise CliError(explained(error)) from None
    print(_("Created workspace {path}").format(path=args.db))
    return 0


def parse_level(text: str) -> Level:
    """--level in English (municipal) or as the interface names it (市级)."""
    typed = text.strip()
    for level in Level:
        if typed.casefold() == level.value or typed in {_(LEVEL_NAMES[level]),
                                                         ZH_LEVELS[level]}:
            return level
    raise argparse.ArgumentTypeError(_("{text} is no level: national / 国家级, provincial / "
                                       "省级, municipal / 市级, county / 区县级").format(
        text=text))


ZH_LEVELS = {Level.NATIONAL: "国家级", Level.PROVINCIAL: "省级", Level.MUNICIPAL: "市级",
             Level.COUNTY: "区县级"}  # accepted whatever the interface's language


def run_import(args: argparse.Namespace) -> int:
    given = [f"--{name}" for name in ("id", "title", "level", "region", "year")
             if getattr(args, name) is not None]
    if given and len(args.documents) > 1:
        raise CliError(_("{options} describe one document: import the files one at a time.")
                       .format(options=" ".join(given)))
    choices = DocumentChoices(id=args.id, title=args.title, region=args.region, year=args.year,
                              level=args.level)
    for reference in args.documents:  # all readable first: a bad one leaves none imported
        _parsed(reference, choices.id)
    results = []
    with opened(args.db) as workspace:
        checked = [checked_document(workspace, reference, choices, import_command=True,
                                    replace_other=args.replace)
                   for reference in args.documents]  # all accepted before any is imported
        for document in checked:
            document_id, report = ((document, None) if isinstance(document, str)
                                   else (document.id, workspace.import_document(document)))
            results.append(import_dict(document_id, report))
            if not args.json:
                print(import_message(document_id, report))
    if args.json:
        print_json(results)
    return 0


def run_gc(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        evidence_count, contents = workspace.collect_garbage()
        if args.vacuum:
            workspace.vacuum()
    print(_("Removed {e} unused evidence records and {c} unused files.").format(
        e=evidence_count, c=contents))
    return 0


def run_assess_new(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        use_operator(workspace, args.preparer or "")
        assessment = workspace.new_assessment(
            checklist_doc_id=ensure_document(workspace, args.checklist) or "",
            provincial_doc_id=ensure_document(workspace, args.provincial),
            national_doc_id=ensure_document(workspace, args.national),
            office=args.office, department=args.department, period=args.period,
            preparer=args.preparer, reviewer=args.reviewer, addressee=args.addressee)
        checklist = workspace.document(assessment.checklist_doc_id)
    if args.json:
        print_json(assessment_dict(assessment))
    else:
        print(started_line(assessment, checklist))
    return 0


def started_line(assessment: Assessment, checklist: Document) -> str:
    """What ``assess new`` started, as one sentence: id, office, period and checklist."""
    title = inner_title(checklist.title) or checklist.id
    if not assessment.period.strip():
        return _("Started self-assessment {id}: {office}, against 《{document}》.").format(
            id=assessment.id, office=assessment.office, document=title)
    return _("Started self-assessment {id}: {office}, {period}, against 《{document}》.").format(
        id=assessment.id, office=assessment.office, period=assessment.period, document=title)


def carried_lines(source: int, new: Assessment, checklist: Document,
                  with_evidence: bool) -> list[str]:
    """What ``assess carry-forward`` started, said as ``assess new`` says it, and what it
    carried over."""
    title = inner_title(checklist.title) or checklist.id
    started = _("Carried assessment {source} forward into self-assessment {id}: {office}, "
                "{period}, against 《{document}》.").format(
        source=source, id=new.id, office=new.office, period=new.period, document=title)
    if with_evidence:
        carried = _("Carried over for each item: status, notes, responsible department and "
                    "person, due date and evidence. Actual values of numeric targets start "
                    "empty.")
    else:
        carried = _("Carried over for each item: status, notes, responsible department and "
                    "person, and due date. Actual values of numeric targets start empty, and "
                    "evidence is to be attached again.")
    fresh = _("The report text (its four sections) and its date (成文日期) start empty: "
              "write them for the new period (assess edit, assess set --report-date).")
    return [started, carried, fresh]


def run_assess_list(args: argparse.Namespace) -> int:
    with opened(args.db, read_only=True) as workspace:
        found = workspace.assessments()
    if args.json:
        print_json([assessment_dict(a) for a in found])
        return 0
    if not found:
        print(_("No assessment yet: start one with `checklist assess new`."))
        return 0
    print(assessment_table(found))
    return 0


def run_assess_edit(args: argparse.Namespace) -> int:
    text = args.text
    if args.file is not None:  # .txt in UTF-8, GB18030, Big5 or UTF-16, or a Word .docx
        try:
            text = read_source_text(Path(args.file)).strip()
        except DocumentError as error:
            raise CliError(report_text_problem(args.file, error)) from None
    with opened(args.db) as workspace:
        assessment_id = chosen_assessment(workspace, args.assessment)
        workspace.set_narrative(assessment_id, args.section, text)
        assessment = workspace.assessment(assessment_id)
    print(ngettext("Wrote section {section} of the report of assessment {assessment} "
                   "({n} character).",
                   "Wrote section {section} of the report of assessment {assessment} "
                   "({n} characters).", len(text)).format(
        section=args.section, assessment=describe(assessment), n=len(text)) if text.strip()
          else _("Cleared section {section} of the report of assessment {assessment}.").format(
        section=args.section, assessment=describe(assessment)))
    return 0


def report_text_problem(path: str, error: DocumentError) -> str:
    """Why a file cannot give a section's text, in words for report text (the importer's
    speak of policy documents to import)."""
    wording = {
        Unreadable.FOLDER: _("{path}: this is a folder. Give a .txt or .docx file with the "
                             "text of the section."),
        Unreadable.TOO_LARGE: _("{path}: the file is too large for the text of a report "
                                "section. Check that this is the right file."),
        Unreadable.EMPTY: _("{path}: the file is empty. To clear the section, give --text "
                            "\"\" instead."),
        Unreadable.BINARY: _("{path}: not a text file (binary content). Give the section's "
                             "text as a .txt or .docx file."),
        Unreadable.NOT_DOCX: _("{path}: not a Word .docx document or the file is damaged. "
                               "Open it in Word or WPS, save it as .docx and give that "
                               "file."),
    }.get(error.kind)
    return wording.format(path=path) if wording else str(error)


# The assessment's own fields ``assess set`` changes, each named as the report names it.
ASSESSMENT_DETAILS = DETAIL_NAMES


REFERENCE_OPTIONS = {"provincial_doc_id": "provincial", "national_doc_id": "national"}
REFERENCE_DETAILS = {"provincial_doc_id": N_("provincial reference"),
                     "national_doc_id": N_("national reference")}


def run_assess_set(args: argparse.Namespace) -> int:
    changes: dict[str, str | None] = {name: getattr(args, name).strip()
                                      for name in ASSESSMENT_DETAILS
                                      if getattr(args, name) is not None}
    if changes.get("report_date"):  # 20250115 or 2025年1月15日 as the app takes them
        try:  # storage says how to write what is no day at all
            changes["report_date"] = parse_day(changes["report_date"] or "")
        except DateOutOfRange:
            raise CliError(join_sentences(_("“{text}” was not taken as the report date.").format(
                text=changes["report_date"]), years_taken())) from None
        except ValueError:
            pass
    changes.update({name: getattr(args, option).strip() or None
                    for name, option in REFERENCE_OPTIONS.items()
                    if getattr(args, option) is not None})
    if not changes:
        raise CliError(_("Nothing to set: give --office, --department, --period, --preparer, "
                         "--reviewer, --addressee, --report-date, --provincial or --national."))
    with opened(args.db) as workspace:
        assessment_id = chosen_assessment(workspace, args.assessment)
        current = workspace.assessment(assessment_id)
        changes = {name: value for name, value in changes.items()
                   if getattr(current, name) != value}
        updated = workspace.update_assessment(assessment_id, **changes) if changes else current
    if args.json:
        print_json(assessment_dict(updated))
    elif not changes:
        print(_("Nothing changed: assessment {assessment} has these details already.").format(
            assessment=describe(updated)))
    else:
        print(details_line(updated, changes))
    return 0


def details_line(assessment: Assessment, changes: dict[str, str | None]) -> str:
    """What ``assess set`` changed, as one sentence: the assessment and each field given."""
    named = {**ASSESSMENT_DETAILS, **REFERENCE_DETAILS}
    done = [_('{field} "{value}"').format(field=_(named[name]), value=value)
            if value else _("{field} cleared").format(field=_(named[name]))
            for name, value in changes.items()]
    return _("Set for assessment {assessment}: {changes}.").format(
        assessment=describe(assessment), changes=_("; ").join(done))


def run_assess_close(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        closed = workspace.close_assessment(chosen_assessment(workspace, args.assessment))
    print(_("Closed assessment {assessment} on {date}: it can still be viewed and printed, "
            "no longer changed. To continue in the next period: checklist assess "
            "carry-forward.").format(assessment=describe(closed),
                                      date=date_words(local_date(closed.closed_at or ""))))
    return 0


def run_assess_delete(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        assessment = workspace.assessment(args.id)
        use_operator(workspace, assessment.preparer)  # its 填报人, not another's
        workspace.delete_assessment(args.id)
    print(_("Deleted assessment {assessment}.").format(assessment=describe(assessment)))
    return 0


def run_carry_forward(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        source = chosen_assessment(workspace, args.assessment)
        new = workspace.carry_forward(source, period=args.period,
                                      include_evidence=args.with_evidence)
        checklist = workspace.document(new.checklist_doc_id)
    if args.json:
        print_json(assessment_dict(new))
    else:
        print("\n".join(carried_lines(source, new, checklist, args.with_evidence)))
    return 0


def parse_number(text: str) -> str:
    """--value as typed, refused in the user's words when it is no number (read in the
    target's unit once the item is known: 1.2万 of a 万元 target is 1.2)."""
    written = re.search(r"[\u4e00-\u9fff]+$", text.strip())  # the unit written: 12项, 3万元
    unit = written.group(0).lstrip("万萬亿億") if written else ""
    try:
        if read_amount(text, unit) is None:
            raise ValueError(_("{text} is not a number").format(text=text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


ITEM_FIELDS = {"note": "note", "justification": "justification",
               "department": "responsible_department", "person": "responsible_person",
               "due": "due_date"}  # option → the item state's field


NO_DATE = ""  # --due 无: the due date cleared


def due_date(text: str) -> str:
    """--due as ``yyyy-mm-dd`` (NO_DATE for 无), refused in the user's words otherwise."""
    try:
        return parse_due_date(text) or NO_DATE
    except DateOutOfRange:
        raise argparse.ArgumentTypeError(join_sentences(_(
            "“{text}” was not taken as the due date.").format(text=text), years_taken())) from None
    except ValueError:
        raise argparse.ArgumentTypeError(_(
            "{text} is not a date: write it as 2025-12-31, 20251231 or 2025年12月31日"
        ).format(text=text)) from None


def run_set(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {} if args.status is None else {"status": args.status}
    for option, field_name in ITEM_FIELDS.items():
        if getattr(args, option) is not None:
            changes[field_name] = getattr(args, option)
    if args.due == NO_DATE:
        changes["due_date"] = None
    if args.target < 1:
        raise CliError(_("--target counts the item's numeric targets from 1."))
    if args.target != 1 and args.value is None:
        raise CliError(_("--target says which target --value is for: give --value too."))
    if not changes and args.value is None:
        raise CliError(_("Nothing to record: give --status, --note, --value, "
                         "--justification, --department, --person or --due."))
    with opened(args.db) as workspace:
        assessment_id = chosen_assessment(workspace, args.assessment)
        item = resolve_item(workspace, assessment_id, args.item)
        checklist = workspace.document(workspace.assessment(assessment_id).checklist_doc_id,
                                       include_removed=True)
        alike: dict[str, tuple[float | None, ...]] = {}
        if args.value is not None:
            args.value = _value_in_unit(args.value, checklist.node(item), args.target)
            current = workspace.item_state(assessment_id, item)
            changes["actual_values"] = current.with_actual(args.target - 1, args.value)
            current_items = workspace.document(checklist.id)  # not those a revision removed
            alike = filled_alike(target_repeats(current_items), (item, args.target - 1),
                                 args.value,
                                 lambda node_id: workspace.item_state(assessment_id, node_id))
        workspace.set_items(assessment_id, [(item, changes), *(
            (node_id, {"actual_values": values}) for node_id, values in alike.items())])
        state = workspace.item_state(assessment_id, item)
    if args.json:
        print_json({**state_dict(state), "also_recorded_for": list(alike)})
    else:
        print(recorded_line(checklist, checklist.node(item), args))
        if alike:
            print(_("The same target is stated in {items}: the value was recorded there "
                    "too.").format(items="、".join(caption(checklist, checklist.node(node_id))
                                                   for node_id in alike)))
    if args.justification and not state.status.needs_justification:
        print(_("checklist: warning: the justification is kept, but printed only while the "
                "item is {status} (it is {now}).").format(
            status=_(ItemStatus.NOT_APPLICABLE.label), now=_(state.status.label)),
            file=sys.stderr)
    return 0


def _value_in_unit(text: str, node: Node, target: int) -> float:
    """--value in the unit of the item's ``target`` (1.2万 项 is 12000)."""
    unit = node.targets[target - 1].unit if 0 < target <= len(node.targets) else ""
    try:
        value = read_amount(text, unit)
    except ValueError as error:  # 12个 for a target counted in 项
        raise CliError(str(error)) from None
    assert value is not None  # parse_number refused a blank one
    return value


ECHOED_CHARACTERS = 60


def echoed(text: str) -> str:
    """A long text quoted back shortened: its start, and how long it is."""
    flat = " ".join(text.split())
    if len(flat) <= ECHOED_CHARACTERS:
        return flat
    return _("{start}… ({n} characters)").format(start=flat[:ECHOED_CHARACTERS], n=len(text))


def recorded_line(checklist: Document, node: Node, args: argparse.Namespace) -> str:
    """What ``set`` recorded, as one sentence: the item and each field given."""
    done = []
    if args.status is not None:
        # Translators: this and the next phrases are joined by "; " after "Recorded for {item}:".
        done.append(_("status {status}").format(status=_(args.status.label)))
    if args.note is not None:
        done.append(_('note "{note}"').format(note=echoed(args.note)) if args.note.strip()
                    else _("note cleared"))
    if args.justification is not None:
        done.append(_('justification "{text}"').format(text=args.justification))
    for option, phrase, cleared in (
            ("department", _('responsible department "{text}"'),
             _("responsible department cleared")),
            ("person", _('responsible person "{text}"'), _("responsible person cleared"))):
        text = getattr(args, option)
        if text is not None:
            done.append(phrase.format(text=text) if text.strip() else cleared)
    if args.due is not None:
        done.append(_("due date {date}").format(date=args.due) if args.due != NO_DATE
                    else _("due date cleared"))
    if args.value is not None:
        unit = node.targets[args.target - 1].unit if args.target <= len(node.targets) else ""
        done.append(_("actual value of target {number} {value}").format(
            number=args.target, value=format_number(args.value) + unit))
    return _("Recorded for {item}: {changes}.").format(item=caption(checklist, node),
                                                       changes=_("; ").join(done))


def run_attach(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        assessment_id = chosen_assessment(workspace, args.assessment)
        item = resolve_item(workspace, assessment_id, args.item)
        before = workspace.evidence(assessment_id).get(item, [])
        linked_before = {e.id for e in before}
        found = files_to_attach(args.files)  # a folder: the files in it
        for folder in found.empty_folders:
            print(_("checklist: warning: the folder {path} holds no file to attach.").format(
                path=folder), file=sys.stderr)
        attached = workspace.attach_files(assessment_id, item, found.files,
                                          description=args.description) if found.files else []
        checklist = workspace.document(workspace.assessment(assessment_id).checklist_doc_id)
    if args.json:
        print_json([asdict(e) for e in attached])
    else:
        named = caption(checklist, checklist.node(item))
        for e in attached:
            print(_attached_line(e, named, already=e.id in linked_before))
    for e in attached:
        if e.id not in linked_before and (twin := same_content(e, before)) is not None:
            print(_("checklist: warning: {file} has the same content as {other} (evidence "
                    "{id}), which the item already has.").format(
                file=printable(e.file_name), other=printable(twin.file_name), id=twin.id),
                file=sys.stderr)
        if e.id in linked_before:
            continue
        for warning in (mismatch_warning(printable(e.file_name), e.mime_type), size_warning(e)):
            if warning:
                print(_("checklist: warning: {reason}").format(reason=warning),
                      file=sys.stderr)
    return 0


def _attached_line(evidence: Evidence, item: str, *, already: bool) -> str:
    if already:
        return _("{file} is already evidence {id} of {item}; it was not attached again.").format(
            file=printable(evidence.file_name), id=evidence.id, item=item)
    return _("Attached {file} ({size}, SHA-256 {hash}) to {item} as evidence {id}.").format(
        file=printable(evidence.file_name), size=file_size(evidence.size),
        hash=evidence.short_hash,
        item=item, id=evidence.id)


def run_export(args: argparse.Namespace) -> int:
    with opened(args.db, read_only=True) as workspace:
        written = list(workspace.export_evidence(
            chosen_assessment(workspace, args.assessment, reading=True), args.dir))
    files = [f for f in written if isinstance(f, ExportedFile)]
    damaged = [f for f in written if isinstance(f, DamagedFile)]
    index = [f.path for f in written if isinstance(f, ExportedIndex)]
    if args.json:
        print_json({"files": [{"number": f.number, "evidence_id": f.evidence.id,
                               "path": str(f.path), "already_there": f.already_there}
                              for f in files],
                    "damaged": [{"number": f.number, "evidence_id": f.evidence.id}
                                for f in damaged],
                    "index": [str(path) for path in index]})
        return 1 if damaged else 0
    if files:
        print(format_table([_("No."), _("File")], [[str(f.number), str(f.path)] for f in files]))
    csv_path, text_path = index
    print(join_sentences(
        ngettext("Exported {n} evidence file to {dir}, listed in {csv} and {text}.",
                 "Exported {n} evidence files to {dir}, listed in {csv} and {text}.",
                 len(files)).format(n=len(files), dir=args.dir, csv=csv_path.name,
                                    text=text_path.name),
        already_there_note(files)))
    if damaged:
        print(_("checklist: warning: {reason}").format(reason=damaged_note(damaged)),
              file=sys.stderr)
        return 1
    return 0


def run_evidence_list(args: argparse.Namespace) -> int:
    with opened(args.db, read_only=True) as workspace:
        by_item = workspace.evidence(
            chosen_assessment(workspace, args.assessment, reading=True))
    if args.json:
        print_json({item: [asdict(e) for e in found] for item, found in by_item.items()})
        return 0
    rows = [[item, str(e.id), e.short_hash, file_size(e.size), printable(e.file_name)]
            for item, found in by_item.items() for e in found]
    if not rows:
        print(_("No evidence is attached in this assessment."))
        return 0
    headers = [_("Item"), _("Evidence"), _("Hash"), _("Size"), _("File")]
    print(format_table(headers, rows))
    return 0


def run_evidence_remove(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        assessment_id = chosen_assessment(workspace, args.assessment)
        item = resolve_item(workspace, assessment_id, args.item)
        linked = workspace.evidence(assessment_id).get(item, [])
        removed = workspace.detach(assessment_id, item, args.evidence)
        assessment = workspace.assessment(assessment_id)
        checklist = workspace.document(assessment.checklist_doc_id)
    named = caption(checklist, checklist.node(item))
    if not removed:
        raise CliError(_not_linked_message(args.evidence, named, assessment, linked))
    file_name = next(printable(e.file_name) for e in linked if e.id == args.evidence)
    print(_("Removed evidence {id} ({file}) from {item}; the file stays in the workspace "
            "until `workspace gc`.").format(id=args.evidence, file=file_name, item=named))
    return 0


def run_evidence_describe(args: argparse.Namespace) -> int:
    """Set what a file shows (printed under its name in 附件3), from one of its items."""
    with opened(args.db) as workspace:
        assessment_id = chosen_assessment(workspace, args.assessment)
        item = resolve_item(workspace, assessment_id, args.item)
        linked = workspace.evidence(assessment_id).get(item, [])
        assessment = workspace.assessment(assessment_id)
        checklist = workspace.document(assessment.checklist_doc_id)
        named = caption(checklist, checklist.node(item))
        if args.evidence not in {e.id for e in linked}:
            raise CliError(_not_linked_message(args.evidence, named, assessment, linked))
        described = workspace.describe_evidence(assessment_id, item, args.evidence, args.text)
    print(_("Evidence {id} ({file}) is described as “{text}”.").format(
        id=described.id, file=printable(described.file_name),
        text=printable(described.description))
          if described.description else
          _("Evidence {id} ({file}) has no description now.").format(
              id=described.id, file=printable(described.file_name)))
    return 0


def _not_linked_message(evidence_id: int, item: str, assessment: Assessment,
                        linked: list[Evidence]) -> str:
    """Which evidence the item has in the assessment looked at, to pick the right number."""
    if linked:
        there = _("its evidence there: {ids}").format(
            ids=_(", ").join(str(e.id) for e in linked))
    else:
        there = _("it has no evidence there")
    return _("Evidence {id} is not attached to {item} in assessment {assessment} "
             "({there}).").format(id=evidence_id, item=item, assessment=describe(assessment),
                                  there=there)


def run_verify(args: argparse.Namespace) -> int:
    with opened(args.db, read_only=True, upgrade=False) as workspace:
        problems = workspace.verify()
    if args.json:
        print_json({"ok": not problems, "problems": problems})
    elif problems:
        print("\n".join(problems))
    else:
        print(_("Workspace {path} is intact: database, evidence hashes and audit trail "
                "all check out.").format(path=args.db))
    return 1 if problems else 0


def run_backup(args: argparse.Namespace) -> int:
    with opened(args.db, read_only=True, upgrade=False) as workspace:
        print(_("Backed up to {path}").format(path=workspace.backup(label=backup_store.MANUAL)))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    safety = backup_store.before_restore_folder()
    try:
        kept = backup_store.restore(Path(args.backup), Path(args.db), safety,
                                    other_workspace=args.other_workspace)
    except StorageError as error:
        raise CliError(explained(error)) from None
    print(_("Restored {db} from {backup}.").format(db=args.db, backup=args.backup))
    if kept is not None:
        print(_("The replaced workspace was kept as {path}").format(path=kept))
    warn_of_records(backup_store.backup_record_problems(Path(args.db)))
    return 0


def warn_of_records(problems: list[str]) -> None:
    """Say what the restored records fail (as checklist verify would), on stderr."""
    if problems:
        print(_("Warning: the restored workspace does not check out:"), file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)


# -- JSON shapes -------------------------------------------------------------------------------


def assessment_dict(assessment: Assessment) -> dict[str, Any]:
    return {**asdict(assessment), "narrative": {str(k): v for k, v in
                                                assessment.narrative.items()}}


def state_dict(state: ItemState) -> dict[str, Any]:
    return {**asdict(state), "status": state.status.value,
            "ticked_actions": sorted(state.ticked_actions),
            "actual_values": list(state.actual_values)}


# -- parsers -----------------------------------------------------------------------------------


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("db", metavar="DB", help=_("workspace file"))


def _assessment(parser: argparse.ArgumentParser) -> None:
    add_assessment_option(parser)


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print JSON"))


def register(subparsers: argparse._SubParsersAction) -> None:
    _register_workspace(subparsers)
    _register_assess(subparsers)
    _register_items(subparsers)
    _register_safety(subparsers)


def _register_workspace(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("workspace", help=_("create and maintain workspaces"))
    commands = group.add_subparsers(dest="workspace_command", metavar="COMMAND", required=True)
    init = commands.add_parser(
        "init", help=_("create a workspace holding the shipped documents and mappings"))
    _db(init)
    init.add_argument("--empty", action="store_true",
                      help=_("without the shipped documents and mappings"))
    init.set_defaults(handler=run_init)
    imp = commands.add_parser("import", help=_("add documents, or apply a revised version"))
    _db(imp)
    imp.add_argument("documents", nargs="+", metavar="DOC",
                     help=_("shipped document id or file"))
    imp.add_argument("--id", metavar="ID", type=document_id,
                     help=_("the document's id (default: from the file name); an id already "
                            "in the workspace applies the file as its revision"))
    imp.add_argument("--replace", action="store_true",
                     help=_("apply the file as a revision even when its title differs from "
                            "the document's and it comes from another region or issuer or "
                            "would remove or reword most of its clauses (without it, such a "
                            "revision is refused as most likely another document)"))
    imp.add_argument("--title", metavar="TEXT", help=_("the title, if the one found is wrong"))
    imp.add_argument("--level", type=parse_level, metavar="LEVEL",
                     help=_("the issuing government's level, if the one found is wrong: "
                            "national / 国家级, provincial / 省级, municipal / 市级, "
                            "county / 区县级"))
    imp.add_argument("--region", metavar="TEXT", help=_("e.g. 重庆市"))
    imp.add_argument("--year", type=issue_year, metavar="YEAR",
                     help=_("the year it was issued (needed when the document gives none)"))
    _json(imp)
    imp.set_defaults(handler=run_import)
    gc = commands.add_parser("gc", help=_("delete evidence no item uses"))
    _db(gc)
    gc.add_argument("--vacuum", action="store_true", help=_("also give the space back"))
    gc.set_defaults(handler=run_gc)


def _register_assess(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.add_parser("assess", help=_("self-assessments (自查自评)"))
    commands = group.add_subparsers(dest="assess_command", metavar="COMMAND", required=True)
    new = commands.add_parser(
        "new", help=_("start an assessment; --json prints its record, with the id"))
    _db(new)
    new.add_argument("--checklist", required=True, metavar="DOC",
                     help=_("the document to check against (shipped id or file)"))
    new.add_argument("--provincial", metavar="DOC", help=_("provincial reference document"))
    new.add_argument("--national", metavar="DOC", help=_("national reference document"))
    new.add_argument("--office", required=True, metavar="NAME", help=_("the office assessed"))
    new.add_argument("--department", default="", metavar="NAME",
                     help=_("the department within the office (the 本部门 view)"))
    new.add_argument("--period", default="", metavar="TEXT", help=_("e.g. 2024年度"))
    new.add_argument("--preparer", default="", metavar="NAME", help=_("填报人 of the report"))
    new.add_argument("--reviewer", default="", metavar="NAME", help=_("审核人 of the report"))
    new.add_argument("--addressee", default="", metavar="NAME", help=_("主送机关 of the report"))
    _json(new)
    new.set_defaults(handler=run_assess_new)
    listing = commands.add_parser("list", help=_("list assessments"))
    _db(listing)
    _json(listing)
    listing.set_defaults(handler=run_assess_list)
    edit = commands.add_parser("edit", help=_("write a narrative section of the report"))
    _db(edit)
    _assessment(edit)
    edit.add_argument("--section", type=int, required=True, choices=(1, 2, 3, 4),
                      help=_("1 开展情况, 2 主要成效, 3 存在问题, 4 下一步打算"))
    source = edit.add_mutually_exclusive_group(required=True)
    source.add_argument("--text", metavar="TEXT", help=_("the section's text"))
    source.add_argument("--file", metavar="PATH",
                        help=_("a text file (UTF-8, GB18030, Big5, UTF-16) or a Word .docx"))
    edit.set_defaults(handler=run_assess_edit)
    _register_assess_set(commands)
    close = commands.add_parser("close", help=_("freeze an assessment (still reportable)"))
    _db(close)
    _assessment(close)
    close.set_defaults(handler=run_assess_close)
    delete = commands.add_parser(
        "delete", help=_("delete an assessment started by mistake (only one with nothing "
                         "recorded in it)"))
    _db(delete)
    delete.add_argument("id", type=int, metavar="ASSESSMENT_ID",
                        help=_("the number `assess list` shows"))
    delete.set_defaults(handler=run_assess_delete)
    carry = commands.add_parser(
        "carry-forward", help=_("start the next period from a closed assessment"),
        description=_("Start the next period from a closed assessment (close it first with "
                      "`checklist assess close`). Each item's status (with its ticked "
                      "sub-items and any justification for Not applicable), notes, "
                      "responsible department and person, and due date carry over; actual "
                      "values of numeric targets do not, and evidence only with "
                      "--with-evidence. The closed assessment is not changed."))
    _db(carry)
    _assessment(carry)
    carry.add_argument("--period", required=True, metavar="TEXT")
    carry.add_argument("--with-evidence", action="store_true",
                       help=_("also keep the evidence attached to each item"))
    _json(carry)
    carry.set_defaults(handler=run_carry_forward)


def _register_assess_set(commands: argparse._SubParsersAction) -> None:
    details = commands.add_parser(
        "set", help=_("change the office, period, preparer, reviewer, addressee, report date "
                      "or reference documents"),
        description=_("Change the office, department, period, preparer (填报人), reviewer "
                      "(审核人), addressee (主送机关), report date (成文日期) or reference "
                      "documents of an open assessment: the fields given are set, the others "
                      "stay. An empty value (\"\") clears a field; the office cannot be "
                      "cleared."))
    _db(details)
    _assessment(details)
    details.add_argument("--office", metavar="NAME", help=_("the office assessed"))
    details.add_argument("--department", metavar="NAME",
                         help=_("the department within the office (the 本部门 view)"))
    details.add_argument("--period", metavar="TEXT", help=_("e.g. 2024年度"))
    details.add_argument("--preparer", metavar="NAME", help=_("填报人 of the report"))
    details.add_argument("--reviewer", metavar="NAME", help=_("审核人 of the report"))
    details.add_argument("--addressee", metavar="NAME", help=_("主送机关 of the report"))
    details.add_argument("--report-date", metavar="DATE",
                         help=_("成文日期 the report bears, the day it is to be signed, as "
                                "2025-12-31 or 2025年12月31日 (\"\": the day the assessment "
                                "is closed, or the report made)"))
    details.add_argument("--provincial", metavar="DOC",
                         help=_("provincial reference document (\"\": none)"))
    details.add_argument("--national", metavar="DOC",
                         help=_("national reference document (\"\": none)"))
    _json(details)
    details.set_defaults(handler=run_assess_set)


ITEM_HELP = N_("the item's id, e.g. 'chongqing-2022/二/(一)/1' (`checklist parse --db DB DOC "
                "--json` lists them; an id not found is answered with the closest ones)")


def _register_items(subparsers: argparse._SubParsersAction) -> None:
    set_ = subparsers.add_parser("set", help=_("record an item's status"))
    _db(set_)
    set_.add_argument("item", metavar="ITEM_ID", help=_(ITEM_HELP))
    set_.add_argument("--status", type=parse_status,
                      help=_("done / 已完成, in_progress / 推进中, not_applicable / 不适用 … "
                             "(unchanged when left out)"))
    set_.add_argument("--note", metavar="TEXT",
                      help=_("the item's note (replaces the one saved; \"\" clears it)"))
    set_.add_argument("--value", type=parse_number, metavar="NUMBER",
                      help=_("actual value of a numeric target"))
    set_.add_argument("--target", type=int, default=1, metavar="N",
                      help=_("which of the item's numeric targets --value is for (default 1)"))
    set_.add_argument("--justification", metavar="TEXT", help=_("required for 不适用"))
    set_.add_argument("--department", metavar="NAME",
                      help=_("responsible department(s) (\"\" clears)"))
    set_.add_argument("--person", metavar="NAME", help=_("responsible person (\"\" clears)"))
    set_.add_argument("--due", type=due_date, metavar="DATE",
                      help=_("due date: 2025-12-31, 20251231, 2025年12月31日 or a period such as "
                             "2025年12月底 (its last day; 无 clears)"))
    _assessment(set_)
    _json(set_)
    set_.set_defaults(handler=run_set)
    attach = subparsers.add_parser(
        "attach", help=_("attach evidence files to an item"),
        description=_("Attach evidence files to an item, all of them or none: when a file "
                      "is missing, a folder, empty, unreadable or too large, nothing is "
                      "attached and each such file is listed with the reason."))
    _db(attach)
    attach.add_argument("item", metavar="ITEM_ID", help=_(ITEM_HELP))
    attach.add_argument("files", nargs="+", metavar="FILE", type=Path, help=_(
        "the files to attach (a folder: the files in it and its subfolders)"))
    attach.add_argument("--description", default="", metavar="TEXT",
                        help=_("what the files show, stored with them (evidence list --json "
                               "shows it)"))
    _assessment(attach)
    _json(attach)
    attach.set_defaults(handler=run_attach)
    group = subparsers.add_parser("evidence", help=_("evidence files (佐证材料)"))
    commands = group.add_subparsers(dest="evidence_command", metavar="COMMAND", required=True)
    export = commands.add_parser(
        "export", help=_("write an assessment's evidence and its index (佐证材料目录) to a folder"))
    _db(export)
    export.add_argument("dir", metavar="DIR")
    _assessment(export)
    _json(export)
    export.set_defaults(handler=run_export)
    listing = commands.add_parser("list", help=_("list the evidence of each item"))
    _db(listing)
    _assessment(listing)
    _json(listing)
    listing.set_defaults(handler=run_evidence_list)
    remove = commands.add_parser(
        "remove", help=_("detach evidence from an item (workspace gc deletes unused files)"))
    _db(remove)
    remove.add_argument("item", metavar="ITEM_ID", help=_(ITEM_HELP))
    remove.add_argument("evidence", type=int, metavar="EVIDENCE_ID",
                        help=_("the number `evidence list` shows"))
    _assessment(remove)
    remove.set_defaults(handler=run_evidence_remove)
    described = commands.add_parser(
        "describe", help=_("say what an evidence file shows (printed under its name in the "
                           "report's 佐证材料目录); \"\" removes it"))
    _db(described)
    described.add_argument("item", metavar="ITEM_ID", help=_(ITEM_HELP))
    described.add_argument("evidence", type=int, metavar="EVIDENCE_ID",
                           help=_("the number `evidence list` shows"))
    described.add_argument("text", metavar="TEXT", help=_("the description, on one line"))
    _assessment(described)
    described.set_defaults(handler=run_evidence_describe)


def _register_safety(subparsers: argparse._SubParsersAction) -> None:
    verify = subparsers.add_parser(
        "verify", help=_("check integrity, evidence hashes and the audit trail"))
    _db(verify)
    _json(verify)
    verify.set_defaults(handler=run_verify)
    backup = subparsers.add_parser("backup", help=_("back up a workspace now"))
    _db(backup)
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser("restore", help=_("replace a workspace by a backup"))
    restore.add_argument("backup", metavar="BACKUP", help=_("the backup file to restore"))
    _db(restore)
    restore.add_argument("--other-workspace", action="store_true",
                         help=_("allow a backup that belongs to a different workspace"))
    restore.set_defaults(handler=run_restore)
