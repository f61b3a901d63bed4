# SPDX-License-Identifier: GPL-2.0-or-later
"""Open a PostgreSQL master…: the schemas of the chosen connection's database that hold a
master (the toolkit's template in them; a table of its name alone is none) are offered in
an editable drop-down, read with a wait cursor as the connection is chosen, toksun first
and the one opened last chosen; a database holding none, or one that cannot be read (its
password refused or missing, its server down), said beside the box, which takes a typed
schema still; in English and in Chinese (a real QGIS, a throwaway PostgreSQL cluster)."""

from __future__ import annotations

import shutil

import pytest
from qgis.core import QgsDataSourceUri, QgsProviderRegistry
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication

from field_kit.cli.commands import main
from field_kit.sync.postgis import template
from tests.postgis.cluster import query
from tests.qgis.test_postgres_failures import (  # noqa: F401 (fixtures)
    _click,
    _named_plainly,
    connections,
    lang,
    li,
)


@pytest.fixture
def three_schemas(cluster, database, tmp_path, plan_gpkg) -> str:
    """Masters published into schemas shanshan and toksun of one database, and a schema
    scratch holding a table named as a master's own but no master: the database's name."""
    db = query(database, "SELECT current_database()")[0][0]
    src = tmp_path / "plan.gpkg"
    shutil.copyfile(plan_gpkg, src)
    for county in ("shanshan", "toksun"):
        assert main(["init", cluster.address(db, schema=county), "--from", str(src)]) == 0
    query(database, "CREATE SCHEMA scratch; CREATE TABLE scratch.sync_template (id int)")
    return db


def offered(plugin, connection: str | None = None, shot=None) -> dict:
    """Open a PostgreSQL master… as the user opens it, ``connection`` chosen in it: what its
    schema box offers and what is said beside it; then Cancel."""
    seen: dict = {}

    def look(dialog):
        try:
            if connection is not None:
                dialog.connection.setCurrentText(connection)
            box = dialog.schema
            seen.update(schemas=[box.itemText(i) for i in range(box.count())],
                        chosen=box.currentText(), editable=box.isEditable(),
                        said=dialog.schemas_said.text() if dialog.schemas_said.isVisible()
                        else "")
            if shot is not None:
                dialog.grab().save(str(shot))  # to look at
        except AttributeError as e:  # (said by the test, not raised into Qt's event loop)
            seen["not offered"] = str(e)
    read_then_cancel(look)
    _click(plugin, "open_postgres")
    return seen


def read_then_cancel(read) -> None:
    """``read(dialog)`` on the modal dialog about to be shown, then Cancel."""
    def look():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        try:
            read(dialog)
        finally:
            dialog.reject()
    QTimer.singleShot(0, look)


def opened(plugin, connection: str, schema: str) -> None:
    """As the user opens a master: the connection chosen, ``schema`` typed, OK."""
    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        dialog.connection.setCurrentText(connection)
        try:
            dialog.schema.setCurrentText(schema)
        except AttributeError:  # (a box to type into only)
            dialog.schema.setText(schema)
        dialog.accept()
    QTimer.singleShot(0, fill)
    _click(plugin, "open_postgres")


def test_the_schemas_holding_a_master_are_offered_toksun_first(
        iface, plugin, cluster, three_schemas, tmp_path, monkeypatch,
        lang, connections):  # noqa: F811 (fixtures)
    cursors = []
    read = template.masters_there

    def reading(pg):
        cursor = QApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        return read(pg)
    monkeypatch.setattr(template, "masters_there", reading)
    connections("province", cluster, three_schemas)
    seen = offered(plugin, shot=tmp_path / f"offered-{lang}.png")
    assert seen == {"schemas": ["toksun", "shanshan"], "chosen": "toksun", "editable": True,
                    "said": ""}
    assert cursors == [Qt.WaitCursor]
    assert QApplication.overrideCursor() is None  # (given back)


def test_the_schema_opened_last_is_chosen_toksun_still_first(
        iface, plugin, lang, cluster, three_schemas, connections):  # noqa: F811 (fixtures)
    connections("province", cluster, three_schemas)
    opened(plugin, "province", "shanshan")
    assert plugin.gpkg is not None and "schema='shanshan'" in plugin.gpkg, iface.messages
    seen = offered(plugin)
    assert (seen["schemas"], seen["chosen"]) == (["toksun", "shanshan"], "shanshan")


def test_each_connection_read_as_it_is_chosen(
        iface, plugin, cluster, database, three_schemas, tmp_path, plan_gpkg,
        lang, connections):  # noqa: F811 (fixtures)
    """A second database holding its master in schema shanshan alone: chosen after the
    first, that one is offered (the box follows the connection)."""
    other = f"{three_schemas}_other"
    cluster.sql(f"CREATE DATABASE {other}")
    cluster.sql("CREATE EXTENSION postgis", db=other)
    src = tmp_path / "other.gpkg"
    shutil.copyfile(plan_gpkg, src)
    assert main(["init", cluster.address(other, schema="shanshan"), "--from", str(src)]) == 0
    connections("a province", cluster, three_schemas)
    connections("other", cluster, other)
    seen = offered(plugin, "other")
    assert (seen["schemas"], seen["chosen"], seen["said"]) == (["shanshan"], "shanshan", "")


def test_a_database_holding_no_master_is_said(
        iface, plugin, lang, cluster, database, connections):  # noqa: F811 (fixtures)
    db = query(database, "SELECT current_database()")[0][0]
    connections("province", cluster, db)
    seen = offered(plugin)
    assert seen["said"] == {
        "en": f"No schema of database {db} holds a master you may open: publish one with "
              "field-kit init (see Help).",
        "zh": f"数据库 {db} 中没有您可以打开的主库：请用 field-kit init 发布一个（见“帮助”）。",
    }[lang]
    assert (seen["schemas"], seen["chosen"], seen["editable"]) == ([], "toksun", True)


@pytest.mark.parametrize("failure", ["password refused", "no password", "server down"])
def test_a_database_not_read_is_said_beside_the_box_which_takes_a_schema_typed(
        iface, plugin, cluster, database, three_schemas, tmp_path, failure,
        lang, connections, li):  # noqa: F811 (fixtures)
    connections("county", cluster, three_schemas, *{
        "password refused": ("li", "wrong"), "no password": ("li", ""),
        "server down": ("postgres", "", cluster.port + 1)}[failure])
    seen = offered(plugin, shot=tmp_path / f"not-read-{lang}.png")
    assert (seen["schemas"], seen["chosen"], seen["editable"]) == ([], "toksun", True)
    said = seen["said"]
    start = {"en": f"The schemas of database {three_schemas} were not read",
             "zh": f"未能读取数据库 {three_schemas} 的模式"}[lang]
    assert said.startswith(start), said
    assert {"password refused": 'password authentication failed for user "li"',
            "no password": "no password supplied",
            "server down": "Is the server running"}[failure] in said, said
    if failure == "no password":
        assert {"en": "Save it in the connection or in an authentication configuration",
                "zh": "请将密码保存在该连接或认证配置中"}[lang] in said, said
    else:  # what to do instead, the box taking a schema typed still
        assert said.endswith({
            ("password refused", "en"): "check the password saved in the connection (Layer "
                                        "→ Data Source Manager → PostgreSQL, the connection, "
                                        "Edit) or in ~/.pgpass.",
            ("password refused", "zh"): "请检查该连接中保存的密码（图层 → 数据源管理器 → "
                                        "PostgreSQL，选中该连接，编辑）或 ~/.pgpass 中的密码。",
            ("server down", "en"): "start the database server, or check the connection's "
                                   "host and port (Layer → Data Source Manager → PostgreSQL, "
                                   "the connection, Edit).",
            ("server down", "zh"): "请启动数据库服务器，或检查该连接的主机和端口（图层 → "
                                   "数据源管理器 → PostgreSQL，选中该连接，编辑）。",
        }[failure, lang]), said
    _named_plainly(said, cluster, lang)


def test_a_connection_saved_without_its_user_name_names_the_role_signed_in_as(
        iface, plugin, cluster, three_schemas, monkeypatch,
        lang, li):  # noqa: F811 (fixtures)
    """Saved without "store username", the connection signs in as the role libpq takes
    (PGUSER here, else the system user): the one the server asked a password of is named."""
    meta = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = QgsDataSourceUri()
    uri.setConnection(cluster.dir, str(cluster.port), three_schemas, "", "")
    meta.saveConnection(meta.createConnection(uri.uri(False), {
        "saveUsername": False, "savePassword": False}), "county")
    monkeypatch.setenv("PGUSER", "li")
    try:
        said = offered(plugin)["said"]
    finally:
        meta.deleteConnection("county")
    assert {"en": f"The schemas of database {three_schemas} were not read: the server asks "
                  "role li for a password and the connection has none saved",
            "zh": f"未能读取数据库 {three_schemas} 的模式：服务器要求角色 li 提供密码，而连接"
                  "没有保存密码"}[lang] in said, said


def test_a_service_not_reached_is_named_as_a_service_not_a_database(
        iface, plugin, cluster, tmp_path, monkeypatch, lang):  # noqa: F811 (fixtures)
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[province_down]\nhost={cluster.dir}\nport={cluster.port + 1}\n"
                        "dbname=province\nuser=postgres\n", encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    meta = QgsProviderRegistry.instance().providerMetadata("postgres")
    meta.saveConnection(meta.createConnection("service='province_down'", {}), "county")
    try:
        seen = offered(plugin)
    finally:
        meta.deleteConnection("county")
    assert (seen["schemas"], seen["chosen"], seen["editable"]) == ([], "toksun", True)
    said = seen["said"]
    assert said.startswith({"en": "The schemas of service province_down were not read",
                            "zh": "未能读取服务 province_down 的模式"}[lang]), said
    assert "database province_down" not in said and "数据库 province_down" not in said, said
    assert said.endswith({"en": "start the database server, or check the connection's host "
                                "and port (Layer → Data Source Manager → PostgreSQL, the "
                                "connection, Edit).",
                          "zh": "请启动数据库服务器，或检查该连接的主机和端口（图层 → "
                                "数据源管理器 → PostgreSQL，选中该连接，编辑）。"}[lang]), said


def test_a_role_not_given_the_masters_is_told_who_gives_them_not_to_publish_one(
        iface, plugin, lang, cluster, three_schemas, connections):  # noqa: F811 (fixtures)
    """A GIS officer's role the supervisor has not given the editors' grants yet: the
    database's masters are there, so no "publish one with field-kit init"; who gives them
    is said, naming the role, the schemas and the database."""
    cluster.sql("DO $$ BEGIN CREATE ROLE qian LOGIN; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    connections("province", cluster, three_schemas, "qian")
    seen = offered(plugin)
    assert (seen["schemas"], seen["chosen"], seen["editable"]) == ([], "toksun", True)
    assert seen["said"] == {
        "en": f"Role qian may not use schemas shanshan, toksun of database {three_schemas}, "
              "which hold masters: ask a supervisor to give it the editors' grants (field-kit "
              "grants ADDRESS --editor qian), or choose a connection signing in as another "
              "role.",
        "zh": f"角色 qian 无权使用数据库 {three_schemas} 中存放主库的模式 shanshan、toksun："
              "请主管为其授予编辑人员权限（field-kit grants ADDRESS --editor qian），"
              "或选择以其他角色登录的连接。",
    }[lang]
    assert "init" not in seen["said"]


@pytest.mark.parametrize("failure", ["password refused", "server down"])
def test_why_a_database_was_not_read_is_said_in_the_users_language(
        iface, plugin, cluster, database, three_schemas, failure,
        lang, connections, li):  # noqa: F811 (fixtures)
    """The server's English reason (libpq's) beside the box: what happened said in Chinese
    before it, as the message bar says it once the master did not open."""
    connections("county", cluster, three_schemas, *{
        "password refused": ("li", "wrong"),
        "server down": ("postgres", "", cluster.port + 1)}[failure])
    said = offered(plugin)["said"]
    meant = {("password refused", "en"): 'password authentication failed for user "li"',
             ("password refused", "zh"): '（密码错误，或该用户不能用密码登录：password '
                                         'authentication failed for user "li"）',
             ("server down", "en"): "Is the server running, and reachable at the address "
                                    "given?",
             ("server down", "zh"): "（数据库服务器未运行或无法访问："}[failure, lang]
    assert meant in said, said


def test_a_zone_typed_wrong_in_toksun_keeps_no_schema_from_the_list(
        iface, plugin, cluster, three_schemas, lang, connections):  # noqa: F811 (fixtures)
    """The schemas are read through the default one, toksun: its master's time zone typed
    wrong by hand (said when it is opened) stops no listing, which reads no master's times,
    and the other county's master is offered still."""
    query(cluster.address(three_schemas, schema="toksun"), "UPDATE sync_meta SET value = "
          "'Asia/Shangai' WHERE key = 'postgres_time_zone'")
    connections("province", cluster, three_schemas)
    seen = offered(plugin)
    assert seen == {"schemas": ["toksun", "shanshan"], "chosen": "toksun", "editable": True,
                    "said": ""}, seen
