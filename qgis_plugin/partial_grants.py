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

A pull (the Sync dock's, or the command line's while QGIS has the package open) may bring
other grants: each time an edit session of such a layer starts, an edit is looked at or the
layer is saved, the package's layers are locked again as its grants now say when the file
changed since (:func:`plan_layers.relock`), and the message bar says so; a layer the role may
no longer change is taken out of the edit session it just started, and a save of edits the
merge will now refuse says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer

from field_kit.db import connect
from field_kit.errors import SyncError
from field_kit.plan import schema
from field_kit.sync import changelog, registry

from .field_edits import layer_file
from .i18n import listed, tr
from .plan_layers import GRANTED, relock, relocked_said


def _stamp(path: str) -> tuple[int, int] | None:
    """When the file was last written, and its size: a pull writes it."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def locked_whole(layer: QgsVectorLayer) -> bool:
    """Whether the grants the plugin last applied give the layer's role none of it."""
    return json.loads(layer.customProperty(GRANTED) or '["*"]') == []


def partial_grants(path: str) -> tuple[str, dict[str, tuple[list[str], bool]]] | None:
    """(role, table -> (the columns it may change, whether its geometry is one)) of the
    tables a field package ``path`` grants some columns of only, where its role is not GIS
    staff's (its grants lock some of its layers in QGIS); None for any other file."""
    try:
        conn = connect(path, readonly=True)
    except SyncError:
        return None
    try:
        if not changelog.is_installed(conn) or not registry.has_registry(conn):
            return None
        st = changelog.state(conn)
        if st["kind"] != changelog.PACKAGE or st["role"] == schema.GIS:
            return None
        tracked = registry.by_name(conn)
        return st["role"], {
            table: (sorted(granted), tracked[table].geom in granted)
            for table, granted in (registry.grants(conn, st["role"]) or {}).items()
            if granted and "*" not in granted and table in tracked}
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

    def __init__(self, iface) -> None:
        from .layer_handlers import LayerHandlers

        self.iface = iface
        self.layers = LayerHandlers(forgotten=self._forget)
        self._grants: dict[str, tuple[str, list[str], bool]] = {}  # layer id -> its grant
        self._files: dict[str, tuple[str, str]] = {}  # layer id -> (package, table)
        self._roles: dict[str, str] = {}  # layer id -> the package's role
        self._stamps: dict[str, tuple[int, int] | None] = {}  # package -> its last lock's
        self._left: dict[str, set] = {}  # edits that could not be taken back, already said
        self._busy: set[str] = set()  # layers being undone or checked by the plugin
        self._queued: set[str] = set()
        self._project = QgsProject.instance()
        self._project.layersAdded.connect(self.follow)
        self.follow(self._project.mapLayers().values())

    def follow(self, layers) -> None:
        paths: dict[str, list[str]] = {}
        for layer in layers:
            if layer.id() in self.layers:
                continue
            where = layer_file(layer)
            if where is None or partial_grants(where[0]) is None:
                continue
            lid = layer.id()
            self._files[lid] = where
            self.layers.connect(layer, [
                (layer.featureAdded, lambda *_, lid=lid: self._edited(lid)),
                (layer.featureDeleted, lambda *_, lid=lid: self._edited(lid)),
                (layer.geometryChanged, lambda *_, lid=lid: self._edited(lid)),
                (layer.attributeValueChanged, lambda *_, lid=lid: self._edited(lid)),
                (layer.editingStarted, lambda lid=lid: self._starting(lid)),
                (layer.beforeCommitChanges, lambda *_, lid=lid: self._saving(lid)),
                (layer.editingStopped, lambda lid=lid: self._stopped(lid))])
            paths.setdefault(where[0], []).append(lid)
        for path, lids in paths.items():
            self.regrant(path, lids)

    def regrant(self, path: str, new: list[str] | tuple = ()) -> None:
        """Lock the layers of the package ``path`` again as its grants now say, where the
        file was written since they were (a pull may have brought others), and say which
        changed; else the layers ``new`` (just followed) alone."""
        stamp = _stamp(path)
        if stamp == self._stamps.get(path):
            if not new:
                return
            changed = relock(path, [self.layers.layers[lid] for lid in new])
        else:
            self._stamps[path] = stamp
            changed = relock(path)
        role, partial = partial_grants(path) or ("", {})
        for lid, (file, table) in self._files.items():
            if file != path:
                continue
            self._roles[lid] = role
            if table in partial:
                self._grants[lid] = (role, *partial[table])
            else:
                self._grants.pop(lid, None)
        if changed:
            from .plugin import open_to_role
            self.iface.messageBar().pushWarning(tr("Grants changed"), relocked_said(
                [layer.name() for layer in changed]) + open_to_role(Path(path)))

    def _starting(self, lid: str) -> None:
        layer = self.layers.get(lid)
        if layer is None:
            return
        self.regrant(self._files[lid][0])
        if locked_whole(layer):  # (QGIS locks no layer in the edit session it is starting)
            QTimer.singleShot(0, lambda: self._locked_out(lid))

    def _locked_out(self, lid: str) -> None:
        """Take a layer the role may no longer change out of the edit session just started."""
        layer = self.layers.get(lid)
        if layer is None or not layer.isEditable() or layer.isModified():
            return
        layer.rollBack()
        layer.setReadOnly(True)
        self.iface.messageBar().pushWarning(tr("Edit not allowed"), tr(
            "{role} may no longer change {layer}: the master's grants, as a pull brought "
            "them into the package, give the role none of it, and a merge would refuse its "
            "edits. It is locked.").format(role=role_named(self._roles[lid]),
                                           layer=layer.name()))

    def _stopped(self, lid: str) -> None:
        self._left.pop(lid, None)
        layer = self.layers.get(lid)
        if layer is not None and locked_whole(layer) and not layer.readOnly():
            layer.setReadOnly(True)  # (grants taken back while it was edited)

    def close(self) -> None:
        """Leave the layers as they are (the plugin unloaded)."""
        self._project.layersAdded.disconnect(self.follow)
        self.layers.close()

    def _forget(self, lid: str) -> None:
        for kept in (self._grants, self._left, self._files, self._roles):
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
        if layer is None or not layer.isEditable():
            return
        self.regrant(self._files[lid][0])
        if lid not in self._grants:
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
        if layer is None:
            return
        self.regrant(self._files[lid][0])
        if locked_whole(layer):
            if layer.isModified():
                self.iface.messageBar().pushCritical(tr("Edit not allowed"), tr(
                    "{layer} is saved with edits the merge will refuse: the master's grants, "
                    "as a pull brought them into the package, give {role} none of it (the "
                    "pull after that merge gives the package the master's values "
                    "again).").format(layer=layer.name(), role=role_named(self._roles[lid])))
            return
        if lid not in self._grants:
            return
        role, columns, geom_granted = self._grants[lid]
        refused = refused_edits(layer, columns, geom_granted)
        if refused:
            self.iface.messageBar().pushCritical(tr("Edit not allowed"), tr(
                "{layer} is saved with {n} features added, deleted, moved or changed in "
                "other fields: {role} may change only {fields} of it, and the merge will "
                "refuse them.").format(layer=layer.name(), n=len({e[1] for e in refused}),
                role=role_named(role), fields=listed(columns)))
