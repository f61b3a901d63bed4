# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's pull says which changes this device exported that the master has not
merged, in its report and on the message bar, as the command line and Processing's pull do
(a change package not merged yet, or the master restored from a backup): in the user's
language."""

from __future__ import annotations

import gc

import pytest

from field_kit.sync import package_checkout, package_export
from tests.qgis.conftest import plugin_speaking
from tests.qgis.test_plugin import _pulled_report
from tests.unit.test_master_restored_from_a_backup import _verify

SAID = {
    "en_US": "the master has merged this device's changes up to seq 0: it lacks 1 change "
             "this device exported (seq 1-1): a change package not merged yet, or one lost "
             "with the master (restored from a backup, or another copy); unless one waits to "
             "be merged, send them again with export --all",
    "zh_CN": "主库合并本设备的修改只到序号 0：它缺少本设备已导出的 1 项修改（序号 1-1）",
}


@pytest.mark.parametrize("locale", sorted(SAID))
def test_the_sync_docks_pull_names_the_exports_the_master_has_not_merged(iface, master,
                                                                         tmp_path, locale):
    zhao = tmp_path / "zhao.gpkg"
    package_checkout.checkout(master, zhao, "tab-zhao", township="伊拉湖镇")
    _verify(zhao, 3000, "2026-05-20")
    package_export.export(zhao, tmp_path / "zhao-01.zip")  # sent, not merged yet
    gc.collect()
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        report = _pulled_report(plugin, zhao)
        assert SAID[locale] in report, report
        bar = [m for m in iface.messages if SAID[locale] in str(m)]
        assert bar and bar[-1][0] == "warning", iface.messages
