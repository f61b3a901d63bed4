# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync dock: field packages out, change packages in, merged in the background."""

from __future__ import annotations

import contextlib
import html
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from field_kit import errors, forms
from field_kit.app.editors import Combo
from field_kit.bilingual import Text
from field_kit.db import connect, table_exists
from field_kit.file_filters import any_case
from field_kit.forms import shown
from field_kit.plan import schema
from field_kit.plan.values import column_named
from field_kit.qfield import project as qproject
from field_kit.qfield import project_folder
from field_kit.sync import (
    added_again,
    changelog,
    codes_follow,
    device_clock,
    drift,
    exports_lacking,
    masters,
    merge,
    outcomes,
    patch_code_format,
    pull_said,
    room,
    schema_changes,
    waiting_edits,
)
from field_kit.sync.changelog import local_time
from field_kit.sync.conflicts import closed_with_layer
from field_kit.sync.pull import (
    BACK,
    BACK_UNDONE,
    COLUMNS_GIVE_WAY_NOW,
    GONE,
    GONE_UNDONE,
    not_brought_said,
    refused_pull,
    undone_said,
)

from .. import change_package
from ..core_messages import (
    added_said,
    checkout_refused_said,
    codes_left_title,
    codes_title,
    cut_short_finished_said,
    export_said,
    followed_said,
    in_conflict,
    in_part_lines,
    in_user_language,
    labelled,
    line_in_user_language,
    master_named,
    no_code_on_bar,
    no_code_warnings,
    refusal_said,
    schema_said,
    sentence,
    shapes_left_title,
)
from ..dialogs.conflicts import CONFLICTS_TITLE, drop_conflicts_warning
from ..help import add_help
from ..i18n import by_count, listed, sentences, tr, user_language
from ..layer_handlers import LayerHandlers
from ..plan_layers import (
    edited,
    editing_message,
    editing_tip,
    layer_table,
    layers_of,
    pull_waits_said,
    reload_layers,
    relock,
    relocked_said,
    unsaved_edits,
)
from ..said_of_the_file import SaidOfTheFile
from ..tasks import CoreTask
from .columns_look import ColumnsLook

STATUS_TEXT = {
    outcomes.APPLIED: Text("已应用", "applied"),
    outcomes.ALREADY: Text("此前已应用", "already applied"),
    outcomes.CONFLICT: Text("冲突待处理", "conflicts"),
    outcomes.REFUSED: Text("已拒收", "refused"),
}


PROBLEM = "#b00020"  # the colour the dock says a problem in
WAITING = "#b35900"  # and what waits (for a lock, for edits to end)


def paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def lines_html(lines: list) -> str:
    """Lines the library words for the command line too, in the user's language, each a
    paragraph, indented under the line they follow as the command line prints them."""
    return "".join(
        f'<p style="margin-left:{8 * max(0, len(line.indent) - 2)}px">'
        f"{html.escape(line_in_user_language(line))}</p>" for line in lines)


def _cut_to(township: str | None, info: dict) -> str:
    """The heading of what a field package holds, by what it was cut to: a township, the
    patches of a selection (with the box around it where it cut a layer of the county's own
    too), or the box of a selection that held no patch."""
    if township:
        return tr("Cut to the township {township}, it holds: {layers}.")
    if not info.get("patches"):
        return tr("Cut to the area, it holds: {layers}.")
    # (the plan's layers are cut by the patches, those of features selected by them; any
    # other by the selection's box)
    boxed = any(t not in schema.BY_NAME and t not in (info.get("features") or {})
                for t in info["held"])
    one = len(info["patches"]) == 1
    if boxed:
        return (tr("Cut to the patch of the selection, and the county's own layers to the "
                   "selection's area, it holds: {layers}.") if one else
                tr("Cut to the {n} patches of the selection, and the county's own layers to "
                   "the selection's area, it holds: {layers}."))
    return (tr("Cut to the patch of the selection, it holds: {layers}.") if one else
            tr("Cut to the {n} patches of the selection, it holds: {layers}."))


def _named(package, items: list, naming) -> list[str]:
    """The first of a pull's ``items`` named as the field app names them, by the function
    ``naming(conn, lang)`` gives (the count said before them says how many)."""
    conn = connect(package)
    try:
        name = naming(conn, user_language())
        lines = [name(item) for item in items[:shown.REPLACED_SHOWN]]
    finally:
        conn.close()
    return lines + (["…"] if len(items) > shown.REPLACED_SHOWN else [])


def _replaced_value(conn, lang: str):
    """A value a pull replaced: record, field label, code labels."""
    lists = forms.load_code_lists(conn) if table_exists(conn, "code_lists") else {}
    return lambda r: shown.replaced_line(conn, lists, r[0], r[1], r[2], r[3], r[4], lang)


def _kept_value(conn, lang: str):
    """A conflict a pull met: record, field label, the value kept here and the master's."""
    lists = forms.load_code_lists(conn) if table_exists(conn, "code_lists") else {}
    return lambda k: shown.kept_line(conn, lists, k[0], k[1], k[2], k[3], k[4], lang)


def _rows_settled(rows: list) -> list[tuple[str, list[str]]]:
    """(what is said, the records' names) of the rows a pull gave back or took away."""
    named = [(said, [name for _, _, kind, name in rows if kind == which]) for which, said in (
        (BACK, (tr("1 record this device had deleted is back (the master kept it):"),
                tr("{n} records this device had deleted are back (the master kept them):"))),
        (GONE, (tr("1 record this device had edited is gone (the master deleted it):"),
                tr("{n} records this device had edited are gone (the master deleted them):"))),
        (BACK_UNDONE, (tr("1 record this device had deleted is back (the master undid the "
                          "merge that deleted it):"),
                       tr("{n} records this device had deleted are back (the master undid "
                          "the merge that deleted them):"))),
        (GONE_UNDONE, (tr("1 record this device had edited is gone (the master undid the "
                          "merge that brought it):"),
                       tr("{n} records this device had edited are gone (the master undid "
                          "the merge that brought them):"))))]
    return [(by_count(len(names), *said).format(n=len(names)), names) for said, names in named]


def merge_report_html(report: merge.MergeReport, settle: dict[str, int] | None = None,
                      still: dict[str, int] | None = None, in_part: dict | None = None) -> str:
    """The merge report a supervisor reads: its warnings first, under a heading of their
    own (every refusal's reason, a row by the name the merge gives it, a patch code, a
    record's patch and day, else by its uuid; the area and centre not recomputed; the
    codes left as they were or off the national format), then the counts per package (its
    conflicts as ``settle``, :func:`masters.to_settle`, counts them to settle; a package
    merged before, the conflicts its earlier merge left open, ``still``), then what was
    followed: the area and centre recomputed, the codes given or moved. ``in_part``: the
    changes each merge applied in part, as :func:`masters.to_settle` reads them."""
    settle, still, in_part = settle or {}, still or {}, in_part or {}
    rows = []
    for r in report.results:
        # (applied: what went in, a change the master took over its own values too)
        counts = {**r.counts, outcomes.APPLIED: r.went_in, outcomes.CONFLICT: in_conflict(
            r.counts[outcomes.CONFLICT], settle.get(r.merge_id))}
        rows.append("<tr><td>{}</td><td>{}</td>{}</tr>".format(
            html.escape(r.source), html.escape(r.device),
            "".join(f"<td align=right>{counts[k]}</td>" for k in STATUS_TEXT)))
    head = "".join(f"<th>{said(user_language())}</th>" for said in STATUS_TEXT.values())
    package, device = tr("Package"), tr("Device")
    parts = [f"<table border=1 cellspacing=0 cellpadding=3><tr><th>{package}</th>"
             f"<th>{device}</th>{head}</tr>{''.join(rows)}</table>"]
    parts += [paragraph(f"{r.source}: {in_user_language(line)}") for r in report.results
              for line in [*r.counts_said(), *in_part_lines(r, in_part)]]
    parts += [paragraph(by_count(left, tr("{package}: merged before, nothing new in it; 1 "
                                          "conflict its earlier merge recorded is still to "
                                          "settle."),
                                 tr("{package}: merged before, nothing new in it; {n} "
                                    "conflicts its earlier merge recorded are still to "
                                    "settle.")).format(
        package=r.source, n=left)) for r in report.results
        if (left := sum(still.get(m, 0) for m in r.merged_before))]
    for title, added in ((tr("Layers added to the master"), [
            (r.source, layer) for r in report.results for layer in r.layers]), (
            tr("Columns added to the master"), [
                (r.source, column) for r in report.results for column in r.schema])):
        if added:
            parts.append(f"<h4>{title}</h4><ul>" + "".join(
                f"<li>{html.escape(source)}: {html.escape(_columns_named([name]))}</li>"
                for source, name in added)
                + "</ul>")
    refusals = [(r, o) for r in report.results for o in r.outcomes
                if o.status == outcomes.REFUSED]
    refused = []
    for path, reason in report.refused:
        name, said = refusal_said(path, reason)
        refused.append(f"<li><b>{html.escape(name)}</b>: {html.escape(said)}</li>")
    for r, o in refusals:
        row = r.names.get((o.table, o.row)) or o.row or ""
        layer = column_named(o.table, user_language()) if o.table else ""
        refused.append(f"<li>{html.escape(r.source)}: {html.escape(layer)} "
                       f"{html.escape(row)}: "
                       f"{html.escape(labelled(in_user_language(o.reason or ''), o.table))}"
                       "</li>")
    # (the records restored with no photo, the projects' figures: no code's, under their own)
    coded, no_code = no_code_warnings(report.codes_followed)
    shapes_left, codes_left, measured, codes = followed_said(report.derived, coded)
    # what needs the supervisor first, apart: refusals, the area and centre not
    # recomputed, the codes left naming no row or off the national format
    refused_title = tr("Refused, not applied")
    parts.insert(0, warnings_html([
        # this computer's clock reading before the master's last merge: said before all
        paragraph(sentence(report.clock_behind)) if report.clock_behind else "",
        # a package brought up to another master: this one restored, or another copy
        *(paragraph(sentence(said)) for said in report.other_master),
        f"<h4>{html.escape(refused_title)}</h4><ul>{''.join(refused)}</ul>"
        if refused else "", listed_html(shapes_left_title(), shapes_left),
        listed_html(codes_left_title(), codes_left),
        *(listed_html(title, lines) for title, lines in no_code)]))
    # the area and centre of the shapes merged recomputed; the codes given or moved
    parts.append(listed_html(tr("Area and centre of the shapes merged"), measured))
    parts.append(listed_html(codes_title(), codes))
    totals = report.totals
    if totals[outcomes.CONFLICT] or any(still.values()):
        parts.append(paragraph(tr("Open “Settle conflicts” to settle them field by field.")))
    return "".join(parts)


MERGE_NAMED = Qt.UserRole + 1  # a merge listed: (its package, device, local time)


def _undo_asked(named: tuple[str, str, str], ahead) -> str:
    """The question before an undo: the merge by its package, device and time, and what
    undoing it puts back (``ahead``: :func:`masters.to_undo`)."""
    package, device, at = named
    asked = [tr("Undo the merge of {package} from {device} at {at}?").format(
        package=package, device=device, at=at)]
    # (the changes and the values counted apart: each said in the singular for one)
    changes = by_count(ahead.applied, tr("the 1 change it applied"),
                       tr("the {n} changes it applied")).format(n=ahead.applied)
    values = by_count(ahead.settled, tr("the 1 value written in settling its conflicts"),
                      tr("the {n} values written in settling its conflicts")).format(
        n=ahead.settled)
    if ahead.applied and ahead.settled:
        asked.append(tr("It reverts {changes} and {values}.").format(changes=changes,
                                                                     values=values))
    elif ahead.applied:
        asked.append(tr("It reverts {changes}.").format(changes=changes))
    elif ahead.settled:
        asked.append(tr("It applied no change; it reverts {values}.").format(values=values))
    else:
        asked.append(tr("It applied no change, and settling its conflicts wrote no value: "
                        "nothing is put back."))
    if ahead.conflicts:
        asked.append(by_count(ahead.conflicts,
                              tr("Its 1 conflict, open or settled, is closed as undone."),
                              tr("Its {n} conflicts, open or settled, are closed as "
                                 "undone.")).format(n=ahead.conflicts))
    asked.append(tr("The undo is itself recorded in the history."))
    return sentences(asked)


def listed_html(title: str, lines: list[str]) -> str:
    """``lines`` under ``title`` (nothing without a line)."""
    return (f"<h4>{html.escape(title)}</h4><ul>"
            + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
            if lines else "")


def warnings_html(parts: list[str]) -> str:
    """A report's warnings (``parts``, those not empty) before all else, under a heading
    of their own in the colour the dock says a problem in, a rule under them."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    title = tr("Warnings")
    return (f'<div style="color:{PROBLEM}"><h3>⚠ {html.escape(title)}</h3>'
            + "".join(parts) + "</div><hr>")


def _township_choices(layer, lang: str) -> list[tuple[str, str]]:
    """(as listed, Chinese name) of the townships, in the plan's order (as the forms list
    them): in English both names (Toksun Town 托克逊镇), the English alone being no name
    the plan or the county uses."""
    if layer is None:
        return []
    has_en = layer.fields().indexOf("name_en") >= 0
    request = QgsFeatureRequest()
    if layer.fields().indexOf("fid") >= 0:
        request.addOrderBy("fid")
    return [(f"{f['name_en']} {f['name_zh']}" if lang != "zh" and has_en and f["name_en"]
             else f["name_zh"], f["name_zh"]) for f in layer.getFeatures(request)
            if f["name_zh"]]


class MergeReportDialog(QDialog):
    """The last merge or pull report at a readable width (the dock is narrow), resizable,
    not blocking."""

    def __init__(self, report_html: str, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setWindowTitle(tr("Sync report"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setHtml(report_html)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        add_help(buttons)
        layout.addWidget(buttons)


class SyncDock(QDockWidget):
    merged = pyqtSignal()

    def __init__(self, iface, master, parent=None):
        super().__init__(tr("Sync: field packages and merge"), parent)
        self.setObjectName("ToksunSyncDock")
        self.iface = iface
        self.master = master  # a GeoPackage path or a PostgreSQL master's address
        self.task: CoreTask | None = None
        self.unplaced: list[str] = []  # layers whose selection has no place on the map
        # the patches selected, or those the records and projects selected belong to (the
        # package keeps these, not every patch in the box around them); None: none such
        self.chosen_patches: list[str] | None = None
        # of the layers of the county's own selected, the features selected (by uuid: the
        # package keeps these alone), and those whose features have none (cut by the box)
        self.chosen_features: dict[str, list[str]] | None = None
        self.unkeyed: list[str] = []
        body = QWidget()
        layout = QVBoxLayout(body)
        self.master_label = QLabel()
        self.master_label.setWordWrap(True)
        layout.addWidget(self.master_label)
        # why the supervisors' buttons are off: a database role given the editors' grants
        self.refusal: str | None = None
        self.rights_label = QLabel()
        self.rights_label.setWordWrap(True)
        self.rights_label.setStyleSheet(f"color:{PROBLEM}")
        self.rights_label.setVisible(False)
        layout.addWidget(self.rights_label)
        # what only a master does: hidden where the file opened is a field package
        self.master_boxes = (self._checkout_box(), self._merge_box(), self._history_box())
        for box in self.master_boxes:
            layout.addWidget(box)
        layout.addWidget(self._package_box())
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.report = QTextBrowser()
        layout.addWidget(self.report, 1)
        self.report_button = QPushButton(tr("Show the report…"))
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.show_report)
        layout.addWidget(self.report_button)
        self.report_dialog: MergeReportDialog | None = None  # kept while it is shown
        self.waits: list[str] = []  # what the work running waits for, said in the report
        # a merge's result on the bar: of the master it merged into, gone once another opens
        self.merge_said = SaidOfTheFile(iface)
        self.setWidget(_Scrolled(body))
        # the field package's layers in QGIS: each save of their edits changes its count
        self.package_layers = LayerHandlers()
        self._added = QgsProject.instance().layersAdded.connect(
            lambda _: self._follow_package())
        self.destroyed.connect(lambda _=None, added=self._added, layers=self.package_layers:
                               _unfollow(added, layers))
        # a PostgreSQL master's columns dropped in the database: the merges listed again,
        # which says what its commands wait for
        self.columns_look = ColumnsLook(self, lambda: self.refresh_merges())
        self.set_master(self.master)

    def unhook(self) -> None:
        """Stop following the project and the package's layers: the plugin unloads, and the
        dock, deleted only later, must not hear a layer added meanwhile (it crashed QGIS)."""
        _unfollow(self._added, self.package_layers)
        self.columns_look.stop()

    # --- building the panel -----------------------------------------------------------
    def _checkout_box(self) -> QGroupBox:
        box = QGroupBox(tr("Field package for a technician"))
        form = QFormLayout(box)
        # a field too wide beside its label goes under it: the dock no wider than it must be
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.device = QLineEdit()
        # (its label says it is the device's name: "device name, e.g. …" was cut)
        self.device.setPlaceholderText(tr("e.g. tech-li-laptop"))
        form.addRow(tr("Device"), self.device)
        self.role = Combo()
        self.role.addItem(tr("Technician: verification and inspection records"),
                          schema.TECHNICIAN)
        self.role.addItem(tr("GIS staff: plan layers too"), schema.GIS)
        _shrinking(self.role, 16)
        # under its label, the dock's whole width: beside it, a choice was cut at the width
        # the dock opens at
        role_label = QLabel(tr("Role"))
        role_label.setBuddy(self.role)
        form.addRow(role_label)
        form.addRow(self.role)
        self.by_township = QRadioButton(tr("Township"))
        self.by_township.setChecked(True)
        self.township = _said_whole(_narrow(Combo()))
        form.addRow(self.by_township, self.township)
        self.by_selection = QRadioButton()
        said = QLabel(tr("The features selected on the map"))  # (a label wraps; a radio's
        said.setWordWrap(True)  # text does not)
        said.mousePressEvent = lambda _event: self.by_selection.setChecked(True)
        form.addRow(self.by_selection, said)
        self.checkout_button = QPushButton(tr("Create field package…"))
        self.checkout_button.clicked.connect(self.create_field_package)
        form.addRow(self.checkout_button)
        return box

    def _merge_box(self) -> QGroupBox:
        box = QGroupBox(tr("Change packages from the field"))
        layout = QVBoxLayout(box)
        self.package_list = QListWidget()
        layout.addWidget(self.package_list)
        row = QHBoxLayout()
        add = QPushButton(tr("Add…"))
        add.clicked.connect(self.add_packages)
        remove = QPushButton(tr("Remove"))
        remove.clicked.connect(lambda: [self.package_list.takeItem(self.package_list.row(i))
                                        for i in self.package_list.selectedItems()])
        self.merge_button = QPushButton(tr("Merge into the master"))
        self.merge_button.clicked.connect(self.merge_packages)
        for b in (add, remove):
            row.addWidget(b)
        layout.addLayout(row)
        layout.addWidget(self.merge_button)  # (a row of its own: the dock is narrow)
        return box

    def _history_box(self) -> QGroupBox:
        box = QGroupBox(tr("Merges into this master"))
        layout = QVBoxLayout(box)
        self.merge_list = QListWidget()
        self.merge_list.setWordWrap(True)  # a note why it is empty, in the narrow dock
        layout.addWidget(self.merge_list)
        self.undo_button = QPushButton(tr("Undo the selected merge…"))
        self.undo_button.clicked.connect(lambda: self.undo_selected())
        layout.addWidget(self.undo_button)
        return box

    def _package_box(self) -> QGroupBox:
        box = QGroupBox(tr("A field package"))
        layout = QVBoxLayout(box)
        self.package_label = QLabel(tr("No field package chosen."))
        self.package_label.setWordWrap(True)
        layout.addWidget(self.package_label)
        choose = QPushButton(tr("Choose…"))
        choose.clicked.connect(lambda: self.choose_package())
        self.pull_button = QPushButton(tr("Pull the master into it"))
        self.pull_button.clicked.connect(lambda: self.pull_package())
        # why the package chosen may not be pulled into (its layers aside), nor exported,
        # said in the buttons' tips (empty: it may)
        self.unpullable = self.unexportable = tr(
            "Not offered until a field package is chosen (Choose…).")
        self.export_button = QPushButton(tr("Export its changes…"))
        self.export_button.clicked.connect(lambda: self.export_package())
        # what Pull waits for, under it, where the package's layers are in an edit session
        self.pull_waits = QLabel()
        self.pull_waits.setWordWrap(True)
        self.pull_waits.setStyleSheet(f"color:{WAITING}")
        self.pull_waits.setVisible(False)
        for widget in (choose, self.pull_button, self.pull_waits,  # (the dock is narrow)
                       self.export_button):
            layout.addWidget(widget)
        self.field_package: Path | None = None
        self._offer_package()  # (greyed, saying why, until a package is chosen)
        return box

    def refresh_merges(self) -> None:
        """The master's merges, newest first, with what each did and whether it was undone."""
        self.merge_list.clear()
        acting: dict = {}
        try:
            done = list(reversed(masters.merges(self.master, acting)))
        except errors.SyncError as exc:
            self._offer_by_rights(None)  # (not read: a click says why, if it must)
            self._merges_note(tr("The merges cannot be read: {reason}").format(  # the master
                reason=in_user_language(exc.message)), problem=True)  # is named above
            return
        # GIS staff of a PostgreSQL master: only supervisors check out, merge and undo
        self._offer_by_rights(acting["session"].refusal("sync") if "session" in acting
                              else None)
        if not done:
            self._merges_note(tr("No merge into this master yet."))
        # this computer's clock reading before the last merge: said before the next merge,
        # which it would date, not only in that merge's report
        behind = device_clock.behind(max((m["at"] for m in done), default=None))
        if behind:
            self._merges_note(sentence(behind), problem=True)
        # as Settle conflicts lists them, settled or not, and those open yet
        fields, still, dropped = masters.fields_settled(
            self.master, [m["merge_id"] for m in done if m["conflicts"]])
        for m in done:
            text = tr("{at} {package} from {device}: applied {applied}, conflicts "
                      "{conflicts}, refused {refused}").format(**{
                          **m, "at": local_time(m["at"]), "conflicts": in_conflict(
                              m["conflicts"], fields.get(m["merge_id"]),
                              bool(m["undone_at"]), still[m["merge_id"]],
                              dropped[m["merge_id"]])})
            # (a merge whose package only added a column is one too)
            text += "".join(" · " + said for said in added_said(m.get("layers_added") or [],
                                                               m.get("columns_added") or []))
            if m["undone_at"]:  # the user's local time, as History shows a change's
                text += " · " + tr("undone {at}").format(at=local_time(m["undone_at"]))
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, m["merge_id"])
            item.setData(MERGE_NAMED, (m["package"], m["device"], local_time(m["at"])))
            self.merge_list.addItem(item)

    def _offer_by_rights(self, refusal: str | None) -> None:
        """The supervisors' buttons off where the role may not use them (``refusal``: why,
        said above them, as Settle conflicts says it); on again where it may."""
        self.refusal = refusal
        self.rights_label.setText(in_user_language(refusal) if refusal else "")
        self.rights_label.setVisible(refusal is not None)
        self._offer_master()

    def _offer_master(self) -> None:
        """Checkout, Merge and Undo offered unless other work of the dock runs or the role
        may not use them, their tip naming which (until offered again)."""
        why = self._running_tip() or (in_user_language(self.refusal) if self.refusal else "")
        for b in (self.merge_button, self.checkout_button, self.undo_button):
            _offer(b, why)

    def _merges_note(self, text: str, problem: bool = False) -> None:
        """Why the list holds no merge (none yet, or not readable), in the list itself: no
        merge to select."""
        if not text:
            return
        item = QListWidgetItem(text)
        item.setToolTip(text)
        item.setFlags(Qt.NoItemFlags)
        item.setForeground(QColor("#b00020") if problem else QColor("#666666"))
        self.merge_list.addItem(item)

    def undo_selected(self, confirm: bool = True) -> None:
        items = self.merge_list.selectedItems()
        if not items:
            self.report.setHtml(paragraph(tr("Select a merge first.")))
            return
        merge_id = items[0].data(Qt.UserRole)
        editing = unsaved_edits(self.master)
        if editing:
            self.report.setHtml(paragraph(tr(
                "Not undone: {layers} of the master have edits in QGIS not yet saved. Save or "
                "discard them first; nothing was changed.").format(layers=_names(editing))))
            return
        if confirm:
            try:  # (what it would put back, counted as the undo counts it)
                ahead = masters.to_undo(self.master, merge_id)
            except errors.SyncError as exc:
                said = tr("Not undone: {reason}").format(reason=in_user_language(exc.message))
                self.report.setHtml(paragraph(said))
                self.iface.messageBar().pushCritical(tr("Merge not undone"), said)
                return
            if QMessageBox.question(self, tr("Undo the selected merge…"), _undo_asked(
                    items[0].data(MERGE_NAMED), ahead)) != QMessageBox.Yes:
                return
        self.run(tr("Undoing a merge"), lambda progress: (
            masters.undo(self.master, merge_id), masters.conflicts(self.master)),
            lambda done: self._undone(*done), not_done=tr("Merge not undone"))

    def _undone(self, undone, still_open: list) -> None:
        if not still_open:
            drop_conflicts_warning(self.iface)
        said = [by_count(undone.reverted, tr("Merge undone: 1 change reverted."),
                         tr("Merge undone: {n} changes reverted.")).format(n=undone.reverted)]
        closed = undone.closed  # the conflicts the merge recorded (said on the bar too)
        if closed:
            said.append(by_count(closed, tr(
                "1 conflict this merge recorded is closed as undone with it: Settle conflicts "
                "no longer lists it, and what settling it wrote is reverted too."), tr(
                "{n} conflicts this merge recorded are closed as undone with it: Settle "
                "conflicts no longer lists them, and what settling any of them wrote is "
                "reverted too.")).format(n=closed))
        for table, rows in undone.layers_left.items():  # (a form may name it already)
            said.append(tr("Layer {layer}, made by this merge, is left empty.").format(
                layer=table) if rows == 0 else by_count(rows, tr(
                    "Layer {layer}, made by this merge, is left, with 1 row added since."),
                    tr("Layer {layer}, made by this merge, is left, with {n} rows added "
                       "since.")).format(layer=table, n=rows))
        said += [tr("Column {column}, added by this merge, is left.").format(column=column)
                 for column in undone.columns_left]  # (as undo-merge says)
        said += [in_user_language(line) for line in undone.put_back_said()]
        shapes_left, codes_left, measured, codes = followed_said(undone.derived,
                                                                 undone.codes_followed)
        self.report.setHtml(warnings_html([listed_html(shapes_left_title(), shapes_left),
                                           listed_html(codes_left_title(), codes_left)])
                            + "".join(paragraph(line) for line in said)
                            + listed_html(tr("Area and centre of the shapes"), measured)
                            + listed_html(codes_title(), codes))
        self.report_button.setEnabled(True)
        self._on_bar(tr("Merge undone"), sentences(said[:2 if closed else 1]),
                     _warned(shapes_left, codes_left))
        reload_layers(self.master)
        self.refresh_merges()
        self.merged.emit()

    def choose_package(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("A field package"), "",
                                                  any_case(tr("GeoPackage (*.gpkg)")))
        if not path:
            return
        if self.field_package != Path(path):  # another package: its own layers followed
            self.package_layers.close()
        self.field_package = Path(path)
        self._follow_package()
        self.show_package()

    def _follow_package(self) -> None:
        """Count the field package's changes again each time QGIS saves edits to one of its
        layers (added to the project before or after it was chosen), and offer Pull again
        as an edit session on one starts or ends, or the layer goes."""
        if self.field_package is None:
            return
        for layer in layers_of(self.field_package):
            if layer.id() not in self.package_layers:
                self.package_layers.connect(layer, [
                    (layer.afterCommitChanges, self.show_package),
                    *((signal, self._offer_package) for signal in (
                        layer.editingStarted, layer.editingStopped, layer.willBeDeleted))])

    def show_package(self) -> None:
        """The chosen field package: its device and the changes waiting to be exported."""
        pkg = self.field_package
        if pkg is None:
            return
        st = None
        try:
            conn = connect(pkg, readonly=True)
            try:
                st = changelog.state(conn)
                if st["kind"] != changelog.PACKAGE:  # nothing of it to export, nor to pull
                    raise errors.BadInput(f"{pkg.name} is a master, not a field package")
                drifts = drift.find(conn)
                # capture not whole: its edits since are not counted, and never "0 waiting"
                drift.raise_if_broken(pkg.name, drifts)
                waiting = changelog.pending(conn, drifts)
                # the layers and columns it added go with the export too, as status says
                again = added_again.said(conn, drifts)
                added = schema_changes.waiting(conn, drifts, again)
                # (and what the master refuses of those it holds, carried before or not)
                own = schema_changes.own(conn, drifts, again)
                refused = refused_pull(conn)
                # edits of a layer the last pull found dropped from the master: refused
                dropped = waiting_edits.refused_said(waiting_edits.on_dropped_layers(conn))
                # a QField project's package: the photos in its DCIM/ the export reads in
                photos = project_folder.unread_said(
                    project_folder.photos_unread(conn, str(pkg)), str(pkg), waiting)
            finally:
                conn.close()
        except errors.SyncError as exc:
            why = in_user_language(exc.message)
            # neither offered: not the package chosen before's Export left in place
            self.unpullable = self.unexportable = tr(
                "Not offered for the file chosen: {reason}").format(reason=why)
            self._offer_package()
            if st is None or st["kind"] == changelog.PACKAGE:  # (a master: said it is one)
                why += "\n" + tr("Pull and Export are not offered for it.")
            self.package_label.setText(why)
            return
        self.package_label.setText(by_count(
            waiting, tr("{name}: device {device}, 1 change waiting to be exported"),
            tr("{name}: device {device}, {n} changes waiting to be exported")).format(
                name=pkg.name, device=st["device"], n=waiting)
                                   + "".join("\n" + in_user_language(line)
                                             for line in photos)
                                   + "".join("\n" + line for line in schema_said(
                                       added, st["role"], carried=False, held=own))
                                   + "".join("\n" + in_user_language(line)
                                             for line in dropped)
                                   + _pull_refused(refused))
        # (a package opened as the dock's own file has no master here to pull)
        self.unpullable = "" if pkg != self._own() else tr(
            "Not offered while the field package itself is open: there is no master here to "
            "pull from. Open its master and choose this package there.")
        self.unexportable = ""
        self._offer_package()

    def _offer_package(self) -> None:
        """Pull and Export offered where the package may be pulled into and exported, but
        not while other work of the dock runs (one piece of work at a time: their tip names
        it, until it is done), nor Pull while one of the package's layers is in an edit
        session (its tip and a line under it name them, until editing stops). Why one may
        not be said first: it outlasts the work running."""
        pkg = self.field_package
        running = self._running_tip()
        editing = [layer.name() for layer in edited(pkg)] \
            if not self.unpullable and pkg is not None else []
        _offer(self.pull_button, self.unpullable or running or (
            editing_tip(editing, pkg.name) if editing and pkg is not None else ""))
        _offer(self.export_button, self.unexportable or running)
        # (said under it too: a tip is read only by who hovers)
        self.pull_waits.setText(pull_waits_said(editing) if editing else "")
        self.pull_waits.setVisible(bool(editing))

    def _running_tip(self) -> str:
        """Why a button is greyed while other work of the dock runs, naming it (none
        running: empty)."""
        return self._running(tr("Not offered while “{work}” is under way: one piece of "
                                "work at a time."))

    def _running(self, said: str) -> str:
        """``said`` of the work running now, named (none running: empty)."""
        return said.format(work=self.task.description()) if self.task is not None else ""

    def _refused_while_running(self, title: str) -> bool:
        """Whether other work of the dock runs, a click that would start more then refused
        on the message bar under ``title`` (what was not done), naming it."""
        said = self._running(tr("“{work}” is under way in the Sync panel: one piece of work "
                                "at a time; try again once it is done."))
        if said:
            self.merge_said.warning(title, said)
        return bool(said)

    def _own(self) -> Path | None:
        """The dock's file where it is a GeoPackage, else None."""
        return None if masters.is_postgres(self.master) else Path(self.master)

    def export_package(self, out: str | None = None) -> None:
        """The chosen field package's changes since its last export, as a change package."""
        pkg = self.field_package
        if pkg is None or self._refused_while_running(tr("Change package not exported")):
            return
        if out is None:
            out, _ = QFileDialog.getSaveFileName(self, tr("Save the change package"),
                                                 str(_change_package_beside(pkg)),
                                                 any_case(tr("Zip (*.zip)")))
        if not out:
            return

        # what it did before writing the change package (photos read in, an export cut
        # short settled), said whatever that meets
        before: dict = {}
        # (a Cancel heard until the change package takes its name: none of it is written)
        cancelled = tr("cancelled by the user; nothing was written: no change package, the "
                       "changes wait for the next export")

        def export(progress):
            try:
                return change_package.export(pkg, out, before, progress=progress)
            except errors.Cancelled:
                raise errors.Cancelled(cancelled) from None
        self.run(tr("Exporting a change package"), export,
                 lambda done: self._exported(out, *done),
                 said_too=lambda: change_package.said_before(**before),
                 failed=self.show_package,  # (what it read in is waiting now)
                 cancelled=cancelled, not_done=tr("Change package not exported"))

    def _exported(self, out: str, said: list[str], brought: list[str], made: int,
                  deleted: int, man: dict) -> None:
        """``said``: what reading the photos in decided; ``brought``: the photos read in,
        ``made`` the changes that made and ``deleted`` those deleting the photos of records
        deleted in the project (both sent with those waiting)."""
        done, unmarked = export_said(out, man)
        n = man["counts"]["changes"]
        self.report.setHtml(
            "".join(paragraph(line) for line in change_package.said_before(
                said, brought, man.get("cut_short"), man.get("pasted") or ()))
            + paragraph(done)
            + "".join(paragraph(line) for line in change_package.made_said(n, made, deleted))
            + (f'<p style="color:#b00020">{html.escape(unmarked)}</p>' if unmarked else ""))
        # on the bar too, titled as done, or as not done where there was nothing to export
        self._on_bar(tr("Change package exported") if Path(out).exists() else
                     tr("Change package not exported"), done, [unmarked] if unmarked else [])
        self.show_package()

    def pull_package(self) -> None:
        pkg = self.field_package
        if pkg is None or self._refused_while_running(tr(
                "Master not pulled into the field package")):
            return
        # (as QGIS reloads no layer in an edit session: what the pull writes and the grants
        # it locks again would meet edits typed on, or be overwritten by them)
        editing = edited(pkg)
        if editing:
            said = editing_message([layer.name() for layer in editing], pkg.name)
            self.report.setHtml(paragraph(said))
            self.merge_said.warning(tr("Pull"), said)
            return
        master = self.master

        def pull(progress):
            pulled = project_folder.pull(pkg, master)
            # (the master's open conflicts read here too, not while QGIS waits)
            return pulled, pull_said.still_open(master, pulled.package, pulled.result.replaced)
        self.run(tr("Pulling the master into a field package"), pull,
                 lambda done: self._pulled(*done),
                 not_done=tr("Master not pulled into the field package"))

    def _pulled(self, pulled, still_open: list) -> None:
        """``still_open``: of the values the master's replaced, those still in its open
        conflicts, as :func:`pull_said.still_open` words them for the command line."""
        result = pulled.result
        # its layers open in QGIS locked as the grants the pull brought say
        relocked = [layer.name() for layer in relock(pulled.package)]
        c = result.counts
        name = self.field_package.name if self.field_package else ""
        # (the changes of the conflicts listed: not those a later change of it settled, nor
        # those whose field a later change of it wrote again, its conflict listed)
        pulled_in_conflict = in_conflict(
            c[outcomes.CONFLICT] - result.settled_here - result.met_again, result.conflicts)
        # the shapes and codes the pull followed (the master's own edits, the package's
        # records of a patch it renamed): warnings first, apart, as a merge's report says them
        shapes_left, codes_left, measured, codes = followed_said(result.derived,
                                                                 result.codes_followed)
        # the changes this device exported that the master has not merged (the master
        # restored from a backup, it may be): first, as the command line says them
        lacking = in_user_language(exports_lacking.said(*result.not_merged) or "")
        self.report.setHtml(warnings_html([listed_html(shapes_left_title(), shapes_left),
                                           listed_html(codes_left_title(), codes_left)])
                            + (f"<p><b>{html.escape(lacking)}</b></p>" if lacking else "")
                            + paragraph(by_count(len(result.fields_in), tr(
                "Pulled into {name}: applied {applied}, conflicts {conflicts} (where they "
                "clash, the package's unsent values kept); 1 field of records already there "
                "now holds the master's value."), tr(
                "Pulled into {name}: applied {applied}, conflicts {conflicts} (where they "
                "clash, the package's unsent values kept); {fields} fields of records already "
                "there now hold the master's value.")).format(
                name=name, applied=c["applied"], conflicts=pulled_in_conflict,
                fields=len(result.fields_in)))
            + (paragraph(by_count(result.own_settled, tr(
                "1 change met a conflict that a later change of the master settled: the "
                "package holds what the master holds, nothing to settle."), tr(
                "{n} changes met a conflict that a later change of the master settled: the "
                "package holds what the master holds, nothing to settle.")).format(
                    n=result.own_settled))
               if result.own_settled else "")
            # (the new rows the package's cut left out, the values replaced and those still
            # in the master's open conflicts: the command line's words; each value replaced,
            # old -> new, named as the forms show it)
            + lines_html(pull_said.left_out_said(result))
            + "".join(paragraph(line) for line in _named(pulled.package, result.kept,
                                                         _kept_value))
            + (lines_html([pull_said.replaced_head(result)]) + "".join(
                paragraph(line) for line in _named(pulled.package, result.replaced,
                                                   _replaced_value))
               + lines_html(still_open) if result.replaced else "")
            # (the values a merge undone since had brought, or kept aside: the library's words)
            + "".join(paragraph(in_user_language(head)) + "".join(
                paragraph(line) for line in _named(pulled.package, values, _replaced_value))
                for head, values in undone_said(result))
            + (paragraph(by_count(result.closed, tr(
                "1 conflict of this package is settled: it now holds what the master holds."),
                tr("{n} conflicts of this package are settled: it now holds what the master "
                   "holds.")).format(n=result.closed))
               if result.closed else "")
            # (closed with a layer the master dropped: nobody settled them)
            # (conflicts --every, which lists them, is the command line's: not said here)
            + "".join(paragraph(in_user_language(closed_with_layer(
                tbl, n, listed_by_command=False))) for tbl, n in sorted(result.dropped.items()))
            # (an edit given up, its column renamed or dropped in the master: nothing to settle)
            + lines_html(pull_said.refused_closed_said(result, pulled.package))
            + "".join(paragraph(in_user_language(line))
                      for line in not_brought_said(result))
            + "".join(paragraph(said) + "".join(
                paragraph(f"· {name}") for name in names[:shown.REPLACED_SHOWN])
                for said, names in _rows_settled(result.rows_settled) if names)
            + (paragraph(by_count(len(result.resent), tr(
                "1 edit this device sent was refused by the master and is waiting to be sent "
                "again:"), tr(
                "{n} edits this device sent were refused by the master and are waiting to be "
                "sent again:")).format(n=len(result.resent)))
               + "".join(paragraph(f"· {in_user_language(said)}")
                         for *_, said in result.resent[:shown.REPLACED_SHOWN])
               + (paragraph("…") if len(result.resent) > shown.REPLACED_SHOWN else "")
               if result.resent else "")
            + "".join(paragraph(in_user_language(said)) for *_, said in result.given_up)
            + "".join(paragraph(in_user_language(said))
                      for gave in result.gave_way for said in gave.said())
            + listed_html(tr("Area and centre of the shapes"), measured)
            + listed_html(codes_title(), codes)
            + "".join(paragraph(in_user_language(f"grants changed: {changed}"))
                      for changed in result.grants)
            + (paragraph(relocked_said(relocked)) if relocked else "")
            + (paragraph(tr("Added from the master: {names}").format(
                names=_columns_named(result.layers + result.schema)))
               if result.layers or result.schema else "")
            + (paragraph(tr("Values this device sent, now as the master stores them (rounded "
                            "to the column, a time in UTC): {names}").format(
                names=_columns_named(sorted(set(result.as_stored))))) if result.as_stored else "")
            + (paragraph(by_count(len(pulled.photos), tr(
                "1 photo the pull brought written to the QField project folder {folder}: "
                "{names}"), tr(
                "{n} photos the pull brought written to the QField project folder {folder}: "
                "{names}")).format(
                n=len(pulled.photos), folder=pulled.folder, names=", ".join(pulled.photos)))
               if pulled.photos else "")
            + (paragraph(_project_written(pulled)) if pulled.project else "")
            + (paragraph(tr("{zip} written again from the folder, for QField's import from "
                            "ZIP.").format(zip=pulled.zip)) if pulled.zip else "")
            + "".join(f"<p><b>{html.escape(in_user_language(p))}</b></p>"
                      for p in pulled.warnings + pulled.problems))
        self.report_button.setEnabled(True)
        self.show_package()
        self._on_bar(tr("Pull"), tr(
            "Pulled into {name}: applied {applied}, conflicts {conflicts}; the Sync panel's "
            "report says the rest.").format(name=name, applied=c["applied"],
                                            conflicts=pulled_in_conflict),
            [lacking] * bool(lacking) + [relocked_said(relocked)] * bool(relocked)
            + _warned(shapes_left, codes_left, pulled.warnings + pulled.problems))
        if result.replaced or result.undone or result.undone_aside or result.resent or \
                result.given_up or result.rows_settled or result.gave_way or result.closed or \
                result.dropped or pulled.problems or lacking:
            # more than the counts: at a width to read it
            self.show_report()

    def set_master(self, master) -> None:
        if str(master) != str(self.master):  # what was said was of the file open before
            self.report.clear()
            drop_conflicts_warning(self.iface)
            self.merge_said.drop()
            self.report_button.setEnabled(False)
            # its panels from the top: another file's show other boxes, or none above
            self.widget().verticalScrollBar().setValue(0)
        self.master = master
        own = self._own()
        package = masters.is_field_package(self.master)
        # a file by its name (a path does not wrap in the narrow dock), whole in its tooltip
        self.master_label.setText((tr("Field package: {path}") if package else
                                   tr("Master: {path}")).format(
                                       path=master_named(master, short=own is not None)))
        self.master_label.setToolTip(master_named(master))
        for box in self.master_boxes:
            box.setVisible(not package)
        if package:  # its changes waiting, to export
            self.choose_package(str(master))
        self.township.clear()
        layer = self._layer("townships")
        for shown_as, name in _township_choices(layer, user_language()):
            self.township.addItem(shown_as, name)  # (a package is cut by the Chinese name)
        self.refresh_merges()
        self.columns_look.follow(master)

    # --- actions ----------------------------------------------------------------------
    def create_field_package(self):
        device = self.device.text().strip()
        if not device:
            self.report.setHtml(paragraph(tr("Give the device a name first.")))
            return
        township, bbox, cut_to, patches, features = None, None, None, None, None
        unkeyed: list[str] = []
        if self.by_township.isChecked():
            township = self.township.currentData() or None
            cut_to = self.township.currentText() if township else None  # (as listed)
        else:
            bbox = self.selection_bbox()
            if bbox is None and self.unplaced:  # (rows of a table, records of no patch)
                self.report.setHtml(paragraph(tr(
                    "The features selected have no place on the map ({layers}): select "
                    "patches, their records or projects, or features of a map layer.").format(
                        layers=listed(self.unplaced))))
                return
            if bbox is None:
                self.report.setHtml(paragraph(tr("Select features on the map first.")))
                return
            patches = self.chosen_patches
            features, unkeyed = self.chosen_features, list(self.unkeyed)
        # a field package is never written over (it may hold edits not sent yet): no
        # "replace it?" the checkout would then refuse
        out, _ = QFileDialog.getSaveFileName(self, tr("Save the field package"),
                                             f"{device}.gpkg",
                                             any_case(tr("GeoPackage (*.gpkg)")),
                                             options=QFileDialog.DontConfirmOverwrite)
        if not out:
            return
        role = self.role.currentData()
        master = self.master
        # (no package, no device registered: said so, before the work began too)
        cancelled = tr("cancelled by the user; nothing was written: no field package, the "
                       "device not registered")

        def checkout(progress):
            try:
                with room.said(master, out):  # the disk full: the room it needs is said
                    return masters.checkout(master, out, device, township=township, bbox=bbox,
                                            patches=patches, features=features, role=role,
                                            progress=progress)
            except errors.Cancelled:
                raise errors.Cancelled(cancelled) from None
            except errors.BadInput as exc:  # (said by the selection, not by --bbox)
                said = checkout_refused_said(exc.message, master, in_dock=True)
                if said is None:
                    raise
                raise errors.BadInput(said) from None
        # (refused or cancelled: said under what did not happen, not what was under way)
        self.run(tr("Creating the field package"), checkout,
                 lambda info: self._checked_out(out, info, cut_to, unkeyed),
                 cancelled=cancelled, not_done=tr("Field package not created"))

    def _checked_out(self, out: str, info: dict, township: str | None = None,
                     unkeyed: list[str] | tuple = ()) -> None:
        written = tr("Field package written: {path}").format(path=out)
        # what it removed of an earlier run cut short, said first, as the command line does
        stale = cut_short_finished_said(out, info)
        # what the cut kept of each layer it cuts, under it in the report, said by what it
        # was cut to: a township by its name, the patches of a selection by their number
        held = _cut_to(township, info).format(
            township=township, n=len(info.get("patches") or ()), layers=listed(
                (tr("{layer} (1 feature)") if n == 1 else tr("{layer} ({n} features)"))
                .format(layer=column_named(t, user_language()), n=n)
                for t, n in info["held"].items())) if info.get("held") else ""
        if held and info.get("features"):  # (of a layer of the county's own: those alone)
            held += " " + tr("Of {layers}, the features selected alone.").format(
                layers=listed(column_named(t, user_language()) for t in info["features"]))
        if held and unkeyed:
            held += " " + tr("The features selected of {layers} have no uuid: cut to the "
                             "selection's area.").format(layers=listed(unkeyed))
        # also on the message bar, the report may need scrolling: what the checkout warns
        # of (a selection around no patch, values it could not carry as they are), first
        whole = [in_user_language(said) for said in info.get("warnings") or []]
        if info.get("whole"):
            whole.append(tr("Carried whole, their coordinates not being those of the selection "
                            "(EPSG:{epsg}): {layers}").format(epsg=schema.CRS_EPSG,
                                                             layers=", ".join(info["whole"])))
        if info.get("whole_in_township"):  # a township cuts the plan's layers alone
            whole.append(tr(
                "Carried whole, a township keeping only the plan's patches and projects and "
                "their records: {layers}. To cut a layer of the county's own to the "
                "township's area, check out by the selection instead.").format(layers=listed(
                    (tr("{layer} (1 feature)") if n == 1 else tr("{layer} ({n} features)"))
                    .format(layer=name, n=n)
                    for name, n in info["whole_in_township"].items())))
        # (what a box left out having no shape, the attribute tables carried whole)
        whole += [in_user_language(said) for said in info.get("cut_said") or []]
        warned = list(whole)
        # what the checkout followed of the master's own edits first (QGIS, the sqlite3
        # shell), as the command line says it: warnings apart, before all else
        shapes_left, codes_left, measured, codes = followed_said(info.get("derived") or [],
                                                                 info.get("codes_followed") or [])
        if shapes_left or codes_left:
            n = len(shapes_left) + len(codes_left)
            warned.append(by_count(n, tr(
                "1 warning of the master's own edits: the report says what."), tr(
                "{n} warnings of the master's own edits: the report says what.")).format(n=n))
        self._on_bar(tr("Field package created"),
                     sentences([stale, written]) if stale else written, warned)
        self.report.setHtml(
            warnings_html([*map(paragraph, whole),
                           listed_html(shapes_left_title(), shapes_left),
                           listed_html(codes_left_title(), codes_left)])
            + (paragraph(stale) if stale else "")
            + paragraph(written) + (paragraph(held) if held else "")
            + (paragraph(in_user_language(info["projects_said"]))  # (opening the package)
               if info.get("projects_said") else "")
            + listed_html(tr("Area and centre of the shapes edited in the master itself"),
                          measured)
            + listed_html(codes_title(), codes))
        self.report_button.setEnabled(True)

    def selection_bbox(self) -> tuple[float, float, float, float] | None:
        """Lon/lat box around the features selected on the map, or None. A record of the
        plan (a verification, an inspection, a photo) or a project is placed by the patches
        it belongs to, whose package it travels in, not by where it was taken."""
        box, found = QgsRectangle(), False
        self.unplaced, self.unkeyed = [], []
        chosen: set | None = None
        features: dict[str, list[str]] = {}
        tables = {layer.id(): layer_table(layer) for layer in layers_of(self.master)}
        patches = self._layer("mine_patches")
        for layer in QgsProject.instance().mapLayers().values():
            if not hasattr(layer, "selectedFeatureCount") or not layer.selectedFeatureCount():
                continue
            table = tables.get(layer.id())
            if table in _BY_PATCHES and patches is not None and \
                    _BY_PATCHES[table][0] in layer.fields().names():
                chosen = chosen or set()
                crs, extent = patches.crs(), self._patches_extent(patches, layer, table, chosen)
            elif table == "mine_patches" and "uuid" in layer.fields().names():
                chosen = (chosen or set()) | {f["uuid"] for f in layer.getSelectedFeatures()}
                crs, extent = layer.crs(), layer.boundingBoxOfSelected()
            else:
                crs, extent = layer.crs(), layer.boundingBoxOfSelected()
                if table and table not in schema.BY_NAME:  # a layer of the county's own
                    keys = ([f["uuid"] for f in layer.getSelectedFeatures()]
                            if "uuid" in layer.fields().names() else [])
                    if keys and all(isinstance(k, str) and k for k in keys):
                        features.setdefault(table, []).extend(keys)
                    else:  # (not tracked yet: the checkout tracks it, cut by the box)
                        self.unkeyed.append(layer.name())
            if extent.isNull() or extent.xMinimum() > extent.xMaximum() or \
                    extent.yMinimum() > extent.yMaximum():  # (no geometry selected)
                self.unplaced.append(layer.name())
                continue
            if crs.authid() != f"EPSG:{schema.CRS_EPSG}":
                extent = QgsCoordinateTransform(crs, _crs_4490(),
                                                QgsProject.instance()).transformBoundingBox(extent)
            if found:
                box.combineExtentWith(extent)
            else:
                box, found = QgsRectangle(extent), True
        # (records of no patch: the box of the rest cuts the patches, as before)
        self.chosen_patches = sorted(k for k in chosen or () if k) or None
        self.chosen_features = {t: sorted(set(k)) for t, k in features.items()} or None
        if not found:
            return None
        return (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())

    def _patches_extent(self, patches, layer, table: str, found: set) -> QgsRectangle:
        """The extent of the patches the features selected on ``layer`` (of the master's
        ``table``) belong to, their uuids added to ``found``; a null rectangle where they
        belong to none."""
        patch_keys: set = set()
        project_keys: set = set()
        column, keys = _BY_PATCHES[table]
        chosen = {f[column] for f in layer.getSelectedFeatures()}
        if keys == "record":  # a photo: by its record, a verification's or an inspection's
            records = QgsFeatureRequest().setFilterExpression(_in_list("uuid", chosen))
            for name in ("patch_verifications", "project_inspections"):
                link, its = _BY_PATCHES[name]
                got = self._layer(name)
                if got is not None:
                    (patch_keys if its == "patch" else project_keys).update(
                        r[link] for r in got.getFeatures(records))
        else:
            (patch_keys if keys == "patch" else project_keys).update(chosen)
        extent = QgsRectangle()
        extent.setMinimal()
        request = QgsFeatureRequest().setFilterExpression(
            f"{_in_list('uuid', patch_keys)} OR {_in_list('project_uuid', project_keys)}")
        for patch in patches.getFeatures(request):
            found.add(patch["uuid"])
            if patch.hasGeometry():
                extent.combineExtentWith(patch.geometry().boundingBox())
        return extent

    def add_packages(self):
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Change packages"), "",
                                                any_case(tr("Change packages (*.zip)")))
        existing = set(self.package_paths())
        for p in paths:
            if p not in existing:  # by its name (a path does not fit the narrow dock), whole
                item = QListWidgetItem(Path(p).name)  # in its tooltip
                item.setData(Qt.UserRole, p)
                item.setToolTip(p)
                self.package_list.addItem(item)

    def package_paths(self) -> list[str]:
        return [self.package_list.item(i).data(Qt.UserRole) or self.package_list.item(i).text()
                for i in range(self.package_list.count())]

    def merge_packages(self):
        paths = self.package_paths()
        if not paths:
            self.report.setHtml(paragraph(tr("Add change packages first.")))
            return
        editing = unsaved_edits(self.master)
        if editing:  # saving those edits later would silently overwrite what the merge wrote
            self.report.setHtml(paragraph(tr(
                "Not merged: {layers} of the master have edits in QGIS not yet saved. Save or "
                "discard them first (Layer → Save Layer Edits, or Toggle Editing), then merge "
                "again; nothing was changed.").format(layers=_names(editing))))
            return
        def merged(progress):
            report = masters.merge(self.master, paths, progress=progress)
            # a package merged again brings nothing: what its earlier merge left open
            in_part: dict = {}
            return (report, masters.to_settle(self.master, report, in_part),
                    masters.fields_in_conflict(
                        self.master, [m for r in report.results for m in r.merged_before]),
                    in_part)

        self.run(tr("Merging change packages"), merged,
                 lambda done: self._merged(*done, paths=paths),
                 not_done=tr("Change packages not merged"))

    def _merged(self, report: merge.MergeReport, settle: dict[str, int] | None = None,
                still: dict[str, int] | None = None, in_part: dict | None = None,
                paths: list[str] | None = None):
        """``settle``: the conflicts each merge recorded, as Settle conflicts lists them;
        ``still``: those open of the earlier merges of packages merged again; ``in_part``:
        the changes each applied in part; ``paths``: the packages given to the merge."""
        self._unlist_merged(report, paths or [])
        self.refresh_merges()
        self.report.setHtml(merge_report_html(report, settle, still, in_part))
        self.report_button.setEnabled(True)
        reload_layers(self.master)
        self.merged.emit()
        self.show_report()
        totals = report.totals
        bar = self.iface.messageBar()
        # this computer's clock reading before the master's last merge: first, as the
        # report says it (the merge just made is dated by it), a sentence of its own
        warnings = [sentence(report.clock_behind)] if report.clock_behind else []
        warnings += [sentence(said) for said in report.other_master]
        # edits a device's wrong clock dated after the merge or before its checkout
        clocks = sorted({r.device for r in report.results if r.clock})
        if clocks:
            warnings.append(tr("Edits dated by a wrong device clock ({devices}): the report "
                               "says which.").format(devices=listed(clocks)))
        if report.refused:
            warnings.append(tr("Refused: {packages}.").format(packages="; ".join(
                "{}: {}".format(*refusal_said(p, reason)) for p, reason in report.refused)))
        if totals[outcomes.REFUSED]:
            warnings.append(by_count(
                totals[outcomes.REFUSED], tr("1 change refused: the report says why."),
                tr("{n} changes refused: the report says why.")).format(
                n=totals[outcomes.REFUSED]))
        left = [f for f in report.derived if f.why is not None and
                not isinstance(f, codes_follow.Followed)]
        if left:
            warnings.append(by_count(len(left), tr(
                "1 feature keeps an area and centre not recomputed from its geometry: the "
                "report says why."), tr(
                "{n} features keep an area and centre not recomputed from their geometry: the "
                "report says why.")).format(n=len(left)))
        coded = [f for f in [*report.derived, *report.codes_followed]
                 if isinstance(f, (codes_follow.Followed, patch_code_format.OffFormat))
                 and f.warning]
        if coded:
            warnings.append(by_count(len(coded), tr("1 code warning: the report says which."),
                                     tr("{n} code warnings: the report says which.")).format(
                n=len(coded)))
        warnings += no_code_on_bar(report.codes_followed)
        # (as the report counts them: a change the master took over its own values too)
        applied = sum(r.went_in for r in report.results)
        conflicts = (sum(settle.values()) if settle else totals[outcomes.CONFLICT]) + \
            sum((still or {}).values())
        if warnings:  # what went wrong first; what was applied besides, where any was
            self.merge_said.warning(tr("Merge"), sentences(warnings + ([_applied(
                applied)] if applied else [])))
        elif not conflicts:
            self.merge_said.info(tr("Merge"), by_count(
                applied, tr("1 change applied, no conflict."),
                tr("{n} changes applied, no conflict.")).format(n=applied))
        elif applied:
            self.merge_said.info(tr("Merge"), _applied(applied))
        if conflicts:  # a warning of its own, taken off once none is left to settle
            bar.pushWarning(CONFLICTS_TITLE(), by_count(
                conflicts, tr("1 conflict to settle: open Settle conflicts."),
                tr("{n} conflicts to settle: open Settle conflicts.")).format(n=conflicts))

    def _unlist_merged(self, report: merge.MergeReport, paths: list[str]) -> None:
        """Take the packages merged whole off the list: merged again they would bring
        nothing. Those refused, or with changes refused (a later merge may apply them), stay."""
        refused = {p for p, _ in report.refused}
        kept = {r.source for r in report.results if r.counts[outcomes.REFUSED]}
        merged = {p for p in paths if p not in refused and Path(p).name not in kept}
        for i, path in reversed(list(enumerate(self.package_paths()))):
            if path in merged:
                self.package_list.takeItem(i)

    def show_report(self):
        """The last report (a merge's, a pull's) in a dialog of its own, wide enough to
        read."""
        if self.report_dialog is not None:
            self.report_dialog.close()
        self.report_dialog = MergeReportDialog(self.report.toHtml(), self.iface.mainWindow())
        self.report_dialog.finished.connect(self._report_closed)
        self.report_dialog.show()
        return self.report_dialog

    def _report_closed(self, _result=0):
        self.report_dialog = None

    # --- running core work in the background -------------------------------------------
    def run(self, description: str, work, on_result, said_too=None, failed=None,
            cancelled: str | None = None, not_done: str | None = None) -> CoreTask:
        """``work`` in the background, ``on_result`` given what it returned; where it
        fails, its error is said, after what ``said_too()`` gives (lines of what it did
        before it failed), under ``not_done`` (what did not happen; else the work's
        ``description``), then ``failed()`` is called; ``cancelled``, what a Cancel says
        however early it is pressed."""
        task = CoreTask(description, work, cancelled=cancelled)
        self.task = task
        self._busy(True)
        task.progressChanged.connect(lambda v: self.progress.setValue(int(v)))
        task.held.connect(self._held)
        self.waits = []
        # what the work before said is over: this work said under the progress bar
        self.report.setHtml(self._working())

        def done(result, error):
            self.task = None  # (before the buttons are offered again)
            self._busy(False)
            self.waits = []
            self.report.clear()  # (said while it worked only)
            if error:
                before = (said_too() if said_too is not None else []) + \
                    [in_user_language(note) for note in task.notes]
                # the work named before its error with the language's colon (：in Chinese)
                title = not_done or description
                said = tr("{work}: {error}").format(work=f"<b>{html.escape(title)}</b>",
                                                    error=html.escape(error))
                self.report.setHtml("".join(paragraph(line) for line in before)
                                    + f"<p>{said}</p>")
                push = self.iface.messageBar().pushInfo if task.cancelled_by_user else \
                    self.iface.messageBar().pushCritical
                push(title, sentences([error, *before]))
                if failed is not None:
                    failed()
            else:
                on_result(result)
        task.done.connect(done)
        QgsApplication.taskManager().addTask(task)
        return task

    def _held(self, text: str) -> None:
        """Who holds the lock the work waits for, said under the progress bar while it
        waits (each session once)."""
        if self.task is None:
            return
        self.waits.append(in_user_language(text))
        self.report.setHtml(self._working() + "".join(
            f'<p style="color:{WAITING}">{html.escape(w)}</p>' for w in self.waits))

    def _working(self) -> str:
        """The work running now, named."""
        return f"<p><b>{html.escape(self.task.description())}</b>…</p>" \
            if self.task is not None else ""

    def cancel(self):
        if self.task is not None:
            self.task.cancel()

    def _busy(self, busy: bool):
        self.progress.setValue(0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self._offer_master()
        self._offer_package()

    def _on_bar(self, title: str, done: str, warnings: list[str]) -> None:
        """What a piece of work did, said on QGIS's message bar too (the report may be below
        the fold of a tall dock): a warning, what went wrong first, where the report holds
        warnings; else done, as info. Until closed, not taken off after a few seconds (the
        user may have turned away while it ran), but taken off once another file opens."""
        if warnings:
            self.merge_said.warning(title, sentences([*warnings, done]))
        else:
            self.merge_said.info(title, done, stays=True)

    def _layer(self, table: str):
        return next(iter(layers_of(self.master, table)), None)


class _Scrolled(QScrollArea):
    """The dock's panels, scrolled up and down where they are taller than the screen (QGIS's
    window keeps its size), never sideways: the dock is as wide as they need."""

    def __init__(self, body: QWidget):
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setWidget(body)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.widget().minimumSizeHint().width()
                     + self.verticalScrollBar().sizeHint().width(),
                     super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        # as wide as the panels ask (a drop-down narrowed to its least asks for its
        # longest choice whole), their scroll bar beside them
        return QSize(self.widget().sizeHint().width()
                     + self.verticalScrollBar().sizeHint().width(),
                     super().sizeHint().height())


def _whole(combo: QComboBox) -> QComboBox:
    """``combo`` as wide as its longest choice: a few choices, each read whole to pick."""
    combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
    return combo


def _shrinking(combo: QComboBox, least: int) -> QComboBox:
    """``combo`` as wide as its longest choice where there is room, narrowed with the dock
    to ``least`` characters (a long choice held the dock at nearly 500 px): a choice cut
    there is whole in its tooltip and in the list it opens."""
    _narrow(combo).setMinimumContentsLength(least)
    narrowest = combo.minimumSizeHint().width()
    _whole(combo).setMinimumWidth(narrowest)  # (asks for its longest, takes less)
    return _said_whole(combo)


def _said_whole(combo: QComboBox) -> QComboBox:
    """``combo``'s choice, cut by a narrow dock, whole in its tooltip (and in the list it
    opens, which Qt opens as wide as its longest choice)."""
    combo.setToolTip(combo.currentText())
    combo.currentTextChanged.connect(combo.setToolTip)
    return combo


def _narrow(combo: QComboBox) -> QComboBox:
    """``combo`` as narrow as the dock: its text cut, whole in the list it opens."""
    combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _offer(button: QPushButton, why: str) -> None:
    """``button`` offered where nothing holds it (``why``: what does, said in its tip while
    greyed, taken off once it is offered again)."""
    button.setEnabled(not why)
    button.setToolTip(why)


def _names(layers: list[str]) -> str:
    return "、".join(f"“{n}”" for n in layers)


# the plan's tables whose features are placed by the patches they belong to: the column
# of a selected feature naming them, and what it names (a patch, a project's patches, a
# record's patch or project's patches)
_BY_PATCHES = {"patch_verifications": ("patch_uuid", "patch"),
               "project_inspections": ("project_uuid", "project"),
               "restoration_projects": ("uuid", "project"),
               "photos": ("record_uuid", "record")}


def _in_list(column: str, values) -> str:
    """A QGIS expression: ``column`` is one of ``values`` (none: never)."""
    from qgis.core import QgsExpression

    listed = ", ".join(QgsExpression.quotedValue(v) for v in values if v)
    return f"{QgsExpression.quotedColumnRef(column)} IN ({listed})" if listed else "FALSE"


def _crs_4490():
    from qgis.core import QgsCoordinateReferenceSystem

    return QgsCoordinateReferenceSystem(f"EPSG:{schema.CRS_EPSG}")


def _columns_named(names: list[str]) -> str:
    """Layers and columns the sync names ``table.column``, as the forms label them."""
    lang = user_language()
    return ("、" if lang == "zh" else ", ").join(column_named(n, lang) for n in names)


def _pull_refused(note: dict | None) -> str:
    """What the package's last pull, refused, left: why, and its exported edits the master
    did not hold then, which no count of changes waiting shows (empty: none refused)."""
    if note is None:
        return ""
    text = "\n" + tr("The last pull ({at}) was refused, nothing was pulled: {why}").format(
        at=local_time(note["at"]), why=in_user_language(note["reason"]))
    if note.get("columns_give_way"):  # (an earlier version's refusal: no more)
        text += "\n" + in_user_language(COLUMNS_GIVE_WAY_NOW)
    if note["not_merged"]:
        text += "\n" + by_count(len(note["not_merged"]), tr(
            "1 change it exported was not in the master then: it still waits for it "
            "(Processing's “Export a change package” with “Everything since checkout” sends "
            "it again)."), tr(
            "{n} changes it exported were not in the master then: they still wait for it "
            "(Processing's “Export a change package” with “Everything since checkout” sends "
            "them again).")).format(n=len(note["not_merged"]))
    return text


def _warned(shapes_left: list, codes_left: list, problems: list | tuple = ()) -> list[str]:
    """The message bar's word that a report holds warnings (none: empty)."""
    n = len(shapes_left) + len(codes_left) + len(problems)
    return [by_count(n, tr("1 warning: the report says what."),
                     tr("{n} warnings: the report says what.")).format(n=n)] if n else []


def _applied(n: int) -> str:
    """A merge's changes applied, on the message bar."""
    return by_count(n, tr("1 change applied."), tr("{n} changes applied.")).format(n=n)


def _change_package_beside(pkg: Path) -> Path:
    """Where a package's change package is offered to be saved: beside it, a QField
    project's beside its folder (not in it, which goes to the phone with the project, nor
    as FOLDER.zip, the project's own zip)."""
    if pkg.name == qproject.GPKG_NAME:
        return pkg.parent.parent / f"{pkg.parent.name}-changes.zip"
    return pkg.with_suffix(".zip")


def _unfollow(added, layers: LayerHandlers) -> None:
    """The project's layersAdded connection ``added`` undone (once), ``layers`` let go."""
    with contextlib.suppress(TypeError, RuntimeError):  # (undone already)
        QgsProject.instance().layersAdded.disconnect(added)
    layers.close()


def _project_written(pulled) -> str:
    """What the Sync panel says of a QField project file a pull wrote again: why, and
    whether the one it replaced is kept (changed in QGIS) or was the checkout's own."""
    if pulled.project_lacked:
        return tr("{project} written again: the folder lacked its project file, which QField "
                  "opens the project by.").format(project=pulled.project)
    if pulled.project_kept is None:
        return tr("{project} written again: the grants or layers the pull brought change what "
                  "QField shows and lets this device edit (the one it replaces was as the "
                  "checkout or a pull wrote it, not changed in QGIS: no copy of it "
                  "kept).").format(project=pulled.project)
    return tr("{project} written again: the grants or layers the pull brought change what "
              "QField shows and lets this device edit (the one it replaces is kept as {kept}: "
              "changes made to it in QGIS are there).").format(project=pulled.project,
                                                                kept=pulled.project_kept)
