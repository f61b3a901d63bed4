# SPDX-License-Identifier: GPL-2.0-or-later
"""A column GIS staff added to their field package in QGIS is said by the Sync dock as
`field-kit status` and `export` say it: waiting to be exported (its changes may be none),
carried by the export; a technician's, refused by the master. A merge undone from the dock
says the column it added is left, as `undo-merge` says it. In English and Chinese."""

from __future__ import annotations

import gc

import pytest

from field_kit.cli.commands import main
from field_kit.sync import masters, merge, package_checkout, package_export
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _wait_for, undo_from_dock
from tests.qgis.test_settle_conflicts import plugin  # noqa: F401 (a fixture)
from tests.unit.gpkg_factory import edit

LANGS = {"en": "en", "zh": "zh_CN"}
WAITING = {"en": "0 changes waiting to be exported\n"
                 "Waiting to be exported too: added column mine_patches.survey_note.",
           "zh": "0 条修改待导出\n一并待导出：新增字段 mine_patches.survey_note。"}
CARRIED = {"en": "Exported 0 changes to {out}. The export carries too: added column "
                 "mine_patches.survey_note.",
           "zh": "已将 0 项修改导出到 {out}。导出一并带上：新增字段 mine_patches.survey_note。"}
REFUSED = {"en": "\nA technician's package does not add columns: the master refuses the "
                 "changes that fill column mine_patches.survey_note (GIS staff can add them "
                 "there first); the rest applies.",
           "zh": "\n技术员的数据包不能新增字段：主库拒收填写字段 mine_patches.survey_note 的修改"
                 "（GIS 人员可先在主库中新增）；其余照常合并。"}
LEFT = {"en": "Merge undone: 1 change reverted.\n"
              "Column mine_patches.survey_note, added by this merge, is left.",
        "zh": "合并已撤销：还原了 1 条修改。\n本次合并新增的字段 mine_patches.survey_note 已保留。"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_column_added_is_said_waiting_and_exported(lang, plugin, master,  # noqa: F811
                                                      tmp_path):
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-g", role="gis")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    out = tmp_path / "g.zip"
    with qgis_speaking(LANGS[lang], tmp_path / "qm"):
        dock = plugin.show_sync()
        dock.choose_package(str(pkg))
        said = dock.package_label.text()
        assert said.endswith(WAITING[lang]), said
        dock.export_package(str(out))
        _wait_for(dock)
        gc.collect()
        said = dock.report.toPlainText()
        assert CARRIED[lang].format(out=out) in said, said


@pytest.mark.parametrize("lang", LANGS)
def test_a_technicians_column_is_said_refused(lang, plugin, master, tmp_path):  # noqa: F811
    pkg = tmp_path / "t.gpkg"
    package_checkout.checkout(master, pkg, "tech-t", township="郭勒布依乡")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    with qgis_speaking(LANGS[lang], tmp_path / "qm"):
        dock = plugin.show_sync()
        dock.choose_package(str(pkg))
        said = dock.package_label.text()
        assert REFUSED[lang] in said, said
        # exported once, the package still holds the column: the master refuses what
        # fills it at every merge, so the dock says it still, as status does
        dock.export_package(str(tmp_path / "t.zip"))
        _wait_for(dock)
        gc.collect()
        dock.choose_package(str(pkg))
        said = dock.package_label.text()
        assert "Waiting to be exported too" not in said and "一并待导出" not in said, said
        assert REFUSED[lang] in said, said
        # and an export with nothing new to carry says it too
        dock.export_package(str(tmp_path / "t2.zip"))
        _wait_for(dock)
        gc.collect()
        said = dock.report.toPlainText()
    assert not (tmp_path / "t2.zip").exists()
    assert REFUSED[lang].strip() in said, said


@pytest.mark.parametrize("lang", LANGS)
def test_a_merge_undone_says_the_column_it_added_is_left(lang, plugin, master,  # noqa: F811
                                                         tmp_path, monkeypatch, capsys):
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-g", role="gis")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    main(["status", str(pkg)])  # the column tracked: a value of it is an edit
    edit(pkg, "UPDATE mine_patches SET survey_note = '北坡已复绿' WHERE patch_code = "
              "'CT6504222017000026002'")
    package_export.export(pkg, tmp_path / "g.zip")
    assert merge.merge(master, [tmp_path / "g.zip"]).totals["applied"] == 1
    capsys.readouterr()
    with qgis_speaking(LANGS[lang], tmp_path / "qm"):
        said = undo_from_dock(plugin.show_sync(), monkeypatch)
    assert LEFT[lang] in said, said


REFUSED_UNDO = {"en": "cannot undo merge g.zip from gis-g at {at} (merge id {id}): it changed "
                      "no row, it only added column mine_patches.survey_note",
                "zh": "无法撤销合并 g.zip（来自 gis-g，{at}，合并编号 {id}）："
                      "该合并未修改任何要素，只向主库新增了字段 mine_patches.survey_note"}


@pytest.mark.parametrize("lang", LANGS)
def test_an_undo_refused_names_the_merge_as_the_dock_lists_it(
        lang, plugin, master, tmp_path, monkeypatch):  # noqa: F811 (a fixture)
    """The dock's list shows no merge id: the merge is named by its package, device and
    time as listed, the id beside it for the command line."""
    from field_kit.sync.changelog import local_time

    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-g", role="gis")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    package_export.export(pkg, tmp_path / "g.zip")
    done = merge.merge(master, [tmp_path / "g.zip"]).results[0]
    at = local_time(masters.merges(master)[0]["at"])
    with qgis_speaking(LANGS[lang], tmp_path / "qm"):
        dock = plugin.show_sync()
        said = undo_from_dock(dock, monkeypatch)
        listed = dock.merge_list.item(0).text()
    assert listed.startswith(f"{at} g.zip"), listed
    assert REFUSED_UNDO[lang].format(at=at, id=done.merge_id) in said, said
