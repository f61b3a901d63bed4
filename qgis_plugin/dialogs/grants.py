# SPDX-License-Identifier: GPL-2.0-or-later
"""Who may change what: the master's grants (``sync_roles``) listed, and given or taken back
in one go, as ``field-kit roles`` does (:mod:`field_kit.sync.regrant`)."""

from __future__ import annotations

import json
import re

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from field_kit.app.editors import Combo
from field_kit.errors import SyncError
from field_kit.plan import schema
from field_kit.plan.values import column_named
from field_kit.sync import masters, regrant

from ..core_messages import error_in_user_language, in_user_language, master_named
from ..help import add_help
from ..i18n import by_count, listed, tr, user_language
from .conflicts import MESSAGE_STYLE
from .on_screen import resize_within_screen

# QGIS's settings: the changes queued and not applied when the plugin was unloaded, by
# master, said (and queued again on their master) at the dialog's next opening
NOT_APPLIED = "toksun/grants_not_applied"

ROLES_SHOWN = {schema.TECHNICIAN: ("技术员", "technician")}  # (gis changes every table)


def role_shown(role: str) -> str:
    return ROLES_SHOWN.get(role, (role, role))[user_language() != "zh"]


# lines of the library that say what to do by the command line's options, each said in
# the dialog's own words: what to choose here and which buttons to press
_GIVE_BACK = re.compile(
    r"warning: (?P<role>\S+) may no longer add or delete features of (?P<table>.+?): a role "
    r"granted some of its columns only adds and deletes none \(to give them back: --grant "
    r"(?P=role) (?P=table)\)")
_LET_IT = re.compile(
    r"warning: (?P<role>\S+) may change every column of (?P<table>.+?), each granted by name, "
    r"but add or delete none of its features \(to let it: --grant (?P=role) (?P=table)\)")
_IN_ITS_MASTER = re.compile(
    r"(?P<package>.+) is a field package: grants are changed in its master \(field-kit roles "
    r"MASTER --grant ROLE \S+\), which it takes them from at its next pull; nothing was "
    r"changed")


def _layer(table: str) -> str:
    """A table as the library's lines name it in the user's language: in Chinese a plan
    table by its title (the Table box, beside, takes its name)."""
    if user_language() != "zh":
        return table
    name = column_named(table)
    return f" {name} " if name.isascii() else name  # (set apart from the words around)


def table_shown(table: str) -> str:
    """A table as the grants list and the Table box show it: in Chinese a plan table by its
    layer's title (a county's own table by its name)."""
    return column_named(table) if user_language() == "zh" else table


def spec_of(table: str, columns: str) -> str:
    """``TABLE`` or ``TABLE.COLUMN,COLUMN`` of what was typed (columns split at commas,
    Chinese ones too, or spaces)."""
    cols = [c for c in re.split(r"[,，、\s]+", columns) if c]
    return f"{table.strip()}.{','.join(cols)}" if cols else table.strip()


class _Wrapped(QLabel):
    """A label that wraps, as high as its lines at the width it is given: a dialog's layout
    counts a wrapped label one line high, and the parts below it are drawn over each other
    by the lines it has beyond."""

    def __init__(self, text: str):
        super().__init__(text)
        self.setWordWrap(True)

    def resizeEvent(self, event):  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        high = self.heightForWidth(self.width())
        if high != self.minimumHeight():
            self.setMinimumHeight(high)


class GrantsDialog(QDialog):
    COLUMNS = ("role", "table", "columns", "note")

    def __init__(self, iface, master, parent=None):
        super().__init__(parent or iface.mainWindow())
        self.iface = iface
        self.master = master  # a GeoPackage path or a PostgreSQL master's address
        self.tables: dict[str, list[str]] = {}
        self.setWindowTitle(tr("Who may change what"))
        resize_within_screen(self, 900, 720)
        # all but Close and Help in an area that scrolls: its parts need some 700 pixels'
        # height, more than an 800×600 screen holds (they ran past its bottom edge, Close
        # with them); there they scroll, Close and Help in sight below them
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = _Wrapped(tr(
            "Who may change what in the field packages of {master}: GIS staff change every "
            "table; technicians, what is granted below. Packages get changes at their next "
            "pull.").format(master=master_named(master, short=not masters.is_postgres(master))))
        self.summary.setToolTip(master_named(master))  # (the whole path: the name here)
        layout.addWidget(self.summary)
        self.grants = QTableWidget(0, len(self.COLUMNS))
        heads = {"role": tr("Role"), "table": tr("Table"), "columns": tr("Columns"),
                 "note": tr("Note")}
        self.grants.setHorizontalHeaderLabels([heads[c] for c in self.COLUMNS])
        self.grants.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.grants.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.grants.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.grants.horizontalHeader().setStretchLastSection(True)
        self.grants.verticalHeader().setVisible(False)
        self.grants.itemSelectionChanged.connect(self._take_selected)
        # the grants are what the dialog is for: four rows in sight at least (and the dialog
        # within a laptop's 768 pixels), and the room the dialog is given beyond what the
        # rest needs
        self.grants.setMinimumHeight(self.grants.horizontalHeader().sizeHint().height()
                                     + 4 * self.grants.verticalHeader().defaultSectionSize()
                                     + 2 * self.grants.frameWidth())
        layout.addWidget(self.grants, 1)

        form = QGridLayout()
        # (drop-downs a wheel passing over them never turns: a value changes by a click or
        # a key)
        self.role = Combo()  # (the roles there are, and any other a grant names)
        self._roles(set())
        self.table = Combo()
        self.table.setEditable(True)  # (a table not listed is refused by name)
        self.table.setInsertPolicy(QComboBox.NoInsert)  # (Enter adds no table to the list)
        self.table.currentTextChanged.connect(self._table_chosen)
        self.columns = QLineEdit()
        self.columns.setPlaceholderText(tr("every column; or some, separated by commas"))
        self.its_columns = QLabel()
        self.its_columns.setWordWrap(True)
        self.its_columns.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.its_columns.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        form.addWidget(QLabel(tr("Role:")), 0, 0)
        form.addWidget(self.role, 0, 1)
        form.addWidget(QLabel(tr("Table:")), 1, 0)
        form.addWidget(self.table, 1, 1)
        form.addWidget(QLabel(tr("Columns:")), 2, 0)
        form.addWidget(self.columns, 2, 1)
        # a table of many columns lists them in three lines, the rest scrolled: unbounded, the
        # list pushed the parts below it over each other; no table named, no room taken
        self.its_columns_area = _Lines(self.its_columns, 3)
        form.addWidget(self.its_columns_area, 3, 1)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.grant = QPushButton(tr("Grant"))
        self.revoke = QPushButton(tr("Revoke"))
        self.grant.clicked.connect(lambda: self._ask(True))
        self.revoke.clicked.connect(lambda: self._ask(False))
        row.addWidget(self.grant)
        row.addWidget(self.revoke)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(QLabel(tr("Changes to apply, in this order:")))
        self.changes = QListWidget()
        self.changes.setSelectionMode(QAbstractItemView.ExtendedSelection)
        # (a few changes at a time: four lines, the rest scrolled; a long refusal said below
        # keeps its room)
        self.changes.setMaximumHeight(4 * self.changes.fontMetrics().lineSpacing()
                                      + 4 * self.changes.frameWidth() + 8)
        layout.addWidget(self.changes)
        row = QHBoxLayout()
        self.remove = QPushButton(tr("Remove"))
        self.remove.clicked.connect(self._remove)
        self.apply = QPushButton(tr("Apply the changes"))
        self.apply.clicked.connect(self.apply_changes)
        row.addWidget(self.remove)
        row.addStretch(1)
        row.addWidget(self.apply)
        layout.addLayout(row)

        self.message = QLabel()
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        # scrolled where it is long (a column taken back lists the others, each by name):
        # its last lines, what to do, ran past the dialog's foot, out of sight
        self.said = _scrolled(self.message)
        self.said.setMinimumHeight(4 * self.fontMetrics().lineSpacing())
        layout.addWidget(self.said)
        self.body = QScrollArea()
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.NoFrame)
        self.body.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(self.body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        add_help(buttons)
        outer.addWidget(buttons)
        # Enter in a box presses no button: a change is queued by Grant or Revoke and applied
        # by its own button, each clicked
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        for edit in (self.table.lineEdit(), self.columns):
            edit.textChanged.connect(self._enable)
        self.changes.itemSelectionChanged.connect(self._enable)
        self.refresh()
        self._left_last_time()

    # --- the grants ---------------------------------------------------------------------
    def refresh(self) -> bool:
        """The grants read again; False (and said) where the master cannot be read."""
        QApplication.setOverrideCursor(Qt.WaitCursor)  # (PostgreSQL's are read by a copy)
        try:
            grants, self.tables = regrant.grants_and_tables(self.master)
        except SyncError as e:
            self._say([error_in_user_language(e)], refused=True)
            self.grants.setRowCount(0)
            return False
        finally:
            QApplication.restoreOverrideCursor()
            self._enable()
        self._roles({g["role"] for g in grants})
        typed = self.table.currentText()
        self.table.blockSignals(True)
        self.table.clear()
        for table in self.tables:  # (by its title; its name is what a grant takes)
            self.table.addItem(table_shown(table), table)
        self.table.setCurrentText(typed)
        self.table.blockSignals(False)
        self._table_chosen(typed)
        self._list(grants)
        return True

    def _list(self, grants: list[dict]) -> None:
        """A row a role and table, its columns together; a grant that grants nothing a row
        of its own, marked why."""
        rows: dict[tuple[str, str, str], list[str]] = {}
        for g in grants:
            grant = f"({g['role']}, {g['table']}, {g['column']})"
            note = ""
            if g["ignored"]:
                note = in_user_language(f"ignored: {g['ignored']}")
            elif g["unused"]:
                note = in_user_language(f"unused: the plan's default grant {grant}: this "
                                        f"master has no table {g['table']}")
            elif g["role"] == schema.GIS:
                note = in_user_language(f"unused: grant {grant} in sync_roles: gis changes "
                                        "every table already")
            rows.setdefault((g["role"], g["table"], note), []).append(g["column"])
        self.grants.setRowCount(0)
        for (role, table, note), cols in sorted(rows.items(), key=lambda r: bool(r[0][2])):
            i = self.grants.rowCount()
            self.grants.insertRow(i)
            shown = tr("every column") if "*" in cols else listed(sorted(cols))
            for j, text in enumerate((role_shown(role), table_shown(table), shown, note)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.grants.setItem(i, j, item)
            self.grants.item(i, 0).setData(Qt.UserRole, (role, table, cols))
        if not rows:
            self.grants.insertRow(0)
            self.grants.setItem(0, 0, QTableWidgetItem(tr("No grant: technicians may change "
                                                          "no table.")))
            self.grants.setSpan(0, 0, 1, len(self.COLUMNS))

    def _roles(self, named: set[str]) -> None:
        """The roles to choose from: those there are, then each other one a grant of the
        master names (a role there is not, GIS staff's), to take its grants back."""
        chosen = self.role.currentData()
        self.role.clear()
        for role in [*ROLES_SHOWN, *sorted(named - set(ROLES_SHOWN))]:
            self.role.addItem(role_shown(role), role)
        self.role.setCurrentIndex(max(self.role.findData(chosen), 0))

    def _take_selected(self) -> None:
        """A grant selected fills in the change, to take it back or to add to it."""
        rows = {i.row() for i in self.grants.selectedItems()}
        if len(rows) != 1:
            return
        data = self.grants.item(rows.pop(), 0).data(Qt.UserRole)
        if not data:
            return
        role, table, cols = data
        # (every role a grant names is offered: another one's grant is never taken back)
        self.role.setCurrentIndex(self.role.findData(role))
        self.table.setCurrentText(table_shown(table))
        self.columns.setText("" if "*" in cols else ", ".join(sorted(cols)))

    def _table_named(self, text: str) -> str:
        """The table the Table box names: one listed by its title, or a name typed."""
        i = self.table.findText(text.strip())
        return self.table.itemData(i) if i >= 0 else text.strip()

    def _table_chosen(self, table: str) -> None:
        cols = self.tables.get(self._table_named(table))
        self.its_columns.setText(tr("Its columns: {columns}").format(
            columns=listed(cols)) if cols else "")
        self.its_columns_area.said()

    # --- the changes ----------------------------------------------------------------------
    def _ask(self, give: bool) -> None:
        role = self.role.currentData()
        spec = spec_of(self._table_named(self.table.currentText()), self.columns.text())
        if not spec or role is None:
            return
        self._queue(give, role, spec)

    @staticmethod
    def _named(give: bool, role: str, spec: str) -> str:
        return (tr("grant {role}: {what}") if give else tr("revoke {role}: {what}")).format(
            role=role_shown(role), what=spec)

    def _queue(self, give: bool, role: str, spec: str) -> None:
        item = QListWidgetItem(self._named(give, role, spec))
        item.setData(Qt.UserRole, (give, role, spec))
        self.changes.addItem(item)
        self._enable()

    def _remove(self) -> None:
        for item in self.changes.selectedItems():
            self.changes.takeItem(self.changes.row(item))
        self._enable()

    def asked(self) -> list[tuple[bool, str, str]]:
        return [self.changes.item(i).data(Qt.UserRole) for i in range(self.changes.count())]

    def apply_changes(self) -> bool:
        """The changes made in one transaction, and what the library said of them; refused,
        nothing changed, and why, the changes kept to correct."""
        changes = self.asked()
        if not changes:
            return False
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            done = regrant.change(self.master, changes)
        except SyncError as e:
            self._say([self._in_dialog_words(e.message) or error_in_user_language(e)],
                      refused=True)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        told = [self._in_dialog_words(line) or in_user_language(line)
                for line in regrant.told(self.master, done)]
        self.changes.clear()
        if self.refresh():
            self._say(told)
        else:  # (the change is made: said before why the list is not read again)
            self._say(told + [self.message.text()], refused=True)
        return True

    def _in_dialog_words(self, line: str) -> str | None:
        """A line of the library that says what to do by the command line's options
        ("--grant"), in the dialog's words and the user's language; None for any other."""
        buttons = {"grant": self.grant.text(), "apply": self.apply.text()}
        m = _GIVE_BACK.fullmatch(line)
        if m:
            return tr("warning: {role} may no longer add or delete features of {layer}: a role "
                      "granted some of its columns only adds and deletes none (to give them "
                      "back: table {table}, columns left empty, “{grant}”, then “{apply}”)"
                      ).format(role=role_shown(m["role"]), layer=_layer(m["table"]),
                               table=m["table"], **buttons)
        m = _LET_IT.fullmatch(line)
        if m:
            return tr("warning: {role} may change every column of {layer}, each granted by "
                      "name, but add or delete none of its features (to let it: table {table}, "
                      "columns left empty, “{grant}”, then “{apply}”)"
                      ).format(role=role_shown(m["role"]), layer=_layer(m["table"]),
                               table=m["table"], **buttons)
        m = _IN_ITS_MASTER.fullmatch(line)
        if m:
            return tr("{package} is a field package: grants are changed in its master, which "
                      "it takes them from at its next pull (open the master with “{open}” to "
                      "change them here); nothing was changed").format(
                package=m["package"], open=tr("Open a master or field package…"))
        return None

    # --- closing ----------------------------------------------------------------------
    def reject(self) -> None:
        """Escape, Close and the window's own close: changes queued and not applied are
        applied, discarded or kept open to, as the user answers; none queued, closed at
        once."""
        if self.changes.count() and not self._let_go():
            return
        super().reject()

    def _let_go(self) -> bool:
        """Whether the dialog may close, its queued changes applied (refused: it stays open,
        saying why) or discarded, as asked."""
        box = QMessageBox(QMessageBox.Question, self.windowTitle(), tr(
            "The changes listed under “Changes to apply” are not applied yet. Apply them, "
            "discard them, or go back to them?"),
            QMessageBox.Apply | QMessageBox.Discard | QMessageBox.Cancel, self)
        box.setDefaultButton(QMessageBox.Apply)
        box.setEscapeButton(QMessageBox.Cancel)
        answer = box.exec_()
        if answer == QMessageBox.Apply:
            return self.apply_changes()
        return answer == QMessageBox.Discard

    def may_quit(self) -> bool:
        """QGIS asked to quit: changes queued and not applied are applied, discarded or
        gone back to, as closing the dialog asks; False (QGIS stays open) where they are
        gone back to, or refused as applied (said here)."""
        if not self.changes.count():
            return True
        self.show()
        self.raise_()
        self.activateWindow()
        if not self._let_go():
            return False
        self.changes.clear()  # (discarded: the plugin's unloading keeps none)
        self._enable()
        return True

    def keep_unapplied(self) -> None:
        """The plugin unloaded (no question can keep it open): the changes queued are
        applied to nothing, and kept (with those of another dialog open) to be said at the
        next opening."""
        changes = self.asked()
        if changes:
            left = _left_unapplied()
            left.setdefault(str(self.master), []).extend(changes)
            QgsSettings().setValue(NOT_APPLIED, json.dumps(left, ensure_ascii=False))

    def _left_last_time(self) -> None:
        """Changes queued when the plugin was last unloaded, not applied: said, and those
        of this master queued again (to apply or remove)."""
        left = _left_unapplied()
        QgsSettings().remove(NOT_APPLIED)
        said: list[str] = []
        for master, changes in left.items():
            if master == str(self.master):
                for change in changes:
                    self._queue(*change)
                said.insert(0, by_count(len(changes), tr(
                    "1 change queued here before the plugin was unloaded (or QGIS closed) was "
                    "not applied. It is listed again under “Changes to apply”: apply it, or "
                    "remove it."), tr(
                    "{n} changes queued here before the plugin was unloaded (or QGIS "
                    "closed) were not applied. They are listed again under “Changes to "
                    "apply”: apply them, or remove them.")).format(n=len(changes)))
            else:
                said.append(by_count(len(changes), tr(
                    "1 change queued for {master} before the plugin was unloaded (or QGIS "
                    "closed) was not applied: {changes}. Open that master to ask for it "
                    "again."), tr(
                    "{n} changes queued for {master} before the plugin was unloaded (or "
                    "QGIS closed) were not applied: {changes}. Open that master to ask for "
                    "them again.")).format(
                    n=len(changes), master=master_named(master),
                    changes=listed([self._named(*change) for change in changes])))
        if said:  # (with why the grants were not read, where they were not)
            self._say([*said, *filter(None, [self.message.text()])], refused=True)

    def _say(self, lines: list[str], refused: bool = False) -> None:
        self.message.setStyleSheet(MESSAGE_STYLE if refused else "")
        self.message.setText("\n".join(lines))
        # (scrolled into sight: on a short screen the parts above it may be in sight alone)
        self.body.ensureWidgetVisible(self.said, 0, 0)

    def _enable(self) -> None:
        typed = bool(self.table.currentText().strip())
        self.grant.setEnabled(typed)
        self.revoke.setEnabled(typed)
        self.remove.setEnabled(bool(self.changes.selectedItems()))
        self.apply.setEnabled(self.changes.count() > 0)


def _left_unapplied() -> dict[str, list[tuple[bool, str, str]]]:
    """The changes kept by :meth:`GrantsDialog.keep_unapplied`, by master."""
    try:
        left = json.loads(str(QgsSettings().value(NOT_APPLIED, "") or "{}"))
        return {str(master): [(bool(give), str(role), str(spec))
                              for give, role, spec in changes]
                for master, changes in left.items()}
    except (ValueError, TypeError, AttributeError):  # (written by another version)
        return {}


def _scrolled(label: QLabel, area: QScrollArea | None = None) -> QScrollArea:
    """``label`` in an area of its own that scrolls it where it is long."""
    area = area or QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setWidget(label)
    return area


class _Lines(QScrollArea):
    """``label`` as high as its lines, up to ``lines`` of them, the rest scrolled; no room
    taken where it says nothing (a scroll area is some three lines high of itself)."""

    def __init__(self, label: QLabel, lines: int):
        super().__init__()
        _scrolled(label, self)
        self.most = lines * label.fontMetrics().lineSpacing() + 4
        self.setMaximumHeight(self.most)
        self.setHidden(not label.text())  # (shown with the dialog, where it says something)

    def said(self) -> None:
        """Its label's text changed: shown, as high as its lines, or hidden where empty."""
        self.setVisible(bool(self.widget().text()))
        self.updateGeometry()

    def _high(self) -> int:
        label = self.widget()
        width = self.viewport().width() or label.sizeHint().width()
        return min(label.heightForWidth(width), self.most)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(super().sizeHint().width(), self._high())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(super().minimumSizeHint().width(), self._high())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # its text rewrapped
            self.updateGeometry()
