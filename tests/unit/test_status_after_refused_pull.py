# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit status` of a field package whose last pull was refused whole (a column it
added defined otherwise in the master): it says that the pull was refused and why, and the
edits it exported that the master does not hold, which "changes waiting" does not count;
once a pull goes through, it says nothing of it."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import column_edits
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, patch_uuids

REFUSED_SAID = "added in the package and in the master as two different things"


def status(capsys, pkg) -> dict:
    code, out, _ = cli(capsys, "status", pkg, "--json")
    assert code == errors.OK
    return json.loads(out)


def column_defined_otherwise(setup, capsys, *, export: bool):
    """Tab-a adds mine_patches.survey_batch as MEDIUMINT and writes it in one patch, and
    edits another field; tab-b adds it as TEXT(20), merged first; tab-a's export (where
    ``export``) is refused at the merge, and its pull is refused."""
    master, a, b, tmp = setup
    first, second, third = patch_uuids(master)[:3]
    edit(a, "ALTER TABLE mine_patches ADD COLUMN survey_batch MEDIUMINT")
    edit(a, "UPDATE mine_patches SET survey_batch = 2026 WHERE uuid = ?", first)
    edit(a, "UPDATE mine_patches SET section = 'north' WHERE uuid = ?", second)
    edit(b, "ALTER TABLE mine_patches ADD COLUMN survey_batch TEXT(20)")
    edit(b, "UPDATE mine_patches SET survey_batch = '2026-1' WHERE uuid = ?", third)
    assert cli(capsys, "export", b, tmp / "b.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp / "b.zip")[0] == errors.OK
    if export:
        assert cli(capsys, "export", a, tmp / "a.zip")[0] == errors.OK
        assert cli(capsys, "merge", master, tmp / "a.zip")[0] == errors.REFUSED
    code, out, err = cli(capsys, "pull", a, master)
    assert code == errors.REFUSED and REFUSED_SAID in err, out + err
    return master, a, tmp


def test_status_says_the_pull_was_refused_and_the_exported_edits_the_master_lacks(
        setup, capsys):
    _, a, _ = column_defined_otherwise(setup, capsys, export=True)
    code, out, err = cli(capsys, "status", a)
    assert code == errors.OK, out + err
    assert "changes waiting 0" in out
    assert "the last pull (" in out and ") was refused, nothing was pulled (base still 0); " \
        "it said:" in out, out
    assert f"  column survey_batch of mine_patches is TEXT(20) in the master, MEDIUMINT in " \
        f"the package: {REFUSED_SAID}" in out, out
    assert "2 changes this package exported (seq 1-2) were not in the master at that " \
        "pull: they still wait for it" in out and "field-kit export --all" in out, out
    s = status(capsys, a)
    assert s["pull_refused"]["not_merged"] == [1, 2] and s["pull_refused"]["base"] == 0
    assert REFUSED_SAID in s["pull_refused"]["reason"]


def test_status_of_a_package_that_exported_nothing_says_the_pull_was_refused(setup, capsys):
    _, a, _ = column_defined_otherwise(setup, capsys, export=False)
    code, out, _ = cli(capsys, "status", a)
    assert "changes waiting 2" in out and ") was refused, nothing was pulled" in out, out
    assert "this package exported" not in out  # (nothing exported: all counted as waiting)
    assert status(capsys, a)["pull_refused"]["not_merged"] == []


def test_status_says_it_in_chinese(setup, capsys, monkeypatch):
    _, a, _ = column_defined_otherwise(setup, capsys, export=True)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    out = cli(capsys, "status", a)[1]
    assert "被拒绝，未拉取任何内容（基线仍为 0）；原因：" in out, out
    assert "字段 survey_batch（mine_patches）在主库中为 TEXT(20)，在数据包中为 MEDIUMINT" in out
    assert "本数据包已导出的 2 项修改（序号 1-2）在那次拉取时不在主库中" in out, out


def test_a_pull_that_goes_through_ends_it(setup, capsys):
    master, a, tmp = column_defined_otherwise(setup, capsys, export=True)
    # as the refusal says: rename the column, export all again, merge, pull
    column_edits.prepare(a, "mine_patches", rename={"survey_batch": "survey_no"})
    conn = connect(a)
    try:
        conn.execute("ALTER TABLE mine_patches RENAME COLUMN survey_batch TO survey_no")
    finally:
        conn.close()
    assert cli(capsys, "export", a, tmp / "a-all.zip", "--all")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp / "a-all.zip")[0] == errors.OK
    assert ") was refused" in cli(capsys, "status", a)[1]  # (no pull has gone through yet)
    assert cli(capsys, "pull", a, master)[0] == errors.OK
    code, out, _ = cli(capsys, "status", a)
    assert code == errors.OK and "refused" not in out and "this package exported" not in out
    assert status(capsys, a)["pull_refused"] is None
