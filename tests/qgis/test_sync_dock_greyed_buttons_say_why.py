# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's Checkout, Merge and Undo were greyed while other work of the dock ran with
nothing saying why. Each greyed button's tip names the work running (in the language QGIS
speaks), as Pull's and Export's do, and is taken off once the work is done."""

from __future__ import annotations

import gc

from qgis.core import QgsApplication

from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.qgis.test_sync_dock_pull_greyed_while_work_runs import (
    TIP,
    WORK,
    checkout_running,
    package_chosen,
)


def _offered(sync) -> list[tuple[bool, str]]:
    gc.collect()
    QgsApplication.processEvents()
    return [(b.isEnabled(), b.toolTip()) for b in (
        sync.checkout_button, sync.merge_button, sync.undo_button, sync.pull_button,
        sync.export_button)]


def test_each_button_greyed_while_a_checkout_runs_names_it(dock, master, tmp_path,  # noqa: F811
                                                           monkeypatch):
    lang, sync = dock
    package_chosen(sync, master, tmp_path)
    assert _offered(sync) == [(True, "")] * 5
    with checkout_running(sync, tmp_path, monkeypatch):
        assert _offered(sync) == [(False, TIP[lang].format(work=WORK[lang]))] * 5
    assert _offered(sync) == [(True, "")] * 5  # done: offered again, no tip left
