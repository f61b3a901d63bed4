# SPDX-License-Identifier: GPL-2.0-or-later
"""The server of a PostgreSQL master stopped in the middle of a command (``pg_ctl -m
immediate stop``: every session cut off mid-statement, as in a crash), at the awkward
moments: each command says the connection was lost, by name, with exit 2 and in Chinese
too, never an internal error; the master is whole, and the command run again does it. A
command through before the server stopped stands, and names the check after it that could
not run."""

import os

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import masters
from field_kit.sync import pull as sync_pull
from field_kit.sync.postgis import copy_in, existing, publish, roles, stage
from tests.postgis import test_postgis_master
from tests.postgis.cluster import Cluster
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, cli_json, export, in_gpkg, value
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

GONE = "server closed the connection unexpectedly"
master = test_postgis_master.master  # (the fixture, on this module's cluster)


@pytest.fixture(scope="module")
def cluster():
    """A cluster of its own (the fixture ``database`` makes its databases there): stopped
    on purpose, started again."""
    c = Cluster()
    yield c
    c.stop()


@pytest.fixture
def stop_at(cluster, monkeypatch):
    """``stop_at(owner, name, when)``: the server stopped at once the first time
    ``owner.name`` is called (with arguments ``when`` accepts), just before it runs
    (``after=True``: just after); running again when the test ends."""
    def place(owner, name, when=lambda *a, **k: True, after=False):
        real = getattr(owner, name)
        stopped: list[bool] = []

        def stopping(*args, **kwargs):
            here = not stopped and when(*args, **kwargs)
            if here:
                stopped.append(True)
            if here and not after:
                cluster.halt("immediate")
            out = real(*args, **kwargs)
            if here and after:
                cluster.halt("immediate")
            return out
        monkeypatch.setattr(owner, name, stopping)
    yield place
    if not os.path.exists(os.path.join(cluster.data, "postmaster.pid")):
        cluster.start()


def lost(capsys, monkeypatch, cluster, argv, *, committing=False, checkout=False):
    """Run ``argv`` (its hook stops the server) under a Chinese locale: exit 2, the connection
    said lost, in English and in Chinese, never an internal error; then the server is
    started again and the hooks taken away. ``checkout``: a checkout's commit, said in its
    own words."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    db = argv[1].split("dbname=")[1].split()[0]
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    cluster.start()
    monkeypatch.undo()
    assert "internal error" not in err, err
    assert code == errors.BAD_INPUT, err
    if checkout:
        assert f"field-kit: connection to the database {db} (schema toksun) lost while " \
               f"committing a checkout ({GONE}): no package was made: run the same checkout " \
               "again once the database is back, which makes it (no --replace needed, " \
               "whether the device was registered or not)\n" in err, err
        assert f"field-kit: 提交签出时与数据库 {db}（模式 toksun）的连接中断：未生成数据包：请在" \
               "数据库恢复后再次运行同一签出命令，即可生成（无论设备是否已登记，都无需 " \
               "--replace）\n" in err, err
    elif committing:
        assert f"field-kit: connection to the database {db} (schema toksun) lost while " \
               f"committing ({GONE}): run it again once the database is back" in err, err
        assert f"field-kit: 提交时与数据库 {db}（模式 toksun）的连接中断" in err, err
    else:
        assert f"field-kit: connection to the database {db} (schema toksun) lost ({GONE}); " \
               "nothing was changed: run it again once the database is back" in err, err
        assert f"field-kit: 与数据库 {db}（模式 toksun）的连接中断；未作任何更改" in err, err
    assert len(err.strip().splitlines()) == 2, err  # the line and its Chinese, no more
    return err


def _two_edits(database, tmp):
    """A GIS package changing the phase of two patches: (its zip, their uuids)."""
    pkg = checkout(database, tmp, "gis-a")
    uuids = [u for (u,) in rows(database, "SELECT uuid FROM mine_patches ORDER BY fid LIMIT 2")]
    for u in uuids:
        edit(pkg, "UPDATE mine_patches SET phase = 'done' WHERE uuid = ?", u)
    return export(pkg, tmp), uuids


def _whole(database, uuids, phase):
    """The master as it was: the rows hold ``phase``, its log and capture whole."""
    assert [value(database, "SELECT phase FROM mine_patches WHERE uuid = %s", u)
            for u in uuids] == [phase] * len(uuids)
    assert main(["status", database]) in (errors.OK, errors.CONFLICTS)


@pytest.mark.parametrize("moment", ["write_back", "copy", "commit"])
def test_a_merge_whose_server_stops_says_the_connection_lost(master, cluster, stop_at,
                                                             monkeypatch, capsys, moment):
    """Stopped as the merge begins to write (its first statement fails, and so does the
    rollback after it), in a COPY of what it writes while SQLite still reads what the stage
    held (the stage's database ``before`` cannot be detached then), or just before the
    commit."""
    database, _, tmp = master
    zipped, uuids = _two_edits(database, tmp)
    if moment == "copy":
        monkeypatch.setattr(copy_in, "CHUNK", 1)  # a COPY sent with rows still to read
        stop_at(copy_in, "copy_rows", lambda cur, target, *a: target == "toksun_upd")
    else:
        stop_at(stage.Stage, "write_back", after=moment == "commit")
    lost(capsys, monkeypatch, cluster, ["merge", database, zipped],
         committing=moment == "commit")
    _whole(database, uuids, "planned")
    assert value(database, "SELECT count(*) FROM sync_merges") == 0
    assert main(["merge", database, zipped]) == 0
    _whole(database, uuids, "done")


def test_a_checkout_whose_server_stops_while_staging_leaves_no_package(
        master, cluster, stop_at, monkeypatch, capsys):
    database, _, tmp = master
    out = tmp / "late.gpkg"
    stop_at(stage.Stage, "copy", lambda self, name, *a, **k: name == "mine_patches")
    lost(capsys, monkeypatch, cluster, ["checkout", database, str(out), "--device", "late"])
    assert not out.exists() and not list(tmp.glob("late.gpkg*"))
    assert value(database, "SELECT count(*) FROM sync_devices WHERE device = 'late'") == 0
    assert main(["checkout", database, str(out), "--device", "late"]) == 0
    assert in_gpkg(out, "SELECT count(*) FROM mine_patches") == 20


def test_a_checkout_whose_server_stops_as_it_registers_leaves_no_file(
        master, cluster, stop_at, monkeypatch, capsys):
    """Stopped once the package is written, as the device's registration is written back:
    nothing was changed, and no unfinished package (late.gpkg.part) is left beside it."""
    database, _, tmp = master
    out = tmp / "late.gpkg"
    stop_at(stage.Stage, "write_back")
    lost(capsys, monkeypatch, cluster, ["checkout", database, str(out), "--device", "late"])
    assert not list(tmp.glob("late.gpkg*")), list(tmp.glob("late.gpkg*"))
    assert value(database, "SELECT count(*) FROM sync_devices WHERE device = 'late'") == 0
    assert main(["checkout", database, str(out), "--device", "late"]) == 0
    assert in_gpkg(out, "SELECT count(*) FROM mine_patches") == 20


def test_a_checkout_whose_unfinished_file_cannot_be_removed_names_it(
        master, cluster, stop_at, monkeypatch, capsys):
    """The same, the unfinished package not removable (a USB stick pulled out, say): the
    message names it to delete, in English and in Chinese."""
    database, _, tmp = master
    out = tmp / "late.gpkg"
    stop_at(stage.Stage, "write_back")

    def held(path):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(masters, "remove_database", held)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    code = main(["checkout", database, str(out), "--device", "late"])
    err = capsys.readouterr().err
    cluster.start()
    monkeypatch.undo()
    assert code == errors.BAD_INPUT, err
    part = f"{out}.part"
    assert f"nothing was changed: run it again once the database is back; its unfinished " \
           f"package {part} could not be removed (Permission denied): delete it\n" in err, err
    assert f"未写完的数据包 {part} 未能删除（Permission denied）：请删除它\n" in err, err
    assert os.path.exists(part)


def _conflicts(database, tmp, capsys):
    """Two conflicts, of one merge: (its id, the rows' uuids)."""
    zipped, uuids = _two_edits(database, tmp)
    for u in uuids:
        rows(database, "UPDATE mine_patches SET phase = 'from-qgis' WHERE uuid = %s", u)
    code, out = cli_json(capsys, "merge", database, zipped)
    assert code == 1 and out["totals"]["conflict"] == 2, out
    return out["merges"][0]["merge_id"], uuids


@pytest.mark.parametrize("moment", ["write_back", "copy"])
def test_resolve_all_whose_server_stops_says_the_connection_lost(master, cluster, stop_at,
                                                                 monkeypatch, capsys, moment):
    database, _, tmp = master
    merge_id, uuids = _conflicts(database, tmp, capsys)
    if moment == "copy":
        monkeypatch.setattr(copy_in, "CHUNK", 1)
        stop_at(copy_in, "copy_rows", lambda cur, target, *a: target == "toksun_upd")
    else:
        stop_at(stage.Stage, "write_back")
    lost(capsys, monkeypatch, cluster,
         ["resolve", database, "--all", merge_id, "--take", "theirs"])
    _whole(database, uuids, "from-qgis")
    assert value(database, "SELECT count(*) FROM sync_conflicts WHERE status = 'open'") == 2
    assert main(["resolve", database, "--all", merge_id, "--take", "theirs"]) == 0
    _whole(database, uuids, "done")


@pytest.mark.parametrize("moment", ["staging", "write_back", "commit"])
def test_undo_merge_whose_server_stops_says_the_connection_lost(master, cluster, stop_at,
                                                                monkeypatch, capsys, moment):
    database, _, tmp = master
    zipped, uuids = _two_edits(database, tmp)
    code, out = cli_json(capsys, "merge", database, zipped)
    assert code == 0, out
    merge_id = out["merges"][0]["merge_id"]
    if moment == "staging":
        stop_at(stage.Stage, "copy_rows")
    else:
        stop_at(stage.Stage, "write_back", after=moment == "commit")
    lost(capsys, monkeypatch, cluster, ["undo-merge", database, merge_id],
         committing=moment == "commit")
    _whole(database, uuids, "done")
    assert main(["undo-merge", database, merge_id]) == 0
    _whole(database, uuids, "planned")


def test_init_repair_and_grants_whose_server_stops_say_the_connection_lost(
        database, cluster, stop_at, monkeypatch, capsys, tmp_path):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    stop_at(publish, "_schema_made")
    lost(capsys, monkeypatch, cluster, ["init", database, "--from", src])
    assert value(database, "SELECT to_regclass('sync_state') IS NULL")
    assert main(["init", database, "--from", src]) == 0
    stop_at(publish, "install_numbering")
    lost(capsys, monkeypatch, cluster, ["repair", database])
    cluster.sql("CREATE ROLE gis_staff LOGIN")
    stop_at(roles, "editor_grants")
    lost(capsys, monkeypatch, cluster, ["grants", database, "--editor", "gis_staff"])
    assert value(database, "SELECT has_table_privilege('gis_staff', 'mine_patches', "
                           "'UPDATE')") is False
    assert main(["grants", database, "--editor", "gis_staff"]) == 0
    assert main(["repair", database]) == 0


def test_grants_taken_back_whose_server_stops_take_back_nothing(
        database, cluster, stop_at, monkeypatch, capsys, tmp_path):
    """The server stopped once every REVOKE ran, before the commit: the connection said
    lost, and the role keeps all it had (one transaction); run again, it is taken back."""
    assert main(["init", database, "--from", make_gpkg(tmp_path / "src.gpkg", patches=5)]) == 0
    cluster.sql("CREATE ROLE gis_leaving LOGIN")  # (a role of this test alone)
    assert main(["grants", database, "--editor", "gis_leaving"]) == 0
    calls: list[int] = []
    stop_at(roles, "_held", lambda *a: calls.append(1) or len(calls) == 2)  # (after REVOKE)
    lost(capsys, monkeypatch, cluster, ["grants", database, "--editor", "gis_leaving",
                                        "--revoke"])
    held = "SELECT has_table_privilege('gis_leaving', 'mine_patches', '{}')"
    assert value(database, held.format("UPDATE")) and value(database, held.format("SELECT"))
    assert main(["grants", database, "--editor", "gis_leaving", "--revoke"]) == 0
    assert not value(database, held.format("UPDATE"))
    assert not value(database, held.format("SELECT"))


def test_init_of_tables_already_there_whose_server_stops_says_the_connection_lost(
        database, cluster, stop_at, monkeypatch, capsys):
    rows(database, "CREATE SCHEMA toksun; CREATE TABLE toksun.plots (id serial PRIMARY KEY, "
                   "code text); INSERT INTO toksun.plots (code) VALUES ('P1')")
    stop_at(existing, "give_uuids")
    lost(capsys, monkeypatch, cluster, ["init", database])
    assert value(database, "SELECT to_regclass('sync_state') IS NULL")
    assert main(["init", database]) == 0
    assert value(database, "SELECT count(*) FROM sync_tables WHERE tbl = 'plots'") == 1


def test_a_pull_through_before_the_server_stopped_stands_and_names_the_check_left(
        master, cluster, stop_at, monkeypatch, capsys):
    """The server stopped once the pull has read what it brings: the pull is done (exit 0,
    what it brought said); the check for NaN in those rows, which reads the master again
    afterwards, could not run, and says so."""
    database, src, tmp = master
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp, "tab-a", role="technician")
    rows(database, "UPDATE mine_patches SET mineral = 'copper' WHERE uuid = %s", u)
    stop_at(sync_pull, "pull", after=True)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    code = main(["pull", str(pkg), database])
    said = capsys.readouterr()
    db = database.split("dbname=")[1].split()[0]
    assert code == errors.OK, said.err
    assert f"pulled into {pkg}: applied 1, already 0, conflicts 0" in said.out, said.out
    assert f"field-kit: warning: the rows pulled were not checked for NaN: {db} (schema " \
           "toksun) cannot be reached now (No such file or directory. Is the server running" \
           in said.err, said.err
    assert "where the master holds NaN in them, the package holds it as empty (NULL)" in \
        said.err
    assert f"field-kit: 注意：拉取的要素未检查 NaN（非数值）：此时无法连接 {db}（模式 toksun），" \
           "数据库服务器未运行或无法访问" in said.err, said.err
    assert in_gpkg(pkg, "SELECT mineral FROM mine_patches WHERE uuid = ?", u) == "copper"
    cluster.start()
    monkeypatch.undo()
    capsys.readouterr()
    assert main(["pull", str(pkg), database]) == 0
    assert "applied 0, already 0" in capsys.readouterr().out


def test_a_checkout_through_before_the_server_stopped_stands_and_names_the_check_left(
        master, cluster, stop_at, monkeypatch, capsys):
    database, _, tmp = master
    out = tmp / "tab-b.gpkg"
    stop_at(masters, "nan_held")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    code = main(["checkout", database, str(out), "--device", "tab-b"])
    said = capsys.readouterr()
    assert code == errors.OK, said.err
    assert f"field package {out} for device tab-b" in said.out
    assert "field-kit: warning: the rows checked out were not checked for NaN: " in said.err
    assert "field-kit: 注意：签出的要素未检查 NaN（非数值）：此时无法连接 " in said.err
    cluster.start()
    monkeypatch.undo()
    assert value(database, "SELECT count(*) FROM sync_devices WHERE device = 'tab-b'") == 1
    conn = connect(out, readonly=True)
    try:
        assert conn.execute("SELECT count(*) FROM mine_patches").fetchone()[0] == 20
    finally:
        conn.close()


def _command(name, database, cluster, tmp):
    """The command line of ``name`` on ``database``, made ready to run: ``init --from`` a
    GeoPackage; ``init`` of tables already there; ``repair`` and ``grants`` of a master."""
    src = make_gpkg(tmp / "src.gpkg", patches=5)
    if name == "init --from":
        return ["init", database, "--from", src]
    if name == "init":
        rows(database, "CREATE SCHEMA toksun; CREATE TABLE toksun.plots (id serial PRIMARY "
                       "KEY, code text); INSERT INTO toksun.plots (code) VALUES ('P1')")
        return ["init", database]
    assert main(["init", database, "--from", src]) == 0
    if name == "repair":
        return ["repair", database]
    cluster.sql("DO $$ BEGIN CREATE ROLE gis_staff LOGIN; EXCEPTION WHEN duplicate_object "
                "THEN NULL; END $$")
    return ["grants", database, "--editor", "gis_staff"]


@pytest.mark.parametrize("name", ["init --from", "init", "repair", "grants"])
def test_a_server_stopping_as_the_command_connects_says_the_connection_lost(
        database, cluster, stop_at, monkeypatch, capsys, tmp_path, name):
    """The server stopped just after it took the connection, before its first statement."""
    import psycopg2
    argv = _command(name, database, cluster, tmp_path)
    stop_at(psycopg2, "connect", after=True)
    lost(capsys, monkeypatch, cluster, argv)
    assert main(argv) == 0


@pytest.mark.parametrize("name", ["init --from", "init", "repair", "grants"])
def test_a_server_refusing_connections_is_said_by_name(database, cluster, monkeypatch, capsys,
                                                       tmp_path, name):
    """No server on the address's port: the master it names cannot be reached, said with
    libpq's reason, exit 2, in Chinese too."""
    argv = _command(name, database, cluster, tmp_path)
    argv[1] = argv[1].replace(f"port={cluster.port}", f"port={cluster.port + 1}")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    capsys.readouterr()
    code = main(argv)
    err = capsys.readouterr().err
    db = database.split("dbname=")[1].split()[0]
    assert code == errors.BAD_INPUT, err
    assert f"field-kit: cannot connect to {db} (schema toksun): " in err, err
    assert "Is the server running" in err, err
    assert f"field-kit: 无法连接 PostgreSQL 主库 {db}（模式 toksun）：数据库服务器未运行" in \
        err, err
    assert len(err.strip().splitlines()) == 2, err


@pytest.mark.parametrize("command", ["pull", "checkout"])
def test_the_nan_check_whose_server_stops_as_it_connects_names_the_check_left(
        master, cluster, stop_at, monkeypatch, capsys, command):
    """The command is through; the server stops just after the check for NaN that follows
    it got its connection: the command stands, and the check that could not run is said."""
    import psycopg2
    database, _, tmp = master
    pkg = checkout(database, tmp, "tab-c", role="technician")
    argv = ["pull", str(pkg), database] if command == "pull" else \
        ["checkout", database, str(tmp / "tab-d.gpkg"), "--device", "tab-d"]
    real = masters.nan_held

    def checked(*args, **kwargs):
        stop_at(psycopg2, "connect", after=True)
        return real(*args, **kwargs)
    monkeypatch.setattr(masters, "nan_held", checked)
    capsys.readouterr()
    code = main(argv)
    said = capsys.readouterr()
    cluster.start()
    monkeypatch.undo()
    assert code == errors.OK, said.err
    done = "pulled" if command == "pull" else "checked out"
    assert f"field-kit: warning: the rows {done} were not checked for NaN: " in said.err, \
        said.err
    assert "internal error" not in said.err, said.err


def test_a_checkout_committed_whose_answer_was_lost_is_made_again_when_run_again(
        master, cluster, monkeypatch, capsys):
    """The database commits the checkout (the device registered) and the server stops
    before its answer comes: the command says the connection was lost while committing and
    hands over no package; the same checkout run again makes it (nobody has the first),
    not refused as a device with a package already."""
    import psycopg2

    from field_kit.sync.postgis import address
    database, _, tmp = master
    out = tmp / "late.gpkg"
    real = address.commit

    def committed_then_stopped(target, pg):
        real(target, pg)
        cluster.halt("immediate")
        raise address.connection_lost(target, psycopg2.OperationalError(GONE),
                                      committing=True)
    monkeypatch.setattr(address, "commit", committed_then_stopped)
    lost(capsys, monkeypatch, cluster, ["checkout", database, str(out), "--device", "late"],
         checkout=True)
    assert not out.exists()
    assert value(database, "SELECT count(*) FROM sync_devices WHERE device = 'late'") == 1
    capsys.readouterr()
    assert main(["checkout", database, str(out), "--device", "late"]) == 0, \
        capsys.readouterr().err
    assert not list(tmp.glob("late.gpkg.*"))
    assert in_gpkg(out, "SELECT checkout_uuid FROM sync_state") == value(
        database, "SELECT checkout_uuid FROM sync_devices WHERE device = 'late'")
