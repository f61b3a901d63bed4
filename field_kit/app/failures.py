# SPDX-License-Identifier: GPL-2.0-or-later
"""What went wrong, in the technician's language, with what to do next; and the safety
net: an error nobody expected is shown and the window stays open (PyQt5 otherwise aborts
the whole app on an exception in a slot, and the technician sees it vanish)."""

from __future__ import annotations

import errno
import getpass
import sqlite3
import sys
import traceback

from PyQt5.QtWidgets import QApplication, QMessageBox

from ..db import FileProblem
from ..errors import BadInput, Busy, CaptureBroken, Refused
from ..forms import PhotoError
from . import i18n
from .sync_actions import NotAPackage

SQLITE_READONLY = 8  # "attempt to write a readonly database", with its extended codes


class Told(Exception):
    """A failure already put in the technician's words (``message``), said as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def disk_full(exc: BaseException) -> bool:
    if isinstance(exc, FileProblem):  # (its text names a path, which may say "full")
        return exc.full
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return True
    return isinstance(exc, sqlite3.Error) and "full" in str(exc).lower()


def not_writable(exc: BaseException | None) -> bool:
    """A file or folder that may not be written: read-only (the file, its folder, a
    write-protected card or USB stick) or no permission. Never said as a wrong or damaged
    file: told so, a technician may check out again and lose what was not sent."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    if isinstance(exc, FileProblem):
        return exc.unwritable
    # SQLite's own error, on a connection that does not name its file (a caller's own)
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)  # (Python 3.11+)
        return code & 0xFF == SQLITE_READONLY if code is not None else \
            "readonly database" in str(exc)
    return False


def explain(exc: BaseException, lang: str | None = None) -> str:
    """A sentence for the technician: what happened and what to do. For an error nobody
    foresaw, the raw system text (often English) follows, for whoever helps them."""
    message = getattr(exc, "message", None)
    if disk_full(exc):
        text = i18n.tr("err_disk_full", lang)
        if isinstance(exc, FileProblem):  # (the file, and the room it needs where it says)
            return f"{text}\n\n({i18n.core(exc.message, lang)})"
    elif isinstance(exc, IsADirectoryError):
        text = i18n.tr("err_folder", lang, path=exc.filename or "")
    elif isinstance(exc, FileNotFoundError):
        text = i18n.tr("err_missing", lang, path=exc.filename or "")
    elif isinstance(exc, PermissionError):
        text = i18n.tr("err_permission", lang, path=exc.filename or "")
    elif not_writable(exc):  # the sync core's sentence names the file and what to do
        text = i18n.tr("err_read_only", lang)
        detail = i18n.core(message, lang) if message else getattr(exc, "filename", None)
        if detail:
            return f"{text}\n\n({detail})"
    elif isinstance(exc, sqlite3.Error) and "locked" in str(exc).lower():
        text = i18n.tr("err_busy", lang)
    elif isinstance(exc, PhotoError):
        return i18n.tr("photo_cut_short" if exc.cut_short else "not_a_photo", lang,
                       names=exc.name)
    elif isinstance(exc, OverflowError):
        text = i18n.tr("err_too_large", lang)
    elif isinstance(exc, Busy):
        text = i18n.tr("err_busy", lang)
    elif isinstance(exc, CaptureBroken):
        return f"{i18n.tr('err_capture', lang)}\n\n({i18n.core(message, lang)})"
    elif isinstance(exc, NotAPackage):  # what the file is, said first
        return i18n.core(message, lang)
    elif isinstance(exc, (BadInput, Refused)):
        # the sync core's sentence, led by what it means for the technician
        key = "err_bad_file" if isinstance(exc, BadInput) else "err_refused"
        return f"{i18n.tr(key, lang)}\n\n({i18n.core(message, lang)})"
    elif message:
        return message
    else:
        return f"{i18n.tr('err_unexpected', lang)}\n\n({type(exc).__name__}: {exc})"
    return text


def receiver_failed(exc: OSError, port: str, lang: str | None = None) -> str:
    """Why a receiver's port did not open, said of the receiver: a port that is not there,
    one this user may not open (on Linux, not in the dialout group), or another error of
    the port; never as a file on a USB stick."""
    if isinstance(exc, FileNotFoundError):
        return i18n.tr("receiver_missing", lang, port=port)
    if isinstance(exc, PermissionError):
        if sys.platform == "win32":  # (a COM port another program holds)
            return i18n.tr("receiver_in_use", lang, port=port)
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # (a user the system has no name for)
            user = "$USER"
        return i18n.tr("receiver_denied", lang, port=port, user=user)
    return i18n.tr("receiver_error", lang, port=port, error=exc.strerror or exc)


def show(parent, title: str, text: str) -> None:
    """Tell the technician (a modal box; tests replace this function)."""
    QMessageBox.critical(parent, title, text)


def ask(parent, title: str, text: str) -> bool:
    """A yes/no question, No by default (tests replace this function)."""
    return QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No,
                                QMessageBox.No) == QMessageBox.Yes


def choose(parent, title: str, text: str, go: str, stop: str) -> bool:
    """A question answered by two buttons named for what they do (``go``, ``stop``), in
    the technician's language; ``stop`` by default and on Esc (tests replace this)."""
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.NoButton, parent)
    yes = box.addButton(go, QMessageBox.AcceptRole)
    no = box.addButton(stop, QMessageBox.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec_()
    return box.clickedButton() is yes


def excepthook(kind, exc, tb) -> None:
    """Show an unexpected error and keep the app running."""
    traceback.print_exception(kind, exc, tb, file=sys.stderr)
    if isinstance(exc, KeyboardInterrupt):
        QApplication.quit()
        return
    parent = QApplication.activeWindow()
    try:
        show(parent, i18n.tr("failed"), explain(exc) + "\n\n" + i18n.tr("err_kept"))
    except Exception:  # noqa: BLE001 - the net itself must never fall
        traceback.print_exc()


def install() -> None:
    sys.excepthook = excepthook
