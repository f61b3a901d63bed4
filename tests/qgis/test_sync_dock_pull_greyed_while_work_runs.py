# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's Pull could be clicked while other work of the dock (a checkout, a merge,
an export) ran, a second piece of work started beside it. Pull and Export are greyed while
it runs, their tip naming it (in the language QGIS speaks), and offered again once it is
done; asked for all the same, a pull is refused on the message bar, naming the work."""

from __future__ import annotations

import contextlib
import gc
import threading

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QFileDialog

from field_kit.sync import masters, package_checkout
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401

WORK = {"en": "Creating the field package", "zh": "正在生成外业数据包"}
TIP = {"en": "Not offered while “{work}” is under way: one piece of work at a time.",
       "zh": "“{work}”尚未完成，暂不提供：一次只进行一项工作。"}
NOT_PULLED = {"en": "Master not pulled into the field package",
              "zh": "未将主库更新拉取到外业数据包"}
REFUSED = {"en": "“{work}” is under way in the Sync panel: one piece of work at a time; try "
                 "again once it is done.",
           "zh": "同步面板中的“{work}”尚未完成：一次只进行一项工作，请待其完成后再试。"}


def _offered(sync) -> list[tuple[bool, str]]:
    QgsApplication.processEvents()
    return [(b.isEnabled(), b.toolTip()) for b in (sync.pull_button, sync.export_button)]


def _checkout_held(sync, out, monkeypatch) -> threading.Event:
    """A checkout to ``out`` started in the dock as the user starts it, held once it runs
    until the event given back is set."""
    running, release = threading.Event(), threading.Event()
    checkout = masters.checkout

    def held(*args, **kwargs):
        running.set()
        release.wait(30)
        return checkout(*args, **kwargs)
    monkeypatch.setattr(masters, "checkout", held)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(out), "")))
    sync.device.setText(out.stem)
    sync.checkout_button.click()
    for _ in range(3000):  # (30 s at most)
        if running.wait(0.01):
            break
        QgsApplication.processEvents()
    assert running.is_set(), sync.report.toPlainText()
    return release


def package_chosen(sync, master, tmp_path) -> None:
    """A field package checked out of ``master`` chosen in the dock."""
    pkg = tmp_path / "gis-1.gpkg"
    package_checkout.checkout(master, pkg, "gis-1", role="gis")
    sync.choose_package(str(pkg))


@contextlib.contextmanager
def checkout_running(sync, tmp_path, monkeypatch):
    """A checkout started in the dock as the user starts it, held while the block runs,
    then let finish (and checked to have written its package)."""
    release = _checkout_held(sync, tmp_path / "tab-2.gpkg", monkeypatch)
    try:
        yield
    finally:
        release.set()
    _wait_for(sync)
    gc.collect()
    assert (tmp_path / "tab-2.gpkg").exists(), sync.report.toPlainText()


def test_pull_and_export_are_greyed_while_a_checkout_runs(dock, iface, master,  # noqa: F811
                                                          tmp_path, monkeypatch):
    lang, sync = dock
    package_chosen(sync, master, tmp_path)
    assert _offered(sync) == [(True, "")] * 2
    with checkout_running(sync, tmp_path, monkeypatch):
        tip = TIP[lang].format(work=WORK[lang])
        assert _offered(sync) == [(False, tip)] * 2
        running = sync.task
        heard = len(iface.messages)
        sync.pull_package()  # (asked for all the same: refused, naming the work)
        assert sync.task is running
        assert iface.messages[heard:] == [
            ("warning", NOT_PULLED[lang], REFUSED[lang].format(work=WORK[lang]))]
    assert _offered(sync) == [(True, "")] * 2  # done: offered again
