# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's pull report, after the master undid a merge of the package's edits,
names the values the master holds no more (one that merge had applied, one it had kept
aside in a conflict) as the command line does: it said neither."""

from __future__ import annotations

import gc

import pytest

from qgis_plugin.plugin import ToksunPlugin
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import _pulled_report
from tests.unit.test_pull_after_undo_of_values_kept_aside import kept_aside_then_undone


@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_the_pull_report_names_the_values_a_merge_undone_had_applied_or_kept_aside(
        iface, master, tmp_path, locale):
    mine = tmp_path / "tab-2.gpkg"
    kept_aside_then_undone(master, mine, tmp_path / "tab-1.gpkg", tmp_path)
    with qgis_speaking(locale, tmp_path / "qm"):
        p = ToksunPlugin(iface)
        p.initGui()
        try:
            p.load(master)
            gc.collect()
            said = _pulled_report(p, mine)
        finally:
            iface.mapCanvas().waitWhileRendering()
            p.unload()
    if locale == "en_US":
        assert "1 value this device sent is the master's again: the master undid the " \
            "merge that applied it (undo-merge):\n· " in said, said
        assert "1 value this device sent is the master's here: the master undid the " \
            "merge that kept it aside in its conflicts (undo-merge) and holds it nowhere " \
            "now; edit it again to send it again:\n· " in said, said
        assert " · Verifier: 王五 → 李四" in said and " · Notes: t2 second → t1" in said, said
    else:
        assert "本机已发送的 1 个值已恢复为主库的值：主库撤销了应用它们的合并（undo-merge）：\n· " \
            in said, said
        assert "本机已发送的 1 个值在本机已改为主库的值：主库撤销了将它们作为冲突搁置的合并" \
            in said, said
        assert "value this device sent" not in said, said
