# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's export showed a Cancel it did not heed: pressed while the change package
was being written, the export ran on to the end. It now stops there as Processing's export
does: no change package, not even its unfinished file, said in the user's language to be
cancelled with nothing written; the changes wait, and the export run again carries them."""

from __future__ import annotations

import gc
import os
import threading
import zipfile

from qgis.core import QgsApplication

from field_kit.db import PART
from field_kit.sync import package_export
from tests.qgis.test_plugin import _wait_for
from tests.qgis.test_processing_export_cancelled_as_it_writes import (
    PHOTOS,
    _project_with_photos,
)
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401

CANCELLED = {"en": "cancelled by the user; nothing was written: no change package, the "
                   "changes wait for the next export",
             "zh": "已由用户取消；未写入任何内容：没有生成修改包，这些修改留待下次导出"}


def _cancel_as_it_writes(sync, out, monkeypatch) -> None:
    """The dock's Cancel pressed once a picture goes into the change package ``out``: the
    export held there until the button is clicked (in the GUI, as the user clicks it)."""
    writing, pressed = threading.Event(), threading.Event()
    taken = package_export._attachment

    def attachment(*args):
        if os.path.exists(f"{out}{PART}") and not writing.is_set():
            writing.set()
            pressed.wait(30)
        return taken(*args)
    monkeypatch.setattr(package_export, "_attachment", attachment)
    sync.export_package(str(out))
    for _ in range(3000):  # (30 s at most: an export that never writes fails here)
        if writing.wait(0.01):
            break
        QgsApplication.processEvents()
    assert writing.is_set(), sync.report.toPlainText()
    sync.cancel_button.click()
    pressed.set()
    _wait_for(sync)
    monkeypatch.setattr(package_export, "_attachment", taken)


def test_the_docks_export_cancelled_as_it_writes_writes_nothing(dock, iface, master,  # noqa: F811
                                                                tmp_path, monkeypatch):
    lang, sync = dock
    pkg = _project_with_photos(master, tmp_path)
    out = tmp_path / "phone1-changes.zip"
    sync.choose_package(str(pkg))
    heard = len(iface.messages)
    _cancel_as_it_writes(sync, out, monkeypatch)
    assert CANCELLED[lang] in sync.report.toPlainText(), sync.report.toPlainText()
    (kind, _, said), = iface.messages[heard:]
    assert kind == "info" and CANCELLED[lang] in said, said  # (asked for: no error)
    assert not out.exists() and not os.path.exists(f"{out}{PART}")
    assert not [n for n in os.listdir(tmp_path) if n.startswith(out.name)], os.listdir(tmp_path)
    gc.collect()
    # exported again, not cancelled: every change is in it, every photo
    sync.export_package(str(out))
    _wait_for(sync)
    with zipfile.ZipFile(out) as z:
        assert sum(n.startswith("attachments/") for n in z.namelist()) == PHOTOS
    exported = {"en": f"Exported {3 * PHOTOS} changes to {out}.",
                "zh": f"已将 {3 * PHOTOS} 项修改导出到 {out}。"}[lang]
    assert exported in sync.report.toPlainText(), sync.report.toPlainText()
