# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout of a township says, in the user's language, what the package holds
of each layer it cuts and the layers it does not track, whose edits do not travel, as
``field-kit checkout`` says them (its log said neither)."""

from __future__ import annotations

from field_kit.cli.commands import main
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.qgis.test_processing_pull_says_what_the_command_line_says import (  # noqa: F401
    speaking,
)


def test_a_township_checkout_says_what_the_package_holds(speaking, processing, master,  # noqa: F811
                                                         tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", speaking)
    capsys.readouterr()
    assert main(["checkout", str(master), str(tmp_path / "by-hand.gpkg"), "--device",
                 "by-hand", "--township", "郭勒布依乡"]) == 0
    said = [line.strip() for line in capsys.readouterr().out.splitlines()]
    heard = Heard()
    processing.run("toksun:checkout", {"MASTER": str(master), "DEVICE": "tab1",
                                       "TOWNSHIP": "郭勒布依乡",
                                       "OUTPUT": str(tmp_path / "tab1.gpkg")}, feedback=heard)
    logged = [text.strip() for kind, text in heard.lines if kind == "info"]
    for what in ("cut to township 郭勒布依乡, the package holds: mine_patches ",
                 "not tracked, edits to it do not travel: layer_styles",
                 "not tracked, edits to it do not travel: plan_meta"):
        at = next(i for i, line in enumerate(said) if what in line)
        # (in Chinese, the command line's Chinese line, under the English)
        line = said[at + 1] if speaking == "zh" else said[at]
        assert line != said[at] or speaking == "en", said
        assert line in logged, (line, heard.lines)
