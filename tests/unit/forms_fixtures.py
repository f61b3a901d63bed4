# SPDX-License-Identifier: GPL-2.0-or-later
"""Test data for the forms, drafts and EXIF tests: JPEGs with EXIF made by struct, and a
plan GeoPackage (from ``gpkg_factory``) with code lists, a project, targets and patches."""

from __future__ import annotations

import csv
import sqlite3
import struct
import uuid as uuidlib
from datetime import date
from fractions import Fraction
from pathlib import Path

from field_kit import forms
from field_kit.forms import Context
from tests.unit.gpkg_factory import DEFAULT_TABLES, make_gpkg

ROOT = Path(__file__).resolve().parents[2]
CODE_LISTS_CSV = ROOT / "resources" / "plan" / "code_lists.csv"
TODAY = date(2024, 6, 1)
PROJECT = "11111111-2222-4333-8444-555555555555"
TARGET_AREA = "aaaaaaaa-0000-4000-8000-000000000001"  # 人工造林 4 万亩
TARGET_COUNT = "aaaaaaaa-0000-4000-8000-000000000002"  # 治理 12 处

# A small square patch, ~0.002° (~165 m east-west, ~222 m north-south), near Toksun.
SQUARE = [(88.5, 42.8), (88.502, 42.8), (88.502, 42.802), (88.5, 42.802), (88.5, 42.8)]


def square_wkb(ring=SQUARE) -> bytes:
    return (struct.pack("<BII", 1, 6, 1) + struct.pack("<BII", 1, 3, 1)
            + struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", *p) for p in ring))


def code_lists():
    return forms.code_lists_from_csv(CODE_LISTS_CSV)


def patch_context(**kw) -> Context:
    args = dict(code_lists=code_lists(), today=TODAY, subject_wkbs=(square_wkb(),),
                subject={"uuid": "p1", "patch_code": "C6521232009097120035838001"})
    args.update(kw)
    return Context(**args)


def targets():
    return ({"uuid": TARGET_AREA, "project_uuid": PROJECT, "target_zh": "人工造林",
             "target_en": "Afforestation", "quantity": 4.0, "unit": "万亩"},
            {"uuid": TARGET_COUNT, "project_uuid": PROJECT, "target_zh": "治理矿山",
             "target_en": "Mines treated", "quantity": 12.0, "unit": "处"})


def project_context(**kw) -> Context:
    args = dict(code_lists=code_lists(), today=TODAY, targets=targets(),
                subject={"uuid": PROJECT, "project_id": "XM-1"})
    args.update(kw)
    return Context(**args)


# --- JPEG with EXIF -------------------------------------------------------------------

def _rational(order: str, value: float) -> bytes:
    f = Fraction(value).limit_denominator(10**6)
    return struct.pack(order + "II", f.numerator, f.denominator)


def _dms(order: str, deg: float) -> bytes:
    d = int(deg)
    m = int((deg - d) * 60)
    s = (deg - d - m / 60) * 3600
    return (struct.pack(order + "II", d, 1) + struct.pack(order + "II", m, 1)
            + struct.pack(order + "II", round(s * 10000), 10000))


def _ifd(order: str, entries: list[tuple[int, int, int, bytes]], at: int) -> tuple[bytes, bytes]:
    """(IFD bytes, data area) for an IFD written at offset ``at`` of the TIFF."""
    entries = sorted(entries)
    data_at = at + 2 + 12 * len(entries) + 4
    head, data = struct.pack(order + "H", len(entries)), b""
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            head += struct.pack(order + "HHI", tag, kind, count) + value.ljust(4, b"\0")
        else:
            head += struct.pack(order + "HHII", tag, kind, count, data_at + len(data))
            data += value + (b"\0" if len(value) % 2 else b"")
    return head + struct.pack(order + "I", 0), data


def exif_tiff(lat=None, lon=None, heading=None, taken=None, offset=None, order="<") -> bytes:
    """A TIFF structure: IFD0 -> Exif IFD (DateTimeOriginal) and GPS IFD."""
    exif, gps = [], []
    if taken:
        exif.append((0x9003, 2, 20, taken.encode() + b"\0"))
    if offset:
        exif.append((0x9011, 2, 7, offset.encode() + b"\0"))
    if lat is not None:
        gps += [(1, 2, 2, (b"N" if lat >= 0 else b"S") + b"\0"), (2, 5, 3, _dms(order, abs(lat)))]
    if lon is not None:
        gps += [(3, 2, 2, (b"E" if lon >= 0 else b"W") + b"\0"), (4, 5, 3, _dms(order, abs(lon)))]
    if heading is not None:
        gps += [(16, 2, 2, b"T\0"), (17, 5, 1, _rational(order, heading))]
    # layout: header(8) | IFD0 (2 entries) | exif IFD + data | gps IFD + data
    ifd0_size = 2 + 12 * 2 + 4
    exif_at = 8 + ifd0_size
    exif_ifd, exif_data = _ifd(order, exif, exif_at)
    gps_at = exif_at + len(exif_ifd) + len(exif_data)
    gps_ifd, gps_data = _ifd(order, gps, gps_at)
    ifd0, _ = _ifd(order, [(0x8769, 4, 1, struct.pack(order + "I", exif_at)),
                           (0x8825, 4, 1, struct.pack(order + "I", gps_at))], 8)
    mark = b"II" if order == "<" else b"MM"
    head = mark + struct.pack(order + "HI", 42, 8)
    return head + ifd0 + exif_ifd + exif_data + gps_ifd + gps_data


# A baseline 8x8 grey JPEG body (everything after SOI): DQT, SOF0, DHT, SOS, scan, EOI.
def _tiny_jpeg_body() -> bytes:
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 8, 8, 1) + b"\x01\x11\x00"
    # DC table with one code of length 1 for category 0; AC table with one code for EOB
    dht_dc = b"\xff\xc4" + struct.pack(">H", 20) + b"\x00" + bytes([1] + [0] * 15) + b"\x00"
    dht_ac = b"\xff\xc4" + struct.pack(">H", 20) + b"\x10" + bytes([1] + [0] * 15) + b"\x00"
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00"
    scan = b"\x3f"  # DC diff 0 (code 0), EOB (code 0), padded with 1s
    return dqt + sof + dht_dc + dht_ac + sos + scan + b"\xff\xd9"


def jpeg_with_exif(**kw) -> bytes:
    """A small valid JPEG whose APP1 segment carries the EXIF of ``exif_tiff(**kw)``."""
    app1 = b"Exif\0\0" + exif_tiff(**kw)
    return b"\xff\xd8" + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + _tiny_jpeg_body()


# --- a plan GeoPackage ----------------------------------------------------------------

def forms_gpkg(path) -> str:
    """A GeoPackage with change capture, code lists, one project with two targets and two
    of its patches (the square above and one 1 km east), plus the factory's patches."""
    path = make_gpkg(path, patches=3, projects=1,
                     tables=DEFAULT_TABLES + ("project_targets", "code_lists"))
    from field_kit.plan.geometry import gpkg_blob, register_functions
    conn = sqlite3.connect(path)
    register_functions(conn)
    with open(CODE_LISTS_CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    conn.executemany("INSERT INTO code_lists (uuid, list_name, code, label_zh, label_en, "
                     "parent_code, sort_order, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(str(uuidlib.uuid4()), r["list_name"], r["code"], r["label_zh"],
                       r["label_en"], r["parent_code"] or None, i, r["source"])
                      for i, r in enumerate(rows)])
    conn.execute("INSERT INTO restoration_projects (uuid, project_id, name_zh) VALUES "
                 "(?, 'XM-1', '历史遗留矿山生态修复')", (PROJECT,))
    conn.executemany("INSERT INTO project_targets (uuid, project_uuid, project_id, target_zh, "
                     "target_en, quantity, unit) VALUES (:uuid, :project_uuid, 'XM-1', "
                     ":target_zh, :target_en, :quantity, :unit)", targets())
    east = [(x + 0.0122, y) for x, y in SQUARE]
    for code, ring in (("C6521232009097120035838001", SQUARE), ("CT6504222017000026002", east)):
        conn.execute("INSERT INTO mine_patches (uuid, patch_code, project_uuid, project_id, "
                     "mineral, geom) VALUES (?, ?, ?, 'XM-1', '建筑用砂', ?)",
                     (str(uuidlib.uuid4()), code, PROJECT, gpkg_blob(square_wkb(ring))))
    conn.commit()
    conn.close()
    return path


def patch_uuid(conn, code="C6521232009097120035838001") -> str:
    return conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?", (code,)).fetchone()[0]
