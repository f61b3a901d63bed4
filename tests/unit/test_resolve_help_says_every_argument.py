# SPDX-License-Identifier: GPL-2.0-or-later
"""``resolve --help`` describes each of its arguments, in English and in Chinese: it gave
nothing for ``--all`` nor for ``master``."""

from __future__ import annotations

import pytest

from tests.unit.cli_run import cli

SAID = {"en": ("the master: a GeoPackage, or PostgreSQL", "settle every open conflict of a "
               "merge"),
        "zh": ("主库：GeoPackage 文件，或 PostgreSQL", "按同一方式处理一次合并")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_resolve_help_describes_master_and_all(capsys, monkeypatch, lang):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", {"en": "en_US.UTF-8", "zh": "zh_CN.UTF-8"}[lang])
    with pytest.raises(SystemExit):
        cli(capsys, "resolve", "--help")
    said = capsys.readouterr().out
    flat = " ".join(said.split())
    for said_of in SAID[lang]:
        assert " ".join(said_of.split()) in flat, said
