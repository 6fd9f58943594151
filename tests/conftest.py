"""Shared fixtures: the team's own small articles, a fresh store, the CLI runner."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def kg(runner: CliRunner):
    """Invoke the CLI: ``kg("build", path, "--store", dir)`` returns click's Result."""

    def invoke(*args, input=None):
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory) -> Path:
    """A store built once from examples/, shared by read-only tests."""
    store = tmp_path_factory.mktemp("examples") / "store"
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--store", str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return store


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared must sit beside the project")
    return path
