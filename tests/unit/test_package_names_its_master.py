# SPDX-License-Identifier: GPL-2.0-or-later
"""Two masters made from one plan (two counties', or a county's and its test copy) share
their project: a package of one merged or pulled into the other was refused as "not
registered" or with a "wrong signature", naming neither master, and ``status`` said the same
project of both. A package records the master it was checked out from, by name and by the
master's own id: the refusal names both masters, in Chinese too; ``status`` tells the
masters apart; a package from before the record is refused as it was."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit


def run(*argv) -> int:
    return main([str(a) for a in argv])


def _masters(plan_gpkg, tmp_path, *names):
    out = []
    for name in names:
        shutil.copyfile(plan_gpkg, tmp_path / name)
        out.append(tmp_path / name)
    return out


def _package(master, tmp_path, device, name=None):
    """A GIS package of ``master`` for ``device`` with an edit, and its export."""
    pkg = tmp_path / f"{name or device}.gpkg"
    assert run("checkout", master, pkg, "--device", device, "--role", "gis") == errors.OK
    edit(pkg, "UPDATE restoration_projects SET name_en = 'edited' WHERE fid = 1")
    out = pkg.with_suffix(".zip")
    assert run("export", pkg, out) == errors.OK
    return pkg, out


def _status(capsys, path) -> dict:
    capsys.readouterr()
    run("status", path, "--json")
    return json.loads(capsys.readouterr().out)


def _refused(capsys) -> list[str]:
    return [line[len("REFUSED "):] for line in capsys.readouterr().out.splitlines()
            if line.startswith("REFUSED ")]


def test_a_merge_into_another_countys_master_names_both(plan_gpkg, tmp_path, capsys):
    toksun, shanshan = _masters(plan_gpkg, tmp_path, "toksun.gpkg", "shanshan.gpkg")
    assert run("checkout", shanshan, tmp_path / "s9.gpkg", "--device", "tab-09") == errors.OK
    _, t7 = _package(toksun, tmp_path, "tab-07")
    _, t9 = _package(toksun, tmp_path, "tab-09")
    ids = {m: _status(capsys, m)["master_id"] for m in (toksun, shanshan)}
    assert ids[toksun] and ids[shanshan] and ids[toksun] != ids[shanshan]
    before = Path(shanshan).read_bytes()
    capsys.readouterr()
    assert run("merge", shanshan, t7, t9) == errors.REFUSED
    said = _refused(capsys)
    both = (f"it was checked out from toksun.gpkg (master {ids[toksun][:8]}), not this "
            f"master, shanshan.gpkg (master {ids[shanshan][:8]}); merge it into toksun.gpkg")
    assert said == [f"tab-07.zip: device 'tab-07' is not registered in this master: {both}",
                    f"tab-09.zip: wrong signature for device 'tab-09': {both}"], said
    assert [chinese(s) for s in said] == [
        f"tab-07.zip：设备 tab-07 未在此主库登记：该数据包签出自 toksun.gpkg（主库标识 "
        f"{ids[toksun][:8]}），而不是此主库 shanshan.gpkg（主库标识 {ids[shanshan][:8]}）；"
        "请合并到 toksun.gpkg",
        f"tab-09.zip：设备 tab-09 的签名不符：该数据包签出自 toksun.gpkg（主库标识 "
        f"{ids[toksun][:8]}），而不是此主库 shanshan.gpkg（主库标识 {ids[shanshan][:8]}）；"
        "请合并到 toksun.gpkg"]
    assert Path(shanshan).read_bytes() == before
    assert run("merge", toksun, t7, t9) == errors.OK


def test_a_pull_from_another_countys_master_names_both(plan_gpkg, tmp_path, capsys,
                                                       monkeypatch):
    toksun, shanshan = _masters(plan_gpkg, tmp_path, "toksun.gpkg", "shanshan.gpkg")
    pkg, _ = _package(toksun, tmp_path, "tab-07")
    assert run("checkout", shanshan, tmp_path / "s7.gpkg", "--device", "tab-07") == errors.OK
    ids = {m: _status(capsys, m)["master_id"] for m in (toksun, shanshan)}
    before = Path(pkg).read_bytes()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert run("pull", pkg, shanshan) == errors.REFUSED
    err = capsys.readouterr().err
    assert (f"{pkg}: it was checked out from toksun.gpkg (master {ids[toksun][:8]}), not this "
            f"master, shanshan.gpkg (master {ids[shanshan][:8]}); nothing was pulled: pull it "
            "from toksun.gpkg") in err, err
    assert (f"{pkg}：该数据包签出自 toksun.gpkg（主库标识 {ids[toksun][:8]}），而不是此主库 "
            f"shanshan.gpkg（主库标识 {ids[shanshan][:8]}）；未拉取任何内容：请从 toksun.gpkg "
            "拉取") in err, err
    assert Path(pkg).read_bytes() == before
    assert run("pull", pkg, toksun) == errors.OK


def test_a_test_copy_of_a_master_is_said_to_share_its_id(plan_gpkg, tmp_path, capsys):
    """A copy of the master's file keeps its id: the refusal says the two share it."""
    (toksun,) = _masters(plan_gpkg, tmp_path, "toksun.gpkg")
    assert run("init", toksun) == errors.OK
    shutil.copyfile(toksun, tmp_path / "toksun-test.gpkg")
    _, t7 = _package(toksun, tmp_path, "tab-07")
    same = _status(capsys, toksun)["master_id"]
    assert _status(capsys, tmp_path / "toksun-test.gpkg")["master_id"] == same
    assert run("merge", tmp_path / "toksun-test.gpkg", t7) == errors.REFUSED
    (said,) = _refused(capsys)
    assert said == (f"tab-07.zip: device 'tab-07' is not registered in this master: it was "
                    f"checked out from toksun.gpkg (master {same[:8]}), not this master, "
                    "toksun-test.gpkg, which has the same master id: one of them is a copy of "
                    "the other; merge it into toksun.gpkg"), said
    assert "两者主库标识相同：其中一个是另一个的副本" in chinese(said)


def test_status_tells_two_masters_of_one_plan_apart(plan_gpkg, tmp_path, capsys,
                                                    monkeypatch):
    toksun, shanshan = _masters(plan_gpkg, tmp_path, "toksun.gpkg", "shanshan.gpkg")
    assert run("init", shanshan) == errors.OK
    pkg, _ = _package(toksun, tmp_path, "tab-07")
    ids = {m: _status(capsys, m)["master_id"] for m in (toksun, shanshan)}
    assert None not in ids.values() and ids[toksun] != ids[shanshan]
    assert _status(capsys, pkg)["checked_out_from"] == {"name": "toksun.gpkg",
                                                        "master": ids[toksun]}
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    run("status", toksun)
    out = capsys.readouterr().out
    assert f"master id {ids[toksun]}\n主库标识 {ids[toksun]}\n" in out, out
    run("status", pkg)
    out = capsys.readouterr().out
    assert (f"checked out from toksun.gpkg (master {ids[toksun]})\n"
            f"签出自 toksun.gpkg（主库标识 {ids[toksun]}）\n") in out, out


def test_status_names_the_master_it_read_first(plan_gpkg, tmp_path, capsys, monkeypatch):
    """Two masters of one plan show the same project: status names the file it read, with
    the master's id, in its first lines, in Chinese too."""
    shanshan, = _masters(plan_gpkg, tmp_path, "shanshan.gpkg")
    assert run("init", shanshan) == errors.OK
    given = _status(capsys, shanshan)["master_id"]
    assert _status(capsys, shanshan)["file"] == str(shanshan)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    run("status", shanshan)
    first = capsys.readouterr().out.splitlines()[:4]
    assert first[0].startswith(f"master {shanshan}: device master ("), first
    assert first[1].startswith(f"主库 {shanshan}：设备 master（"), first
    assert first[2:] == [f"master id {given}", f"主库标识 {given}"], first


def test_init_says_the_master_id_it_gave(plan_gpkg, tmp_path, capsys, monkeypatch):
    toksun, = _masters(plan_gpkg, tmp_path, "toksun.gpkg")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert run("init", toksun) == errors.OK
    said = capsys.readouterr().out
    given = _status(capsys, toksun)["master_id"]
    assert f"\nmaster id {given}\n主库标识 {given}\n" in said, said


def test_a_package_from_before_the_record_is_refused_as_before(plan_gpkg, tmp_path, capsys):
    """A package that records no master (made by an earlier version): its manifest as it
    was, and another master's refusal as it was, where one checked out now names both."""
    toksun, shanshan = _masters(plan_gpkg, tmp_path, "toksun.gpkg", "shanshan.gpkg")
    _, new = _package(toksun, tmp_path, "tab-08")
    pkg = tmp_path / "old.gpkg"
    assert run("checkout", toksun, pkg, "--device", "tab-07", "--role", "gis") == errors.OK
    conn = sqlite3.connect(pkg)
    with conn:
        conn.execute("DELETE FROM sync_meta WHERE key = 'checked_out_from'")
    conn.close()
    edit(pkg, "UPDATE restoration_projects SET name_en = 'edited' WHERE fid = 1")
    out = tmp_path / "old.zip"
    assert run("export", pkg, out) == errors.OK
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert "master_name" not in manifest and "master_id" not in manifest
    capsys.readouterr()
    assert run("merge", shanshan, out, new) == errors.REFUSED
    old_said, new_said = _refused(capsys)
    assert old_said == ("old.zip: device 'tab-07' is not registered in this master (the "
                        "package is from another master made from the same plan, or altered)")
    assert new_said.startswith("tab-08.zip: device 'tab-08' is not registered in this "
                               "master: it was checked out from toksun.gpkg (master "), new_said
    assert run("pull", pkg, shanshan) == errors.REFUSED
    assert "device 'tab-07' is not registered in this master (the package is from another " \
        "master made from the same plan)" in capsys.readouterr().err
    assert run("merge", toksun, out, new) == errors.OK


def test_the_manifest_adds_the_master_to_the_fields_it_had(plan_gpkg, tmp_path, capsys):
    """The master travels in fields of its own, the others as they were, so an earlier
    version still reads the manifest."""
    (toksun,) = _masters(plan_gpkg, tmp_path, "toksun.gpkg")
    _, t7 = _package(toksun, tmp_path, "tab-07")
    with zipfile.ZipFile(t7) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    master = _status(capsys, toksun)["master_id"]
    assert (manifest["master_name"], manifest["master_id"]) == ("toksun.gpkg", master)
    assert {"format", "format_version", "project_uuid", "schema_version", "device", "role",
            "checkout", "base_seq", "after_seq", "seq_from", "seq_to", "counts", "members",
            "created_at", "tables"} <= set(manifest)


def test_a_package_of_another_project_names_the_master_it_came_from(plan_gpkg, tmp_path,
                                                                     capsys, monkeypatch):
    """A master made from another plan file (another project): the refusal of a merge and
    of a pull says which master the package was checked out from, and which this one is."""
    toksun, other = _masters(plan_gpkg, tmp_path, "toksun.gpkg", "other-plan.gpkg")
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE sync_state SET project_uuid = 'another-plan'")
    conn.close()
    pkg, out = _package(toksun, tmp_path, "gis-01")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert run("merge", other, out) == errors.REFUSED
    said = _refused(capsys)
    assert len(said) == 1 and said[0].startswith("gis-01.zip: package belongs to another "
                                                 "project ("), said
    assert said[0].endswith("): checked out from toksun.gpkg; this master is other-plan.gpkg")
    assert chinese(said[0]) == ("gis-01.zip：修改包属于另一个项目，不属于此主库：该数据包签出自 "
                                "toksun.gpkg；此主库是 other-plan.gpkg")
    assert run("pull", pkg, other) == errors.REFUSED
    err = capsys.readouterr().err
    assert (f"{pkg} belongs to another project: checked out from toksun.gpkg; this master is "
            "other-plan.gpkg") in err, err
    assert f"{pkg} 属于另一个项目：该数据包签出自 toksun.gpkg；此主库是 other-plan.gpkg" in err, err
