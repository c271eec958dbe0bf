"""Policy text and .docx files to core documents; the checklists/ file format.

The names below are imported from their modules on first use (PEP 562), so that a light
module such as ``checklist_app.importer.extract`` (which opening a workspace reads stored
targets with) does not bring in jsonschema, OpenCC and python-docx with the package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_DEFINED_IN = {
    "document_to_dict": "checklist_file",
    "dumps_checklist": "checklist_file",
    "read_checklist": "checklist_file",
    "write_checklist": "checklist_file",
    "search_key": "normalize",
    "to_simplified": "normalize",
    "to_traditional": "normalize",
    "parse_file": "parser",
    "parse_text": "parser",
    "DocumentError": "reading",
    "SHIPPED_IDS": "shipped",
    "build_shipped": "shipped",
    "load_document": "shipped",
    "shipped_documents": "shipped",
}

__all__ = [
    "SHIPPED_IDS",
    "DocumentError",
    "build_shipped",
    "document_to_dict",
    "dumps_checklist",
    "load_document",
    "parse_file",
    "parse_text",
    "read_checklist",
    "search_key",
    "shipped_documents",
    "to_simplified",
    "to_traditional",
    "write_checklist",
]


def __getattr__(name: str) -> object:
    module = _DEFINED_IN.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found directly from now on
    return value


if TYPE_CHECKING:
    from checklist_app.importer.checklist_file import (
        document_to_dict,
        dumps_checklist,
        read_checklist,
        write_checklist,
    )
    from checklist_app.importer.normalize import search_key, to_simplified, to_traditional
    from checklist_app.importer.parser import parse_file, parse_text
    from checklist_app.importer.reading import DocumentError
    from checklist_app.importer.shipped import (
        SHIPPED_IDS,
        build_shipped,
        load_document,
        shipped_documents,
    )
