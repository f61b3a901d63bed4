# SPDX-License-Identifier: GPL-2.0-or-later
"""Two counties' masters in one database, a schema each, published from one plan: a package
of one merged or pulled into the other is refused naming both masters by database and
schema, with their ids, in Chinese too; ``status`` tells the two apart."""

import json
import shutil

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.postgis.cluster import query
from tests.unit.gpkg_factory import edit


def run(*argv) -> int:
    return main([str(a) for a in argv])


def _counties(cluster, database, plan_gpkg, tmp_path):
    db = query(database, "SELECT current_database()")[0][0]
    out = {}
    for county in ("toksun", "shanshan"):
        src = tmp_path / f"{county}-plan.gpkg"
        shutil.copyfile(plan_gpkg, src)
        out[county] = cluster.address(db, schema=county)
        assert run("init", out[county], "--from", src) == errors.OK
    return db, out


def _master_id(capsys, master) -> str:
    capsys.readouterr()
    run("status", master, "--json")
    return json.loads(capsys.readouterr().out)["master_id"]


def test_a_package_of_another_schemas_master_is_refused_naming_both(
        cluster, database, plan_gpkg, tmp_path, capsys, monkeypatch):
    db, county = _counties(cluster, database, plan_gpkg, tmp_path)
    toksun, shanshan = county["toksun"], county["shanshan"]
    assert run("checkout", shanshan, tmp_path / "s9.gpkg", "--device", "tab-09") == errors.OK
    zips = {}
    for device in ("tab-07", "tab-09"):
        pkg = tmp_path / f"{device}.gpkg"
        assert run("checkout", toksun, pkg, "--device", device, "--role", "gis") == errors.OK
        edit(pkg, "UPDATE restoration_projects SET name_en = 'edited' WHERE fid = 1")
        zips[device] = pkg.with_suffix(".zip")
        assert run("export", pkg, zips[device]) == errors.OK
    ids = {c: _master_id(capsys, county[c]) for c in county}
    assert None not in ids.values() and ids["toksun"] != ids["shanshan"]
    capsys.readouterr()
    assert run("pull", tmp_path / "tab-07.gpkg", shanshan) == errors.REFUSED
    here = f"{db} (schema shanshan) (master {ids['shanshan'][:8]})"
    came = f"{db} (schema toksun) (master {ids['toksun'][:8]})"
    assert (f"it was checked out from {came}, not this master, {here}; nothing was pulled: "
            f"pull it from {db} (schema toksun)") in capsys.readouterr().err
    assert run("merge", shanshan, zips["tab-07"], zips["tab-09"]) == errors.REFUSED
    said = [line[len("REFUSED "):] for line in capsys.readouterr().out.splitlines()
            if line.startswith("REFUSED ")]
    both = (f"it was checked out from {came}, not this master, {here}; merge it into {db} "
            "(schema toksun)")
    assert said == [f"tab-07.zip: device 'tab-07' is not registered in this master: {both}",
                    f"tab-09.zip: wrong signature for device 'tab-09': {both}"], said
    assert chinese(said[0]) == (
        f"tab-07.zip：设备 tab-07 未在此主库登记：该数据包签出自 {db}（模式 toksun）（主库标识 "
        f"{ids['toksun'][:8]}），而不是此主库 {db}（模式 shanshan）（主库标识 "
        f"{ids['shanshan'][:8]}）；请合并到 {db}（模式 toksun）")
    assert query(shanshan, "SELECT count(*) FROM sync_merges") == [(0,)]
    assert run("merge", toksun, zips["tab-07"], zips["tab-09"]) == errors.OK
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    run("status", tmp_path / "tab-07.gpkg")
    out = capsys.readouterr().out
    assert f"checked out from {db} (schema toksun) (master {ids['toksun']})\n" in out, out
    assert f"签出自 {db}（模式 toksun）（主库标识 {ids['toksun']}）\n" in out, out


def test_a_master_from_before_its_id_gets_one_at_its_checkout(
        cluster, database, plan_gpkg, tmp_path, capsys):
    """A master published by an earlier version (no id of its own) is given one by its
    next checkout, kept in the database, which the package records."""
    _, county = _counties(cluster, database, plan_gpkg, tmp_path)
    toksun = county["toksun"]
    query(toksun, "DELETE FROM sync_meta WHERE key = 'master_id'")
    assert _master_id(capsys, toksun) is None
    pkg = tmp_path / "tab-07.gpkg"
    assert run("checkout", toksun, pkg, "--device", "tab-07") == errors.OK
    given = _master_id(capsys, toksun)
    assert given and query(toksun, "SELECT value FROM sync_meta WHERE key = 'master_id'") == [
        (given,)]
    capsys.readouterr()
    run("status", pkg, "--json")
    assert json.loads(capsys.readouterr().out)["checked_out_from"]["master"] == given


def test_init_and_status_name_the_master_by_database_and_schema(
        cluster, database, plan_gpkg, tmp_path, capsys, monkeypatch):
    """``service=NAME`` takes the service's database and the default schema, unsaid: status
    names the master it read by both, with its id, in its first lines; init says the id it
    gave."""
    db = query(database, "SELECT current_database()")[0][0]
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[county]\nhost={cluster.dir}\nport={cluster.port}\nuser=postgres\n"
                        f"dbname={db}\n", encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    capsys.readouterr()
    assert run("init", "service=county", "--from", src) == errors.OK
    said = capsys.readouterr().out
    given = _master_id(capsys, "service=county")
    assert f"\nmaster id {given}\n主库标识 {given}\n" in said, said
    assert run("status", "service=county") == errors.OK
    first = capsys.readouterr().out.splitlines()[:4]
    assert first[0].startswith(f"master PostgreSQL {db} (schema toksun): device "), first
    assert first[1].startswith(f"主库 PostgreSQL {db}（模式 toksun）：设备 "), first
    assert first[2:] == [f"master id {given}", f"主库标识 {given}"], first
    run("status", "service=county", "--json")
    assert json.loads(capsys.readouterr().out)["file"] == f"PostgreSQL {db} (schema toksun)"


def test_a_package_of_another_project_names_both_masters(
        cluster, database, plan_gpkg, tmp_path, capsys, monkeypatch):
    """A schema published from another plan file (another project): a package of one
    merged or pulled into the other is refused saying which master it was checked out from
    and which this one is, by database and schema, in Chinese too."""
    db, county = _counties(cluster, database, plan_gpkg, tmp_path)
    toksun, shanshan = county["toksun"], county["shanshan"]
    query(shanshan, "UPDATE sync_state SET project_uuid = 'another-plan'")
    pkg = tmp_path / "w-gis.gpkg"
    assert run("checkout", toksun, pkg, "--device", "w-gis", "--role", "gis") == errors.OK
    edit(pkg, "UPDATE restoration_projects SET name_en = 'edited' WHERE fid = 1")
    assert run("export", pkg, tmp_path / "w-gis.zip") == errors.OK
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert run("merge", shanshan, tmp_path / "w-gis.zip") == errors.REFUSED
    out = capsys.readouterr().out
    came = f"checked out from {db} (schema toksun); this master is {db} (schema shanshan)"
    assert f"master is another-plan): {came}\n" in out, out
    assert (f"w-gis.zip：修改包属于另一个项目，不属于此主库：该数据包签出自 {db}（模式 toksun）；"
            f"此主库是 {db}（模式 shanshan）\n") in out, out
    assert run("pull", pkg, shanshan) == errors.REFUSED
    err = capsys.readouterr().err
    assert f"{pkg} belongs to another project: {came}\n" in err, err
    assert (f"{pkg} 属于另一个项目：该数据包签出自 {db}（模式 toksun）；此主库是 "
            f"{db}（模式 shanshan）\n") in err, err
