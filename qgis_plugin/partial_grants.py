# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's layer of which the role may change some fields only (the master's grants,
``sync_roles``): the other fields are read-only in its form (:func:`plan_layers.lock`), but
QGIS 3.22 cannot lock adding, deleting or moving features on a layer that stays editable,
nor a field the field calculator or a paste writes, and a merge refuses each of them.

The plugin follows every GeoPackage layer of a technician's package in the project. As soon
as the edit buffer of such a layer holds a feature added, deleted or moved (its geometry not
granted), or a field outside the grant changed, the message bar says so, naming the layer
and the fields the role may change, and the edit is taken back on the layer's undo stack,
one command at a time and only while each undo takes one of those edits away (an undo that
takes none is redone at once, and a granted value a command taken back held beside the edit
is set again, so no other edit is lost). What cannot be taken back is said again when the
layer is saved.
"""

from __future__ import annotations

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer

from field_kit.db import connect
from field_kit.errors import SyncError
from field_kit.plan import schema
from field_kit.sync import changelog, registry

from .field_edits import layer_file
from .i18n import listed, tr


def partial_grant(path: str, table: str) -> tuple[str, list[str], str | None] | None:
    """(role, the columns it may change, the geometry column) where a technician's package
    ``path`` grants some columns of ``table`` only; else None."""
    try:
        conn = connect(path, readonly=True)
    except SyncError:
        return None
    try:
        if not changelog.is_installed(conn) or not registry.has_registry(conn):
            return None
        st = changelog.state(conn)
        if st["kind"] != changelog.PACKAGE:
            return None
        granted = (registry.grants(conn, st["role"]) or {}).get(table)
        tracked = registry.by_name(conn).get(table)
        if not granted or "*" in granted or tracked is None:
            return None
        return st["role"], sorted(granted), tracked.geom
    finally:
        conn.close()


def role_named(role: str) -> str:
    return tr("a technician") if role == schema.TECHNICIAN else role


def refused_edits(layer: QgsVectorLayer, columns: list[str], geom_granted: bool
                  ) -> set[tuple]:
    """The edits in the layer's buffer a merge would refuse: ("add" | "delete" | "move",
    feature id), ("field", feature id, field) for a field outside ``columns``."""
    buffer = layer.editBuffer()
    if buffer is None:
        return set()
    out: set[tuple] = {("add", fid) for fid in buffer.addedFeatures()}
    out |= {("delete", fid) for fid in buffer.deletedFeatureIds()}
    if not geom_granted:
        out |= {("move", fid) for fid in buffer.changedGeometries()}
    names = layer.fields().names()
    out |= {("field", fid, names[i]) for fid, changed in buffer.changedAttributeValues().items()
            for i in changed if names[i] not in columns}
    return out


def granted_values(layer: QgsVectorLayer, columns: list[str]) -> dict[tuple[int, int], object]:
    """(feature id, field index) -> value of the granted fields the layer's buffer changed
    in features it holds (not added ones): what taking an edit back must not take along."""
    buffer = layer.editBuffer()
    if buffer is None:
        return {}
    names = layer.fields().names()
    return {(fid, i): v for fid, changed in buffer.changedAttributeValues().items()
            if fid >= 0 for i, v in changed.items() if names[i] in columns}


class PartialGrants:
    """Follows the project's layers of technicians' packages while the plugin is loaded."""

    def __init__(self, iface):
        from .layer_handlers import LayerHandlers

        self.iface = iface
        self.layers = LayerHandlers(forgotten=self._forget)
        self._grants: dict[str, tuple[str, list[str], bool]] = {}  # layer id -> its grant
        self._left: dict[str, set] = {}  # edits that could not be taken back, already said
        self._busy: set[str] = set()  # layers being undone or checked by the plugin
        self._queued: set[str] = set()
        self._project = QgsProject.instance()
        self._project.layersAdded.connect(self.follow)
        self.follow(self._project.mapLayers().values())

    def follow(self, layers) -> None:
        for layer in layers:
            if layer.id() in self.layers:
                continue
            where = layer_file(layer)
            got = partial_grant(*where) if where is not None else None
            if got is None:
                continue
            lid = layer.id()
            role, columns, geom = got
            self._grants[lid] = (role, columns, geom in columns)
            self.layers.connect(layer, [
                (layer.featureAdded, lambda *_, lid=lid: self._edited(lid)),
                (layer.featureDeleted, lambda *_, lid=lid: self._edited(lid)),
                (layer.geometryChanged, lambda *_, lid=lid: self._edited(lid)),
                (layer.attributeValueChanged, lambda *_, lid=lid: self._edited(lid)),
                (layer.beforeCommitChanges, lambda *_, lid=lid: self._saving(lid)),
                (layer.editingStopped, lambda lid=lid: self._left.pop(lid, None))])

    def close(self) -> None:
        """Leave the layers as they are (the plugin unloaded)."""
        self._project.layersAdded.disconnect(self.follow)
        self.layers.close()

    def _forget(self, lid: str) -> None:
        for kept in (self._grants, self._left):
            kept.pop(lid, None)

    def _edited(self, lid: str) -> None:
        # looked at once QGIS has finished the edit (its command pushed, its macro ended)
        if lid in self._busy or lid in self._queued:
            return
        self._queued.add(lid)
        QTimer.singleShot(0, lambda: self.check(lid))

    def check(self, lid: str) -> None:
        """Take back the edits of the layer a merge would refuse, and say so."""
        self._queued.discard(lid)
        layer = self.layers.get(lid)
        if layer is None or not layer.isEditable() or lid not in self._grants:
            return
        if layer.isEditCommandActive():  # a map tool's command still open: once it ends
            self._edited(lid)
            return
        role, columns, geom_granted = self._grants[lid]

        def refused() -> set[tuple]:
            return refused_edits(layer, columns, geom_granted)
        left = self._left.setdefault(lid, set())
        left &= refused()
        new = refused() - left
        if not new:
            return
        stack = layer.undoStack()
        allowed = granted_values(layer, columns)
        self._busy.add(lid)
        try:
            now = refused()
            while new & now and stack.canUndo():
                stack.undo()
                after = refused()
                if not after < now:  # that undo took none of them: put it back
                    stack.redo()
                    break
                now = after
            self._keep(layer, allowed)
        finally:
            self._busy.discard(lid)
        kept = new & refused()
        left |= kept
        what = tr("{role} may change only {fields} of {layer}: a new, deleted or moved "
                  "feature, or another field, would be refused at merge.").format(
            role=role_named(role), fields=listed(columns), layer=layer.name())
        if kept:
            self.iface.messageBar().pushCritical(tr("Edit not allowed"), what + " " + tr(
                "QGIS could not take it back: undo it (Edit → Undo) or discard this layer's "
                "edits before saving."))
        else:
            self.iface.messageBar().pushWarning(tr("Edit not allowed"), what + " " + tr(
                "It was undone."))

    @staticmethod
    def _keep(layer: QgsVectorLayer, allowed: dict) -> None:
        """Set again the granted values an undo took along with an edit it took back (one
        command of QGIS may hold both: a value typed and the feature moved)."""
        buffer = layer.editBuffer()
        held = buffer.changedAttributeValues() if buffer is not None else {}
        lost = {(fid, i): v for (fid, i), v in allowed.items()
                if held.get(fid, {}).get(i) != v and not buffer.isFeatureDeleted(fid)}
        if not lost:
            return
        layer.beginEditCommand(tr("Keep the fields a technician may change"))
        for (fid, i), v in lost.items():
            layer.changeAttributeValue(fid, i, v)
        layer.endEditCommand()

    def _saving(self, lid: str) -> None:
        layer = self.layers.get(lid)
        if layer is None or lid not in self._grants:
            return
        role, columns, geom_granted = self._grants[lid]
        refused = refused_edits(layer, columns, geom_granted)
        if refused:
            self.iface.messageBar().pushCritical(tr("Edit not allowed"), tr(
                "{layer} is saved with {n} features added, deleted, moved or changed in "
                "other fields: {role} may change only {fields} of it, and the merge will "
                "refuse them.").format(layer=layer.name(), n=len({e[1] for e in refused}),
                role=role_named(role), fields=listed(columns)))
