# SPDX-License-Identifier: GPL-2.0-or-later
"""Edits of a field package its role was not given (a technician's, of the townships or of
a layer of the county's own, written with the sqlite3 shell or ogr2ogr) are said by status
and export before the merge refuses them: status counted them as changes waiting, export
sent them without a word, and only the merge said "refused"."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit

TOWNSHIP = "郭勒布依乡"
REFUSED = "a technician may not change townships"


def _edited(capsys, master, tmp_path, role):
    pkg = tmp_path / f"{role}.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", f"{role}1", "--role", role,
               "--township", TOWNSHIP)[0] == errors.OK
    edit(pkg, "UPDATE townships SET name_en = name_en || ' (east)' WHERE rowid IN "
              "(SELECT rowid FROM townships ORDER BY rowid LIMIT 2)")
    edit(pkg, "UPDATE townships SET name_en = name_en || '!' WHERE rowid = "
              "(SELECT min(rowid) FROM townships)")
    return pkg


def test_a_technicians_edits_the_master_will_refuse_are_said_before_they_are_sent(
        master, tmp_path, capsys, chinese_locale):
    pkg = _edited(capsys, master, tmp_path, "technician")
    code, said = cli_said(capsys, "status", pkg)
    assert code == errors.OK, said
    assert "waiting to be sent in Townships: 2 changed" in said, said
    assert f"  the master will refuse the edits of 2 of these: {REFUSED}" in said, said
    assert "主库将拒收其中 2 个要素的修改：技术员无权修改乡镇" in said, said
    code, said = cli_said(capsys, "export", pkg, tmp_path / "t.zip")
    assert code == errors.OK, said
    assert f"  the master will refuse the edits of 2 features of townships: {REFUSED}" \
        in said, said
    assert "主库将拒收乡镇中 2 个要素的修改：技术员无权修改乡镇" in said, said
    code, said = cli_said(capsys, "merge", master, tmp_path / "t.zip")
    assert code == errors.REFUSED and "refused 3" in said, said
    # exported again whole: said again, of every edit since checkout
    code, said = cli_said(capsys, "export", pkg, tmp_path / "all.zip", "--all")
    assert "the master will refuse the edits of 2 features of townships" in said, said


def test_gis_staffs_edits_are_said_as_they_are(master, tmp_path, capsys):
    pkg = _edited(capsys, master, tmp_path, "gis")
    for argv in (("status", pkg), ("export", pkg, tmp_path / "g.zip")):
        code, said = cli_said(capsys, *argv)
        assert code == errors.OK and "will refuse" not in said, said
    assert cli_said(capsys, "merge", master, tmp_path / "g.zip")[0] == errors.OK
