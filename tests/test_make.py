# SPDX-License-Identifier: GPL-2.0-or-later
"""The README's two commands, run the way CI runs them."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.plan_build import ROOT

README = ROOT / "README.md"


def readme_commands() -> list[str]:
    block = re.search(r"```(?:sh|bash)?\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [line.split("#")[0].strip() for line in block.group(1).splitlines()
            if line.strip() and not line.startswith("#")]


def make(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=1800)


def test_readme_opens_with_the_two_commands():
    assert readme_commands()[:2] == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", script, re.M)
    assert "set -e" in script


@pytest.mark.slow
def test_make_demo_runs_and_a_second_run_has_nothing_to_redo(tmp_path):
    result = make("demo")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "专栏3-1" in result.stdout and "历史遗留矿山图斑" in result.stdout
    assert (ROOT / "out" / "plan.png").stat().st_size > 50_000
    # idempotent: set-up and data are in place, so make has nothing left to do for them
    assert make("-q", "setup").returncode == 0
    assert make("-q", "data").returncode == 0


def test_readme_lists_every_field_kit_command():
    from field_kit.cli.commands import COMMANDS, build_parser

    text = README.read_text(encoding="utf-8")
    for command in COMMANDS:
        assert re.search(rf"`{re.escape(command)}[ `]", text), f"README does not list {command}"
    # and the parser has exactly those commands
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
