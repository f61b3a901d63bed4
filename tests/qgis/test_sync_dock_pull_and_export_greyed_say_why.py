# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's Pull and Export were greyed with nothing in their tip where no field
package was chosen, where the file chosen was a master or could not be read, and Pull where
the field package itself was the file open. Each greyed button's tip says why (in the
language QGIS speaks); a package that may be pulled into and exported has none."""

from __future__ import annotations

import gc

import pytest
from qgis.core import QgsApplication

from field_kit.sync import package_checkout
from tests.qgis.conftest import plugin_speaking, triggered
from tests.qgis.test_sync_dock_says_a_master_is_no_field_package import _chosen
from tests.qgis.test_sync_dock_unread_package_offers_neither import SAID as UNREAD

NONE_CHOSEN = {"en": "Not offered until a field package is chosen (Choose…).",
               "zh": "尚未选择外业数据包，暂不提供：请先点击“选择…”选择一个。"}
THE_FILE = {"en": "Not offered for the file chosen: {reason}",
            "zh": "不对所选文件提供：{reason}"}
A_MASTER = {"en": "master.gpkg is a master, not a field package",
            "zh": "master.gpkg 是主库，不是外业数据包"}
ITSELF_OPEN = {"en": "Not offered while the field package itself is open: there is no master "
                     "here to pull from. Open its master and choose this package there.",
               "zh": "当前打开的即是外业数据包本身，不提供：此处没有可拉取的主库。请打开其主库，"
                     "在那里选择此数据包。"}


def _offered(sync) -> list[tuple[bool, str]]:
    gc.collect()
    QgsApplication.processEvents()
    return [(b.isEnabled(), b.toolTip()) for b in (sync.pull_button, sync.export_button)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pull_and_export_greyed_say_why(lang, iface, master, tmp_path, monkeypatch):
    pkg = tmp_path / "gis-1.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    broken = tmp_path / "tech-b.gpkg"
    broken.write_text("not a geopackage\n", encoding="utf-8")
    locale = "zh_CN" if lang == "zh" else "en"
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        triggered(plugin, "show_sync")
        sync = plugin.docks["sync"]
        assert _offered(sync) == [(False, NONE_CHOSEN[lang])] * 2
        _chosen(sync, monkeypatch, master)
        said = THE_FILE[lang].format(reason=A_MASTER[lang])
        assert _offered(sync) == [(False, said)] * 2
        _chosen(sync, monkeypatch, pkg)
        assert _offered(sync) == [(True, "")] * 2
        _chosen(sync, monkeypatch, broken)
        reason = sync.package_label.text().rsplit("\n", 1)[0]  # (what the panel says why)
        assert UNREAD[lang][0] in reason, reason
        assert _offered(sync) == [(False, THE_FILE[lang].format(reason=reason))] * 2
        assert plugin.load(pkg)  # the field package itself opened: Export alone offered
        QgsApplication.processEvents()
        assert plugin.docks["sync"] is sync
        assert _offered(sync) == [(False, ITSELF_OPEN[lang]), (True, "")]
