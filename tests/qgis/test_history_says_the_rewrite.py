# SPDX-License-Identifier: GPL-2.0-or-later
"""History in QGIS of a row of a layer found rewritten in the master says the rewrite under
its changes, as ``field-kit history`` does: the row that got its uuid then, and the earlier
row not there since, in English and in Chinese."""

from __future__ import annotations

import re
import shutil

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QLabel

from tests.qgis.conftest import qgis_speaking
from tests.unit.gpkg_factory import rows
from tests.unit.test_layer_rewritten_in_master import (
    ogrsql,
    rewritten,  # noqa: F401 (a fixture)
)

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

AT = r"\d{4}-\d\d-\d\d \d\d:\d\d"


def _said(master, row) -> tuple[list[str], int]:
    """The rewrite lines the dialog shows, and its table's rows."""
    from qgis_plugin.dialogs.history import HistoryDialog

    dialog = HistoryDialog(master, "泉眼", row)
    try:
        dialog.show()
        QgsApplication.processEvents()
        return ([label.text() for label in dialog.findChildren(QLabel)
                 if label.isVisible() and ("重写" in label.text() or "rewritten" in label.text())],
                dialog.table.rowCount())
    finally:
        dialog.close()


def test_the_history_dialog_says_the_rewrite(rewritten, tmp_path):  # noqa: F811 (a fixture)
    master, pkg, _ = rewritten
    old = rows(pkg, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")[0][0]
    new = rows(master, "SELECT uuid FROM 泉眼 WHERE name = '泉2'")[0][0]
    (given,), changes = _said(master, new)
    assert re.fullmatch(rf"泉眼 was found rewritten in the master by repair on {AT}: row 泉2 "
                        rf"got its uuid {new} then; what it was before, under another uuid, "
                        "is not known to the sync", given), given
    assert changes == 0
    (gone,), changes = _said(master, old)
    assert re.fullmatch(rf"泉眼 was found rewritten in the master by repair on {AT}, after "
                        rf"these changes: row 泉2 \(uuid {old}\) is not there any more; what "
                        "became of it is not known to the sync", gone), gone
    assert changes > 0
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        (given,), _ = _said(master, new)
        (gone,), _ = _said(master, old)
    assert re.fullmatch(rf"泉眼 于 {AT} 经修复发现已在主库中被重写：要素 泉2 当时获得 uuid {new}；"
                        "此前它以另一 uuid 记录的情况同步无从得知", given), given
    assert re.fullmatch(rf"泉眼 于 {AT} 经修复发现已在主库中被重写（晚于以上修改）：要素 泉2"
                        rf"（uuid {old}）已不存在；其去向同步无从得知", gone), gone
    # a row put in since is no row of the rewrite
    ogrsql(master, "INSERT INTO 泉眼 (name, flow) VALUES ('泉9', 1.0)")
    (put,) = rows(master, "SELECT uuid FROM 泉眼 WHERE name = '泉9'")[0]
    assert _said(master, put)[0] == []
