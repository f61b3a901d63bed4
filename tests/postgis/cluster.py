# SPDX-License-Identifier: GPL-2.0-or-later
"""A throwaway PostgreSQL 15 cluster on a local port, with PostGIS, for the tests and the
benchmark; stopped and removed afterwards. As root it runs as the ``postgres`` user."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile

BINDIR = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), "")


def available() -> str | None:
    """Why a cluster cannot be started here, or None."""
    if not BINDIR:
        return "PostgreSQL is not installed (apt install postgresql-15 postgresql-15-postgis-3)"
    if not glob.glob("/usr/share/postgresql/*/extension/postgis*.control"):
        return "PostGIS is not installed (apt install postgresql-15-postgis-3)"
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "psycopg2 is not installed (apt install python3-psycopg2)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PREFIX = "toksun-pg-"
OWNER = "owner.pid"  # the process that made the cluster, in the cluster's folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _left_behind() -> list[str]:
    """The folders of clusters whose maker was killed outright (their server maybe still
    running): a gigabyte or more each, left in the temporary folder for ever."""
    left = []
    for folder in glob.glob(os.path.join(tempfile.gettempdir(), PREFIX + "*")):
        try:
            with open(os.path.join(folder, OWNER), encoding="ascii") as fh:
                owner = int(fh.read())
        except (OSError, ValueError):
            continue  # (being made, or not made by this code: left alone)
        if not _alive(owner):
            left.append(folder)
    return left


class Cluster:
    def __init__(self):
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        for folder in _left_behind():
            self._remove(folder)
        self.dir = tempfile.mkdtemp(prefix=PREFIX)
        os.chmod(self.dir, 0o755)
        with open(os.path.join(self.dir, OWNER), "w", encoding="ascii") as fh:
            fh.write(str(os.getpid()))
        self.data = os.path.join(self.dir, "data")
        self.port = _free_port()
        if self._as:
            shutil.chown(self.dir, "postgres")
        self._run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--no-sync")
        self.start()

    def start(self) -> None:
        self._run("pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "log"), "-w", "-o",
                  f"-p {self.port} -k {self.dir} -c listen_addresses='' -c fsync=off "
                  "-c max_connections=60", "start")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self._as, os.path.join(BINDIR, tool), *args], check=True,
                       stdout=subprocess.DEVNULL)

    def address(self, db: str, schema: str = "toksun", user: str = "postgres") -> str:
        return f"host={self.dir} port={self.port} user={user} dbname={db} schema={schema}"

    def sql(self, statement: str, db: str = "postgres") -> None:
        import psycopg2
        conn = psycopg2.connect(host=self.dir, port=self.port, user="postgres", dbname=db)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(statement)
        finally:
            conn.close()

    def hba(self, line: str) -> None:
        """Put ``line`` first in the server's pg_hba.conf (a role that must give its
        password, say) and have the server read it again."""
        path = os.path.join(self.data, "pg_hba.conf")
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if line not in text.splitlines():
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(f"{line}\n{text}")
        self.sql("SELECT pg_reload_conf()")

    def halt(self, mode: str = "fast") -> None:
        """Stop the server as an administrator does, its files kept (``stop`` removes them);
        ``mode="immediate"``: at once, its sessions cut off mid-statement, as a crash does
        (:meth:`start` recovers it)."""
        self._run("pg_ctl", "-D", self.data, "-m", mode, "stop")

    def stop(self) -> None:
        self._remove(self.dir)

    def _remove(self, folder: str) -> None:
        data = os.path.join(folder, "data")
        try:
            if os.path.exists(os.path.join(data, "postmaster.pid")):  # not halted
                self._run("pg_ctl", "-D", data, "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # (its server gone already: the folder is removed all the same)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def query(database: str, sql: str, *args):
    """The rows one statement gives (None for a statement giving none), committed."""
    from field_kit.sync.postgis import address
    pg = address.connect(database)
    try:
        with pg.cursor() as cur:
            cur.execute(sql, args)
            out = cur.fetchall() if cur.description else None
        pg.commit()
        return out
    finally:
        pg.close()
