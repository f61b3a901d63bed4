# SPDX-License-Identifier: GPL-2.0-or-later
"""An import's edits say in the change log, and in history, that they came from an import
and from which file; in a GIS field package they stay the package's own, which it sends."""

import json

from field_kit import errors
from field_kit.sync import merge, package_checkout, package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit
from tests.unit.test_import_own_shapes import own_patches


def renamed(master, tmp_path, name):
    """The master's patches written out, the first one's project renamed: (file, its uuid)."""
    src, doc = own_patches(master, tmp_path)
    first = doc["features"][0]["properties"]
    first["project_name"] = name
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return src, first["uuid"]


def test_history_says_an_edit_came_from_an_import_and_from_which_file(
        master, tmp_path, capsys, monkeypatch):
    src, u = renamed(master, tmp_path, "测绘后的名称")
    assert cli(capsys, "import", master, src, "--layer", "mine_patches")[0] == errors.OK
    code, out, _ = cli(capsys, "history", master, u)
    assert code == errors.OK
    head, said, *_ = out.splitlines()
    assert " master import:patches.geojson update mine_patches " in head, head
    assert said == "    (imported from patches.geojson)"
    assert cli(capsys, "history", master, u, "--json")[1].count(
        '"origin": "import:patches.geojson"') == 1
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    assert "    （导入自 patches.geojson）\n" in cli(capsys, "history", master, u)[1]
    assert "    （导入自 patches.geojson）\n" in cli(capsys, "log", master)[1]


def test_settling_over_an_imported_value_names_the_import(master, tmp_path, capsys):
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    package_checkout.checkout(master, a, "tab-a", role="gis")
    package_checkout.checkout(master, b, "tab-b", role="gis")
    _, u = renamed(master, tmp_path, "测绘后的名称")
    for pkg, name in ((a, "甲"), (b, "乙")):
        edit(pkg, "UPDATE mine_patches SET project_name = ? WHERE uuid = ?", name, u)
        package_export.export(pkg, tmp_path / f"{pkg.stem}.zip")
    merge.merge(master, [tmp_path / "a.zip", tmp_path / "b.zip"])
    (c,) = merge.conflicts(master)
    src, _ = renamed(master, tmp_path, "测绘后的名称")  # the master's present values, renamed
    assert cli(capsys, "import", master, src, "--layer", "mine_patches")[0] == errors.OK
    code, _, err = cli(capsys, "resolve", master, c.id, "--take", "theirs")
    assert code == errors.REFUSED, err
    assert "changed by master at " in err and "(imported from patches.geojson)" in err, err


def test_an_import_into_a_gis_package_is_sent_as_its_own_edits(master, tmp_path, capsys):
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    src, u = renamed(pkg, tmp_path, "包里导入")
    assert cli(capsys, "import", pkg, src, "--layer", "mine_patches")[0] == errors.OK
    manifest = package_export.export(pkg, tmp_path / "gis.zip")
    assert manifest["counts"]["changes"] == 1
    merge.merge(master, [tmp_path / "gis.zip"])
    assert "project_name: \"测绘后的名称\"" not in cli(capsys, "history", master, u)[1]
    assert '-> "包里导入"' in cli(capsys, "history", master, u)[1]


def test_an_undo_refused_over_an_import_names_it(master, tmp_path, capsys, monkeypatch):
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    _, u = renamed(master, tmp_path, "测绘后的名称")
    edit(pkg, "UPDATE mine_patches SET project_name = '包里改' WHERE uuid = ?", u)
    package_export.export(pkg, tmp_path / "gis.zip")
    (done,) = merge.merge(master, [tmp_path / "gis.zip"]).results
    src, _ = renamed(master, tmp_path, "测绘后的名称")
    assert cli(capsys, "import", master, src, "--layer", "mine_patches")[0] == errors.OK
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    code, _, err = cli(capsys, "undo-merge", master, done.merge_id)
    assert code == errors.REFUSED, err
    assert "(imported from patches.geojson)" in err and "（导入自 patches.geojson）" in err, err


def test_a_conflict_with_an_imported_value_names_the_import(master, tmp_path, capsys,
                                                            monkeypatch):
    """A package checked out before an import edits the field the import wrote, later: the
    conflict keeps the import's value aside, and says it came from the import's file (it
    said only "from master"), in Chinese too."""
    pkg = tmp_path / "gis.gpkg"
    package_checkout.checkout(master, pkg, "tab-a", role="gis")
    src, u = renamed(master, tmp_path, "测绘后的名称")
    assert cli(capsys, "import", master, src, "--layer", "mine_patches")[0] == errors.OK
    edit(pkg, "UPDATE mine_patches SET project_name = '外业' WHERE uuid = ?", u)
    package_export.export(pkg, tmp_path / "gis.zip")
    assert cli(capsys, "merge", master, tmp_path / "gis.zip")[0] == errors.CONFLICTS
    (c,) = merge.conflicts(master)
    assert (c.theirs, c.imported_from) == ("测绘后的名称", "patches.geojson")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN")
    out = cli(capsys, "conflicts", master)[1]
    assert " project_name from master (imported from patches.geojson) at " in out, out
    assert "）字段 项目名称 来自 主库（导入自 patches.geojson），时间 " in out, out
