# SPDX-License-Identifier: GPL-2.0-or-later
"""A screenshot of the main window at 1366×768 (a small laptop), a patch selected, mid-form,
walking towards it: ``out/field_app.png`` (Chinese) and ``out/field_app_en.png``."""

from __future__ import annotations

from pathlib import Path

import pytest

from field_kit.app import gnss, i18n
from field_kit.app.main_window import MainWindow
from field_kit.app.patch_list import PATCH

OUT = Path(__file__).resolve().parents[2] / "out"


@pytest.mark.parametrize("lang, name", [(i18n.ZH, "field_app.png"), (i18n.EN, "field_app_en.png")])
def test_screenshot(qtbot, package, patch, lang, name):
    i18n.set_language(lang)
    win = MainWindow(package, lang)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.select(PATCH, patch[0])
    for i in range(6):  # walking in from the south-west
        win.on_fix(gnss.Fix(patch[1] - 0.008 + i * 0.0004, patch[2] - 0.006 + i * 0.0003, 1,
                            0.9, 4.5, 9, time=f"2025-06-01T03:00:0{i}Z"))
    for col, value in (("patch_class", "10"), ("patch_subclass", "11"), ("damage_type", "挖损"),
                       ("remediation_status", "B")):
        win.form.set_value(col, value)
    qtbot.wait(50)
    OUT.mkdir(exist_ok=True)
    pix = win.grab()
    assert (pix.width(), pix.height()) == (1366, 768)
    assert pix.save(str(OUT / name))
    win.close()
