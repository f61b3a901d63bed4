# SPDX-License-Identifier: GPL-2.0-or-later
"""What a plan feature's shape gives (a patch's area and centre, a zone's area, a corridor's
length), recomputed by every merge, is read-only in the QField project for every role, as
QGIS's own form of the layer has it: typed on the phone, it would be written over."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.plan import schema
from field_kit.plan.derived import derived_columns
from tests.unit.test_qfield import _editable, _layer_of

SHAPED = [t.name for t in schema.TABLES if derived_columns(t.name)]


def _checked_out(master, folder, *options) -> ET.Element:
    assert cli.main(["checkout", str(master), str(folder), "--device", folder.name,
                     "--for", "qfield", *options]) == 0
    return ET.parse(folder / f"{folder.name}.qgs").getroot()


def test_gis_staff_edit_a_patch_but_not_what_its_shape_gives(master, tmp_path):
    root = _checked_out(master, tmp_path / "gis1", "--role", "gis")
    editable = _editable(_layer_of(root, "mine_patches", plan=True))
    assert {c: editable[c] for c in ("area_m2", "centre_lon", "centre_lat")} == \
        dict.fromkeys(("area_m2", "centre_lon", "centre_lat"), "0")
    assert editable["patch_code"] == editable["mineral"] == "1"  # the rest as before
    for table in SHAPED:
        editable = _editable(_layer_of(root, table, plan=True))
        assert [c for c in derived_columns(table) if editable[c] != "0"] == [], table


def test_a_technician_granted_a_patchs_area_still_does_not_type_it(master, tmp_path):
    """The master's grant lets the technician change the column; the merge recomputes it
    from the shape all the same."""
    with connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                     "'mine_patches', 'area_m2'), ('technician', 'mine_patches', 'mineral')")
    root = _checked_out(master, tmp_path / "tech1", "--township", "郭勒布依乡")
    editable = _editable(_layer_of(root, "mine_patches", plan=True))
    assert editable["area_m2"] == editable["centre_lon"] == "0"
    assert editable["mineral"] == "1"
