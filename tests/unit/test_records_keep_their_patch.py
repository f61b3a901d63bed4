# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch a technician's verification names is not deleted by a merge: GIS staff who
checked out before the record was made deleted the patch, the merge said "applied" and the
restored area left the plan's progress."""

import sqlite3

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit, verify

CODE = "CT6504222017000026002"


def _patches(master) -> int:
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT count(*) FROM mine_patches WHERE patch_code = ?",
                            (CODE,)).fetchone()[0]


def patches_in(database):
    """The count of patches of CODE in a PostgreSQL master."""
    from tests.postgis.cluster import query
    return lambda _: query(database, "SELECT count(*) FROM mine_patches WHERE patch_code = "
                           "%s", CODE)[0][0]


def _merged(master, pkg, capsys, code: int = 0) -> str:
    zipped = f"{pkg}.zip"
    assert main(["export", str(pkg), zipped]) == 0
    capsys.readouterr()
    assert main(["merge", str(master), zipped]) == code
    return capsys.readouterr().out


def _verified(master, tmp_path, capsys) -> None:
    tech = tmp_path / "tab-1.gpkg"
    assert main(["checkout", str(master), str(tech), "--device", "tab-1",
                 "--township", "郭勒布依乡"]) == 0
    verify(tech, CODE)
    _merged(master, tech, capsys)


def test_a_patch_verified_since_the_checkout_is_kept(master, tmp_path, capsys,
                                                     count=_patches):
    gis = tmp_path / "gis-1.gpkg"
    assert main(["checkout", str(master), str(gis), "--device", "gis-1", "--role", "gis"]) == 0
    _verified(master, tmp_path, capsys)  # after the GIS package was checked out
    edit(gis, f"DELETE FROM mine_patches WHERE patch_code = '{CODE}'")
    out = _merged(master, gis, capsys, errors.REFUSED)
    assert "applied 0, already applied 0, conflicts 0, refused 1" in out, out
    line = next(x for x in out.splitlines() if x.startswith("  refused delete"))
    assert CODE in line and "1 field record in patch_verifications names this patch" in line
    assert "the patch is kept (delete or move its records first)" in line, line
    assert count(master) == 1
    reason = line.split(": ", 1)[1]
    assert chinese(reason).startswith("patch_verifications 中有 1 条外业记录指向该图斑"), \
        chinese(reason)


def test_a_patch_deleted_with_its_records_goes(master, tmp_path, capsys, count=_patches):
    _verified(master, tmp_path, capsys)
    gis = tmp_path / "gis-2.gpkg"  # checked out after: it holds the record
    assert main(["checkout", str(master), str(gis), "--device", "gis-2", "--role", "gis"]) == 0
    edit(gis, "DELETE FROM patch_verifications WHERE patch_code = ?", CODE)
    edit(gis, "DELETE FROM mine_patches WHERE patch_code = ?", CODE)
    out = _merged(master, gis, capsys)
    assert "refused 0" in out and count(master) == 0, out


def test_a_patch_deleted_with_its_records_in_view_goes(master, tmp_path, capsys,
                                                       count=_patches):
    """The package held the record when its user deleted the patch: the delete was made
    with it in view, and goes."""
    _verified(master, tmp_path, capsys)
    gis = tmp_path / "gis-3.gpkg"
    assert main(["checkout", str(master), str(gis), "--device", "gis-3", "--role", "gis"]) == 0
    edit(gis, "DELETE FROM mine_patches WHERE patch_code = ?", CODE)
    out = _merged(master, gis, capsys)
    assert "refused 0" in out and count(master) == 0, out
