# SPDX-License-Identifier: GPL-2.0-or-later
"""One editor per kind of form field (text, multiline, number, area, date, choice, position).

Each editor keeps what the user typed as text (``state``), so a draft brings back exactly
what was on the screen, and gives the form the values to check (``raw``): text as typed,
except an area typed in 亩 or 公顷, which is converted to the field's stored unit first.
"""

from __future__ import annotations

import math
import re
from datetime import date

from PyQt5.QtCore import QElapsedTimer, QPoint, QRect, QSize, Qt, pyqtSignal
from PyQt5.QtGui import QInputMethodEvent, QKeyEvent, QWheelEvent
from PyQt5.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QWidget,
)

from ..forms import CHOICE, DATE, DATE_WRITTEN, MULTILINE, POSITION, REAL, TARGETS, Code, Field
from ..forms.shown import code_text
from ..forms.validate import typed_number
from ..plan import units
from . import i18n


def fmt(value) -> str:
    """A stored value as text to edit: no float noise, no 'None'."""
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # (±Infinity a tool wrote) shown as it is, for the checks to name
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def parse_number(text: str) -> float | None:
    """What a person typed (full-width digits, thousands or decimal comma) as a number, or
    None when it is not one or is too large (the form's checks then say which)."""
    try:
        return typed_number(text)
    except ValueError:
        return None


class ButtonRow(QLayout):
    """Buttons side by side, those that do not fit on the next line: in a narrow form
    column (a 1024×600 screen's) each keeps its words whole and the form scrolls no
    sideways; a wide one shows them in one row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(6)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientations()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]  # (a hidden button takes no room)

    def sizeHint(self) -> QSize:
        hints = [i.sizeHint() for i in self._shown()]
        m = self.contentsMargins()
        return QSize(sum(h.width() for h in hints) + self.spacing() * max(len(hints) - 1, 0)
                     + m.left() + m.right(),
                     max((h.height() for h in hints), default=0) + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        m = self.contentsMargins()  # the widest button: the others go on lines of their own
        return QSize(max((i.minimumSize().width() for i in self._shown()), default=0)
                     + m.left() + m.right(),
                     max((i.minimumSize().height() for i in self._shown()), default=0)
                     + m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the buttons out in ``rect`` (when ``move``); the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._shown():
            size = item.sizeHint().boundedTo(QSize(area.width(), 1 << 20))
            if x > area.x() and x + size.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self.spacing(), 0
            if move:
                item.setGeometry(QRect(x, y, size.width(), size.height()))
            x += size.width() + self.spacing()
            line = max(line, size.height())
        return y + line - rect.y() + m.bottom()


def found_choice(texts: list[str], typed: str, current: int, again: bool) -> int | None:
    """The item that ``typed`` finds: the first whose text starts with it (a code), else the
    first with a word that does (a name: "exc" finds "挖损  Excavation"); ``again`` (the same
    key pressed anew) goes on to the next one found after ``current``."""
    typed = typed.casefold()
    starts = [i for i, t in enumerate(texts) if t and t.casefold().startswith(typed)]
    words = [i for i, t in enumerate(texts) if t and i not in starts and any(
        w.startswith(typed) for w in re.split(r"[\s/()（）、，,]+", t.casefold()))]
    found = starts + words
    if not found:
        return None
    if again and current in found:
        return found[(found.index(current) + 1) % len(found)]
    return found[0]


class Combo(QComboBox):
    """A combo box a scroll never changes: scrolling down a long form with the mouse wheel
    or a touchpad passed over drop-downs and silently picked other codes and units. The
    wheel scrolls the form instead; a value changes only by a click, a tap or a key.

    Keys typed find a choice by its code or a word of its name as shown (Qt found only what
    a choice's text starts with: none of the names, nothing at all where the codes are
    Chinese); what finds nothing is said beside it, never passed over in silence. Chinese
    typed with an input method (pinyin) comes as the words it commits, not as keys: they
    find a name the same way ("草" finds "04  草地")."""

    def __init__(self, parent=None, what: str = "", lang: str | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)  # not WheelFocus: a scroll does not focus it
        # (Qt turns the input method off on a closed drop-down: Chinese could not be typed)
        self.setAttribute(Qt.WA_InputMethodEnabled)
        self.what, self.lang = what, lang  # the field's name and language, in what is said
        self._typed = ""
        self._typed_at = QElapsedTimer()

    def wheelEvent(self, event: QWheelEvent) -> None:
        forward_wheel(self, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if (self.isEditable() or not text.isprintable() or not text.strip()
                or event.modifiers() & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)):
            self._typed = ""
            super().keyPressEvent(event)
            return
        self._find(text)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        text = event.commitString()
        if self.isEditable() or not text.strip():  # (the words being composed: not yet)
            super().inputMethodEvent(event)
            return
        event.accept()
        self._find(text.strip(), word=True)

    def _find(self, text: str, word: bool = False) -> None:
        """Choose what ``text``, typed, finds, or say beside the box that nothing has it;
        ``word``: words an input method committed, whole (not the next keys of a run)."""
        # keys typed in a quick run make one word, as everywhere in Qt
        fresh = (word or not self._typed or not self._typed_at.isValid()
                 or self._typed_at.elapsed() > QApplication.keyboardInputInterval())
        again = fresh and self._typed.casefold() == text.casefold()
        self._typed = text if fresh else self._typed + text
        if word:
            self._typed_at.invalidate()  # (a key typed next starts a run of its own)
        else:
            self._typed_at.start()
        texts = [self.itemText(i) for i in range(self.count())]
        i = found_choice(texts, self._typed, self.currentIndex(), again)
        if i is None:
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), i18n.tr(
                "choice_not_found", self.lang, what=self.what or "", typed=self._typed), self)
            return
        QToolTip.hideText()
        if i != self.currentIndex():
            self.setCurrentIndex(i)
            self.activated.emit(i)


class NumberBox(QDoubleSpinBox):
    """A number box a scroll never changes, as :class:`Combo`: the wheel scrolls the page
    around it; the number changes by typing, its arrows or the arrow keys."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)  # not WheelFocus: a scroll does not focus it

    def wheelEvent(self, event: QWheelEvent) -> None:
        forward_wheel(self, event)


def forward_wheel(widget: QWidget, event: QWheelEvent) -> None:
    """Give a wheel event to the scroll area around ``widget`` (or let it go up)."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        event.ignore()
        return
    bar = area.verticalScrollBar()
    copy = QWheelEvent(event.posF(), event.globalPosF(), event.pixelDelta(), event.angleDelta(),
                       event.buttons(), event.modifiers(), event.phase(), event.inverted(),
                       event.source())
    QApplication.sendEvent(bar, copy)
    event.accept()


def grey_when_empty(edit: QLineEdit) -> QLineEdit:
    """Mark the box ``empty`` while it holds no text, so the window's style can draw its
    placeholder grey (Qt 5 draws it in the style's text colour: black, like a value)."""
    def update(text: str) -> None:
        empty = not text
        if edit.property("empty") != empty:
            edit.setProperty("empty", empty)
            edit.style().unpolish(edit)
            edit.style().polish(edit)
    edit.textChanged.connect(update)
    update(edit.text())
    return edit


class Editor(QWidget):
    """Base: ``edited`` is emitted on every user change, never on a programmatic one."""

    edited = pyqtSignal()

    def __init__(self, field: Field, lang: str, parent=None):
        super().__init__(parent)
        self.field, self.lang = field, lang
        self._quiet = False
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def _changed(self, *_):
        if not self._quiet:
            self.edited.emit()

    def raw(self) -> dict:
        return {c: v for c, v in self.state().items() if c in self.field.columns}

    def state(self) -> dict:
        raise NotImplementedError

    def set_state(self, state: dict) -> None:
        self._quiet = True
        try:
            self._set(state)
        finally:
            self._quiet = False

    def _set(self, state: dict) -> None:
        raise NotImplementedError


class LineEditor(Editor):
    def __init__(self, field: Field, lang: str, parent=None):
        super().__init__(field, lang, parent)
        self.edit = grey_when_empty(QLineEdit())
        self.edit.setReadOnly(field.read_only)
        self.row.addWidget(self.edit)
        self.edit.textEdited.connect(self._changed)
        self.setFocusProxy(self.edit)  # focused (a problem's link), it takes what is typed

    def state(self) -> dict:
        return {self.field.columns[0]: self.edit.text()}

    def _set(self, state: dict) -> None:
        text = fmt(state.get(self.field.columns[0]))
        self.edit.setText(text)
        if self.field.read_only:
            # read from its start (a code wider than its box, its end alone in sight, reads
            # as another code), the whole in its tooltip; a box typed in keeps its cursor
            # at the end, where typing goes on
            self.edit.setCursorPosition(0)
            self.edit.setToolTip(text)


class MultilineEditor(Editor):
    def __init__(self, field: Field, lang: str, parent=None):
        super().__init__(field, lang, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 3 + 16)
        self.row.addWidget(self.edit)
        self.edit.textChanged.connect(self._changed)
        self.setFocusProxy(self.edit)

    def state(self) -> dict:
        return {self.field.columns[0]: self.edit.toPlainText()}

    def _set(self, state: dict) -> None:
        self.edit.setPlainText(fmt(state.get(self.field.columns[0])))


class AreaEditor(LineEditor):
    """A number with a unit switcher: the unit says how to read the number (typing 12 then
    choosing 亩 means 12 亩); the line under it shows the value in m², 亩 and 公顷."""

    def __init__(self, field: Field, lang: str, parent=None):
        super().__init__(field, lang, parent)
        self.unit = Combo(what=field.label(lang), lang=lang)
        for u in field.units:
            self.unit.addItem(units.symbol(u, lang), u)
        self.unit.currentIndexChanged.connect(self._changed)
        self.row.addWidget(self.unit)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.edited.connect(self._show_hint)

    def current_unit(self) -> str:
        return self.unit.currentData() or self.field.unit or ""

    def stored_value(self) -> float | None:
        n = parse_number(self.edit.text())
        stored = self.field.unit or self.current_unit()
        return None if n is None else units.convert(n, self.current_unit(), stored)

    def raw(self) -> dict:
        col, text = self.field.columns[0], self.edit.text()
        n = self.stored_value()
        return {col: text if n is None else n}

    def state(self) -> dict:
        return {self.field.columns[0]: self.edit.text(), "_unit": self.current_unit()}

    def _set(self, state: dict) -> None:
        super()._set(state)
        i = self.unit.findData(state.get("_unit") or self.field.unit)
        self.unit.setCurrentIndex(max(i, 0))
        self._show_hint()

    def _show_hint(self) -> None:
        n = self.stored_value()
        self.hint.setText("" if n is None else "= " + units.format_area(n, self.lang))


class DateEditor(LineEditor):
    def __init__(self, field: Field, lang: str, parent=None):
        super().__init__(field, lang, parent)
        self.edit.setPlaceholderText(DATE_WRITTEN(lang))
        self.today_button = QPushButton(i18n.tr("today", lang))
        self.today_button.clicked.connect(self._today)
        self.row.addWidget(self.today_button)

    def _today(self) -> None:
        self.edit.setText(date.today().isoformat())
        self._changed()


class ChoiceEditor(Editor):
    """A combo of codes; ``offer`` refills it (sub-classes follow the class chosen) and keeps
    the current code when it is still offered. An open choice takes typed text too."""

    def __init__(self, field: Field, lang: str, parent=None):
        super().__init__(field, lang, parent)
        self.combo = Combo(what=field.label(lang), lang=lang)
        self.combo.setEditable(field.open_choice)
        self.combo.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.combo.setMinimumContentsLength(8)
        self.combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.codes: tuple[str, ...] = ()
        self._value: str | None = None  # kept while not offered, so a refill loses nothing
        # the value came with the record (or its draft) and no offer followed yet: a code
        # the offer lacks (a sub-class of another class) is the record's, not one left
        # behind by another choice
        self._loaded = False
        self.row.addWidget(self.combo)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(self._picked)
        if field.open_choice:
            self.combo.lineEdit().textEdited.connect(self._typed)

    def offer(self, codes: list[Code]) -> None:
        key = tuple(c.code for c in codes)
        loaded, self._loaded = self._loaded, False
        if key == self.codes and self.combo.count():
            return
        self.codes = key
        self._quiet = True
        try:
            self.combo.clear()
            self.combo.addItem("", None)
            for c in codes:
                # a target's code is its uuid: the technician reads the target's text only
                self.combo.addItem(code_text(c, self.lang, self.field.code_list != TARGETS),
                                   c.code)
            if key and self._value not in key and not self.field.open_choice and not loaded:
                self._value = None  # e.g. a sub-class of another class: choose again
            self._show(self._value)
        finally:
            self._quiet = False

    def _show(self, value) -> None:
        i = self.combo.findData(value) if value is not None else 0
        if i < 0 and self.field.parent and self.codes and not self.field.open_choice:
            # the record's code that its parent's does not offer (a sub-class of another
            # class): shown as stored, for the form's check to say it does not belong
            self.combo.addItem(str(value), value)
            i = self.combo.count() - 1
        if i >= 0:
            self.combo.setCurrentIndex(i)
        elif self.field.open_choice:
            self.combo.setEditText(str(value))
        else:
            self.combo.setCurrentIndex(0)

    def _picked(self, index: int) -> None:
        self._value = self.combo.itemData(index)
        self._changed()

    def _typed(self, text: str) -> None:
        i = self.combo.findText(text)
        self._value = self.combo.itemData(i) if i > 0 else (text.strip() or None)
        self._changed()

    def state(self) -> dict:
        return {self.field.columns[0]: self._value}

    def _set(self, state: dict) -> None:
        v = state.get(self.field.columns[0])
        self._value = None if v in (None, "") else str(v)
        self._loaded = True
        self._show(self._value)


class FittedLabel(QLabel):
    """Words wrapped, as high as its lines at its width (a field's problem, the position's
    note): the form's layout, left to itself, kept it one line high, the rest of a longer
    one ("… must be a date (YYYY-MM-DD)" in the column of a 1024×600 screen) cut off."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        high = self.heightForWidth(self.width())
        if high > 0 and high != self.minimumHeight():
            self.setMinimumHeight(high)


class PositionEditor(Editor):
    """Longitude, latitude and accuracy, typed or taken from the GNSS or a photo. While
    ``following``, the boxes show the live fix (quietly: following is not an edit) until
    the technician keeps one, types one or averages several."""

    use_gnss = pyqtSignal()
    keep = pyqtSignal()
    average = pyqtSignal()

    def __init__(self, field: Field, lang: str, parent=None):
        super().__init__(field, lang, parent)
        self.following = False
        self.warn_m: float | None = None
        self._avg: str | None = None  # how far an average of fixes has got
        self.averaging = False  # fixes being gathered for an average
        self._lost: str | None = None  # why no live fix comes, said while one is awaited
        self.age: float | None = None  # seconds since the last fix, once it is not live
        self.from_fix = False  # the boxes hold the fix followed (not typed, kept or restored)
        self.edits = {}
        for col, key in zip(field.columns, ("lon", "lat", "accuracy")):
            e = grey_when_empty(QLineEdit())
            e.setPlaceholderText(i18n.tr(key, lang))
            e.setToolTip(i18n.tr(key, lang))
            e.textEdited.connect(self._typed)
            e.textChanged.connect(self._show_note)
            self.row.addWidget(e, 2 if key != "accuracy" else 1)
            self.edits[col] = e
        self.setFocusProxy(self.edits[field.columns[0]])
        self.gnss = QPushButton("◎ " + i18n.tr("use_gnss", lang))
        self.gnss.setObjectName("gnss")
        self.gnss.clicked.connect(self.use_gnss)
        self.keep_button = QPushButton("✔ " + i18n.tr("keep_position", lang))
        self.keep_button.setObjectName("keepPosition")
        self.keep_button.clicked.connect(self.keep)
        self.average_button = QPushButton("Σ " + i18n.tr("average_fixes", lang))
        self.average_button.setObjectName("averagePosition")
        self.average_button.clicked.connect(self.average)
        self.note = FittedLabel()
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.buttons = ButtonRow()
        for b in (self.keep_button, self.gnss, self.average_button):
            self.buttons.addWidget(b)
        self.follow(False)

    def _typed(self, *_) -> None:
        self.from_fix = False
        self.follow(False)  # typed by hand: the live fix no longer moves it
        self._changed()

    def follow(self, on: bool) -> None:
        self.following = on
        self.keep_button.setVisible(on)
        self.gnss.setVisible(not on)
        self._show_note()

    def fill(self, lon: float, lat: float, accuracy: float | None, quiet: bool = False) -> None:
        """Put a position in the boxes; ``quiet``: the live fix followed, not an edit."""
        was, self._quiet = self._quiet, quiet or self._quiet
        try:
            for col, v in zip(self.field.columns, (round(lon, 6), round(lat, 6),
                                                   None if accuracy is None
                                                   else round(accuracy, 1))):
                self.edits[col].setText(fmt(v))
        finally:
            self._quiet = was
        self.from_fix = quiet
        self._show_note()
        if not quiet:
            self._changed()

    def accuracy(self) -> float | None:
        return parse_number(self.edits[self.field.columns[2]].text()) \
            if len(self.field.columns) > 2 else None

    def held(self) -> bool:
        """The boxes hold the last fix followed, gone dead: where the technician stood
        ``age`` seconds ago, kept only on purpose."""
        return self.following and self.from_fix and self._lost is not None \
            and self.age is not None

    def _show_note(self, *_) -> None:
        acc = self.accuracy()
        parts = []
        held = self.held()
        if self.following and self._lost is None:
            parts.append("◎ " + i18n.tr("following", self.lang))
        warned = acc is not None and self.warn_m is not None and acc > self.warn_m
        if warned:
            parts.append("⚠ " + i18n.tr("accuracy_poor", self.lang, acc=fmt(acc),
                                        limit=fmt(self.warn_m)))
        if self._avg:
            parts.append(self._avg)
        if held:  # (as the map and the navigation bar say the last fix: with its age)
            parts.append("◌ " + i18n.tr("fix_held", self.lang, why=self._lost,
                                        age=i18n.age_text(self.age or 0, self.lang)))
            warned = True
        elif self._lost and (self.following or self.averaging):
            parts.append("⚠ " + i18n.tr("fix_not_followed", self.lang, why=self._lost))
            warned = True
        self.keep_button.setText("✔ " + (i18n.tr(
            "keep_last_fix", self.lang, age=i18n.age_text(self.age or 0, self.lang))
            if held else i18n.tr("keep_position", self.lang)))
        self.note.setStyleSheet("color:#6b4500; background:#fff1c2; padding:3px" if warned
                                else "")
        self.note.setText("\n".join(parts))
        self.note.setVisible(bool(parts))

    def set_progress(self, text: str | None) -> None:
        self._avg = text
        self._show_note()

    def set_lost(self, why: str | None) -> None:
        """Why no live fix comes (None: it does), said while the position follows or
        averages fixes."""
        self._lost = why
        self._show_note()

    def set_age(self, age: float | None) -> None:
        """Seconds since the last fix, once it is not live (None: it is); said each second
        while the boxes hold it."""
        self.age = age
        self._show_note()

    def state(self) -> dict:
        out: dict = {c: e.text() for c, e in self.edits.items()}
        if self.following:
            out["_follow"] = True
        return out

    def _set(self, state: dict) -> None:
        self.from_fix = False
        for c, e in self.edits.items():
            e.setText(fmt(state.get(c)))
        self.follow(bool(state.get("_follow")))


def field_label(field: Field, lang: str) -> str:
    """A field's label on the form. Beside a unit box the stored unit is left out of it
    ("核查面积", not "核查面积（平方米）"): the box says what unit the number is in."""
    label = field.label(lang)
    if field.unit and field.widget == REAL and len(field.units) > 1:  # as make_editor
        symbol = units.symbol(field.unit, lang)
        for said in (f"（{symbol}）", f" ({symbol})", f"({symbol})"):
            if label.endswith(said):
                return label[:-len(said)]
    return label


def make_editor(field: Field, lang: str) -> Editor:
    if field.widget == CHOICE:
        return ChoiceEditor(field, lang)
    if field.widget == MULTILINE:
        return MultilineEditor(field, lang)
    if field.widget == DATE:
        return DateEditor(field, lang)
    if field.widget == POSITION:
        return PositionEditor(field, lang)
    if field.widget == REAL and len(field.units) > 1:
        return AreaEditor(field, lang)
    return LineEditor(field, lang)
