# SPDX-License-Identifier: GPL-2.0-or-later
"""Bad change packages get a one-line reason and leave the master byte-for-byte unchanged."""

import hashlib
import hmac
import json
import sqlite3
import zipfile

import pytest

from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.errors import REFUSED
from field_kit.sync import changelog, merge, packages
from field_kit.sync.change_list import MEMBER
from tests.unit.gpkg_factory import edit, make_gpkg, sha256_file


@pytest.fixture
def setup(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=10, verifications=3)
    pkg = tmp_path / "a.gpkg"
    packages.checkout(master, pkg, "tab-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET phase = 'x' WHERE fid = 1")
    edit(pkg, "INSERT INTO patch_verifications (patch_code) VALUES ('n')")
    good = tmp_path / "good.zip"
    packages.export(pkg, good, everything=True)
    key = changelog.state(connect(pkg))["key"]
    return master, pkg, good, key, tmp_path


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


CASES = {
    truncated: "truncated", bit_flipped: "damaged|checksum", unknown_device: "not registered",
    wrong_signature: "wrong signature", other_project: "another project",
    newer_schema: "newer", escaping_attachment: "not allowed", absolute_attachment: "not allowed",
    unknown_table: "not in the plan schema", unknown_column: "not a column",
    not_a_zip: "not a readable", nested_value: "not plain", column_named_twice: "twice",
    not_an_object: "not an object", malformed_json: "not an object",
    trigger_in_change_list: "not a change list",
    view_in_change_list: "not a change list", change_list_not_sqlite: "not a change list",
    another_device_in_the_list: "not from this package's device",
    change_list_count_differs: "the manifest says", earlier_format: "export --all",
}


@pytest.mark.parametrize("make", CASES, ids=[f.__name__ for f in CASES])
def test_bad_package_is_refused_and_master_unchanged(setup, make, capsys):
    master, _, good, key, tmp = setup
    bad = make(good, tmp / "bad.zip", key)
    before = sha256_file(master)
    rep = merge.merge(master, [bad])
    assert not rep.results and len(rep.refused) == 1
    reason = rep.refused[0][1]
    assert "\n" not in reason
    import re
    assert re.search(CASES[make], reason), reason
    assert main(["merge", str(master), str(bad)]) == REFUSED
    err = capsys.readouterr().out
    assert err.count("\n") == 1 and err.startswith("REFUSED")
    assert sha256_file(master) == before


def test_oversized_package_is_refused(setup):
    master, _, good, _, _ = setup
    before = sha256_file(master)
    rep = merge.merge(master, [good], max_bytes=100)
    assert "over the limit" in rep.refused[0][1]
    assert sha256_file(master) == before


def test_a_good_package_still_merges(setup):
    master, _, good, _, _ = setup
    rep = merge.merge(master, [good])
    assert not rep.refused and rep.totals["applied"] == 2
