# SPDX-License-Identifier: GPL-2.0-or-later
"""What a draft holds typed in fields the role may no longer change (an update took their
grant away), and the photos added or taken off where photos may no longer be: it cannot
be saved, so the form names each field and shows the typed text and the photos' files,
selectable and copied with a button (the photos to a folder), for the technician to send
on; it goes only when the technician throws it away."""

from __future__ import annotations

import filecmp
import os
import shutil
from collections.abc import Callable, Sequence

from PyQt5.QtCore import Qt, pyqtSignal
from PyQt5.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import failures, i18n

STYLE = "color:#6b4500; background:#fff1c2; padding:4px; border-radius:3px"


def shown_value(value, lang: str) -> str:
    if isinstance(value, (list, tuple)):
        value = ", ".join("" if v is None else str(v) for v in value)
    return i18n.tr("stranded_empty", lang) if value in (None, "") else str(value)


class StrandedNote(QWidget):
    """``show_held([(label, value), …], photos, stored)``: the fields and what was typed in
    them, the files of the photos held, and the record's photos whose taking off is held
    (each its name and what reads its picture from the package); hidden while there is
    none. ``forget`` when the technician asks to throw it away."""

    forget = pyqtSignal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.held: list[tuple[str, str]] = []
        self.photos: list[str] = []
        self.stored: list[tuple[str, Callable[[], bytes | None]]] = []
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
        self.photos_button = QPushButton(i18n.tr("stranded_photos_copy", lang))
        self.photos_button.setObjectName("strandedPhotos")
        self.photos_button.clicked.connect(self.copy_photos)
        row.addWidget(self.copy_button)
        row.addWidget(self.photos_button)
        row.addWidget(self.forget_button)
        box.addLayout(row)
        self.copied = QLabel()  # what the photos' copy did, named
        self.copied.setObjectName("strandedCopied")
        self.copied.setWordWrap(True)
        self.copied.setTextFormat(Qt.PlainText)
        self.copied.hide()
        box.addWidget(self.copied)
        self.hide()

    def show_held(self, held: list[tuple[str, object]], photos: Sequence[str] = (),
                  stored: Sequence[tuple[str, Callable[[], bytes | None]]] = ()) -> None:
        self.held = [(label, shown_value(value, self.lang)) for label, value in held]
        self.photos, self.stored = list(photos), list(stored)
        self.photos_button.setVisible(bool(self.photos or self.stored))
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

    def copy_photos(self) -> None:
        """The photos' files, and the pictures of the record's photos held, copied to a
        folder the technician picks (a name there already taken by another file:
        numbered), said by name, and those whose file is gone or picture not stored."""
        folder = QFileDialog.getExistingDirectory(self, i18n.tr("stranded_photos_copy",
                                                                self.lang))
        if not folder:
            return
        done, missing, unstored = [], [], []
        try:
            for path in self.photos:
                if not os.path.isfile(path):
                    missing.append(os.path.basename(path))
                    continue
                done.append(os.path.basename(_copy_into(path, folder)))
            for name, read in self.stored:
                data = read()
                if data is None:
                    unstored.append(name)
                    continue
                done.append(os.path.basename(_write_into(name, data, folder)))
        except OSError as exc:  # (a full or write-protected stick: said, and what was done)
            failures.show(self, i18n.tr("stranded_photos_copy", self.lang),
                          failures.explain(exc, self.lang))
        sep = "、" if self.lang == i18n.ZH else ", "
        said = [i18n.tr("stranded_photos_copied", self.lang, names=sep.join(done),
                        folder=folder)] if done else []
        if missing:
            said.append(i18n.tr("stranded_photos_missing", self.lang, names=sep.join(missing)))
        if unstored:
            said.append(i18n.tr("stranded_photos_unstored", self.lang,
                                names=sep.join(unstored)))
        self.copied.setText("\n".join(said))
        self.copied.setVisible(bool(said))


def _copy_into(path: str, folder: str) -> str:
    """Copy ``path`` into ``folder`` under its own name (numbered where another file has
    it; the same file there already is left as it is); return the copy's path."""
    return _put_into(os.path.basename(path), folder,
                     lambda out: filecmp.cmp(path, out, shallow=False),
                     lambda out: shutil.copy2(path, out))


def _write_into(name: str, data: bytes, folder: str) -> str:
    """Write the picture ``data`` into ``folder`` as ``name``, as :func:`_copy_into` does."""
    def same(out: str) -> bool:
        if os.path.getsize(out) != len(data):
            return False
        with open(out, "rb") as fh:
            return fh.read() == data

    def write(out: str) -> None:
        with open(out, "xb") as fh:
            fh.write(data)

    return _put_into(name, folder, same, write)


def _put_into(name: str, folder: str, same: Callable[[str], bool],
              put: Callable[[str], object]) -> str:
    """The path in ``folder`` of ``name`` (numbered where another file has it), ``put``
    there unless the file there is the ``same``."""
    stem, ext = os.path.splitext(name)
    n = 0
    while True:
        out = os.path.join(folder, f"{stem}-{n}{ext}" if n else stem + ext)
        if not os.path.exists(out):
            put(out)
            return out
        if same(out):
            return out
        n += 1
