# SPDX-License-Identifier: GPL-2.0-or-later
"""A corpus of bad change packages, each made from a good one by one edit an adversary could
make, with the reason its refusal must give (a regular expression).

``WHOLE`` packages must be refused whole, the master left byte-for-byte unchanged.
``VALUES`` packages are well formed but carry a value their field cannot take, or write a
column the master lacks: that change is refused (the reason naming the field), the rest of
the package applies.

Zips are also written by hand (:func:`raw_zip`), so headers can lie: a member declaring a
few bytes that inflates to a gibibyte, or compressed with a method the reader does not know.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import sqlite3
import struct
import zipfile
import zlib
from pathlib import Path

from field_kit.db import connect
from field_kit.forms import code_lists_from_csv
from field_kit.plan.geometry import gpkg_blob, point_wkb
from field_kit.sync import changelog, package_checkout, package_export
from field_kit.sync.change_list import MEMBER
from tests.unit.gpkg_factory import DEFAULT_TABLES, edit, make_gpkg

CODE_LISTS = Path(__file__).resolve().parents[2] / "resources" / "plan" / "code_lists.csv"


def setup(tmp):
    """A master with the plan's code lists, a GIS device's field package, its good change
    package (an edit of patch 1, a new verification) and the device's key."""
    master = make_gpkg(tmp / "master.gpkg", patches=10, verifications=3, install=False,
                       tables=DEFAULT_TABLES + ("code_lists",))
    with sqlite3.connect(master) as conn:
        conn.executemany("INSERT INTO code_lists (uuid, list_name, code, label_zh, label_en, "
                         "parent_code) VALUES (?, ?, ?, ?, ?, ?)",
                         [(changelog.new_uuid(), name, c.code, c.label.zh, c.label.en,
                           c.parent_code)
                          for name, codes in code_lists_from_csv(CODE_LISTS).items()
                          for c in codes])
    conn.close()
    changelog.install(master)
    pkg = tmp / "a.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET phase = 'x' WHERE fid = 1")
    edit(pkg, "INSERT INTO patch_verifications (patch_code) VALUES ('n')")
    good = tmp / "good.zip"
    package_export.export(pkg, good, everything=True)
    conn = connect(pkg)
    key = changelog.state(conn)["key"]
    conn.close()
    return master, pkg, good, key


def edit_change_list(data: bytes, sql: str, tmp) -> bytes:
    """The change list ``data`` after running ``sql`` on it."""
    path = tmp / "edited.sqlite"
    path.write_bytes(data)
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()
    out = path.read_bytes()
    path.unlink()
    return out


def rewrite(src, dst, key, *, manifest=None, changes=None, extra=None, sign=True):
    """Repack a package with edits, re-signed with ``key`` (so only the edit is wrong);
    ``changes`` is SQL run on the change list, or bytes to put in its place."""
    with zipfile.ZipFile(src) as zf:
        m = json.loads(zf.read("manifest.json"))
        body_changes = zf.read(MEMBER)
    if changes is not None:
        body_changes = changes if isinstance(changes, bytes) else edit_change_list(
            body_changes, changes, dst.parent)
        m["members"][MEMBER] = {"sha256": hashlib.sha256(body_changes).hexdigest(),
                                "size": len(body_changes)}
    for name, data in (extra or {}).items():
        m["members"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if manifest:
        manifest(m)
    body = json.dumps(m).encode()
    sig = hmac.new(bytes.fromhex(key), body, hashlib.sha256).hexdigest() if sign else "0" * 64
    with zipfile.ZipFile(dst, "w") as zf:
        zf.writestr("manifest.json", body)
        zf.writestr("manifest.sig", sig)
        zf.writestr(MEMBER, body_changes)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return dst


def truncated(good, dst, key):
    data = good.read_bytes()
    dst.write_bytes(data[: len(data) // 2])
    return dst


def bit_flipped(good, dst, key):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo(MEMBER)
    data[info.header_offset + 30 + len(info.filename) + 3] ^= 0x01
    dst.write_bytes(bytes(data))
    return dst


def unknown_device(good, dst, key):
    return rewrite(good, dst, key, manifest=lambda m: m.update(device="stranger"))


def wrong_signature(good, dst, key):
    return rewrite(good, dst, key, sign=False)


def other_project(good, dst, key):
    return rewrite(good, dst, key, manifest=lambda m: m.update(project_uuid="other"))


def device_not_text(good, dst, key):
    return rewrite(good, dst, key, manifest=lambda m: m.update(device={}))


def after_seq_a_list(good, dst, key):
    return rewrite(good, dst, key, manifest=lambda m: m.update(after_seq=[1]))


def counts_not_an_object(good, dst, key):
    return rewrite(good, dst, key, manifest=lambda m: m.update(counts="x"))


def seq_beyond_64_bits(good, dst, key):
    return rewrite(good, dst, key, manifest=lambda m: m.update(seq_to=10 ** 30))


def newer_schema(good, dst, key):
    return rewrite(good, dst, key, manifest=lambda m: m.update(schema_version=99))


def escaping_attachment(good, dst, key):
    return rewrite(good, dst, key, extra={"attachments/../../evil.sh": b"x"})


def absolute_attachment(good, dst, key):
    return rewrite(good, dst, key, extra={"/etc/passwd": b"x"})


def unknown_table(good, dst, key):
    return rewrite(good, dst, key, changes="UPDATE changes SET tbl = 'sqlite_x' "
                                           "WHERE tbl = 'mine_patches'")


def unknown_column(good, dst, key):
    return rewrite(good, dst, key, changes="""UPDATE changes SET
        old = replace(old, '"phase"', '"phase; DROP"'),
        new = replace(new, '"phase"', '"phase; DROP"')""")


def nested_value(good, dst, key):
    return rewrite(good, dst, key, changes="""UPDATE changes SET
        new = json_set(new, '$.phase', json('{"a": 1}')) WHERE tbl = 'mine_patches'""")


def column_named_twice(good, dst, key):
    return rewrite(good, dst, key, changes="""UPDATE changes SET
        new = '{"phase":"a","phase":"b"}' WHERE tbl = 'mine_patches'""")


def not_an_object(good, dst, key):
    return rewrite(good, dst, key, changes="UPDATE changes SET new = '[1]' "
                                           "WHERE tbl = 'mine_patches'")


def malformed_json(good, dst, key):
    return rewrite(good, dst, key, changes="""UPDATE changes SET new = '{"phase": '
                                              WHERE tbl = 'mine_patches'""")


def update_that_sets_nothing(good, dst, key):
    return rewrite(good, dst, key, changes="UPDATE changes SET new = '{}' "
                                           "WHERE tbl = 'mine_patches'")


def trigger_in_change_list(good, dst, key):
    return rewrite(good, dst, key, changes="CREATE TRIGGER t AFTER INSERT ON changes "
                                           "BEGIN DELETE FROM changes; END;")


def view_in_change_list(good, dst, key):
    return rewrite(good, dst, key, changes="CREATE VIEW v AS SELECT 1")


def change_list_not_sqlite(good, dst, key):
    return rewrite(good, dst, key, changes=b"SQLite format 3\x00" + b"\x00" * 200)


def another_device_in_the_list(good, dst, key):
    return rewrite(good, dst, key, changes="UPDATE changes SET device = 'tab-b'")


def earlier_format(good, dst, key):
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(dst, "w") as zf:
        for info in src.infolist():
            name = "changes.jsonl" if info.filename == MEMBER else info.filename
            zf.writestr(name, src.read(info))
    return dst


def change_list_count_differs(good, dst, key):
    return rewrite(good, dst, key, changes="DELETE FROM changes WHERE seq = 1")


def not_a_zip(good, dst, key):
    dst.write_bytes(b"hello")
    return dst


# --- zips written by hand: headers that lie, methods the reader does not know -------------

BOMB_SIZE = 1 << 30  # what the bomb inflates to
LIE = 1000  # what its header declares


@functools.cache
def bomb() -> bytes:
    """A gibibyte of zeros, raw-deflated to about a mebibyte."""
    z = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    return b"".join([z.compress(zeros) for _ in range(BOMB_SIZE >> 20)] + [z.flush()])


def raw_zip(dst, members):
    """Write a zip of ``members``: (name, bytes as stored, method, declared size, crc, flags),
    with every header saying what it is told to."""
    local, central = bytearray(), bytearray()
    for name, payload, method, size, crc, flags in members:
        n = name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, method, 0, 0, crc,
                               len(payload), size, len(n), 0, 0, 0, 0, 0, len(local)) + n
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, method, 0, 0, crc,
                             len(payload), size, len(n), 0) + n + payload
    count = min(len(members), 0xFFFF)  # zipfile reads the directory by its size anyway
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count,
                      len(central), len(local), 0)
    dst.write_bytes(bytes(local + central + end))
    return dst


def _deflated(name, data, method=zipfile.ZIP_DEFLATED, flags=0):
    if method == zipfile.ZIP_DEFLATED:
        z = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        payload = z.compress(data) + z.flush()
    else:
        payload = data
    return (name, payload, method, len(data), zlib.crc32(data), flags)


def _crafted(good, dst, key, *, replace=None, extra=(), listed=None):
    """``good`` rewritten by hand and signed with ``key``: ``replace`` maps a member to the
    raw entry written in its place, ``extra`` adds raw entries, ``listed`` maps members to
    the (sha256, size) the manifest gives them."""
    with zipfile.ZipFile(good) as zf:
        data = {i.filename: zf.read(i) for i in zf.infolist()}
    m = json.loads(data["manifest.json"])
    for member, (sha, size) in (listed or {}).items():
        m["members"][member] = {"sha256": sha, "size": size}
    body = json.dumps(m).encode()
    sig = hmac.new(bytes.fromhex(key), body, hashlib.sha256).hexdigest().encode()
    data.update({"manifest.json": body, "manifest.sig": sig})
    entries = [(replace or {}).get(n) or _deflated(n, d) for n, d in data.items()]
    return raw_zip(dst, entries + list(extra))


def _lying_bomb(name):
    return (name, bomb(), zipfile.ZIP_DEFLATED, LIE, zlib.crc32(bytes(LIE)), 0)


_ZEROS = (hashlib.sha256(bytes(LIE)).hexdigest(), LIE)


def bomb_as_manifest(good, dst, key):
    return _crafted(good, dst, key, replace={"manifest.json": _lying_bomb("manifest.json")})


def bomb_as_change_list(good, dst, key):
    return _crafted(good, dst, key, replace={MEMBER: _lying_bomb(MEMBER)},
                    listed={MEMBER: _ZEROS})


def bomb_as_attachment(good, dst, key):
    member = f"attachments/{_ZEROS[0]}"
    return _crafted(good, dst, key, extra=[_lying_bomb(member)], listed={member: _ZEROS})


def attachment_named_for_other_bytes(good, dst, key):
    data = b"a photo"
    member = f"attachments/{hashlib.sha256(b'another photo').hexdigest()}"
    return _crafted(good, dst, key, extra=[_deflated(member, data)],
                    listed={member: (hashlib.sha256(data).hexdigest(), len(data))})


def bomb_declared_honestly(good, dst, key):
    member = f"attachments/{'0' * 64}"
    entry = (member, bomb(), zipfile.ZIP_DEFLATED, BOMB_SIZE, 0, 0)
    return _crafted(good, dst, key, extra=[entry], listed={member: ("0" * 64, BOMB_SIZE)})


def stored_longer_than_declared(good, dst, key):
    with zipfile.ZipFile(good) as zf:
        changes = zf.read(MEMBER)
    entry = (MEMBER, changes, zipfile.ZIP_STORED, 100, zlib.crc32(changes[:100]), 0)
    return _crafted(good, dst, key, replace={MEMBER: entry},
                    listed={MEMBER: (hashlib.sha256(changes[:100]).hexdigest(), 100)})


def manifest_size_differs(good, dst, key):
    with zipfile.ZipFile(good) as zf:
        changes = zf.read(MEMBER)
    return _crafted(good, dst, key, listed={MEMBER: (hashlib.sha256(changes).hexdigest(),
                                                     len(changes) + 1)})


def huge_directory(good, dst, key):
    """17 MiB of central directory (members with 60,000-byte names) and nothing else: parsed,
    every member would be an object in memory before any check."""
    name = b"attachments/" + b"a" * 60_000
    entry = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name),
                        0, 0, 0, 0, 0, 0) + name
    central = entry * 300
    dst.write_bytes(central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 300, 300,
                                          len(central), 0, 0))
    return dst


def _patched(good, dst, at, fmt, value):
    """``good`` with ``value`` packed over the bytes at ``at`` (an offset from the start, or
    from the end when negative): headers that say something else, the rest as it was."""
    data = bytearray(good.read_bytes())
    struct.pack_into(fmt, data, at if at >= 0 else len(data) + at, value)
    dst.write_bytes(bytes(data))
    return dst


def future_zip_version(good, dst, key):
    data = good.read_bytes()
    return _patched(good, dst, data.find(b"PK\x01\x02") + 6, "<H", 84)  # needs version 8.4


def directory_offset_past_itself(good, dst, key):
    """The end record puts the directory 1000 bytes later than it is: zipfile still finds it
    (it counts back from the end record) but takes every member to start 1000 bytes early."""
    with zipfile.ZipFile(good) as zf:
        start = zf.start_dir
    return _patched(good, dst, -6, "<L", start + 1000)


def _method(method, flags=0, member=MEMBER):
    def make(good, dst, key):
        with zipfile.ZipFile(good) as zf:
            data = zf.read(member)
        return _crafted(good, dst, key, replace={member: _deflated(member, data, method, flags)})
    make.__name__ = f"{member.split('.')[0]}_method_{method}" + ("_encrypted" if flags else "")
    return make


method_1_shrink = _method(1)
method_12_bzip2 = _method(12)
method_14_lzma = _method(14)
method_99_aes = _method(99, flags=1)
manifest_method_1 = _method(1, member="manifest.json")
encrypted_deflate = _method(zipfile.ZIP_DEFLATED, flags=1)


WHOLE = {
    truncated: "truncated", bit_flipped: "damaged|checksum", unknown_device: "not registered",
    wrong_signature: "wrong signature", other_project: "another project",
    newer_schema: "newer",
    device_not_text: "manifest.json: device is '{}', not text",
    after_seq_a_list: "manifest.json: after_seq is '\\[1\\]', not a whole number",
    counts_not_an_object: "manifest.json: counts is 'x', not an object",
    seq_beyond_64_bits: "manifest.json: seq_to is '1000000000000000000000000000000', not a",
    escaping_attachment: "not allowed", absolute_attachment: "not allowed",
    unknown_table: "not in the plan schema",
    not_a_zip: "not a readable", nested_value: "not plain", column_named_twice: "twice",
    not_an_object: "not an object", malformed_json: "not an object",
    update_that_sets_nothing: "update without its values",
    trigger_in_change_list: "not a change list",
    view_in_change_list: "not a change list", change_list_not_sqlite: "not a change list",
    another_device_in_the_list: "not from this package's device",
    change_list_count_differs: "holds 1 change, the manifest says 2",
    earlier_format: "field-kit export FIELD_PACKAGE OUT.zip --all",
    bomb_as_manifest: "manifest.json inflates past the 1000 bytes",
    bomb_as_change_list: f"{MEMBER} inflates past the 1000 bytes",
    bomb_as_attachment: "attachments/[0-9a-f]{64} inflates past the 1000 bytes",
    bomb_declared_honestly: "unpacked size over the limit",
    attachment_named_for_other_bytes: "holds the bytes of another attachment",
    stored_longer_than_declared: "holds more than the 100 bytes",
    manifest_size_differs: "by the zip and",
    future_zip_version: "not a readable change package .*zip file version 8.4",
    directory_offset_past_itself: "damaged \\(its offset is -1000\\)",
    huge_directory: "zip directory is 18017400 bytes, over the 16777216",
    method_1_shrink: f"member {MEMBER} is compressed with method 1;",
    method_12_bzip2: f"member {MEMBER} is compressed with method 12;",
    method_14_lzma: f"member {MEMBER} is compressed with method 14;",
    method_99_aes: f"member {MEMBER} is compressed with method 99;",
    manifest_method_1: "member manifest.json is compressed with method 1;",
    encrypted_deflate: f"member {MEMBER} is encrypted",
}


# --- well-formed packages with a value its field cannot take ------------------------------

def _value(tbl, field, value):
    """A maker setting ``field`` of the package's change of ``tbl`` to ``value`` (JSON)."""
    def make(good, dst, key):
        return rewrite(good, dst, key, changes=f"""UPDATE changes SET new = json_set(new,
            '$.{field}', json('{json.dumps(value)}')) WHERE tbl = '{tbl}'""")
    return make


def _hex(blob: bytes) -> str:
    return blob.hex().upper()


_PV, _MP = "patch_verifications", "mine_patches"
not_in_code_list = _value(_PV, "remediation_status", "Z")
text_in_a_real = _value(_PV, "measured_area_m2", "abc")
word_in_an_integer = _value(_PV, "year_closed", "nineteen")
fraction_in_an_integer = _value(_PV, "year_closed", 2019.5)
below_the_form_minimum = _value(_PV, "year_closed", 1900)
date_outside_the_plan = _value(_PV, "verified_on", "2019-01-01")
not_a_date = _value(_PV, "verified_on", "2024-02-30")
not_a_datetime = _value(_PV, "created_at", "yesterday")
geometry_not_hex = _value(_PV, "geom", "ZZZZ")
geometry_a_number = _value(_PV, "geom", 12345)
geometry_not_a_blob = _value(_PV, "geom", "00010203")
geometry_other_srs = _value(_PV, "geom", _hex(gpkg_blob(point_wkb(88.0, 42.5), 4326)))
geometry_with_trailing_bytes = _value(_PV, "geom", _hex(gpkg_blob(point_wkb(88.0, 42.5)))
                                      + "00")
number_in_a_text = _value(_MP, "phase", 3)
text_in_a_plan_real = _value(_MP, "area_m2", "big")
point_in_a_polygon_layer = _value(_MP, "geom", _hex(gpkg_blob(point_wkb(88.0, 42.5))))
integer_beyond_64_bits = _value(_MP, "centre_lat", 2 ** 63)


def subclass_of_another_class(good, dst, key):
    return rewrite(good, dst, key, changes="""UPDATE changes SET new = json_set(new,
        '$.patch_class', '10', '$.patch_subclass', '21') WHERE tbl = 'patch_verifications'""")


VALUES = {
    not_in_code_list: r"remediation_status: 'Z' is not in the code list Remediation status "
                      r"\(恢复治理情况\)",
    text_in_a_real: "measured_area_m2: 'abc' is not a number",
    word_in_an_integer: "year_closed: 'nineteen' is not a whole number",
    fraction_in_an_integer: "year_closed: 2019.5 is not a whole number",
    below_the_form_minimum: "year_closed: 1900 must be at least 1950",
    date_outside_the_plan: "verified_on: '2019-01-01' is outside 2021-01-01 to 2035-12-31",
    not_a_date: "verified_on: '2024-02-30' is not a date",
    not_a_datetime: "created_at: 'yesterday' is not a date and time",
    geometry_not_hex: "geom: 'ZZZZ' is not a GeoPackage geometry",
    geometry_a_number: "geom: 12345 is not a GeoPackage geometry",
    geometry_not_a_blob: "geom: not a GeoPackage geometry blob",
    geometry_other_srs: "geom: geometry in SRS 4326; the layer's is 4490",
    geometry_with_trailing_bytes: "geom: not a GeoPackage geometry blob",
    number_in_a_text: "phase: 3 is not text",
    text_in_a_plan_real: "area_m2: 'big' is not a number",
    point_in_a_polygon_layer: "geom: a POINT where the layer holds MULTIPOLYGON",
    integer_beyond_64_bits: "centre_lat: 9223372036854775808 is beyond what SQLite stores",
    subclass_of_another_class: "patch_subclass: '21' does not belong to patch_class '10'",
    unknown_column: "column phase; DROP of mine_patches is not in the master",
}
