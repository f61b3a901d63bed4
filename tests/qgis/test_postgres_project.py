# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostgreSQL master in QGIS: a saved project of it reopened after QGIS restarts, and
another saved connection of the same server, database and user whose password is wrong.
The tools work on the master the project's layers read, and on the master left open,
never on the plan bundled in the profile (a real QGIS, a throwaway PostgreSQL cluster)."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtWidgets import QFileDialog, QInputDialog, QPushButton

from field_kit.db import connect
from field_kit.sync import masters, package_export
from qgis_plugin.dialogs.conflicts import ConflictsDialog
from qgis_plugin.dialogs.history import HistoryDialog
from qgis_plugin.plugin import ToksunPlugin
from tests.postgis.cluster import query
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_postgres_failures import (  # noqa: F401 - fixtures
    _click,
    _open_postgres,
    _own_master_opened,
    _published,
    connections,
    lang,
    li,
)


def _providers() -> list[str]:
    return sorted(layer.providerType() for layer in QgsProject.instance().mapLayers().values())


def _saved_and_reopened(iface, plugin, tmp_path):
    """The project saved and QGIS quit; QGIS started again (the plugin loaded) and the
    project opened from Project → Open: the plugin of the new session."""
    project = tmp_path / "province.qgz"
    assert QgsProject.instance().write(str(project))
    plugin.unload()
    QgsProject.instance().clear()
    again = ToksunPlugin(iface)
    again.initGui()
    assert QgsProject.instance().read(str(project))
    assert _providers() == ["postgres"] * 15
    return again


def test_a_saved_project_of_a_postgres_master_reopened_is_worked_on_as_it_is(
        iface, plugin, cluster, database, connections, tmp_path, plan_gpkg,  # noqa: F811
        monkeypatch):
    """Sync, History of the selected feature and Settle conflicts work on the master the
    project's PostGIS layers read: a technician's package merges into PostgreSQL, and the
    project's layers stay (the bundled plan is not opened in their place)."""
    db = _published(database, tmp_path, plan_gpkg)
    tech = tmp_path / "tab-07.gpkg"
    masters.checkout(database, tech, "tab-07", township="郭勒布依乡")
    conn = connect(tech)
    with conn:
        uuid, code = conn.execute("SELECT uuid, patch_code FROM mine_patches").fetchone()
        conn.execute("INSERT INTO patch_verifications (patch_uuid, patch_code, "
                     "remediation_status, verifier) VALUES (?,?,'C','李明')", (uuid, code))
    conn.close()
    package = tmp_path / "tab-07.zip"
    package_export.export(tech, package)
    connections("province", cluster, db)
    _open_postgres(plugin, "province")
    again = _saved_and_reopened(iface, plugin, tmp_path)
    try:
        patches = next(layer for layer in QgsProject.instance().mapLayers().values()
                       if '"mine_patches"' in layer.source())
        patches.selectByIds([next(patches.getFeatures()).id()])
        iface.setActiveLayer(patches)
        before = len(iface.messages)
        _click(again, "show_history")
        assert isinstance(again.dialogs[-1], HistoryDialog), iface.messages[before:]
        again.dialogs[-1].close()
        _click(again, "show_sync")
        dock = again.docks["sync"]
        assert f"PostgreSQL {db}" in dock.master_label.text(), dock.master_label.text()
        assert _providers() == ["postgres"] * 15, "the project's layers were replaced"
        monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                            lambda *a, **k: ([str(package)], ""))
        add = next(b for b in dock.findChildren(QPushButton) if b.text() == "Add…")
        add.click()
        dock.merge_button.click()
        _wait_for(dock)
        assert query(database, "SELECT count(*) FROM patch_verifications")[0][0] == 1, \
            dock.report.toPlainText()
        _click(again, "show_conflicts")
        dialog = again.dialogs[-1]
        assert isinstance(dialog, ConflictsDialog)
        assert f"{db} (schema toksun)" in dialog.summary.text(), dialog.summary.text()
        dialog.close()
        assert _providers() == ["postgres"] * 15
        assert not [m for m in iface.messages[before:] if m[0] in ("critical", "warning")]
    finally:
        again.unload()


def test_a_saved_project_reopened_while_its_server_is_down_keeps_its_layers(
        iface, plugin, connections, tmp_path, plan_gpkg):  # noqa: F811
    """Reopened while the database server is stopped: the tools say the master could not
    be opened and why, and leave the project's layers; once the server is back they work on
    it."""
    own = _own_master_opened(plugin, connections, tmp_path, plan_gpkg)
    again = None
    try:
        own.halt()
        again = _saved_and_reopened(iface, plugin, tmp_path)
        before = len(iface.messages)
        _click(again, "show_sync")
        told = iface.messages[before:]
        assert len(told) == 1 and told[0][0] == "critical", told
        assert "cannot connect to province (schema toksun)" in told[0][2], told
        assert "Is the server running" in told[0][2] and "No master is open" in told[0][2]
        assert again.gpkg is None and not again.docks
        assert _providers() == ["postgres"] * 15, "the project's layers were replaced"
        before = len(iface.messages)
        _click(again, "show_history")  # said once, as above: no other advice after it
        assert len(iface.messages[before:]) == 1, iface.messages[before:]
        own.start()
        _click(again, "show_sync")
        assert "PostgreSQL province" in again.docks["sync"].master_label.text()
        assert _providers() == ["postgres"] * 15
    finally:
        if again is not None:
            again.unload()
        QgsProject.instance().clear()
        own.stop()


def test_a_wrong_password_tried_leaves_the_open_master_as_it_was(
        iface, plugin, cluster, database, connections, li, tmp_path, plan_gpkg):  # noqa: F811
    """A master open with the right password; another saved connection of the same server,
    database and user with a stale password is refused, and the master that stays open
    still reads: Progress, the merge list and Settle conflicts. A connection with no
    password then says none was given, not that it is wrong."""
    db = _published(database, tmp_path, plan_gpkg)
    connections("office", cluster, db, "li", "right")
    connections("office (old password)", cluster, db, "li", "old")
    connections("office (no password)", cluster, db, "li", "")
    _open_postgres(plugin, "office")
    assert plugin.layers and not iface.messages
    sync, progress = plugin.show_sync(), plugin.show_dashboard()
    _open_postgres(plugin, "office (old password)")
    (text,) = [t for kind, _, t in iface.messages if kind == "critical"]
    assert "password authentication failed" in text and "stays open" in text, text
    progress.refresh_button.click()
    assert "cannot" not in progress.summary.text(), progress.summary.text()
    sync.refresh_merges()
    merges = [sync.merge_list.item(i).text() for i in range(sync.merge_list.count())]
    assert not [m for m in merges if "cannot" in m], merges
    _click(plugin, "show_conflicts")
    dialog = plugin.dialogs[-1]
    assert dialog.message.text() == "" and f"{db} (schema toksun)" in dialog.summary.text(), \
        dialog.message.text()
    dialog.close()
    before = len(iface.messages)
    _open_postgres(plugin, "office (no password)")
    (text,) = [t for kind, _, t in iface.messages[before:] if kind == "critical"]
    assert "no password supplied" in text and "password authentication" not in text, text


def test_verify_a_patch_with_the_server_stopped_says_it_cannot_connect(
        iface, plugin, connections, tmp_path, plan_gpkg, monkeypatch):  # noqa: F811
    """Verify a patch, no patch selected, while the master's server is stopped: said as
    the other tools say it, not an empty list of patches to pick from."""
    own = _own_master_opened(plugin, connections, tmp_path, plan_gpkg)
    try:
        assert plugin.layers
        own.halt()
        asked = []
        monkeypatch.setattr(QInputDialog, "getItem",
                            lambda *a, **k: (asked.append(a), ("", False))[1])
        before = len(iface.messages)
        _click(plugin, "verify_patch")
        assert not asked, "a list of patches to pick from was shown"
        told = iface.messages[before:]
        assert len(told) == 1 and told[0][0] == "critical", told
        assert "cannot connect to province (schema toksun)" in told[0][2], told
        assert "Is the server running" in told[0][2], told
    finally:
        QgsApplication.processEvents()
        for layer in list(plugin.layers.values()):  # QGIS's own connections to it, closed
            QgsProject.instance().removeMapLayer(layer.id())
        own.stop()


def test_a_connection_with_no_password_saved_is_told_where_qgis_keeps_one(
        iface, plugin, lang, cluster, database, connections, li, tmp_path,  # noqa: F811
        plan_gpkg):
    """The server asks for a password and the saved connection has none: the message says
    to save it in the connection or an authentication configuration, as QGIS keeps them (not
    the command line's ~/.pgpass), and ends its sentence before saying no master is open."""
    db = _published(database, tmp_path, plan_gpkg)
    connections("office", cluster, db, "li", "")
    _open_postgres(plugin, "office")
    (text,) = [t for kind, _, t in iface.messages if kind == "critical"]
    assert ".pgpass" not in text and "command line" not in text and "命令行" not in text, text
    assert {"en": "Save it in the connection or in an authentication configuration: Layer → "
                  "Data Source Manager → PostgreSQL",
            "zh": "请将密码保存在该连接或认证配置中：图层 → 数据源管理器 → PostgreSQL"
            }[lang] in text, text
    assert {"en": f"Cannot connect to {db} (schema toksun): ",
            "zh": f"无法连接 PostgreSQL 主库 {db}（模式 toksun）："}[lang] in text, text
    ends = {"en": "Edit. No master is open.", "zh": "编辑。未打开任何主库。"}[lang]
    assert text.endswith(ends), text
    assert plugin.gpkg is None and not QgsProject.instance().mapLayers()
