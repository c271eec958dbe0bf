"""Subcommands of this area (registered into ``checklist``)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this area's subcommands; none yet."""
