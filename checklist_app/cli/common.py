"""Helpers shared by the subcommand modules."""

from __future__ import annotations

import json
import sys
from typing import Any


class CliError(Exception):
    """An expected failure: bad input, missing file, refused operation."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
