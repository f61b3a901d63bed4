# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading a change package: :func:`open_package` checks one against a master and raises
:class:`~field_kit.errors.Refused` with a one-line reason (truncated or altered zip, unknown
device, bad signature, other project, newer schema, unsafe member name, unknown table or
column, too big, a gap in the device's sequence) before anything is written to the master.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import sqlite3
import struct
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..bilingual import counted, size_said
from ..db import (
    PART,
    QFIELD_PACKAGE,
    connect,
    in_command,
    is_database,
    must_be_file,
    typed_path,
)
from ..errors import Behind, NotRegistered, Refused, SyncError
from ..forms import photo_size
from ..messages_zh import os_error_in_chinese
from . import change_list, changelog, master_id, new_layers, replaced, schema_changes
from .package_manifest import FORMAT, FORMAT_VERSION, check_manifest
from .package_zip import (
    MAX_DIRECTORY_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_SIG_BYTES,
    check_method,
    directory_size,
    file_digest,
    inflate,
    inflated,
)

MAX_BYTES = 512 * 1024 * 1024  # default limit for a change package, zipped or unzipped
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Package:
    path: str
    sha256: str
    manifest: dict
    slot: int  # its changes are the rows of this slot in the temp table ``incoming``
    attachments: Mapping = field(default_factory=dict)  # sha256 -> (bytes, mime)
    new_columns: list = field(default_factory=list)  # (table, column, type) it adds
    new_layers: list = field(default_factory=list)  # (table, layer, columns) it adds
    not_whole: set = field(default_factory=set)  # sha256 of its pictures cut short

    @property
    def device(self) -> str:
        return self.manifest["device"]

    @property
    def role(self) -> str:
        return self.manifest["role"]


def _master_file(master: sqlite3.Connection, here_name: str) -> str | None:
    """The master's file as the user gave it, None where it is not the master itself (a
    PostgreSQL master's stage, named otherwise)."""
    path = typed_path(master)
    return path if os.path.basename(path) == here_name else None


# the way on from a change package that cannot be read (a copy cut short, a damaged disk)
UNREADABLE_WAY = ("copy it again from the device, or export its changes again from the "
                  f"device's field package: {schema_changes.EXPORT_ALL}")


def _refuse_not_a_change_package(name: str, members: list[str]) -> None:
    """A zip without a change package's manifest is said as what it is, before its members'
    names are judged (as a change package's, they are all "not allowed"): a QField project's
    (what comes back from the phone) with the export that makes one of it."""
    for required in ("manifest.json", "manifest.sig"):
        if required in members:
            continue
        if QFIELD_PACKAGE in members or any(m.lower().endswith((".qgs", ".qgz"))
                                            for m in members):
            raise Refused(f"{name}: a QField project, not a change package: its edits travel "
                          f"as its export (field-kit export {in_command(name)} OUT.zip), "
                          "which is what a merge takes")
        raise Refused(f"{name}: no {required}; not a change package")


def _refuse_geopackage_given(path: str, name: str, master: sqlite3.Connection) -> None:
    """A GeoPackage given to a merge as a change package, said as what it is: a field
    package with the export that makes one of it; a master (this one, or another), which
    exports none, with what a merge takes instead."""
    kind = None
    with contextlib.suppress(sqlite3.Error, SyncError, OSError), \
            contextlib.closing(connect(path, readonly=True)) as conn:
        kind = changelog.state(conn)["kind"] if changelog.is_installed(conn) else None
    if kind == changelog.MASTER:
        here = next((row[2] for row in master.execute("PRAGMA database_list")
                     if row[1] == "main"), "")
        same = False
        with contextlib.suppress(OSError):
            same = bool(here) and os.path.samefile(path, here)
        raise Refused(f"{name}: {'the master itself' if same else 'a master'}, not a change "
                      f"package: a merge takes the change packages {'its' if same else 'the'} "
                      "field packages export (field-kit export FIELD_PACKAGE OUT.zip)")
    if kind is None:  # (a copy of layers: no export of it can be made)
        raise Refused(f"{name}: a GeoPackage with no change capture, neither a field package "
                      "nor a master, not a change package: a merge takes the change packages "
                      "the master's field packages export (field-kit export FIELD_PACKAGE "
                      "OUT.zip); edits made in a copy of its layers travel by field-kit import")
    raise Refused(f"{name}: a GeoPackage, not a change package: a field package's edits "
                  f"travel as its export (field-kit export {in_command(name)} OUT.zip), which "
                  "is what a merge takes")


def _member_name_ok(name: str) -> bool:
    if name in ("manifest.json", "manifest.sig", change_list.MEMBER):
        return True
    folder, _, base = name.partition("/")
    return folder == "attachments" and bool(SHA256_RE.match(base))


def open_package(path: str | os.PathLike, master: sqlite3.Connection, slot: int, *,
                 max_bytes: int = MAX_BYTES, merged: dict | None = None,
                 refused: dict | None = None, progress=None, layers: dict | None = None,
                 columns: dict | None = None, name_limit: int | None = None,
                 master_name: str | None = None, master_typed: str | None = None) -> Package:
    """Read and check a change package against the master; raise Refused on anything wrong.

    Reads only from the master (its state and device register); the changes go to ``slot``
    of the connection's temp table ``incoming`` (:func:`field_kit.sync.change_list.prepare` first).
    ``merged`` maps devices to the last seq merged so far when several packages of one
    device are merged together; ``refused`` maps devices to the names of their packages
    this merge refused, to name the one a later package waits for. ``progress(fraction)``
    hears how far the reading and checking got (0..1), step by step. ``layers`` and
    ``columns`` hold what the packages before it in this merge add, and get this one's
    (:func:`field_kit.sync.new_layers.planned`, :func:`field_kit.sync.schema_changes.
    added_columns`). ``name_limit``: the
    most bytes the master holds in a layer's or a column's name (a PostgreSQL master's).
    ``master_name``: the master as people know it (its file's name by default), which a
    package checked out from another master is refused naming; ``master_typed``: the
    master as a command the refusal tells of names it.

    Nothing is inflated but the (small, capped) manifest and signature until the signature
    is checked; then each member is inflated up to the size the signed manifest gives it and
    refused as soon as it would grow past that, whatever the zip's own headers say."""
    tick = progress or (lambda fraction: None)
    path = os.fspath(path)
    name = os.path.basename(path)
    if path.endswith(PART):  # what an export killed left, whole as it may be (not named yet)
        raise Refused(f"{name}: the unfinished file of an export cut short, never a change "
                      "package: export again (field-kit export)")
    must_be_file(path)
    size = os.path.getsize(path)
    if size > max_bytes:
        raise Refused(f"{name}: package is {size_said(size, up=True).en}, over the limit "
                      f"of {size_said(max_bytes, exact=True).en}")
    if is_database(path):  # a field package itself, or a master
        _refuse_geopackage_given(path, name, master)
    with open(path, "rb") as fh:
        directory = directory_size(fh, size)
    if directory > MAX_DIRECTORY_BYTES:
        raise Refused(f"{name}: its zip directory is {directory} bytes, over the "
                      f"{MAX_DIRECTORY_BYTES} a change package may have")
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error,
            NotImplementedError) as exc:  # NotImplementedError: a "zip version" from 8.4 on
        raise Refused(f"{name}: not a readable change package (truncated or damaged: {exc})"
                      f": {UNREADABLE_WAY}") from None
    with zf, open(path, "rb") as fh:
        digest = file_digest(fh)
        tick(0.1)
        names = [i.filename for i in infos]
        if "changes.jsonl" in names:
            raise Refused(f"{name}: written by an earlier version of the toolkit (format 1); "
                          "export it again from its field package with: "
                          f"{schema_changes.EXPORT_ALL}")
        _refuse_not_a_change_package(name, names)
        for n in names:
            if not _member_name_ok(n):
                raise Refused(f"{name}: member name {n!r} is not allowed "
                              "(it could leave the package's folders)")
        if len(set(names)) != len(names):
            raise Refused(f"{name}: duplicate member names")
        for info in infos:
            check_method(name, info)
        if sum(i.file_size for i in infos) > max_bytes:
            raise Refused(f"{name}: unpacked size over the limit of "
                          f"{size_said(max_bytes, exact=True).en}")
        by_name = {i.filename: i for i in infos}

        def read(member: str, cap: int) -> bytearray:
            return inflate(fh, by_name[member], cap, name)

        body = read("manifest.json", MAX_MANIFEST_BYTES)
        try:
            manifest = json.loads(body)
        except ValueError:
            manifest = None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise Refused(f"{name}: manifest.json is not a change package manifest")
        check_manifest(name, manifest)
        st = changelog.state(master)
        came = master_id.in_manifest(manifest)
        here_name = master_name or _file_name(master)
        if manifest.get("project_uuid") != st["project_uuid"]:
            raise Refused(f"{name}: package belongs to another project "
                          f"({manifest.get('project_uuid')}, master is {st['project_uuid']})"
                          + master_id.other_project(came, here_name))
        if not isinstance(manifest.get("schema_version"), int) \
                or manifest["schema_version"] > st["schema_version"]:
            raise Refused(f"{name}: package has schema version {manifest.get('schema_version')},"
                          f" newer than the master's {st['schema_version']}; update the master")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise Refused(f"{name}: unknown package format version "
                          f"{manifest.get('format_version')}")
        dev = master.execute("SELECT key, role, checkout_uuid, merged_seq FROM sync_devices "
                             "WHERE device = ?", (manifest.get("device"),)).fetchone()
        # every master made from one plan file has its project: a package from another
        # one is told by the master it records, or by its device or its checkout
        here = master_id.of_master(master)
        elsewhere = master_id.elsewhere(came, here_name, here)
        if dev is None:
            if came and master_id.restored_before(came, here_name, here):
                raise NotRegistered(
                    f"{name}: {master_id.before_checkout(manifest.get('device'), came)}; "
                    "nothing of the package was merged" + master_id.readmit_way(
                        "the device's", master_typed or "MASTER",
                        "FIELD_PACKAGE", "merge this package again"),
                    device=str(manifest.get("device")))
            if came and elsewhere:
                raise Refused(f"{name}: device {manifest.get('device')!r} is not registered in "
                              f"this master: {elsewhere}; merge it into {came[0]}"
                              + master_id.restored_under_another_name(
                                  came, here_name, here, _master_file(master, here_name)))
            raise Refused(f"{name}: device {manifest.get('device')!r} is not registered in "
                          "this master (the package is from another master made from the same "
                          "plan, or altered)")
        key, role, checkout_uuid, merged_seq = dev
        sig = read("manifest.sig", MAX_SIG_BYTES).decode("ascii", "replace").strip()
        good = hmac.new(bytes.fromhex(key), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(sig, good):
            if came and elsewhere:
                raise Refused(f"{name}: wrong signature for device {manifest['device']!r}: "
                              f"{elsewhere}; merge it into {came[0]}"
                              + master_id.restored_under_another_name(
                                  came, here_name, here, _master_file(master, here_name)))
            retired = replaced.refusal(master, name, manifest, bytes(body), sig, came is not None)
            if retired is not None:
                raise Refused(retired)
            why = ("forged or altered" if manifest.get("checkout") == checkout_uuid else
                   "from an earlier checkout of the device, from another master made from "
                   "the same plan, or forged")
            raise Refused(f"{name}: wrong signature for device {manifest['device']!r} ({why})")
        if came and elsewhere and master_id.another_id(came, here):  # (signed by a key both hold)
            raise Refused(f"{name}: {elsewhere}; merge it into {came[0]}")
        if manifest.get("role") != role or manifest.get("checkout") != checkout_uuid:
            raise Refused(f"{name}: role or checkout does not match the device register")
        members = manifest.get("members", {})
        if not isinstance(members, dict) or \
                set(members) != set(names) - {"manifest.json", "manifest.sig"}:
            raise Refused(f"{name}: members differ from those the manifest lists")
        sizes = {}
        for member, meta in members.items():
            listed = meta.get("size") if isinstance(meta, dict) else None
            if not isinstance(listed, int) or isinstance(listed, bool) or listed < 0 \
                    or listed != by_name[member].file_size:
                raise Refused(f"{name}: {member} is {counted(by_name[member].file_size, 'byte')}"
                              f" by the zip and {listed} by the manifest")
            sizes[member] = listed
        if sum(sizes.values()) > max_bytes:
            raise Refused(f"{name}: unpacked size over the limit of "
                          f"{size_said(max_bytes, exact=True).en}")
        data = {}
        not_whole = set()
        for member, meta in members.items():
            blob = read(member, sizes[member])
            if hashlib.sha256(blob).hexdigest() != meta.get("sha256"):
                raise Refused(f"{name}: checksum mismatch for {member}")
            if member.startswith("attachments/"):
                if member.split("/", 1)[1] != meta["sha256"]:
                    raise Refused(f"{name}: {member} holds the bytes of another attachment")
                # (an earlier version took a picture a copy had cut short: its photos are
                # refused, the rest of the package merged)
                if not photo_size.whole(blob):
                    not_whole.add(meta["sha256"])
                continue  # read again when written: one in memory at a time
            data[member] = blob
        tick(0.25)
        merged_seq = max(merged_seq, (merged or {}).get(manifest["device"], 0))
        after = manifest.get("after_seq") or 0
        if after > merged_seq:
            earlier = (refused or {}).get(manifest["device"])
            which = (f"its package {', '.join(earlier)}, refused above" if earlier else
                     "in the package it exported before this one")
            raise Behind(
                f"{name}: device {manifest['device']!r} has changes after seq {merged_seq} not "
                f"merged yet (seq {merged_seq + 1} to {after}: {which}); merge its earlier "
                "package first, or both in one merge; where that one is lost or refused whole, "
                f"export all the device's changes again ({schema_changes.EXPORT_ALL}) and "
                "merge that package instead", device=str(manifest["device"]), first=merged_seq + 1,
                last=after)
        pkg = Package(path, digest.hexdigest(), manifest, slot, not_whole=not_whole)
        pkg.new_layers = new_layers.planned(master, manifest, name, earlier=layers)
        pkg.new_columns = schema_changes.added_columns(master, manifest, name, columns)
        if name_limit is not None:
            new_layers.too_long(pkg.new_layers, pkg.new_columns, name_limit, name)
        master.executemany("INSERT OR IGNORE INTO incoming_columns VALUES (?, ?)",
                           [(t, c) for t, c, _ in pkg.new_columns] +
                           [(t, c) for t, _, cols in pkg.new_layers for c, _, _ in cols])
        if change_list.MEMBER in data:
            change_list.load(master, slot, data[change_list.MEMBER], name, manifest,
                             lambda f: tick(0.25 + 0.75 * f))
        elif manifest.get("counts", {}).get("changes"):
            raise Refused(f"{name}: no {change_list.MEMBER}; the manifest lists changes")
        pkg.attachments = _Attachments(path, name, {
            member.split("/", 1)[1]: by_name[member] for member in members
            if member.startswith("attachments/")}, change_list.photo_types(master, slot))
        if layers is not None:
            layers.update({t: (layer, cols) for t, layer, cols in pkg.new_layers
                           if t not in layers})
        if columns is not None:
            columns.update({(t, c): d for t, c, d in pkg.new_columns if (t, c) not in columns})
        return pkg


def _file_name(conn: sqlite3.Connection) -> str:
    """The name of the file ``conn`` opened."""
    path = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"),
                "")
    return os.path.basename(path) or "this master"


class _Attachments(Mapping):
    """sha256 -> (bytes, mime type) of a package's attachments, checked when the package is
    opened and read from it again when asked, one at a time: a merge of many packages holds
    one photo in memory, not all of every package's."""

    def __init__(self, path: str, name: str, infos: dict, mimes: dict):
        self._path, self._name, self._infos, self._mimes = path, name, infos, mimes

    def __getitem__(self, sha: str) -> tuple[bytearray, str | None]:
        return bytearray().join(self.pieces(sha)), self._mimes.get(sha)

    def size(self, sha: str) -> int:
        return self._infos[sha].file_size

    def mime(self, sha: str) -> str | None:
        return self._mimes.get(sha)

    def pieces(self, sha: str) -> Iterator[bytes | memoryview]:
        """The attachment's bytes read again, a piece at a time, so that a photo is never
        held whole; what it read checked against what was checked before its end (changed
        since, or unreadable: :class:`Refused` in place of the end)."""
        info, digest = self._infos[sha], hashlib.sha256()
        try:
            with open(self._path, "rb") as fh:
                for piece in inflated(fh, info, info.file_size, self._name):
                    digest.update(piece)
                    yield piece
        except OSError as exc:
            raise Refused(f"{self._name}: cannot be read again ({exc})",
                          f"{self._name}：无法再次读取（{os_error_in_chinese(exc)}）") from None
        if digest.hexdigest() != sha:
            raise Refused(f"{self._name}: attachments/{sha} changed since it was checked")

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)
