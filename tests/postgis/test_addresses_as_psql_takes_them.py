# SPDX-License-Identifier: GPL-2.0-or-later
"""A master addressed as psql takes it: ``postgresql:///DBNAME``, libpq's address of the
local socket (the README's own), with its host from the environment or the query (it was
read as keywords: "missing "=" after postgresql:/province"), and a schema named as SQL
quotes it, ``schema="Turpan托克逊"`` (an internal error on search_path)."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.sync.postgis import address
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import make_gpkg


def test_the_local_socket_s_address_is_taken(cluster, plan_database, capsys, monkeypatch):
    db = address.database(plan_database)
    monkeypatch.setenv("PGHOST", cluster.dir)
    monkeypatch.setenv("PGPORT", str(cluster.port))
    monkeypatch.setenv("PGUSER", "postgres")
    code, said = cli_said(capsys, "status", f"postgresql:///{db}")
    assert code == errors.OK, said
    assert f"master PostgreSQL {db} (schema toksun)" in said, said
    monkeypatch.delenv("PGHOST")
    code, said = cli_said(capsys, "status",
                          f"postgresql:///{db}?host={cluster.dir}&schema=toksun")
    assert code == errors.OK, said


@pytest.mark.parametrize("named", ['schema="Turpan托克逊"', "schema=Turpan托克逊"])
def test_a_schema_named_as_sql_quotes_it_is_that_schema(cluster, database, tmp_path, capsys,
                                                        named):
    src = make_gpkg(tmp_path / "src.gpkg", patches=2)
    there = database.replace("schema=toksun", named)
    code, said = cli_said(capsys, "init", there, "--from", src)
    assert code == errors.OK, said
    code, said = cli_said(capsys, "status", there)
    assert code == errors.OK, said
    assert "(schema Turpan托克逊)" in said and '"' not in said.split("(schema ")[1][:12], said
