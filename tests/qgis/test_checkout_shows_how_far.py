# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package of a master with a big layer takes seconds: the Sync dock's bar shows how
far it got, and its Cancel, pressed while it runs, stops it with nothing written (no package,
the device not registered), said so in the user's language; the Processing algorithm
reports its progress and stops when its feedback is cancelled."""

from __future__ import annotations

import gc
import sqlite3
import time

import pytest
from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsTaskManager,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QFileDialog

from field_kit import errors
from field_kit.cli.commands import main
from qgis_plugin.i18n import tr
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_processing import provider  # noqa: F401 (a fixture)
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.unit.gpkg_factory import make_gdal_layer

STANDS = 50_000


@pytest.fixture()
def master(master, tmp_path):
    """The plan's master with a big layer of the county's own added (as ogr2ogr adds one)
    and tracked by `field-kit init`."""
    stands = make_gdal_layer(tmp_path / "stands.gpkg", STANDS)
    gdal.UseExceptions()
    gdal.VectorTranslate(str(master), stands, accessMode="update")
    assert main(["init", str(master)]) == errors.OK
    return master


def devices(master) -> list[tuple]:
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT * FROM sync_devices ORDER BY device").fetchall()


def started(dock, out, monkeypatch, device: str) -> list[int]:  # noqa: F811
    """A field package of the whole master asked for as the user asks (a device name, the
    button, a file named): the values the dock's bar shows, as it shows them."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    dock.setFloating(True)  # a window of its own: its bar and Cancel seen, as in QGIS
    dock.show()
    QgsApplication.processEvents()
    shown: list[int] = []
    dock.progress.valueChanged.connect(shown.append)
    dock.device.setText(device)
    dock.by_township.setChecked(True)
    dock.township.setCurrentIndex(-1)  # (no township: the whole county)
    dock.checkout_button.click()
    return shown


def test_the_dock_shows_how_far_a_checkout_got(dock, master, tmp_path, monkeypatch):  # noqa: F811
    lang, dock = dock
    out = tmp_path / "tab-a.gpkg"
    shown = started(dock, out, monkeypatch, "tab-a")
    _wait_for(dock)
    gc.collect()
    assert out.is_file(), dock.report.toPlainText()
    moved = [v for v in shown if v > 0]
    assert len(set(moved)) >= 5 and moved == sorted(moved), shown  # step by step
    assert max(moved) == 100, shown


def test_cancel_pressed_while_a_checkout_runs_writes_nothing(dock, iface, master,  # noqa: F811
                                                             tmp_path, monkeypatch):
    lang, dock = dock
    before = devices(master)
    out = tmp_path / "tab-a.gpkg"
    shown = started(dock, out, monkeypatch, "tab-a")
    end = time.time() + 60
    while dock.task is not None and not [v for v in shown if v > 0] and time.time() < end:
        QgsApplication.processEvents()
        time.sleep(0.01)
    assert dock.task is not None and dock.cancel_button.isVisible(), shown  # still running
    QTest.mouseClick(dock.cancel_button, Qt.LeftButton)
    _wait_for(dock)
    gc.collect()
    said = dock.report.toPlainText()
    assert said == {
        "en": "Field package not created: cancelled by the user; nothing was written: no "
              "field package, the device not registered",
        "zh": "未生成外业数据包：已由用户取消；未写入任何内容：没有生成外业数据包，设备未登记",
    }[lang], said
    assert max(shown) < 100, shown  # stopped before the end
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("tab-a")) == []
    assert devices(master) == before  # the device not registered
    assert not dock.progress.isVisible() and dock.checkout_button.isEnabled()
    assert_cancel_said_as_information(iface, said)


def test_cancel_pressed_before_a_checkout_began_says_nothing_was_written(
        dock, iface, master, tmp_path, monkeypatch):  # noqa: F811
    """QGIS's threads busy with other work: the checkout waits its turn (held, as QGIS holds
    a task queued), and a Cancel pressed meanwhile says what a Cancel heard as it runs
    says."""
    lang, dock = dock
    before = devices(master)
    add = QgsTaskManager.addTask

    def queued(manager, task, *args):
        task.hold()  # (not begun: its turn not come)
        return add(manager, task, *args)
    monkeypatch.setattr(QgsTaskManager, "addTask", queued)
    out = tmp_path / "tab-a.gpkg"
    shown = started(dock, out, monkeypatch, "tab-a")
    assert dock.task is not None and dock.cancel_button.isVisible()
    QTest.mouseClick(dock.cancel_button, Qt.LeftButton)
    _wait_for(dock)
    gc.collect()
    said = dock.report.toPlainText()
    assert said == {
        "en": "Field package not created: cancelled by the user; nothing was written: no "
              "field package, the device not registered",
        "zh": "未生成外业数据包：已由用户取消；未写入任何内容：没有生成外业数据包，设备未登记",
    }[lang], said
    assert not [v for v in shown if v > 0], shown  # (it never began)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("tab-a")) == []
    assert devices(master) == before
    assert not dock.progress.isVisible() and dock.checkout_button.isEnabled()
    assert_cancel_said_as_information(iface, said)


def assert_cancel_said_as_information(iface, said: str) -> None:
    """A Cancel the user pressed is said on QGIS's bar as information: no error."""
    kind, title, text = iface.messages[-1]
    assert kind == "info" and said == tr("{work}: {error}").format(work=title, error=text), \
        iface.messages[-1]


class Heard(QgsProcessingFeedback):
    """The errors an algorithm reports in Processing's log."""

    def __init__(self):
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, text, fatalError=False):  # noqa: N802, N803
        self.errors.append(text)


def run_checkout(master, out, feedback):
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:checkout")
    return alg.run({"MASTER": str(master), "DEVICE": "tab-p", "ROLE": 0, "QFIELD": False,
                    "OUTPUT": str(out)}, QgsProcessingContext(), feedback)


def test_the_processing_checkout_reports_progress_and_stops_when_cancelled(
        provider, master, tmp_path):  # noqa: F811
    before = devices(master)
    out = tmp_path / "tab-p.gpkg"
    feedback = Heard()
    seen: list[float] = []
    feedback.progressChanged.connect(seen.append)
    feedback.progressChanged.connect(lambda v: feedback.cancel() if v > 30 else None)
    _, ok = run_checkout(master, out, feedback)
    assert not ok and feedback.errors == ["Cancelled: nothing was changed."], feedback.errors
    assert seen and max(seen) < 100, seen
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("tab-p")) == []
    assert devices(master) == before
    feedback = QgsProcessingFeedback()
    seen.clear()
    feedback.progressChanged.connect(seen.append)
    got, ok = run_checkout(master, out, feedback)
    assert ok and out.is_file() and got["OUTPUT"] == str(out)
    assert len(set(seen)) >= 5 and max(seen) == pytest.approx(100), seen
