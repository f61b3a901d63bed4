# SPDX-License-Identifier: GPL-2.0-or-later
"""The report algorithm: the supervisor's progress report, Excel or PDF."""

from __future__ import annotations

from qgis.core import QgsProcessingException, QgsProcessingParameterFileDestination
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..i18n import tr, user_language
from .base import _OnMaster, _run


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
        from field_kit.sync.masters import master_file, must_be_master, shown_name
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        # a field package holds its township's or box's patches alone, which would be
        # reported as the county's: refused as field-kit report refuses it
        _run(feedback, lambda progress: must_be_master(master), master, writes=False)
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
                    write_xlsx(path, out, feedback=progress, lang=lang)
        else:
            raise QgsProcessingException(tr("A report is an .xlsx or a .pdf file."))
        _run(feedback, work, master)
        return {"OUTPUT": out}
