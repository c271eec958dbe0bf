"""The lower layers the window needs only after it is up, imported on first use.

``checklist_app.importer`` and ``checklist_app.crosswalk`` pull in OpenCC, python-docx and
jsonschema (about 60 ms together with compiled bytecode, several times that without). The
window shows without them; the first search or mapping suggestion imports them, or
:func:`warm_up` does once the window is idle (the mapped-clause columns of the item table
import the crosswalk on a background thread when they are filled).
"""

from __future__ import annotations


def search_key(text: str) -> str:
    from checklist_app.importer import search_key as key

    return key(text)


def to_simplified(text: str) -> str:
    from checklist_app.importer import to_simplified as convert

    return convert(text)


def to_traditional(text: str) -> str:
    from checklist_app.importer import to_traditional as convert

    return convert(text)


def warm_up() -> None:
    """Import what the first search and the mapping panel need, while the user reads."""
    import checklist_app.crosswalk
    import checklist_app.importer  # noqa: F401
