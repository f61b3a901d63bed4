# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch a GIS package adds or renames with a code of none of the national formats (the
importer refuses one, the verification form warns of one) went into the master with nothing
said. It is merged as given (a patch added locally may carry the county's own code) and the
merge names each such code with the formats, as a warning, in its report and `--json`."""

import json
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from tests.unit.gpkg_factory import edit

RENAMED, TO_SHORT = "CT6504222017000026002", "CT650422201700002600"  # (19 characters)
GOOD_RENAMED, GOOD_NEW = "CT6504222017000026003", "CT6504222099000000001"
LOCAL = "ZJ6504222026000001"  # a patch added locally, of the ZJ format
ADD = ("INSERT INTO mine_patches (geom, patch_code, township, phase) SELECT geom, ?, township, "
       "phase FROM mine_patches WHERE patch_code = ?")
RENAME = "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?"
SAID = ("mine_patches: 2 patches added or renamed with a patch_code matching none of the "
        "national formats (C + 25 digits, CT + 19 digits, ZJ + 16 digits): "
        f"{TO_SHORT}, X-1; merged as given: check them")
FORMATS = "national formats"


def _checkout(master, tmp_path, device, *rest) -> str:
    pkg = str(tmp_path / f"{device}.gpkg")
    assert main(["checkout", str(master), pkg, "--device", device, *rest]) == errors.OK
    return pkg


def _merged(master, pkg, capsys, *options):
    """``pkg`` exported and merged into ``master`` (exit 0): what the merge printed."""
    assert main(["export", pkg, f"{pkg}.zip"]) == errors.OK
    capsys.readouterr()
    assert main(["merge", str(master), f"{pkg}.zip", *options]) == errors.OK
    return capsys.readouterr()


def _off_format(codes_followed: list) -> list:
    return [f for f in codes_followed if f["what"] == "off format"]


def patches_off_format_said(master, tmp_path, capsys, as_json: bool, rows=None) -> None:
    """A GIS package adds patch X-1 and ZJ…001, renames one patch to a code one digit short
    and another to a good one: merged, exit 0, the two codes of no format named with the
    formats, the good ones not. ``rows(sql)``: the master's rows."""
    gis = _checkout(master, tmp_path, "gis-1", "--role", "gis")
    edit(gis, ADD, "X-1", RENAMED)
    edit(gis, ADD, LOCAL, RENAMED)
    edit(gis, RENAME, GOOD_NEW, GOOD_RENAMED)
    edit(gis, RENAME, TO_SHORT, RENAMED)
    got = _merged(master, gis, capsys, *(["--json"] if as_json else []))
    if as_json:
        (said,) = _off_format(json.loads(got.out)["codes_followed"])
        assert said == {"table": "mine_patches", "column": "patch_code", "rows": 2,
                        "codes": [TO_SHORT, "X-1"], "what": "off format",
                        "formats": "C + 25 digits, CT + 19 digits, ZJ + 16 digits",
                        "in_master": False, "said": SAID}, said
    else:
        assert got.err.splitlines() == [f"field-kit: warning: {SAID}"], got.err
        assert FORMATS not in got.out
    assert chinese(SAID) == (
        f"历史遗留矿山图斑：新增或改编号的 2 个图斑，其图斑编号不符合任何国家图斑编号格式（C+25 位"
        f"数字、CT+19 位数字、ZJ+16 位数字）：{TO_SHORT}、X-1；已按原样合并，请逐一核对")
    if rows is None:
        def rows(sql):
            with sqlite3.connect(master) as conn:
                return [r[0] for r in conn.execute(sql)]
    held = set(rows("SELECT patch_code FROM mine_patches"))
    assert {"X-1", TO_SHORT, LOCAL, GOOD_NEW} <= held and not {RENAMED, GOOD_RENAMED} & held


@pytest.mark.parametrize("as_json", [False, True])
def test_a_patch_added_or_renamed_off_format_is_said(master, tmp_path, capsys, as_json):
    patches_off_format_said(master, tmp_path, capsys, as_json)


def technicians_records_say_nothing(master, tmp_path, capsys) -> None:
    """A patch renamed to X-1 by GIS staff is said once; a technician's package verifying it
    (its record keeps X-1) and editing another record says nothing of the formats."""
    tech = _checkout(master, tmp_path, "tab-1", "--township", "郭勒布依乡")
    edit(tech, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on) SELECT uuid, patch_code, 'B', '李四', '2026-11-30' FROM "
         "mine_patches WHERE patch_code = ?", GOOD_RENAMED)
    _merged(master, tech, capsys)
    gis = _checkout(master, tmp_path, "gis-1", "--role", "gis")
    edit(gis, RENAME, "X-1", RENAMED)
    assert "X-1" in _merged(master, gis, capsys).err
    tech = _checkout(master, tmp_path, "tab-2", "--township", "郭勒布依乡")
    edit(tech, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verifier, verified_on) SELECT uuid, patch_code, 'C', '王五', '2026-12-01' FROM "
         "mine_patches WHERE patch_code = 'X-1'")
    edit(tech, "UPDATE patch_verifications SET remediation_status = 'C' WHERE patch_code = ?",
         GOOD_RENAMED)
    assert main(["export", tech, f"{tech}.zip"]) == errors.OK
    capsys.readouterr()
    assert main(["merge", str(master), f"{tech}.zip", "--json"]) == errors.OK
    got = capsys.readouterr()
    report = json.loads(got.out)
    assert report["totals"]["applied"] == 2, report
    assert _off_format(report["codes_followed"]) == [] and FORMATS not in got.err, got


def test_a_technician_s_records_say_nothing_of_the_formats(master, tmp_path, capsys):
    technicians_records_say_nothing(master, tmp_path, capsys)
