# SPDX-License-Identifier: GPL-2.0-or-later
"""What a draft holds typed in fields the role may no longer change (an update took their
grant away): it cannot be saved, so the form names each field and shows the typed text,
selectable and copied with a button, for the technician to send on; it goes only when the
technician throws it away."""

from __future__ import annotations

from PyQt5.QtCore import Qt, pyqtSignal
from PyQt5.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import i18n

STYLE = "color:#6b4500; background:#fff1c2; padding:4px; border-radius:3px"


def shown_value(value, lang: str) -> str:
    if isinstance(value, (list, tuple)):
        value = ", ".join("" if v is None else str(v) for v in value)
    return i18n.tr("stranded_empty", lang) if value in (None, "") else str(value)


class StrandedNote(QWidget):
    """``show_held([(label, value), …])``: the fields and what was typed in them; hidden
    while there is none. ``forget`` when the technician asks to throw it away."""

    forget = pyqtSignal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.held: list[tuple[str, str]] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel()
        self.note.setObjectName("stranded")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.PlainText)  # typed text is shown as typed, never as markup
        self.note.setStyleSheet(STYLE)
        self.note.setTextInteractionFlags(Qt.TextSelectableByMouse
                                          | Qt.TextSelectableByKeyboard)
        box.addWidget(self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        self.copy_button = QPushButton(i18n.tr("stranded_copy", lang))
        self.copy_button.setObjectName("strandedCopy")
        self.copy_button.clicked.connect(self.copy)
        self.forget_button = QPushButton(i18n.tr("stranded_forget", lang))
        self.forget_button.setObjectName("strandedForget")
        self.forget_button.clicked.connect(self.forget)
        row.addWidget(self.copy_button)
        row.addWidget(self.forget_button)
        box.addLayout(row)
        self.hide()

    def show_held(self, held: list[tuple[str, object]]) -> None:
        self.held = [(label, shown_value(value, self.lang)) for label, value in held]
        sep = "：" if self.lang == i18n.ZH else ": "
        self.note.setText("⚠ " + i18n.tr("stranded", self.lang, fields=self.fields()) + "\n"
                          + "\n".join(f"{label}{sep}{value}" for label, value in self.held))
        self.setVisible(bool(self.held))

    def fields(self) -> str:
        return ("、" if self.lang == i18n.ZH else ", ").join(label for label, _ in self.held)

    def text(self) -> str:
        """What Copy puts on the clipboard: one field's text as typed; several, named."""
        if len(self.held) == 1:
            return self.held[0][1]
        sep = "：" if self.lang == i18n.ZH else ": "
        return "\n".join(f"{label}{sep}{value}" for label, value in self.held)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text())
