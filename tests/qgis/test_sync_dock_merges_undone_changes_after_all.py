# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge in the Sync dock keeps out the changes of a merge this master undid, and says so
pointing to "Merge them after all…", not the command line: the message bar's, and the
dock's under the report, shown while the last merge kept them out; that button, after a
yes naming the package, merges it again with them. Processing's merge takes them
when asked (its "Merge again the changes of merges this master undid"), else keeps them
out."""

from __future__ import annotations

import gc

from qgis.PyQt.QtWidgets import QFileDialog, QMessageBox, QPushButton

from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit import test_master_restored_from_a_backup as restored
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import rows
from tests.unit.test_undone_merge_sent_again import MINE

AGAIN = "Merge them after all…"


def _undone(capsys, master, tmp_path):
    """赵刚's verification merged into the master and the merge undone: his package."""
    zhao, first = tmp_path / "zhao.gpkg", tmp_path / "zhao-01.zip"
    assert cli(capsys, "checkout", master, zhao, "--device", "tab-zhao", "--township",
               "伊拉湖镇")[0] == 0
    restored._verify(zhao, 3000, "2026-05-20")
    assert cli(capsys, "export", zhao, first)[0] == 0
    assert cli(capsys, "merge", master, first)[0] == 0
    (merge_id,), = rows(master, "SELECT merge_id FROM sync_merges")
    assert cli(capsys, "undo-merge", master, merge_id)[0] == 0
    assert rows(master, MINE) == []
    return first


def merged_in_dock(request, monkeypatch, package):
    """``package`` added to the Sync dock and merged, as the user does it: (dock, iface)."""
    dock, iface = request.getfixturevalue("dock"), request.getfixturevalue("iface")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(package)], "")))
    dock.add_packages()
    dock.merge_button.click()
    _wait_for(dock)
    gc.collect()
    return dock, iface


def test_the_bar_merges_the_undone_changes_after_a_yes(request, master, tmp_path, capsys,
                                                       monkeypatch):
    first = _undone(capsys, master, tmp_path)
    dock, iface = merged_in_dock(request, monkeypatch, first)
    assert rows(master, MINE) == []  # kept out
    (item,) = [i for i in iface.bar_items if i.findChildren(QPushButton)]
    assert "kept out of this merge" in item.text(), item.text()
    for said, way in ((item.text(), "on the message bar"),
                      (dock.report.toPlainText(), "under the report in the Sync panel")):
        assert f"“Merge them after all…” {way}" in said, said
        assert "--again-undone" not in said, said
    (button,) = [b for b in item.findChildren(QPushButton) if b.text() == AGAIN]
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes))
    button.click()
    _wait_for(dock)
    gc.collect()
    assert len(asked) == 1 and asked[0].startswith("Merge zhao-01.zip again, the changes of "
                                                   "merges this master undid included?"), asked
    assert rows(master, MINE) == [(3000.0,)]


def test_in_chinese_the_bar_counts_them_and_offers_the_button(request, master, tmp_path,
                                                               capsys, monkeypatch):
    """QGIS in Chinese: the bar counts the change kept out and carries the button, the
    report points to it in Chinese, not to the command line."""
    from tests.qgis.conftest import qgis_speaking

    first = _undone(capsys, master, tmp_path)
    with qgis_speaking("zh_CN", tmp_path / "qm"):
        dock, iface = merged_in_dock(request, monkeypatch, first)
    (item,) = [i for i in iface.bar_items if i.findChildren(QPushButton)]
    assert "1 项修改未纳入本次合并，因为此主库已撤销过它" in item.text(), item.text()
    assert [b.text() for b in item.findChildren(QPushButton)] == ["仍然合并它们…"]
    said = dock.report.toPlainText()
    assert f"来自 tab-zhao 的 {first.name}：已在此主库撤销：1 项修改" in said, said
    assert "如仍需要，请这样再次合并：同步面板中报告下方的“仍然合并它们…”" in said, said
    assert dock.again_button.isVisibleTo(dock) and dock.again_button.text() == "仍然合并它们…"
    assert "--again-undone" not in said, said


def test_the_dock_offers_them_under_the_report_until_merged(request, master, tmp_path, capsys,
                                                           monkeypatch):
    """The bar's item closed (or cut short), the dock's button under the report merges them
    after a yes, and is gone once they are merged; the report's sentence keeps the package's
    name as spelt."""
    first = _undone(capsys, master, tmp_path)
    dock, iface = merged_in_dock(request, monkeypatch, first)
    said = dock.report.toPlainText()
    assert f"{first.name} from tab-zhao: undone on this master" in said, said
    assert "Zhao-01.zip" not in said, said
    assert dock.again_button.isVisibleTo(dock) and dock.again_button.text() == AGAIN
    for item in list(iface.bar_items):  # (closed: the dock's button stays)
        iface.messageBar().popWidget(item)
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.Yes))
    dock.again_button.click()
    _wait_for(dock)
    gc.collect()
    assert rows(master, MINE) == [(3000.0,)]
    assert not dock.again_button.isVisibleTo(dock)


def test_a_new_merge_takes_the_dock_button_off(request, master, tmp_path, capsys,
                                               monkeypatch):
    first = _undone(capsys, master, tmp_path)
    dock, _ = merged_in_dock(request, monkeypatch, first)
    assert dock.again_button.isVisibleTo(dock)
    dock.run("Merging change packages", lambda progress: None, lambda _: None)
    assert not dock.again_button.isVisibleTo(dock)  # (of the merge before)
    _wait_for(dock)


def test_a_no_merges_nothing(request, master, tmp_path, capsys, monkeypatch):
    first = _undone(capsys, master, tmp_path)
    dock = request.getfixturevalue("dock")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.No))
    dock.merge_again_undone([str(first)])
    _wait_for(dock)
    gc.collect()
    assert rows(master, MINE) == []


def test_processing_merges_them_when_asked(processing, master, tmp_path,  # noqa: F811
                                           capsys):
    first = _undone(capsys, master, tmp_path)
    asked = {"MASTER": str(master), "PACKAGES": [str(first)]}
    got = processing.run("toksun:merge", asked)
    assert (got["APPLIED"], got["REFUSED"]) == (0, 1), got
    assert rows(master, MINE) == []
    got = processing.run("toksun:merge", {**asked, "AGAIN_UNDONE": True})
    assert got["APPLIED"] == 1, got
    assert rows(master, MINE) == [(3000.0,)]
