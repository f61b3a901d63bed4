# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout says in its log, in the user's language, the attribute tables of
the county's own it carries whole and the QGIS project saved in the master that it points at
the package's own layers, as the command line and the Sync dock say them."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401
from tests.qgis.test_saved_project_opens_the_package import _opened, _save_project
from tests.unit.test_any_table import ogr


class Heard(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.infos: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.infos.append(info)
        super().pushInfo(info)


def test_processing_names_the_tables_carried_whole_and_the_project(lang, master,  # noqa: F811
                                                                    tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("stand,note\nF0,fenced\n")
    ogr("-update", master, notes, "-nln", "stand_notes")
    _save_project(master, ["mine_patches"])
    out = tmp_path / "field" / "tab-1.gpkg"
    out.parent.mkdir()
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    heard = Heard()
    got, ok = alg.run({"MASTER": str(master), "DEVICE": "tab-1", "TOWNSHIP": "郭勒布依乡",
                       "OUTPUT": str(out)}, QgsProcessingContext(), heard)
    assert ok and got["OUTPUT"] == str(out)
    told = {"en": ["carried whole, attribute tables of the county's own having no shape to "
                   "cut them by: stand_notes (1 row)",
                   "QGIS project saved in the master, pointed at this package's own "
                   "layers (./tab-1.gpkg): county"],
            "zh": ["以下本县自有属性表没有几何可供裁切，已整表带入：stand_notes（1 行）",
                   "主库中保存的 QGIS 项目已改为打开本数据包自己的图层（./tab-1.gpkg）：county"]
            }[lang]
    for line in told:
        assert line in heard.infos, heard.infos
    assert _opened(out) == {"mine_patches": (True, str(out))}
