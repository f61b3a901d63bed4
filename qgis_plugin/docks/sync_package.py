# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync dock's field package: one chosen, its changes waiting counted, the master
pulled into it, its changes exported as a change package."""

from __future__ import annotations

import html
from pathlib import Path

from qgis.PyQt.QtWidgets import QFileDialog, QGroupBox, QLabel, QPushButton, QVBoxLayout

from field_kit import errors, forms
from field_kit.db import connect, table_exists
from field_kit.file_filters import any_case
from field_kit.forms import shown
from field_kit.qfield import project as qproject
from field_kit.qfield import project_folder
from field_kit.sync import (
    added_again,
    changelog,
    drift,
    exports_lacking,
    log_reads,
    outcomes,
    pull_said,
    schema_changes,
    waiting_edits,
)
from field_kit.sync.changelog import local_time
from field_kit.sync.conflicts import closed_with_layer
from field_kit.sync.pull import (
    ADDED_GONE,
    ADDED_GONE_UNDONE,
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
    codes_left_title,
    codes_title,
    export_said,
    followed_said,
    in_conflict,
    in_user_language,
    schema_said,
    shapes_left_title,
)
from ..i18n import by_count, tr, user_language
from ..plan_layers import (
    edited,
    editing_message,
    editing_tip,
    layers_of,
    pull_waits_said,
    relock,
    relocked_said,
)
from .sync_part import (
    WAITING,
    SyncPart,
    _columns_named,
    _offer,
    _warned,
    lines_html,
    listed_html,
    paragraph,
    warnings_html,
)


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
                          "the merge that brought them):"))),
        (ADDED_GONE, (tr("1 record this device had added is gone (the master deleted it):"),
                      tr("{n} records this device had added are gone (the master deleted "
                         "them):"))),
        (ADDED_GONE_UNDONE, (tr("1 record this device had added is gone (the master undid "
                                "the merge that brought it):"),
                             tr("{n} records this device had added are gone (the master "
                                "undid the merge that brought them):"))))]
    return [(by_count(len(names), *said).format(n=len(names)), names) for said, names in named]


class SyncPackage(SyncPart):
    """The field package chosen, pulled into and exported (a part of SyncDock)."""


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
                waiting = log_reads.pending(conn, drifts)
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

    def _refused_unoffered(self, why: str, title: str) -> bool:
        """Whether the package may not be pulled into or exported for ``why`` (what greys
        the button: :meth:`_offer_package`), asked all the same (a shortcut, a script calling
        the slot): said on the message bar under ``title`` (what was not done), as its tip
        says it, and nothing started."""
        if why:
            self.merge_said.warning(title, why)
        return bool(why)

    def export_package(self, out: str | None = None) -> None:
        """The chosen field package's changes since its last export, as a change package."""
        pkg = self.field_package
        not_done = tr("Change package not exported")
        if self._refused_unoffered(self.unexportable, not_done) or pkg is None \
                or self._refused_while_running(not_done):
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
                 cancelled=cancelled, not_done=not_done)

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
        not_done = tr("Master not pulled into the field package")
        if self._refused_unoffered(self.unpullable, not_done) or pkg is None \
                or self._refused_while_running(not_done):
            return
        # (as QGIS reloads no layer in an edit session: what the pull writes and the grants
        # it locks again would meet edits typed on, or be overwritten by them)
        editing = edited(pkg)
        if editing:
            said = editing_message([layer.name() for layer in editing], pkg.name)
            self.report.setHtml(paragraph(said))
            self.merge_said.warning(not_done, said)
            return
        master = self.master

        def pull(progress):
            pulled = project_folder.pull(pkg, master)
            # (the master's open conflicts read here too, not while QGIS waits)
            return pulled, pull_said.still_open(master, pulled.package, pulled.result.replaced)
        self.run(tr("Pulling the master into a field package"), pull,
                 lambda done: self._pulled(*done), not_done=not_done)

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


def _change_package_beside(pkg: Path) -> Path:
    """Where a package's change package is offered to be saved: beside it, a QField
    project's beside its folder (not in it, which goes to the phone with the project, nor
    as FOLDER.zip, the project's own zip)."""
    if pkg.name == qproject.GPKG_NAME:
        return pkg.parent.parent / f"{pkg.parent.name}-changes.zip"
    return pkg.with_suffix(".zip")


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
