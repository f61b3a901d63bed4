# SPDX-License-Identifier: GPL-2.0-or-later
"""A GPX's waypoints marking the patches' corners give each one's code by their name, their
comment (cmt) or their description (desc), as a Garmin saves them. A field the user maps to
a plan field is that field alone: never read as the patch code as well (the same text
written twice, as the code and, say, as the section). The notes say which field the codes
were read from, and a field holding the codes that the mapping takes elsewhere. In English
and Chinese."""

from __future__ import annotations

import json
import sqlite3

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli
from tests.unit.test_import_gpx import _waypoint, garmin_gpx
from tests.unit.test_import_gpx_waypoints import corners, corners_gpx

pytest.importorskip("pyproj")
L._proj_data()

READ_FROM = {
    "en": "the waypoints name patch codes by their {field}: read as the patches' corners",
    "zh": "航点的{field} 为图斑编号：按图斑的角点读取"}
FIELD_SAID = {"en": {"code-number": "name", "cmt": "cmt", "desc": "desc"},
              "zh": {"code-number": "名称 name", "cmt": "注释 cmt", "desc": "说明 desc"}}
MAPPED_ELSEWHERE = {
    "en": "the waypoints' desc hold patch codes, but the mapping given maps desc to section: "
          "a field mapped is read as that plan field alone, not as the patch code too",
    "zh": "航点的说明 desc 为图斑编号，但所给的字段对应将 desc 对应到 section：已对应的字段只读作"
          "其规划字段，不再作为图斑编号"}


def sections(master) -> dict:
    conn = sqlite3.connect(master)
    try:
        return dict(conn.execute("SELECT patch_code, section FROM mine_patches"))
    finally:
        conn.close()


def mapping(tmp_path, doc: dict):
    path = tmp_path / "mapping.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("naming", ["code-number", "cmt", "desc"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_notes_say_which_field_the_codes_were_read_from(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang, naming):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    gpx = corners_gpx(tmp_path / "Waypoints.gpx", L.surveyed(plan_gpkg), naming)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert READ_FROM[lang].format(field=FIELD_SAID[lang][naming]) in out, out


def test_a_description_mapped_to_a_plan_field_is_not_the_code_too(
        master, plan_gpkg, tmp_path, capsys):
    """Garmin's way: the code in the comment and the description alike; the description
    mapped to the section: the codes are read from the comment, the section from the
    description alone."""
    patches = L.surveyed(plan_gpkg)
    gpx = garmin_gpx(tmp_path / "Waypoints.gpx", waypoints=[
        _waypoint(f"{k + 1:03d}", x, y).replace(
            "</name>", f"</name><cmt>{p['code']}</cmt><desc>专栏 {p['code']}</desc>")
        for p in patches for k, (x, y) in enumerate(corners(p))])
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--mapping",
                  mapping(tmp_path, {"desc": "section"}))
    assert rc == errors.OK, out
    assert READ_FROM["en"].format(field="cmt") in out, out
    got = sections(master)
    for p in patches:
        assert got[p["code"]] == f"专栏 {p['code']}", got


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_codes_of_a_description_mapped_elsewhere_are_said_not_read(
        master, plan_gpkg, tmp_path, capsys, monkeypatch, lang):
    """The code in the description alone, the description mapped to the section: it is
    the section alone, said so; the waypoints, naming no code, are refused as points."""
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    gpx = corners_gpx(tmp_path / "Waypoints.gpx", L.surveyed(plan_gpkg), "desc")
    digest = L.sha256(master)
    rc, out = cli(capsys, "import", master, gpx, "--layer", "mine_patches", "--mapping",
                  mapping(tmp_path, {"desc": "section"}))
    assert rc == errors.INVALID, out
    assert MAPPED_ELSEWHERE[lang] in out, out
    assert "patch_code -> patch_code" not in out, out  # (no code read into the field)
    assert L.sha256(master) == digest
