# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's pull report says what the pull followed as the command line does: the
package's unsent record given the new code of the patch the pull renamed, and a QField
project file written again for the grants the pull changed (it said neither)."""

from __future__ import annotations

import gc
import shutil
import zipfile
from pathlib import Path

import pytest

from field_kit.db import connect
from field_kit.qfield import checkout as qfield_checkout
from field_kit.sync import masters, package_checkout, package_export
from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _pulled_report
from tests.unit.gpkg_factory import edit
from tests.unit.test_codes_follow import CODE, NEW, VERIFIED
from tests.unit.test_package_conflicts_of_a_layer_dropped import own_conflict_dropped
from tests.unit.test_qfield import WELLS, add_wells
from tests.unit.test_qfield_zip_for_the_phone import pull_to_fail


@pytest.fixture()
def plugin(iface, master):
    p = ToksunPlugin(iface)
    p.initGui()
    p.load(master)
    yield p
    p.unload()


def test_the_pull_report_says_the_codes_the_package_s_records_were_given(plugin, master,
                                                                        tmp_path):
    tech = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, tech, "tab-1", township="郭勒布依乡")
    edit(tech, VERIFIED)  # not sent
    gis = tmp_path / "gis-1.gpkg"
    package_checkout.checkout(master, gis, "gis-1", role="gis")
    edit(gis, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", NEW, CODE)
    package_export.export(gis, tmp_path / "gis-1.zip")
    assert masters.merge(master, [tmp_path / "gis-1.zip"]).totals["applied"] == 1
    gc.collect()
    said = _pulled_report(plugin, tech)
    assert "Codes of the patches and projects the rows name" in said, said
    assert "1 row given the Patch code of the patch it names" in said, said


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_the_pull_report_says_the_qfield_project_was_written_again(plugin, master, tmp_path):
    add_wells(master, tmp_path)
    folder = qfield_checkout(master, tmp_path / "tech1", "tech1")["folder"]
    with connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', ?, "
                     "'是否已修复')", (WELLS,))
    gc.collect()
    said = _pulled_report(plugin, f"{folder}/package.gpkg")
    assert "tech1.qgs written again: the grants or layers the pull brought change what " \
        "QField shows" in said, said
    # as the checkout wrote it, it holds nothing of the user's: no copy kept, said so
    assert "(the one it replaces was as the checkout or a pull wrote it, not changed in " \
        "QGIS: no copy of it kept)" in said, said
    assert "tech1.qgs.bak" not in said and not list(Path(folder).glob("*.bak*")), said
    assert "grants changed: technician may now change 水井.是否已修复" in said, said
    bar = [m for m in plugin.iface.messages if "Pulled into package.gpkg" in str(m)]
    assert bar, plugin.iface.messages


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_the_pull_report_names_the_project_file_kept_as_changed_in_qgis(plugin, master,
                                                                        tmp_path):
    add_wells(master, tmp_path)
    folder = Path(qfield_checkout(master, tmp_path / "tech1", "tech1")["folder"])
    qgs = folder / "tech1.qgs"
    qgs.write_text(qgs.read_text(encoding="utf-8").replace(
        "<projectlayers>", "<projectlayers><!-- a map theme of the user's -->"),
        encoding="utf-8")
    with connect(master) as conn:
        conn.execute("INSERT INTO sync_roles (role, tbl, col) VALUES ('technician', ?, "
                     "'是否已修复')", (WELLS,))
    gc.collect()
    said = _pulled_report(plugin, f"{folder}/package.gpkg")
    assert f"(the one it replaces is kept as {folder / 'tech1.qgs.bak'}: changes made to it " \
        "in QGIS are there)" in said, said
    assert "a map theme" in (folder / "tech1.qgs.bak").read_text(encoding="utf-8")


def test_the_pull_report_says_the_masters_column_stands_and_the_value_set_aside(
        plugin, master, tmp_path):
    """A technician's column the master refused, then given to the master with another
    type: the pull goes in, and its report names the value set aside, as the command does."""
    tech = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, tech, "tab-1", township="郭勒布依乡")
    edit(tech, "ALTER TABLE patch_verifications ADD COLUMN remark TEXT")
    edit(tech, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, verified_on, "
               "remark) SELECT uuid, patch_code, 'Li', '2026-06-01', 'washed out' FROM "
               "mine_patches WHERE patch_code = ?", CODE)
    package_export.export(tech, tmp_path / "tab-1.zip")
    assert masters.merge(master, [tmp_path / "tab-1.zip"]).totals["refused"] == 1
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN remark INTEGER")
    gc.collect()
    said = _pulled_report(plugin, tech)
    assert "the master's column stands in the package now" in said, said
    assert f"value set aside: patch_verifications {CODE} 2026-06-01 (remark)" in said, said


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
def test_the_pull_report_says_the_conflicts_closed_with_a_layer_dropped(iface, master,
                                                                        tmp_path, capsys):
    """The package's conflict on a layer GIS staff dropped from the master since is said
    closed as dropped, apart from those settled (the pull closed it, the report said
    nothing)."""
    pkg = own_conflict_dropped(master, tmp_path, capsys)
    p = ToksunPlugin(iface)  # (opened on the master as it is now: its layer dropped)
    p.initGui()
    try:
        p.load(master)
        gc.collect()
        said = _pulled_report(p, pkg)
    finally:
        iface.mapCanvas().waitWhileRendering()
        p.unload()
    assert "1 open conflict on 泉眼 closed as dropped: the layer was dropped from the " \
        "master, so there is nothing left to settle" in said, said
    assert "are settled: it now holds what the master holds" not in said, said


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_the_sync_dock_says_the_layer_dropped_from_the_master(iface, master, tmp_path, capsys,
                                                              monkeypatch, locale):
    """The package's conflict closed with 泉眼, dropped from the master: the pull report
    says what the pull did not bring (泉眼 gone from the master's file) as the command line
    does, points to no command-line option, and the package's line then says that its edit
    of 泉眼 waiting is refused at merge (said of none of it before)."""
    pkg = own_conflict_dropped(master, tmp_path, capsys)
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "FIELD_KIT_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with qgis_speaking(locale, tmp_path / "qm"):
        p = ToksunPlugin(iface)
        p.initGui()
        try:
            p.load(master)
            gc.collect()
            dock = p.show_sync()
            dock.choose_package(str(pkg))
            before = dock.package_label.text()
            said = _pulled_report(p, pkg)
            after = dock.package_label.text()
        finally:
            iface.mapCanvas().waitWhileRendering()
            p.unload()
    assert "--every" not in said and "dropped" not in before and "删除" not in before, said
    if locale == "en_US":
        assert "1 open conflict on 泉眼 closed as dropped: the layer was dropped from the " \
            "master, so there is nothing left to settle\n" in said + "\n", said
        assert "not brought from the master, not tracked there: 泉眼: gone from the file" \
            in said, said
        assert "the master will refuse the edits of 1 feature of 泉眼: layer 泉眼 was " \
            "dropped from the master" in after, after
    else:
        assert "泉眼 上 1 项未处理的冲突已随图层删除关闭：该图层已从主库删除，无需处理\n" \
            in said + "\n", said
        assert "未从主库带来（主库未跟踪）：泉眼：已不在文件中" in said, said
        assert "主库将拒收泉眼中 1 个要素的修改：图层 泉眼 已从主库删除" in after, after


def test_a_failed_pull_says_the_photos_left_out_of_the_zip_written_again(plugin, master,
                                                                          tmp_path,
                                                                          monkeypatch):
    """The zip written again as a pull failed leaves out a file no record names, and the
    Sync panel says so beside why the pull failed, as the command line does."""
    project, folder = pull_to_fail(master, tmp_path, monkeypatch)
    gc.collect()
    said = _pulled_report(plugin, folder / "package.gpkg")
    assert "the master cannot be read" in said, said
    assert f"1 file in DCIM/ that no record of the package names (photos of records deleted, " \
        f"old names of photos renamed) left out of {project['zip']}" in said, said
    with zipfile.ZipFile(project["zip"]) as zf:
        assert "DCIM/stray.jpg" not in zf.namelist()
