# SPDX-License-Identifier: GPL-2.0-or-later
"""A Shapefile damaged in copying is refused whole, said so, and nothing is imported: a .dbf
of one record fewer than the .shp's shapes was read pair by pair, the last shape left out
as if the survey lacked that patch (and ``--delete-missing`` deleted it from the master);
a .shp cut short stopped the import with an internal error."""

from __future__ import annotations

import struct

import pytest

from field_kit import errors
from tests.unit import import_layers as L
from tests.unit.cli_run import cli_said as cli

pytest.importorskip("pyproj")
L._proj_data()


def _patches_written(plan_gpkg, tmp_path):
    return L.write_shapefile(tmp_path / "patches.shp", L.surveyed(plan_gpkg))


def _refused_and_untouched(capsys, master, src, said):
    before = L.sha256(master)
    rc, out = cli(capsys, "import", master, src, "--layer", "mine_patches",
                  "--delete-missing")
    assert rc not in (errors.OK, errors.INTERNAL), out
    assert said in out and "internal error" not in out, out
    assert L.sha256(master) == before


def test_a_dbf_of_fewer_records_than_shapes_is_refused(master, plan_gpkg, tmp_path, capsys):
    src = _patches_written(plan_gpkg, tmp_path)
    dbf = src.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    n, head, size = struct.unpack_from("<IHH", data, 4)
    struct.pack_into("<I", data, 4, n - 1)
    dbf.write_bytes(bytes(data[:head + size * (n - 1)]) + b"\x1a")
    _refused_and_untouched(capsys, master, src, f"patches.shp has {n} shapes and patches.dbf "
                           f"{n - 1} records, which should pair one to one")


def test_a_shp_cut_short_is_said_damaged(master, plan_gpkg, tmp_path, capsys):
    src = _patches_written(plan_gpkg, tmp_path)
    src.write_bytes(src.read_bytes()[:-100])
    _refused_and_untouched(capsys, master, src, "the .shp is damaged or cut short")


def test_a_shape_running_past_its_record_is_said_damaged(master, plan_gpkg, tmp_path, capsys):
    """The header's length mended to the bytes left (as a tool that rewrites it would): the
    last shape's points still run past its record."""
    src = _patches_written(plan_gpkg, tmp_path)
    data = bytearray(src.read_bytes()[:-100])
    struct.pack_into(">i", data, 24, len(data) // 2)
    src.write_bytes(bytes(data))
    _refused_and_untouched(capsys, master, src, "runs past its record")
