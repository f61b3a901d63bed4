# SPDX-License-Identifier: GPL-2.0-or-later
"""What the Processing algorithms share: the master as a parameter (a GeoPackage file or a
saved PostgreSQL connection), the library's work run with progress and cancelling, its
refusals made Processing errors in the user's language, and what a command followed said
under its headings."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterDatabaseSchema,
    QgsProcessingParameterFile,
    QgsProcessingParameterProviderConnection,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from field_kit import errors
from field_kit.file_filters import any_case

from ..core_messages import (
    codes_left_title,
    codes_title,
    error_in_user_language,
    followed_said,
    in_user_language,
    no_code_warnings,
    shapes_left_title,
)
from ..i18n import tr, user_language

_HERE = Path(__file__).resolve().parents[1]
# inside the plugin in its zip, beside it in the repository
ICON = next((p for p in (_HERE / "resources" / "icons" / "toksun.svg",
                         _HERE.parent / "resources" / "icons" / "toksun.svg") if p.exists()),
            None)


GPKG = any_case("GeoPackage (*.gpkg)")

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


def _run(feedback, work, master=None, writes=True, cancelled: str | None = None):
    """Run library work; its refusals become Processing errors, cancelling stops it (said
    ``cancelled``, else that nothing was changed); a PostgreSQL ``master`` not reached is
    said as the docks say it. Work that ``writes``, cancelled once it wrote (its last word
    on progress given), is said to have finished before the cancel: never said cancelled."""
    def progress(fraction: float) -> None:
        if feedback.isCanceled():
            raise errors.Cancelled(cancelled or tr("Cancelled: nothing was changed."))
        feedback.setProgress(100 * fraction)
    try:
        done = work(progress)
    except errors.SyncError as exc:
        for note in getattr(exc, "__notes__", []):  # (what it did all the same)
            feedback.pushWarning(in_user_language(note))
        if master is not None:
            from ..postgres import not_opened_reason
            raise QgsProcessingException(not_opened_reason(str(master), exc)) from None
        # (in Chinese, the Chinese the error carries where it was raised with one)
        raise QgsProcessingException(error_in_user_language(exc)) from None
    if writes and feedback.isCanceled():
        feedback.reportError(tr("Finished before the cancel: what it wrote stays written."))
    return done


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



def lines_said(push, lines) -> None:
    """Lines the library words for the command line too (each a
    :class:`~field_kit.bilingual.Line`), pushed to the log with ``push`` in the user's
    language, indented as printed."""
    zh = user_language() == "zh"
    for line in lines:
        said = (line.zh or in_user_language(line.en, "zh")) if zh else line.en
        push(line.indent + said)
