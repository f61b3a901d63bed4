# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch split in a field package (QGIS's Split Features: the original shrinks, the new
part keeps its patch code) is never half merged: its export is refused whole, naming the
code and both rows, and so says status; the merge refused the new part and applied the
shrink, the master's patch left at half its area."""

import os

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit, rows

CODE = "CT6504222017000026002"


def half(pkg, west: bool = True) -> bytes:
    """Patch CODE's shape cut to the west (or east) half of its bounds, as a GeoPackage
    blob: the two parts QGIS's Split Features makes of it."""
    from osgeo import ogr

    from field_kit.plan.geometry import blob_wkb, gpkg_blob
    (blob,) = rows(pkg, "SELECT geom FROM mine_patches WHERE patch_code = ?", CODE)[0]
    shape = ogr.CreateGeometryFromWkb(blob_wkb(blob))
    x0, x1, y0, y1 = shape.GetEnvelope()
    a, b = (x0, (x0 + x1) / 2) if west else ((x0 + x1) / 2, x1)
    box = ogr.CreateGeometryFromWkt(f"POLYGON(({a} {y0},{b} {y0},{b} {y1},{a} {y1},{a} {y0}))")
    return gpkg_blob(bytes(ogr.ForceToMultiPolygon(shape.Intersection(box)).ExportToWkb()))


def _split(master, tmp_path):
    """A GIS package whose patch CODE is split: the original shrunk, a new row of its code."""
    pkg = tmp_path / "g.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "g1", "--role", "gis"]) == 0
    edit(pkg, "INSERT INTO mine_patches (geom, patch_code, township, phase, area_m2) SELECT "
         "geom, patch_code, township, phase, area_m2 / 2 FROM mine_patches WHERE patch_code = ?",
         CODE)
    edit(pkg, "UPDATE mine_patches SET area_m2 = area_m2 / 2, geom = ? WHERE patch_code = ? AND "
         "fid = (SELECT min(fid) FROM mine_patches WHERE patch_code = ?)", half(pkg),
         CODE, CODE)
    old, new = [u for (u,) in rows(pkg, "SELECT uuid FROM mine_patches WHERE patch_code = ? "
                                        "ORDER BY fid", CODE)]
    return pkg, old, new


def test_a_split_keeping_its_code_is_not_exported_and_status_says_why(master, tmp_path,
                                                                       capsys):
    pkg, old, new = _split(master, tmp_path)
    capsys.readouterr()
    out = tmp_path / "g.zip"
    assert main(["export", str(pkg), str(out)]) == errors.REFUSED
    err = capsys.readouterr().err
    said = (f"patch_code {CODE} names 2 rows of mine_patches in this field package: {new}, "
            f"added here, and {old} (a split part, or a feature pasted, keeps the "
            f"code of the one it came from): give the new part {new} its own patch_code, or "
            "merge the parts back into one feature")
    assert f"{said}; nothing was exported from {pkg}" in err, err
    assert not os.path.exists(out)
    line = err.strip().splitlines()[0].removeprefix("field-kit: ")
    assert chinese(line) == (
        f"patch_code {CODE} 在本外业数据包中标识 mine_patches 的 2 个要素：{new}（在此新增）与 "
        f"{old}（分割出的部分或粘贴的要素沿用了原要素的编码）：请给新的部分 {new} "
        f"另填一个 patch_code，或把各部分合并回一个要素；未从 {pkg} 导出任何内容")
    assert main(["status", str(pkg)]) == errors.REFUSED
    status = capsys.readouterr().out
    assert f"export refused: {said}\n" in status, status
    assert "changes waiting 2" in status, status  # (the edits wait, sealed or not)
    # the new part given its own code: both halves go, and the merge takes both
    edit(pkg, "UPDATE mine_patches SET patch_code = 'CT6504222017000026902' WHERE uuid = ?", new)
    assert main(["status", str(pkg)]) == errors.OK
    assert "export refused" not in capsys.readouterr().out
    assert main(["export", str(pkg), str(out)]) == errors.OK
    assert main(["merge", str(master), str(out)]) == errors.OK, capsys.readouterr().out[-3000:]
    assert sorted(rows(master, "SELECT uuid, patch_code FROM mine_patches WHERE uuid IN (?, ?)",
                       old, new)) == sorted([(old, CODE), (new, "CT6504222017000026902")])


def test_a_code_the_master_shares_already_does_not_stop_a_package(master, tmp_path, capsys):
    """Two rows of one code in the master (split there) are the master's to mend: a package
    checked out of it exports its own edits."""
    edit(master, "INSERT INTO mine_patches (geom, patch_code, township, phase) SELECT geom, "
         "patch_code, township, phase FROM mine_patches WHERE patch_code = ?", CODE)
    pkg = tmp_path / "g.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "g1", "--role", "gis"]) == 0
    edit(pkg, "UPDATE mine_patches SET mineral = '砖瓦用粘土' WHERE patch_code = ?", CODE)
    capsys.readouterr()
    assert main(["export", str(pkg), str(tmp_path / "g.zip")]) == errors.OK, capsys.readouterr()
