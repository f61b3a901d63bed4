# SPDX-License-Identifier: GPL-2.0-or-later
"""A record made in a field package and not sent yet takes the new code of its patch when a
pull brings the patch renamed: it kept the old one until it was merged, so the technician's
package showed the record under a code no patch had."""

import json
import sqlite3

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit
from tests.unit.test_codes_follow import CODE, NEW, VERIFIED, _checkout, _merge, _uuid


def _records(pkg) -> list:
    with sqlite3.connect(pkg) as conn:
        return conn.execute("SELECT patch_code FROM patch_verifications").fetchall()


def test_an_unsent_record_takes_its_patch_s_new_code_at_pull(master, tmp_path, capsys):
    tech = _checkout(master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    gis = _checkout(master, tmp_path, "gis-1", "--role", "gis")
    u = _uuid(gis)
    edit(tech, VERIFIED)  # made with the code the patch had then, not sent
    edit(gis, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", NEW, CODE)
    _merge(master, gis, capsys)
    assert main(["pull", tech, str(master)]) == errors.OK
    out = capsys.readouterr().out
    said = ("patch_verifications: 1 row given the patch_code of the patch it names (its "
            "code had changed, or it came with another)")
    assert said in out, out
    assert "图斑核查记录：1 条记录的图斑编号改为其所指图斑的编号" in chinese(said)
    assert _records(tech) == [(NEW,)]
    # nothing of it is sent: the record goes as made, and the master gives it the code too
    assert main(["status", tech, "--json"]) == errors.OK
    assert json.loads(capsys.readouterr().out)["changes_waiting"] == 1
    out = _merge(master, tech, capsys)
    assert "applied 1, already applied 0, conflicts 0, refused 0" in out, out
    with sqlite3.connect(master) as conn:
        assert conn.execute("SELECT patch_code FROM patch_verifications WHERE patch_uuid = ?",
                            (u,)).fetchall() == [(NEW,)]
    # and the next pull finds nothing more to give
    assert main(["pull", tech, str(master)]) == errors.OK
    assert "given the patch_code" not in capsys.readouterr().out
    assert _records(tech) == [(NEW,)]


def test_a_record_already_merged_is_given_its_code_by_the_master(master, tmp_path, capsys):
    """The master gave a merged record the new code: the pull brings that, and the package
    itself gives nothing (said once, by the master)."""
    tech = _checkout(master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    gis = _checkout(master, tmp_path, "gis-1", "--role", "gis")
    edit(tech, VERIFIED)
    _merge(master, tech, capsys)
    edit(gis, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", NEW, CODE)
    _merge(master, gis, capsys)
    assert main(["pull", tech, str(master)]) == errors.OK
    assert "given the patch_code" not in capsys.readouterr().out
    assert _records(tech) == [(NEW,)]
