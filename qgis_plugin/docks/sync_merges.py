# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync dock's merges: change packages from the field merged into the master, its
report, and the merges into the master listed, to undo."""

from __future__ import annotations

import html
import os
from pathlib import Path

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from field_kit import errors
from field_kit.bilingual import Text
from field_kit.file_filters import any_case
from field_kit.plan.values import column_named
from field_kit.sync import codes_follow, device_clock, masters, merge, outcomes, patch_code_format
from field_kit.sync.changelog import local_time

from ..core_messages import (
    added_said,
    codes_left_title,
    codes_title,
    followed_said,
    in_conflict,
    in_part_lines,
    in_user_language,
    labelled,
    no_code_on_bar,
    no_code_warnings,
    refusal_said,
    sentence,
    shapes_left_title,
)
from ..dialogs.conflicts import CONFLICTS_TITLE, drop_conflicts_warning
from ..i18n import by_count, listed, sentences, tr, user_language
from ..plan_layers import reload_layers, unsaved_edits
from .sync_part import (
    SyncPart,
    _columns_named,
    _names,
    _warned,
    listed_html,
    paragraph,
    warnings_html,
)

STATUS_TEXT = {
    outcomes.APPLIED: Text("已应用", "applied"),
    outcomes.ALREADY: Text("此前已应用", "already applied"),
    outcomes.CONFLICT: Text("冲突待处理", "conflicts"),
    outcomes.REFUSED: Text("已拒收", "refused"),
}


def merge_report_html(report: merge.MergeReport, settle: dict[str, int] | None = None,
                      still: dict[str, int] | None = None, in_part: dict | None = None,
                      superseded: dict[str, int] | None = None) -> str:
    """The merge report a supervisor reads: its warnings first, under a heading of their
    own (every refusal's reason, a row by the name the merge gives it, a patch code, a
    record's patch and day, else by its uuid; the area and centre not recomputed; the
    codes left as they were or off the national format), then the counts per package (its
    conflicts as ``settle``, :func:`masters.to_settle`, counts them to settle; a package
    merged before, the conflicts its earlier merge left open, ``still``), then what was
    followed: the area and centre recomputed, the codes given or moved. ``in_part``: the
    changes each merge applied in part, and ``superseded``, those of its conflicts its run
    closed as superseded by a later edit, as :func:`masters.to_settle` reads them."""
    settle, still, in_part = settle or {}, still or {}, in_part or {}
    rows = []
    for r in report.results:
        fields, closed = outcomes.recorded(settle, superseded or {}, r.merge_id)
        # (applied: what went in, a change the master took over its own values too)
        counts = {**r.counts, outcomes.APPLIED: r.went_in, outcomes.CONFLICT: in_conflict(
            r.counts[outcomes.CONFLICT], fields, superseded=closed)}
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
        # what this merge did first: changes of merges this master undid, sent again, kept
        # out; the packages and changes refused
        *(paragraph(said) for said in kept_out_said(report)),
        f"<h4>{html.escape(refused_title)}</h4><ul>{''.join(refused)}</ul>"
        if refused else "",
        # then the package's history: brought up to another master (this one restored, or
        # another copy)
        *(paragraph(sentence(line)) for line in report.other_master),
        listed_html(shapes_left_title(), shapes_left),
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


def _reverted(applied: int, settled: int) -> tuple[str, str]:
    """The changes a merge applied and the values settling its conflicts wrote, counted
    apart (each in the singular for one), as the question before an undo and its result
    say them."""
    changes = by_count(applied, tr("the 1 change it applied"),
                       tr("the {n} changes it applied")).format(n=applied)
    values = by_count(settled, tr("the 1 value written in settling its conflicts"),
                      tr("the {n} values written in settling its conflicts")).format(n=settled)
    return changes, values


def _undo_asked(named: tuple[str, str, str], ahead) -> str:
    """The question before an undo: the merge by its package, device and time, and what
    undoing it puts back (``ahead``: :func:`masters.to_undo`)."""
    package, device, at = named
    asked = [tr("Undo the merge of {package} from {device} at {at}?").format(
        package=package, device=device, at=at)]
    changes, values = _reverted(ahead.applied, ahead.settled)
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


class SyncMerges(SyncPart):
    """The change packages to merge and the merges made, to undo (a part of SyncDock)."""


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

    def _again_in_dock(self) -> QPushButton:
        """The dock's "Merge them after all…", under the report: shown while the last merge
        kept changes out as this master undid them (the bar's may be closed, or cut)."""
        self.again_paths: list[str] = []
        self.again_button = QPushButton(tr("Merge them after all…"))
        self.again_button.setVisible(False)
        # (clicked gives its checked state: not a package)
        self.again_button.clicked.connect(
            lambda _=False: self.merge_again_undone(self.again_paths))
        return self.again_button

    def _offer_again(self, paths: list[str]) -> None:
        """The dock's "Merge them after all…" for ``paths`` (none: hidden)."""
        self.again_paths = paths
        self.again_button.setVisible(bool(paths))

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
        # (in the question's units: the changes applied and the values settling wrote)
        changes, values = _reverted(undone.applied, undone.settled)
        said = [tr("Merge undone: it reverted {changes} and {values}.").format(
            changes=changes, values=values) if undone.settled else
            by_count(undone.reverted, tr("Merge undone: 1 change reverted."),
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
        self._report_in_sight()
        self._on_bar(tr("Merge undone"), sentences(said[:2 if closed else 1]),
                     _warned(shapes_left, codes_left))
        reload_layers(self.master)
        self.refresh_merges()
        self.merged.emit()

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
        self._merge(self.package_paths())

    def merge_again_undone(self, paths: list[str], confirm: bool = True) -> None:
        """``paths`` merged again with the changes of merges this master undid, which a
        merge keeps out, after the user's yes."""
        if confirm and QMessageBox.question(self, tr("Merge them after all…"), tr(
                "Merge {packages} again, the changes of merges this master undid included? "
                "They are applied as the first time they were merged.").format(
                    packages=listed([Path(p).name for p in paths]))) != QMessageBox.Yes:
            return
        self._merge(paths, again_undone=True)

    def _merge(self, paths: list[str], again_undone: bool = False) -> None:
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
            report = masters.merge(self.master, paths, progress=progress,
                                   again_undone=again_undone)
            # a package merged again brings nothing: what its earlier merge left open
            in_part: dict = {}
            superseded: dict = {}
            return (report, masters.to_settle(self.master, report, in_part, superseded),
                    masters.fields_in_conflict(
                        self.master, [m for r in report.results for m in r.merged_before]),
                    in_part, superseded)

        self.run(tr("Merging change packages"), merged,
                 lambda done: self._merged(*done, paths=paths),
                 not_done=tr("Change packages not merged"))

    def _merged(self, report: merge.MergeReport, settle: dict[str, int] | None = None,
                still: dict[str, int] | None = None, in_part: dict | None = None,
                superseded: dict[str, int] | None = None, *,
                paths: list[str] | None = None):
        """``settle``: the conflicts each merge recorded, as Settle conflicts lists them;
        ``still``: those open of the earlier merges of packages merged again; ``in_part``:
        the changes each applied in part; ``superseded``: the conflicts each recorded that
        its run closed as superseded; ``paths``: the packages given to the merge."""
        self._unlist_merged(report, paths or [])
        self.refresh_merges()
        self.report.setHtml(merge_report_html(report, settle, still, in_part, superseded))
        self._offer_again(_kept_out_of(report, paths))
        self.report_button.setEnabled(True)
        self._report_in_sight()
        reload_layers(self.master)
        self.merged.emit()
        self.show_report()
        totals = report.totals
        bar = self.iface.messageBar()
        # this computer's clock reading before the master's last merge: first, as the
        # report says it (the merge just made is dated by it), a sentence of its own
        clock = [sentence(report.clock_behind)] if report.clock_behind else []
        # then what this merge did, its counts leading (the report says the rest), before
        # what the packages' history warns of
        warnings = []
        kept = sum(1 for r in report.results for o in r.outcomes
                   if o.status == outcomes.REFUSED and o.kept_out == outcomes.KEPT_OUT_UNDONE)
        if kept:
            warnings.append(by_count(kept, tr(
                "1 change kept out of this merge, as this master undid it: “Merge them after "
                "all…” on the message bar takes it; the report says which."), tr(
                "{n} changes kept out of this merge, as this master undid them: “Merge them "
                "after all…” on the message bar takes them; the report says which.")).format(
                n=kept))
        if report.refused:
            warnings.append(tr("Refused: {packages}.").format(packages="; ".join(
                "{}: {}".format(*refusal_said(p, reason)) for p, reason in report.refused)))
        if totals[outcomes.REFUSED] - kept:
            warnings.append(by_count(
                totals[outcomes.REFUSED] - kept, tr("1 change refused: the report says why."),
                tr("{n} changes refused: the report says why.")).format(
                n=totals[outcomes.REFUSED] - kept))
        warnings += [sentence(line) for line in report.other_master]
        # edits a device's wrong clock dated after the merge or before its checkout
        clocks = sorted({r.device for r in report.results if r.clock})
        if clocks:
            warnings.append(tr("Edits dated by a wrong device clock ({devices}): the report "
                               "says which.").format(devices=listed(clocks)))
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
        closed = sum((superseded or {}).values())
        if clock or warnings:  # what was applied first, where any was; what went wrong
            item = self.merge_said.warning(tr("Merge"), sentences(clock + ([_applied(
                applied)] if applied else []) + warnings),
                way_on=self._again_undone_button(report, paths))
            lost = {p for p, _ in report.unregistered}
            if not clock and len(warnings) == 1 and not applied and \
                    {p for p, _ in report.refused} <= lost:
                # it says only that refusal: it no longer holds once they are registered
                self.refused_as_lost.append((item, {d for _, d in report.unregistered}))
        elif closed:  # (recorded, then closed as it ran: said, not "no conflict")
            self.merge_said.info(tr("Merge"), sentences(([_applied(applied)] if applied else [])
                                                        + [_superseded(closed)]))
        elif not conflicts:
            self.merge_said.info(tr("Merge"), by_count(
                applied, tr("1 change applied, no conflict."),
                tr("{n} changes applied, no conflict.")).format(n=applied))
        elif applied:
            self.merge_said.info(tr("Merge"), _applied(applied))
        self._offer_readmit(report.unregistered)  # (the way on from those refusals)
        if conflicts:  # a warning of its own, taken off once none is left to settle
            bar.pushWarning(CONFLICTS_TITLE(), by_count(
                conflicts, tr("1 conflict to settle: open Settle conflicts."),
                tr("{n} conflicts to settle: open Settle conflicts.")).format(n=conflicts))

    def _again_undone_button(self, report: merge.MergeReport,
                             paths: list[str] | None) -> QPushButton | None:
        """The way to the changes a merge kept out as this master undid them: the packages
        that sent them merged again, those included (none kept out: None)."""
        kept_out = _kept_out_of(report, paths)
        if not kept_out:
            return None
        button = QPushButton(tr("Merge them after all…"))
        # (clicked gives its checked state: not a package)
        button.clicked.connect(lambda _=False: self.merge_again_undone(kept_out))
        return button

    def _unlist_merged(self, report: merge.MergeReport, paths: list[str]) -> None:
        """Take the packages merged whole off the list: merged again they would bring
        nothing. Those refused, or with changes refused (a later merge may apply them), stay."""
        refused = {p for p, _ in report.refused}
        kept = {r.source for r in report.results if r.counts[outcomes.REFUSED]}
        merged = {p for p in paths if p not in refused and Path(p).name not in kept}
        for i, path in reversed(list(enumerate(self.package_paths()))):
            if path in merged:
                self.package_list.takeItem(i)


def _kept_out_of(report: merge.MergeReport, paths: list[str] | None) -> list[str]:
    """The packages of ``paths`` that sent changes ``report``'s merge kept out as this
    master undid them."""
    return [p for p in paths or [] if any(
        os.fspath(p) == kept.package for kept in report.undone_here)]


def kept_out_said(report: merge.MergeReport) -> list[str]:
    """The changes a merge kept out as this master undid them, sentences in the user's
    language pointing to the dock's button under the report, not the command line."""
    way = tr("“Merge them after all…” under the report in the Sync panel")
    return [sentence(in_user_language(kept.said(way))) for kept in report.undone_here]


def _superseded(n: int) -> str:
    """A merge's conflicts its run closed as superseded by a later edit, on the message bar."""
    return by_count(n, tr("1 conflict closed as superseded by a later edit of its device."),
                    tr("{n} conflicts closed as superseded by a later edit of their "
                       "device.")).format(n=n)


def _applied(n: int) -> str:
    """A merge's changes applied, on the message bar."""
    return by_count(n, tr("1 change applied."), tr("{n} changes applied.")).format(n=n)
