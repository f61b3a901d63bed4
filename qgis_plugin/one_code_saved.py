# SPDX-License-Identifier: GPL-2.0-or-later
"""A save leaving two features of a plan layer with one code (QGIS's Split Features keeps
the patch code on the new part, a pasted feature keeps the one copied): said at once in the
message bar, naming the code and the features, with what to do. A field package's export
is refused until it is mended (:mod:`field_kit.sync.one_code_here`); a master counts the
patch twice in its figures. A PostgreSQL master's layer is read as QGIS holds it after the
save (its features' codes), a GeoPackage's by the file."""

from __future__ import annotations

import sqlite3

from qgis.core import QgsFeatureRequest, QgsVectorLayer

from field_kit.db import connect, quote
from field_kit.errors import SyncError
from field_kit.plan.values import column_named
from field_kit.sync import changelog, codes, one_code_here

from .i18n import tr, user_language


def said(iface, layer: QgsVectorLayer, where: tuple[str, str]) -> None:
    """Say the codes the save of ``layer`` (the table ``where[1]`` of the file ``where[0]``)
    leaves on more than one feature."""
    path, table = where
    try:
        with connect(path, readonly=True) as conn:
            if not changelog.is_installed(conn):
                return
            master = changelog.state(conn)["kind"] == changelog.MASTER
            shared = [(col, code, [fid for (fid,) in conn.execute(
                f"SELECT fid FROM {quote(tbl)} WHERE uuid IN ({', '.join('?' * len(rows))}) "
                "ORDER BY fid", rows)]) for tbl, col, code, rows in one_code_here.shared(conn)
                if tbl == table]
    except (SyncError, sqlite3.Error):
        return  # (a file the sync does not read: nothing of its codes to say)
    _say(iface, table, shared, master)


def said_of_postgres(iface, layer: QgsVectorLayer, table: str) -> None:
    """Say the codes the save of ``layer``, the table ``table`` of a PostgreSQL master,
    leaves on more than one feature (its features read without their shapes)."""
    col = codes.UNIQUE[table]
    i = layer.fields().indexOf(col)
    if i < 0:
        return  # (a layer without its code field: nothing to compare)
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry) \
        .setSubsetOfAttributes([i])
    held = sorted((f.id(), f[col]) for f in layer.getFeatures(request))
    _say(iface, table, [(col, code, fids) for code, fids in one_code_here.alike(held)], True)


def _say(iface, table: str, shared: list[tuple[str, str, list]], master: bool) -> None:
    then = (tr("Until then every figure of the master counts it twice.") if master else
            tr("Until then the export of this field package is refused."))
    for col, code, fids in shared:
        iface.messageBar().pushWarning(tr("One code on two features"), tr(
            "{field} {code} now names {n} features of {layer} (fid {fids}): a split part, or "
            "a pasted feature, keeps the code of the one it came from, and a code names one "
            "feature. Give the new part its own {field}, or merge the parts back into one "
            "feature (Merge Selected Features). {then}").format(
            field=col, code=code, n=len(fids), layer=column_named(table, user_language()),
            fids=", ".join(map(str, fids)), then=then))
