# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master that cannot be opened or read, a merge into it that waits on another
session's lock or is refused: each said as such, in English and in Chinese, as GIS staff
meet them through the plugin's actions (a real QGIS, a throwaway PostgreSQL cluster)."""

from __future__ import annotations

import gc
import re
import shutil
import time

import psycopg2
import pytest
from qgis.core import (
    QgsApplication,
    QgsDataSourceUri,
    QgsProject,
    QgsProviderRegistry,
    QgsSettings,
)
from qgis.PyQt.QtCore import QCoreApplication, QTimer
from qgis.PyQt.QtWidgets import QApplication

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import masters, package_export
from tests.plan_build import ROOT
from tests.postgis.cluster import Cluster, query
from tests.qgis.conftest import install_chinese
from tests.qgis.test_plugin import _field_edit, _out, _wait_for

ENGLISH_WORD = "schema"  # what a Chinese message must not leave in English


@pytest.fixture(params=["en", "zh"])
def lang(request, tmp_path):
    """The user's language: QGIS's locale, and for Chinese the plugin's translation as QGIS
    in Chinese loads it."""
    translator = None
    if request.param == "zh":
        settings = QgsSettings()
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "zh_CN")
        translator = install_chinese(tmp_path / "i18n")
    yield request.param
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
        settings = QgsSettings()
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")


@pytest.fixture
def connections():
    """Save QGIS PostgreSQL connections as in Data Source Manager → PostgreSQL; removed
    afterwards."""
    meta = QgsProviderRegistry.instance().providerMetadata("postgres")
    names = []

    def save(name: str, cluster: Cluster, db: str, user: str = "postgres", password: str = "",
             port: int | None = None) -> None:
        uri = QgsDataSourceUri()
        uri.setConnection(cluster.dir, str(port or cluster.port), db, user, password)
        meta.saveConnection(meta.createConnection(uri.uri(False), {
            "saveUsername": True, "savePassword": bool(password)}), name)
        names.append(name)
    yield save
    for name in names:
        meta.deleteConnection(name)


@pytest.fixture
def li(cluster):
    """A role that signs in with its password (li, password "right")."""
    cluster.sql("DO $$ BEGIN CREATE ROLE li LOGIN SUPERUSER PASSWORD 'right'; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    cluster.hba("local all li scram-sha-256")
    return "li"


def _published(address: str, tmp_path, plan_gpkg) -> str:
    """The plan published into PostgreSQL at ``address``; the database's name."""
    tmp_path.mkdir(exist_ok=True)
    gpkg = tmp_path / "published.gpkg"
    shutil.copyfile(plan_gpkg, gpkg)
    assert main(["init", address, "--from", str(gpkg)]) == 0
    return query(address, "SELECT current_database()")[0][0]


def _own_master_opened(plugin, connections, tmp_path, plan_gpkg) -> Cluster:
    """A cluster of its own (to stop on purpose) holding the plan published into database
    province, saved as connection "province" and opened by the user; the caller stops it."""
    own = Cluster()
    try:
        own.sql("CREATE DATABASE province")
        own.sql("CREATE EXTENSION postgis", db="province")
        _published(own.address("province"), tmp_path, plan_gpkg)
        connections("province", own, "province")
        _open_postgres(plugin, "province")
    except BaseException:
        own.stop()
        raise
    return own


def published_with_an_editor(cluster, database: str, tmp_path,
                             plan_gpkg) -> tuple[str, str, str]:
    """The plan published into schema toksun of a schema owner's, and a login role given
    only the editors' grants on mine_patches: (the database's name, the owner's role, the
    editor's role)."""
    from field_kit.sync.postgis import roles

    db = query(database, "SELECT current_database()")[0][0]
    owner, anna = f"{db}_owner", f"{db}_anna"
    cluster.sql(f"CREATE ROLE {owner} NOLOGIN; CREATE ROLE {anna} LOGIN")
    cluster.sql(f"CREATE SCHEMA toksun AUTHORIZATION {owner}", db=db)
    _published(database, tmp_path, plan_gpkg)
    for stmt in roles.editor_grants("toksun", ["mine_patches"], anna):
        cluster.sql(stmt, db=db)
    return db, owner, anna


def _open_postgres(plugin, connection: str, schema: str = "toksun") -> None:
    """As the user opens a master: Open a PostgreSQL master…, the saved connection and the
    schema picked in its dialog, OK."""
    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        dialog.connection.setCurrentText(connection)
        dialog.schema.setCurrentText(schema)
        dialog.accept()
    QTimer.singleShot(0, fill)
    _click(plugin, "open_postgres")


def _click(plugin, slot: str):
    """The plugin's menu or toolbar action ``slot`` triggered, as a click does."""
    action = next(a for a in plugin.actions if a.objectName() == f"toksun_{slot}")
    action.trigger()
    QgsApplication.processEvents()
    gc.collect()


def _shown(widget) -> str:
    """What a panel shows now in its labels, lists and text, as the user reads it."""
    from qgis.PyQt.QtWidgets import QLabel, QListWidget, QTextBrowser

    said = [label.text() for label in widget.findChildren(QLabel)]
    said += [w.item(i).text() for w in widget.findChildren(QListWidget)
             for i in range(w.count())]
    said += [w.toPlainText() for w in widget.findChildren(QTextBrowser)]
    return "\n".join(t for t in said if t)


def _said(iface, since: int = 0) -> list[tuple[str, str, str]]:
    return iface.messages[since:]


def _named_plainly(text: str, cluster: Cluster, lang: str) -> None:
    """A message names the master by its database and schema only: not by its address,
    host (here the server's socket folder) or options; a Chinese one says "schema" in
    Chinese."""
    for address_part in ("user=", "host=", "port=", "dbname=", cluster.dir):
        assert address_part not in text, (address_part, text)
    if lang == "zh":  # (but for the keyword "schema=" a user types)
        assert not re.search(ENGLISH_WORD + "(?!=)", text) and "模式" in text, text


@pytest.mark.parametrize("failure", ["password", "server stopped", "schema empty",
                                     "no such schema", "zone unknown"])
def test_a_failed_open_leaves_no_master_and_the_tools_say_so(
        iface, plugin, lang, cluster, database, connections, li, tmp_path, plan_gpkg,
        failure):
    """A PostgreSQL master not opened (its password refused, its server not running, its
    schema holding no master, its time zone one PostgreSQL does not know) is said with the
    reason, naming the master by its database and schema; no master is open then, and Sync,
    Progress and Settle conflicts say so instead of working on the plan bundled in the
    profile."""
    db = _published(database, tmp_path, plan_gpkg)
    schema = {"schema empty": "empty", "no such schema": "nosuch"}.get(failure, "toksun")
    if failure == "schema empty":
        query(database, "CREATE SCHEMA empty")
    if failure == "zone unknown":  # typed into the master's sync_meta by hand
        query(database, "UPDATE sync_meta SET value = 'Asia/Shangai' WHERE key = "
              "'postgres_time_zone'")
    connections("county", cluster, db, *{
        "password": ("li", "wrong"), "server stopped": ("postgres", "", cluster.port + 1),
    }.get(failure, ()))
    _open_postgres(plugin, "county", schema)
    said = [m for m in _said(iface) if m[0] == "critical"]
    assert len(said) == 1, iface.messages
    text = said[0][2]
    if failure in ("password", "server stopped"):
        assert {"en": f"cannot connect to {db} (schema toksun): ",
                "zh": f"无法连接 PostgreSQL 主库 {db}（模式 toksun）："}[lang] in text, text
    _named_plainly(text, cluster, lang)
    expected = {
        ("en", "password"): 'password authentication failed for user "li"',
        ("zh", "password"): '密码',
        ("en", "server stopped"): "Is the server running",
        ("zh", "server stopped"): "服务器未运行",
        ("en", "schema empty"): f"Schema empty of database {db} holds no master. The "
                                f"master of database {db} is in schema toksun: choose it "
                                "as the schema.",
        ("zh", "schema empty"): f"数据库 {db} 的模式 empty 中没有主库。数据库 {db} 的主库在"
                                "模式 toksun 中：请选择该模式。",
        ("en", "no such schema"): f"Schema nosuch does not exist in database {db}. The master "
                                  f"of database {db} is in schema toksun: choose it as the "
                                  "schema.",
        ("zh", "no such schema"): f"数据库 {db} 中没有模式 nosuch。数据库 {db} 的主库在模式 "
                                  "toksun 中：请选择该模式。",
        ("en", "zone unknown"): f"{db} (schema toksun): the master's time zone in sync_meta "
                                "(postgres_time_zone) is 'Asia/Shangai', which PostgreSQL "
                                "does not know;",
        ("zh", "zone unknown"): f"{db}（模式 toksun）：主库 sync_meta 中记录的时区"
                                "（postgres_time_zone）为 'Asia/Shangai'，PostgreSQL 不认识该"
                                "时区；",
    }[lang, failure]
    assert expected in text, text
    if failure in ("schema empty", "no such schema"):  # (the command line's forms, not QGIS's)
        assert "ADDRESS" not in text and "?schema=" not in text, text
    if failure == "password":  # libpq's words keep their quotes
        assert '"li"' in text, text
    assert {"en": "No master is open", "zh": "未打开任何主库"}[lang] in text, text
    assert plugin.gpkg is None and not plugin.layers
    before = len(iface.messages)
    for tool in ("show_sync", "show_dashboard", "show_conflicts"):
        _click(plugin, tool)
    assert not QgsProject.instance().mapLayers(), "the bundled plan was opened instead"
    assert not plugin.docks and plugin.gpkg is None
    told = _said(iface, before)
    assert len(told) == 3 and all(kind == "warning" for kind, _, _ in told), told
    for _, _, text in told:
        assert {"en": "No master is open", "zh": "未打开任何主库"}[lang] in text, text
        _named_plainly(text, cluster, lang)


def test_a_failed_open_leaves_the_master_open_before(iface, plugin, cluster, database,
                                                     connections, li, tmp_path, master,
                                                     plan_gpkg):
    """A master open before a PostgreSQL master fails to open stays the one the tools work
    on, and the message says so."""
    db = _published(database, tmp_path, plan_gpkg)
    plugin.load(master)
    dock = plugin.show_sync()
    connections("county", cluster, db, "li", "wrong")
    _open_postgres(plugin, "county")
    (text,) = [t for kind, _, t in iface.messages if kind == "critical"]
    assert f"{master} stays open" in text, text
    assert plugin.gpkg == master and len(QgsProject.instance().mapLayers()) == 15
    assert master.name in dock.master_label.text()
    assert str(master) in dock.master_label.toolTip()


def test_a_merge_that_refused_packages_is_a_warning_naming_the_refusal(
        iface, plugin, lang, cluster, database, connections, tmp_path, master, plan_gpkg):
    """A package the PostgreSQL master refuses (its device registered in another master) is
    a warning on the message bar naming the refusal, not "0 changes applied, no conflict";
    the master is named by its database and schema, in the user's language."""
    db = _published(database, tmp_path, plan_gpkg)
    connections("county", cluster, db)
    _open_postgres(plugin, "county")
    assert plugin.layers and not [m for m in iface.messages if m[0] == "critical"]
    stranger = _field_edit(master, tmp_path, "tab-other", "李明")  # of the GeoPackage master
    dock = plugin.show_sync()
    label = dock.master_label.text()
    assert label == {"en": f"Master: PostgreSQL {db} (schema toksun)",
                     "zh": f"主库：PostgreSQL {db}（模式 toksun）"}[lang], label
    before = len(iface.messages)
    dock.package_list.addItem(str(stranger))
    dock.merge_packages()
    _wait_for(dock)
    if dock.report_dialog is not None:
        dock.report_dialog.close()
    told = [m for m in _said(iface, before) if m[1] in ("Merge", "合并")]
    assert len(told) == 1, iface.messages
    kind, _, text = told[0]
    assert kind == "warning", told
    assert "tab-other.zip" in text and {
        "en": "device 'tab-other' is not registered in this master",
        "zh": "设备 tab-other 未在此主库登记"}[lang] in text, text
    assert "0 changes applied" not in text and "已应用 0 项修改" not in text, text
    assert query(database, "SELECT count(*) FROM patch_verifications") == [(0,)]
    dialog = plugin.show_conflicts()
    summary = dialog.summary.text()
    dialog.close()
    assert {"en": f"0 open conflicts in {db} (schema toksun)",
            "zh": f"{db}（模式 toksun）"}[lang] in summary, summary
    _named_plainly(summary, cluster, lang)


def test_the_sync_dock_says_who_holds_the_lock_a_merge_waits_for(
        iface, plugin, lang, cluster, database, connections, li, tmp_path, plan_gpkg,
        monkeypatch):
    """A merge waiting on a row another session holds (an UPDATE not committed in psql)
    says in the dock, while it waits, who holds it, in the user's language; the words go
    once the merge goes on."""
    from field_kit.sync.postgis import waiting

    monkeypatch.setattr(waiting, "EVERY_S", 0.3)
    db = _published(database, tmp_path, plan_gpkg)
    connections("county", cluster, db)
    _open_postgres(plugin, "county")
    pkg = tmp_path / "gis-wang.gpkg"
    masters.checkout(database, pkg, "gis-wang", role="gis")
    conn = connect(pkg)
    with conn:
        conn.execute("UPDATE mine_patches SET mineral = '水泥用石灰岩' WHERE fid = 1")
    conn.close()
    package_export.export(pkg, tmp_path / "gis-wang.zip")
    holder = psycopg2.connect(host=cluster.dir, port=cluster.port, dbname=db, user="li",
                              password="right", application_name="psql-li")
    try:
        with holder.cursor() as cur:  # another session's edit, not committed yet
            cur.execute("UPDATE toksun.mine_patches SET mineral = mineral WHERE fid = 1")
        dock = plugin.show_sync()
        dock.resize(420, 760)
        dock.package_list.addItem(str(tmp_path / "gis-wang.zip"))
        dock.merge_packages()
        end = time.monotonic() + 20
        while "psql-li" not in _shown(dock) and time.monotonic() < end:
            QgsApplication.processEvents()
            time.sleep(0.02)
        text = _shown(dock)
        assert dock.task is not None and "psql-li" in text, f"nothing said waiting: {text}"
        assert {"en": f"{db} (schema toksun): waiting for a lock held by li (psql-li, "
                      "process",
                "zh": f"{db}（模式 toksun）：正在等待 li 持有的锁（psql-li，进程"
                }[lang] in text, text
        assert {"en": "in a transaction since", "zh": "事务开始于"}[lang] in text, text
        assert dock.grab().save(str(_out() / f"qgis_sync_waiting_{lang}.png"))
        holder.commit()
    finally:
        holder.close()
    _wait_for(dock)
    assert "psql-li" not in _shown(dock), _shown(dock)
    assert query(database, "SELECT mineral FROM mine_patches WHERE fid = 1") == [("水泥用石灰岩",)]


def test_a_master_whose_server_stopped_is_said_in_the_dock_and_the_dialog(
        iface, plugin, lang, connections, tmp_path, plan_gpkg):
    """The server stopped while the master is open: Settle conflicts, the sync dock's list
    of merges and the progress dock say they cannot read the master, and why, in the
    user's language; no traceback, no empty list passed off as no merges."""
    own = _own_master_opened(plugin, connections, tmp_path, plan_gpkg)
    try:
        assert plugin.layers
        dock = plugin.show_sync()
        assert "cannot be read" not in _shown(dock)
        _click(plugin, "show_dashboard")
        own.halt()
        _click(plugin, "show_conflicts")  # raised, into QGIS's Python error dialog, before
        dialog = plugin.dialogs[-1]
        said = dialog.message.text()
        assert {"en": "The conflicts of province (schema toksun) cannot be read",
                "zh": "无法读取 province（模式 toksun）的冲突"}[lang] in said, said
        assert {"en": "Is the server running", "zh": "服务器未运行"}[lang] in said, said
        assert dialog.summary.text() == "" and dialog.table.rowCount() == 0
        _named_plainly(said, own, lang)
        assert dialog.grab().save(str(_out() / f"qgis_conflicts_server_stopped_{lang}.png"))
        dialog.close()
        _click(plugin, "show_sync")  # the dock read again
        note = "\n".join(dock.merge_list.item(i).text() for i in range(dock.merge_list.count()))
        assert dock.merge_list.count() == 1 and not dock.merge_list.item(0).flags(), note
        assert {"en": "The merges cannot be read: cannot connect to province (schema "
                      "toksun): ",
                "zh": "无法读取合并记录：无法连接 PostgreSQL 主库 province（模式 toksun）："
                }[lang] in note, note
        _named_plainly(note, own, lang)
        assert dock.grab().save(str(_out() / f"qgis_sync_server_stopped_{lang}.png"))
        progress = plugin.docks["dashboard"]
        progress.refresh()
        _named_plainly(progress.summary.text(), own, lang)
        assert "province" in progress.summary.text()
    finally:
        QgsApplication.processEvents()
        for layer in list(plugin.layers.values()):  # QGIS's own connections to it, closed
            QgsProject.instance().removeMapLayer(layer.id())
        own.stop()


OPEN_WITH_A_WRONG_PASSWORD = r'''
import json, os, traceback
from qgis.core import QgsApplication, QgsDataSourceUri, QgsProject, QgsProviderRegistry
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication
import qgis.utils

result = {}
out = os.environ["TOKSUN_E2E_DIR"]


def accept():
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(20, accept)
        return
    dialog.accept()  # the saved connection it offers, schema toksun


def settle():
    for _ in range(10):
        QgsApplication.processEvents()


def check(result):
    iface = qgis.utils.iface
    plugin = qgis.utils.plugins["toksun_restoration"]
    uri = QgsDataSourceUri()  # Data Source Manager → PostgreSQL → New, password saved
    uri.setConnection(os.environ["PG_HOST"], os.environ["PG_PORT"], os.environ["PG_DB"],
                      "li", "wrong")
    meta = QgsProviderRegistry.instance().providerMetadata("postgres")
    meta.saveConnection(meta.createConnection(uri.uri(False), {
        "saveUsername": True, "savePassword": True}), "county")
    actions = {a.objectName(): a for a in plugin.actions}
    QTimer.singleShot(0, accept)
    actions["toksun_open_postgres"].trigger()
    settle()
    iface.mainWindow().grab().save(os.path.join(out, "opened.png"))
    for name in ("toksun_show_dashboard", "toksun_show_sync", "toksun_show_conflicts"):
        actions[name].trigger()
        settle()
    iface.mainWindow().grab().save(os.path.join(out, "tools.png"))
    result["messages"] = [[item.title(), item.text()]
                          for item in iface.messageBar().items()]
    result["layers"] = len(QgsProject.instance().mapLayers())
    result["plan_copied"] = os.path.exists(os.path.join(
        QgsApplication.qgisSettingsDirPath(), "toksun_restoration", "toksun_plan.gpkg"))
'''


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["zh_CN", "en_US"])
def test_a_wrong_password_in_the_real_qgis_desktop_opens_nothing_else(
        plugin_zip, tmp_path, cluster, database, li, plan_gpkg, monkeypatch, locale):
    """QGIS in a fresh profile: a saved connection whose password is wrong. The message bar
    says why, naming the master by its database and schema (libpq's words kept whole, their
    quotes too); Progress, Sync and Settle conflicts then say no master is open, and the plan
    bundled in the profile is neither copied nor opened."""
    from tests.qgis.desktop import run_qgis

    db = _published(database, tmp_path / "published", plan_gpkg)
    for name, value in (("PG_HOST", cluster.dir), ("PG_PORT", str(cluster.port)),
                        ("PG_DB", db)):
        monkeypatch.setenv(name, value)
    work = tmp_path / "qgis"
    work.mkdir()
    result = run_qgis(plugin_zip, OPEN_WITH_A_WRONG_PASSWORD, work, locale=locale)
    assert "error" not in result, result.get("error")
    assert result["layers"] == 0 and not result["plan_copied"], result
    messages = result["messages"]  # the newest first; the same words shown once
    assert len(messages) == 2, messages
    lang = locale[:2]
    title, text = messages[-1]
    assert title == {"en": "Not opened", "zh": "未打开"}[lang], messages
    assert {"en": f"cannot connect to {db} (schema toksun): password authentication failed "
                  'for user "li"',
            "zh": f"无法连接 PostgreSQL 主库 {db}（模式 toksun）：密码错误"}[lang] in text, text
    assert '"li"' in text, text
    for _, said in messages:
        _named_plainly(said, cluster, lang)
    for _, said in messages[:-1]:
        assert {"en": "No master is open", "zh": "未打开任何主库"}[lang] in said, said
    for shot in ("opened", "tools"):
        shutil.copyfile(work / f"{shot}.png",
                        ROOT / "out" / f"qgis_wrong_password_{shot}_{locale}.png")


# a coded column's values, from its list: the row's own is left out
CODES = {"mineral": ("水泥用石灰岩", "砖瓦用粘土", "建筑用砂")}


def _in_conflict(database: str, tmp_path, fields: dict) -> dict:
    """A conflict on each field of ``fields`` (table: column) of a first row: edited in the
    database and in a GIS package, merged. Returns the values edited in the database."""
    edited = {}
    pkg = tmp_path / "gis-zhao.gpkg"
    masters.checkout(database, pkg, "gis-zhao", role="gis")
    conn = connect(pkg)
    with conn:
        for table, column in fields.items():
            u = query(database, f"SELECT uuid FROM {table} ORDER BY uuid LIMIT 1")[0][0]
            now = query(database, f"SELECT {column} FROM {table} WHERE uuid = %s", u)[0][0]
            in_qgis, in_field = [v for v in CODES[column] if v != now][:2] \
                if column in CODES else ("in-qgis", "in-field")
            query(database, f"UPDATE {table} SET {column} = %s WHERE uuid = %s", in_qgis, u)
            edited[column] = in_qgis
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE uuid = ?", (in_field, u))
    conn.close()
    package_export.export(pkg, tmp_path / "gis-zhao.zip")
    assert masters.merge(database, [tmp_path / "gis-zhao.zip"]).totals["conflict"] == \
        len(fields)
    return edited


def test_gis_staff_see_the_conflicts_and_are_told_only_supervisors_settle_them(
        iface, plugin, lang, cluster, database, connections, tmp_path, plan_gpkg):
    """GIS staff given the editors' grants open Settle conflicts on a PostgreSQL master: the
    conflicts are listed (those of a layer they may not edit too), the buttons that settle
    are off, and the dialog says in their language that only supervisors settle conflicts
    and which grant makes one; not PostgreSQL's "permission denied"."""

    db, owner, anna = published_with_an_editor(cluster, database, tmp_path, plan_gpkg)
    _in_conflict(database, tmp_path, {"mine_patches": "mineral",
                                      "restoration_projects": "content"})
    connections("county", cluster, db, anna)
    _open_postgres(plugin, "county")
    assert plugin.layers and not [m for m in iface.messages if m[0] == "critical"]
    dialog = plugin.show_conflicts()
    try:
        assert dialog.table.rowCount() == 2
        buttons = [*dialog.take_buttons.values(), dialog.all_theirs, dialog.all_ours]
        assert not any(b.isEnabled() for b in buttons)
        text = dialog.message.text()
        assert {"en": f"only supervisors settle conflicts: role {anna} is not a member of "
                      f"{owner}, the role owning schema toksun",
                "zh": f"只有主管可以处理冲突：角色 {anna} 不是模式 toksun 的所有者角色 {owner} "
                      "的成员"}[lang] in text, text
        assert f'GRANT "{owner}" TO "{anna}"' in text and "permission" not in text, text
        dialog.table.selectRow(0)
        dialog.take_buttons["theirs"].click()  # (off: nothing happens)
        assert dialog.message.text() == text
        assert dialog.grab().save(str(_out() / f"qgis_conflicts_gis_staff_{lang}.png"))
    finally:
        dialog.close()
    assert query(database, "SELECT status FROM sync_conflicts") == [("open",), ("open",)]


def test_a_conflict_settled_in_the_dialog_names_the_database_role(
        iface, plugin, cluster, database, connections, tmp_path, plan_gpkg, capsys,
        monkeypatch):
    """A supervisor settles a conflict in the dialog: the decision is kept as made by the
    database role and application, as `conflicts --every` shows it, whoever the
    environment of QGIS names."""
    monkeypatch.setenv("USER", "desktop-user")
    db = _published(database, tmp_path, plan_gpkg)
    in_qgis = _in_conflict(database, tmp_path, {"mine_patches": "mineral"})["mineral"]
    connections("county", cluster, db)
    _open_postgres(plugin, "county")
    dialog = plugin.show_conflicts()
    try:
        dialog.table.selectRow(0)
        assert all(b.isEnabled() for b in dialog.take_buttons.values())
        dialog.take_buttons["theirs"].click()
        said = dialog.message.text()  # what was settled, and no conflict left
        assert said.startswith(("Settled #", "已处理冲突 #")) and in_qgis in said, said
        assert dialog.table.rowCount() == 0
    finally:
        dialog.close()
    capsys.readouterr()
    assert main(["conflicts", database, "--every"]) == 0
    out = capsys.readouterr().out
    assert "take:theirs by postgres (field-kit) at " in out, out
