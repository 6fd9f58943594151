"""The README's commands exist: every `kg ...` line names a real command and real options,
and its first two commands are the Makefile's `demo` and `test` targets."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from kg.cli import cli

README = Path(__file__).parent.parent / "README.md"


def readme_kg_lines() -> list[list[str]]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("kg "):
                lines.append(shlex.split(line))
    return lines


def test_the_first_two_commands_are_demo_and_test():
    first = re.search(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    commands = [l.split("#", 1)[0].strip() for l in first.splitlines() if l.strip()]
    assert commands[:2] == ["make demo", "make test"]
    makefile = (README.parent / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (README.parent / ".ci" / "run").read_text(encoding="utf-8")


def test_every_readme_command_and_option_exists():
    lines = readme_kg_lines()
    assert len(lines) >= 15
    for words in lines:
        command = cli.commands.get(words[1])
        assert command is not None, f"README uses unknown command: {' '.join(words)}"
        known = {opt for param in command.params for opt in param.opts + param.secondary_opts}
        for word in words[2:]:
            if word.startswith("--"):
                assert word.split("=", 1)[0] in known, f"README uses unknown option {word} of kg {words[1]}"
