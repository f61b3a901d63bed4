# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package the Sync dock checks out says, in its report and in the user's language,
the attribute tables of the county's own it carries whole, with their rows, and the QGIS
project saved in the master that it points at the package's own layers."""

from __future__ import annotations

from tests.qgis.test_saved_project_opens_the_package import _opened, _save_project
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.qgis.test_sync_dock_township_whole import township_checked_out
from tests.unit.test_any_table import ogr


def test_a_township_package_names_its_tables_carried_whole_and_the_project(
        dock, master, tmp_path, monkeypatch):  # noqa: F811
    lang, dock = dock
    notes = tmp_path / "notes.csv"
    notes.write_text("stand,note\nF0,fenced\nF1,burnt\n")
    ogr("-update", master, notes, "-nln", "stand_notes")
    _save_project(master, ["mine_patches"])
    out = tmp_path / "field" / "tab-1.gpkg"
    out.parent.mkdir()
    said = township_checked_out(dock, out, monkeypatch)
    told = {"en": ["carried whole, attribute tables of the county's own having no shape to "
                   "cut them by: stand_notes (2 rows)",
                   "QGIS project saved in the master, pointed at this package's own "
                   "layers (./tab-1.gpkg): county"],
            "zh": ["以下本县自有属性表没有几何可供裁切，已整表带入：stand_notes（2 行）",
                   "主库中保存的 QGIS 项目已改为打开本数据包自己的图层（./tab-1.gpkg）：county"]
            }[lang]
    for line in told:
        assert line in said, said
    assert _opened(out) == {"mine_patches": (True, str(out))}
