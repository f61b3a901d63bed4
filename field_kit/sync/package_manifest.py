# SPDX-License-Identifier: GPL-2.0-or-later
"""A change package's manifest: what each of its fields is, and reading it unchecked (to
name its device, to choose locks or an order) before :func:`field_kit.sync.package_open.
open_package` checks it in full.

A **change package** is a zip file::

    manifest.json      project, schema version, device, role, checkout, base, sequence
                       range, counts, the sha256 and size of every other member, and the
                       master checked out from (master_name, master_id; not in a package
                       from before the record)
    manifest.sig       hex HMAC-SHA256 of manifest.json's bytes with the device's key
    changes.sqlite     the changes, in seq order (:mod:`field_kit.sync.change_list`)
    attachments/<sha256>  the bytes of the photos the changes reference
"""

from __future__ import annotations

import contextlib
import json
import os
import zipfile

from ..errors import Refused
from . import brought_up_to, master_id, undone_lost
from .package_zip import MAX_DIRECTORY_BYTES, MAX_MANIFEST_BYTES, directory_size

FORMAT = "toksun-change-package"
FORMAT_VERSION = 2

_COUNT = "a whole number from 0"
# what each field of a manifest is, so no later step meets a list where it counts on a number
_MANIFEST = {"format_version": _COUNT, "project_uuid": "text", "schema_version": _COUNT,
             "device": "text", "role": "text", "checkout": "text", "base_seq": _COUNT,
             "after_seq": _COUNT, "seq_from": _COUNT, "seq_to": _COUNT, "created_at": "text",
             "counts": "an object", "members": "an object"}
# (fields a later version added: absent from a package made before them)
_MANIFEST_ADDED = {master_id.MANIFEST_NAME: "text", master_id.MANIFEST_ID: "text",
                   brought_up_to.MANIFEST: "text", undone_lost.MANIFEST: "an object"}


def _is(value, what: str) -> bool:
    if what == _COUNT:
        return type(value) is int and 0 <= value < 2 ** 63
    return isinstance(value, {"text": str, "an object": dict}[what])


def check_manifest(name: str, manifest: dict) -> None:
    """Refuse a manifest any of whose fields is not of its kind (the signing device's word
    is trusted for what it says, not for being well formed)."""
    for key, what in _MANIFEST.items():
        value = manifest.get(key)
        if not _is(value, what) and not (value is None and key in ("seq_from", "seq_to")):
            raise Refused(f"{name}: manifest.json: {key} is {str(value)[:40]!r}, not {what}")
    for key, what in _MANIFEST_ADDED.items():
        value = manifest.get(key)
        if value is not None and not _is(value, what):
            raise Refused(f"{name}: manifest.json: {key} is {str(value)[:40]!r}, not {what}")
    if not _is(manifest["counts"].get("changes"), _COUNT):
        raise Refused(f"{name}: manifest.json: counts.changes is not {_COUNT}")
    for member, meta in manifest["members"].items():
        if not (isinstance(meta, dict) and _is(meta.get("size"), _COUNT)
                and isinstance(meta.get("sha256"), str)):
            raise Refused(f"{name}: manifest.json: member {member!r} has no size and sha256")


def said_manifest(path: str | os.PathLike) -> dict | None:
    """A package's manifest, read unchecked (to name its device, to choose locks or an
    order; :func:`open_package` checks it in full), or None where it cannot be read."""
    with contextlib.suppress(Exception):  # (within the bounds open_package keeps)
        with open(path, "rb") as fh:
            if directory_size(fh, os.path.getsize(path)) > MAX_DIRECTORY_BYTES:
                return None
        with zipfile.ZipFile(path) as zf, zf.open("manifest.json") as member:
            body = member.read(MAX_MANIFEST_BYTES + 1)
        got = json.loads(body) if len(body) <= MAX_MANIFEST_BYTES else None
        return got if isinstance(got, dict) else None
    return None


def said_device(path: str | os.PathLike) -> str | None:
    """The device a package's manifest names, read unchecked, or None."""
    got = said_manifest(path)
    return None if got is None else str(got.get("device"))


def in_device_order(paths: list) -> list:
    """The packages, each device's in the order of its changes (one waits for the device's
    earlier ones), in the places the device's packages had; the rest as given."""
    said = [said_manifest(p) or {} for p in paths]

    def start(i: int) -> tuple:
        return tuple(v if isinstance(v, int) else 0
                     for v in (said[i].get("after_seq"), said[i].get("seq_to")))
    places: dict[str, list[int]] = {}
    for i, m in enumerate(said):
        if m.get("device") is not None:
            places.setdefault(str(m["device"]), []).append(i)
    out = list(paths)
    for where in places.values():
        for place, i in zip(where, sorted(where, key=start)):
            out[place] = paths[i]
    return out
