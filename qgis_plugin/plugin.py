# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's glue: translator, menu, toolbar and the actions that open each panel."""

from __future__ import annotations

import contextlib
import os
import shutil
from functools import partial
from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.gui import QgsApplicationExitBlockerInterface
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QLibraryInfo, Qt, QTimer, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDialog, QFileDialog, QInputDialog, QMessageBox

from field_kit import db, forms
from field_kit.__about__ import __version__
from field_kit.db import connect
from field_kit.errors import SyncError
from field_kit.file_filters import any_case
from field_kit.sync import drift, registry
from field_kit.sync.masters import is_postgres

from . import form_wheel, layer_forms, open_docks
from .core_messages import (
    READ_WAIT_MS,
    error_in_user_language,
    held_now,
    in_user_language,
    master_named,
    waited_said,
)
from .i18n import listed, tr, user_language
from .layer_forms import keep_derived, prepare
from .plan_layers import (
    MAP_ORDER,
    TABLE_ORDER,
    add_group,
    county_extent,
    display_crs,
    find_plan_layers,
    layer_table,
    layers_of,
    left_out,
    load_plan,
    plan_problem,
    plan_source,
)
from .said_of_the_file import SaidOfTheFile

HERE = Path(__file__).resolve().parent
MENU = "托克逊生态修复 / Toksun Restoration"
SETTINGS = "toksun_restoration"
NO_CHINESE = (
    "未找到本插件的中文翻译（{file}）：其菜单、面板和对话框以英文显示。请从插件的 zip 安装"
    "（插件 → 管理并安装插件 → 从 ZIP 安装），其中含有该翻译。 The plugin's Chinese "
    "translation was not found ({file}): its menus, panels and dialogs are shown in English. "
    "Install the plugin from its zip (Plugins → Manage and Install Plugins → Install from "
    "ZIP), which carries it.")


def qt_translations() -> str:
    """The folder Qt's own translations (qt_zh_CN.qm) are read from."""
    return QLibraryInfo.location(QLibraryInfo.TranslationsPath)


def resource(name: str) -> Path:
    """A file of ``resources/``: inside the plugin in its zip, beside it in the repository."""
    for path in (HERE / "resources" / name, HERE.parent / "resources" / name):
        if path.exists():
            return path
    raise FileNotFoundError(f"the plugin's resource {name} is missing")


def bundled_plan() -> Path:
    return resource("toksun_plan.gpkg")


def working_plan() -> Path:
    """The user's own copy of the bundled plan: the plugin's files are never edited."""
    target = Path(QgsApplication.qgisSettingsDirPath()) / SETTINGS / "toksun_plan.gpkg"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundled_plan(), target)
    return target


def open_to_role(gpkg: Path) -> str:
    """What of the county's own layers a technician's package lets its role change (each
    layer, and its fields where only some), and those it locks whole as the plan's, as
    sentences to add; empty when there are none."""
    from .plan_layers import PLAN_TABLES, _grants_and_own_tables

    allowed, own = _grants_and_own_tables(gpkg)
    if allowed is None:
        return ""
    shown = [own[t] if "*" in cols else tr("{layer} (only {fields})").format(
        layer=own[t], fields=listed(sorted(cols)))
        for t, cols in allowed.items() if t in own and t not in PLAN_TABLES and cols]
    locked = [title for t, title in own.items() if registry.may_write(allowed, t) == "*"]
    said = ""
    if shown:
        said += " " + tr("Of the county's own layers, open to change: {layers}.").format(
            layers="; ".join(shown))
    if locked:
        said += " " + tr(
            "Of the county's own layers, locked too, the master's grants giving this role "
            "none of them: {layers}. To change one, ask a supervisor for the grant "
            "(field-kit roles … --grant), then pull the master into the package.").format(
                layers="; ".join(locked))
    return said


def capture_problems(gpkg: Path) -> list[str]:
    """What is not whole in a file's change capture (empty when all is well)."""
    try:
        conn = connect(gpkg, readonly=True)
    except Exception:  # noqa: BLE001 - opening is reported by the loading itself
        return []
    try:
        return [str(d) for d in drift.broken(drift.find(conn))]
    finally:
        conn.close()


class _QueuedAsked(QgsApplicationExitBlockerInterface):
    """QGIS asked to quit: a dialog holding changes queued and not applied (Who may change
    what) asks, as closing it does, whether to apply them, discard them or go back to them;
    going back keeps QGIS open."""

    def __init__(self, plugin: ToksunPlugin):
        super().__init__()
        self.plugin = plugin

    def allowExit(self) -> bool:  # noqa: N802 (QGIS's name)
        return all(dialog.may_quit() for dialog in list(self.plugin.dialogs)
                   if hasattr(dialog, "may_quit"))


class ToksunPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.actions: list[QAction] = []
        self.toolbar = None
        self.translator = None
        self.qt_translator = None  # Qt's own Chinese, where QGIS has not installed it
        self.layers: dict = {}
        self.gpkg: Path | str | None = None  # a GeoPackage, or a PostgreSQL master's address
        # the master last asked for, where it did not open and none is open: the tools say
        # so, instead of opening the bundled plan in its place
        self.not_opened: str | None = None
        self.docks: dict = {}
        self.closing = False  # unloading: the docks' state is remembered, not changed
        # the dialogs shown without blocking QGIS: their Python side (the form's slots) must
        # live as long as they are on the screen, whoever else holds them
        self.dialogs: list = []
        self.field_edits = None  # fields deleted or renamed in QGIS on tracked layers
        self.saved_over = None  # QGIS edits of a master saved over later changes
        self.partial_grants = None  # features added, deleted or moved where not granted
        self.journal_set = False  # OGR_SQLITE_JOURNAL set by the plugin, to unset on unload
        self.exit_blocker = None  # asks of changes queued in a dialog as QGIS quits
        # the bar's messages of the file open, or of one not opened: gone once another opens
        self.said = SaidOfTheFile(iface)

    # --- QGIS entry points ------------------------------------------------------------
    def initGui(self):  # noqa: N802
        self._keep_rollback_journal()
        self._install_translator()
        self.toolbar = self.iface.addToolBar(MENU)
        self.toolbar.setObjectName("ToksunRestorationToolbar")
        self._add_action("plan.svg", tr("Open the plan"), self.open_plan, toolbar=True)
        self._add_action("plan.svg", tr("Open a master or field package…"), self.open_other)
        self._add_action("plan.svg", tr("Open a PostgreSQL master…"), self.open_postgres)
        self._add_action("verify.svg", tr("Verify a patch"), self.verify_patch, toolbar=True)
        self._add_action("inspect.svg", tr("Inspect a project"), self.inspect_project,
                         toolbar=True)
        self._add_action("sync.svg", tr("Sync: field packages and merge"), self.show_sync,
                         toolbar=True)
        self._add_action("conflicts.svg", tr("Settle conflicts"), self.show_conflicts,
                         toolbar=True)
        self._add_action("sync.svg", tr("Who may change what…"), self.show_grants)
        self._add_action("dashboard.svg", tr("Progress against the plan"), self.show_dashboard,
                         toolbar=True)
        self._add_action("history.svg", tr("History of the selected feature"),
                         self.show_history, toolbar=True)
        self._add_action("history.svg", tr("History by code or uuid…"),
                         self.show_history_lookup)
        self._add_action("import.svg", tr("Import surveyed data…"), self.show_import)
        self._add_action("toksun.svg", tr("About"), self.about)
        from .field_edits import FieldEdits
        self.field_edits = FieldEdits(self.iface)
        from .saved_over import SavedOver
        self.saved_over = SavedOver(self.iface)
        from .partial_grants import PartialGrants
        self.partial_grants = PartialGrants(self.iface)
        from .processing.provider import Provider
        self.provider = Provider()  # the same work as Processing algorithms, for models
        QgsApplication.processingRegistry().addProvider(self.provider)
        QgsProject.instance().layersAdded.connect(self._keep_derived_of)
        QgsProject.instance().readProject.connect(self._project_read)
        self._keep_derived_of(QgsProject.instance().mapLayers().values())  # enabled late
        self._reopen_docks()
        # (QGIS 3.16 and later; an interface without it, none)
        register = getattr(self.iface, "registerApplicationExitBlocker", None)
        if register is not None:
            self.exit_blocker = _QueuedAsked(self)
            register(self.exit_blocker)

    def _reopen_docks(self) -> None:
        """The docks open when QGIS closed, on the master they showed (if it is there)."""
        names, master = open_docks.recalled()
        if not names:
            return
        self.gpkg = master  # (its layers come with the first tool used)
        for name in names:
            if name in self._DOCKS:
                self._dock(name, self._dock_class(name))

    def _keep_rollback_journal(self) -> None:
        """QGIS 3.22 (GDAL 3.4.2 and later) switches a GeoPackage to WAL when one of its
        layers enters editing, while its other layers stay on read-only connections opened
        with NOLOCK, which SQLite cannot read a WAL file through ("unable to open database
        file"): the map, the forms and the layer being edited itself then read nothing. With
        OGR_SQLITE_JOURNAL set QGIS leaves the journal mode as it is: the plan stays in
        rollback-journal mode, as the toolkit's own writers expect. A value the user set is
        kept."""
        from osgeo import gdal
        if gdal.GetConfigOption("OGR_SQLITE_JOURNAL") is None:
            gdal.SetConfigOption("OGR_SQLITE_JOURNAL", "DELETE")
            self.journal_set = True

    def unload(self):
        if self.journal_set:
            from osgeo import gdal
            gdal.SetConfigOption("OGR_SQLITE_JOURNAL", None)
            self.journal_set = False
        if self.field_edits is not None:
            self.field_edits.close()
            self.field_edits = None
        if self.saved_over is not None:
            self.saved_over.close()
            self.saved_over = None
        if self.partial_grants is not None:
            self.partial_grants.close()
            self.partial_grants = None
        if getattr(self, "provider", None) is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        with contextlib.suppress(TypeError):  # not connected: initGui did not run
            QgsProject.instance().layersAdded.disconnect(self._keep_derived_of)
        with contextlib.suppress(TypeError):
            QgsProject.instance().readProject.disconnect(self._project_read)
        layer_forms.KEPT.close()
        form_wheel.uninstall(layer for layer in QgsProject.instance().mapLayers().values()
                             if isinstance(layer, QgsVectorLayer))
        for action in self.actions:
            self.iface.removePluginMenu(MENU, action)
            self.iface.removeToolBarIcon(action)
            action.deleteLater()
        self.actions.clear()
        if self.toolbar is not None:
            self.toolbar.deleteLater()
            self.toolbar = None
        self._remember_docks()
        self.closing = True  # (docks removed now are not closed by the user)
        for dock in self.docks.values():
            if getattr(dock, "report_dialog", None) is not None:
                dock.report_dialog.close()
            if hasattr(dock, "unhook"):  # deleted later: deaf to the project from now
                dock.unhook()
            self.iface.removeDockWidget(dock)
            dock.deleteLater()
        self.docks.clear()
        if self.exit_blocker is not None:
            self.iface.unregisterApplicationExitBlocker(self.exit_blocker)
            self.exit_blocker = None
        for dialog in list(self.dialogs):
            # (closed as it stands: a question while QGIS quits could not keep it open;
            # QGIS asked before, see _QueuedAsked; what is left queued is said next time)
            if hasattr(dialog, "keep_unapplied"):
                dialog.keep_unapplied()
            dialog.done(QDialog.Rejected)
        self.dialogs.clear()
        # the plan layers are the user's now (in their project, perhaps edited, styled or
        # saved with it): disabling or upgrading the plugin leaves them where they are
        self.layers = {}
        for translator in (self.translator, self.qt_translator):
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
        self.translator = self.qt_translator = None

    def _keep_derived_of(self, layers) -> None:
        """Plan layers that come into the project by QGIS's own ways (a saved project
        reopened, a table added from the Browser) keep their area and centre from their
        first geometry edit, not only once one of the plugin's tools has adopted them."""
        for layer in layers:
            source = plan_source(layer)
            if source is not None and plan_problem(source[0]) is None:
                keep_derived(layer, source[1])
                form_wheel.install(layer)

    def _project_read(self, _document=None) -> None:
        """A saved project read that holds a master's or a field package's plan layers:
        what was said of the file open, or of one not opened, before is taken off the bar,
        and the docks follow the project's master (what they said was of the one before):
        the tools work on the project's layers now."""
        if find_plan_layers(QgsProject.instance()) is not None:
            self.said.drop()
            self._adopt()  # (after the drop: a master that does not open is said)

    # --- actions ----------------------------------------------------------------------
    def open_plan(self):
        self.load(working_plan())

    def open_other(self):
        path, _ = QFileDialog.getOpenFileName(
            self.iface.mainWindow(), tr("Open a master or field package"), "",
            any_case(tr("GeoPackage (*.gpkg)")))
        if path:
            self.load(Path(path))

    def open_postgres(self):
        from .postgres import PostgresMasterDialog

        dialog = PostgresMasterDialog(self.iface.mainWindow())
        if dialog.exec_() != dialog.Accepted:
            return {}
        chosen = dialog.chosen()
        if chosen is None:
            return {}
        layers = self.load_postgres(*chosen)
        if layers:
            dialog.opened()
        return layers

    def load_postgres(self, uri, master: str) -> dict:
        """The plan layers of a PostgreSQL master, read by QGIS's PostgreSQL provider; the
        docks work on the master's address."""
        from .postgres import login, not_opened_reason, open_layers, others_said, password_tried

        project = QgsProject.instance()
        fresh = project.count() == 0
        try:
            with password_tried(master, login(uri)[1]):
                layers, county, others = open_layers(uri, master, MAP_ORDER + TABLE_ORDER)
            prepare(layers, master, user_language())
        except (RuntimeError, SyncError) as e:
            self._not_opened(master, not_opened_reason(master, e))
            return {}
        add_group(layers, project, county=county)
        self.layers, self.gpkg, self.not_opened = layers, master, None
        self.said.drop()
        for dock in self.docks.values():
            dock.set_master(master)
        QTimer.singleShot(0, lambda: self._frame_county(fresh))
        if others:  # another county's master in the same database: which one opened, said
            self.said.info(tr("PostgreSQL master"), others_said(master, others))
        return self.layers

    def load(self, gpkg: Path) -> dict:
        project = QgsProject.instance()
        fresh = project.count() == 0
        try:
            layers = load_plan(gpkg, project)
        except RuntimeError as e:  # the layers open now stay as they are
            self._not_opened(gpkg, str(e))
            return {}
        self.layers = layers
        self.gpkg, self.not_opened = gpkg, None
        self.said.drop()
        for dock in self.docks.values():  # the panels follow the file now open
            dock.set_master(gpkg)
        # QGIS gives a new project the first layer's CRS once the event loop runs: frame
        # the county after that, in a projection where shapes and distances are true
        QTimer.singleShot(0, lambda: self._frame_county(fresh))
        self.said.info(
            tr("Schematic geometry"),
            tr("The plan has no maps: the county outline, zones, corridors and patch outlines "
               "are schematic, drawn from its text. Import surveyed data to replace them."))
        broken = capture_problems(gpkg)
        if broken:  # edits made since may be missing from the log: said before anything else
            self.said.critical(
                tr("Change log not whole"),
                tr("The recording of edits in this file was bypassed by another tool "
                   "({0}): edits made since may be missing. Run field-kit repair on it before "
                   "exporting or merging.").format(
                    listed(in_user_language(d) for d in broken)))
        skipped = left_out(gpkg)
        if skipped:
            self.said.warning(
                tr("Layers not opened"),
                tr("Not opened, as their edits could never be sent: {layers}.").format(
                    layers="; ".join(f"{name} ({in_user_language(why)})"
                                     for name, why in skipped.items())))
        if any(layer.readOnly() for layer in self.layers.values()):
            # pushed last: shown on top
            self.said.info(
                tr("Technician's field package"),
                tr("The plan layers are locked: a technician adds and edits verification and "
                   "inspection records and their photos; plan changes are made by GIS staff.")
                + open_to_role(gpkg))
        return self.layers

    def _not_opened(self, asked, reason: str) -> None:
        """Say why the master ``asked`` for was not opened, and which the tools work on
        now: the one open before, or none."""
        if self.gpkg is None:
            self.not_opened = master_named(asked, short=True)
            now = tr("No master is open.")
        else:
            now = tr("{master} stays open.").format(master=master_named(self.gpkg))
        zh = user_language() == "zh"
        if not reason.rstrip().endswith((".", "。", "!", "！", "?", "？")):  # two sentences
            reason = reason.rstrip() + ("。" if zh else ".")
        # (one at a time: the one before spoke of a file no longer asked for)
        self.said.critical(tr("Not opened"), reason + ("" if zh else " ") + now, alone=True)

    def _frame_county(self, fresh: bool):
        project = QgsProject.instance()
        if not self._layers_alive():  # the project cleared, or another opened, meanwhile
            return
        if fresh:
            project.setCrs(display_crs())
        canvas = self.iface.mapCanvas()
        extent = county_extent(self.layers, project.crs(), project)
        if not extent.isNull():  # (no layer drawn anywhere: the map left as it is)
            canvas.setExtent(extent)
        canvas.refresh()

    def master(self) -> Path | str | None:
        """The master the plugin works on: the plan layers already in the project (a
        saved project reopened, or loaded before an upgrade), else the plan opened now; a
        PostgreSQL master by its address."""
        if self.gpkg is not None and self._layers_alive() or self._adopt():
            return self.gpkg
        if is_postgres(self.gpkg):  # the docks work on the database, layers or not
            return self.gpkg
        if self.gpkg is not None:
            self.load(Path(self.gpkg))
        elif self.not_opened is not None:  # not another master in place of the one asked for
            self.iface.messageBar().pushWarning(MENU, tr(
                "No master is open: {master} was not opened. Open the plan, a master or a "
                "PostgreSQL master first.").format(master=self.not_opened))
        else:
            self.open_plan()
        return self.gpkg

    def _adopt(self) -> bool:
        """Work on the plan layers the project holds, if it holds some. Those of a
        PostgreSQL master that cannot be opened now are left as they are, and the tools
        work on no master (never on another in their place)."""
        found = find_plan_layers(QgsProject.instance())
        if found is None:
            return False
        master, layers = found
        if is_postgres(master) and not self._opens(str(master), layers):
            return True
        self.gpkg, self.layers, self.not_opened = master, layers, None
        prepare(self.layers, self.gpkg, user_language())
        for dock in self.docks.values():
            dock.set_master(self.gpkg)
        return True

    def _opens(self, master: str, layers: dict) -> bool:
        """Whether the PostgreSQL master the project's plan layers read opens, with the
        password their connection holds; if not, said, and no master is open."""
        from qgis.core import QgsDataSourceUri

        from .postgres import login, not_opened_reason, opens, password_tried

        try:
            with password_tried(master, login(QgsDataSourceUri(
                    layers["mine_patches"].source()))[1]):
                opens(master)
        except SyncError as e:
            self.gpkg, self.layers = None, {}
            self._not_opened(master, not_opened_reason(master, e))
            return False
        return True

    def _layers_alive(self) -> bool:
        held = set(QgsProject.instance().mapLayers().values())
        return bool(self.layers) and all(
            not sip.isdeleted(layer) and layer in held for layer in self.layers.values())

    def verify_patch(self):
        return self._record_form("patch_verification")

    def inspect_project(self):
        return self._record_form("project_inspection")

    def _record_form(self, form_id: str):
        """The form for the patch or project selected on the map, or one picked from a list."""
        from .dialogs.record import (
            RecordDialog,
            SelectionUnread,
            choose_subject,
            selected_subject,
            subjects,
        )

        master = self.master()
        if master is None:
            return None
        if is_postgres(master):
            return self._record_in_layer(form_id)
        gpkg = Path(master)
        # (QGIS is frozen while it reads: another program holding the plan said soon)
        with db.waiting_at_most(READ_WAIT_MS):
            try:
                held = held_now(gpkg)
                if held is not None:
                    raise held
                try:
                    uuid = selected_subject(self.layers, form_id) or \
                        choose_subject(self.iface.mainWindow(), gpkg, form_id)
                except SelectionUnread as e:
                    subjects(gpkg, form_id)  # (the file held by another program: said below)
                    self.iface.messageBar().pushCritical(MENU, tr(
                        "QGIS cannot read the feature selected on {layer}.").format(layer=e.layer))
                    return None
                if not uuid:
                    return None
                return self._shown(RecordDialog(gpkg, form_id, uuid, self.iface.mainWindow()))
            except SyncError as e:  # another program holds the plan: nothing to read it by
                self.iface.messageBar().pushCritical(MENU, error_in_user_language(e) +
                                                     waited_said(e))
                return None

    def _record_in_layer(self, form_id: str):
        """On a PostgreSQL master: QGIS's own form of the record layer, saved to the
        database when accepted (where the layer was not being edited already: else it
        joins those edits, saved with them)."""
        from .dialogs.layer_record import new_record, subjects_in
        from .dialogs.record import SUBJECTS, SelectionUnread, selected_subject
        from .postgres import not_opened_reason, opens

        try:  # (QGIS's layers read nothing then, and say nothing: an empty list, a form
            opens(str(self.gpkg))  # that could not be saved)
        except SyncError as e:
            self.iface.messageBar().pushCritical(MENU, not_opened_reason(str(self.gpkg), e))
            return None
        try:
            uuid = selected_subject(self.layers, form_id)
        except SelectionUnread:  # (the server stopped since, say)
            self.iface.messageBar().pushCritical(MENU, self._why_unread(
                self.layers[SUBJECTS[form_id][0]]))
            return None
        if not uuid:
            items = subjects_in(self.layers[SUBJECTS[form_id][0]], form_id)
            label, ok = QInputDialog.getItem(
                self.iface.mainWindow(), forms.FORMS[form_id].title(user_language()),
                tr("Which one?"), [i[0] for i in items], 0, False)
            uuid = dict(items).get(label) if ok else None
        if not uuid:
            return None
        layer = self.layers[forms.FORMS[form_id].table]
        started = not layer.isEditable()
        if started and not layer.startEditing():
            self.iface.messageBar().pushCritical(MENU, tr("QGIS cannot edit {layer}.").format(
                layer=layer.name()))
            return None
        dialog = new_record(self.layers, form_id, uuid, self.iface.mainWindow())

        def done(accepted: int) -> None:
            if not started:
                return
            if not accepted:
                layer.rollBack()
            elif not layer.commitChanges():  # refused: QGIS keeps it in the layer's edits
                self.iface.messageBar().pushCritical(MENU, tr(
                    "The record was not saved: {reason}. It is kept in the layer's edits: "
                    "correct it and save the layer, or roll the edits back.").format(
                    reason="; ".join(layer.commitErrors())))
        dialog.finished.connect(done)
        return self._shown(dialog)

    def _not_on_postgres(self, message: str) -> bool:
        """Say ``message``, and return True, where a tool does not work on a PostgreSQL
        master yet."""
        if not is_postgres(self.gpkg):
            return False
        self.iface.messageBar().pushWarning(MENU, message)
        return True

    _DOCKS = ("sync", "dashboard")

    def show_sync(self):
        if self.master() is None:
            return None
        return self._dock("sync", self._dock_class("sync"))

    def show_dashboard(self):
        if self.master() is None:
            return None
        return self._dock("dashboard", self._dock_class("dashboard"))

    @staticmethod
    def _dock_class(name: str):
        if name == "sync":
            from .docks.sync import SyncDock
            return SyncDock
        from .docks.dashboard import DashboardDock
        return DashboardDock

    def _remember_docks(self) -> None:
        if not self.closing:
            open_docks.remember([n for n, d in self.docks.items() if not sip.isdeleted(d)
                                 and not d.isHidden()], self.gpkg)

    def _dock(self, name: str, cls):
        """Show the dock ``name`` on the current GeoPackage, made the first time it is asked."""
        dock = self.docks.get(name)
        if dock is None:
            others = list(self.docks.values())
            dock = self.docks[name] = cls(self.iface, self.gpkg, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.RightDockWidgetArea, dock)
            if others:  # one column of tabs, not panels squeezed one above the other
                self.iface.mainWindow().tabifyDockWidget(others[-1], dock)
            if hasattr(dock, "merged"):  # the figures move as field results are merged
                dock.merged.connect(self._after_merge)
            dock.visibilityChanged.connect(lambda _: self._remember_docks())
        else:
            dock.set_master(self.gpkg)
        dock.show()
        dock.raise_()
        self._remember_docks()
        return dock

    def _after_merge(self):
        if "dashboard" in self.docks:
            self.docks["dashboard"].refresh()

    def show_conflicts(self):
        from .dialogs.conflicts import ConflictsDialog

        if self.master() is None:
            return None
        dialog = ConflictsDialog(self.iface, self.gpkg)
        dialog.settled.connect(self._after_settling)
        return self._shown(dialog)

    def show_grants(self):
        from .dialogs.grants import GrantsDialog

        if self.master() is None:
            return None
        return self._shown(GrantsDialog(self.iface, self.gpkg))

    def _settle(self, ids: list[int]):
        """Settle conflicts opened with the conflicts ``ids`` selected (a feature's, from
        its history)."""
        dialog = self.show_conflicts()
        if dialog is not None:
            dialog.select_ids(ids)
        return dialog

    def _after_settling(self):
        """The Sync dock's merges count their conflicts settled as they are settled."""
        if "sync" in self.docks:
            self.docks["sync"].refresh_merges()

    def show_history(self):
        from .dialogs.history import HistoryDialog

        if (self.gpkg is None or not self._layers_alive()) and self._adopt() and \
                self.gpkg is None:  # the project's master did not open: said
            return None
        held = held_now(self.gpkg) if self.gpkg is not None else None
        if held is not None:
            self._history_unread(error_in_user_language(held) + waited_said(held))
            return None
        layer = self.iface.activeLayer()
        selected = layer.selectedFeatures() if layer is not None and \
            hasattr(layer, "selectedFeatures") else []
        table = layer_table(layer) if layer is not None else ""
        # a plan layer, or a layer of the county's own the master tracks (it has a uuid)
        ours = table in self.layers or (
            self.gpkg is not None and layer in layers_of(self.gpkg, table)
            and layer.fields().indexOf("uuid") >= 0)
        if len(selected) != 1 or self.gpkg is None or not ours:
            if self.gpkg is not None and table in self.layers \
                    and layer.selectedFeatureCount() == 1:  # selected, yet not read
                self._history_unread(self._why_unread(layer))
                return None
            self.iface.messageBar().pushWarning(
                MENU, tr("Select one feature of a plan layer to see its history."))
            return None
        try:
            with db.waiting_at_most(READ_WAIT_MS):
                dialog = HistoryDialog(self.gpkg, table, selected[0]["uuid"],
                                       self.iface.mainWindow(), settle=self._settle)
        except SyncError as e:  # capture broken, a column dropped in the database…
            self._history_unread(error_in_user_language(e) + waited_said(e))
            return None
        return self._shown(dialog)

    def show_history_lookup(self):
        """The history of a row by what the user types (a deleted patch's by its old
        code or uuid: no feature left to select)."""
        from .dialogs.history_lookup import HistoryLookup

        master = self.master()
        if master is None:
            return None
        return self._shown(HistoryLookup(master, partial(self._history_of, master),
                                         self.iface.mainWindow()))

    def _history_of(self, master, table: str, row_uuid: str):
        """The History dialog of row ``row_uuid`` of ``table`` in ``master`` opened."""
        from .dialogs.history import HistoryDialog

        with db.waiting_at_most(READ_WAIT_MS):
            dialog = HistoryDialog(master, table, row_uuid, self.iface.mainWindow(),
                                   settle=self._settle)
        return self._shown(dialog)

    def _history_unread(self, reason: str) -> None:
        self.iface.messageBar().pushCritical(
            MENU, tr("The history cannot be read: {reason}").format(reason=reason))

    def _why_unread(self, layer) -> str:
        """Why QGIS's layer of the master open read none of the features selected on it (it
        says nothing): another program holding the GeoPackage; the server stopped, the
        master's capture or columns changed in the database…, as reading a history finds
        it."""
        from field_kit.sync.masters import master_file

        from .postgres import not_opened_reason

        if not is_postgres(str(self.gpkg)):  # a GeoPackage another program holds, say
            try:
                connect(str(self.gpkg), readonly=True).close()
            except SyncError as e:
                return error_in_user_language(e)
            return tr("QGIS cannot read the feature selected on {layer}.").format(
                layer=layer.name())
        try:
            with master_file(str(self.gpkg), needs="history", row=""):
                pass
        except SyncError as e:
            return not_opened_reason(str(self.gpkg), e)
        return tr("QGIS cannot read the feature selected on {layer}.").format(
            layer=layer.name())

    def show_import(self):
        from .dialogs.import_data import ImportDialog

        if self.master() is None or self._not_on_postgres(tr(
                "Imports do not work on a PostgreSQL master yet: import into a GeoPackage "
                "master, or edit the layers in QGIS.")):
            return None
        return self._shown(ImportDialog(self.iface, self.gpkg, self.iface.mainWindow()))

    def about(self):
        QMessageBox.about(
            self.iface.mainWindow(), MENU,
            tr("Toksun restoration toolkit {version}\n\nThe land ecological restoration plan of "
               "Toksun County 2021-2035: plan layers, verification and inspection forms, "
               "field packages and merge.").format(version=__version__))

    # --- helpers ----------------------------------------------------------------------
    def _shown(self, dialog):
        """A dialog shown without blocking QGIS, kept until it is closed, then deleted."""
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialogs.append(dialog)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        dialog.show()
        return dialog

    def _forget(self, dialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    def _add_action(self, icon: str, text: str, slot, toolbar: bool = False) -> QAction:
        action = QAction(QIcon(str(resource("icons/" + icon))), text, self.iface.mainWindow())
        action.setObjectName("toksun_" + slot.__name__)
        action.triggered.connect(slot)
        self.iface.addPluginToMenu(MENU, action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def _install_translator(self):
        if user_language() != "zh":
            return
        qm = HERE / "resources" / "i18n" / "toksun_zh_CN.qm"
        with contextlib.suppress(FileNotFoundError):
            qm = resource("i18n/toksun_zh_CN.qm")
        translator = QTranslator()
        if translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
            self.translator = translator
        elif tr("Open the plan") == "Open the plan":  # no Chinese of the plugin's at all
            # in both languages: the Chinese of this sentence is in the file not found
            self.iface.messageBar().pushWarning(MENU, NO_CHINESE.format(file=qm))
        self._install_qt_chinese()  # (after the plugin's own: a missing file said in Chinese)

    def _install_qt_chinese(self) -> None:
        """Qt's own Chinese (Yes and No of a question, OK and Cancel of a choice, the file
        dialogs), where QGIS has not installed it: QGIS set to 简体中文 (zh-Hans) looks for
        a Qt translation of that name, which Qt has not (its own is zh_CN)."""
        if QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel":
            return  # QGIS's
        folder = qt_translations()
        translator = QTranslator()
        if translator.load("qt_zh_CN", folder):
            QCoreApplication.installTranslator(translator)
            self.qt_translator = translator
            return
        # said once, as the plugin loads: nothing else tells why Qt's buttons are English
        self.iface.messageBar().pushWarning(MENU, tr(
            "Qt's own Chinese translation was not found ({file}): Qt's standard buttons "
            "(OK, Cancel, Yes, No) and file dialogs are shown in English. Install Qt's "
            "translations (on Debian or Ubuntu: qttranslations5-l10n) to have them in "
            "Chinese.").format(file=os.path.join(folder, "qt_zh_CN.qm")))
