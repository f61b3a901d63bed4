# SPDX-License-Identifier: GPL-2.0-or-later
"""``python -m tests.app.kill_in_save PACKAGE PATCH package|rescue``: a new record typed and
saved, the process killed (SIGKILL, like a flat battery) the moment its draft is being
removed: from the package (``package``), or from the rescue file it was kept in when the
package could not take it (``rescue``)."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PyQt5.QtWidgets import QApplication  # noqa: E402

from field_kit.app import form_widget  # noqa: E402
from field_kit.app.form_widget import FormWidget  # noqa: E402

VALUES = (("patch_class", "10", None), ("patch_subclass", "11", None),
          ("damage_type", "压占", None), ("patch_feature", "3", None),
          ("remediation_status", "A", None), ("restoration_method", "1", None),
          ("measured_area_m2", "2.5", "公顷"), ("verifier", "Ayxam", None),
          ("notes", "killed while saving", None))


def die(*_a, **_k):
    os.kill(os.getpid(), signal.SIGKILL)


def main(package: str, patch: str, where: str) -> None:
    app = QApplication([])
    if where == "rescue":  # the package's disk is full: drafts go to a rescue file
        def full(*_a, **_k):
            raise sqlite3.OperationalError("database or disk is full")
        form_widget.drafts.save_draft = full
    fw = FormWidget(package, "patch_verification", patch, language="en")
    for col, value, unit in VALUES:
        fw.set_value(col, value, unit)
    fw.position.fill(fw.ctx.subject["centre_lon"], fw.ctx.subject["centre_lat"], 5.0)
    if where == "rescue":
        form_widget.drafts.forget_rescue = die
    else:
        form_widget.drafts.discard_draft = die
    print("saving", flush=True)
    fw.save()
    print("not killed", flush=True)
    del app


if __name__ == "__main__":
    main(*sys.argv[1:4])
