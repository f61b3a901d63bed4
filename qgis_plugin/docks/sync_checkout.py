# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync dock's checkout: a field package for a technician, cut to a township or to
the features selected on the map."""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsProject, QgsRectangle
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

from field_kit import errors
from field_kit.app.editors import Combo
from field_kit.file_filters import any_case
from field_kit.plan import schema
from field_kit.plan.values import column_named
from field_kit.sync import masters, room

from ..core_messages import (
    checkout_refused_said,
    codes_left_title,
    codes_title,
    cut_short_finished_said,
    followed_said,
    in_user_language,
    shapes_left_title,
)
from ..i18n import by_count, listed, sentences, tr, user_language
from ..plan_layers import layer_table, layers_of
from .sync_part import SyncPart, listed_html, paragraph, warnings_html


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


class SyncCheckout(SyncPart):
    """The checkout form and the selection it cuts by (a part of SyncDock)."""


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
        self._report_in_sight()

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
