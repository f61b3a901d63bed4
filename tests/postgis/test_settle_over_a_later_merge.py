# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too: A, C and B change a stand's species (D its status), merged
A, C, D, B, each alone. Settling conflict 1 (C's species aside) over B's species, which
only B's open conflict holds, is refused naming that conflict to settle first (it wrote C's
species over B's, nothing said); settled first, the decision goes through."""

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import masters, package_export
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit, make_gdal_layer

STAND = "S00000001"


def species(database):
    return query(database, f"SELECT species FROM forest_stands WHERE stand_id = '{STAND}'")


def test_a_decision_over_a_later_merge_s_value_in_its_open_conflict_is_refused(
        database, tmp_path, capsys):
    src = make_gdal_layer(tmp_path / "county.gpkg", 4)
    assert main(["init", database, "--from", src]) == 0
    pkgs = {}
    for device in ("A", "C", "D", "B"):
        pkgs[device] = tmp_path / f"{device}.gpkg"
        masters.checkout(database, pkgs[device], device, role="gis")
    # C's edit is the oldest, B's the latest
    for device, sql in (("C", "species = 'elm'"), ("A", "species = 'ash'"),
                        ("D", "status = 'checked'"), ("B", "species = 'oak'")):
        edit(pkgs[device], f"UPDATE forest_stands SET {sql} WHERE stand_id = ?", STAND)
    for device in ("A", "C", "D", "B"):
        package_export.export(pkgs[device], tmp_path / f"{device}.zip")
        assert main(["merge", database, str(tmp_path / f"{device}.zip")]) in (0, 1)
    assert species(database) == [("oak",)]
    first, second = (c for (c,) in query(database, "SELECT id FROM sync_conflicts WHERE "
                                         "status = 'open' ORDER BY id"))
    capsys.readouterr()
    assert main(["resolve", database, str(first), "--take", "theirs"]) == errors.REFUSED
    err = capsys.readouterr().err
    assert '"ash" when it was recorded, "oak" now, changed by B at ' in err, err
    assert f"which its conflict {second} keeps open: settle that one first" in err, err
    assert species(database) == [("oak",)]
    assert main(["resolve", database, str(second), "--take", "ours"]) == errors.OK
    assert main(["resolve", database, str(first), "--take", "theirs"]) == errors.OK
    assert species(database) == [("elm",)]
    assert query(database, f"SELECT status FROM forest_stands WHERE stand_id = '{STAND}'") \
        == [("checked",)]
