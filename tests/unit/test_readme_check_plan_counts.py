# SPDX-License-Identifier: GPL-2.0-or-later
"""The counts README quotes of ``check-plan`` on the bundled plan are those it gives, in
Chinese and in English (README said 8 consistent where it gives 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli_run import cli_said

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_readme_quotes_the_counts_check_plan_gives(plan_gpkg, capsys, monkeypatch, lang):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", {"en": "en_US.UTF-8", "zh": "zh_CN.UTF-8"}[lang])
    said = cli_said(capsys, "check-plan", plan_gpkg)[1]
    counts = [line.strip() for line in said.splitlines() if "consistent" in line][-1]
    # (README's text wraps: a line break is a space)
    assert counts in " ".join(README.split()), counts
