# SPDX-License-Identifier: GPL-2.0-or-later
"""The checkout algorithm: a field package (or a QField project) for one device, of the
whole master or cut to a township, to mine patches or to the features of a layer."""

from __future__ import annotations

import re
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from field_kit import errors
from field_kit.db import QFIELD_PACKAGE
from field_kit.file_filters import any_case
from field_kit.plan import schema
from field_kit.sync import subset
from field_kit.sync.untracked_said import NOT_TRAVELLING, not_tracked_said
from field_kit.sync.whole_said import whole_said

from ..core_messages import checkout_refused_said, cut_short_finished_said, in_user_language
from ..i18n import by_count, listed, tr
from ..plan_layers import layer_table
from .base import GPKG, _OnMaster, _run, _said_followed, lines_said

ROLES = (schema.TECHNICIAN, schema.GIS)


def role_choices() -> list[str]:
    """The roles as the Sync dock offers them, in the user's language (in ROLES' order)."""
    return [tr("Technician: verification and inspection records"),
            tr("GIS staff: plan layers too")]
TOWNSHIP = QT_TRANSLATE_NOOP("@default", "Township (empty: all)")
PATCHES = QT_TRANSLATE_NOOP(
    "@default", "Mine patches to keep (Selected features only: those selected; empty: all)")
FEATURES = QT_TRANSLATE_NOOP(
    "@default", "Features to keep of a layer of the county's own (Selected features only: "
    "those selected; empty: by the rest of the cut)")
BASEMAP = QT_TRANSLATE_NOOP("@default", "Basemap for QField (MBTiles or GeoTIFF, optional)")


class Checkout(_OnMaster):
    NAME, TITLE = "checkout", QT_TRANSLATE_NOOP("@default", "Check out a field package")
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Writes a field package for one device from the master, with the device's "
            "signing key; for QField, a project folder and its zip, with the basemap if given. "
            "It holds the whole master, or what is chosen: a township (Township); or mine "
            "patches (Mine patches to keep: the master's layer of them, with Selected features "
            "only those selected), with their projects and records; and besides, the features "
            "of one layer of the county's own (Features to keep: one layer a run, with Selected "
            "features only those selected; the Sync dock keeps those selected of several "
            "layers at once). A box (W,S,E,N) cuts a package on the command line (field-kit "
            "checkout --bbox) and in the Sync dock, by the features selected on the map, not "
            "here.")
    # what each feature source parameter is called, to name it where its value is refused
    SOURCES = {"PATCHES": PATCHES, "FEATURES": FEATURES}

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add_master()
        self.addParameter(QgsProcessingParameterString("DEVICE", tr("Device name")))
        self.addParameter(QgsProcessingParameterString("TOWNSHIP", tr(TOWNSHIP),
                                                       optional=True))
        # the Sync dock's "by selection": the patches picked (Selected features only: those
        # selected on the map), with their projects and records
        self.addParameter(QgsProcessingParameterFeatureSource(
            "PATCHES", tr(PATCHES), [QgsProcessing.TypeVectorPolygon], optional=True))
        # and of a layer of the county's own, the features picked alone, not every one in
        # the box (as the Sync dock keeps those selected)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "FEATURES", tr(FEATURES), [QgsProcessing.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterEnum("ROLE", tr("Role"), options=role_choices(),
                                                     defaultValue=0))
        self.addParameter(QgsProcessingParameterBoolean("QFIELD", tr("For QField"),
                                                        defaultValue=False))
        # imagery for the field, with no signal there: copied into the QField project
        self.addParameter(QgsProcessingParameterFile(
            "BASEMAP", tr(BASEMAP), optional=True,
            fileFilter=any_case(tr("MBTiles or GeoTIFF (*.mbtiles *.tif *.tiff)"))))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT",
                                                                tr("Field package"), GPKG))
        self.addOutput(QgsProcessingOutputNumber("BASE", tr("Master sequence it starts from")))
        # for QField: the project folder and its zip, OUTPUT the package in the folder
        self.addOutput(QgsProcessingOutputString("FOLDER", tr("QField project folder")))
        self.addOutput(QgsProcessingOutputString("ZIP", tr("QField project zip")))

    def _on(self, master, parameters, context, feedback):
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        device = self.parameterAsString(parameters, "DEVICE", context)
        township = self.parameterAsString(parameters, "TOWNSHIP", context) or None
        role = ROLES[self.parameterAsEnum(parameters, "ROLE", context)]
        qfield = self.parameterAsBoolean(parameters, "QFIELD", context)
        basemap = self.parameterAsFile(parameters, "BASEMAP", context) or None
        if basemap and not qfield:  # (as the command line's --basemap without --for qfield)
            raise QgsProcessingException(tr(
                "A basemap travels in a QField project only: tick “{qfield}”, or leave "
                "“{basemap}” empty; nothing was checked out.").format(
                    qfield=tr("For QField"),
                    basemap=tr(BASEMAP)))
        patches = self._patches(parameters, context, township)
        if patches is not None:
            feedback.pushInfo(by_count(
                len(patches), tr("Cut to 1 mine patch of {layer}, with its projects and "
                                 "records."),
                tr("Cut to {n} mine patches of {layer}, with their projects and records.")
            ).format(n=len(patches), layer=patches.layer))
        features = self._features(parameters, context)
        for table, uuids in (features or {}).items():
            feedback.pushInfo(by_count(len(uuids), tr("Of {layer}, the 1 feature given alone."),
                                       tr("Of {layer}, the {n} features given alone.")).format(
                n=len(uuids), layer=table))

        def work(progress):
            from field_kit.sync import masters, room
            if qfield:
                from field_kit.qfield import checkout
                out_dir = str(Path(out).with_suffix(""))
                with room.said(master, out_dir):  # the disk full: the room it needs is said
                    return checkout(master, out_dir, device, township=township,
                                    patches=patches, features=features, role=role,
                                    basemap=basemap,
                                    progress=progress)
            with room.said(master, out):  # (the master's own edits followed first)
                return masters.checkout(master, out, device, township=township,
                                        patches=patches, features=features, role=role,
                                        progress=progress)

        def said_here(progress):  # (by the Township field and the Sync dock, not --bbox)
            try:
                return work(progress)
            except errors.BadInput as exc:
                said = checkout_refused_said(exc.message, master, in_dock=False)
                plan = _PLAN_LAYER.fullmatch(exc.message)
                if plan:  # (said by the parameters, not by the command line's options)
                    said = tr(
                        "{layer} is a layer of the plan: its features go by the mine patches "
                        "they belong to, kept by “{patches}” or by the township "
                        "(“{township}”); “{features}” keeps the features of a layer of the "
                        "county's own; nothing was checked out.").format(
                            layer=plan["table"], patches=tr(PATCHES), township=tr(TOWNSHIP),
                            features=tr(FEATURES))
                if said is None:
                    raise
                raise errors.BadInput(said) from None
        got = _run(feedback, said_here, master)
        stale = None if qfield else cut_short_finished_said(out, got)
        if stale:  # (first, as the command line says it)
            feedback.pushInfo(stale)
        # what the cut keeps of each layer it cuts, by the name the township's patches go by
        held = subset.held_said(got.get("township"), got.get("bbox"), got.get("held") or {},
                                got.get("patches"), got.get("features"))
        if held:
            feedback.pushInfo(in_user_language(held))
        _said_followed(feedback, got.get("derived") or [], got.get("codes_followed") or (),
                       tr("Area and centre of the shapes edited in the master itself"))
        lines_said(feedback.pushInfo, not_tracked_said(NOT_TRAVELLING,
                                                       got.get("not_tracked") or {}))
        # the layers and attribute tables carried whole; a project saved in the master,
        # opening the package
        for said in [*whole_said(got), *(got.get("cut_said") or ()), got.get("projects_said")]:
            if said:
                feedback.pushInfo(in_user_language(said))
        for said in got.get("warnings") or ():  # (made all the same, as a pull's)
            feedback.pushWarning(in_user_language(said))
        if not qfield:
            return {"OUTPUT": out, "BASE": got.get("base", 0)}
        # no .gpkg is written where OUTPUT named one: the folder and its zip are, named
        # as the command line names them
        if got.get("finished"):
            feedback.pushInfo(tr("The checkout to {folder} cut short before is finished.").format(
                folder=got["folder"]))
        feedback.pushInfo(tr("QField project {folder} and {zip} written for device {device}; "
                             "its field package is {package}.").format(
            folder=got["folder"], zip=got["zip"], device=device,
            package=str(Path(got["folder"]) / QFIELD_PACKAGE)))
        return {"OUTPUT": str(Path(got["folder"]) / QFIELD_PACKAGE), "BASE": got.get("base", 0),
                "FOLDER": got["folder"], "ZIP": got["zip"]}

    def _patches(self, parameters, context, township) -> _Patches | None:
        """The uuids of the patches PATCHES gives (None: not given), refused by name where
        they cannot cut the package: with a township too, none, or not the plan's."""
        source, _ = self._one_layer(parameters, "PATCHES", context)
        if source is None:
            return None
        layer = source.sourceName()
        if township:
            raise QgsProcessingException(tr(
                "Give the township (“{township}”) or the mine patches to keep (“{patches}”), "
                "not both.").format(township=tr(TOWNSHIP), patches=tr(PATCHES)))
        if source.fields().lookupField("uuid") < 0:
            raise QgsProcessingException(tr(
                "{layer} has no column uuid: it is not the master's mine patches; pick that "
                "layer in “{patches}”.").format(layer=layer, patches=tr(PATCHES)))
        uuids = _Patches(sorted({f["uuid"] for f in source.getFeatures() if f["uuid"]}))
        if not uuids:
            raise QgsProcessingException(tr(
                "No mine patch given in {layer} (with Selected features only, none is "
                "selected): select the patches to keep on the map; nothing was checked "
                "out.").format(layer=layer))
        uuids.layer = layer
        return uuids


    def _features(self, parameters, context) -> dict[str, list[str]] | None:
        """The table of the layer FEATURES gives, with the uuids of its features given
        (None: not given), refused by name where they cannot cut the package."""
        source, value = self._one_layer(parameters, "FEATURES", context)
        if source is None:
            return None
        layer = source.sourceName()
        picked = _layer_given(value, context)
        table = layer_table(picked) if picked is not None else ""
        if source.fields().lookupField("uuid") < 0 or not table:
            raise QgsProcessingException(tr(
                "{layer} has no column uuid: it is not a tracked layer of the master (one "
                "just added is tracked at its first checkout); nothing was checked "
                "out.").format(layer=layer))
        uuids = sorted({f["uuid"] for f in source.getFeatures() if f["uuid"]})
        if not uuids:
            raise QgsProcessingException(tr(
                "No feature given in {layer} (with Selected features only, none is "
                "selected): select the features to keep on the map; nothing was checked "
                "out.").format(layer=layer))
        return {table: uuids}

    def _one_layer(self, parameters, name: str, context):
        """The feature source the parameter ``name`` gives and its value (None, None: not
        given); a value it cannot take refused by name, never taken as none given (the
        whole master was checked out): several layers (a script's list), or no layer."""
        value = parameters.get(name)
        if isinstance(value, (list, tuple)):
            if len(value) > 1:
                raise QgsProcessingException(tr(
                    "“{parameter}” takes one layer a run, and {n} were given ({layers}): give "
                    "one of them; nothing was checked out.").format(
                        parameter=tr(self.SOURCES[name]), n=len(value), layers=listed(
                            _layer_named(v, context) for v in value)))
            value = value[0] if value else None
        if value is None or value == "":
            return None, None
        source = self.parameterAsSource({**parameters, name: value}, name, context)
        if source is None:
            raise QgsProcessingException(tr(
                "“{parameter}” takes a layer, and {value} is none; nothing was checked "
                "out.").format(parameter=tr(self.SOURCES[name]), value=value))
        return source, value


def _layer_named(value, context) -> str:
    """A feature source parameter's value as its layer's name (as given where it names
    none)."""
    layer = _layer_given(value, context)
    return layer.name() if layer is not None else str(value)


# the core's refusal of the plan's layer given as the features to keep (--features)
_PLAN_LAYER = re.compile(r"(?P<table>.+) is the plan's layer, cut by --patches, --township or "
                         r"--bbox, not by --features: nothing was checked out")


def _layer_given(value, context):
    """The map layer a feature source parameter's value names (a layer of the project, or
    one read from the path given), to tell its table; None where it names none."""
    from qgis.core import QgsMapLayer, QgsProcessingFeatureSourceDefinition, QgsProcessingUtils
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.staticValue()
    if isinstance(value, QgsMapLayer):
        return value
    return QgsProcessingUtils.mapLayerFromString(str(value), context) if value else None


class _Patches(list):
    """The uuids of the patches a checkout keeps, and the layer they were picked in."""
    layer = ""

