# SPDX-License-Identifier: GPL-2.0-or-later
"""A package's conflicts settled all at once and refused because a later merge changed their
values: the refusal names the first ten and counts the rest. Naming hundreds, one after
another on one line, buried what to do next at its end."""

from field_kit import errors
from field_kit.messages_zh import chinese
from field_kit.sync import merge, package_checkout, package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg

PATCHES = 14


def test_a_refusal_over_many_later_edits_names_ten_and_counts_the_rest(tmp_path, capsys):
    master = make_gpkg(tmp_path / "master.gpkg", patches=PATCHES, tables=("mine_patches",))
    pkgs = [tmp_path / f"gis-{d}.gpkg" for d in range(3)]
    for d, pkg in enumerate(pkgs):
        package_checkout.checkout(master, pkg, f"gis-{d}", role="gis")
    for d, pkg in enumerate(pkgs):  # each the same field of every patch; gis-2's merged last
        edit(pkg, f"UPDATE mine_patches SET phase = 'p{d}'")
        package_export.export(pkg, tmp_path / f"gis-{d}.zip")
        merge.merge(master, [tmp_path / f"gis-{d}.zip"])
    listed = merge.conflicts(master)  # gis-1's merge's first, then gis-2's
    of_gis_1 = [c.id for c in listed if c.merge_id == listed[0].merge_id]
    assert len(of_gis_1) == PATCHES
    code, _, err = cli(capsys, "resolve", master, "--all", listed[0].merge_id, "--take",
                       "theirs")
    assert code == errors.REFUSED, err
    assert f"for {PATCHES} of the {PATCHES} conflicts: " in err, err
    named = [i for i in of_gis_1 if f"conflict {i} (mine_patches " in err]
    assert named == of_gis_1[:10], err
    assert f"; and {PATCHES - 10} more (field-kit conflicts lists them all); none of the " \
           f"{PATCHES} was settled, nothing was changed" in err, err
    assert "--over-later-edit writes this decision over it" in err
    zh = chinese(err.removeprefix("field-kit: ").strip())
    assert f"；另有 {PATCHES - 10} 个（field-kit conflicts 可全部列出）；{PATCHES} 项冲突均未处理" \
           in zh, zh
    assert "more" not in zh, zh
