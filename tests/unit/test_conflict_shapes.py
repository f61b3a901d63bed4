# SPDX-License-Identifier: GPL-2.0-or-later
"""A conflict over a geometry is shown as a supervisor can weigh it: each side's kind,
centre and area, never the first forty characters of its hex (which were the same header
for every side)."""

from __future__ import annotations

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.db import connect
from field_kit.plan.geometry import gpkg_blob, multipolygon_wkb, point_wkb
from field_kit.plan.values import shape_shown
from field_kit.sync import packages
from field_kit.sync.conflicts import shown
from tests.unit.gpkg_factory import make_gdal_layer


def _square(x: float) -> bytes:
    """A square of 0.01 degree with its corner at (x, 42.5), in CGCS2000."""
    ring = [(x, 42.5), (x + 0.01, 42.5), (x + 0.01, 42.51), (x, 42.51), (x, 42.5)]
    return gpkg_blob(multipolygon_wkb([[ring]]), 4490)


def _moved(pkg, x: float) -> None:
    with connect(pkg) as c:
        c.execute("UPDATE forest_stands SET geom = ? WHERE fid = 1", (_square(x),))


def test_a_conflict_over_a_shape_shows_each_side_by_its_centre_and_area(tmp_path, capsys,
                                                                         chinese_locale):
    master = tmp_path / "forest.gpkg"
    make_gdal_layer(master, 5, "forest_stands")
    assert cli.main(["init", str(master)]) == errors.OK
    zips = []
    for device, x in (("gis1", 88.001), ("gis2", 88.002)):
        pkg = tmp_path / f"{device}.gpkg"
        packages.checkout(master, pkg, device, role="gis")
        _moved(pkg, x)
        zips.append(tmp_path / f"{device}.zip")
        packages.export(pkg, zips[-1])
    assert cli.main(["merge", str(master), *map(str, zips)]) == errors.CONFLICTS
    capsys.readouterr()
    assert cli.main(["conflicts", str(master)]) == errors.CONFLICTS
    out = capsys.readouterr().out
    assert "4750" not in out, out
    # the two moves, a tenth of a kilometre apart, told apart by their centres
    assert "ours polygons @ 88.007000, 42.505000, 913,019 m² | " in out, out
    assert "theirs polygons @ 88.006000, 42.505000, 913,019 m²" in out
    assert "另一方（theirs）面 @ 88.006000, 42.505000, 913,019 m²" in out


def test_shapes_said_in_their_coordinate_system():
    assert shape_shown(gpkg_blob(point_wkb(88.5, 42.25), 4490), "en") == \
        "point @ 88.500000, 42.250000"
    # metres of a Gauss-Krüger zone: no area reckoned on the ellipsoid, its system named
    ring = [(500000.0, 4700000.0), (500100.0, 4700000.0), (500100.0, 4700100.0),
            (500000.0, 4700000.0)]
    assert shape_shown(gpkg_blob(multipolygon_wkb([[ring]]), 4539), "zh") == \
        "面 @ 500050.000000, 4700050.000000 (EPSG:4539)"
    assert shape_shown(b"not a geometry") is None
    # text that only begins as a geometry's hex does is shown as the text it is
    assert shown("4750 metres") == '"4750 metres"'
    assert shown("4750ABCD") == '"4750ABCD"'
