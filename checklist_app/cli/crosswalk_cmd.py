"""``checklist suggest``: which clauses of a higher-level document an item implements."""

from __future__ import annotations

import argparse

from checklist_app.cli.common import CliError, print_json
from checklist_app.core import Document
from checklist_app.crosswalk.suggest import Candidate, Suggester
from checklist_app.i18n import _
from checklist_app.importer import SHIPPED_IDS, DocumentError, load_document


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``suggest`` (and the workspace commands once storage offers them)."""
    suggest = subparsers.add_parser(
        "suggest",
        help=_("rank the clauses of TO that each item of FROM may implement"),
        description=_(
            "For every checkable item of FROM, rank the checkable clauses of TO by how likely "
            "the item implements them. FROM and TO are shipped document ids or document files."
        ),
    )
    suggest.add_argument("source", metavar="FROM", help=_("document id or path"))
    suggest.add_argument("target", metavar="TO", help=_("document id or path"))
    suggest.add_argument("--top", type=int, default=3, metavar="K", help=_("candidates per item"))
    suggest.add_argument("--json", action="store_true", help=_("print JSON"))
    suggest.set_defaults(handler=run_suggest)


def run_suggest(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise CliError(_("--top must be at least 1"))
    source, target = resolve_document(args.source), resolve_document(args.target)
    suggestions = Suggester(target).suggest_document(source, top=args.top)
    if args.json:
        print_json({"suggestions": [
            {"from": node_id, "candidates": [_candidate_json(c) for c in candidates]}
            for node_id, candidates in suggestions.items()
        ]})
        return 0
    for node_id, candidates in suggestions.items():
        print(f"{node_id}  {source.node(node_id).title}")
        for rank, candidate in enumerate(candidates, 1):
            print(f"  {rank}. {candidate.score:7.2f}  {candidate.node_id}  {candidate.title}")
            if candidate.why:
                print(f"     {_('shared')}: {candidate.why}")
    return 0


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
