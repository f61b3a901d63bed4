# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync dock's merge report names each refused row as a supervisor knows it: a patch by
its code, a new record the merge refused by its patch and day (the master never held it)."""

from __future__ import annotations

from field_kit.db import connect
from field_kit.sync import masters, package_checkout, package_export
from tests.unit.gpkg_factory import edit


def test_the_merge_report_names_a_refused_new_record_by_its_patch_and_day(master, tmp_path):
    from qgis_plugin.docks.sync import merge_report_html

    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = '夏乡' WHERE fid = 1")
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
         "verified_on) SELECT uuid, patch_code, 'Z', '2024-05-01' FROM mine_patches "
         "WHERE fid = 3")
    package_export.export(pkg, tmp_path / "g.zip")
    with connect(pkg) as conn:
        one, three = (conn.execute(f"SELECT patch_code FROM mine_patches WHERE fid = {f}"
                                   ).fetchone()[0] for f in (1, 3))
        record = conn.execute("SELECT uuid FROM patch_verifications").fetchone()[0]
    report = masters.merge(master, [tmp_path / "g.zip"])
    html = merge_report_html(report)
    assert f"Legacy mine patches {one}: " in html, html
    assert f"Patch verifications {three} 2024-05-01: " in html, html
    assert record not in html
    assert "夏镇" in html  # the plan's name for 夏乡


def test_the_merge_report_says_the_codes_rows_keep_of_the_rows_they_name(master, tmp_path):
    """A patch moved to another project by its project id typed in QGIS's form: the report
    says so, as the command line does (the dock said nothing of it)."""
    from qgis_plugin.docks.sync import merge_report_html

    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET project_id = 'P1-5' WHERE project_id = 'P1-1' AND "
         "fid = (SELECT min(fid) FROM mine_patches WHERE project_id = 'P1-1')")
    package_export.export(pkg, tmp_path / "g.zip")
    html = merge_report_html(masters.merge(master, [tmp_path / "g.zip"]))
    assert "mine_patches: 1 row moved to the project" in html or \
        "历史遗留矿山图斑：1 条记录按其中填写的" in html, html


def test_the_merge_report_warns_first_of_this_computers_clock_behind(master, tmp_path,
                                                                    monkeypatch):
    """Merging on a computer whose clock reads before the master's last merge: the report's
    warnings say so first, in Chinese for a Chinese QGIS, as the command line does."""
    import sqlite3

    from qgis.core import QgsApplication

    from qgis_plugin.docks.sync import merge_report_html

    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET township = '夏镇' WHERE fid = 1")
    package_export.export(pkg, tmp_path / "g.zip")
    html = merge_report_html(masters.merge(master, [tmp_path / "g.zip"]))
    assert "clock" not in html
    with sqlite3.connect(master) as conn:
        conn.execute("UPDATE sync_merges SET at = '2031-06-01T10:00:00.000Z'")
    edit(pkg, "UPDATE mine_patches SET township = '夏镇' WHERE fid = 2")
    package_export.export(pkg, tmp_path / "g2.zip")
    report = masters.merge(master, [tmp_path / "g2.zip"])
    html = merge_report_html(report)
    assert "This computer&#x27;s clock reads " in html, html
    assert html.index("clock reads") < html.index("<table"), html  # among the warnings
    monkeypatch.setattr(QgsApplication, "locale", staticmethod(lambda: "zh_CN"))
    assert "早于主库上一次合并的时间" in merge_report_html(report)


def test_the_merge_report_warns_of_a_package_brought_up_to_another_master(master, tmp_path,
                                                                          monkeypatch):
    """A package last pulled from the master before it was restored from a backup: the
    report's warnings say so, naming the package and its device, in Chinese for a Chinese
    QGIS, as the command line does."""
    import shutil

    from qgis.core import QgsApplication

    from qgis_plugin.docks.sync import merge_report_html

    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-a", role="gis")
    backup = tmp_path / "backup.gpkg"
    shutil.copyfile(master, backup)
    edit(master, "UPDATE mine_patches SET township = '夏镇' WHERE fid = 3")
    masters.pull(pkg, master)
    shutil.copyfile(backup, master)  # restored
    edit(pkg, "UPDATE mine_patches SET township = '夏镇' WHERE fid = 2")
    package_export.export(pkg, tmp_path / "g.zip")
    report = masters.merge(master, [tmp_path / "g.zip"])
    html = merge_report_html(report)
    assert ("g.zip from gis-a: the package was last brought up to a master this one is not: "
            "this master was restored from a backup or is another copy") in html, html
    assert html.index("restored from a backup") < html.index("<table"), html
    monkeypatch.setattr(QgsApplication, "locale", staticmethod(lambda: "zh_CN"))
    assert "来自 gis-a 的 g.zip：该数据包上次同步到的主库不是此主库" in merge_report_html(report)
