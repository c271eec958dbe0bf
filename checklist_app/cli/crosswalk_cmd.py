"""``checklist suggest / map / unmap / coverage``: the crosswalk from the command line."""

from __future__ import annotations

import argparse

from checklist_app.cli.common import (
    CliError,
    add_assessment_option,
    caption,
    chosen_assessment,
    opened,
    print_json,
)
from checklist_app.cli.node_ids import resolve_node
from checklist_app.core import (
    AssessmentSnapshot,
    Document,
    Level,
    Mapping,
    MappingSource,
    Node,
    RationaleKind,
    Relation,
)
from checklist_app.crosswalk.coverage import (
    Coverage,
    Implementation,
    compute_coverage,
    split_local_only,
)
from checklist_app.crosswalk.inference import doc_id_of, infer_mappings
from checklist_app.crosswalk.suggest import Candidate, Suggester
from checklist_app.i18n import N_, _, current_language
from checklist_app.importer import SHIPPED_IDS, DocumentError, load_document
from checklist_app.importer.normalize import to_simplified
from checklist_app.report.script import in_simplified, simplified_document
from checklist_app.storage.workspace import Workspace, now_iso

# Where a mapping comes from, as the mapping panel of the app words it (same messages).
SOURCE_LABELS = {
    MappingSource.CURATED: N_("curated"),
    MappingSource.SUGGESTED: N_("suggested"),
    MappingSource.USER: N_("set by staff"),
    MappingSource.INFERRED: N_("inferred"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``suggest``, ``map``, ``unmap`` and ``coverage``."""
    suggest = subparsers.add_parser(
        "suggest",
        help=_("rank the clauses of TO that each item of FROM may implement"),
        description=_(
            "For every checkable item of FROM, rank the checkable clauses of TO by how likely "
            "the item implements them. FROM and TO are shipped document ids or document "
            "files, or with --db the ids of documents imported into that workspace."
        ),
    )
    suggest.add_argument("source", metavar="FROM", help=_("document id or path"))
    suggest.add_argument("target", metavar="TO", help=_("document id or path"))
    suggest.add_argument("--top", type=int, default=3, metavar="K", help=_("candidates per item"))
    suggest.add_argument("--db", metavar="DB",
                         help=_("workspace file whose documents FROM and TO may name"))
    suggest.add_argument("--json", action="store_true", help=_("print JSON"))
    suggest.set_defaults(handler=run_suggest)
    _register_workspace_commands(subparsers)


def run_suggest(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise CliError(_("--top must be at least 1"))
    source, target = _suggested_documents(args.source, args.target, args.db)
    suggestions = Suggester(target).suggest_document(source, top=args.top)
    if args.json:
        print_json({"suggestions": [
            {"from": node_id, "candidates": [_candidate_json(c) for c in candidates]}
            for node_id, candidates in suggestions.items()
        ]})
        return 0
    for node_id, candidates in suggestions.items():  # read in simplified, like coverage
        print(f"{node_id}  {to_simplified(source.node(node_id).title)}")
        for rank, candidate in enumerate(candidates, 1):
            print(f"  {rank}. {candidate.score:7.2f}  {candidate.node_id}  "
                  f"{to_simplified(candidate.title)}")
            if candidate.why:
                print("     " + _("Shared words: {words}").format(
                    words=to_simplified(candidate.why)))
    return 0


def _suggested_documents(source: str, target: str, db: str | None) -> tuple[Document, Document]:
    """FROM and TO: a workspace's documents by id (with --db), else shipped ids or files."""
    if db is None:
        return resolve_document(source), resolve_document(target)
    with opened(db, read_only=True) as workspace:
        stored = set(workspace.document_ids())

        def pick(spec: str) -> Document:
            return workspace.document(spec) if spec in stored else resolve_document(spec)

        return pick(source), pick(target)


def _candidate_json(candidate: Candidate) -> dict[str, object]:
    return {
        "to": candidate.node_id,
        "label": candidate.label,
        "title": candidate.title,
        "score": candidate.score,
        "why": candidate.why,
    }


def resolve_document(spec: str) -> Document:
    """A shipped document id, a checklist file, or a raw .txt/.docx policy document."""
    try:
        return load_document(spec)
    except (DocumentError, OSError, ValueError) as error:
        known = ", ".join(SHIPPED_IDS)
        raise CliError(
            _("{error} (shipped documents: {known})").format(error=error, known=known)
        ) from None


# -- workspace commands: map, unmap, coverage ---------------------------------------------------


def _register_workspace_commands(subparsers: argparse._SubParsersAction) -> None:
    mapping = subparsers.add_parser(
        "map",
        help=_("record that an item implements a higher-level clause"),
        description=_("Record, as set by staff, that ITEM_ID implements TARGET_NODE_ID."),
    )
    _add_pair_arguments(mapping)
    mapping.add_argument("--relation", choices=[r.value for r in Relation if r is not
                                                Relation.NOT_RELATED],
                         default=Relation.SUBSET.value, help=_("set relation (default subset)"))
    mapping.add_argument("--strength", type=int, default=8, choices=range(11), metavar="0-10",
                         help=_("how much of the item is about the clause (default 8)"))
    mapping.add_argument("--note", default="", help=_("short reason a reviewer can check"))
    mapping.set_defaults(handler=run_map)
    unmap = subparsers.add_parser(
        "unmap",
        help=_("record that an item does not implement a clause"),
        description=_(
            "Remove a mapping set by staff; a curated, suggested or inferred one is vetoed "
            "with a not_related mapping so that coverage no longer counts it."
        ),
    )
    _add_pair_arguments(unmap)
    unmap.set_defaults(handler=run_unmap)
    coverage = subparsers.add_parser(
        "coverage",
        help=_("national (and provincial) clauses covered by an assessment, and the gaps"),
        description=_(
            "Per clause of the reference documents: the items implementing it and their "
            "status; clauses nobody implements (上级任务未承接); items with no upper-level "
            "basis (自选/特色动作); coverage and completion per section."
        ),
    )
    coverage.add_argument("db", metavar="DB", help=_("workspace file"))
    add_assessment_option(coverage)
    coverage.add_argument("--json", action="store_true", help=_("print JSON"))
    coverage.set_defaults(handler=run_coverage)


def _add_pair_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("db", metavar="DB", help=_("workspace file"))
    parser.add_argument("item", metavar="ITEM_ID", help=_("node id of the local item"))
    parser.add_argument("target", metavar="TARGET_NODE_ID", help=_("node id of the clause"))


def _resolve_pair(workspace: Workspace, args: argparse.Namespace) -> tuple[str, str]:
    """The ids of ITEM_ID and TARGET_NODE_ID as stored, refused unless in two documents."""
    item, target = resolve_node(workspace, args.item), resolve_node(workspace, args.target)
    if doc_id_of(item) == doc_id_of(target):
        raise CliError(_("an item maps to a clause of another document"))
    return item, target


def _require_checkable(workspace: Workspace, node_id: str) -> None:
    """Refuse a heading: coverage and the report count checkable clauses only, so a mapping
    from or to a heading would be stored and then never show."""
    node = workspace.document(doc_id_of(node_id)).node(node_id)
    if not node.checkable:
        raise CliError(_(
            "{node} is a heading ({title}), not a checkable clause: map the clauses under it "
            "(checklist parse --db {db} {doc} lists them).").format(
            node=node_id, title=to_simplified(node.title or node.label), db=workspace.path,
            doc=doc_id_of(node_id)))


def run_map(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        item, target = _resolve_pair(workspace, args)
        for node_id in (item, target):
            _require_checkable(workspace, node_id)
        mapping = Mapping(
            from_node_id=item,
            to_node_id=target,
            relation=Relation(args.relation),
            strength=args.strength,
            rationale=RationaleKind.SEMANTIC,
            source=MappingSource.USER,
            note=args.note,
            confirmed_by=workspace.user,
            confirmed_at=now_iso(),
        )
        changed = workspace.save_mappings([mapping])
    print(_("mapped {item} → {target}").format(item=item, target=target)
          if changed else _("already mapped"))
    return 0


def run_unmap(args: argparse.Namespace) -> int:
    with opened(args.db) as workspace:
        item, target = _resolve_pair(workspace, args)
        key = (item, target)
        stored = workspace.mappings()
        pair = [m for m in stored if (m.from_node_id, m.to_node_id) == key]
        inferred = [
            m for m in infer_mappings(stored, doc_id_of(target))
            if (m.from_node_id, m.to_node_id) == key
        ]
        user = [m for m in pair if m.source is MappingSource.USER]
        others = [m for m in pair if m.source is not MappingSource.USER] + inferred
        if not pair and not inferred:
            raise CliError(_("{item} is not mapped to {target}").format(
                item=item, target=target))
        for mapping in user:  # undo the staff's own mapping first; curated ones stay
            workspace.delete_mapping(mapping)
        if others and not user:
            workspace.save_mappings([Mapping(
                item, target, Relation.NOT_RELATED, 0, RationaleKind.SEMANTIC,
                MappingSource.USER, _("unmapped by staff"), workspace.user, now_iso(),
            )])
    print(_("unmapped {item} → {target}").format(item=item, target=target))
    return 0


def run_coverage(args: argparse.Namespace) -> int:
    with opened(args.db, read_only=True) as workspace:
        assessment_id = chosen_assessment(workspace, args.assessment, reading=True)
        snapshot = workspace.snapshot(assessment_id)
        references = _references(workspace, snapshot)
    if not references:
        raise CliError(_("assessment {id} has no national or provincial reference document")
                       .format(id=assessment_id))
    if not args.json and current_language() == "zh_CN":  # quoted as the report quotes them
        snapshot = in_simplified(snapshot)
        references = [simplified_document(reference) or reference for reference in references]
    results = [compute_coverage(snapshot, reference) for reference in references]
    if args.json:
        print_json({"assessment": assessment_id, "checklist": snapshot.checklist.id,
                    "references": [_coverage_json(c, snapshot) for c in results]})
    else:
        for result in results:
            _print_coverage(result, snapshot)
    return 0


def _references(workspace: Workspace, snapshot: AssessmentSnapshot) -> list[Document]:
    """The national outline (the assessment's, else the workspace's one) and the province."""
    national = snapshot.national
    if national is None:
        candidates = [workspace.document(d) for d in workspace.document_ids()]
        found = [d for d in candidates if d.level is Level.NATIONAL]
        national = found[0] if len(found) == 1 else None
    return [d for d in (national, snapshot.provincial) if d is not None]


def _coverage_json(coverage: Coverage, snapshot: AssessmentSnapshot) -> dict[str, object]:
    return {
        "document": coverage.reference.id,
        "title": coverage.reference.title,
        "clauses": [
            {
                "clause": c.clause.id, "label": c.clause.label, "title": c.clause.title,
                "covered": c.covered, "completed": c.completed,
                "implementations": [
                    {"item": i.item.id, "label": i.item.label, "title": i.item.title,
                     "status": i.status.value, "source": i.mapping.source.value,
                     "relation": i.mapping.relation.value, "strength": i.mapping.strength,
                     "via": i.via.id if i.via else None}
                    for i in c.implementations
                ],
            }
            for c in coverage.clauses
        ],
        "gaps": [n.id for n in coverage.gaps],
        "local_only": [n.id for n in coverage.local_only],
        **_local_only_json(coverage, snapshot),
        "sections": [
            {"section": s.section.id, "title": s.section.title, "clause_count": s.clause_count,
             "covered_count": s.covered_count, "completed_count": s.completed_count,
             "coverage_rate": round(s.coverage_rate, 4),
             "completion_rate": round(s.completion_rate, 4)}
            for s in coverage.sections
        ],
    }


def _print_coverage(coverage: Coverage, snapshot: AssessmentSnapshot) -> None:
    total = len(coverage.clauses)
    covered = sum(c.covered for c in coverage.clauses)
    names = _Names(snapshot, coverage.reference)
    print(_("{checklist} against {reference}: {covered}/{total} clauses covered").format(
        checklist=snapshot.checklist.id, reference=coverage.reference.id, covered=covered,
        total=total))
    for section in coverage.sections:
        print("  " + _("{label} {title}: {covered}/{total} clauses covered ({coverage}), "
                       "{completion} completed").format(
            label=section.section.label, title=section.section.title,
            covered=section.covered_count, total=section.clause_count,
            coverage=f"{section.coverage_rate:.0%}",
            completion=f"{section.completion_rate:.0%}"))
    for clause in coverage.clauses:
        print("  " + names.with_id(clause.clause))
        for found in clause.implementations:
            print("      " + _implementation_line(found, names))
    print("  " + _("Gaps (上级任务未承接): {n}").format(n=len(coverage.gaps)))
    for node in coverage.gaps:
        print("      " + names.with_id(node))
    parts = split_local_only(snapshot, coverage.local_only)
    groups = ((_("Local-only items (自选/特色动作): {n}"), parts.own, True),
              (_("No upper basis yet, no mapping decided (尚未对照): {n}"), parts.undecided, False),
              (_("No upper basis, marked not applicable: {n}"), parts.not_applicable, False))
    for heading, nodes, always in groups:
        if nodes or always:
            print("  " + heading.format(n=len(nodes)))
        for node in nodes:
            print("      " + names.with_id(node))


def _local_only_json(coverage: Coverage, snapshot: AssessmentSnapshot) -> dict[str, list[str]]:
    """The local-only items split as the report's 附件2 tells them apart."""
    parts = split_local_only(snapshot, coverage.local_only)
    return {"local_only_own": [n.id for n in parts.own],
            "local_only_undecided": [n.id for n in parts.undecided],
            "local_only_not_applicable": [n.id for n in parts.not_applicable]}


class _Names:
    """Items and clauses named as the report names them, with the id a command needs."""

    def __init__(self, snapshot: AssessmentSnapshot, reference: Document) -> None:
        found = (snapshot.checklist, snapshot.provincial, snapshot.national, reference)
        self.documents = {d.id: d for d in found if d is not None}

    def plain(self, node: Node) -> str:
        """``二、(一)1. 以科技创新提升标准水平``."""
        document = self.documents.get(doc_id_of(node.id))
        return caption(document, node) if document else f"{node.label} {node.title}"

    def with_id(self, node: Node) -> str:
        """``二、(一)1. 以科技创新提升标准水平（chongqing-2022/二/(一)/1）``."""
        return _("{name} ({id})").format(name=self.plain(node), id=node.id)


def _implementation_line(found: Implementation, names: _Names) -> str:
    """One item implementing a clause: its status, where the mapping comes from, via what."""
    status, source = _(found.status.label), _(SOURCE_LABELS[found.mapping.source])
    item = names.with_id(found.item)
    if found.via is None:
        return _("{item} [{status}] (mapping: {source})").format(
            item=item, status=status, source=source)
    return _("{item} [{status}] (mapping: {source}, via {via})").format(
        item=item, status=status, source=source, via=names.plain(found.via))
