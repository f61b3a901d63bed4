# SPDX-License-Identifier: GPL-2.0-or-later
"""Import surveyed data: pick a file and a plan layer, check the field mapping, preview
what will change and what is wrong, then import (in the background) or not at all."""

from __future__ import annotations

import re
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from field_kit import db
from field_kit.app.editors import Combo, NumberBox
from field_kit.errors import SyncError
from field_kit.file_filters import any_case
from field_kit.importer import LAYERS, apply_import, plan_import
from field_kit.importer.apply import apart_if_written
from field_kit.importer.lookups import required
from field_kit.importer.mapping import SOME_FIELD
from field_kit.importer.mapping import auto as recognised
from field_kit.importer.mapping import label as target_label
from field_kit.importer.mapping import targets as mapping_targets
from field_kit.importer.report import ImportProblem, notes_grouped
from field_kit.importer.source import SourceError, read_source, source_layers, unasked_layer
from field_kit.importer.synonyms import norm

from ..core_messages import apart_said, error_in_user_language
from ..help import add_help
from ..i18n import by_count, tr, user_language
from ..plan_layers import layer_choice, reload_layers, unsaved_edits, unsaved_edits_message
from ..tasks import CoreTask
from .on_screen import WINDOW_FRAME

NOT_IMPORTED = ""
SEVERITY_COLOURS = {"error": "#c0392b", "warning": "#b9770e", "info": "#555555"}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}  # what stops the import, first
# the Chinese core's reminder of --crs with no code: dropped where the message gives the code
CRS_REMINDER = re.compile(r"（可用 --crs EPSG:代码 指定）")
# words a source layer's name carries for each plan layer (pinyin initials too)
LAYER_WORDS = {"mine_patches": ("图斑", "矿", "tb", "kc", "patch", "mine"),
               "restoration_zones": ("分区", "修复", "fq", "zone"),
               "county_boundary": ("县界", "行政区", "境界", "xzq", "county", "boundary")}


def best_source_layer(path: str, names: list[str], layer: str, targets: list[str]
                      ) -> str | None:
    """The layer (a GeoPackage's table, a KML's folder) to import into ``layer``: of those
    whose fields give what ``layer`` requires, the one whose name says it, then the one with
    most fields recognised; None where no one layer stands out (the user chooses)."""
    scores = {}
    for name in names:
        try:
            fields = read_source(path, name).fields
        except SourceError:
            continue
        mapped = {t for t in recognised(layer, fields, targets).values() if t}
        named = any(w in norm(name) for w in LAYER_WORDS.get(layer, ()))
        if all(set(need) & mapped for need in required(layer)) and (named or mapped):
            scores[name] = (named, len(mapped))
    best = [n for n, score in scores.items() if score == max(scores.values())]
    return best[0] if len(best) == 1 else None


LAPTOP_ROOM = 768 - 60  # a 1366×768 screen's height, less a title bar and a task bar


def _chosen_in_table(field: str, target: str, table: str) -> str:
    """What the command's --mapping example asks, said by the dialog's mapping table: the
    field it names, or, where no field of the source looks like it, the one that holds it."""
    if field in (SOME_FIELD.en, SOME_FIELD.zh):
        return tr("choose {target} for the field that holds it in the “{table}” table").format(
            target=target, table=table)
    return tr("choose {target} for {field} in the “{table}” table").format(
        target=target, field=field, table=table)


class _Body(QWidget):
    """The dialog's parts: never shorter than ``least`` (they scroll instead)."""

    least = 0

    def minimumSizeHint(self):  # noqa: N802
        hint = super().minimumSizeHint()
        hint.setHeight(max(hint.height(), self.least))
        return hint


class ImportDialog(QDialog):
    """``ImportDialog(iface, master_path)``; ``imported`` carries the ImportResult."""

    imported = pyqtSignal(object)

    def __init__(self, iface, master_path, parent=None):
        super().__init__(parent or (iface.mainWindow() if iface else None))
        self.iface = iface
        self.master = Path(master_path)
        self.lang = user_language()
        self.plan = None
        self.problems_shown: list[ImportProblem] = []  # the plan's, as the table lists them
        self.result = None
        self.apart: list[str] = []  # the plan's projects whose patches it leaves unlike, said
        self.task: CoreTask | None = None
        self._fields: list[str] = []
        self._samples: dict[str, str] = {}
        self._loading = False
        self._layer_by_hand = False  # the source layer the user chose stays when the target changes
        self._source_path = ""  # the file read: leaving the path box reads it again only if changed
        self._by_hand: dict[str, str | None] = {}  # the fields the user mapped, kept on a reload
        self._unseen = False  # a click on Import read a new file: its preview is seen first
        self.setWindowTitle(tr("Import surveyed data"))
        screen = QgsApplication.primaryScreen()  # a laptop's 768 pixels too
        room = screen.availableGeometry().height() - 60 if screen else 860
        wide = screen.availableGeometry().width() - WINDOW_FRAME if screen else 960
        # within a small screen (800×600): its parts scroll there, the buttons stay in sight
        self.resize(min(960, wide), min(900, room))
        self.room = max(LAPTOP_ROOM, min(900, room))  # the most it grows to
        self._build()
        # laid out as on a laptop's screen, never squeezed shorter: on a smaller one the
        # parts scroll (squeezed, the problems showed a row or two)
        self.body.least = LAPTOP_ROOM - (self.needed_height()
                                         - self.body.minimumSizeHint().height())

    # --- layout ---------------------------------------------------------------------------
    def _build(self):
        form = QFormLayout()
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(
            tr("Shapefile, GeoJSON, GeoPackage, KML/KMZ, GPX or CSV"))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.source_edit)
        row.addWidget(browse)
        form.addRow(tr("Source file"), row)
        self.source_layer_combo = Combo()  # (a scroll over it never changes the choice)
        self.source_layer_combo.setEnabled(False)
        form.addRow(tr("Source layer"), self.source_layer_combo)
        self.target_combo = Combo()
        for name in LAYERS:  # as the layer tree names it, with the table's own name
            self.target_combo.addItem(layer_choice(name, self.lang), name)
        form.addRow(tr("Plan layer"), self.target_combo)
        self.crs_edit = QLineEdit()
        self.crs_edit.setPlaceholderText(tr("from the file (e.g. EPSG:4518 to override)"))
        self.tolerance = NumberBox()  # (a scroll over it changes no tolerance)
        self.tolerance.setRange(0.0, 100.0)
        self.tolerance.setDecimals(1)
        self.tolerance.setSuffix(" %")
        self.tolerance.setValue(5.0)
        row = QHBoxLayout()  # one row for both: the room goes to the problems
        row.addWidget(self.crs_edit, 1)
        row.addWidget(QLabel(tr("Area tolerance")))
        row.addWidget(self.tolerance)
        form.addRow(tr("Coordinate system"), row)

        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [tr("Source field"), tr("Plan field"), tr("First value")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.changes_tree = QTreeWidget()
        self.changes_tree.setHeaderLabels([tr("Change"), tr("Details")])
        self.changes_tree.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.problems_table = QTableWidget(0, 5)
        self.problems_table.setHorizontalHeaderLabels(
            [tr("Severity"), tr("Row"), tr("Feature"), tr("Field"), tr("Problem")])
        self.problems_table.horizontalHeader().setStretchLastSection(True)
        self.problems_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.problems_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.problems_table.verticalHeader().setVisible(False)
        self.problems_table.setWordWrap(True)
        self.problems_table.setToolTip(tr("Double-click a problem to zoom to its feature"))
        self.problems_table.cellDoubleClicked.connect(self.zoom_to_problem)
        rows = self.problems_table.verticalHeader().defaultSectionSize()
        self.problems_table.setMinimumHeight(4 * rows)  # the header and three problems at least
        self.changes_tree.setMinimumHeight(3 * rows)

        # the mapping above the splitter, as tall as its rows: each row is a choice to see
        split = QSplitter(Qt.Vertical)
        summary = QScrollArea()
        summary.setWidgetResizable(True)
        summary.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 8)  # two lines
        summary.setWidget(self.summary_label)
        self.summary_label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        split.addWidget(self.changes_tree)
        split.addWidget(self.problems_table)
        split.addWidget(summary)
        split.setChildrenCollapsible(False)
        for i, stretch in enumerate((1, 2, 1)):  # the problems get the room
            split.setStretchFactor(i, stretch)
        self.split = split

        self.delete_missing = QCheckBox(tr("Delete the rows the source does not have"))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.verdict = QLabel()  # why Import is disabled
        self.verdict.setWordWrap(True)
        self.preview_button = QPushButton(tr("Preview"))
        # (not clicked's checked=False as use_table: the preview is of the mapping on screen)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.import_button = self.buttons.addButton(tr("Import"), QDialogButtonBox.AcceptRole)
        self.import_button.setEnabled(False)
        # Enter (a path typed, say) previews; only a click on Import writes
        self.import_button.setAutoDefault(False)
        self.preview_button.setDefault(True)
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        add_help(self.buttons)

        # all but the buttons' row in a scroll area: on a screen shorter than the parts need
        # (800×600) they scroll into sight, none cut off below the screen's edge
        self.body = _Body()
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(QLabel(tr("Field mapping")))
        box.addWidget(self.mapping_table)
        box.addWidget(split, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll, 1)
        bottom = self.bottom = QHBoxLayout()  # the progress in the buttons' row: never grows
        bottom.addWidget(self.delete_missing)
        bottom.addWidget(self.verdict, 1)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.preview_button)
        bottom.addWidget(self.buttons)
        outer.addLayout(bottom)

        self.source_edit.editingFinished.connect(self._path_edited)
        self.source_layer_combo.currentIndexChanged.connect(lambda _: self._reload_fields())
        self.source_layer_combo.activated.connect(lambda _: setattr(self, "_layer_by_hand", True))
        self.target_combo.currentIndexChanged.connect(lambda _: self._target_changed())
        self.crs_edit.editingFinished.connect(  # (ended too as the dialog goes, QGIS quitting)
            lambda: None if sip.isdeleted(self) else self.preview())
        self.tolerance.valueChanged.connect(lambda _: self.preview())
        self.delete_missing.toggled.connect(lambda _: self._show_plan())

    # --- choosing -------------------------------------------------------------------------
    def browse(self):
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Choose the surveyed data"), str(self.master.parent),
            any_case(tr(
                "Surveyed data (*.shp *.geojson *.json *.gpkg *.kml *.kmz *.gpx *.csv *.tsv)")))
        if path:
            self.load_source(path)

    def _path_edited(self):
        """The path box left or Enter pressed: the file is read again only if the path
        changed. A click elsewhere ends the editing too: rebuilding the mapping then took the
        drop-down clicked away, or reset the mapping and disabled Import under the click."""
        if sip.isdeleted(self):  # QGIS quitting: the box's editing ends as the dialog goes
            return
        path = self.source_edit.text().strip()
        if path and path != self._source_path:
            # the press on Import that took the focus from the box: its click imports nothing
            clicked = (QApplication.focusWidget() is self.import_button
                       and bool(QApplication.mouseButtons() & Qt.LeftButton))
            self.load_source(path)
            if clicked and self.import_button.isEnabled():
                self._unseen = True
                self.verdict.setText(tr("{file} read: see its preview, then click Import")
                                     .format(file=Path(path).name))

    def load_source(self, path: str, source_layer: str | None = None):
        """Open a source file, fill the layer list and the mapping, and preview."""
        if not path:
            return
        self._loading = True
        try:
            self._source_path = str(path)
            self.source_edit.setText(str(path))
            self.source_layer_combo.clear()
            try:  # a GeoPackage's tables, a KML's folders
                names = source_layers(path)
            except SourceError as e:
                self.source_layer_combo.setEnabled(False)
                self._fail(e.message(self.lang))
                return
            if len(names) > 1:  # none taken unasked: the user says which
                self.source_layer_combo.addItem(tr("(choose the layer to import)"), None)
            for name in names:
                self.source_layer_combo.addItem(name, name)
            if names:
                self._layer_by_hand = bool(source_layer)
                self._pick_source_layer(source_layer)
            self.source_layer_combo.setEnabled(bool(names))
        finally:
            self._loading = False
        self._reload_fields()

    def set_target(self, layer: str):
        self.target_combo.setCurrentIndex(self.target_combo.findData(layer))

    def _pick_source_layer(self, name: str | None = None) -> None:
        """``name``, or the source's layer that best fits the plan layer chosen."""
        combo = self.source_layer_combo
        names = [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]
        if name is None and len(names) > 1:  # (a GPX's tracks, as the command reads it)
            name = unasked_layer(self.source_edit.text(), names) or best_source_layer(
                self.source_edit.text(), names, self.target_combo.currentData(),
                self._targets())
        combo.setCurrentIndex(max(0, combo.findData(name)) if name else 0)

    def _source_layer(self) -> str | None:
        return self.source_layer_combo.currentData() or None

    def _layer_unchosen(self) -> bool:
        """A file of several layers whose layer the user has not chosen: said, and True."""
        if self.source_layer_combo.count() < 2 or self._source_layer() is not None:
            return False
        self._fail(tr("{file} has {n} layers: choose under “{box}” the one to import into "
                      "{layer}").format(file=Path(self.source_edit.text()).name,
                                        n=self.source_layer_combo.count() - 1,
                                        box=tr("Source layer"),
                                        layer=self.target_combo.currentData()))
        return True

    def _reload_fields(self):
        if self._loading or not self.source_edit.text():
            return
        if self._layer_unchosen():
            self._fields = []
            self._fill_mapping(None)
            return
        try:
            src = read_source(self.source_edit.text(), self._source_layer())
        except SourceError as e:
            self._fail(e.message(self.lang))
            return
        self._fields = list(src.fields)
        first = src.features[0].attrs if src.features else {}
        self._samples = {f: "" if first.get(f) is None else str(first.get(f))
                         for f in self._fields}
        self._fill_mapping(None)
        self.preview(use_table=False)

    def _target_changed(self):
        if self.source_layer_combo.count() > 1 and not self._layer_by_hand:
            self._loading = True
            try:
                self._pick_source_layer()
            finally:
                self._loading = False
            self._reload_fields()
        elif self._fields:
            self._fill_mapping(None)
            self.preview(use_table=False)

    def _targets(self) -> list[str]:
        conn = db.connect(self.master, readonly=True)
        try:
            cols = db.file_columns(conn, self.target_combo.currentData())
        finally:
            conn.close()
        return mapping_targets(self.target_combo.currentData(), cols)

    def _fill_mapping(self, mapping: dict | None):
        targets = self._targets()
        layer = self.target_combo.currentData()
        labels = {t: said(self.lang) for t in targets if (said := target_label(layer, t))}
        for i in range(self.mapping_table.rowCount()):  # the old choices go at once
            old = self.mapping_table.cellWidget(i, 1)
            if old is not None:
                old.hide()
        self.mapping_table.setRowCount(len(self._fields))
        for i, f in enumerate(self._fields):
            item = QTableWidgetItem(f)
            item.setFlags(item.flags() & ~Qt.ItemIsEditable)
            self.mapping_table.setItem(i, 0, item)
            combo = Combo()  # scrolling the mapping over it never changes it
            combo.addItem(tr("(not imported)"), NOT_IMPORTED)
            for t in targets:  # the plan's label, and the column's name the summary uses
                combo.addItem(f"{labels[t]} {t}" if labels.get(t) not in (None, "", t) else t,
                              t)
            if mapping and mapping.get(f):
                combo.setCurrentIndex(max(0, combo.findData(mapping[f])))
            combo.currentIndexChanged.connect(lambda _, f=f, c=combo: self._mapped(f, c))
            self.mapping_table.setCellWidget(i, 1, combo)
            sample = QTableWidgetItem(self._samples.get(f, ""))
            sample.setFlags(sample.flags() & ~Qt.ItemIsEditable)
            self.mapping_table.setItem(i, 2, sample)
        self._fit_mapping()

    def _fit_mapping(self, most: int = 10) -> None:
        """The mapping table as tall as its rows (up to ``most``, then it scrolls): each is a
        choice the user must see before importing; no taller, the room left is the preview's.
        Shorter (three rows at least) where the dialog would grow past the screen's room."""
        table = self.mapping_table
        table.resizeRowsToContents()
        least = table.verticalHeader().defaultSectionSize()  # (a row not laid out yet)
        heights = [max(table.rowHeight(i), least) for i in range(min(table.rowCount(), most))]
        edge = table.horizontalHeader().height() + 2 * table.frameWidth() + 4
        table.setFixedHeight(edge + sum(heights))
        over = self.needed_height() - self.room
        if over > 0:
            table.setFixedHeight(max(edge + sum(heights[:3]), edge + sum(heights) - over))

    def _fit_problems(self) -> None:
        """The problems pane tall enough for its first three problems, however many lines
        each wraps to in a narrow dialog (the rest scroll within it): the dialog's parts
        scroll for it on a short screen."""
        table = self.problems_table
        rows = table.verticalHeader().defaultSectionSize()
        shown = sum(table.rowHeight(i) for i in range(min(3, table.rowCount())))
        table.setMinimumHeight(max(4 * rows, table.horizontalHeader().sizeHint().height()
                                   + shown + 2 * table.frameWidth()))

    def needed_height(self) -> int:
        """The dialog's height with all its parts in sight, none scrolled."""
        outer = self.layout()
        margins = outer.contentsMargins()
        return (margins.top() + margins.bottom() + outer.spacing()
                + self.body.minimumSizeHint().height() + self.bottom.minimumSize().height())

    def mapping(self) -> dict:
        """The mapping as the table shows it: {source field: plan field or None}."""
        out = {}
        for i, f in enumerate(self._fields):
            combo = self.mapping_table.cellWidget(i, 1)
            out[f] = (combo.currentData() or None) if combo else None
        return out

    def _mapped(self, field: str, combo: Combo) -> None:
        """A field mapped by hand: previewed, and kept when the file is read again."""
        if self._loading:
            return
        self._by_hand[field] = combo.currentData() or None
        self.preview()

    def _kept(self) -> dict | None:
        """The fields mapped by hand that the source read and the plan layer have: a new file
        of the same fields (or the plan layer chosen again) keeps the user's choices."""
        targets = self._targets()
        kept = {f: t for f, t in self._by_hand.items()
                if f in self._fields and (t is None or t in targets)}
        return kept or None

    def set_mapping(self, field: str, target: str | None):
        i = self._fields.index(field)
        combo = self.mapping_table.cellWidget(i, 1)
        combo.setCurrentIndex(max(0, combo.findData(target or NOT_IMPORTED)))

    # --- preview --------------------------------------------------------------------------
    def preview(self, use_table: bool = True):
        """Plan the import (nothing is written) and show it; returns the plan."""
        if self._loading or not self.source_edit.text() or self.task is not None:
            return None
        self._unseen = False
        if self._layer_unchosen():  # (Preview clicked before the layer is chosen)
            return None
        try:
            self.plan = plan_import(
                self.master, self.source_edit.text(), self.target_combo.currentData(),
                source_layer=self._source_layer(), crs=self.crs_edit.text().strip() or None,
                mapping=self.mapping() if use_table and self._fields else self._kept(),
                area_tolerance=self.tolerance.value() / 100.0)
            # the figures of a project its patches would hold unlike once written: warned
            # of before, as the command line's dry run warns of them
            self.apart = apart_said(apart_if_written(self.master, self.plan), self.lang)
        except SyncError as e:
            self._fail(error_in_user_language(e, self.lang))
            return None
        if not use_table:  # show what was recognised or saved
            self._loading = True
            try:
                self._fill_mapping(self.plan.mapping)
            finally:
                self._loading = False
        self._show_plan()
        return self.plan

    def _fail(self, message: str):
        self.plan = None
        self.summary_label.setText(self._in_dialog(message))
        self.changes_tree.clear()
        self.problems_table.setRowCount(0)
        self.import_button.setEnabled(False)
        self.verdict.setText(self._in_dialog(message))

    def _in_dialog(self, text: str) -> str:
        """The core's words for the command line, with the dialog's own controls for its
        options: the coordinate system box for --crs, the checkbox for --delete-missing, the
        source layer box for --source-layer, the mapping table for --mapping."""
        text = CRS_REMINDER.sub(lambda _: "" if re.search(r"--crs EPSG:\d+", text) else
                                "（" + tr("enter its EPSG code under “{box}”").format(
                                    box=tr("Coordinate system")) + "）", text)
        # (the option to leave out, or what it gave: said before the option asked for)
        text = re.sub(r"(?:leave out|请去掉) --crs", lambda _: tr(
            "leave “{box}” empty").format(box=tr("Coordinate system")), text)
        text = re.sub(r"--crs (?:gives|给出) ", lambda _: tr("“{box}” gives").format(
            box=tr("Coordinate system")) + " ", text)
        text = re.sub(r"(?:give |请给出 |可用 )?--crs (EPSG:\d+)(?: 指定)?",
                      lambda m: tr("enter {code} under “{box}”").format(
                          code=m[1], box=tr("Coordinate system")), text)
        # the option named without a code ("if they are not, give --crs")
        text = re.sub(r"(?:give |请用 )?--crs(?: 指定)?",
                      lambda _: tr("enter it under “{box}”").format(box=tr("Coordinate system")),
                      text)
        # (the mapping table for --mapping, the field and its plan field from the example)
        table = tr("Field mapping")
        text = re.sub(r'map it with --mapping, a JSON file such as \{"(.*?)": "(.*?)"\}'
                      rf'(?: \({SOME_FIELD.en}: [^)]*\))?|'
                      r'请用 --mapping 指定对应（一个 JSON 文件，如 \{"(.*?)": "(.*?)"\}）',
                      lambda m: _chosen_in_table(m[1] or m[3], m[2] or m[4], table), text)
        text = re.sub(r"(?:map it with |give |请用 )--mapping(?: 指定)?",
                      lambda _: tr("map it in the “{table}” table").format(table=table), text)
        text = re.sub(r"choose one \(--source-layer\)|请指定一个$",
                      lambda _: tr("choose one under “{box}”").format(box=tr("Source layer")),
                      text)
        # (a folder each in turn: the box named where the option is)
        text = re.sub(r"\(--source-layer\)|（--source-layer）", lambda m: m[0][0] + tr(
            "choose one under “{box}”").format(box=tr("Source layer")) + m[0][-1], text)
        return text.replace("--delete-missing", f"“{self.delete_missing.text()}”")

    def _show_plan(self):
        plan = self.plan
        if plan is None:
            return
        deleting = self.delete_missing.isChecked()
        # (the figures warned of below counted with the plan's warnings)
        said = plan.summary(self.lang, deleting, warned=len(self.apart))
        self.summary_label.setText("\n".join([self._in_dialog(said), *self.apart]))
        self.changes_tree.clear()
        groups = ((tr("Updated"), plan.updates), (tr("New"), plan.inserts))
        for title, items in groups:
            top = QTreeWidgetItem([f"{title} ({len(items)})", ""])
            row = tr("Row")
            for ch in items:
                fields = ", ".join(ch.fields)
                top.addChild(QTreeWidgetItem([ch.key, f"{row} {ch.row}: {fields}"]))
            self.changes_tree.addTopLevelItem(top)
        # (a refused import deletes nothing: what it would delete once its errors are fixed)
        title = (tr("Missing from the source: kept") if not deleting else
                 tr("Missing from the source: would be deleted once the errors are fixed")
                 if plan.has_errors else tr("Missing from the source: will be deleted"))
        top = QTreeWidgetItem([f"{title} ({len(plan.missing)})", ""])
        for m in plan.missing:  # (an import never deletes a patch with records)
            extra = ("" if not m.verifications else by_count(
                m.verifications, tr("1 verification: kept, not deleted"),
                tr("{n} verifications: kept, not deleted")).format(n=m.verifications)
                if deleting and not m.deletable
                else by_count(m.verifications, tr("1 verification"),
                              tr("{n} verifications")).format(n=m.verifications))
            top.addChild(QTreeWidgetItem([m.key, extra]))
        self.changes_tree.addTopLevelItem(top)
        unchanged = tr("Unchanged")
        top = QTreeWidgetItem([f"{unchanged} ({len(plan.unchanged)})", ""])
        for key in plan.unchanged:
            top.addChild(QTreeWidgetItem([key, ""]))
        self.changes_tree.addTopLevelItem(top)
        sev_text = {"error": tr("Error"), "warning": tr("Warning"), "info": tr("Note")}
        # (a problem found alike in many rows said once, as the command line says it)
        shown = self.problems_shown = notes_grouped(plan.problems, plan.layer,
                                                    plan.source_info.get("features"))
        self.problems_table.setRowCount(len(shown))
        order = sorted(range(len(shown)), key=lambda i: SEVERITY_ORDER.get(shown[i].severity, 3))
        for row, i in enumerate(order):
            p = shown[i]
            cells = [sev_text.get(p.severity, p.severity), "" if p.row is None else str(p.row),
                     p.code or "", p.field or "", self._in_dialog(p.message(self.lang))]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setForeground(QBrush(QColor(SEVERITY_COLOURS.get(p.severity, "#000"))))
                item.setData(Qt.UserRole, i)
                self.problems_table.setItem(row, j, item)
        for j in range(4):  # the problem itself takes the rest, wrapped: read whole
            self.problems_table.resizeColumnToContents(j)
        self.problems_table.resizeRowsToContents()
        self._fit_problems()
        nothing = not (plan.updates or plan.inserts
                       or (deleting and any(m.deletable for m in plan.missing)))
        why = (tr("Fix the errors first: nothing is written while there are errors")
               if plan.has_errors else
               tr("Nothing to import: the master already matches the source") if nothing
               else "")
        self.import_button.setEnabled(not why and self.task is None)
        self.import_button.setToolTip(why)
        self.verdict.setText(why)

    def zoom_to_problem(self, row: int, _column: int = 0) -> bool:
        """Zoom the map to the feature a problem concerns (if its place is known)."""
        item = self.problems_table.item(row, 0)
        if self.plan is None or item is None:
            return False
        bbox = self.problems_shown[item.data(Qt.UserRole)].bbox
        if bbox is None or self.iface is None:
            return False
        canvas = self.iface.mapCanvas()
        rect = QgsRectangle(*bbox)
        rect.grow(max(rect.width(), rect.height(), 0.001) * 0.5)
        xform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4490"),
                                       canvas.mapSettings().destinationCrs(),
                                       QgsProject.instance())
        try:
            rect = xform.transformBoundingBox(rect)
        except Exception:  # noqa: BLE001 (a CRS QGIS cannot transform to: stay put)
            return False
        canvas.setExtent(rect)
        canvas.refresh()
        return True

    # --- import ---------------------------------------------------------------------------
    def import_now(self):
        """Write the previewed plan in a background task (nothing if it has errors)."""
        plan = self.plan
        if plan is None or not self.import_button.isEnabled() or self.task is not None:
            return None
        if self._unseen:  # (the click that read the file)
            self._unseen = False
            return None
        editing = unsaved_edits(self.master)
        if editing:  # saving them later would overwrite the import unseen
            self.summary_label.setText(unsaved_edits_message(editing))
            return None
        delete = self.delete_missing.isChecked()
        master = self.master
        task = CoreTask(tr("Importing surveyed data"),
                        lambda progress: apply_import(master, plan, delete_missing=delete,
                                                      progress=progress))
        self.task = task
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.import_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        task.progressChanged.connect(lambda v: self.progress.setValue(int(v)))
        task.done.connect(self._done)
        QgsApplication.taskManager().addTask(task)
        return task

    def _done(self, result, error: str):
        self.task = None
        self.progress.setVisible(False)
        self.preview_button.setEnabled(True)
        if error:
            self.summary_label.setText(tr("Not imported: {error}").format(error=error))
            self.preview()
            return
        self.result = result
        reload_layers(self.master)
        said = tr("Imported: {updated} updated, {inserted} new, {deleted} deleted").format(
            updated=result.updated, inserted=result.inserted, deleted=result.deleted)
        if result.in_package:  # the package's own edits, sent by its next export
            said += "\n" + (tr("These are the field package's own edits: its next export "
                               "sends them. A new feature whose code the master holds already "
                               "(outside this package's area) is refused by the merge: import "
                               "such a source into the master.") if result.inserted else
                            tr("These are the field package's own edits: its next export "
                               "sends them."))
        for warning in apart_said(result.apart):  # (written as given, as a merge takes them)
            said += "\n" + warning
        self.summary_label.setText(said)
        self.import_button.setEnabled(False)
        self.imported.emit(result)
