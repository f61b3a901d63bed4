# SPDX-License-Identifier: GPL-2.0-or-later
"""Two counties' masters in one database, a schema each: GIS staff of one, opening a master
through QGIS's saved connection with the schema the dialog offers (toksun, the other
county's), are told which schema holds theirs."""

from __future__ import annotations

import shutil

import pytest

from field_kit.cli.commands import main
from tests.postgis.cluster import query
from tests.postgis.test_two_counties import shanshan_gis
from tests.qgis.test_postgres_failures import (  # noqa: F401 (fixtures)
    _named_plainly,
    _open_postgres,
    connections,
    lang,
)


@pytest.fixture
def counties(cluster, database, tmp_path, plan_gpkg) -> tuple[str, str]:
    """The plan published into schemas toksun and shanshan of one database: (the
    database's name, shanshan's address)."""
    db = query(database, "SELECT current_database()")[0][0]
    shanshan = cluster.address(db, schema="shanshan")
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    for county in (database, shanshan):
        assert main(["init", county, "--from", str(src)]) == 0
    return db, shanshan


def test_the_other_countys_staff_opening_the_schema_offered_are_told_theirs(
        iface, plugin, lang, cluster, counties, connections):  # noqa: F811
    """They read "the database refused it", the grants to ask for on toksun, or the role
    to be made a member of: never that their own master is in schema shanshan."""
    db, shanshan = counties
    shanshan_gis(cluster, shanshan)
    connections("province", cluster, db, "shanshan_gis")
    _open_postgres(plugin, "province")  # the schema the dialog offers
    said = [m for m in iface.messages if m[0] == "critical"]
    assert len(said) == 1, iface.messages
    text = said[0][2]
    assert {"en": f"Role shanshan_gis may not use schema toksun of database {db}, which holds "
                  "a master. The master you may open there is in schema shanshan: choose it "
                  "as the schema.",
            "zh": f"角色 shanshan_gis 无权使用数据库 {db} 中存放主库的模式 toksun。您可以打开的"
                  "主库在模式 shanshan 中：请选择该模式。"}[lang] in text, text
    assert "GRANT" not in text and "ADDRESS" not in text, text
    _named_plainly(text, cluster, lang)
    assert plugin.gpkg is None and not plugin.layers
    _open_postgres(plugin, "province", "shanshan")  # as told
    assert plugin.gpkg is not None and plugin.layers["mine_patches"].isValid(), \
        iface.messages[1:]
    assert plugin.layers["mine_patches"].featureCount() == query(
        shanshan, "SELECT count(*) FROM mine_patches")[0][0]


def test_the_schema_taken_is_said_where_the_database_holds_another_master(
        iface, plugin, lang, cluster, counties, connections):  # noqa: F811
    """A role that may open both (a province's supervisor) opened toksun, the schema the
    dialog offers, with nothing said of shanshan's master beside it nor of which was
    taken; a master alone in its database says nothing more."""
    db, shanshan = counties
    connections("province", cluster, db)
    _open_postgres(plugin, "province")
    assert plugin.layers["mine_patches"].isValid(), iface.messages
    said = [m for m in iface.messages if m[1] in ("PostgreSQL master", "PostgreSQL 主库")]
    assert len(said) == 1 and said[0][0] == "info", iface.messages
    assert {"en": f"PostgreSQL {db} (schema toksun) is open. Its database also holds the "
                  "master in schema shanshan: to work on that one, choose its schema when "
                  "opening it (Open a PostgreSQL master…).",
            "zh": f"已打开 PostgreSQL {db}（模式 toksun）。其所在数据库中还有模式 shanshan 中的"
                  "主库：如需处理该主库，请在打开时（“打开 PostgreSQL 主库…”）选择其模式。"
            }[lang] == said[0][2], said
    _named_plainly(said[0][2], cluster, lang)
    query(shanshan, "DROP SCHEMA shanshan CASCADE")
    before = len(iface.messages)
    _open_postgres(plugin, "province")
    assert plugin.layers["mine_patches"].isValid(), iface.messages
    assert not [m for m in iface.messages[before:] if "shanshan" in m[2]], iface.messages
