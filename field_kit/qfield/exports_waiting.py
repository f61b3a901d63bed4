# SPDX-License-Identifier: GPL-2.0-or-later
"""A change package an earlier export of a QField project wrote beside its folder (named as
its zip) or into it, which the master had not merged as far as the package knows (no pull
since found it merged): no copy of the project, so no obstacle to the export, but work
that reaches the master only once merged, said by name."""

from __future__ import annotations

import json
import os
import zipfile

from ..db import connect
from ..forms.photo_size import file_sha256
from ..sync import changelog, package_manifest, refused, registry


def said(gpkg: str, folder: str) -> list[str]:
    """What is said of the change packages of the package ``gpkg`` that wait to be merged,
    found beside the project ``folder`` under its zip's name or at the top of it."""
    conn = connect(gpkg, readonly=True)
    try:
        listed = registry.meta(conn, refused.EXPORTS)
        st = changelog.state(conn)
    finally:
        conn.close()
    waiting = {sha for sha, _ in json.loads(listed)} if listed else set()
    if not waiting:
        return []
    beside = folder.rstrip(os.sep) + ".zip"
    inside = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                    if f.lower().endswith(".zip"))
    lines = []
    for path in [beside, *inside]:
        if not (os.path.isfile(path) and zipfile.is_zipfile(path)):
            continue
        manifest = package_manifest.said_manifest(path)
        if manifest is None or manifest.get("device") != st["device"] or \
                manifest.get("checkout") != st["checkout_uuid"]:
            continue
        if file_sha256(path) in waiting:
            lines.append(
                f"{path} is a change package an earlier export of this project wrote "
                f"({'change' if manifest.get('seq_from') == manifest.get('seq_to') else 'changes'} "
                f"seq {manifest.get('seq_from')}-{manifest.get('seq_to')}), not "
                "merged into the master as far as the package knows (no pull since found it "
                f"merged): merge it (field-kit merge MASTER {path}); no copy of the project, "
                "it does not stop this export")
    return lines
