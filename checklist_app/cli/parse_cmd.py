"""``checklist parse`` and ``checklist checklists``: policy documents as clause trees."""

from __future__ import annotations

import argparse
import sys

from checklist_app.cli.common import CliError, print_json
from checklist_app.core import LEVEL_NAMES, Document, Node, format_number
from checklist_app.i18n import _
from checklist_app.importer import (
    SHIPPED_IDS,
    DocumentError,
    build_shipped,
    document_to_dict,
    dumps_checklist,
)
from checklist_app.importer.parser import Parsed, parse_warnings
from checklist_app.importer.shipped import checklist_path, load_parsed


def register(subparsers: argparse._SubParsersAction) -> None:
    parse = subparsers.add_parser(
        "parse",
        help=_("show a policy document as a clause tree"),
        description=_(
            "Parse a policy document (.txt in UTF-8, GB18030, Big5 or UTF-16, or .docx), a shipped "
            "checklist file, or a shipped document id, and print its clause tree."
        ),
    )
    parse.add_argument("path", metavar="PATH", help=_("document file or shipped document id"))
    parse.add_argument("--db", metavar="DB",
                       help=_("workspace file: PATH may then be the id of a document "
                              "imported into it"))
    parse.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parse.set_defaults(handler=run_parse)

    checklists = subparsers.add_parser(
        "checklists",
        help=_("regenerate or check the shipped checklist files"),
        description=_(
            "Regenerate checklists/*.checklist.json from checklists/sources/ and "
            "checklists/overrides.json, or with --check report files that are out of date."
        ),
    )
    checklists.add_argument(
        "--check", action="store_true", help=_("only report differences, write nothing")
    )
    checklists.set_defaults(handler=run_regenerate)


def _stored(db: str, document_id: str) -> Parsed | None:
    """The document as imported into the workspace (None when it holds no such id)."""
    from checklist_app.cli.common import opened

    with opened(db, read_only=True) as workspace:
        if document_id not in workspace.document_ids():
            return None
        return Parsed(workspace.document(document_id))


def _load(reference: str) -> Parsed:
    try:
        return load_parsed(reference)
    except DocumentError as error:
        raise CliError(str(error)) from error


def run_parse(args: argparse.Namespace) -> int:
    parsed = _stored(args.db, args.path) if args.db else None
    parsed = parsed or _load(args.path)
    document = parsed.document
    for warning in parse_warnings(parsed):
        print(_("checklist: warning: {reason}").format(reason=warning), file=sys.stderr)
    if args.json:
        print_json(document_to_dict(document))
    else:
        print(format_tree(document))
    return 0


def format_tree(document: Document) -> str:
    """An indented outline; ✓ marks checkable items."""
    level = _(LEVEL_NAMES[document.level])
    year = document.year if document.year is not None else _("year not given")
    lines = [f"{document.title} [{document.id}, {level}, {year}]"]
    depth: dict[str | None, int] = {None: 0}
    for node in document.nodes:
        depth[node.id] = depth[node.parent_id] + 1
        lines.append("  " * depth[node.id] + _node_line(node))
    return "\n".join(lines)


def _node_line(node: Node) -> str:
    mark = "✓ " if node.checkable else ""
    extras = []
    if node.departments:
        extras.append("[" + node.department_listing(_(" (lead)")) + "]")
    if node.targets:
        extras.append(" ".join(f"{t.comparator.value}{format_number(t.value)}{t.unit}"
                               for t in node.targets))
    suffix = f"  {' '.join(extras)}" if extras else ""
    return f"{mark}{node.label} {node.title}{suffix}"


def run_regenerate(args: argparse.Namespace) -> int:
    stale = []
    for doc_id in SHIPPED_IDS:
        path = checklist_path(doc_id)
        content = dumps_checklist(build_shipped(doc_id))
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == content:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(content, encoding="utf-8")
            print(_("written: {path}").format(path=path))
    if args.check and stale:
        raise CliError(_("out of date: {paths}").format(paths=", ".join(str(p) for p in stale)), 1)
    return 0
