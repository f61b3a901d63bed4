# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master's time zone (its sync_meta's ``postgres_time_zone``) typed by hand:
one PostgreSQL does not know (``Asia/Shangai``), or one it reads otherwise than meant
(``UTC+8 Beijing``, POSIX's 8 hours west of UTC) where the master's capture writes times
in another. Every command on the master stops before it reads or writes anything, naming
the zone and how to set it, in English and in Chinese, with the exit code of a master that
is refused (3); never PostgreSQL's raw error, never times read in another zone than their
log's."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.errors import Refused
from field_kit.sync.postgis import address, sql
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import export
from tests.postgis.test_session_settings import set_up
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit

TYPED = "UPDATE og.sync_meta SET value = '{}' WHERE key = 'postgres_time_zone'"
UPDATE = "UPDATE \"og\".sync_meta SET value = 'Asia/Shanghai' WHERE key = 'postgres_time_zone'"
SAID = "{db} (schema og): the master's time zone in sync_meta (postgres_time_zone) is '{zone}'"
SAID_ZH = "{db}（模式 og）：主库 sync_meta 中记录的时区（postgres_time_zone）为 '{zone}'"


def _said(db: str, zone: str, *, capture: bool = True) -> tuple[str, str]:
    """What the master refused for ``zone`` says, in English and in Chinese: where its
    ``capture`` writes times in Asia/Shanghai, or (an earlier version's) in none."""
    en, zh = SAID.format(db=db, zone=zone), SAID_ZH.format(db=db, zone=zone)
    if zone == "UTC+8 Beijing":
        return (f"{en}, but its capture writes times in 'Asia/Shanghai', the zone the master "
                "was set up in: its times would be read in the one and logged in the other; "
                f"set it back: {UPDATE}; nothing was changed",
                f"{zh}，而修改记录按建立主库时所用的时区 'Asia/Shanghai' 写入时间：主库的时间将按"
                f"前者读取、按后者记入日志；请改回：{UPDATE}；未作任何更改")
    en += (", which PostgreSQL does not know; the master's times are read and logged in that "
           "zone: set it to the zone the master was set up in")
    zh += "，PostgreSQL 不认识该时区；主库的时间按此时区读取并记入日志："
    if capture:
        return (f"{en}, which its capture writes times in: {UPDATE}; nothing was changed",
                f"{zh}请将其改回建立主库时所用、修改记录写入时间所用的时区：{UPDATE}；未作任何更改")
    return (f"{en}, e.g. {UPDATE}; nothing was changed",
            f"{zh}请将其改为建立主库时所用的时区，例如 {UPDATE}；未作任何更改")


def _edited(cluster, database, tmp_path, capsys):
    """(the database, the master, a GIS package of it, that package's export of an edit of
    an interval)."""
    db, og = set_up(cluster, database, capsys)
    pkg = tmp_path / "a.gpkg"
    code, said = cli_said(capsys, "checkout", og, pkg, "--device", "a", "--role", "gis")
    assert code == errors.OK, said
    edit(pkg, "UPDATE wells SET v = '2 days' WHERE code = 'R0'")
    return db, og, pkg, export(pkg, tmp_path)


@pytest.mark.parametrize("zone", ["Asia/Shangai", "Beijing", "UTC+8 Beijing"])
def test_every_command_on_a_master_whose_zone_was_typed_wrong_names_it(
        cluster, database, tmp_path, capsys, monkeypatch, zone):
    db, og, pkg, sent = _edited(cluster, database, tmp_path, capsys)
    cluster.sql(TYPED.format(zone), db=db)
    # (read through the database's default schema, which holds no master)
    logged = query(database, "SELECT count(*) FROM og.sync_changes")

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    en, zh = _said(db, zone)
    for argv in (["status", og], ["log", og], ["history", og, "R0"], ["conflicts", og],
                 ["pull", pkg, og], ["merge", og, sent], ["repair", og],
                 ["checkout", og, tmp_path / "b.gpkg", "--device", "b", "--role", "gis"]):
        code, out, err = cli(capsys, *argv)
        assert (code, err) == (errors.REFUSED, f"field-kit: {en}\nfield-kit: {zh}\n"), (
            argv, err)
        assert out == "", argv
    # nothing was read into the package, nothing written to the master
    assert query(database, "SELECT count(*) FROM og.sync_changes") == logged
    assert query(database, "SELECT count(*) FROM og.sync_devices WHERE device = 'b'") == [
        (0,)]
    assert query(database, "SELECT proconfig FROM pg_proc WHERE oid = "
                 "'og.toksun_capture()'::regprocedure")[0][0][1:] == [
        "TimeZone=Asia/Shanghai", "IntervalStyle=postgres"]
    assert not (tmp_path / "b.gpkg").exists()

    # set as the message says, the master opens again
    cluster.sql(TYPED.format("Asia/Shanghai"), db=db)
    monkeypatch.delenv("LANG")
    code, said = cli_said(capsys, "merge", og, sent)
    assert code == errors.OK, said


def test_a_master_of_an_earlier_version_is_given_a_zone_to_set(cluster, database, capsys):
    """Its capture writes times in no zone of its own: the zone set up in is not known, and
    China's is given for an example."""
    db, og = set_up(cluster, database, capsys)
    earlier = sql.functions_sql("og", "UTC").replace(sql.VERSION, "toksun capture 13")
    cluster.sql("SET search_path = og, public; " + earlier.replace(
        " SET TimeZone = 'UTC' SET IntervalStyle = 'postgres'", ""), db=db)
    cluster.sql(TYPED.format("Asia/Shangai"), db=db)
    code, out, err = cli(capsys, "status", og)
    en = _said(db, "Asia/Shangai", capture=False)[0]
    assert (code, out, err) == (errors.REFUSED, "", f"field-kit: {en}\n")


@pytest.mark.parametrize("zone", ["Asia/Shangai", "UTC+8 Beijing"])
def test_the_zone_renewed_capture_writes_in_is_refused_alike(cluster, database, capsys, zone):
    """Capture renewed (repair, an earlier version's functions) writes the master's zone
    into its functions: a zone typed wrong is refused by the same words."""
    db, og = set_up(cluster, database, capsys)
    pg = address.connect(og)
    try:
        with pg.cursor() as cur:
            cur.execute("UPDATE sync_meta SET value = %s WHERE key = %s", (zone, address.ZONE))
            with pytest.raises(Refused) as refused:
                address.master_zone(cur)
    finally:
        pg.close()
    assert refused.value.message == _said(db, zone)[0]
    assert query(og, "SELECT value FROM sync_meta WHERE key = 'postgres_time_zone'") == [
        ("Asia/Shanghai",)]


def test_another_name_of_the_masters_zone_is_its_zone(cluster, database, tmp_path, capsys):
    """PRC typed for Asia/Shanghai (or Etc/UTC for UTC): another name of the zone the
    capture writes in reads every time alike, so the master opens and merges as before."""
    db, og, pkg, sent = _edited(cluster, database, tmp_path, capsys)
    cluster.sql(TYPED.format("PRC"), db=db)
    for argv in (["status", og], ["merge", og, sent]):
        code, said = cli_said(capsys, *argv)
        assert code == errors.OK, (argv, said)
        assert "time zone" not in said, said
