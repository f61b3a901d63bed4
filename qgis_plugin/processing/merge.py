# SPDX-License-Identifier: GPL-2.0-or-later
"""The merge algorithm: change packages into the master, each whole or not at all."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterMultipleLayers,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from field_kit.plan.values import column_named
from field_kit.sync import outcomes

from ..core_messages import (
    in_conflict,
    in_part_lines,
    in_user_language,
    labelled,
    refusal_said,
    sentence,
)
from ..i18n import tr, user_language
from .base import _OnMaster, _run, _said_followed


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
        # (as merge --again-undone: kept out otherwise, and said)
        self.addParameter(QgsProcessingParameterBoolean(
            "AGAIN_UNDONE", tr("Merge again the changes of merges this master undid"),
            defaultValue=False))
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
        # (none given reads as one empty name, which would be said as a file not there)
        zips = [z for z in self.parameterAsFileList(parameters, "PACKAGES", context) if z]
        # as the command line and the Sync dock: packages not there named before anything
        again = self.parameterAsBool(parameters, "AGAIN_UNDONE", context)
        rep = _run(feedback, lambda progress: masters.merge(master, zips, progress=progress,
                                                             again_undone=again), master)
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
        for said in rep.cautions:  # (another master: restored? changes undone here sent again)
            feedback.reportError(sentence(said))
        t = rep.totals
        in_part: dict = {}
        # as Settle conflicts lists them; those the run closed as superseded, counted too
        superseded: dict = {}
        settle = masters.to_settle(master, rep, in_part, superseded)
        for r in rep.results:
            c = r.counts
            fields, closed = outcomes.recorded(settle, superseded, r.merge_id)
            feedback.pushInfo(tr("{0} from {1}: applied {2}, already {3}, conflicts {4}, "
                                 "refused {5}").format(r.source, r.device, r.went_in,
                                                       c["already"], in_conflict(
                                                           c["conflict"], fields,
                                                           superseded=closed),
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

