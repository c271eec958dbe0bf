"""Line numbers of JSON values, so validation errors can name the line of the bad field."""

from __future__ import annotations

import json
from collections.abc import Sequence

_WHITESPACE = " \t\n\r"
_decoder = json.JSONDecoder()


def line_of(text: str, path: Sequence[str | int]) -> int:
    """1-based line where the value at ``path`` starts (the deepest found part of the path)."""
    position = _skip(text, 0)
    for part in path:
        found = _child_position(text, position, part)
        if found is None:
            break
        position = found
    return text.count("\n", 0, position) + 1


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def _child_position(text: str, position: int, part: str | int) -> int | None:
    if position >= len(text):
        return None
    opener = text[position]
    if opener == "{" and isinstance(part, str):
        return _object_member(text, position + 1, part)
    if opener == "[" and isinstance(part, int):
        return _array_element(text, position + 1, part)
    return None


def _object_member(text: str, position: int, key: str) -> int | None:
    position = _skip(text, position)
    while position < len(text) and text[position] != "}":
        name, position = _decoder.raw_decode(text, position)
        position = _skip(text, position)
        position = _skip(text, position + 1)  # the colon
        if name == key:
            return position
        position = _skip(text, _value_end(text, position))
        if position < len(text) and text[position] == ",":
            position = _skip(text, position + 1)
    return None


def _array_element(text: str, position: int, index: int) -> int | None:
    position = _skip(text, position)
    current = 0
    while position < len(text) and text[position] != "]":
        if current == index:
            return position
        position = _skip(text, _value_end(text, position))
        if position < len(text) and text[position] == ",":
            position = _skip(text, position + 1)
        current += 1
    return None


def _value_end(text: str, position: int) -> int:
    _, end = _decoder.raw_decode(text, position)
    return end
