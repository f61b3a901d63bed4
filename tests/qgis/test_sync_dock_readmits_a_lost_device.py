# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge in the Sync dock refused for a device the master, restored from a backup made
before its checkout, lost: the message bar offers the way on, a button that registers the
device again from the field package the user picks, after a yes; the package refused merges
then. A No registers nothing."""

from __future__ import annotations

import gc
import shutil

from qgis.PyQt.QtWidgets import QFileDialog, QMessageBox, QPushButton

from tests.qgis.test_plugin import _wait_for
from tests.unit import test_device_checked_out_after_the_backup as after
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import rows
from tests.unit.test_master_restored_from_a_backup import season  # noqa: F401

DEVICES = "SELECT device FROM sync_devices ORDER BY device"


def _merged_refused(request, master, season, tmp_path, capsys, monkeypatch):  # noqa: F811
    """李娜's package, checked out after the backup, her changes merged into the master
    restored from it in the dock, as the user merges them (refused): (dock, li, iface)."""
    _, zhao, backup = season
    li = after._li_after_the_backup(capsys, tmp_path, master, zhao)
    shutil.copyfile(backup, master)  # the hard day
    assert cli(capsys, "export", li, tmp_path / "LI-ALL.zip", "--all")[0] == 0
    dock, iface = request.getfixturevalue("dock"), request.getfixturevalue("iface")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(tmp_path / "LI-ALL.zip")], "")))
    dock.add_packages()
    dock.merge_button.click()
    _wait_for(dock)
    gc.collect()
    return dock, li, iface


def _readmit_button(iface) -> QPushButton:
    (item,) = [i for i in iface.bar_items if i.title() == "Device not registered"]
    assert "tab-li" in item.text() and "restored from a backup" in item.text(), item.text()
    (button,) = [b for b in item.findChildren(QPushButton) if b.text() == "Readmit the device…"]
    return button


def test_the_bar_offers_the_readmit_and_the_package_merges_then(
        request, master, season, tmp_path, capsys, monkeypatch):  # noqa: F811
    dock, li, iface = _merged_refused(request, master, season, tmp_path, capsys, monkeypatch)
    assert rows(master, after.LI) == []
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: asked.append(a[1]) or (str(li), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes))
    heard = len(iface.messages)
    _readmit_button(iface).click()
    _wait_for(dock)
    gc.collect()
    assert asked[0] == "The field package of device tab-li", asked
    assert asked[1].startswith(f"Register device tab-li again in this master from {li}?"), asked
    (kind, title, text), = iface.messages[heard:]
    assert (kind, title) == ("info", "Device registered again"), iface.messages[heard:]
    assert text.startswith("Device 'tab-li' (technician) registered again in master.gpkg from "
                           "li.gpkg, with its key, checkout and base"), text
    assert text in dock.report.toPlainText()
    assert ("tab-li",) in rows(master, DEVICES)
    # the package refused stayed listed: merged again, it goes in
    dock.merge_button.click()
    _wait_for(dock)
    gc.collect()
    assert rows(master, after.LI) == [(2800.0,)]


def test_a_no_registers_nothing(request, master, season, tmp_path, capsys,  # noqa: F811
                               monkeypatch):
    dock, li, iface = _merged_refused(request, master, season, tmp_path, capsys, monkeypatch)
    before = rows(master, DEVICES)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(li), "")))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.No))
    _readmit_button(iface).click()
    _wait_for(dock)
    gc.collect()
    assert len(asked) == 1 and "tab-li" in asked[0], asked
    assert rows(master, DEVICES) == before


def test_the_offer_goes_once_the_readmit_is_done(
        request, master, season, tmp_path, capsys, monkeypatch):  # noqa: F811
    dock, li, iface = _merged_refused(request, master, season, tmp_path, capsys, monkeypatch)
    # merged again refused, the device is offered once: its offer is on the bar still
    dock.merge_button.click()
    _wait_for(dock)
    gc.collect()
    button = _readmit_button(iface)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(li), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.Yes))
    button.click()
    _wait_for(dock)
    gc.collect()
    assert ("tab-li",) in rows(master, DEVICES)
    assert not [i for i in iface.bar_items if i.title() == "Device not registered"]
    # registered already: said so, not "registered again"
    heard = len(iface.messages)
    dock.readmit_device("tab-li", str(li), confirm=False)
    _wait_for(dock)
    gc.collect()
    (kind, title, text), = iface.messages[heard:]
    assert (kind, title) == ("info", "Device already registered"), iface.messages[heard:]
    assert "registered in master.gpkg already" in text, text


def test_the_refusal_goes_too_once_the_readmit_is_done(
        request, master, season, tmp_path, capsys, monkeypatch):  # noqa: F811
    dock, li, iface = _merged_refused(request, master, season, tmp_path, capsys, monkeypatch)
    (refused,) = [i for i in iface.bar_items if i.title() == "Merge"]
    assert refused.text().startswith("Refused: LI-ALL.zip"), refused.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(li), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.Yes))
    _readmit_button(iface).click()
    _wait_for(dock)
    gc.collect()
    assert refused not in iface.bar_items, [i.text() for i in iface.bar_items]


def test_the_readmit_gives_the_docks_way_on_not_the_command_lines(
        request, master, season, tmp_path, capsys, monkeypatch):  # noqa: F811
    dock, li, iface = _merged_refused(request, master, season, tmp_path, capsys, monkeypatch)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(li), "")))
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.Yes))
    heard = len(iface.messages)
    _readmit_button(iface).click()
    _wait_for(dock)
    gc.collect()
    (_, _, text), = iface.messages[heard:]
    assert "field-kit" not in text, text
    assert "its change packages merge now (add them to “Change packages from the field” and " \
        "click “Merge into the master”; Processing's “Export a change package” with " \
        "“Everything since checkout” sends all its changes)" in text, text


def test_a_device_registered_already_is_said_so_without_a_question(
        request, master, season, tmp_path, capsys, monkeypatch):  # noqa: F811
    dock, li, iface = _merged_refused(request, master, season, tmp_path, capsys, monkeypatch)
    button = _readmit_button(iface)
    assert cli(capsys, "readmit", master, li)[0] == 0  # registered meanwhile, elsewhere
    before = rows(master, "SELECT * FROM sync_devices ORDER BY device")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(li), "")))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes))
    heard = len(iface.messages)
    button.click()
    _wait_for(dock)
    gc.collect()
    assert asked == []
    (kind, title, text), = iface.messages[heard:]
    assert (kind, title) == ("info", "Device already registered"), iface.messages[heard:]
    assert text == ("Device 'tab-li' is registered in master.gpkg already, with the key and "
                    "checkout of li.gpkg; nothing was changed: its change packages merge as "
                    "they are (add them to “Change packages from the field” and click “Merge "
                    "into the master”)."), text
    assert rows(master, "SELECT * FROM sync_devices ORDER BY device") == before
