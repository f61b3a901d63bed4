# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing algorithms over the library: checkout, export, merge, pull, report and import.
Each runs the same code as the command line and the docks, reports progress, stops when
cancelled (a merge rolls back whole), and turns the library's refusals into Processing
errors in the user's language."""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDatabaseSchema,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterProviderConnection,
    QgsProcessingParameterString,
    QgsProcessingProvider,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP
from qgis.PyQt.QtGui import QIcon

from field_kit import errors
from field_kit.db import QFIELD_PACKAGE
from field_kit.file_filters import any_case
from field_kit.plan import schema
from field_kit.plan.values import column_named
from field_kit.sync import outcomes

from ..core_messages import (
    apart_said,
    checkout_refused_said,
    codes_left_title,
    codes_title,
    cut_short_finished_said,
    error_in_user_language,
    export_said,
    followed_said,
    in_conflict,
    in_part_lines,
    in_user_language,
    labelled,
    no_code_warnings,
    refusal_said,
    sentence,
    shapes_left_title,
)
from ..i18n import listed, tr, user_language
from ..plan_layers import layer_table, layer_title

_HERE = Path(__file__).resolve().parents[1]
# inside the plugin in its zip, beside it in the repository
ICON = next((p for p in (_HERE / "resources" / "icons" / "toksun.svg",
                         _HERE.parent / "resources" / "icons" / "toksun.svg") if p.exists()),
            None)


GPKG = any_case("GeoPackage (*.gpkg)")
ROLES = (schema.TECHNICIAN, schema.GIS)


def role_choices() -> list[str]:
    """The roles as the Sync dock offers them, in the user's language (in ROLES' order)."""
    return [tr("Technician: verification and inspection records"),
            tr("GIS staff: plan layers too")]


def layer_choice(name: str) -> str:
    """A plan layer as the Import dialog offers it: its title, then its table."""
    return f"{layer_title(schema.BY_NAME[name])} ({name})"
TOWNSHIP = QT_TRANSLATE_NOOP("@default", "Township (empty: all)")
PATCHES = QT_TRANSLATE_NOOP(
    "@default", "Mine patches to keep (Selected features only: those selected; empty: all)")
FEATURES = QT_TRANSLATE_NOOP(
    "@default", "Features to keep of a layer of the county's own (Selected features only: "
    "those selected; empty: by the rest of the cut)")
BASEMAP = QT_TRANSLATE_NOOP("@default", "Basemap for QField (MBTiles or GeoTIFF, optional)")
DELETE_MISSING = QT_TRANSLATE_NOOP("@default", "Delete the rows the source does not have")
SOURCE_LAYER = QT_TRANSLATE_NOOP("@default", "Source layer")
# the master: a GeoPackage file, or a saved PostgreSQL connection and its schema
MASTER_FILE = QT_TRANSLATE_NOOP("@default", "Master (GeoPackage or PostgreSQL): GeoPackage file")
MASTER_CONNECTION = QT_TRANSLATE_NOOP(
    "@default", "Master (GeoPackage or PostgreSQL): saved PostgreSQL connection")
MASTER_SCHEMA = QT_TRANSLATE_NOOP("@default",
                                  "Master (GeoPackage or PostgreSQL): PostgreSQL schema")
MASTER_HELP = QT_TRANSLATE_NOOP(
    "@default", "The master is a GeoPackage file or a PostgreSQL master: pick the file, or "
    "QGIS's saved PostgreSQL connection (Layer → Data Source Manager → PostgreSQL) and the "
    "schema holding the master (toksun unless published elsewhere); one of the two.")


def _run(feedback, work, master=None):
    """Run library work; its refusals become Processing errors, cancelling stops it; a
    PostgreSQL ``master`` not reached is said as the docks say it."""
    def progress(fraction: float) -> None:
        if feedback.isCanceled():
            raise errors.Cancelled(tr("Cancelled: nothing was changed."))
        feedback.setProgress(100 * fraction)
    try:
        return work(progress)
    except errors.SyncError as exc:
        if master is not None:
            from ..postgres import not_opened_reason
            raise QgsProcessingException(not_opened_reason(str(master), exc)) from None
        raise QgsProcessingException(in_user_language(exc.message)) from None


class _Algorithm(QgsProcessingAlgorithm):
    NAME = ""
    TITLE = ""
    HELP = ""

    def name(self):
        return self.NAME

    def displayName(self):  # noqa: N802
        return tr(self.TITLE)

    def group(self):
        return tr("Sync")

    def groupId(self):  # noqa: N802
        return "sync"

    def shortHelpString(self):  # noqa: N802
        return tr(self.HELP)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # a file named in mixed case (Dev2.Gpkg), which no pattern of its filter matches,
        # checked as its suffix in lower case: the file is read whatever its case
        return super().checkParameterValues(self._suffixes_lowered(parameters), context)

    def _suffixes_lowered(self, parameters) -> dict:
        out = dict(parameters)
        for p in self.parameterDefinitions():
            value = out.get(p.name())
            if isinstance(p, QgsProcessingParameterFile) and p.fileFilter() and \
                    isinstance(value, str):
                root, suffix = os.path.splitext(value)
                out[p.name()] = root + suffix.lower()
        return out


class _OnMaster(_Algorithm):
    """An algorithm on the master: a GeoPackage file (MASTER) or a PostgreSQL master picked
    as QGIS users pick one, by saved connection (CONNECTION) and schema (SCHEMA)."""

    def shortHelpString(self):  # noqa: N802
        return f"{tr(self.HELP)}\n{tr(MASTER_HELP)}"

    def _add_master(self) -> None:
        self.addParameter(QgsProcessingParameterFile("MASTER", tr(MASTER_FILE), optional=True,
                                                     fileFilter=GPKG))
        self.addParameter(QgsProcessingParameterProviderConnection(
            "CONNECTION", tr(MASTER_CONNECTION), "postgres", optional=True))
        from ..postgres import DEFAULT_SCHEMA
        self.addParameter(QgsProcessingParameterDatabaseSchema(
            "SCHEMA", tr(MASTER_SCHEMA), "CONNECTION", defaultValue=DEFAULT_SCHEMA,
            optional=True))

    def _not_one_master(self, parameters, context) -> str:
        """Why the parameters do not name one master ("" where they do), naming them."""
        path = self.parameterAsFile(parameters, "MASTER", context)
        name = self.parameterAsConnectionName(parameters, "CONNECTION", context)
        if path and name:
            return tr("Give the master once: a GeoPackage file in “{file}” (MASTER) or a "
                      "saved connection in “{connection}” (CONNECTION), not both.").format(
                file=tr(MASTER_FILE), connection=tr(MASTER_CONNECTION))
        if not path and not name:
            return tr("No master given: pick a GeoPackage file in “{file}” (MASTER), or a "
                      "saved connection in “{connection}” (CONNECTION) and its schema in "
                      "“{schema}” (SCHEMA).").format(
                file=tr(MASTER_FILE), connection=tr(MASTER_CONNECTION),
                schema=tr(MASTER_SCHEMA))
        return ""

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, why = super().checkParameterValues(parameters, context)
        if ok:
            why = self._not_one_master(parameters, context)
            ok = not why
        return ok, why

    @contextlib.contextmanager
    def _master(self, parameters, context):
        """The master's path or address; a saved connection's password handed over in
        memory as the docks hand it (never in the address, a log or a command)."""
        why = self._not_one_master(parameters, context)
        if why:
            raise QgsProcessingException(why)
        path = self.parameterAsFile(parameters, "MASTER", context)
        if path:
            yield path
            return
        from ..postgres import (
            DEFAULT_SCHEMA,
            login,
            master_address,
            password_tried,
            saved_connections,
        )
        name = self.parameterAsConnectionName(parameters, "CONNECTION", context)
        uri = saved_connections().get(name)
        if uri is None:
            raise QgsProcessingException(tr(
                "QGIS has no saved PostgreSQL connection named {name}: add it in Layer → "
                "Data Source Manager → PostgreSQL, or pick a saved one.").format(name=name))
        schema_name = self.parameterAsSchema(parameters, "SCHEMA", context) or DEFAULT_SCHEMA
        master = master_address(uri, schema_name, remember=False)
        with password_tried(master, login(uri)[1]):
            yield master

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        with self._master(parameters, context) as master:
            return self._on(master, parameters, context, feedback)

    def _on(self, master, parameters, context, feedback):
        """The algorithm's work on ``master`` (a path or a PostgreSQL address)."""
        raise NotImplementedError


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
            feedback.pushInfo(tr("Cut to {n} mine patch(es) of {layer}, with their projects "
                                 "and records.").format(n=len(patches), layer=patches.layer))
        features = self._features(parameters, context)
        for table, uuids in (features or {}).items():
            feedback.pushInfo(tr("Of {layer}, the {n} feature(s) given alone.").format(
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
        _said_followed(feedback, got.get("derived") or [], got.get("codes_followed") or (),
                       tr("Area and centre of the shapes edited in the master itself"))
        # the attribute tables carried whole; a project saved in the master, opening the package
        for said in [*(got.get("cut_said") or ()), got.get("projects_said")]:
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


EXPORT_FROM = QT_TRANSLATE_NOOP(
    "@default", "The field package: its GeoPackage, or a QField project as it comes back: its "
    "zip (unpacked into the folder of its name beside it), or its folder by picking the "
    "package.gpkg in it; the photos taken in QField are read in and travel with the changes.")


class Export(_Algorithm):
    NAME, TITLE = "export", QT_TRANSLATE_NOOP("@default", "Export a change package")
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Writes a signed change package of the field package's changes since its last "
            "export (all since checkout, to replace a lost one).")

    def shortHelpString(self):  # noqa: N802
        return f"{tr(self.HELP)}\n{tr(EXPORT_FROM)}"

    def initAlgorithm(self, config=None):  # noqa: N802
        # a QField project as the command line's export takes it: its zip (unpacked beside
        # it), or its folder by the package.gpkg in it (a folder cannot be picked here)
        package = QgsProcessingParameterFile(
            "PACKAGE", tr("Field package"),
            fileFilter=any_case(tr("GeoPackage or QField project (*.gpkg *.zip)")))
        package.setHelp(tr(EXPORT_FROM))
        self.addParameter(package)
        self.addParameter(QgsProcessingParameterBoolean("ALL", tr("Everything since checkout"),
                                                        defaultValue=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Change package"), "Zip (*.zip)"))
        self.addOutput(QgsProcessingOutputNumber("CHANGES", tr("Changes exported")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from .. import change_package
        pkg = self.parameterAsFile(parameters, "PACKAGE", context)
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        every = self.parameterAsBoolean(parameters, "ALL", context)
        # as the Sync dock exports: where it goes checked before a QField project's photos
        # are read in, which travel with the changes; what it did before said first,
        # whatever the export then meets
        before: dict = {}
        try:
            said, brought, made, deleted, man = _run(
                feedback, lambda progress: change_package.export(pkg, out, before,
                                                                 everything=every))
        except QgsProcessingException:
            for line in change_package.said_before(**before):
                feedback.pushInfo(line)
            raise
        for line in change_package.said_before(said, brought, man.get("cut_short")):
            feedback.pushInfo(line)
        n = man["counts"]["changes"]
        done, unmarked = export_said(out, man, everything=every)
        feedback.pushInfo(done)  # (as the Sync dock says it: what it wrote, or nothing)
        for line in change_package.made_said(n, made, deleted, everything=every):
            feedback.pushInfo(line)
        if unmarked:
            feedback.reportError(unmarked)
        return {"OUTPUT": out if Path(out).exists() else None, "CHANGES": n}


class Merge(_OnMaster):
    NAME, TITLE = "merge", QT_TRANSLATE_NOOP("@default", "Merge change packages")
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Merges change packages into the master, three-way per field, whole or not at "
            "all; refused packages leave the master as it was, conflicts wait for a "
            "supervisor.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add_master()
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "PACKAGES", tr("Change packages"), QgsProcessing.TypeFile))
        # (marked, to be in the translation: tr() of a name alone is not found)
        for key, title in (("APPLIED", QT_TRANSLATE_NOOP("@default", "Applied")),
                           ("ALREADY", QT_TRANSLATE_NOOP("@default", "Already applied")),
                           ("CONFLICTS", QT_TRANSLATE_NOOP("@default", "Conflicts")),
                           ("REFUSED", QT_TRANSLATE_NOOP("@default", "Refused"))):
            self.addOutput(QgsProcessingOutputNumber(key, tr(title)))
        self.addOutput(QgsProcessingOutputString("REFUSED_PACKAGES",
                                                 tr("Packages refused, with the reason")))

    def _on(self, master, parameters, context, feedback):
        from field_kit.sync import masters
        zips = self.parameterAsFileList(parameters, "PACKAGES", context)
        # as the command line and the Sync dock: packages not there named before anything
        rep = _run(feedback, lambda progress: masters.merge(master, zips, progress=progress),
                   master)
        refused = ["{}: {}".format(*refusal_said(p, reason)) for p, reason in rep.refused]
        for line in refused:
            feedback.reportError(line)
        for r in rep.results:  # each change refused, by its row, with why (as the dock)
            for o in r.outcomes:
                if o.status == outcomes.REFUSED:
                    row = r.names.get((o.table, o.row)) or o.row or ""
                    layer = column_named(o.table, user_language()) if o.table else ""
                    feedback.reportError(f"{r.source}: {layer} {row}: " + labelled(
                        in_user_language(o.reason or ""), o.table))
        if rep.clock_behind:  # (this computer's clock reading before the last merge)
            feedback.reportError(sentence(rep.clock_behind))
        t = rep.totals
        in_part: dict = {}
        settle = masters.to_settle(master, rep, in_part)  # as Settle conflicts lists them
        for r in rep.results:
            c = r.counts
            feedback.pushInfo(tr("{0} from {1}: applied {2}, already {3}, conflicts {4}, "
                                 "refused {5}").format(r.source, r.device, r.went_in,
                                                       c["already"], in_conflict(
                                                           c["conflict"],
                                                           settle.get(r.merge_id)),
                                                       c["refused"]))
            for line in [*r.counts_said(), *in_part_lines(r, in_part)]:
                feedback.pushInfo(f"  {in_user_language(line)}")
        _said_followed(feedback, rep.derived, rep.codes_followed,
                       tr("Area and centre of the shapes merged"))
        if rep.refused and not rep.results:
            raise QgsProcessingException(tr("Every package was refused; the master is "
                                            "unchanged."))
        # (applied as its log says it: a change taken over a conflict, whole or in part)
        return {"APPLIED": sum(r.went_in for r in rep.results), "ALREADY": t["already"],
                "CONFLICTS": sum(settle.values()) if settle else t["conflict"],
                "REFUSED": t["refused"] + len(rep.refused),
                "REFUSED_PACKAGES": "\n".join(refused)}


def _said_followed(feedback, derived: list, codes, shapes_title: str) -> None:
    """What a command followed (:func:`followed_said`), each kind under its own heading:
    the warnings first (the area and centre left as they were, the codes left or off
    format; the records restored with no photo, the projects' figures disagreeing), then the
    area and centre recomputed (under ``shapes_title``), then the codes given or moved."""
    codes, no_code = no_code_warnings(codes)
    shapes_left, codes_left, measured, coded = followed_said(derived, codes)
    for push, title, lines in ((feedback.pushWarning, shapes_left_title(), shapes_left),
                               (feedback.pushWarning, codes_left_title(), codes_left),
                               *((feedback.pushWarning, t, lines) for t, lines in no_code),
                               (feedback.pushInfo, shapes_title, measured),
                               (feedback.pushInfo, codes_title(), coded)):
        if lines:
            push(title)
            for line in lines:
                push(f"  · {line}")


class Pull(_OnMaster):
    NAME, TITLE = "pull", QT_TRANSLATE_NOOP("@default", "Pull the master into a field package")
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Brings the master's newer state into a field package, keeping its own unsent "
            "edits.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile("PACKAGE", tr("Field package"),
                                                     fileFilter=GPKG))
        self._add_master()
        self.addOutput(QgsProcessingOutputNumber("APPLIED", tr("Applied")))
        self.addOutput(QgsProcessingOutputNumber("CONFLICTS", tr("Conflicts")))

    def _on(self, master, parameters, context, feedback):
        from field_kit.qfield import project_folder
        pkg = self.parameterAsFile(parameters, "PACKAGE", context)
        # a QField project's package: its photos and its zip follow the pull
        pulled = _run(feedback, lambda progress: project_folder.pull(pkg, master), master)
        if pulled.problems:
            raise QgsProcessingException("; ".join(pulled.problems))
        r = pulled.result
        _said_followed(feedback, r.derived, r.codes_followed,
                       tr("Area and centre of the shapes"))
        for line in pulled.warnings:  # (done all the same: the Sync dock shows them too)
            feedback.pushWarning(in_user_language(line))
        return {"APPLIED": r.counts["applied"], "CONFLICTS": r.conflicts}


class Report(_OnMaster):
    NAME, TITLE = "report", QT_TRANSLATE_NOOP("@default", "Progress report")
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Writes the supervisor's progress report against the plan: Excel (.xlsx) "
        "or PDF.")

    def group(self):
        return tr("Reports")

    def groupId(self):  # noqa: N802
        return "reports"

    def initAlgorithm(self, config=None):  # noqa: N802
        self._add_master()
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", tr("Report"), "Excel (*.xlsx);;PDF (*.pdf)"))

    def _on(self, master, parameters, context, feedback):
        from field_kit.sync.masters import master_file, shown_name
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if out.lower().endswith(".pdf"):
            from ..printing.report_pdf import write_pdf
            lang = user_language()  # the report's words in the user's language

            def work(progress):
                with master_file(master, needs="plan") as path:  # (PostgreSQL: staged)
                    write_pdf(path, out, feedback=progress, lang=lang,
                              master_name=shown_name(master))
        elif out.lower().endswith(".xlsx"):
            from field_kit.reports.xlsx import write_xlsx
            lang = user_language()  # the workbook's headings in the user's language

            def work(progress):
                with master_file(master, needs="plan") as path:
                    write_xlsx(path, out, lang=lang)
        else:
            raise QgsProcessingException(tr("A report is an .xlsx or a .pdf file."))
        _run(feedback, work, master)
        return {"OUTPUT": out}


def source_layer_said(text: str) -> str:
    """The core's words asking for one of a source's layers (the command's --source-layer),
    asking for it under the Import's “Source layer” parameter instead."""
    return re.sub(r"choose one \(--source-layer\)|请指定一个$",
                  lambda _: tr("give one of them under “{box}”").format(box=tr(SOURCE_LAYER)),
                  text)


# the source's coordinate system, as the command line's --crs gives it
SOURCE_CRS = QT_TRANSLATE_NOOP(
    "@default", "Coordinate system of the surveyed data (empty: as the file says)")


def crs_said(text: str) -> str:
    """The core's words naming the command's --crs, naming the Import's coordinate system
    parameter instead."""
    box = tr(SOURCE_CRS)
    # the Chinese reminder of --crs with no code: dropped where the words give the code
    text = re.sub(r"（可用 --crs EPSG:代码 指定）", lambda _: "" if re.search(
        r"--crs EPSG:\d+", text) else "（{}）".format(tr(
            "choose its coordinate system under “{box}”").format(box=box)), text)
    text = re.sub(r"(?:leave out|请去掉) --crs", lambda _: tr(
        "leave “{box}” empty").format(box=box), text)
    text = re.sub(r"--crs (?:gives|给出) ", lambda _: tr("“{box}” gives").format(box=box)
                  + " ", text)
    text = re.sub(r"(?:give |请给出 |可用 )?--crs (EPSG:\d+)(?: 指定)?", lambda m: tr(
        "choose {code} under “{box}”").format(code=m[1], box=box), text)
    return re.sub(r"(?:give |请用 )?--crs(?: 指定)?", lambda _: tr(
        "choose it under “{box}”").format(box=box), text)


# the field mapping, as the command line's --mapping takes it (a JSON file), or its text
MAPPING = QT_TRANSLATE_NOOP("@default", "Field mapping (a JSON file, or its text)")
# an example of it as a survey in the user's language names its fields: JSON, shown as it
# is (never filled in), which the parameter takes as it stands
MAPPING_EXAMPLE = QT_TRANSLATE_NOOP(
    "@default", '{"PATCH_NO": "patch_code", "AREA_MU": "stated_area_mu", "REMARK": null}')
MAPPING_HELP = QT_TRANSLATE_NOOP(
    "@default", "Which plan field each field of the surveyed data fills: a JSON object of "
    "source field: plan field (null leaves a field out), such as {example}; or the JSON file "
    "holding it. Left empty: the fields as their names are recognised, or as mapped at the "
    "last import of such a source.")


def mapping_help() -> str:
    """What the field mapping takes, with its example, in the user's language."""
    return tr(MAPPING_HELP).format(example=tr(MAPPING_EXAMPLE))


def mapping_said(text: str) -> str:
    """The core's words naming the command's --mapping, naming the Import's field mapping
    parameter instead."""
    box = tr(MAPPING)
    text = re.sub(r"map it with --mapping, a JSON file such as (\{.*?\})|"
                  r"请用 --mapping 指定对应（一个 JSON 文件，如 (\{.*?\})）", lambda m: tr(
                      "map it under “{box}”, such as {example}").format(
                      box=box, example=m[1] or m[2]), text)
    text = re.sub(r"map it with --mapping", lambda _: tr("map it under “{box}”").format(
        box=box), text)
    return re.sub(r"(?:give |请用 )--mapping(?: 指定)?", lambda _: tr(
        "give it under “{box}”").format(box=box), text)


class Import(_Algorithm):
    NAME, TITLE = "import", QT_TRANSLATE_NOOP("@default", "Import surveyed data")
    HELP = QT_TRANSLATE_NOOP(
        "@default", "Checks surveyed data against the plan and brings it into the master layer; "
            "nothing is written when the check finds errors.")
    LAYERS = ("mine_patches", "restoration_zones", "county_boundary")

    def shortHelpString(self):  # noqa: N802
        # (as the plugin's Import says it: the library imports into a GeoPackage only)
        return "{}\n{}\n{}: {}".format(tr(self.HELP), tr(
            "Imports do not work on a PostgreSQL master yet: import into a GeoPackage "
            "master, or edit the layers in QGIS."), tr(MAPPING), mapping_help())

    def group(self):
        return tr("Plan data")

    def groupId(self):  # noqa: N802
        return "plan"

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile("MASTER", tr("Master GeoPackage"),
                                                     fileFilter=GPKG))
        self.addParameter(QgsProcessingParameterFile("SOURCE", tr("Surveyed data")))
        # the layer of a GeoPackage, the folder of a KML, where the source holds several
        self.addParameter(QgsProcessingParameterString("SOURCE_LAYER", tr(SOURCE_LAYER),
                                                       optional=True))
        # (as the command line's --crs: over what the file says, or where it says nothing)
        self.addParameter(QgsProcessingParameterCrs("CRS", tr(SOURCE_CRS), optional=True))
        # (as the command line's --mapping: over the mapping recognised or saved)
        mapping = QgsProcessingParameterString("MAPPING", tr(MAPPING), optional=True,
                                               multiLine=True)
        mapping.setHelp(mapping_help())  # (the dialog's tooltip of the box)
        self.addParameter(mapping)
        self.addParameter(QgsProcessingParameterEnum("LAYER", tr("Plan layer"),
                                                     options=[layer_choice(n) for n in
                                                              self.LAYERS],
                                                     defaultValue=0))
        # the dialog's checkbox and the command's --delete-missing, with their rule: a patch
        # with verification records is kept
        self.addParameter(QgsProcessingParameterBoolean(
            "DELETE_MISSING", tr(DELETE_MISSING), defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber("UPDATED", tr("Updated")))
        self.addOutput(QgsProcessingOutputNumber("INSERTED", tr("Inserted")))
        self.addOutput(QgsProcessingOutputNumber("DELETED", tr("Deleted")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from field_kit.importer.apply import apply_import
        from field_kit.importer.planner import plan_import
        from field_kit.importer.report import notes_grouped

        from ..i18n import user_language
        master = self.parameterAsFile(parameters, "MASTER", context)
        source = self.parameterAsFile(parameters, "SOURCE", context)
        source_layer = self.parameterAsString(parameters, "SOURCE_LAYER", context) or None
        layer = self.LAYERS[self.parameterAsEnum(parameters, "LAYER", context)]
        delete = self.parameterAsBoolean(parameters, "DELETE_MISSING", context)
        crs = self._crs(parameters, context)
        mapping = self._mapping(parameters, context)

        def planned(progress):
            try:
                return plan_import(master, source, layer, source_layer=source_layer, crs=crs,
                                   mapping=mapping)
            except errors.BadInput as exc:  # (a source file refused says why in both)
                raise errors.BadInput(mapping_said(crs_said(source_layer_said(
                    error_in_user_language(exc))))) from None
        plan = _run(feedback, planned)
        lang = user_language()
        # the core's words name the command's option; here it is this parameter
        summary = plan.summary(lang, delete).replace("--delete-missing", f"“{tr(DELETE_MISSING)}”")
        # a note of many rows said once, as the command line says it
        for p in notes_grouped(plan.problems, plan.layer,
                                    plan.source_info.get("features")):
            said = mapping_said(crs_said(p.text(lang)))
            if p.kind == "unknown_crs" and tr(SOURCE_CRS) not in said:  # (English: no hint)
                said += "; " + tr("choose its coordinate system under “{box}”").format(
                    box=tr(SOURCE_CRS))
            feedback.pushInfo(said)
        if plan.has_errors:
            raise QgsProcessingException(summary)
        feedback.pushInfo(summary)
        for m in plan.missing:
            if delete and not m.deletable:
                feedback.pushWarning("{}: {}".format(m.key, tr(
                    "{n} verification(s): kept, not deleted").format(n=m.verifications)))
        res = _run(feedback, lambda progress: apply_import(master, plan, delete_missing=delete,
                                                           progress=progress))
        for warning in apart_said(res.apart):  # (written as given, as a merge takes them)
            feedback.pushWarning(warning)
        return {"UPDATED": res.updated, "INSERTED": res.inserted, "DELETED": res.deleted}

    def _mapping(self, parameters, context) -> dict | str | None:
        """The mapping given, as the command line's --mapping takes it: a JSON file, or its
        text here (None: as recognised or saved); text that is no mapping refused by name."""
        from field_kit.importer.mapping import of_json
        text = (self.parameterAsString(parameters, "MAPPING", context) or "").strip()
        if not text.startswith("{"):
            return text or None
        try:
            return of_json(json.loads(text))
        except ValueError as exc:
            raise QgsProcessingException(tr(
                "“{box}” is no mapping ({why}): give a JSON object of source field: plan field, "
                "such as {example}, or the JSON file holding it; nothing was imported.").format(
                    box=tr(MAPPING), why=exc, example=tr(MAPPING_EXAMPLE))) from None

    def _crs(self, parameters, context) -> str | None:
        """The coordinate system given (None: as the file says), by its EPSG code as the
        command line's --crs takes it; one with none refused by name."""
        crs = self.parameterAsCrs(parameters, "CRS", context)
        if not crs.isValid():
            return None
        if not crs.authid().upper().startswith("EPSG:"):
            raise QgsProcessingException(tr(
                "{crs} has no EPSG code: choose the surveyed data's coordinate system under "
                "“{box}” by its EPSG code (CGCS2000: EPSG:4490, or a Gauss-Kruger zone of it, "
                "EPSG:4491-4554); nothing was imported.").format(
                    crs=crs.description() or crs.authid() or crs.toProj(), box=tr(SOURCE_CRS)))
        return crs.authid()


class Provider(QgsProcessingProvider):
    def id(self):
        return "toksun"

    def name(self):
        return tr("Toksun restoration")

    def icon(self):
        return QIcon(str(ICON)) if ICON else super().icon()

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in (Checkout, Export, Merge, Pull, Report, Import):
            self.addAlgorithm(algorithm())
