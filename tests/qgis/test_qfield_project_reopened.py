# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project as QGIS reads it again: a county's own layer without a stored style is
drawn alike in every project file written for it (checkouts, a pull writing it again), and
a project saved in QGIS (its backup ``.qgs~`` beside it) then written again by a pull opens
with every layer valid."""

from __future__ import annotations

import gc
import os

from qgis.core import QgsApplication, QgsProject

from field_kit.cli import commands as cli
from field_kit.qfield import attribute_forms as qforms
from field_kit.qfield import checkout
from tests.unit.test_qfield import WELLS, add_wells


def _opened(qgs: str) -> dict[str, str]:
    """{layer id: its symbol's colour, "" for a layer without one} of the project ``qgs``
    read by QGIS, every layer valid."""
    project = QgsProject.instance()
    try:
        project.clear()
        assert project.read(qgs), project.error()
        layers = project.mapLayers()
        assert layers and all(layer.isValid() for layer in layers.values()), \
            [lid for lid, layer in layers.items() if not layer.isValid()]
        return {lid: layer.renderer().symbol().color().name()
                if hasattr(layer, "renderer") and layer.renderer() is not None
                and hasattr(layer.renderer(), "symbol") else ""
                for lid, layer in layers.items()}
    finally:
        project.clear()
        QgsApplication.processEvents()
        gc.collect()


def test_a_countys_own_layer_without_a_style_keeps_its_colour(master, tmp_path):
    add_wells(master, tmp_path)
    wells = qforms.layer_id(WELLS, plan=False)
    first = checkout(master, tmp_path / "phoneA", "phoneA", township="托克逊镇")
    second = checkout(master, tmp_path / "phoneB", "phoneB", township="托克逊镇")
    colours = {_opened(first["project"])[wells], _opened(second["project"])[wells]}
    with open(first["project"], "rb") as fh:
        before = fh.read()
    assert cli.main(["roles", str(master), "--grant", "technician", WELLS]) == 0
    assert cli.main(["pull", first["folder"], str(master)]) == 0  # writes phoneA.qgs again
    with open(first["project"], "rb") as fh:
        assert fh.read() != before
    assert not os.path.exists(first["project"] + ".bak")  # (as the checkout wrote it)
    colours.add(_opened(first["project"])[wells])
    assert len(colours) == 1, colours


def test_a_project_saved_in_qgis_then_written_again_by_a_pull_opens_whole(master, tmp_path):
    add_wells(master, tmp_path)
    info = checkout(master, tmp_path / "phoneA", "phoneA", township="托克逊镇")
    project = QgsProject.instance()
    try:
        project.clear()
        assert project.read(info["project"]), project.error()
        assert project.write()  # QGIS keeps the file it writes over as phoneA.qgs~
    finally:
        project.clear()
        QgsApplication.processEvents()
        gc.collect()
    assert os.path.exists(info["project"] + "~")
    opened = _opened(info["project"])
    assert cli.main(["export", info["folder"], str(tmp_path / "c.zip")]) == 0
    assert cli.main(["roles", str(master), "--grant", "technician", WELLS]) == 0
    assert cli.main(["pull", info["folder"], str(master)]) == 0
    assert os.path.exists(info["project"] + ".bak")
    assert _opened(info["project"]).keys() == opened.keys()
