# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout from a PostgreSQL master by patches named by their codes (as --patches takes
them, codes or uuids) holds those patches, as from a GeoPackage master with the same data:
the stage takes them by uuid, the others not; a name naming none is refused by name."""

from __future__ import annotations

from field_kit import errors
from field_kit.cli.commands import main
from tests.postgis.test_postgis_master import _uuids, staged_copies
from tests.unit.gpkg_factory import edit, make_gpkg, rows

SHARED = "P0000011"  # the code of two patches


def test_patches_named_by_code_or_uuid_from_postgres(database, tmp_path, capsys,
                                                     monkeypatch):
    src = make_gpkg(tmp_path / "src.gpkg", patches=20, verifications=8, install=False)
    edit(src, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = 'P0000012'", SHARED)
    assert main(["init", database, "--from", src]) == errors.OK
    assert main(["init", src]) == errors.OK
    patches = rows(src, "SELECT uuid, patch_code FROM mine_patches ORDER BY fid")
    names = [patches[0][1], patches[3][1], patches[5][0], SHARED]
    copied = staged_copies(monkeypatch)
    held = {}
    for master in (src, database):
        out = tmp_path / f"{len(held)}.gpkg"
        assert main(["checkout", master, str(out), "--device", f"t{len(held)}", "--patches",
                     ",".join(names)]) == errors.OK, capsys.readouterr().err
        held[master] = {t: _uuids(out, t) for t in ("mine_patches", "patch_verifications")}
    assert len(held[src]["mine_patches"]) == 5
    assert held[database] == held[src]
    assert ("mine_patches", "") not in copied  # (the stage took the patches chosen alone)
    capsys.readouterr()
    out = tmp_path / "none.gpkg"
    assert main(["checkout", database, str(out), "--device", "tn", "--patches",
                 f"{patches[0][1]},CT000,{patches[1][0]},CT001"]) == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "no mine patch has the uuid or patch code CT000, CT001 (in " in err, err
    assert not out.exists()
