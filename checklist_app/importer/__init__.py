"""Policy text and .docx files to core documents; the checklists/ file format."""

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
