# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's export said what it did in the dock's report alone (it may sit below the
fold of a tall dock), where a checkout, a pull and an undo say it on QGIS's message bar too.
It says it there as well, titled as done, or as not done where there was nothing to export,
in the language QGIS speaks."""

from __future__ import annotations

import gc

from field_kit.sync import package_checkout
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.unit.gpkg_factory import edit

EXPORTED = {"en": ("Change package exported", "Exported 1 change to {out}."),
            "zh": ("修改包已导出", "已将 1 项修改导出到 {out}。")}
NOTHING = {"en": ("Change package not exported",
                  "Nothing to export: no local changes since the last export."),
           "zh": ("未导出修改包", "无可导出内容：上次导出后没有本地修改。")}


def _exported(sync, iface, out) -> list:
    heard = len(iface.messages)
    sync.export_package(str(out))
    _wait_for(sync)
    gc.collect()
    return iface.messages[heard:]


def test_an_export_done_is_said_on_the_bar(dock, iface, master, tmp_path):  # noqa: F811
    lang, sync = dock
    pkg = tmp_path / "gis-1.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    edit(pkg, "UPDATE restoration_projects SET name_en = 'one' WHERE fid = 1")
    sync.choose_package(str(pkg))
    out = tmp_path / "gis-1.zip"
    title, text = EXPORTED[lang]
    assert _exported(sync, iface, out) == [("info", title, text.format(out=out))]
    # (the work took a while, the user may have turned away: not gone after 5 s as info is)
    assert iface.bar_items[-1].duration() == 0
    # nothing since: said so, under what was not done
    assert _exported(sync, iface, tmp_path / "again.zip") == [("info", *NOTHING[lang])]
    assert not (tmp_path / "again.zip").exists()
