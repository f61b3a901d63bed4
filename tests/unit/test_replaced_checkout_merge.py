# SPDX-License-Identifier: GPL-2.0-or-later
"""A lost tablet turns up after ``checkout --replace`` with an edit it never sent: its change
package was refused with "wrong signature ... or forged", though the master replaced that
checkout itself. The merge names the device, when its checkout was replaced, the changes the
package holds and what to do with them, in Chinese too (exit 3); a master that replaced it
before it kept the checkouts it replaced says it cannot check the signature."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from field_kit.sync import replaced
from tests.unit.gpkg_factory import edit


def run(*argv) -> int:
    return main([str(a) for a in argv])


def _old_package_found(plan_gpkg, tmp_path):
    """The master, and the change package of tab-1's first checkout, exported after the
    device was checked out again with --replace."""
    master = tmp_path / "master.gpkg"
    shutil.copyfile(plan_gpkg, master)
    old = tmp_path / "old.gpkg"
    assert run("checkout", master, old, "--device", "tab-1", "--role", "gis") == errors.OK
    assert run("checkout", master, tmp_path / "new.gpkg", "--device", "tab-1", "--role",
               "gis", "--replace") == errors.OK
    edit(old, "UPDATE restoration_projects SET name_en = 'found' WHERE fid = 1")
    assert run("export", old, tmp_path / "old.zip") == errors.OK
    return master, tmp_path / "old.zip"


def _refused(capsys) -> list[str]:
    return [line[len("REFUSED "):] for line in capsys.readouterr().out.splitlines()
            if line.startswith("REFUSED ")]


def test_a_package_of_a_replaced_checkout_is_named_as_such(plan_gpkg, tmp_path, capsys):
    master, zipped = _old_package_found(plan_gpkg, tmp_path)
    before = master.read_bytes()
    capsys.readouterr()
    assert run("merge", master, zipped) == errors.REFUSED
    [said] = _refused(capsys)
    assert re.fullmatch(
        r"old\.zip: from device 'tab-1''s checkout of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, replaced "
        r"by checkout --replace on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d: its 1 change \(seq 1 to "
        r"1\) cannot be merged; re-enter it in the device's present package or in the "
        r"master: field-kit log on the old package lists each with its row and fields",
        said), said
    assert "forged" not in said
    zh = chinese(said)
    assert re.fullmatch(r"old\.zip：来自设备 tab-1 较早的签出（\S+ \S+ 签出），该签出已于 "
                        r"\S+ \S+ 被 checkout --replace 取代：其 1 项修改（序号 1 至 1）无法"
                        r"合并；请在该设备现在的数据包或主库中重新录入：对旧数据包执行 "
                        r"field-kit log 可列出每项修改的记录与字段", zh), zh
    assert master.read_bytes() == before
    # the kept checkout is the master's alone: no package carries it
    assert run("checkout", master, tmp_path / "other.gpkg", "--device", "tab-2") == errors.OK
    capsys.readouterr()
    assert run("status", tmp_path / "other.gpkg", "--json") == errors.OK

    conn = sqlite3.connect(tmp_path / "other.gpkg")
    assert conn.execute("SELECT count(*) FROM sync_meta WHERE key = ?",
                        (replaced.REPLACED,)).fetchone() == (0,)
    conn.close()


def test_replaced_before_the_master_kept_it_says_the_signature_cannot_be_checked(
        plan_gpkg, tmp_path, capsys):
    master, zipped = _old_package_found(plan_gpkg, tmp_path)

    conn = sqlite3.connect(master)  # as a master that replaced it before it kept them
    conn.execute("DELETE FROM sync_meta WHERE key = ?", (replaced.REPLACED,))
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert run("merge", master, zipped) == errors.REFUSED
    [said] = _refused(capsys)
    assert said.startswith("old.zip: from an earlier checkout of device 'tab-1', replaced by "
                           "checkout --replace on "), said
    assert "(replaced before this master kept the checkouts it replaced: its signature " \
           "cannot be checked): its 1 change (seq 1 to 1) cannot be merged" in said, said
    assert "其签名无法核验）：其 1 项修改（序号 1 至 1）无法合并" in chinese(said)


def test_a_forged_package_is_still_said_to_be_forged(plan_gpkg, tmp_path, capsys):
    master, zipped = _old_package_found(plan_gpkg, tmp_path)
    conn = sqlite3.connect(master)  # the kept key is not the one that signed
    kept = json.loads(conn.execute("SELECT value FROM sync_meta WHERE key = ?",
                                   (replaced.REPLACED,)).fetchone()[0])
    kept["tab-1"][0]["key"] = "00" * 32
    conn.execute("UPDATE sync_meta SET value = ? WHERE key = ?",
                 (json.dumps(kept), replaced.REPLACED))
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert run("merge", master, zipped) == errors.REFUSED
    [said] = _refused(capsys)
    assert said.startswith("old.zip: wrong signature for device 'tab-1' ("), said
