# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS edits of a master saved over values changed after they were made.

QGIS keeps a layer's edits in its edit buffer until they are saved, then writes them
whatever the master came to hold meanwhile: a merge (or another editor) may have written
the same field after the edit was made, or while the save waited for the merge's lock. The
plugin follows every layer of a master (a GeoPackage or PostgreSQL): as each field is first
edited, or a feature deleted, it notes the change log's top; after the save it names the
fields saved (:func:`field_kit.sync.saved_over.record`), and each that another edit wrote
in between becomes a conflict ("theirs": the value replaced, kept aside), said on the
message bar. Nothing is read back through QGIS's types: the log alone is compared.

What was noted of a layer's edits is kept on its edit buffer (:class:`Record`, a property
of the buffer's Qt object), not in the plugin: it outlives the plugin unloaded and loaded
again (the Plugin Reloader, the Plugin Manager), goes with the buffer when QGIS ends the
editing, and is never written into a project file. Edits the buffer holds that the plugin
did not see made (made while it was not loaded, or enabled after them) cannot be checked:
their save says so.
"""

from __future__ import annotations

from types import SimpleNamespace

from qgis.core import QgsDataSourceUri, QgsFeatureRequest, QgsFields, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer

from field_kit.errors import CaptureBroken, SyncError
from field_kit.sync import saved_over

from .core_messages import in_user_language
from .field_edits import layer_file, said_with_drop
from .i18n import by_count, listed, tr
from .layer_handlers import LayerHandlers

# the property of an edit buffer holding what the plugin noted of its edits
RECORD = "toksun_saved_over"
# why edits went unchecked: the plugin did not see them made
NOT_SEEN = "not seen"
# features a warning names, the others counted: a save may replace values of thousands
FEATURES_SHOWN = 5


def buffer_record(layer: QgsVectorLayer):
    """What was noted of the edits in ``layer``'s edit buffer (None: not editing): ``made``
    {(fid, field): log top then}, ``unchecked`` why an edit of it went unchecked (a core
    message, :data:`NOT_SEEN`, or None). Made on first asking. A SimpleNamespace, of the
    standard library: a later version of the plugin reads it as this one wrote it."""
    buffer = layer.editBuffer()
    if buffer is None:
        return None
    record = buffer.property(RECORD)
    if not isinstance(getattr(record, "made", None), dict):
        record = SimpleNamespace(made={}, unchecked=None)
        buffer.setProperty(RECORD, record)
    return record


def layer_master(layer: QgsVectorLayer) -> tuple[str, str] | None:
    """(master, table) a layer reads: a GeoPackage's, or a PostgreSQL master's address."""
    if layer.providerType() == "postgres":
        from .postgres import master_address
        uri = QgsDataSourceUri(layer.source())
        return master_address(uri, uri.schema()), uri.table()
    return layer_file(layer)


class SavedOver:
    """Follows the project's layers of masters while the plugin is loaded."""

    def __init__(self, iface):
        self.iface = iface
        self.layers = LayerHandlers(forgotten=self._forget)
        self._where: dict[str, tuple | None] = {}  # layer -> (master, table), None: not one
        # layer -> the log's top, read once while QGIS handles one user action (a field
        # calculator's thousands of edits read it once; the next action reads it again)
        self._top: dict[str, int] = {}
        self._undo_at: dict[str, int] = {}  # layer -> its undo stack's index
        # layer -> the SavedEdits of the save under way, and why some went unchecked
        self._saved: dict[str, tuple[list, str | None]] = {}
        # (master, table, row uuid) -> the fields the save under way wrote to it, by every
        # layer saved in it (cleared as QGIS goes back to the user)
        self._writing: dict[tuple, set] = {}
        self._project = QgsProject.instance()
        self._project.layersAdded.connect(self.follow)
        self.follow(self._project.mapLayers().values())

    def follow(self, layers) -> None:
        for layer in layers:
            if not isinstance(layer, QgsVectorLayer) or layer.id() in self.layers or \
                    layer.providerType() not in ("ogr", "postgres"):
                continue
            lid = layer.id()
            self.layers.connect(layer, [
                (layer.attributeValueChanged,
                 lambda fid, idx, _value, lid=lid: self._edited(lid, fid, idx)),
                (layer.geometryChanged, lambda fid, _geometry, lid=lid: self._edited(
                    lid, fid, saved_over.GEOMETRY)),
                (layer.featureDeleted, lambda fid, lid=lid: self._edited(lid, fid, None)),
                (layer.undoStack().indexChanged, lambda at, lid=lid: self._undone(lid, at)),
                (layer.beforeCommitChanges, lambda *_, lid=lid: self._before(lid)),
                (layer.afterCommitChanges, lambda lid=lid: self._after(lid)),
                (layer.afterRollBack, lambda lid=lid: self._rolled_back(lid))])
            self._undo_at[lid] = layer.undoStack().index()
            self._unseen(lid, layer)

    def _unseen(self, lid: str, layer: QgsVectorLayer) -> None:
        """A layer followed while editing (the plugin loaded again, or enabled late): edits
        its buffer holds that were not seen made cannot be checked, said at their save."""
        record = buffer_record(layer)
        if record is None or not self._held(layer, layer.editBuffer()) - set(record.made):
            return
        self._log_top(lid, layer, record)  # whether the layer is a master's
        if self._where.get(lid) is not None:
            record.unchecked = NOT_SEEN

    def close(self) -> None:
        self._project.layersAdded.disconnect(self.follow)
        self.layers.close()

    def _forget(self, lid: str) -> None:
        for held in (self._where, self._top, self._saved, self._undo_at):
            held.pop(lid, None)

    def _master(self, lid: str, layer: QgsVectorLayer) -> tuple | None:
        if lid not in self._where:
            self._where[lid] = layer_master(layer)
        return self._where[lid]

    def _edited(self, lid: str, fid: int, field: int | str | None) -> None:
        """An edit entering the buffer (a field by its index, the geometry, or None: the
        feature deleted): the log's top it has seen, at its first edit."""
        layer = self.layers.get(lid)
        if layer is None or fid < 0 or not layer.isEditable():
            return  # (a feature added in this session is new to everyone)
        record = buffer_record(layer)
        if record is None:
            return
        key = (fid, layer.fields().at(field).name() if isinstance(field, int) else field)
        if key in record.made:
            return
        top = self._log_top(lid, layer, record)
        if top is not None:
            record.made[key] = top

    def _log_top(self, lid: str, layer: QgsVectorLayer, record) -> int | None:
        where = self._master(lid, layer)
        if where is None:
            return None
        if lid not in self._top:
            try:
                top = saved_over.log_top(*where)
            except SyncError as exc:  # unreachable now: this edit goes unchecked, said
                record.unchecked = exc.message  # at its save
                return None
            if top is None:
                self._where[lid] = None  # no master's tracked table: not followed
                return None
            self._top[lid] = top
            QTimer.singleShot(0, lambda lid=lid: self._top.pop(lid, None))
        return self._top[lid]

    def _undone(self, lid: str, at: int) -> None:
        """An edit undone is no longer made: made again later, it has seen what is there
        then."""
        was = self._undo_at.get(lid, 0)
        self._undo_at[lid] = at
        layer = self.layers.get(lid)
        if at >= was or layer is None or layer.editBuffer() is None:
            return
        buffer = layer.editBuffer()
        made = buffer_record(layer).made
        held = self._held(layer, buffer)
        for key in [k for k in made if k not in held]:
            del made[key]

    @staticmethod
    def _held(layer: QgsVectorLayer, buffer) -> set:
        """(fid, field) of what the edit buffer changes, by the names the file gives the
        fields (None: deleted; the geometry as saved_over.GEOMETRY)."""
        names = layer.fields()
        deleted = set(buffer.deletedFeatureIds())
        out: set[tuple[int, str | None]] = {(fid, None) for fid in deleted}
        out |= {(fid, saved_over.GEOMETRY) for fid in buffer.changedGeometries()
                if fid not in deleted}
        out |= {(fid, names.at(i).name()) for fid, values in
                buffer.changedAttributeValues().items() if fid not in deleted
                for i in values if names.fieldOrigin(i) == QgsFields.OriginProvider}
        return out

    @staticmethod
    def _writes(layer: QgsVectorLayer, buffer) -> dict:
        """fid -> the fields a save of the edit buffer writes to the feature, a deleted
        one's included (QGIS writes them, then deletes it)."""
        names = layer.fields()
        out: dict[int, set] = {fid: {saved_over.GEOMETRY}
                               for fid in buffer.changedGeometries() if fid >= 0}
        for fid, values in buffer.changedAttributeValues().items():
            if fid >= 0:
                out.setdefault(fid, set()).update(
                    names.at(i).name() for i in values
                    if names.fieldOrigin(i) == QgsFields.OriginProvider)
        return out

    def _before(self, lid: str) -> None:
        """The edits this save writes, with their rows' uuids (read now: a deleted row's is
        gone after)."""
        self._saved.pop(lid, None)
        layer = self.layers.get(lid)
        record = None if layer is None else buffer_record(layer)
        if record is None or not record.made and record.unchecked is None:
            return  # (edits noted only of a master's layer: it is one)
        where = self._master(lid, layer)
        if where is None:
            return
        made, buffer = record.made, layer.editBuffer()
        held = self._held(layer, buffer)
        saving = {key: top for key, top in made.items() if key in held}
        writes = self._writes(layer, buffer)
        uuids = self._uuids(layer, {fid for fid, _ in saving} | set(writes))
        if not self._writing:  # a new save: what an earlier one wrote is not its own
            QTimer.singleShot(0, self._writing.clear)
        for fid, fields in writes.items():
            if fid in uuids:
                self._writing.setdefault((*where, uuids[fid]), set()).update(fields)
        self._saved[lid] = ([saved_over.SavedEdit(
            where[1], uuids[fid], fld, top,
            frozenset(self._writing.get((*where, uuids[fid]), ())) if fld is None else
            frozenset()) for (fid, fld), top in saving.items() if fid in uuids],
            record.unchecked)

    @staticmethod
    def _uuids(layer: QgsVectorLayer, fids: set) -> dict:
        provider = layer.dataProvider()
        at = provider.fields().indexOf("uuid")
        if at < 0 or not fids:
            return {}
        request = QgsFeatureRequest().setFilterFids(list(fids)).setFlags(
            QgsFeatureRequest.NoGeometry).setSubsetOfAttributes([at])
        return {f.id(): f.attribute(at) for f in provider.getFeatures(request)
                if isinstance(f.attribute(at), str)}

    def _rolled_back(self, lid: str) -> None:
        self._clear(self.layers.get(lid))

    @staticmethod
    def _clear(layer: QgsVectorLayer | None) -> None:
        """What was noted of the edits a save or a rollback ended, gone with them (where
        QGIS goes on editing in the same buffer)."""
        if layer is not None and layer.editBuffer() is not None:
            layer.editBuffer().setProperty(RECORD, None)

    def _after(self, lid: str) -> None:
        layer = self.layers.get(lid)
        self._clear(layer)
        saved, unchecked = self._saved.pop(lid, ([], None))
        where = self._where.get(lid)
        if layer is None or where is None:
            return
        broken = False  # the check refused by capture broken: by fields this save dropped?
        try:
            kept = saved_over.record(where[0], saved) if saved else []
        except SyncError as exc:
            unchecked, broken = exc.message, isinstance(exc, CaptureBroken)
            kept = []
        if unchecked is not None:
            alone = (tr("Edits saved, not checked"), tr(
                "The edits of {layer} are saved, but whether they replaced values changed in "
                "the master meanwhile could not be checked: {reason}").format(
                    layer=layer.name(), reason=_why(unchecked)))
            # a save that dropped fields of a PostgreSQL master: said in its one message
            if not said_with_drop(layer, None if broken else _why(unchecked), alone):
                self.iface.messageBar().pushCritical(*alone)
        if kept:
            self.iface.messageBar().pushWarning(tr("Saved over later changes"), by_count(
                len(kept), tr(
                    "1 value of {layer} you saved had been changed in the master after you "
                    "edited it (by a merge or another editor): {features}. Your value is "
                    "saved; the one it replaced is kept as a conflict: see Settle "
                    "conflicts."), tr(
                    "{n} values of {layer} you saved had been changed in the master after you "
                    "edited them (by a merge or another editor): {features}. Your values are "
                    "saved; those they replaced are kept as conflicts: see Settle "
                    "conflicts.")).format(n=len(kept), layer=layer.name(),
                                     features=_features(layer, kept)))


def _why(unchecked: str) -> str:
    """Why edits went unchecked, in the user's language."""
    if unchecked == NOT_SEEN:
        return tr("some were made while the Toksun plugin was not loaded (or was being "
                  "reloaded), so when they were made is not known")
    # (the check's refusal changed nothing, but the edits it speaks of are saved)
    return in_user_language(unchecked).removesuffix("; nothing was changed").removesuffix(
        "；未作任何更改")


def _label(layer: QgsVectorLayer, field: str) -> str:
    """A field as the layer shows it (its alias), or the geometry."""
    at = layer.fields().indexOf(field)
    return layer.attributeDisplayName(at) if at >= 0 else tr("geometry")


def _features(layer: QgsVectorLayer, kept: list) -> str:
    """The features whose values a save replaced, each by its name (a patch by its code, a
    record by its patch and day, as its conflicts are named) with the fields replaced:
    the first few, then how many more."""
    fields: dict[str, list[str]] = {}  # row -> its fields replaced, as the layer shows them
    names: dict[str, str] = {}
    deleted: set[str] = set()
    for e in kept:
        names.setdefault(e.row, e.name or e.row)
        got = fields.setdefault(e.row, [])
        if e.field is None:  # a feature deleted is no field: said after them
            deleted.add(e.row)
        elif _label(layer, e.field) not in got:
            got.append(_label(layer, e.field))
    said = []
    for row in list(fields)[:FEATURES_SHOWN]:
        what = listed(fields[row])
        if row in deleted:
            what = tr("{fields}, then you deleted it").format(fields=what) if what else \
                tr("you deleted it")
        said.append(tr("{feature} ({what})").format(feature=names[row], what=what))
    if len(fields) <= FEATURES_SHOWN:
        return listed(said)
    return by_count(len(fields) - FEATURES_SHOWN, tr("{features} and 1 more feature"),
                    tr("{features} and {n} more features")).format(
        features=listed(said), n=len(fields) - FEATURES_SHOWN)
