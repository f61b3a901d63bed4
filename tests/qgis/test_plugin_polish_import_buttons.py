# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog in a Chinese QGIS without Qt's own translations installed: its Close
and Help buttons say so in Chinese, each keeping its role (Close closes, Help asks for
help)."""

from __future__ import annotations

import os

from qgis.PyQt.QtWidgets import QDialogButtonBox

from tests.qgis.test_import_dialog_said import chinese_qgis, open_import  # noqa: F401


def test_close_and_help_are_named_in_chinese(open_import):  # noqa: F811 (a fixture)
    dialog = open_import()
    if os.environ.get("IMPORT_SHOT"):
        dialog.grab().save(os.environ["IMPORT_SHOT"])
    buttons = dialog.buttons
    for which, said, role in ((QDialogButtonBox.Close, "关闭", QDialogButtonBox.RejectRole),
                              (QDialogButtonBox.Help, "帮助", QDialogButtonBox.HelpRole)):
        button = buttons.button(which)
        assert button is not None and button.text() == said, button and button.text()
        assert buttons.buttonRole(button) == role
    closed: list = []
    dialog.rejected.connect(lambda: closed.append(True))
    buttons.button(QDialogButtonBox.Close).click()
    assert closed and not dialog.isVisible()
