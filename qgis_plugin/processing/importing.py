# SPDX-License-Identifier: GPL-2.0-or-later
"""The import algorithm: surveyed data checked against the plan and brought into a plan
layer of the master, its parameters named where the core's words name the command's
options."""

from __future__ import annotations

import json
import re

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from field_kit import errors
from field_kit.importer.said import rows_said

from ..core_messages import apart_said, error_in_user_language
from ..i18n import by_count, tr, user_language
from ..plan_layers import layer_choice
from .base import GPKG, _Algorithm, _run

DELETE_MISSING = QT_TRANSLATE_NOOP("@default", "Delete the rows the source does not have")
SOURCE_LAYER = QT_TRANSLATE_NOOP("@default", "Source layer")


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
                                                     options=[layer_choice(n, user_language())
                                                              for n in self.LAYERS],
                                                     defaultValue=0))
        # the dialog's checkbox and the command's --delete-missing, with their rule: a patch
        # with verification records is kept
        self.addParameter(QgsProcessingParameterBoolean(
            "DELETE_MISSING", tr(DELETE_MISSING), defaultValue=False))
        self.addOutput(QgsProcessingOutputNumber("UPDATED", tr("Updated")))
        self.addOutput(QgsProcessingOutputNumber("INSERTED", tr("Inserted")))
        self.addOutput(QgsProcessingOutputNumber("DELETED", tr("Deleted")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from field_kit.importer.apply import apart_if_written, apply_import
        from field_kit.importer.planner import plan_import
        from field_kit.importer.report import notes_grouped

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
                                   mapping=mapping, progress=progress)
            except errors.BadInput as exc:  # (a source file refused says why in both)
                raise errors.BadInput(mapping_said(crs_said(source_layer_said(
                    error_in_user_language(exc))))) from None
        plan = _run(feedback, planned, writes=False)
        lang = user_language()
        # the core's words name the command's option; here it is this parameter (the
        # figures of a project it leaves apart, warned of once written, counted with the
        # warnings)
        summary = plan.summary(lang, delete, len(apart_if_written(master, plan))).replace(
            "--delete-missing", f"“{tr(DELETE_MISSING)}”")
        # a note of many rows said once, as the command line says it
        for p in notes_grouped(plan.problems, plan.layer,
                                    plan.source_info.get("features")):
            said = mapping_said(crs_said(p.text(lang)))
            if p.kind == "unknown_crs" and tr(SOURCE_CRS) not in said:  # (English: no hint)
                said += "; " + tr("choose its coordinate system under “{box}”").format(
                    box=tr(SOURCE_CRS))
            feedback.pushInfo(said)
        # each row updated, added and missing (deleted, kept), as the command line names it;
        # refused, each said as not written
        for line in rows_said(plan, delete):
            feedback.pushInfo(line(lang))
        if plan.has_errors:
            raise QgsProcessingException(summary)
        feedback.pushInfo(summary)
        for m in plan.missing:
            if delete and not m.deletable:
                feedback.pushWarning("{}: {}".format(m.key, by_count(
                    m.verifications, tr("1 verification: kept, not deleted"),
                    tr("{n} verifications: kept, not deleted")).format(n=m.verifications)))
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

