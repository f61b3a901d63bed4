# SPDX-License-Identifier: GPL-2.0-or-later
"""Update… into a package with a conflict of its own on a layer GIS staff dropped from the
master since: the box says it is closed as dropped, by layer, in English and Chinese (it
stayed open, unsaid, and nothing could settle it)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from field_kit import errors
from field_kit.app import i18n
from field_kit.app import main_window as mw
from tests.unit.cli_run import cli_said
from tests.unit.test_undo_after_a_layer_dropped import WELLS, ogrsql

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")


def test_update_says_the_conflict_closed_with_its_layer(qtbot, master, tmp_path, capsys,
                                                        monkeypatch):
    # the plan's master with a layer of wells ogr2ogr added, a GIS package of it whose edit
    # of a well met the master's at a pull (kept in a conflict of its own), then the layer
    # dropped from the master
    (tmp_path / "w.geojson").write_text(WELLS, encoding="utf-8")
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", str(master), str(tmp_path / "w.geojson"),
                    "-nln", "泉眼"], check=True, capture_output=True)
    pkg = tmp_path / "g.gpkg"
    code, said = cli_said(capsys, "checkout", master, pkg, "--device", "gis-1", "--role", "gis")
    assert code == errors.OK, said
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 9.9 WHERE name = '泉2'")
    ogrsql(master, "UPDATE 泉眼 SET flow = 7.7 WHERE name = '泉2'")
    assert cli_said(capsys, "pull", pkg, master)[0] == errors.CONFLICTS
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    window = mw.MainWindow(pkg, "en")
    qtbot.addWidget(window)
    window.show()
    boxes: list[str] = []
    monkeypatch.setattr(mw.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(master), ""))
    monkeypatch.setattr(mw.QMessageBox, "information",
                        lambda parent, title, text: boxes.append(text))
    pulled: list[dict] = []
    pull_from = window.pull_from
    monkeypatch.setattr(window, "pull_from", lambda path: pulled.append(pull_from(path))
                        or pulled[-1])
    window.act_pull.trigger()  # Update…
    assert len(boxes) == 1, boxes
    assert "1 conflict(s) of this device on layer 泉眼 are closed as dropped: the layer was " \
           "dropped from the master, so there is nothing left to settle" in boxes[0], boxes
    assert "are settled: it now holds what the master holds" not in boxes[0], boxes
    i18n.set_language(i18n.ZH)
    text = window.pull_text(pulled[0])
    assert "本机在图层 泉眼 上的 1 处冲突已随图层删除关闭：该图层已从主库删除，无需处理" \
        in text, text
    window.close()
    code, said = cli_said(capsys, "conflicts", pkg)
    assert code == errors.OK and "0 conflict(s)" in said, said
