# SPDX-License-Identifier: GPL-2.0-or-later
"""A plan layer's column a merge holds to a list (a patch's mineral, its geometry source,
township and phase) is a drop-down of that list in the QField project, as in QGIS's own
form of the layer: typed freely on the phone, a value outside it is refused at the merge."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.sync import merge
from tests.unit.test_qfield import _editable, _layer_of


def _setups(folder, name: str) -> dict:
    layer = _layer_of(ET.parse(folder / f"{name}.qgs").getroot(), "mine_patches", plan=True)
    out = {}
    for f in layer.find("fieldConfiguration"):
        widget = f.find("editWidget")
        options = {o.get("name"): o.get("value") for o in widget.iter("Option")
                   if o.get("name")}
        out[f.get("name")] = (widget.get("type"), options)
    return out, _editable(layer)


def test_gis_staff_pick_a_patchs_coded_columns_from_their_lists(master, tmp_path):
    assert cli.main(["checkout", str(master), str(tmp_path / "gis1"), "--device", "gis1",
                     "--role", "gis", "--for", "qfield"]) == 0
    setups, editable = _setups(tmp_path / "gis1", "gis1")
    for column in ("mineral", "geometry_source"):  # the package's code lists, as the forms
        widget, options = setups[column]
        assert widget == "ValueRelation", column
        assert (options["LayerName"], options["Key"], options["Value"]) == \
            ("code_lists", "code", "label_zh")
        assert options["FilterExpression"] == f"\"list_name\" = '{column}'"
        assert editable[column] == "1"
    with connect(master) as conn:
        towns = {r[0] for r in conn.execute("SELECT name_zh FROM townships")}
    widget, options = setups["township"]
    assert widget == "ValueMap" and towns <= set(options.values()), options
    widget, options = setups["phase"]
    assert widget == "ValueMap" and {"近期", "中期", "远期"} <= set(options.values()), options
    assert setups["patch_code"][0] == "TextEdit"


def test_a_technician_granted_the_mineral_picks_it_from_its_list(master, tmp_path):
    """Granted a patch's mineral, a technician gets the list's drop-down, not a line to
    type into: the mineral typed on the phone (石灰岩, no code of the list) was refused by
    the merge."""
    with connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                     "'mine_patches', 'mineral')")
    folder = tmp_path / "tech1"
    assert cli.main(["checkout", str(master), str(folder), "--device", "tech1", "--township",
                     "郭勒布依乡", "--for", "qfield"]) == 0
    setups, editable = _setups(folder, "tech1")
    assert setups["mineral"][0] == "ValueRelation" and editable["mineral"] == "1"
    assert editable["township"] == "0"
    with connect(folder / "package.gpkg") as conn:  # what the drop-down offers, the merge takes
        offered = [r[0] for r in conn.execute(
            "SELECT code FROM code_lists WHERE list_name = 'mineral'")]
        conn.execute("UPDATE mine_patches SET mineral = ? WHERE rowid = (SELECT min(rowid) "
                     "FROM mine_patches WHERE mineral IS NOT ?)", (offered[-1], offered[-1]))
    assert cli.main(["export", str(folder), str(tmp_path / "c.zip")]) == 0
    assert not merge.merge(master, [tmp_path / "c.zip"]).refused
