# SPDX-License-Identifier: GPL-2.0-or-later
"""A column (or layer) two GIS packages add by one name, defined otherwise: the second is
refused at the merge; its pull then fills nothing of it (the master's values would be read
otherwise there), saying so; the refusal's advice, followed step by step, gets its values
in under another name. And a conflict's later edit, listed in Chinese, is Chinese."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import column_edits, merge, package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, patch_uuids

ADVICE = ("export all its changes again (field-kit export FIELD_PACKAGE OUT.zip --all) and "
          "merge that package")


def rows(path, sql, *args):
    with sqlite3.connect(path) as c:
        return c.execute(sql, args).fetchall()


def zh(monkeypatch):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def rename(pkg, table, old, new):
    """As QGIS's Rename Field does it, the plugin having prepared it."""
    column_edits.prepare(pkg, table, rename={old: new})
    conn = connect(pkg)
    try:
        conn.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")
    finally:
        conn.close()


@pytest.fixture
def clash(setup, capsys):
    """Tab-b adds mine_patches.survey_batch as TEXT(20) ('2026-1' in the second patch),
    tab-a as MEDIUMINT (2026 in the first); tab-b's is merged first, tab-a's is refused."""
    master, a, b, tmp = setup
    first, second = patch_uuids(master)[:2]
    edit(a, "ALTER TABLE mine_patches ADD COLUMN survey_batch MEDIUMINT")
    edit(a, "UPDATE mine_patches SET survey_batch = 2026 WHERE uuid = ?", first)
    edit(b, "ALTER TABLE mine_patches ADD COLUMN survey_batch TEXT(20)")
    edit(b, "UPDATE mine_patches SET survey_batch = '2026-1' WHERE uuid = ?", second)
    assert cli(capsys, "export", b, tmp / "b.zip")[0] == 0
    assert cli(capsys, "merge", master, tmp / "b.zip")[0] == 0
    assert cli(capsys, "export", a, tmp / "a.zip")[0] == 0
    code, out, err = cli(capsys, "merge", master, tmp / "a.zip")
    assert code == errors.REFUSED
    assert "TEXT(20)" in out + err and "MEDIUMINT" in out + err and ADVICE in out + err
    return master, a, first, second, tmp


def test_a_pull_fills_no_column_the_master_defines_otherwise_and_says_so(clash, capsys):
    master, a, first, second, _ = clash
    code, out, err = cli(capsys, "pull", a, master)
    assert code == errors.REFUSED
    said = out + err
    assert "column survey_batch of mine_patches is TEXT(20) in the master, MEDIUMINT in " \
        "the package" in said and "export --all" in said and "nothing was pulled" in said
    # its own value kept, nothing of the master's read otherwise ('2026-1' as 2026)
    assert rows(a, "SELECT uuid, survey_batch, typeof(survey_batch) FROM mine_patches WHERE "
                   "survey_batch IS NOT NULL") == [(first, 2026, "integer")]


def test_a_pull_refusal_in_chinese(clash, capsys, monkeypatch):
    master, a, *_ = clash
    zh(monkeypatch)
    code, _, err = cli(capsys, "pull", a, master)
    assert code == errors.REFUSED
    assert "字段 survey_batch（mine_patches）在主库中为 TEXT(20)，在数据包中为 MEDIUMINT" in err
    assert "未拉取任何内容" in err


def test_the_refusals_advice_followed_gets_the_values_in_under_the_new_name(clash, capsys):
    master, a, first, second, tmp = clash
    rename(a, "mine_patches", "survey_batch", "survey_no")
    assert cli(capsys, "export", a, tmp / "a-all.zip", "--all")[0] == 0
    code, out, err = cli(capsys, "merge", master, tmp / "a-all.zip")
    assert code == 0, out + err
    assert rows(master, "SELECT type FROM pragma_table_info('mine_patches') WHERE name = "
                        "'survey_no'") == [("MEDIUMINT",)]
    assert rows(master, "SELECT uuid, survey_no, typeof(survey_no) FROM mine_patches WHERE "
                        "survey_no IS NOT NULL") == [(first, 2026, "integer")]
    assert rows(master, "SELECT uuid, survey_batch FROM mine_patches WHERE survey_batch IS "
                        "NOT NULL") == [(second, "2026-1")]
    # and the pull brings the master's column as it is defined there
    code, out, err = cli(capsys, "pull", a, master)
    assert code == 0, out + err
    assert rows(a, "SELECT uuid, survey_batch, survey_no FROM mine_patches WHERE survey_batch "
                   "IS NOT NULL OR survey_no IS NOT NULL ORDER BY survey_no IS NULL") == [
        (first, None, 2026), (second, "2026-1", None)]
    assert rows(a, "SELECT type FROM pragma_table_info('mine_patches') WHERE name = "
                   "'survey_batch'") == [("TEXT(20)",)]


def test_one_merge_refusing_the_second_definition_gives_advice_that_works(setup, capsys):
    master, a, b, tmp = setup
    first, second, third = patch_uuids(master)[:3]
    edit(a, "ALTER TABLE mine_patches ADD COLUMN survey_batch MEDIUMINT")
    edit(a, "UPDATE mine_patches SET survey_batch = 2026 WHERE uuid = ?", first)
    edit(b, "ALTER TABLE mine_patches ADD COLUMN survey_batch TEXT(20)")
    edit(b, "UPDATE mine_patches SET survey_batch = '2026-0', section = 'b' WHERE uuid = ?",
         second)
    package_export.export(a, tmp / "a.zip")
    package_export.export(b, tmp / "b.zip")
    code, out, err = cli(capsys, "merge", master, tmp / "a.zip", tmp / "b.zip")
    assert code == errors.REFUSED and ADVICE in out + err
    rename(b, "mine_patches", "survey_batch", "survey_label")
    edit(b, "UPDATE mine_patches SET survey_label = '2026-1' WHERE uuid = ?", third)
    assert cli(capsys, "export", b, tmp / "b-all.zip", "--all")[0] == 0
    code, out, err = cli(capsys, "merge", master, tmp / "b-all.zip")
    assert code == 0, out + err
    assert rows(master, "SELECT uuid, survey_batch, survey_label, section IS 'b' FROM "
                        "mine_patches WHERE survey_batch IS NOT NULL OR survey_label IS NOT "
                        "NULL ORDER BY survey_batch IS NULL, survey_label") == [
        (first, 2026, None, 0), (second, None, "2026-0", 1), (third, None, "2026-1", 0)]


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs GDAL's ogr2ogr")
def test_a_pull_puts_no_row_into_a_layer_the_master_defines_otherwise(setup, capsys):
    master, a, b, tmp = setup

    def wells(pkg, depth):
        subprocess.run(
            ["ogr2ogr", "-update", str(pkg), "/vsistdin/", "-nln", "wells", "-f", "GPKG",
             "-a_srs", "EPSG:4490"], check=True, text=True,
            input='{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
                  '{"name":"well","depth":' + depth + '},"geometry":{"type":"Point",'
                  '"coordinates":[88.6,42.8]}}]}')
    wells(a, "12")
    wells(b, '"12-15"')
    package_export.export(a, tmp / "a.zip")
    package_export.export(b, tmp / "b.zip")
    assert merge.merge(master, [tmp / "a.zip", tmp / "b.zip"]).refused
    code, out, err = cli(capsys, "pull", b, master)
    assert code == errors.REFUSED
    assert "layer wells (column depth of type MEDIUMINT in the master, TEXT in the " \
        "package)" in out + err
    assert rows(b, "SELECT depth FROM wells") == [("12-15",)]


def test_a_later_edit_listed_in_chinese_is_chinese(setup, capsys, monkeypatch):
    master, a, b, tmp = setup
    u = patch_uuids(master)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)
    edit(b, "UPDATE mine_patches SET phase = 'B' WHERE uuid = ?", u)
    package_export.export(a, tmp / "a.zip")
    package_export.export(b, tmp / "b.zip")
    merge.merge(master, [tmp / "a.zip", tmp / "b.zip"])
    edit(master, "UPDATE mine_patches SET phase = 'C' WHERE uuid = ?", u)
    zh(monkeypatch)
    code, out, _ = cli(capsys, "conflicts", master)
    line = next(x for x in out.splitlines() if "其后的修改" in x)
    assert line.strip().startswith(
        '其后的修改："B"（记录时），"C"（现在），修改者 主库，时间 '), line
    assert "when it was recorded" not in line and "changed by" not in line, line


def test_a_technicians_column_of_a_name_gis_staff_gave_the_master_loses_no_record(
        master, tmp_path, capsys):
    """A technician's package adds no column: where GIS staff gave the master one of the
    same name, defined otherwise, the package was refused whole, its records with it (and a
    technician cannot rename a column). Its records now go in; the changes that fill the
    column are held to the master's definition, each."""
    k1, g1 = tmp_path / "k1.gpkg", tmp_path / "g1.gpkg"
    assert cli(capsys, "checkout", master, k1, "--device", "k1", "--township",
               "郭勒布依乡")[0] == errors.OK
    assert cli(capsys, "checkout", master, g1, "--device", "g1", "--role", "gis")[0] == \
        errors.OK
    edit(k1, "ALTER TABLE patch_verifications ADD COLUMN ph TEXT")
    edit(k1, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, verified_on, "
             "ph) SELECT uuid, patch_code, 'Li', '2026-06-01', '7.5a' FROM mine_patches LIMIT 1")
    edit(g1, "ALTER TABLE patch_verifications ADD COLUMN ph REAL")
    for pkg, zip_ in ((g1, "g1.zip"), (k1, "k1.zip")):
        assert cli(capsys, "export", pkg, tmp_path / zip_)[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "g1.zip")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "k1.zip")
    assert code == errors.REFUSED and "REFUSED" not in out + err, out + err
    assert "ph: '7.5a' is not a number (REAL)" in out, out
    assert rows(master, "SELECT verifier, ph FROM patch_verifications") == [("Li", None)]


def test_a_boolean_column_added_with_default_true_reaches_the_master(master, tmp_path, capsys):
    """`ADD COLUMN ok BOOLEAN DEFAULT TRUE` (SQLite reads TRUE as 1) was refused whole as a
    'type or default that cannot be added', with no advice and in English alone."""
    g1 = tmp_path / "g1.gpkg"
    assert cli(capsys, "checkout", master, g1, "--device", "g1", "--role", "gis")[0] == \
        errors.OK
    edit(g1, "ALTER TABLE mine_patches ADD COLUMN ok BOOLEAN DEFAULT TRUE")
    edit(g1, "UPDATE mine_patches SET ok = 0 WHERE rowid = 1")
    assert cli(capsys, "export", g1, tmp_path / "g1.zip")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "g1.zip")
    assert code == errors.OK, out + err
    assert rows(master, "SELECT count(*), sum(ok = 1), sum(ok = 0) FROM mine_patches")[0][1:] \
        == (rows(master, "SELECT count(*) - 1 FROM mine_patches")[0][0], 1)
    edit(master, "INSERT INTO mine_patches (patch_code) VALUES ('ZJ6504222026000001')")
    assert rows(master, "SELECT ok FROM mine_patches WHERE patch_code = "
                        "'ZJ6504222026000001'") == [(1,)]
