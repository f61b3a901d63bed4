# SPDX-License-Identifier: GPL-2.0-or-later
"""Open a PostgreSQL master…: why a connection's schemas were not read (its password
refused, and what to do) is read whole within the dialog, however many lines it wraps to,
the connection chosen before the dialog is shown or after; in Chinese, whose reason ran
under the OK and Cancel buttons of a dialog that kept its first height."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QRect
from qgis.PyQt.QtWidgets import QDialogButtonBox

from tests.qgis.test_postgres_failures import (  # noqa: F401 (fixtures)
    _click,
    connections,
    lang,
    li,
)
from tests.qgis.test_postgres_master_dialog_says_no_connection_whole import _whole
from tests.qgis.test_postgres_master_schemas_offered import read_then_cancel


def _seen(plugin, chosen: tuple[str, ...]) -> dict:
    """The dialog as the user sees it, the connections ``chosen`` one after the other once
    it is shown."""
    seen: dict = {}

    def look(dialog):
        for connection in chosen:
            dialog.connection.setCurrentText(connection)
            for _ in range(5):
                QgsApplication.processEvents()
        said = dialog.schemas_said
        seen["text"] = said.text() if said.isVisible() else ""
        seen["whole"] = _whole(said)
        shown = QRect(said.mapTo(dialog, said.rect().topLeft()), said.size())
        seen["within"] = dialog.rect().contains(shown)
        box = dialog.findChild(QDialogButtonBox)
        seen["above the buttons"] = shown.bottom() < box.mapTo(dialog, box.rect().topLeft()).y()
    read_then_cancel(look)
    _click(plugin, "open_postgres")
    return seen


@pytest.mark.parametrize("good, wrong, chosen", [
    ("a good one", "b wrong password", ("b wrong password",)),  # once it is shown
    ("b good one", "a wrong password", ()),  # as it opens with it
], ids=["chosen", "first"])
def test_why_the_schemas_were_not_read_is_whole_above_the_buttons(
        iface, plugin, lang, cluster, plan_database, connections, li,  # noqa: F811
        good, wrong, chosen):
    """The good connection's master offered, nothing said: the dialog at its least height;
    then the one whose password is refused."""
    db = plan_database.split("dbname=")[1].split()[0]
    connections(good, cluster, db)
    connections(wrong, cluster, db, "li", "wrong")
    seen = _seen(plugin, chosen)
    assert {"en": "password", "zh": "密码"}[lang] in seen["text"], seen
    assert {"en": "Data Source Manager", "zh": "数据源管理器"}[lang] in seen["text"], seen
    assert seen["whole"] and seen["within"] and seen["above the buttons"], seen
