# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's refusals in the user's language, as the command line says them: an import
into a technician's field package (said in English alone in Chinese), and a merge given no
change package (said as a file with no name not there, half in English)."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from field_kit.cli.commands import main
from field_kit.sync import package_checkout
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.qgis.test_processing_pull_says_what_the_command_line_says import (  # noqa: F401
    speaking,
)


def test_an_import_into_a_technician_s_package_is_refused_as_on_the_command_line(
        speaking, processing, master, plan_gpkg, tmp_path, capsys, monkeypatch):  # noqa: F811
    pkg = tmp_path / "li.gpkg"
    package_checkout.checkout(master, pkg, "li", township="郭勒布依乡")
    before = pkg.read_bytes()
    monkeypatch.setenv("FIELD_KIT_LANG", speaking)
    capsys.readouterr()
    assert main(["import", str(pkg), str(plan_gpkg), "--layer", "mine_patches",
                 "--source-layer", "mine_patches"]) != 0
    said = [line.removeprefix("field-kit: ") for line in capsys.readouterr().err.splitlines()]
    assert said[0] == (f"{pkg} is a technician's field package: it cannot change plan "
                       "layers; import into the master (nothing was written)"), said
    with pytest.raises(QgsProcessingException) as refused:
        processing.run("toksun:import", {"MASTER": str(pkg), "SOURCE": str(plan_gpkg),
                                         "SOURCE_LAYER": "mine_patches", "LAYER": 0})
    # (in Chinese, the command line's Chinese line, under the English)
    assert str(refused.value) == said[-1], (str(refused.value), said)
    assert pkg.read_bytes() == before


def test_a_merge_given_no_change_package_says_so(speaking, processing, master):  # noqa: F811
    before = master.read_bytes()
    with pytest.raises(QgsProcessingException) as refused:
        processing.run("toksun:merge", {"MASTER": str(master), "PACKAGES": []})
    assert str(refused.value) == {"en": "no change package given; nothing was merged",
                                  "zh": "未给出修改包；未合并任何修改包"}[speaking]
    assert master.read_bytes() == before
