# SPDX-License-Identifier: GPL-2.0-or-later
"""A history asked for by what the user types: a patch code, a project id, a feature's name
or a row's uuid, a row deleted since too (no feature left to select), as ``field-kit
history`` takes them."""

from __future__ import annotations

from collections.abc import Callable

from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from field_kit.errors import SyncError
from field_kit.sync import asked_row

from ..core_messages import error_in_user_language, in_user_language
from ..i18n import tr
from .conflicts import MESSAGE_STYLE


class HistoryLookup(QDialog):
    """``open_history``, given a table and a row's uuid, opens its History dialog."""

    def __init__(self, master, open_history: Callable[[str, str], object], parent=None):
        super().__init__(parent)
        self.master = master
        self._open_history = open_history
        self.setWindowTitle(tr("History by code or uuid"))
        layout = QVBoxLayout(self)
        said = QLabel(tr("A patch code, project id, feature's name or uuid (a deleted "
                         "feature's too):"))
        said.setWordWrap(True)
        layout.addWidget(said)
        self.typed = QLineEdit()
        layout.addWidget(self.typed)
        # a code typed otherwise than the master holds it: how it was read, said
        self.read_as = QLabel()
        self.read_as.setWordWrap(True)
        self.read_as.setVisible(False)
        layout.addWidget(self.read_as)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(MESSAGE_STYLE)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.show_button = buttons.addButton(tr("Show its history"),
                                             QDialogButtonBox.AcceptRole)
        self.show_button.clicked.connect(lambda: self.show_history())
        self.typed.returnPressed.connect(lambda: self.show_history())
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.opened = None

    def show_history(self):
        """The history of the row typed opened; why not, said in the dialog."""
        self.problem.setVisible(False)
        self.read_as.setVisible(False)
        typed = self.typed.text().strip()
        if not typed:
            return None
        try:
            # (lower case, full-width digits or hyphen: the code the master holds)
            plain = asked_row.as_held(self.master, typed)
            if plain is not None:
                self.read_as.setText(in_user_language(asked_row.read_as(typed, plain)))
                self.read_as.setVisible(True)
            table, row = asked_row.row_asked(self.master, plain or typed)
            self.opened = self._open_history(table, row)
        except SyncError as e:
            self.problem.setText(error_in_user_language(e))
            self.problem.setVisible(True)
            return None
        return self.opened
