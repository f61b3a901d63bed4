# SPDX-License-Identifier: GPL-2.0-or-later
"""A pull the core refuses is titled in the Sync dock's report and on the message bar by
what did not happen, in English and in Chinese: it was titled with the work in progress
(“Pulling the master into a field package”, 正在将主库更新拉取到外业数据包), as if the pull
were still running."""

from __future__ import annotations

import gc

from field_kit.sync import package_checkout
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.unit.gpkg_factory import make_gpkg

NOT_PULLED = {"en": "Master not pulled into the field package",
              "zh": "未将主库更新拉取到外业数据包"}
COLON = {"en": ": ", "zh": "："}


def test_a_refused_pull_says_the_master_was_not_pulled(dock, tmp_path):  # noqa: F811
    lang, dock = dock
    other = make_gpkg(tmp_path / "other.gpkg", patches=5, verifications=2)
    pkg = tmp_path / "tab.gpkg"  # a package of another project's master
    package_checkout.checkout(other, pkg, "tab-1")
    dock.choose_package(str(pkg))
    heard = len(dock.iface.messages)
    dock.pull_button.click()
    _wait_for(dock)
    gc.collect()
    said = dock.report.toPlainText()
    assert said.startswith(NOT_PULLED[lang] + COLON[lang]), said
    (kind, title, text), = dock.iface.messages[heard:]
    assert (kind, title) == ("critical", NOT_PULLED[lang]), dock.iface.messages[heard:]
