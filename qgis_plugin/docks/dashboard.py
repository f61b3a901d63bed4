# SPDX-License-Identifier: GPL-2.0-or-later
"""The progress dashboard: a dock with the indicators, legacy-mine remediation per township
and phase, project targets and the plan-consistency findings, computed by
:mod:`field_kit.reports.progress` and :mod:`field_kit.reports.plan_check` and drawn with
:mod:`field_kit.reports.charts` (the same SVG charts as the PDF)."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsTask
from qgis.PyQt.QtCore import QByteArray, QSize, Qt, pyqtSignal
from qgis.PyQt.QtSvg import QSvgRenderer, QSvgWidget
from qgis.PyQt.QtWidgets import (
    QWIDGETSIZE_MAX,
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from field_kit.app.editors import ButtonRow
from field_kit.file_filters import any_case
from field_kit.reports import charts
from field_kit.reports.plan_check import check_plan
from field_kit.reports.progress import NOT_VERIFIED, percent_text, progress
from field_kit.sync import changelog, masters

from ..core_messages import derived_said, in_user_language, master_named, master_named_in
from ..i18n import tr, user_language
from .fitted_table import FittedTable

CAUTIONS_SHOWN = 5  # the rest are in the Excel report's own sheet


class XlsxTask(QgsTask):
    """Write the Excel workbook in the background (the writer is pure Python)."""

    done = pyqtSignal(str, str)  # path, error ("" when written)

    def __init__(self, master: str, out: str):
        super().__init__(tr("Export report (Excel)"), QgsTask.CanCancel)
        self.master, self.out, self.error = master, out, ""
        self.lang = user_language()  # (read here: the workbook is written off the GUI thread)

    def run(self) -> bool:
        from field_kit.reports.xlsx import write_xlsx

        try:
            with masters.master_file(self.master, needs="plan") as path:
                write_xlsx(path, self.out, feedback=lambda f: self.setProgress(100 * f),
                           lang=self.lang)
        except Exception as e:  # shown to the user
            self.error = getattr(e, "message", f"{type(e).__name__}: {e}")
            return False
        return not self.isCanceled()

    def finished(self, ok: bool) -> None:  # noqa: D401 (QgsTask API)
        self.done.emit(self.out, "" if ok else (self.error or tr("cancelled")))


class Chart(QSvgWidget):
    """A chart drawn to the width it is given (its labels broken to fit, its bars narrower),
    from the width of a few words up to a quarter over its own; its height follows."""

    NARROWEST = 300

    def __init__(self):
        super().__init__()
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.draw: Callable[..., str] | None = None
        self.drawn = 0  # the width the chart shown was drawn to
        self.own = QSize()
        self.heights: dict[int, int] = {}

    def set_chart(self, draw: Callable[..., str]) -> None:
        """``draw(width=...)`` the chart's SVG at a width; ``draw()`` at its own."""
        self.draw, self.heights = draw, {}
        self.own = _svg_size(draw())
        self.setMinimumWidth(min(self.NARROWEST, self.own.width()))
        self.setMaximumWidth(int(self.own.width() * 1.25))
        self._draw(self.width() if self.isVisible() else self.own.width())
        self.updateGeometry()

    def clear(self) -> None:
        self.draw, self.heights, self.drawn = None, {}, 0
        self.load(QByteArray())

    def _bounded(self, width: int) -> int:
        return max(self.minimumWidth(), min(width, self.maximumWidth()))

    def _draw(self, width: int) -> None:
        if self.draw is None:
            return
        self.drawn = self._bounded(width)
        self.load(QByteArray(self.draw(width=self.drawn).encode("utf-8")))
        self.renderer().setAspectRatioMode(Qt.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fitted(event.size().width())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # set while its tab was hidden (a refresh, a merge), it was drawn at its own width,
        # and its tab opened at the width it had before: no resize to draw it again
        super().showEvent(event)
        self._fitted(self.width())

    def _fitted(self, width: int) -> None:
        """Drawn again to ``width`` where it was drawn to another."""
        if self.draw is not None and self._bounded(width) != self.drawn:
            self._draw(width)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self.own

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        if self.draw is None:
            return 0
        width = self._bounded(width)
        if width not in self.heights:
            self.heights[width] = _svg_size(self.draw(width=width)).height()
        return self.heights[width]


def _svg_size(svg: str) -> QSize:
    return QSvgRenderer(QByteArray(svg.encode("utf-8"))).defaultSize()


class _Summary(QScrollArea):
    """The summary as tall as its text, to a third of the screen's height; past that it
    scrolls (cautions, a narrow dock: the dock, and QGIS's window, would grow taller than
    the screen)."""

    def __init__(self, label: QLabel):
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setWidget(label)
        screen = QApplication.primaryScreen()
        self.most = screen.availableGeometry().height() // 3 if screen else 300
        self.alone(False)

    def alone(self, alone: bool) -> None:
        """Take the room of the figures (none shown), or leave it to them."""
        self.setMaximumHeight(QWIDGETSIZE_MAX if alone else self.most)

    def _text_height(self) -> int:
        label = self.widget()
        width = self.viewport().width() or label.sizeHint().width()
        return max(label.heightForWidth(width), label.minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().sizeHint().width(), min(self._text_height(), self.most))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        # (its text, to a quarter of the screen: a short dock leaves the figures room)
        return QSize(super().minimumSizeHint().width(),
                     min(self._text_height(), self.most * 3 // 4))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # its text rewrapped
            self.updateGeometry()


def _pct(v) -> str:
    return percent_text(v)


def _scroll(*widgets) -> QScrollArea:
    inner = QWidget()
    lay = QVBoxLayout(inner)
    for w in widgets:
        lay.addWidget(w)
    lay.addStretch(1)
    area = _Tab()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


class _Tab(QScrollArea):
    """A tab's figures, scrolled up and down; never narrower than its narrowest chart (the
    dock no narrower for them), which would scroll sideways."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        return QSize(max(hint.width(), inner.minimumSizeHint().width() + 2 * self.frameWidth()
                         + self.verticalScrollBar().sizeHint().width()), hint.height())


class DashboardDock(QDockWidget):
    """Where the county stands against the plan, from the master's records."""

    def __init__(self, iface, master_path, parent=None):
        super().__init__(tr("Progress against the plan"), parent or
                         (iface.mainWindow() if iface is not None else None))
        self.setObjectName("ToksunDashboardDock")
        self.iface = iface
        self.master = str(master_path)
        self.lang = user_language()
        self.progress = None
        self.check = None
        self.task = None

        body = QWidget()
        outer = QVBoxLayout(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary_area = _Summary(self.summary)
        outer.addWidget(self.summary_area)
        self.tabs = QTabWidget()
        # every tab in sight in a narrow dock, none behind scroll arrows: short names, whole
        # at 420 pixels, shortened further only where the dock is narrower still; the tab's
        # full name in its tooltip
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.ElideRight)
        outer.addWidget(self.tabs, 1)

        # indicators
        self.indicator_chart = Chart()
        self.indicator_table = FittedTable([tr("Indicator"), tr("Unit"), "2020", "2025", "2035",
                                            tr("Now"), tr("Of 2025"), tr("Of 2035"),
                                            tr("Basis")], wrapped=(0, 8))
        # the plan's other binding controls and targets (red line, farmland, water, patches)
        self.controls_table = FittedTable([tr("Control or target"), tr("Unit"),
                                           tr("Constraint"), "2025", "2035", tr("Other"),
                                           tr("Now"), tr("Section")], wrapped=(0, 7))
        self._add_tab(_scroll(self.indicator_chart, self.indicator_table, self.controls_table),
                      tr("Indicators"), tr("Indicators"))
        # mines
        self.mine_chart = Chart()
        self.township_chart = Chart()
        heads = [tr("Group"), tr("Patches"), tr("Verified"), tr("Untreated"),
                 tr("Work in progress"), tr("Restored"), tr("Natural recovery"),
                 tr("Not yet verified"), tr("Restored area (m²)")]
        self.township_table = FittedTable(heads, wrapped=(0,))
        self.phase_table = FittedTable(heads, wrapped=(0,))
        self._add_tab(_scroll(self.mine_chart, self.township_chart, self.township_table,
                              self.phase_table), tr("Mines"), tr("Legacy mines"))
        # projects
        self.targets_chart = Chart()
        self.targets_table = FittedTable([tr("Project"), tr("Target"), tr("Quantity"),
                                          tr("Unit"), tr("Completed"), tr("Percent"),
                                          tr("Last inspected"), tr("Note")], wrapped=(0, 1, 7))
        self._add_tab(_scroll(self.targets_chart, self.targets_table), tr("Projects"),
                      tr("Projects"))
        # plan check: the plan's own figures checked against each other; so named on its tab
        # too, as in the summary and the reports
        self.findings_table = FittedTable([tr("Severity"), tr("Finding"), tr("Sections cited")],
                                          wrapped=(1, 2))
        self._add_tab(_scroll(self.findings_table), tr("Plan check"), tr("Plan check"))

        # (on lines of their own in a narrow dock: side by side, they kept it 500 pixels wide)
        buttons = ButtonRow()
        self.refresh_button = QPushButton(tr("Refresh"))
        self.xlsx_button = QPushButton(tr("Export report (Excel)…"))
        self.pdf_button = QPushButton(tr("Export report (PDF)…"))
        for b in (self.refresh_button, self.xlsx_button, self.pdf_button):
            buttons.addWidget(b)
        outer.addLayout(buttons)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setVisible(False)
        outer.addWidget(self.progress_bar)
        self.setWidget(body)

        self.refresh_button.clicked.connect(self.refresh)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.refresh()

    def _add_tab(self, page: QWidget, short: str, name: str) -> None:
        self.tabs.setTabToolTip(self.tabs.addTab(page, short), name)

    # --- figures ------------------------------------------------------------------------
    def set_master(self, master) -> None:
        self.master = str(master)
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again (call after a merge)."""
        if masters.is_field_package(self.master):  # refused as the command line refuses it
            self._no_figures(
                tr("This dock shows a master's progress against the plan: {path} is a field "
                   "package, which holds its township's or its area's records alone, so its "
                   "figures would not be the county's.").format(path=master_named(self.master)),
                tr("Open the master to see its progress and export its report."))
            return
        try:
            if masters.without_capture(self.master):
                check_plan(self.master)  # (reads only) a file that is no plan is said so first
                self._no_capture()
                return
            # a shape written in the master outside QGIS: its area counted as the shape's
            followed = masters.shapes_followed(self.master)
            with masters.master_file(self.master, needs="plan") as path:
                p, check = progress(path), check_plan(path)
        except Exception as e:  # a file that is not a plan, a server stopped: say so
            self._unread(in_user_language(getattr(e, "message", str(e))))
            return
        self.progress, self.check = p, check
        self._exports(True)
        self.tabs.setVisible(True)
        self.summary_area.alone(False)
        if followed and self.iface is not None:
            self.iface.messageBar().pushMessage(tr("Progress against the plan"), "\n".join(
                derived_said(followed)), Qgis.Info, 10)
        zh = self.lang == "zh"
        m, t = p.mine_area, p.total
        counted = {"v": p.counts.get("verifications", 0), "i": p.counts.get("inspections", 0),
                   "p": p.counts.get("photos", 0)}
        if p.as_of:
            records = tr("Records up to {date}: {v} verifications, {i} inspections, {p} "
                         "photos").format(date=p.as_of, **counted)
        else:  # none counted: why, as the reports say it (none yet, or all dated later)
            said = p.records_up_to()(self.lang)
            records = tr("{records}: {v} verifications, {i} inspections, {p} photos").format(
                records=html.escape(said[:1].upper() + said[1:]), **counted)
        lines = [f"<b>{p.title(self.lang)}</b>", records]
        if m is not None:
            lines.append(tr("Legacy mines remediated: {now} km², counting the 2020 baseline "
                            "of {base:g} km² and {restored} km² restored since (2025 target "
                            "{t25:g}: {p25}; 2035 target {t35:g}: {p35})").format(
                now=m.current_text(), base=m.baseline_2020_km2, restored=m.restored_text(),
                t25=m.target_2025_km2, p25=_pct(m.percent_2025),
                t35=m.target_2035_km2, p35=_pct(m.percent_2035)))
        lines.append(tr("Patches: {n}, verified {v}: restored {r}, in progress {c}, natural "
                        "recovery {d}, untreated {a}").format(
            n=t.patches, v=t.verified, r=t.restored, c=t.in_progress, d=t.natural_recovery,
            a=t.untreated))
        if check.inconsistencies:
            lines.append(tr("Plan check: {n} inconsistencies").format(
                n=len(check.inconsistencies)))
        if p.cautions:
            shown = CAUTIONS_SHOWN
            lines.append('<span style="color:#b35900">' + tr(
                "Cautions ({n}) on the records these figures rest on: check them before "
                "reporting the figures").format(n=len(p.cautions)) + "</span>")
            lines += [f"{n}. {html.escape(c.text(self.lang))}"
                      for n, c in enumerate(p.cautions[:shown], 1)]
            if len(p.cautions) > shown:
                lines.append(tr("… and {n} more: all are in the Excel report").format(
                    n=len(p.cautions) - shown))
        self.summary.setText("<br>".join(lines))
        self.summary_area.updateGeometry()

        self.indicator_chart.set_chart(partial(charts.indicator_chart, p, self.lang))
        self.indicator_table.fill([
            [i.name_zh if zh else i.name_en, i.unit if zh else i.unit_en, i.value_2020,
             i.value_2025, i.value_2035,
             # (as the summary and the command line write it)
             "—" if i.current is None else Decimal(f"{i.current:.{i.current_places}f}"),
             _pct(i.percent_2025), _pct(i.percent_2035), i.basis(self.lang)]
            for i in p.indicators])
        self.controls_table.fill([
            [c.name_zh if zh else c.name_en, c.unit if zh else c.unit_en, c.comparison,
             *(Decimal(c.as_written(v)) if v is not None else None
               for v in (c.value_2025, c.value_2035, c.value_other)),
             "—" if c.current is None else c.current, c.section]
            for c in p.controls])
        self.mine_chart.set_chart(partial(charts.mine_area_chart, p, self.lang))
        self.township_chart.set_chart(partial(charts.township_chart, p, self.lang))

        def counts(groups):
            return [[p.group_label(g.group, self.lang), g.patches, g.verified] + [
                g.by_status()[s] for s in ("A", "C", "B", "D", NOT_VERIFIED)]
                + [f"{g.restored_area_m2:,.2f}"] for g in groups]

        self.township_table.fill(counts(p.by_township + [t]))
        self.phase_table.fill(counts(p.by_phase))
        self.targets_chart.set_chart(partial(charts.targets_chart, p, self.lang))
        self.targets_table.fill([
            [f"{x.project_id} {x.project_name_zh if zh else x.project_name_en}",
             x.target_zh if zh else x.target_en,
             None if x.quantity is None else Decimal(x.as_written(x.quantity)),
             x.unit_in(self.lang, x.quantity),
             "—" if x.completed is None else x.completed, _pct(x.percent),
             x.inspected_on or "", x.note(self.lang)] for x in p.targets])
        self.findings_table.fill([
            [f.severity_label(self.lang), f.message(self.lang),
             "; ".join(f.sections)] for f in check.findings])

    def _unread(self, error: str) -> None:
        """The master not read: why, whole, and no figures left from an earlier reading
        (they would pass for the master's figures now), nor a report of it to export."""
        self._no_figures(
            tr("Cannot read {path}: {error}").format(
                path=master_named(self.master), error=master_named_in(error, self.master)),
            tr("No figures are shown, nor a report exported, until it is read: press "
               "Refresh once it can be."))

    def _no_capture(self) -> None:
        """A GeoPackage with no change capture, neither a master nor a field package, said as
        the command line says it: no figures (a copy's, not the master's now), no report."""
        self._no_figures(
            in_user_language(changelog.no_capture(self.master).message),
            tr("Open the master to see its progress and export its report."))

    def _no_figures(self, *said: str) -> None:
        """No figures shown, ``said`` in their place, and no report offered."""
        self.progress = self.check = None
        self._exports(False)
        for table in self.findChildren(QTableWidget):
            table.setRowCount(0)
        for chart in self.findChildren(Chart):
            chart.clear()
        self.tabs.setVisible(False)
        self.summary_area.alone(True)
        self.summary.setText("<br>".join(html.escape(line) for line in said))
        self.summary_area.updateGeometry()

    # --- reports --------------------------------------------------------------------------
    def _ask(self, caption: str, suffix: str, filter_: str) -> str:
        name = f"{masters.file_stem(self.master)}_report_{date.today().isoformat()}{suffix}"
        folder = Path.home() if masters.is_postgres(self.master) else Path(self.master).parent
        default = str(folder / name)
        path, _ = QFileDialog.getSaveFileName(self, caption, default, filter_)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def export_xlsx(self, path: str | None = None) -> XlsxTask | None:
        path = path or self._ask(tr("Export report (Excel)"), ".xlsx",
                                 any_case(tr("Excel workbook (*.xlsx)")))
        if not path:
            return None
        task = XlsxTask(self.master, path)
        self._busy(True)
        task.progressChanged.connect(lambda v: self.progress_bar.setValue(int(v)))
        task.done.connect(self._finished)
        self.task = task
        QgsApplication.taskManager().addTask(task)
        return task

    def export_pdf(self, path: str | None = None) -> bool:
        """The PDF is drawn on the GUI thread (print layouts paint text and pictures, which
        Qt allows there only); the progress bar follows it page by page."""
        path = path or self._ask(tr("Export report (PDF)"), ".pdf", any_case(tr("PDF (*.pdf)")))
        if not path:
            return False
        from ..printing.report_pdf import write_pdf

        self._busy(True)

        def step(f: float) -> None:
            self.progress_bar.setValue(int(100 * f))
            QgsApplication.processEvents()

        try:
            with masters.master_file(self.master, needs="plan") as master:
                write_pdf(master, path, feedback=step, lang=user_language(),
                          master_name=masters.shown_name(self.master))
        except Exception as e:
            self._finished(path, getattr(e, "message", f"{type(e).__name__}: {e}"))
            return False
        self._finished(path, "")
        return True

    def _busy(self, busy: bool) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(busy)
        self._exports(not busy)

    def _exports(self, enabled: bool) -> None:
        for b in (self.xlsx_button, self.pdf_button):
            b.setEnabled(enabled)

    def _finished(self, path: str, error: str) -> None:
        self._busy(False)
        self.task = None
        bar = self.iface.messageBar() if self.iface is not None else None
        if error:
            error = in_user_language(error)
            if bar is not None:
                bar.pushMessage(tr("Report"), tr("The report was not written: {error}").format(
                    error=error), Qgis.Critical, 0)
            else:
                QMessageBox.critical(self, tr("Report"), error)
        elif bar is not None:
            bar.pushMessage(tr("Report"), tr("Report written: {path}").format(path=path),
                            Qgis.Success, 10)
