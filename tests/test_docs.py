"""Docs that cannot rot: the CLI reference, the README's commands and CI."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_cli_docs():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    cli_docs = load_cli_docs()
    assert cli_docs.TARGET.read_text(encoding="utf-8") == cli_docs.render(), (
        "docs/CLI.md is out of date: run .venv/bin/python scripts/cli_docs.py"
    )


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/run-demo.sh" in readme
    assert "bash scripts/test.sh" in readme
    assert "bash scripts/test.sh" in ci


def test_readme_images_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        if "](docs/images/" in line:
            path = line.split("](", 1)[1].split(")", 1)[0]
            assert (ROOT / path).is_file(), path
