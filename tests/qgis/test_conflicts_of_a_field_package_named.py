# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts opened on a field package, whose conflicts a pull met: its "ours" is the
package's own value, its "theirs" the master's, in English and in Chinese (the heads read
"Ours (master now)" of a file that is no master), and whose each side is names the device
as holding "ours", not the master."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QPushButton

from field_kit import errors
from field_kit.sync import masters
from tests.qgis.conftest import qgis_speaking
from tests.unit.gpkg_factory import edit, make_gpkg
from tests.unit.test_cli import fk

SAID = {
    "en_US": (["Ours\n(this package now)", "Theirs\n(the master's value)"],
              ["Take Ours (this package now)", "Take Theirs (the master's value)",
               "Take the master's values for all of this pull",
               "Keep this package's values for all of this pull"]),
    "zh_CN": (["数据包现值", "主库的值"],
              ["采用数据包现值", "采用主库的值", "本次拉取的冲突全部采用主库的值",
               "本次拉取的冲突全部保留数据包现值"]),
}
# whose each side is, in the tooltip of its time: the device's own value, never the master's
WHOSE = {"en_US": ("this device, tab, holds the value tab gave at ", "the master holds"),
         "zh_CN": ("本机 tab 现为：tab 于 ", "主库现为")}


def _pulled_in_conflict(tmp_path):
    """A master and the field package tab, whose pull kept a conflict on a record's notes
    (the package's unsent "mine", the master's "gis note"): (master, package)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    pkg = tmp_path / "tab.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab") == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'mine'")  # not sent yet
    edit(master, "UPDATE patch_verifications SET notes = 'gis note'")
    assert fk("pull", pkg, master) == errors.CONFLICTS
    return master, pkg


@pytest.mark.parametrize("locale", sorted(SAID))
def test_a_field_packages_conflicts_name_the_package_and_the_master(iface, tmp_path, locale):
    from qgis_plugin.dialogs.conflicts import ConflictsDialog

    master, pkg = _pulled_in_conflict(tmp_path)
    heads, buttons = SAID[locale]
    with qgis_speaking(locale, tmp_path / "qm"):
        dialog = ConflictsDialog(iface, pkg)
        try:
            dialog.show()
            QgsApplication.processEvents()
            shown = [dialog.table.horizontalHeaderItem(j).text()
                     for j in range(dialog.table.columnCount())]
            assert shown[5:7] == heads, shown
            assert [dialog.table.item(0, j).text() for j in (5, 6)] == ["mine", "gis note"]
            whose, never = WHOSE[locale]
            tip = dialog.table.item(0, 8).toolTip()
            assert whose in tip and never not in tip, tip
            texts = [b.text() for b in dialog.findChildren(QPushButton)]
            assert all(b in texts for b in buttons), texts
        finally:
            dialog.close()


HOW = {"en_US": "A field package's conflicts are not settled in it: its next export sends "
                "this package's values to the master",
       "zh_CN": "外业数据包的冲突不在数据包中处理：它的下一次导出把本数据包的值发送到主库"}


@pytest.mark.parametrize("locale", sorted(HOW))
def test_a_field_packages_conflicts_say_how_they_are_settled_not_offer_dead_buttons(
        iface, tmp_path, locale):
    """Settling is the master's (a package's file is refused as one): the buttons that would
    settle the pull's conflicts in the package are not offered, each saying how they are
    settled, and the dialog says it under them; export, merge and pull then close them."""
    from qgis_plugin.dialogs.conflicts import ConflictsDialog

    master, pkg = _pulled_in_conflict(tmp_path)
    with qgis_speaking(locale, tmp_path / "qm"):
        dialog = ConflictsDialog(iface, pkg)
        try:
            dialog.show()
            QgsApplication.processEvents()
            dialog.table.selectRow(0)
            QgsApplication.processEvents()
            for b in (dialog.all_theirs, dialog.all_ours, *dialog.take_buttons.values()):
                assert not b.isEnabled(), b.text()
                assert HOW[locale] in b.toolTip(), (b.text(), b.toolTip())
            assert HOW[locale] in dialog.message.text(), dialog.message.text()
            dialog.all_ours.click()  # (disabled: nothing happens, nothing refused)
            QgsApplication.processEvents()
            assert "not a master" not in dialog.message.text()
            assert "不是主库" not in dialog.message.text()
        finally:
            dialog.close()
    # as said: the export, its merge and the pull after close the package's conflict
    assert fk("export", pkg, tmp_path / "tab.zip") == errors.OK
    fk("merge", master, tmp_path / "tab.zip")
    assert fk("pull", pkg, master) == errors.OK
    assert masters.conflicts(pkg) == []
