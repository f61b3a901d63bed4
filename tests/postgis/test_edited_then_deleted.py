# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: a field conflict whose row the same merge then deleted is
settled, kept deleted (ours) or brought back with the other device's value (theirs)."""

from field_kit.cli.commands import main
from field_kit.sync import masters, package_export
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit, make_gdal_layer


def test_a_field_conflict_on_a_row_deleted_since_is_settled(database, tmp_path, capsys):
    src = make_gdal_layer(tmp_path / "county.gpkg", 4)
    assert main(["init", database, "--from", src]) == 0
    zips = []
    for device, species in (("A", "elm"), ("B", "oak")):
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(database, pkg, device, role="gis")
        edit(pkg, "UPDATE forest_stands SET species = ? WHERE stand_id = 'S00000001'", species)
        if device == "B":
            edit(pkg, "DELETE FROM forest_stands WHERE stand_id = 'S00000001'")
        zips.append(str(tmp_path / f"{device}1.zip"))
        package_export.export(pkg, zips[-1])
    assert main(["merge", database, *zips]) == 1
    assert query(database, "SELECT count(*) FROM forest_stands WHERE stand_id = "
                 "'S00000001'") == [(0,)]
    capsys.readouterr()
    assert main(["resolve", database, "--all", zips[1], "--take", "theirs"]) == 0, \
        capsys.readouterr()
    assert query(database, "SELECT species FROM forest_stands WHERE stand_id = "
                 "'S00000001'") == [("elm",)]
    assert query(database, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == [(0,)]


def test_another_field_edited_in_psql_since_refuses_taking_the_delete(database, tmp_path,
                                                                       capsys):
    """B deletes a stand, A later edits its species: the row stays, with the row's conflict.
    An editor then changes its status in psql: taking B's delete is refused, naming the
    status then and now (it took the editor's edit with it, exit 0)."""
    from field_kit import errors

    src = make_gdal_layer(tmp_path / "county.gpkg", 4)
    assert main(["init", database, "--from", src]) == 0
    zips = []
    for device in ("B", "A"):
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(database, pkg, device, role="gis")
        edit(pkg, "DELETE FROM forest_stands WHERE stand_id = 'S00000001'" if device == "B"
             else "UPDATE forest_stands SET species = 'elm' WHERE stand_id = 'S00000001'")
        zips.append(str(tmp_path / f"{device}1.zip"))
        package_export.export(pkg, zips[-1])
    assert main(["merge", database, *zips]) == 1
    ((conflict,),) = query(database, "SELECT id FROM sync_conflicts WHERE status = 'open' "
                           "AND field IS NULL")
    query(database, "UPDATE forest_stands SET status = 'checked' WHERE stand_id = 'S00000001'")
    capsys.readouterr()
    assert main(["resolve", database, str(conflict), "--take", "theirs"]) == errors.REFUSED
    err = capsys.readouterr().err
    assert '"checked"} now, changed by ' in err and "the whole row" in err, err
    assert query(database, "SELECT status FROM forest_stands WHERE stand_id = "
                 "'S00000001'") == [("checked",)]
