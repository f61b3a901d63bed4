# SPDX-License-Identifier: GPL-2.0-or-later
"""The photo strip of a form: thumbnails of the saved photos and of those waiting for the
record's save, with what each photo's EXIF says (position, time, heading)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PyQt5.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, pyqtSignal, pyqtSlot
from PyQt5.QtGui import QColor, QIcon, QImage, QImageReader, QPainter, QPixmap
from PyQt5.QtWidgets import (
    QFileDialog,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..file_filters import any_case
from ..forms import PhotoError, exif, photo_size
from . import i18n
from .editors import ButtonRow

THUMB = 112
_KEY = Qt.UserRole


def thumbnail(data: bytes | None, name: str = "") -> QPixmap:
    pix = QPixmap()
    if data and pix.loadFromData(data):
        return pix.scaled(THUMB, THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    pix = QPixmap(THUMB, THUMB)  # a photo Qt cannot decode (HEIC) still shows as a tile
    pix.fill(QColor("#444"))
    p = QPainter(pix)
    p.setPen(QColor("white"))
    p.drawText(pix.rect().adjusted(4, 4, -4, -4), Qt.AlignCenter | Qt.TextWrapAnywhere, name)
    p.end()
    return pix


_PLACEHOLDER: list[QIcon] = []


def placeholder() -> QIcon:
    """The tile a photo shows while its thumbnail is being made (one for all: a record of
    hundreds of photos draws it once)."""
    if not _PLACEHOLDER:
        pix = QPixmap(THUMB, THUMB)
        pix.fill(QColor("#999"))
        p = QPainter(pix)
        p.setPen(QColor("white"))
        p.drawText(pix.rect(), Qt.AlignCenter, "…")
        p.end()
        _PLACEHOLDER.append(QIcon(pix))
    return _PLACEHOLDER[0]


def thumbnail_image(data: bytes | None) -> QImage | None:
    """A thumbnail of the picture ``data`` as a QImage (safe off the window's thread), or
    None when Qt cannot decode it. Decoded at about the thumbnail's size: a camera's
    picture decoded whole took a tenth of a second each."""
    if not data:
        return None
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.ReadOnly)
    reader = QImageReader(buf)
    reader.setDecideFormatFromContent(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > THUMB * 2:
        reader.setScaledSize(size.scaled(THUMB * 2, THUMB * 2, Qt.KeepAspectRatio))
    img = reader.read()
    if img.isNull():
        return None
    return img.scaled(THUMB, THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation)


def _pending_image(path: str) -> QImage | None:
    img = preview(path)
    return (None if img is None else
            img.scaled(THUMB, THUMB, Qt.KeepAspectRatio, Qt.SmoothTransformation))


class _Made(QObject):
    """Carries a thumbnail made off the window's thread back to the strip."""

    made = pyqtSignal(int, object, object)  # batch, item key, QImage or None


def is_heic(data: bytes) -> bool:
    return data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1")


def preview(path) -> QImage | None:
    """A thumbnail-sized decode of the file, or None when it does not decode as a JPEG or
    PNG picture (a text file or a PDF renamed .jpg). The file's content decides, not its
    name."""
    reader = QImageReader(str(path))
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)
    if not reader.canRead() or bytes(reader.format()) not in (b"jpeg", b"png"):
        return None
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > THUMB * 2:
        reader.setScaledSize(size.scaled(THUMB * 2, THUMB * 2, Qt.KeepAspectRatio))
    img = reader.read()
    return None if img.isNull() else img


def prepare(path, long_edge: int) -> tuple[str, bytes]:
    """(file name, bytes) to store: the file as it is, or, when its long edge is more than
    ``long_edge`` pixels, a smaller JPEG (:func:`shrink`). A file that is not the whole
    picture raises PhotoError: made smaller, it would look whole."""
    p = Path(path)
    data = p.read_bytes()
    if not photo_size.whole(data):
        raise PhotoError(p.name, cut_short=True)
    return shrink(data, long_edge, p.name)


def shrink(data: bytes, long_edge: int, name: str) -> tuple[str, bytes]:
    """(file name, bytes) to store for the picture ``data`` named ``name``: as it is, or,
    when its long edge is more than ``long_edge`` pixels, a JPEG that size carrying the
    original's EXIF segment (position, time, heading, orientation: the pixels are not
    turned, so viewers turn them as before) and, in a comment, the original's SHA-256 and
    size. The QField path stores its photos with this too."""
    if is_heic(data):
        return name, data  # kept as it is: Qt does not decode it here
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.ReadOnly)
    reader = QImageReader(buf)
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(False)
    size = reader.size()
    if not size.isValid() or max(size.width(), size.height()) <= long_edge:
        return name, data
    reader.setScaledSize(size.scaled(long_edge, long_edge, Qt.KeepAspectRatio))
    img = reader.read()
    if img.isNull():
        return name, data
    out = QByteArray()
    w = QBuffer(out)
    w.open(QIODevice.WriteOnly)
    img.save(w, "JPEG", 88)
    small = photo_size.with_original_noted(bytes(out), data, (size.width(), size.height()),
                                           name)
    return f"{Path(name).stem}.jpg", small


original_sha256 = photo_size.original_sha256


def describe(info: exif.PhotoInfo, lang: str) -> str:
    parts = []
    if info.lon is not None and info.lat is not None:
        parts.append(f"{info.lat:.6f}, {info.lon:.6f}")
    if info.taken_at:
        parts.append(info.taken_at.replace("T", " "))
    if info.heading is not None:
        parts.append(f"{info.heading:.0f}° {i18n.cardinal(info.heading, lang)}")
    return "\n".join(parts)


class PhotoStrip(QWidget):
    """``changed`` after photos are added or removed; ``remove_saved`` asks the owner to
    detach a saved photo (by its uuid) from the record."""

    changed = pyqtSignal()
    picked = pyqtSignal(list)  # files chosen in the dialog; the owner adds them
    refused = pyqtSignal(list)  # files that are not pictures
    cut_short = pyqtSignal(list)  # files that are not the whole picture (a copy stopped)
    missing = pyqtSignal(list)  # files no longer where they were (a card taken out)
    same = pyqtSignal(list)  # (file, the photo of the record holding its picture) not added
    remove_saved = pyqtSignal(str)

    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.pending: list[str] = []
        self.gone: list[str] = []  # queued once, no longer where they were: kept in the draft
        self.infos: dict[str, exif.PhotoInfo] = {}
        self.pictures: dict[str, str] = {}  # pending file -> its picture's sha256
        self.saved_pictures: dict[str, str] = {}  # a saved photo's original sha256 -> name
        self.list = QListWidget()
        self.list.setViewMode(QListView.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setFlow(QListView.LeftToRight)
        self.list.setWrapping(False)
        self.list.setFixedHeight(THUMB + 48)
        self.list.setMovement(QListView.Static)
        add = QPushButton("✚ " + i18n.tr("add_photo", lang))
        add.clicked.connect(self._pick)
        self.remove = QPushButton(i18n.tr("remove_photo", lang))
        self.remove.clicked.connect(self._remove)
        buttons = ButtonRow()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.list)
        box.addLayout(buttons)
        # thumbnails are made off the window's thread, each shown as it is ready; a batch
        # of a list shown again, or of a strip closed, is dropped
        self._batch = [0]
        self._closed = threading.Event()
        self._waiting: dict[tuple, tuple[QListWidgetItem, str]] = {}
        self._relay = _Made()  # not the strip's child: a late thumbnail goes nowhere
        self._relay.made.connect(self._made)  # type: ignore[arg-type]  # a slot
        self.destroyed.connect(self._closed.set)

    def making(self) -> int:
        """How many thumbnails are still being made."""
        return len(self._waiting)

    def _make(self, jobs: list) -> None:
        """Make the thumbnails of ``jobs`` ((key, work) pairs) on a thread of their own."""
        if not jobs:
            return
        batch, now, closed, relay = self._batch[0], self._batch, self._closed, self._relay

        def run() -> None:
            for key, work in jobs:
                if closed.is_set() or now[0] != batch:
                    return
                try:
                    img = work()
                except Exception:  # noqa: BLE001 - shown as a tile naming the photo
                    img = None
                relay.made.emit(batch, key, img)

        threading.Thread(target=run, daemon=True).start()

    @pyqtSlot(int, object, object)
    def _made(self, batch: int, key: tuple, img) -> None:
        if batch != self._batch[0] or key not in self._waiting:
            return
        item, name = self._waiting.pop(key)
        item.setIcon(QIcon(QPixmap.fromImage(img) if img is not None else thumbnail(None, name)))

    def set_saved(self, photos: list[tuple[dict, bytes | None]]) -> None:
        """Show the record's saved photos (rows of ``forms.list_photos`` with their bytes)
        followed by the pending ones."""
        self.list.clear()
        self._waiting.clear()
        self._batch[0] += 1
        # (a picture stored smaller keeps its original's digest: the file it was made from)
        self.saved_pictures = {(data and photo_size.original_sha256(data)) or row["sha256"]:
                               row.get("file_name") or "" for row, data in photos}
        jobs = []
        for row, data in photos:
            info = exif.PhotoInfo(row.get("taken_at"), row.get("lon"), row.get("lat"),
                                  row.get("heading"))
            key = ("saved", row["uuid"])
            self._item(row.get("file_name") or "", describe(info, self.lang), key)
            jobs.append((key, lambda data=data: thumbnail_image(data)))
        self._make(jobs + [self._show_pending(path) for path in self.pending])

    def _item(self, name: str, tip: str, key: tuple) -> None:
        item = QListWidgetItem(placeholder(), name[:14])
        item.setToolTip(f"{name}\n{tip}".strip())
        item.setData(_KEY, key)
        self.list.addItem(item)
        self._waiting[key] = (item, name)

    def _show_pending(self, path: str) -> tuple:
        """The pending photo's tile; returns the job making its thumbnail."""
        tip = describe(self.infos.get(path) or exif.PhotoInfo(), self.lang)
        key = ("pending", path)
        self._item(Path(path).name, f"({i18n.tr('photo_pending', self.lang)})\n{tip}", key)
        return key, lambda: _pending_image(path)

    def add_files(self, paths) -> list[exif.PhotoInfo]:
        """Queue photos for the record's save; return what their EXIF says. A file holding
        the picture of a photo the record has, saved or queued, is not queued again (the
        record would keep one photo of it): said by ``same``."""
        out, refused, missing, same, cut = [], [], [], [], []
        jobs = []
        for path in map(str, paths):
            if path in self.pending:
                continue
            if not os.path.exists(path):
                missing.append(path)
                continue
            try:
                info = exif.read_exif(path)
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError:
                refused.append(path)
                continue
            whole = photo_size.whole(data)
            # (said before Qt decodes it: it would fill the rest grey, libjpeg say so on stderr)
            if not whole and photo_size.image_size(data):
                cut.append(path)
                continue
            if not is_heic(data) and preview(path) is None:
                refused.append(path)
                continue
            if not whole:
                cut.append(path)
                continue
            picture = photo_size.file_sha256(path)
            held = {**self.saved_pictures, **{self.pictures[p]: os.path.basename(p)
                                              for p in self.pending}}
            if picture in held:
                same.append((path, held[picture]))
                continue
            self.pictures[path] = picture
            self.pending.append(path)
            self.infos[path] = info
            jobs.append(self._show_pending(path))
            out.append(info)
        self._make(jobs)
        if out:
            self.changed.emit()
        self.gone += [p for p in missing if p not in self.gone]
        if refused:
            self.refused.emit(refused)
        if cut:
            self.cut_short.emit(cut)
        if missing:
            self.missing.emit(missing)
        if same:
            self.same.emit(same)
        return out

    def follow_files(self) -> tuple[list[str], list[str]]:
        """Follow the files of the photos queued: one no longer where it was leaves the
        queue for ``gone`` (said by ``missing``), one of ``gone`` back where it was is
        queued again, checked as when it was added. Returns (gone now, queued again)."""
        went = [p for p in self.pending if not os.path.exists(p)]
        back = [p for p in self.gone if os.path.exists(p)]
        if not went and not back:
            return [], []
        for path in went:
            self.pending.remove(path)
            self.pictures.pop(path, None)
            self._waiting.pop(("pending", path), None)
            for i in reversed(range(self.list.count())):
                if self.list.item(i).data(_KEY) == ("pending", path):
                    self.list.takeItem(i)
        self.gone = [p for p in self.gone if p not in back] + went
        self.add_files(back)  # (queued again, or said as when added)
        if went:
            self.changed.emit()
            self.missing.emit(went)
        return went, [p for p in back if p in self.pending]

    def _pick(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, i18n.tr("add_photo", self.lang), "",
                                                any_case(i18n.tr("photo_files", self.lang)))
        if paths:
            self.picked.emit(paths)

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            kind, key = item.data(_KEY)
            if kind == "pending":
                self.pending.remove(key)
                self._waiting.pop((kind, key), None)
                self.list.takeItem(self.list.row(item))
                self.changed.emit()
            else:
                self.remove_saved.emit(key)
