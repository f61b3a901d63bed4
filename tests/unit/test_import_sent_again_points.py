# SPDX-License-Identifier: GPL-2.0-or-later
"""Lists of boundary points as Chinese survey tables write them: 东经88°44′23.97″ and
北纬42°53′59.28″ (the hemisphere in words, before or after), e88.5, 88º44′23.97″ (a degree
typed as the ordinal sign); a minus sign with a hemisphere is refused by name, as which was
meant cannot be told."""

from __future__ import annotations

import re

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _dms(value: float) -> str:
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return f"{d}°{m}′{s:.6f}″"


def _points(tmp_path, plan_gpkg, write):
    p = L.surveyed(plan_gpkg)[0]
    lines = ["图斑编号,经度,纬度"] + [f"{p['code']},{write(k, x, 'x')},{write(k, y, 'y')}"
                                  for k, (x, y) in enumerate(p["ring"][:-1])]
    src = tmp_path / "points.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p["code"], src


def test_hemispheres_written_in_words_are_read(master, plan_gpkg, tmp_path, capsys):
    def write(k, v, axis):
        word = "东经" if axis == "x" else "北纬"
        return (f"{word}{_dms(v)}", f"{_dms(v)}{word}", f"{word} {v!r}",
                f"{'e' if axis == 'x' else 'n'}{v!r}")[k % 4]

    _, src = _points(tmp_path, plan_gpkg, write)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert "no readable coordinate" not in out, out


@pytest.mark.parametrize("sign", ["º", "˚"])
def test_a_degree_typed_as_the_ordinal_or_the_ring_is_read(master, plan_gpkg, tmp_path, capsys,
                                                           sign):
    """88º44′23.97″: the ordinal sign (Alt+0186 on Windows, a Spanish keyboard's key) or the
    ring above (˚) typed for the degree, as spreadsheets of survey points often have it: each
    such line was named unreadable and its patch refused."""
    def write(k, v, axis):
        return _dms(v).replace("°", sign)

    _, src = _points(tmp_path, plan_gpkg, write)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches", "--dry-run")
    assert rc == errors.OK, out
    assert "no readable coordinate" not in out, out


def test_a_minus_sign_with_a_hemisphere_is_refused_saying_why(master, plan_gpkg, tmp_path,
                                                               capsys):
    def write(k, v, axis):
        return f"-{v!r}E" if k == 1 and axis == "x" else repr(v)

    code, src = _points(tmp_path, plan_gpkg, write)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    assert (f"error: row 2 {code}: line 3: no readable coordinate (经度 '-") in out, out
    assert ("E', 纬度 '") in out and ("): a minus sign and a hemisphere together, which "
                                    "disagree or repeat: write one of them") in out, out


@pytest.mark.parametrize("slip, said", [("88°74′40.09″", "minutes 74"),
                                        ("88°44′80.09″", "seconds 80.09")])
def test_minutes_or_seconds_of_sixty_or_more_are_refused(master, plan_gpkg, tmp_path, capsys,
                                                         slip, said):
    """88°74′ is a slip of the hand, never 89°14′: read as written it put a vertex kilometres
    off (or, under the county's edge, nowhere said) and the patch's area grew 70 times."""
    def write(k, v, axis):
        return f"东经{slip}" if k == 2 and axis == "x" else f"{'东经' if axis == 'x' else '北纬'}" \
            f"{_dms(v)}"

    code, src = _points(tmp_path, plan_gpkg, write)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    assert f"error: row 2 {code}: line 4: no readable coordinate" in out, out
    assert f"{said}, which must be under 60" in out, out


def test_a_point_off_the_earth_is_the_one_named(master, plan_gpkg, tmp_path, capsys):
    """Latitude 北纬92° at the third point: the error quoted the first, which was right."""
    def write(k, v, axis):
        v = v + 50 if k == 2 and axis == "y" else v
        return f"{'东经' if axis == 'x' else '北纬'}{_dms(v)}"

    code, src = _points(tmp_path, plan_gpkg, write)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches")
    assert rc == errors.INVALID, out
    said = re.search(r"the coordinates ([\d.]+), ([\d.]+) read in \S+ WGS 84 are on no place",
                     out)
    assert said and float(said.group(2)) > 90, out
