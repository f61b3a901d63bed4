# SPDX-License-Identifier: GPL-2.0-or-later
"""Coordinates written as 度.分秒 packed into one number (88.4423636 for 88°44′23.636″), as
some handheld GPS units export them and surveyors write them, are not read as decimal
degrees where that puts each patch tens of kilometres off its place: refused, naming the
reading and what to write instead."""

from __future__ import annotations

import re

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _packed(value: float) -> str:
    """Decimal degrees written as 度.分秒: ddd.mmss followed by the seconds' decimals."""
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return f"{d}.{m:02d}{int(s * 1000):05d}"


def _points(path, patches, coordinate):
    lines = ["点号,经度,纬度,地块编码"]
    for p in patches:
        for k, (x, y) in enumerate(p["ring"][:-1]):
            lines.append(f"J{k + 1},{coordinate(x)},{coordinate(y)},{p['code']}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_points_written_as_packed_dms_are_refused_naming_the_reading(
        master, plan_gpkg, tmp_path, capsys):
    patches = L.surveyed(plan_gpkg)
    src = _points(tmp_path / "dmsdot.csv", patches, _packed)
    x, y = patches[0]["ring"][0]
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    assert ("error: field 经度: every coordinate reads as degrees, minutes and seconds packed "
            f"into one number (度.分秒: {_packed(x)}, {_packed(y)} as ") in out, out
    said = re.search(rf"read as decimal degrees {patches[0]['code']} lies (\d+) km from its "
                     r"patch in the master, read as 度.分秒 ([\d.]+) km: write them as "
                     r"degrees-minutes-seconds \(", out)
    assert said and float(said[1]) > 20 and float(said[2]) < 2, out
    assert "refused: the report has errors; the master is unchanged" in out, out
    # the same points in decimal degrees say nothing of it
    dd = _points(tmp_path / "dd.csv", patches, lambda v: f"{v:.7f}")
    rc, out = cli(capsys, "import", master, dd, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK and "度.分秒" not in out, out


def test_packed_dms_nothing_tells_apart_from_decimal_degrees_is_read_so_and_said(
        master, plan_gpkg, tmp_path, capsys):
    # a new patch of a code the master has not: both readings lie in the county
    p = dict(L.surveyed(plan_gpkg)[0], code="CT6504222024000999001")
    src = _points(tmp_path / "new.csv", [p], _packed)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert "warning: every coordinate reads as degrees, minutes and seconds packed into one " \
           "number" in out, out
    assert "they are read as decimal degrees; if they are 度.分秒, write them as " \
           "degrees-minutes-seconds (" in out, out
