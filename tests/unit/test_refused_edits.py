# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's edits the master refused, as the technician and GIS staff meet them with
the command line on a QField project: one the technician may mend is sent again once a
refusal, never twice while a copy of it waits; one the technician's role may never make is
given up at the next pull, the package taking the master's values, and said by name."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.messages_zh import chinese
from field_kit.sync import refused
from tests.unit.cli_run import log_json
from tests.unit.gpkg_factory import edit

PATCH = "CT6504222017000026001"


def fk(capsys, *argv) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def value(path, sql: str, *args):
    conn = connect(path, readonly=True)
    try:
        got = conn.execute(sql, args).fetchone()
        return got[0] if got and len(got) == 1 else got
    finally:
        conn.close()


@pytest.fixture
def project(master, tmp_path, capsys):
    """tech1's QField project folder (a technician's), checked out of the master."""
    folder = tmp_path / "tech1"
    assert fk(capsys, "checkout", master, folder, "--device", "tech1", "--role", "technician",
              "--for", "qfield")[0] == errors.OK
    return folder


def logged(capsys, folder, row: str) -> list[int]:
    """The seqs of the device's own edits of ``row``, as ``field-kit log --json`` lists them."""
    code, text = fk(capsys, "log", folder, "--json")
    assert code == errors.OK
    return sorted(c["seq"] for c in log_json(text)["changes"]
                  if c["row_uuid"] == row and c["origin"] == "local")


def test_a_copy_waiting_to_be_sent_is_not_logged_again_while_another_copy_of_the_project_merges(
        master, project, tmp_path, capsys):
    """The project copied to the phone is a second package of the device: its merges move
    the device's mark on, past edits the folder has not sent. A refused edit logged again
    in the folder, waiting there (not exported, then exported and not merged), is not
    logged again at each pull; merged and refused once more, it is logged again, once."""
    pkg = project / "package.gpkg"
    edit(pkg, "INSERT INTO patch_verifications (patch_code, notes) VALUES (?, '甲')", PATCH)
    row = value(pkg, "SELECT uuid FROM patch_verifications WHERE notes = '甲'")
    assert fk(capsys, "export", project, tmp_path / "e0.zip")[0] == errors.OK
    assert fk(capsys, "merge", master, tmp_path / "e0.zip")[0] == errors.OK
    phone = tmp_path / "phone"
    shutil.copytree(project, phone)
    edit(pkg, "UPDATE patch_verifications SET measured_area_m2 = 'abc', notes = '乙' WHERE "
              "uuid = ?", row)  # not a number: refused whole, mendable
    assert fk(capsys, "export", project, tmp_path / "e1.zip")[0] == errors.OK
    code, out = fk(capsys, "merge", master, tmp_path / "e1.zip")
    assert code == errors.REFUSED and "'abc' is not a number" in out
    code, out = fk(capsys, "pull", project, master)
    assert code == errors.OK and "1 edit this device sent was refused" in out, out
    assert len(logged(capsys, project, row)) == 3  # the insert, the edit, its copy waiting
    for i in range(2):  # the phone's records merged: the folder's copy still waits, unsent
        edit(phone / "package.gpkg", "INSERT INTO patch_verifications (patch_code, notes) "
                                     "VALUES (?, ?)", PATCH, f"phone {i} a")
        edit(phone / "package.gpkg", "INSERT INTO patch_verifications (patch_code, notes) "
                                     "VALUES (?, ?)", PATCH, f"phone {i} b")
        assert fk(capsys, "export", phone, tmp_path / f"p{i}.zip")[0] == errors.OK
        assert fk(capsys, "merge", master, tmp_path / f"p{i}.zip")[0] == errors.OK
        code, out = fk(capsys, "pull", project, master)
        assert code == errors.OK and "refused" not in out, out
        assert len(logged(capsys, project, row)) == 3
    # exported, not merged yet, while the phone's next records are
    assert fk(capsys, "export", project, tmp_path / "e2.zip")[0] == errors.OK
    edit(phone / "package.gpkg", "INSERT INTO patch_verifications (patch_code, notes) VALUES "
                                 "(?, 'phone 3')", PATCH)
    assert fk(capsys, "export", phone, tmp_path / "p3.zip")[0] == errors.OK
    assert fk(capsys, "merge", master, tmp_path / "p3.zip")[0] == errors.OK
    assert "refused" not in fk(capsys, "pull", project, master)[1]
    assert len(logged(capsys, project, row)) == 3
    # merged: refused once (one copy); mended meanwhile, what is left of it sent again once
    code, out = fk(capsys, "merge", master, tmp_path / "e2.zip")
    assert code == errors.REFUSED and out.count("refused update") == 1, out
    edit(pkg, "UPDATE patch_verifications SET measured_area_m2 = 5 WHERE uuid = ?", row)
    code, out = fk(capsys, "pull", project, master)
    assert "1 edit this device sent was refused" in out and "was refused: measured_area_m2: " \
        "'abc' is not a number (REAL); what the package still holds of it (notes) is sent " \
        "again with the next export" in out, out
    assert len(logged(capsys, project, row)) == 5  # (the mend, and the copy)
    assert fk(capsys, "export", project, tmp_path / "e3.zip")[0] == errors.OK
    code, out = fk(capsys, "merge", master, tmp_path / "e3.zip")
    assert code in (errors.OK, errors.CONFLICTS) and "refused 0" in out, out
    assert value(master, "SELECT measured_area_m2, notes FROM patch_verifications WHERE "
                         "uuid = ?", row) == (5, "乙")


def test_an_edit_the_role_may_never_make_is_given_up_at_pull_with_the_masters_values(
        master, project, tmp_path, capsys):
    """A technician's edit of a patch and a county boundary row it added: refused, the
    patch changed by GIS staff meanwhile. The pull does not send them again: the package
    takes the master's value and loses the row, and says so by name; later merges from the
    device are clean."""
    pkg = project / "package.gpkg"
    edit(pkg, "UPDATE mine_patches SET mineral = '金' WHERE patch_code = ?", PATCH)
    edit(pkg, "INSERT INTO county_boundary (name_zh) VALUES ('新县界')")
    added = value(pkg, "SELECT uuid FROM county_boundary WHERE name_zh = '新县界'")
    assert fk(capsys, "export", project, tmp_path / "e1.zip")[0] == errors.OK
    code, out = fk(capsys, "merge", master, tmp_path / "e1.zip")
    assert code == errors.REFUSED and "refused 2" in out, out
    edit(master, "UPDATE mine_patches SET mineral = '铜' WHERE patch_code = ?", PATCH)
    code, out = fk(capsys, "pull", project, master)
    assert code == errors.OK, out
    said = f"your edit of mine_patches {PATCH} (mineral) was refused: a technician may not " \
           "change mine_patches; the package now holds the master's value"
    assert said in out, out
    # (the row by its name, as the merge named it)
    assert f"your new row of county_boundary 新县界 was refused: a technician may not " \
           f"change county_boundary; {refused.GONE}" in out, out
    assert "sent again" not in out and "are gone" not in out, out
    assert chinese(said) == "本机对历史遗留矿山图斑 CT6504222017000026001（矿种）的修改被主库" \
                            "拒收：技术员无权修改历史遗留矿山图斑；数据包现已采用主库的值"
    assert value(pkg, "SELECT mineral FROM mine_patches WHERE patch_code = ?", PATCH) == "铜"
    assert value(pkg, "SELECT count(*) FROM county_boundary WHERE uuid = ?", added) == 0
    code, out = fk(capsys, "status", project)
    assert "changes waiting 0" in out and "open conflicts 0" in out, out
    code, out = fk(capsys, "pull", project, master)  # said once
    assert code == errors.OK and "refused" not in out, out
    # the device's next package merges clean
    edit(pkg, "INSERT INTO patch_verifications (patch_code, notes) VALUES (?, 'ok')", PATCH)
    assert fk(capsys, "export", project, tmp_path / "e2.zip")[0] == errors.OK
    code, out = fk(capsys, "merge", master, tmp_path / "e2.zip")
    assert code == errors.OK and "refused 0" in out, out
    assert "refused" not in fk(capsys, "pull", project, master)[1]


def test_of_an_edit_of_columns_some_of_which_the_role_may_change_those_are_sent_again(
        master, project, tmp_path, capsys):
    """GIS staff let technicians change one column of the patches: an edit of it and of
    another is refused whole; the pull gives the other the master's value, says so, and
    sends the first again, which then merges."""
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phase')")
    pkg = project / "package.gpkg"
    edit(pkg, "UPDATE mine_patches SET mineral = '金', phase = '中期' WHERE "
              "patch_code = ?", PATCH)
    assert fk(capsys, "export", project, tmp_path / "e1.zip")[0] == errors.OK
    code, out = fk(capsys, "merge", master, tmp_path / "e1.zip")
    assert code == errors.REFUSED and "may not change column mineral of mine_patches" in out
    code, out = fk(capsys, "pull", project, master)
    assert f"your edit of mine_patches {PATCH} (mineral) was refused: a technician may not " \
           "change column mineral of mine_patches; the package now holds the master's " \
           "value" in out, out
    assert "1 edit this device sent was refused by the master and is waiting to be " \
           f"sent again:\n    your edit of mine_patches {PATCH} (mineral, phase) was refused: " \
           "a technician may not change column mineral of mine_patches; what the package " \
           "still holds of it (phase) is sent again with the next export" in out, out
    said = next(line.strip() for line in out.splitlines() if "(mineral) was refused" in line)
    assert chinese(said).startswith(
        "本机对历史遗留矿山图斑 CT6504222017000026001（矿种）的修改被主库拒收：技术员无权修改"
        "历史遗留矿山图斑的字段矿种；")
    assert value(pkg, "SELECT mineral FROM mine_patches WHERE patch_code = ?", PATCH) != "金"
    assert fk(capsys, "export", project, tmp_path / "e2.zip")[0] == errors.OK
    code, out = fk(capsys, "merge", master, tmp_path / "e2.zip")
    assert code == errors.OK and "applied 1" in out, out
    assert value(master, "SELECT phase FROM mine_patches WHERE patch_code = ?",
                 PATCH) == "中期"


def test_a_refused_new_record_sent_again_is_named_by_the_fields_it_set_and_why(
        master, project, tmp_path, capsys):
    """The pull names of a refused new record the fields it set, not every column of the
    layer, repeats why the merge refused it and says what to do; once mended, that it goes
    with the next export. The same sentence, in Chinese, for the app and the plugin."""
    pkg = project / "package.gpkg"
    edit(pkg, "INSERT INTO patch_verifications (patch_code, measured_area_m2, notes) VALUES "
              "(?, 'abc', '北坡')", PATCH)
    row = value(pkg, "SELECT uuid FROM patch_verifications WHERE notes = '北坡'")
    assert fk(capsys, "export", project, tmp_path / "r1.zip")[0] == errors.OK
    assert fk(capsys, "merge", master, tmp_path / "r1.zip")[0] == errors.REFUSED
    code, out = fk(capsys, "pull", project, master)
    said = f"your new row of patch_verifications {PATCH} (patch_code, measured_area_m2, notes) " \
           "was refused: measured_area_m2: 'abc' is not a number (REAL); mend it, then " \
           "export: it is sent again"
    assert code == errors.OK and said in out, out
    assert "geom" not in out and "created_at" not in out, out
    # (the layer by its title, the fields set by their labels, listed with 、)
    assert chinese(said) == f"本机对图斑核查记录 {PATCH}（图斑编号、核查面积（平方米）、" \
                            "备注）的新增记录被主库拒收：核查面积（平方米）：" \
                            "“abc”不是数字（REAL）；请先修正，再导出：它将被重新发送"
    # its copy exported and refused once more, then mended: the pull says the copy it logs
    # again goes with the next export
    assert fk(capsys, "export", project, tmp_path / "r2.zip")[0] == errors.OK
    assert fk(capsys, "merge", master, tmp_path / "r2.zip")[0] == errors.REFUSED
    edit(pkg, "UPDATE patch_verifications SET measured_area_m2 = 12.5 WHERE uuid = ?", row)
    code, out = fk(capsys, "pull", project, master)
    assert f"your new row of patch_verifications {PATCH} (patch_code, measured_area_m2, notes) " \
           "was refused: measured_area_m2: 'abc' is not a number (REAL); it is sent again " \
           "with the next export" in out, out
    assert chinese(out.splitlines()[2].strip()).endswith("；它将随下次导出重新发送")


def test_a_merge_of_the_phones_copy_undone_leaves_the_folders_refused_edit_to_be_sent_again(
        master, project, tmp_path, capsys):
    """The phone's copy of the project (one device, two packages) sent a record whose merge
    GIS staff undid. The folder's edit at the same place in its own log, refused, is no edit
    of that merge: the pull sends it again and says so."""
    phone = tmp_path / "tech1-2"
    with zipfile.ZipFile(tmp_path / "tech1.zip") as zf:
        zf.extractall(phone)
    edit(phone / "package.gpkg", "INSERT INTO patch_verifications (patch_code, notes) VALUES "
                                 "(?, 'phone')", PATCH)
    assert fk(capsys, "export", phone, tmp_path / "p1.zip")[0] == errors.OK
    code, out = fk(capsys, "merge", master, tmp_path / "p1.zip")
    assert code == errors.OK, out
    assert fk(capsys, "undo-merge", master, out.split()[1])[0] == errors.OK
    pkg = project / "package.gpkg"
    edit(pkg, "INSERT INTO patch_verifications (patch_code, measured_area_m2, notes) VALUES "
              "(?, 'abc', '北坡')", PATCH)
    row = value(pkg, "SELECT uuid FROM patch_verifications WHERE notes = '北坡'")
    assert fk(capsys, "export", project, tmp_path / "r1.zip")[1].endswith("(seq 1-1), 0 "
                                                                         "attachments, device "
                                                                         "tech1\n")
    assert fk(capsys, "merge", master, tmp_path / "r1.zip")[0] == errors.REFUSED
    code, out = fk(capsys, "pull", project, master)
    assert code == errors.OK and "1 edit this device sent was refused" in out, out
    assert f"your new row of patch_verifications {PATCH} (patch_code, measured_area_m2, notes) " \
           "was refused" in out, out
    assert len(logged(capsys, project, row)) == 2  # the insert, and its copy waiting


def test_a_feature_added_deleted_or_moved_where_the_role_may_change_one_column_is_refused_for_that(
        master, project, tmp_path, capsys):
    """Technicians may change one column of the patches only: a patch added or deleted is
    refused as a feature the role may not add or delete, naming what it may change (not a
    column it never touched); a patch moved with a geometry the layer cannot hold is
    refused at merge for the geometry column, as the pull then says too."""
    edit(master, "INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', "
                 "'mine_patches', 'phase')")
    pkg = project / "package.gpkg"
    codes = [r[0] for r in connect(pkg, readonly=True).execute(
        "SELECT patch_code FROM mine_patches ORDER BY fid LIMIT 3")]
    edit(pkg, "INSERT INTO mine_patches (patch_code) VALUES ('CT-NEW')")
    edit(pkg, "DELETE FROM mine_patches WHERE patch_code = ?", codes[1])
    # moved into another coordinate system than the layer's: the check of values refuses it
    blob = value(pkg, "SELECT geom FROM mine_patches WHERE patch_code = ?", codes[2])
    edit(pkg, "UPDATE mine_patches SET geom = ? WHERE patch_code = ?",
         blob[:4] + (4326).to_bytes(4, "little" if blob[3] & 1 else "big") + blob[8:],
         codes[2])
    assert fk(capsys, "export", project, tmp_path / "f1.zip")[0] == errors.OK
    code, out = fk(capsys, "merge", master, tmp_path / "f1.zip", "--json")
    assert code == errors.REFUSED, out
    reasons = {o["op"]: o["reason"] for o in json.loads(out)["merges"][0]["outcomes"]
               if o["status"] == "refused"}
    assert reasons == {
        "insert": "a technician may not add features of mine_patches (may change only phase)",
        "delete": "a technician may not delete features of mine_patches (may change only "
                  "phase)",
        "update": "a technician may not move features of mine_patches (geometry column geom)"
    }, reasons
    assert chinese(reasons["insert"]) == "技术员无权新增历史遗留矿山图斑的要素（只能修改其治理" \
                                         "阶段）"
    assert chinese(reasons["delete"]) == "技术员无权删除历史遗留矿山图斑的要素（只能修改其治理" \
                                         "阶段）"
    code, out = fk(capsys, "pull", project, master)
    assert "a technician may not add features of mine_patches (may change only phase)" in out
    assert "a technician may not delete features of mine_patches (may change only phase)" \
        in out
    assert "may not move features of mine_patches (geometry column geom)" in out and \
        "column active" not in out


def test_an_edit_given_up_at_pull_is_not_sent_again_by_export_all_once_granted(
        master, project, tmp_path, capsys):
    """An edit the role may not make, given up at pull for the master's value; the grant
    widened later, then every edit of the device exported again (``export --all``): the
    given-up edit is left out, and said, so the master does not take a value the package no
    longer holds (the two then differed with nothing waiting)."""
    pkg = project / "package.gpkg"
    edit(pkg, "UPDATE mine_patches SET mineral = '金' WHERE patch_code = ?", PATCH)
    was = value(master, "SELECT mineral FROM mine_patches WHERE patch_code = ?", PATCH)
    assert fk(capsys, "export", project, tmp_path / "e1.zip")[0] == errors.OK
    assert fk(capsys, "merge", master, tmp_path / "e1.zip")[0] == errors.REFUSED
    code, out = fk(capsys, "pull", project, master)
    assert code == errors.OK and "the package now holds the master's value" in out, out
    assert fk(capsys, "roles", master, "--grant", "technician", "mine_patches")[0] == errors.OK
    code, out = fk(capsys, "export", project, tmp_path / "all.zip", "--all")
    assert code == errors.OK, out
    said = "1 edit the master refused is not sent again: a pull gave it up for the " \
           "master's values or logged it again as new copies"
    assert said in out and "no local changes since checkout" in out, out
    assert chinese(said) == "主库拒收的 1 项修改不再发送：拉取时已改为主库的值，" \
                            "或已作为新副本重新记录"
    if (tmp_path / "all.zip").exists():
        assert fk(capsys, "merge", master, tmp_path / "all.zip")[0] == errors.OK
    assert value(master, "SELECT mineral FROM mine_patches WHERE patch_code = ?", PATCH) == \
        value(pkg, "SELECT mineral FROM mine_patches WHERE patch_code = ?", PATCH) == was
