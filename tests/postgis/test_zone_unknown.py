# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master's time zone (its sync_meta's ``postgres_time_zone``) typed by hand
as one PostgreSQL does not know: every command on the master stops before it reads or
writes anything, naming the zone and how to set it, in English and in Chinese, with the
exit code of a master that is refused (3); never PostgreSQL's raw error."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.errors import Refused
from field_kit.sync.postgis import address
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import export
from tests.postgis.test_session_settings import set_up
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit


def _said(db: str, zone: str) -> tuple[str, str]:
    """What the master refused for ``zone`` says: in English, and in Chinese."""
    update = ("UPDATE \"og\".sync_meta SET value = 'Asia/Shanghai' WHERE key = "
              "'postgres_time_zone'")
    return (f"{db} (schema og): the master's time zone in sync_meta (postgres_time_zone) is "
            f"'{zone}', which PostgreSQL does not know; the master's times are read and "
            "logged in that zone: set it to the zone the master was set up in, e.g. "
            f"{update}; nothing was changed",
            f"{db}（模式 og）：主库 sync_meta 中记录的时区（postgres_time_zone）为 '{zone}'，"
            "PostgreSQL 不认识该时区；主库的时间按此时区读取并记入日志：请将其改为建立主库时"
            f"所用的时区，例如 {update}；未作任何更改")


@pytest.mark.parametrize("zone", ["Asia/Shangai", "Beijing"])
def test_every_command_on_a_master_whose_zone_postgres_does_not_know_names_it(
        cluster, database, tmp_path, capsys, monkeypatch, zone):
    db, og = set_up(cluster, database, capsys)
    pkg = tmp_path / "a.gpkg"
    code, said = cli_said(capsys, "checkout", og, pkg, "--device", "a", "--role", "gis")
    assert code == errors.OK, said
    edit(pkg, "UPDATE wells SET v = '2 days' WHERE code = 'R0'")
    sent = export(pkg, tmp_path)
    typed = "UPDATE og.sync_meta SET value = '{}' WHERE key = 'postgres_time_zone'"
    cluster.sql(typed.format(zone), db=db)
    # (read through the database's default schema, which holds no master)
    logged = query(database, "SELECT count(*) FROM og.sync_changes")

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    en, zh = _said(db, zone)
    for argv in (["status", og], ["log", og], ["history", og, "R0"], ["conflicts", og],
                 ["pull", pkg, og], ["merge", og, sent], ["repair", og],
                 ["checkout", og, tmp_path / "b.gpkg", "--device", "b", "--role", "gis"]):
        code, out, err = cli(capsys, *argv)
        assert (code, err) == (errors.REFUSED, f"field-kit: {en}\nfield-kit: {zh}\n"), (argv, err)
        assert out == "", argv
    # nothing was read into the package, nothing written to the master
    assert query(database, "SELECT count(*) FROM og.sync_changes") == logged
    assert query(database, "SELECT count(*) FROM og.sync_devices WHERE device = 'b'") == [
        (0,)]
    assert not (tmp_path / "b.gpkg").exists()

    # set as the message says, the master opens again
    cluster.sql(typed.format("Asia/Shanghai"), db=db)
    monkeypatch.delenv("LANG")
    code, said = cli_said(capsys, "merge", og, sent)
    assert code == errors.OK, said


def test_the_zone_renewed_capture_writes_in_is_refused_alike(cluster, database, capsys):
    """Capture renewed (repair, an earlier version's functions) writes the master's zone
    into its functions: one PostgreSQL does not know is refused by the same words."""
    db, og = set_up(cluster, database, capsys)
    pg = address.connect(og)
    try:
        with pg.cursor() as cur:
            cur.execute("UPDATE sync_meta SET value = 'Asia/Shangai' WHERE key = %s",
                        (address.ZONE,))
            with pytest.raises(Refused) as refused:
                address.master_zone(cur)
    finally:
        pg.close()
    assert refused.value.message == _said(db, "Asia/Shangai")[0]
    assert query(og, "SELECT value FROM sync_meta WHERE key = 'postgres_time_zone'") == [
        ("Asia/Shanghai",)]
