# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's package that holds a column of its own (QGIS's Add Field, or `ALTER TABLE`)
filled with values the master refused (technicians add no columns); GIS staff then give the
master a column of that name, of another type or another case. The technician cannot rename
a column, so the pull goes in: the master's column stands in the package, and each value
typed into the package's own is carried into it (both hold one kind of value) or set aside
in the package, said by row and value, in English and in Chinese."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.qfield import project_folder
from field_kit.sync import package_checkout
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg, rows

TYPED = "road washed out"


@pytest.fixture
def refused(tmp_path, capsys):
    """A master and a technician's package of it, whose column remark (TEXT) holds a value
    in a record it added; exported and merged: the master refuses the value, takes the
    record. Returns (master, package, the record's uuid)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4)
    pkg = tmp_path / "tab.gpkg"
    package_checkout.checkout(master, pkg, "tab")
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, verified_on, "
              "remark) SELECT uuid, patch_code, 'Li', '2026-06-01', ? FROM mine_patches "
              "LIMIT 1", TYPED)
    assert cli(capsys, "export", pkg, tmp_path / "t1.zip")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "t1.zip")
    assert code == errors.REFUSED and "column remark of patch_verifications is not in the " \
        "master" in out + err, out + err
    (row,), = rows(master, "SELECT uuid FROM patch_verifications WHERE verifier = 'Li'")
    return master, pkg, row


def _sent(capsys, pkg, master, zip_path) -> str:
    assert cli(capsys, "export", pkg, zip_path)[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, zip_path)
    assert code == errors.OK, out + err
    return out + err


# what a pull says in Chinese of a value set aside for the master's REMARK INTEGER
SET_ASIDE_IN_CHINESE = (
    "字段 remark（patch_verifications）与主库的 REMARK 只差字母大小写（主库中为 INTEGER，数据包中"
    "为 TEXT）：数据包中现以主库的字段为准；此前在 remark 中填写的 1 个值主库无法接收，已另存于数据"
    "包（sync_values_set_aside），不会发送：如需保留，请在记录表单中重新填写到 REMARK 或其他字段：",
    f'已另存的值：图斑核查记录 P0000000 2026-06-01（remark）"{TYPED}"')


def pulled_set_aside(capsys, pkg, master, row: str) -> None:
    """The pull of ``pkg`` from ``master``, whose column remark is INTEGER holding 7 for
    ``row``: the master's column stands in the package with its value, the typed one set
    aside, each said; nothing the master would refuse waits."""
    code, out, err = cli(capsys, "pull", pkg, master)
    assert code == errors.OK, out + err
    assert "column remark of patch_verifications is INTEGER in the master, TEXT in the " \
        "package: the master's column stands in the package now; the 1 value typed into " \
        "remark here, which the master cannot take, is set aside in the package " \
        "(sync_values_set_aside), not sent: to keep one, type it again in the record's " \
        "form, into remark or another field:" in out, out
    assert f'value set aside: patch_verifications P0000000 2026-06-01 (remark) "{TYPED}"' \
        in out, out
    assert "rename" not in out + err
    assert rows(pkg, "SELECT type FROM pragma_table_info('patch_verifications') WHERE name "
                     "= 'remark'") == [("INTEGER",)]
    assert rows(pkg, "SELECT remark FROM patch_verifications WHERE uuid = ?", row) == [(7,)]
    assert rows(pkg, "SELECT tbl, col, row_uuid, value, declared FROM "
                     "sync_values_set_aside") == [("patch_verifications", "remark", row, TYPED,
                                                   "TEXT")]
    code, out, _ = cli(capsys, "status", pkg)
    assert "changes waiting 0" in out and "remark" not in out, out


def pulled_carried(capsys, pkg, master, row: str) -> None:
    """The pull of ``pkg`` from ``master``, whose column is Remark (TEXT): the typed value
    is written into it, to be sent with the next export, and said."""
    code, out, err = cli(capsys, "pull", pkg, master)
    assert code == errors.OK, out + err
    assert "column remark of patch_verifications is Remark in the master, a name that " \
        "differs in case alone: the master's column stands in the package now; the 1 " \
        "value typed into remark here is written into Remark, to be sent with the next " \
        "export:" in out, out
    assert f'value carried: patch_verifications P0000000 2026-06-01 (remark) "{TYPED}"' \
        in out, out
    assert rows(pkg, "SELECT Remark FROM patch_verifications WHERE uuid = ?", row) == [(TYPED,)]


def test_a_column_of_another_type_in_the_master_stands_and_the_value_is_set_aside(
        refused, capsys, tmp_path):
    master, pkg, row = refused
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN remark INTEGER")
    edit(master, "UPDATE patch_verifications SET remark = 7 WHERE uuid = ?", row)
    pulled_set_aside(capsys, pkg, master, row)
    edit(pkg, "UPDATE patch_verifications SET remark = 8 WHERE uuid = ?", row)
    assert "refused 0" in _sent(capsys, pkg, master, tmp_path / "t2.zip")
    assert rows(master, "SELECT remark FROM patch_verifications WHERE uuid = ?", row) == [(8,)]


def test_a_column_named_in_another_case_takes_the_typed_value_to_the_master(
        refused, capsys, tmp_path):
    master, pkg, row = refused
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN Remark TEXT")
    pulled_carried(capsys, pkg, master, row)
    assert "refused 0" in _sent(capsys, pkg, master, tmp_path / "t2.zip")
    assert rows(master, "SELECT Remark FROM patch_verifications WHERE uuid = ?", row) == [
        (TYPED,)]


def test_a_record_refused_whole_for_the_column_reaches_the_master(tmp_path, capsys):
    """The column tracked before the record was typed: the record's insert names it, and
    the master refused the whole record; once the column gave way, the record goes."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4)
    pkg = tmp_path / "tab.gpkg"
    package_checkout.checkout(master, pkg, "tab")
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    assert cli(capsys, "export", pkg, tmp_path / "t0.zip")[0] == errors.OK  # (tracks it)
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, verified_on, "
              "remark) SELECT uuid, patch_code, 'Li', '2026-06-01', ? FROM mine_patches "
              "LIMIT 1", TYPED)
    assert cli(capsys, "export", pkg, tmp_path / "t1.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "t1.zip")[0] == errors.REFUSED
    assert rows(master, "SELECT count(*) FROM patch_verifications") == [(0,)]
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN REMARK INTEGER")
    code, out, err = cli(capsys, "pull", pkg, master)
    assert code == errors.OK, out + err
    assert "(INTEGER there, TEXT here)" in out and "value set aside: " in out, out
    # the record is sent again without the value the master cannot take
    assert "(patch_uuid, patch_code, verifier, verified_on) was refused" in out, out
    _sent(capsys, pkg, master, tmp_path / "t2.zip")
    assert rows(master, "SELECT verifier, REMARK FROM patch_verifications") == [("Li", None)]


def test_what_became_of_the_column_and_its_values_is_said_in_chinese(
        refused, capsys, chinese_locale):
    master, pkg, _ = refused
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN REMARK INTEGER")
    code, out, _ = cli(capsys, "pull", pkg, master)
    assert code == errors.OK
    for said in SET_ASIDE_IN_CHINESE:
        assert said in out, out


def test_a_carried_value_is_said_in_chinese(refused, capsys, chinese_locale):
    master, pkg, _ = refused
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN Remark TEXT")
    code, out, _ = cli(capsys, "pull", pkg, master)
    assert code == errors.OK
    for said in ("字段 remark（patch_verifications）与主库的 Remark 只差字母大小写：数据包中现以"
                 "主库的字段为准；此前在 remark 中填写的 1 个值已写入 Remark，随下次导出发送：",
                 f'已写入的值：图斑核查记录 P0000000 2026-06-01（remark）"{TYPED}"'):
        assert said in out, out


def test_a_qfield_project_pulls_past_its_own_column_too(tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=4)
    folder = tmp_path / "tab-q"
    project_folder.checkout(master, folder, "tab-q")
    pkg = folder / "package.gpkg"
    edit(pkg, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, verified_on, "
              "remark) SELECT uuid, patch_code, 'Li', '2026-06-01', ? FROM mine_patches "
              "LIMIT 1", TYPED)
    assert cli(capsys, "export", folder, tmp_path / "q.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "q.zip")[0] == errors.REFUSED
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN remark REAL")
    code, out, err = cli(capsys, "pull", folder, master)
    assert code == errors.OK, out + err
    assert f'value set aside: patch_verifications P0000000 2026-06-01 (remark) "{TYPED}"' \
        in out, out
    assert rows(pkg, "SELECT type FROM pragma_table_info('patch_verifications') WHERE name "
                     "= 'remark'") == [("REAL",)]
