# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge that closes a device's older value kept aside as superseded by its later edit:
the Sync dock's report and message bar, and Processing's merge log, count the conflicts each
package recorded and say those closed so, as the command line does, not "0" above a
conflict listed, nor "no conflict"."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication, QgsProcessingContext
from qgis.PyQt.QtWidgets import QFileDialog

from field_kit.sync import masters
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_processing import provider  # noqa: F401  (the fixture)
from tests.unit.test_older_value_kept_aside_closes_in_its_merge import tab1_after_tab2

ONE = "1 superseded by a later edit in 1 change"
PART = "2 (1 to settle, 1 superseded by a later edit) in 2 changes"


def _packages(master, tmp_path) -> list[str]:
    return [str(p) for p in tab1_after_tab2(master, tmp_path)]


def test_the_dock_counts_the_conflicts_closed_as_superseded(request, master, tmp_path,
                                                            monkeypatch):
    paths = _packages(master, tmp_path)
    dock, iface = request.getfixturevalue("dock"), request.getfixturevalue("iface")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (paths, "")))
    dock.add_packages()
    dock.merge_button.click()
    _wait_for(dock)
    gc.collect()
    report = dock.report.toPlainText()
    assert ONE in report and PART in report, report
    bar = [i.text() for i in iface.bar_items]
    assert any("2 conflicts closed as superseded by a later edit of their device." in text
               for text in bar), bar


def test_the_dock_only_superseded_is_not_no_conflict(request, master, tmp_path, monkeypatch):
    """A package whose one conflict was closed as superseded, merged alone: the bar says so,
    not "no conflict"."""
    paths = _packages(master, tmp_path)
    masters.merge(master, [paths[1]])  # (its value kept aside, open)
    dock, iface = request.getfixturevalue("dock"), request.getfixturevalue("iface")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (paths[:1], "")))
    dock.add_packages()
    dock.merge_button.click()
    _wait_for(dock)
    gc.collect()
    bar = [i.text() for i in iface.bar_items]
    assert any("1 conflict closed as superseded by a later edit of its device." in text
               for text in bar), bar
    assert not any("no conflict" in text for text in bar), bar


def test_processing_merge_counts_them(provider, master, tmp_path):  # noqa: F811
    paths = _packages(master, tmp_path)
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:merge")
    heard = Heard()
    out, ok = alg.run({"MASTER": str(master), "PACKAGES": paths}, QgsProcessingContext(),
                      heard)
    assert ok and out["CONFLICTS"] == 1, heard.lines
    said = [text for kind, text in heard.lines if kind == "info"]
    assert any(f"conflicts {ONE}," in text for text in said), said
    assert any(f"conflicts {PART}," in text for text in said), said
    assert not any("conflicts 0," in text for text in said), said
