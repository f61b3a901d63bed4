# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS's "Delete Field" and "Rename Field" on a layer whose GeoPackage the sync tracks.

Every tracked column is named by its table's capture triggers: SQLite refuses to drop one,
and renaming one leaves capture broken until ``field-kit repair``. The plugin follows every
GeoPackage layer of the project. When QGIS is about to save a layer's edits
(``beforeCommitChanges``), the fields its edit buffer deletes or renames, by their names in
the file, are prepared for in one transaction (:func:`field_kit.sync.column_edits.prepare`);
QGIS's save then drops or renames them first (QGIS saves fields deleted, added and renamed
before the values), so the values saved with them are captured by the rebuilt triggers, and
the message bar says what the change means for the master and the field packages.

Where the sync refuses (a technician's package; a row's uuid, the key), the save stops
before any value is written and the message says why: a field deleted is refused by SQLite
itself (the triggers still name it); a field renamed is taken back in the edit buffer, which
QGIS cannot save, so the save fails there.

A field deleted outside an edit session, by the layer's data provider (a script's
``dataProvider().deleteAttributes``), comes with no save to prepare before: SQLite refuses
it (the triggers name the column) and QGIS says only the trigger's error. Said then, by
layer and field, with the way that works: the same deletion in an edit session.

On a PostgreSQL master's layer a field is deleted or renamed by a supervisor, followed by
``field-kit repair``: capture cannot follow either by itself, and every command on the
master stops until the repair. A rename is taken back as above. A deletion cannot be: QGIS
3.22 lets no plugin cancel a save, and drops the column before anything else, so it is
said at once, naming the field, with the repair it needs; values saved with it, which
cannot be checked against later changes with capture stopped (:mod:`.saved_over`), are
said in the same message.

One deleted (or renamed) there outside an edit session, by the layer's data provider, gives
QGIS no save and no signal at all: PostgreSQL drops it, capture stops following, and the
layer keeps showing the field. The plugin looks at the provider's fields of each PostgreSQL
layer it follows every second (:data:`WATCH_MS`), and a field gone from a tracked table
outside a save is said as a save's deletion is, naming the field, with the repair it needs.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from qgis.core import (
    QgsDataSourceUri,
    QgsException,
    QgsFields,
    QgsProject,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QTimer

from field_kit.db import connect, lit, quote
from field_kit.errors import CaptureBroken, SyncError
from field_kit.plan import schema
from field_kit.plan.values import column_named
from field_kit.sync import changelog, column_edits, registry

from . import one_code_saved
from .core_messages import in_user_language, master_named
from .i18n import listed, tr, user_language
from .layer_handlers import LayerHandlers
from .plan_layers import PLAN_TABLES, layer_table
from .postgres import master_address

# a layer's property while its save drops fields of a PostgreSQL master: what else the save
# meant (its edits unchecked), told here by the plugin's other followers and said in the one
# message on the fields dropped (:func:`said_with_drop`)
DROP_NOTE = "toksun_drop_note"

# how often the provider's fields of each PostgreSQL layer are looked at (no signal tells)
WATCH_MS = 1000

# GDAL's ALTER TABLE refused by a capture trigger, as the OGR provider reports it
_REFUSED_DROP = re.compile(r'DROP COLUMN "((?:[^"]|"")+)"\) failed: error in trigger '
                           r'"?sync_.* after drop column')


def layer_file(layer: QgsVectorLayer) -> tuple[str, str] | None:
    """(GeoPackage, table) a layer reads, or None for any other layer."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None
    path = layer.source().partition("|")[0]
    if not path.lower().endswith(".gpkg"):
        return None
    table = layer_table(layer)
    if not table:  # a GeoPackage of one layer, opened without naming it
        try:
            conn = connect(path, readonly=True)
        except SyncError:
            return None
        try:
            found = registry.candidates(conn)
        finally:
            conn.close()
        if len(found) != 1:
            return None
        table = found[0]
    return path, table


def postgres_master_of(layer: QgsVectorLayer) -> str | None:
    """The address of the PostgreSQL master that tracks the layer's table, or None: asked
    over QGIS's own connection of the layer, with its saved login."""
    if layer.providerType() != "postgres":
        return None
    uri = QgsDataSourceUri(layer.source())
    if uri.table() not in PLAN_TABLES:  # a county's own table: tracked where listed
        registry_table = lit(f"{quote(uri.schema())}.sync_tables")
        try:
            db = QgsProviderRegistry.instance().providerMetadata("postgres").createConnection(
                uri.uri(False), {})
            if db.executeSql(f"SELECT to_regclass({registry_table}) IS NOT NULL") != [[True]] or \
                    not db.executeSql(f"SELECT 1 FROM {quote(uri.schema())}.sync_tables "
                                      f"WHERE tbl = {lit(uri.table())}"):
                return None
        except QgsException:  # not reached: QGIS's save says so itself
            return None
    return master_address(uri, uri.schema(), remember=False)


def schema_edits(layer: QgsVectorLayer) -> tuple[list[str], dict[str, str]]:
    """The fields the layer's edit buffer deletes and renames (old -> new), by the names the
    file gives them: read before the save, as the provider sees them."""
    buffer = layer.editBuffer()
    if buffer is None:
        return [], {}
    provider = layer.dataProvider().fields()
    deleted = [provider.at(i).name() for i in buffer.deletedAttributeIds()
               if 0 <= i < provider.count()]
    fields = layer.fields()
    renamed = {}
    for i in range(fields.count()):
        if fields.fieldOrigin(i) == QgsFields.OriginProvider:
            was = provider.at(fields.fieldOriginIndex(i)).name()
            if was != fields.at(i).name():
                renamed[was] = fields.at(i).name()
    return deleted, renamed


def said_with_drop(layer: QgsVectorLayer, because: str | None, alone: tuple[str, str]) -> bool:
    """Whether the message on the fields this save dropped from a PostgreSQL master takes
    the news that its edits went unchecked: ``because`` why (None: the fields dropped), or
    ``alone`` (title, text) pushed in its place where no field is gone after all."""
    note = layer.property(DROP_NOTE)
    if not isinstance(note, SimpleNamespace):
        return False
    note.unchecked = (because, alone)
    return True


class FieldEdits:
    """Follows the project's GeoPackage layers while the plugin is loaded."""

    def __init__(self, iface):
        self.iface = iface
        self.layers = LayerHandlers(forgotten=self._forget)
        self._prepared: dict[str, column_edits.Prepared] = {}
        self._told: set[str] = set()  # layers whose save the plugin stopped, saying why
        # a PostgreSQL layer's source and its provider's field names, as last seen
        self._seen: dict[str, tuple[str, list[str]]] = {}
        self._watch = QTimer()
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._fields_gone)
        self._watch.start()
        self._project = QgsProject.instance()
        self._project.layersAdded.connect(self.follow)
        self.follow(self._project.mapLayers().values())

    def follow(self, layers) -> None:
        for layer in layers:
            if layer.id() in self.layers or not isinstance(layer, QgsVectorLayer) or (
                    layer_file(layer) is None and layer.providerType() != "postgres"):
                continue
            lid = layer.id()
            if layer.providerType() == "postgres":
                self._remember(layer)
            self.layers.connect(layer, [
                (layer.beforeCommitChanges, lambda *_, lid=lid: self._before(lid)),
                (layer.afterCommitChanges, lambda lid=lid: self._after(lid)),
                (layer.raiseError, lambda error, lid=lid: self._provider_error(lid, error))])

    def close(self) -> None:
        """Leave the layers as they were (the plugin unloaded)."""
        self._watch.stop()
        self._project.layersAdded.disconnect(self.follow)
        self.layers.close()

    def _forget(self, lid: str) -> None:
        self._seen.pop(lid, None)
        self._told.discard(lid)
        self._prepared.pop(lid, None)

    def _before(self, lid: str) -> None:
        self._prepared.pop(lid, None)
        self._told.discard(lid)
        layer = self.layers.get(lid)
        if layer is None:
            return
        layer.setProperty(DROP_NOTE, None)
        QTimer.singleShot(0, lambda lid=lid: self._rename_failed(lid))  # once the save is done
        deleted, renamed = schema_edits(layer)
        if not (deleted or renamed):
            return
        master = postgres_master_of(layer)
        if master is not None:
            self._postgres(layer, master, deleted, renamed)
            return
        where = layer_file(layer)
        if where is None:
            return
        try:
            got = column_edits.prepare(where[0], where[1], deleted, renamed)
        except SyncError as exc:
            self._refused(layer, deleted, renamed, exc)
            return
        if got.kind is not None and (got.dropped or got.renamed):
            self._prepared[lid] = got

    def _provider_error(self, lid: str, error: str) -> None:
        """A field the layer's data provider was asked to delete, outside an edit session,
        refused by the capture triggers: said, with the way that works."""
        layer = self.layers.get(lid)
        found = _REFUSED_DROP.search(error)
        if layer is None or found is None or lid in self._told and layer.isEditable():
            return  # (a save's deletion refused: said already, why)
        self.iface.messageBar().pushCritical(tr("Field not deleted"), tr(
            "Field {field} of {layer} was not deleted: it was deleted outside an edit session "
            "(by the layer's data provider, as a script does), where the sync cannot prepare "
            "its change capture, which names the field. Nothing was changed. Delete it in an "
            "edit session instead: Toggle Editing, delete the field in the attribute table or "
            "in Layer Properties → Fields, then Save Layer Edits (in the master or a GIS field "
            "package: a technician's package does not change its fields).").format(
            field=found.group(1).replace('""', '"'), layer=layer.name()))

    def _remember(self, layer: QgsVectorLayer) -> None:
        self._seen[layer.id()] = (layer.source(), layer.dataProvider().fields().names())

    def _fields_gone(self) -> None:
        """Fields gone from a PostgreSQL layer's table with no save of the layer's to say it
        (deleted or renamed by its data provider, as a script does): said, by layer and
        field, with the repair the master waits for."""
        for lid, (source, names) in list(self._seen.items()):
            layer = self.layers.get(lid)
            if layer is None or isinstance(layer.property(DROP_NOTE), SimpleNamespace):
                continue  # (a save's deletion: said once the save is done)
            have = layer.dataProvider().fields().names()
            gone = [name for name in names if name not in have]
            self._remember(layer)
            if not gone or layer.source() != source:
                continue
            master = postgres_master_of(layer)
            if master is not None:
                self._say_stopped(layer, master_named(master, short=True), gone)

    def _rename_failed(self, lid: str) -> None:
        """QGIS 3.22 cannot save a rename undone (Rename Field, then Undo): its save fails
        there, saying only that the name exists, and may have written the layer's other field
        changes. Said, with the way out, where the plugin has not said why already."""
        layer = self.layers.get(lid)
        if layer is None or lid in self._told or \
                not layer.isEditable():
            return
        if any("Error renaming field" in e for e in layer.commitErrors()):
            self.iface.messageBar().pushCritical(tr("Fields not changed"), tr(
                "QGIS could not save {layer}: it cannot save a field rename that was undone "
                "(Rename Field, then Undo), and the layer's other field changes may be in the "
                "file already. Discard this layer's edits (Toggle Editing, then Discard), look "
                "at its fields, then make the edits again.").format(layer=layer.name()))

    def _refused(self, layer: QgsVectorLayer, deleted: list[str], renamed: dict[str, str],
                 exc: SyncError) -> None:
        self._told.add(layer.id())
        reason = in_user_language(exc.message)
        if isinstance(exc, CaptureBroken):  # the triggers are not whole already: repair says
            self.iface.messageBar().pushCritical(tr("Change log not whole"), reason)
            return
        names = listed(deleted + list(renamed))
        if renamed:
            # QGIS saves a rename even when the triggers name the column: taken back in the
            # edit buffer, the save fails there before anything is written
            for was, now in renamed.items():
                i = layer.fields().indexOf(now)
                if i >= 0:
                    layer.renameAttribute(i, was)
        then = (tr("QGIS cannot save a rename taken back: discard this layer's edits (Toggle "
                   "Editing, then Discard) and make them again without it.") if renamed else
                tr("Undo the deletion (Edit → Undo) and save again."))
        self.iface.messageBar().pushCritical(
            tr("Fields not changed"),
            tr("{fields} of {layer} cannot be deleted or renamed: {reason}. The save stops "
               "before any value is written. {then}").format(
                fields=names, layer=layer.name(), reason=reason, then=then))

    def _postgres(self, layer: QgsVectorLayer, master: str, deleted: list[str],
                  renamed: dict[str, str]) -> None:
        """A field of a PostgreSQL master deleted or renamed in QGIS: a rename alone is taken
        back, the save stopping before anything is written; with a deletion (which QGIS
        writes first, whatever follows) the save goes, and what it did is said at once."""
        lid = layer.id()
        self._told.add(lid)
        shown = master_named(master, short=True)
        if not deleted:
            for was, now in renamed.items():
                i = layer.fields().indexOf(now)
                if i >= 0:
                    layer.renameAttribute(i, was)
            self.iface.messageBar().pushCritical(tr("Fields not changed"), tr(
                "{fields} of {layer} not renamed: a field of the PostgreSQL master {master} "
                "is renamed by a supervisor, in the database (ALTER TABLE … RENAME COLUMN), "
                "then field-kit repair on the master; renamed here, its change capture could "
                "not follow, and every command on the master would stop. The save stops "
                "before any value is written. QGIS cannot save a rename taken back: discard "
                "this layer's edits (Toggle Editing, then Discard) and make them again without "
                "it. The repair tracks the field under its new name, its values reaching field "
                "packages with their next pull; packages checked out before are checked out "
                "again.").format(fields=listed(renamed), layer=layer.name(), master=shown))
            return
        layer.setProperty(DROP_NOTE, SimpleNamespace(unchecked=None))
        QTimer.singleShot(0, lambda: self._dropped(lid, shown, deleted, [*renamed]))

    def _dropped(self, lid: str, shown: str, deleted: list[str], renamed: list[str]) -> None:
        """Said once the save is done: the fields gone, and in the same message what the
        save's other edits came to (saved, unchecked), where it was told."""
        layer = self.layers.get(lid)
        if layer is None:
            return
        note = layer.property(DROP_NOTE)
        layer.setProperty(DROP_NOTE, None)
        self._remember(layer)
        because, alone = getattr(note, "unchecked", None) or (None, None)
        have = layer.dataProvider().fields().names()
        gone = [name for name in [*deleted, *renamed] if name not in have]
        if not gone:
            if alone is not None:
                self.iface.messageBar().pushCritical(*alone)
            return
        unchecked = ""
        if alone is not None:
            dropped = [name for name in deleted if name in gone] or gone
            # (sentences run together as the user's language writes them)
            unchecked = ("" if user_language() == "zh" else " ") + (tr(
                "The edits saved with the deletion are saved, but whether they replaced "
                "values changed in the master meanwhile could not be checked: deleting "
                "{fields} stopped the master's change capture, which the check reads."
            ).format(fields=listed(dropped)) if because is None else tr(
                "The edits saved with the deletion are saved, but whether they replaced "
                "values changed in the master meanwhile could not be checked: {reason}"
            ).format(reason=because))
        self._say_stopped(layer, shown, gone, unchecked)

    def _say_stopped(self, layer: QgsVectorLayer, shown: str, gone: list[str],
                     unchecked: str = "") -> None:
        self.iface.messageBar().pushCritical(tr("Master's commands stopped"), tr(
            "Every command on the PostgreSQL master {master} (checkout, merge, pull, the "
            "docks) stops until a supervisor runs field-kit repair on it: {fields} of "
            "{layer} deleted or renamed there, which its change capture cannot follow. The "
            "repair stops tracking a field deleted (field packages' changes to it are then "
            "refused at merge, by name) and tracks one renamed under its new name; packages "
            "checked out before are checked out again. A field of a PostgreSQL master is "
            "deleted or renamed by a supervisor, then repaired at once.").format(
            fields=listed(gone), layer=layer.name(), master=shown) + unchecked)

    def _after(self, lid: str) -> None:
        got = self._prepared.pop(lid, None)
        layer = self.layers.get(lid)
        where = None if layer is None else layer_file(layer)
        if where is not None and where[1] in schema.CODES:  # a code on two features
            one_code_saved.said(self.iface, layer, where)
        elif layer is not None and layer.providerType() == "postgres":
            table = QgsDataSourceUri(layer.source()).table()
            if table in schema.CODES and postgres_master_of(layer) is not None:
                one_code_saved.said_of_postgres(self.iface, layer, table)
        if got is None or layer is None:
            return
        master = got.kind == changelog.MASTER
        notes = [(tr("Field deleted"), tr(
            "Field {field} of {table} is deleted from the master. Field packages checked out "
            "before still have it: their changes to it will be refused at merge, by name.")
            if master else tr(
            "Field {field} of {table} is deleted in this field package only: the master keeps "
            "it (updates from here do not name it, rows added here take its default there), "
            "and a pull brings it back."), {"field": field}) for field in got.dropped]
        notes += [(tr("Field renamed"), tr(
            "Field {old} of {table} is renamed {new} in the master: field packages get {new} "
            "with their next pull; their changes to {old} will be refused at merge, by name.")
            if master else tr(
            "Field {old} of {table} is renamed {new} in this field package: {new} and its "
            "values reach the master with the next change package, where {old} stays beside "
            "it."), {"old": old, "new": new}) for old, new in got.renamed]
        # a plan table by its title in the user's language, a county's own by its name
        table = column_named(got.table, user_language())
        for title, text, names in notes:
            self.iface.messageBar().pushInfo(title, text.format(table=table, **names))
