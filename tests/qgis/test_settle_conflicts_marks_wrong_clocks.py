# SPDX-License-Identifier: GPL-2.0-or-later
"""Settle conflicts marks, in its "When" column, a conflict a side of which its device dated
ahead of the merge that brought it (or of now), as `field-kit conflicts` does: an icon, a
colour, and a tooltip saying which side and that its time is no guide to the later edit, in
the user's language."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from field_kit import errors
from field_kit.sync.changelog import local_time
from tests.qgis.conftest import qgis_speaking
from tests.unit.gpkg_factory import edit, make_gpkg
from tests.unit.test_cli import fk
from tests.unit.test_merge_says_wrong_clocks import dated

AHEAD = "2031-06-01T10:00:00.000Z"
MERGED_SAID = {
    "en_US": ("Clock ahead: “Ours (master now)” was dated {at} by tab-a, more than 60 min after "
              "it was merged (", "): that device's clock was wrong, so this time does not make "
              "it the later edit"),
    "zh_CN": ("时钟偏快：“主库现值”由 tab-a 记为 {at}，比其合并时间（",
              "）晚 60 分钟以上：该设备的时钟有误，这一时间不能说明它是较晚的修改"),
}


def two_devices_one_ahead(tmp_path, ahead: bool = True):
    """tab-a and tab-b change one note; tab-a's clock years ahead (``ahead``): merged, one
    conflict, tab-a's value held by its time. The master."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    for device in ("tab-a", "tab-b"):
        pkg = tmp_path / f"{device}.gpkg"
        assert fk("checkout", master, pkg, "--device", device, "--role", "gis") == errors.OK
        edit(pkg, "UPDATE patch_verifications SET notes = ?", device)
        if ahead and device == "tab-a":
            dated(pkg, "2031-06-01 10:00:00")
        assert fk("export", pkg, tmp_path / f"{device}.zip") == errors.OK
    assert fk("merge", master, tmp_path / "tab-a.zip", tmp_path / "tab-b.zip") == \
        errors.CONFLICTS
    return master


def when_cell(iface, path):
    """Settle conflicts opened on ``path``, and its one conflict's "When" cell."""
    from qgis_plugin.dialogs.conflicts import ConflictsDialog

    dialog = ConflictsDialog(iface, path)
    dialog.show()
    QgsApplication.processEvents()
    assert dialog.table.rowCount() == 1
    return dialog, dialog.table.item(0, dialog.COLUMNS.index("at"))


@pytest.mark.parametrize("locale", sorted(MERGED_SAID))
def test_a_side_dated_after_its_merge_is_marked(iface, tmp_path, locale):
    master = two_devices_one_ahead(tmp_path)
    head, tail = MERGED_SAID[locale]
    with qgis_speaking(locale, tmp_path / "qm"):
        dialog, cell = when_cell(iface, master)
        try:
            assert [dialog.table.item(0, j).text() for j in (5, 6)] == ["tab-a", "tab-b"]
            assert not cell.icon().isNull()
            assert cell.foreground().color().name() == "#b00020"
            lines = cell.toolTip().splitlines()
            # whose each side is first, as before; then the side dated ahead (tab-b's is right)
            assert len(lines) == 2, lines
            assert lines[1].startswith(head.format(at=local_time(AHEAD))), lines
            assert lines[1].endswith(tail), lines
        finally:
            dialog.close()


def test_a_packages_own_edit_dated_after_now_is_marked(iface, tmp_path):
    """A field package's conflict met at a pull: its own edit dated ahead of now."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    pkg = tmp_path / "tab.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab") == errors.OK
    edit(pkg, "UPDATE patch_verifications SET notes = 'mine'")
    dated(pkg, "2031-06-01 10:00:00")
    edit(master, "UPDATE patch_verifications SET notes = 'gis note'")
    assert fk("pull", pkg, master) == errors.CONFLICTS
    with qgis_speaking("en_US", tmp_path / "qm"):
        dialog, cell = when_cell(iface, pkg)
        try:
            assert not cell.icon().isNull()
            lines = cell.toolTip().splitlines()
            assert len(lines) == 2, lines
            assert lines[1].startswith(
                f"Clock ahead: “Ours (this package now)” was dated {local_time(AHEAD)} by tab, "
                "more than 60 min after now ("), lines
        finally:
            dialog.close()


def test_right_clocks_mark_nothing(iface, tmp_path):
    master = two_devices_one_ahead(tmp_path, ahead=False)
    with qgis_speaking("en_US", tmp_path / "qm"):
        dialog, cell = when_cell(iface, master)
        try:
            assert cell.icon().isNull()
            assert "Clock ahead" not in cell.toolTip()
            assert len(cell.toolTip().splitlines()) == 1
        finally:
            dialog.close()
