# SPDX-License-Identifier: GPL-2.0-or-later
"""Every master made from one plan file is of one project: a pull from another master than
the package's filled it with that one's rows and values (exit 0), and a package retired by
``checkout --replace`` went on pulling, its edits refused only at merge. Both are refused
now, by name, the package untouched; the master it belongs to still pulls into it. And a
value of the device's own that the pull takes back because the master undid its merge is
named, as a row an undone merge deleted or brought back is."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit


def run(*argv) -> int:
    return main([str(a) for a in argv])


def _bytes(path) -> bytes:
    return Path(path).read_bytes()


def test_a_pull_from_another_master_of_the_same_plan_is_refused(master, tmp_path, capsys):
    other = tmp_path / "other.gpkg"
    shutil.copyfile(master, other)
    pkg = tmp_path / "t.gpkg"
    assert run("checkout", master, pkg, "--device", "t1") == errors.OK
    assert run("checkout", other, tmp_path / "o.gpkg", "--device", "o1") == errors.OK
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("UPDATE restoration_projects SET name_en = 'other master' WHERE fid = 1")
    conn.close()
    before = _bytes(pkg)
    capsys.readouterr()
    assert run("pull", pkg, other) == errors.REFUSED
    said = capsys.readouterr().err
    ids = []
    for m in (master, other):  # (each its own: other was copied before either had one)
        conn = sqlite3.connect(m)
        ids.append(conn.execute("SELECT value FROM sync_meta WHERE key = 'master_id'"
                                ).fetchone()[0][:8])
        conn.close()
    assert f"{pkg}: it was checked out from master.gpkg (master {ids[0]}), not this master, " \
           f"other.gpkg (master {ids[1]}); nothing was pulled: pull it from master.gpkg" \
           in said, said
    assert _bytes(pkg) == before
    assert run("pull", pkg, master) == errors.OK


def test_a_package_replaced_by_a_new_checkout_is_not_pulled_into(master, tmp_path, capsys):
    old, new = tmp_path / "old.gpkg", tmp_path / "new.gpkg"
    assert run("checkout", master, old, "--device", "t1") == errors.OK
    assert run("checkout", master, new, "--device", "t1", "--replace") == errors.OK
    before = _bytes(old)
    capsys.readouterr()
    assert run("pull", old, master) == errors.REFUSED
    said = capsys.readouterr().err
    assert "is not device 't1''s checkout this master holds (an earlier checkout, replaced by " \
           "checkout --replace" in said, said
    assert "未拉取任何内容" in chinese(said.split("field-kit: ", 1)[1].strip())
    assert _bytes(old) == before
    assert run("pull", new, master) == errors.OK


def _merged_and_undone(master, pkg) -> None:
    """The package's project 1 named 'mine' in English, exported, merged, and that merge
    undone in the master."""
    edit(pkg, "UPDATE restoration_projects SET name_en = 'mine' WHERE fid = 1")
    out = pkg.with_suffix(".zip")
    assert run("export", pkg, out) == errors.OK
    assert run("merge", master, out) == errors.OK
    conn = sqlite3.connect(master)
    (merge_id,) = conn.execute("SELECT merge_id FROM sync_merges").fetchone()
    conn.close()
    assert run("undo-merge", master, merge_id) == errors.OK


def test_a_pull_names_the_values_an_undone_merge_took_back(master, tmp_path, capsys):
    """The device's own edit, merged, then undone in the master: the pull gave the package
    the master's value again with no word (a delete undone was named; an update was not)."""
    pkg = tmp_path / "a.gpkg"
    assert run("checkout", master, pkg, "--device", "a", "--role", "gis") == errors.OK
    _merged_and_undone(master, pkg)
    said = _pulled_one_taken_back(capsys, pkg, master)
    assert '(P1-1) name_en: "mine" -> Geological environment' in said, said


def test_a_value_an_undone_merge_took_back_is_named_after_a_decision_on_the_field(
        master, tmp_path, capsys):
    """The device's edit merged and undone, then a decision on another device's conflict
    over the field: the master's last change of it is the decision, made over the value the
    undo put back, yet the device's value is the one the undo took back, and is named."""
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, device in ((a, "a"), (b, "b")):
        assert run("checkout", master, pkg, "--device", device, "--role", "gis") == errors.OK
    _merged_and_undone(master, a)
    edit(b, "UPDATE restoration_projects SET name_en = 'from b' WHERE fid = 1")
    edit(master, "UPDATE restoration_projects SET name_en = 'in the master' WHERE fid = 1")
    assert run("export", b, tmp_path / "b.zip") == errors.OK
    assert run("merge", master, tmp_path / "b.zip") == errors.CONFLICTS
    assert run("resolve", master, "1", "--take", "theirs") == errors.OK
    said = _pulled_one_taken_back(capsys, a, master)
    assert '(P1-1) name_en: "mine" -> "from b"' in said, said


def _pulled_one_taken_back(capsys, pkg, master) -> str:
    """Pull ``pkg``: what it said, which names one value of the device's an undone merge
    took back."""
    capsys.readouterr()
    assert run("pull", pkg, master) == errors.OK
    said = capsys.readouterr().out
    assert "1 value this device sent is the master's again: the master undid the merge " \
           "that applied it (undo-merge):" in said, said
    return said
