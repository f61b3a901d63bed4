# SPDX-License-Identifier: GPL-2.0-or-later
"""The supervisor's PDF: a summary page with the charts and key figures, the targets, the
cautions and plan-consistency findings the summary has no room for, then one page a
legacy-mine patch through a QGIS print layout atlas over ``mine_patches`` (its map with
its neighbours, its attributes, its latest verification and its first photos).

:func:`write_pdf` works headless (the ``field-kit report`` command, tests) and from the
plugin. Layout rendering paints text and pictures, which Qt allows only on the GUI thread
(QGIS's own "Export print layout" algorithm is flagged no-threading), so the plugin calls it
on the main thread and shows its progress through ``feedback``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from qgis.core import (
    QgsCoordinateTransform,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutItemTextTable,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLayoutUtils,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsRenderContext,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QPageSize, QPainter, QPdfWriter

from field_kit.bilingual import EN, ZH
from field_kit.db import connect, refuse_folder_to_write, written_whole
from field_kit.errors import BadInput
from field_kit.messages_zh import master_in_chinese
from field_kit.plan import units
from field_kit.reports import charts
from field_kit.reports.headings import (
    DONE,
    DONE_PERCENT,
    OF_2025,
    OF_2035,
    PATCHES_RESTORED,
    done_shown,
    heading,
)
from field_kit.reports.plan_check import Check, check_conn
from field_kit.reports.progress import (
    AREA_BASIS,
    NOT_VERIFIED,
    STATUS_LABELS,
    Progress,
    percent_text,
    progress_of,
)
from field_kit.reports.xlsx import code_labels, coded_text, name_in

from ..plan_layers import county_extent, display_crs, open_layer
from .pdf_text import mend_text_layer
from .plan_map import FONT, SCHEMATIC_NOTICE, SCHEMATIC_NOTICE_EN, fit_ratio

LATIN_FONT = "DejaVu Sans"
PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, mm
DPI = 200
MAX_PHOTOS = 4
MAP_LAYERS = ("patch_verifications", "townships", "mine_patches", "restoration_zones",
              "county_boundary")
DETAIL_LAYERS = ("patch_verifications", "townships", "mine_patches")  # the patch map
MIN_MAP_M = 2400  # the patch map shows at least this many metres across
# An English reader's map labels: a place's English name, its Chinese where the plan gives none
# (the layers' own styles label in Chinese)
ENGLISH = "coalesce(nullif(trim(name_en), ''), name_zh)"
ENGLISH_LABELS = {
    "townships": ENGLISH,
    "county_boundary": f"{ENGLISH} || ' (schematic)'",  # (示意边界: wider would not fit)
    "restoration_zones": f"wordwrap({ENGLISH}, 24)",
}
MM = QgsUnitTypes.LayoutMillimeters
FONT_SCALE = 10  # QgsLayoutUtils draws text in a font this many times larger, scaled down
POINT_SIZE = "toksun_point_size"  # a label's own font size, before it is fitted to its text
SMALLEST = 0.8  # a label's text shrinks to this much of its size before it is shortened

Feedback = Callable[[float], None]


class Cancelled(Exception):
    pass


def _progress_fn(feedback) -> Feedback:
    """A ``fraction -> None`` from a callable, a QgsFeedback, or nothing."""
    if feedback is None:
        return lambda f: None
    if hasattr(feedback, "setProgress"):
        def report(f: float) -> None:
            if feedback.isCanceled():
                raise Cancelled("cancelled by the user")
            feedback.setProgress(100.0 * f)
        return report
    return feedback


# --- layout helpers -------------------------------------------------------------------

def _label(layout, text: str, size: float, x, y, w, h, bold=False, colour="#000000",
           align=Qt.AlignLeft) -> QgsLayoutItemLabel:
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    font = QFont(LATIN_FONT)
    # Latin letters and digits from a Latin font: Qt's PDF text map of the CJK font loses
    # digits (pdftotext and search would not find a patch code); Chinese falls back to CJK
    font.setFamilies([LATIN_FONT, FONT])
    font.setPointSizeF(size)
    font.setBold(bold)
    item.setFont(font)
    item.setFontColor(QColor(colour))
    item.setHAlign(align)
    item.setVAlign(Qt.AlignTop)
    item.setMarginX(0.5)
    item.setMarginY(0.5)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))
    item.setProperty(POINT_SIZE, size)
    if text:
        _fit(item)
    return item


def text_overflow(item: QgsLayoutItemLabel) -> tuple[float, float]:
    """How far (mm) the label's text runs past its frame, across and down; both <= 0 when
    it fits. Measured as QGIS draws it (QgsLayoutUtils.drawText: Qt's word wrap at the
    frame's width less its margins, in the font scaled up by FONT_SCALE); the last line's
    descent, which no glyph reaches, is not counted."""
    font = QgsLayoutUtils.scaledFontPixelSize(item.font())
    metrics = QFontMetricsF(font)
    width = (item.rect().width() - 2 * item.marginX()) * FONT_SCALE
    height = (item.rect().height() - 2 * item.marginY()) * FONT_SCALE
    box = metrics.boundingRect(QRectF(0, 0, width, 1e7), int(Qt.TextWordWrap | item.hAlign()),
                               item.currentText())
    return ((box.width() - width) / FONT_SCALE,
            (box.height() - metrics.descent() - height) / FONT_SCALE)


def _fits(item: QgsLayoutItemLabel) -> bool:
    return max(text_overflow(item)) <= 0


def _set_text(item: QgsLayoutItemLabel, text: str) -> None:
    item.setText(text)
    _fit(item)


def _fit(item: QgsLayoutItemLabel) -> None:
    """Make the label's text fit its frame, so none is cut by it or runs over another item:
    at its own size if it can, else a smaller one (down to SMALLEST of it); a word wider
    than the frame (a photo's file name) shortened in its middle; text longer still ends
    with "…" where the frame does (the Excel report has every note whole)."""
    font = item.font()
    own = float(item.property(POINT_SIZE))
    size = own
    font.setPointSizeF(size)
    item.setFont(font)
    while not _fits(item) and size - 0.25 >= SMALLEST * own:
        size -= 0.25
        font.setPointSizeF(size)
        item.setFont(font)
    if _fits(item):
        return
    if text_overflow(item)[0] > 0:
        metrics = QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(font))
        width = (item.rect().width() - 2 * item.marginX()) * FONT_SCALE
        item.setText("\n".join(
            " ".join(w if metrics.horizontalAdvance(w) <= width
                     else metrics.elidedText(w, Qt.ElideMiddle, width) for w in line.split(" "))
            for line in item.text().split("\n")))
    text = item.text()
    if _fits(item):
        return
    low, high = 0, len(text)  # the longest start of the text that fits with "…" after it
    while low < high:
        mid = (low + high + 1) // 2
        item.setText(text[:mid].rstrip() + "…")
        if _fits(item):
            low = mid
        else:
            high = mid - 1
    item.setText(text[:low].rstrip() + "…")


def _picture(layout, path: str, x, y, w, h, frame=False) -> QgsLayoutItemPicture:
    item = QgsLayoutItemPicture(layout)
    item.setResizeMode(QgsLayoutItemPicture.Zoom)
    item.setPictureAnchor(QgsLayoutItemPicture.UpperLeft if not frame
                          else QgsLayoutItemPicture.Middle)
    item.setPicturePath(path)
    item.setFrameEnabled(frame)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))
    return item


# a page's title runs up to its number, top right (:func:`_page_number`), clear of it
TITLE_W = 230  # mm


def _page_number(layout) -> QgsLayoutItemLabel:
    """Where a page says its number (top right, clear of its title): see :func:`_numbered`."""
    return _label(layout, "", 8, 240, 7, 49, 6, colour="#444444", align=Qt.AlignRight)


def _numbered(item: QgsLayoutItemLabel, page: int, pages: int, lang: str = ZH) -> None:
    _set_text(item, f"Page {page} of {pages}" if lang == EN else f"第 {page} 页 / 共 {pages} 页")


def _rule(layout, x, y, w, colour="#2b83ba"):
    shape = QgsLayoutItemShape(layout)
    shape.setShapeType(QgsLayoutItemShape.Rectangle)
    symbol = QgsFillSymbol.createSimple({"color": colour, "outline_style": "no"})
    shape.setSymbol(symbol)
    layout.addLayoutItem(shape)
    shape.attemptMove(QgsLayoutPoint(x, y, MM))
    shape.attemptResize(QgsLayoutSize(w, 0.6, MM))
    return shape


def _new_layout(project: QgsProject) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()  # one A4 landscape page
    layout.renderContext().setDpi(DPI)
    layout.renderContext().setTextRenderFormat(QgsRenderContext.TextFormatAlwaysText)
    return layout


def _write_svg(folder: Path, name: str, svg: str) -> str:
    path = folder / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return str(path)


def _num(v, fmt="g") -> str:
    return "—" if v is None else format(v, fmt)


def _pct(v) -> str:
    return percent_text(v)


def _records(p: Progress, lang: str = ZH) -> str:
    """The day of the latest record counted, or why there is none
    (:meth:`~field_kit.reports.progress.Progress.records_up_to`)."""
    if p.as_of:
        return f"Records up to {p.as_of}" if lang == EN else f"记录截至 Records up to {p.as_of}"
    said = p.records_up_to()
    return said.en[:1].upper() + said.en[1:] if lang == EN else said.both()


# --- the summary page -------------------------------------------------------------------

def _key_figures(p: Progress, lang: str = ZH) -> str:
    if lang == EN:
        return _key_figures_in_english(p)
    m, t = p.mine_area, p.total
    lines = []
    if m is not None:
        lines += [
            "历史遗留矿山综合治理面积 Legacy mines remediated",
            f"  现状 now {m.current_text()} 平方千米 = 2020年 {m.baseline_2020_km2:g} + "
            f"已恢复治理 {m.restored_text()}",
            f"  2025年目标 {m.target_2025_km2:g} 平方千米（{_pct(m.percent_2025)}），"
            f"2035年目标 {m.target_2035_km2:g} 平方千米（{_pct(m.percent_2035)}）",
        ]
    lines += [
        f"图斑 Patches {t.patches}：已核查 verified {t.verified}，未核查 not yet {t.not_verified}"
        if t.patches else "图斑 Patches 0：图斑图层中尚无图斑，本报告无图斑页 the patch layer "
        "holds no patches yet: no patch pages",
        f"  未治理 untreated {t.untreated}，治理中 in progress {t.in_progress}，"
        f"已恢复治理 restored {t.restored}，自然恢复 natural {t.natural_recovery}",
    ]
    for g in p.by_phase:
        lines.append(f"  {g.group} {p.group_label(g.group, EN)}：{g.patches} 个 patches，"
                     f"已核查 verified {g.verified}，已恢复治理 restored {g.restored}，"
                     f"已恢复面积 restored area {g.restored_area_m2:,.0f} 平方米")
    done = [x for x in p.targets if x.completed is not None]
    lines.append(f"重点项目目标 Project targets：{len(p.targets)} 项，已有检查数据 with "
                 f"inspections {len(done)} 项")
    lines.append(f"记录 Records：核查 verifications {p.counts.get('verifications', 0)}，检查 "
                 f"inspections {p.counts.get('inspections', 0)}，照片 photos "
                 f"{p.counts.get('photos', 0)}")
    return "\n".join(lines)


def _key_figures_in_english(p: Progress) -> str:
    """:func:`_key_figures` for an English reader, its names as the Excel report's."""
    m, t = p.mine_area, p.total
    lines = []
    if m is not None:
        lines += [
            "Legacy mines remediated",
            f"  now {m.current_text()} km² = {m.baseline_2020_km2:g} (2020) + "
            f"{m.restored_text()} restored",
            f"  2025 target {m.target_2025_km2:g} km² ({_pct(m.percent_2025)}), "
            f"2035 target {m.target_2035_km2:g} km² ({_pct(m.percent_2035)})",
        ]
    status = {s: STATUS_LABELS[s](EN) for s in STATUS_LABELS}
    lines += [
        f"Patches {t.patches}: verified {t.verified}, {status[NOT_VERIFIED].lower()} "
        f"{t.not_verified}" if t.patches else
        "Patches 0: the patch layer holds no patches yet, so this report has no patch pages",
        f"  {status['A'].lower()} {t.untreated}, {status['C'].lower()} {t.in_progress}, "
        f"{status['B'].lower()} {t.restored}, {status['D'].lower()} {t.natural_recovery}",
    ]
    for g in p.by_phase:
        lines.append(f"  {p.group_label(g.group, EN)}: {g.patches} patches, verified "
                     f"{g.verified}, restored {g.restored}, restored area "
                     f"{g.restored_area_m2:,.0f} m²")
    done = [x for x in p.targets if x.completed is not None]
    lines.append(f"Project targets: {len(p.targets)}, {len(done)} with inspections")
    lines.append(f"Records: verifications {p.counts.get('verifications', 0)}, inspections "
                 f"{p.counts.get('inspections', 0)}, photos {p.counts.get('photos', 0)}")
    return "\n".join(lines)


def _findings_heads(p: Progress, check: Check, lang: str = ZH) -> list[str]:
    if lang == EN:  # (the sheets of the English workbook)
        heads = [f"Plan-consistency check: {len(check.inconsistencies)} inconsistencies, "
                 f"{len(check.notes)} notes (see the Excel report's “Plan consistency” sheet)"]
        if p.cautions:
            heads.insert(0, f"Cautions: {len(p.cautions)}, to check before reporting the "
                            "figures (see the Excel report's “Cautions” sheet)")
        return heads
    heads = [f"规划一致性检查 Plan-consistency check：{len(check.inconsistencies)} 处不一致，"
             f"{len(check.notes)} 条提示（详见 Excel 报告“规划一致性”表）"]
    if p.cautions:
        heads.insert(0, f"注意 Cautions：{len(p.cautions)} 条，报出数字前请核对"
                        "（详见 Excel 报告“注意事项”表）")
    return heads


def _findings_lines(p: Progress, check: Check, lang: str = ZH) -> list[str]:
    heads = _findings_heads(p, check, lang)
    if lang == EN:
        cautions = [f"{n}. {c.text.en}" for n, c in enumerate(p.cautions, 1)]
        found = [f"{n}. [{f.severity_label.en}] {f.message.en} ({'; '.join(f.sections)})"
                 for n, f in enumerate(check.findings, 1)]
        return [*heads[:-1], *cautions, heads[-1], *found]
    cautions = [f"{n}. {c.text.both(' / ')}" for n, c in enumerate(p.cautions, 1)]
    found = [f"{n}. [{f.severity_label.zh}] {f.message.zh}（{'；'.join(f.sections)}）"
             for n, f in enumerate(check.findings, 1)]
    return [*heads[:-1], *cautions, heads[-1], *found]


FINDINGS_SIZE = 6.5  # pt


def _findings(layout, p: Progress, check: Check, lang: str = ZH) -> list[str]:
    """The cautions and the plan-consistency findings below the summary's charts; where not
    all fit, how many of each there are, and the lines to list on pages of their own
    (returned; none where all fit): a caution is never cut off unsaid."""
    lines = _findings_lines(p, check, lang)
    item = _label(layout, "\n".join(lines), FINDINGS_SIZE, 8, 161.5, 281, 38)
    if item.text() == "\n".join(lines):
        return []
    _set_text(item, "\n".join(_findings_heads(p, check, lang) + [
        "All of them are listed from page 3, after the targets" if lang == EN else
        "全部列于第 3 页起 / all of them are listed from page 3, after the targets"]))
    return lines


def findings_layouts(project, lines: list[str], lang: str = ZH) -> list[QgsPrintLayout]:
    """``lines`` on as many pages as they need, each whole on its page."""
    out: list[QgsPrintLayout] = []
    rest = list(lines)
    while rest:
        layout = _new_layout(project)
        layout.setName(f"findings {len(out) + 1}")
        _label(layout, "Cautions and plan-consistency findings" if lang == EN else
               "注意事项与规划一致性检查 Cautions and plan-consistency findings", 12,
               8, 6, TITLE_W, 8, bold=True)
        _rule(layout, 8, 15, 281)
        item = _label(layout, "", FINDINGS_SIZE, 8, 17, 281, 186)
        n = 1
        while n <= len(rest):  # (the most lines that fit at their size)
            item.setText("\n".join(rest[:n]))
            if not _fits(item):
                break
            n += 1
        n = max(n - 1, 1)  # (a line too long for a page alone is shown as far as it fits)
        _set_text(item, "\n".join(rest[:n]))
        rest = rest[n:]
        out.append(layout)
    return out


def summary_layout(project, p: Progress, check: Check, folder: Path,
                   report_date: date, lang: str = ZH, name: str | None = None
                   ) -> tuple[QgsPrintLayout, list[str]]:
    """The summary page, and the findings lines it leaves to pages of their own: in Chinese
    then English for a Chinese reader, in English for an English one. ``name``: the
    master's (:func:`write_pdf`)."""
    layout = _new_layout(project)
    layout.setName("summary")
    name = name or Path(p.master).name
    if lang == EN:  # (two lines where it needs them, down to the date's)
        _label(layout, f"{p.title.en}: progress report", 15, 8, 6, TITLE_W, 13.5, bold=True)
        _label(layout, f"Report date {report_date.isoformat()}    {_records(p, EN)}    "
               f"Data: {name}", 8, 8, 20, 281, 5, colour="#444444")
    else:
        _label(layout, f"{p.title.zh} 实施进度报告", 15, 8, 6, TITLE_W, 9, bold=True)
        _label(layout, f"{p.title.en}: progress report", 9, 8, 14.5, 281, 5, colour="#444444")
        _label(layout, f"报告日期 Report date {report_date.isoformat()}    {_records(p)}    "
               f"数据 Data: {master_in_chinese(name)}", 8, 8, 20, 281, 5, colour="#444444")
    _rule(layout, 8, 25.5, 281)
    _label(layout, _key_figures(p, lang), 8, 8, 28, 140, 44)
    _picture(layout, _write_svg(folder, "mine_area", charts.mine_area_chart(p, lang)),
             8, 72, 140, 21)
    _picture(layout, _write_svg(folder, "townships", charts.township_chart(p, lang)),
             8, 95, 140, 52)
    _picture(layout, _write_svg(folder, "indicators", charts.indicator_chart(p, lang)),
             152, 28, 137, 42)
    _picture(layout, _write_svg(folder, "targets", charts.targets_chart(p, lang)),
             152, 71, 137, 87)
    _rule(layout, 8, 160, 281, "#999999")
    more = _findings(layout, p, check, lang)
    _label(layout, SCHEMATIC_NOTICE_EN if lang == EN else SCHEMATIC_NOTICE, 6, 8, 201, 281, 6,
           colour="#666666")
    return layout, more


# --- the targets page ------------------------------------------------------------------

def _table(layout, title: str, headers: list[str], rows: list[list], y: float) -> float:
    """``rows`` under ``headers``, titled, across the page from ``y`` (mm); where the next
    item may start."""
    _label(layout, title, 7.5, 8, y, 281, 4.5, bold=True)
    table = QgsLayoutItemTextTable(layout)
    table.setColumns([QgsLayoutTableColumn(h) for h in headers])
    table.setContents([["—" if v is None else str(v) for v in row] for row in rows])
    font = QFont(LATIN_FONT)
    font.setFamilies([LATIN_FONT, FONT])  # (digits from the Latin font, as the labels)
    font.setPointSizeF(6)
    for bold, set_format in ((False, table.setContentTextFormat),
                             (True, table.setHeaderTextFormat)):
        font.setBold(bold)
        text = QgsTextFormat.fromQFont(font)
        text.setSize(6)
        text.setSizeUnit(QgsUnitTypes.RenderPoints)
        set_format(text)
    table.setCellMargin(0.5)
    layout.addMultiFrame(table)
    # a row a line high: its text (as the table measures a line: its ascent), margins and
    # grid line; the frame as high as the rows (QGIS 3.22's table gives its frame's height)
    lines = len(rows) + 1
    height = lines * (QgsLayoutUtils.fontAscentMM(font) + 2 * table.cellMargin()) + \
        (lines + 1) * table.gridStrokeWidth() + 0.5
    frame = QgsLayoutFrame(layout, table)
    frame.attemptMove(QgsLayoutPoint(8, y + 5, MM))
    frame.attemptResize(QgsLayoutSize(281, height, MM))
    table.addFrame(frame)
    return y + 5 + height + 2.5


def targets_layout(project, p: Progress, report_date: date, lang: str = ZH) -> QgsPrintLayout:
    """The plan's targets against now: 专栏3-1's indicators, the other binding controls and
    targets, and the projects' targets, each figure as the plan writes it."""
    layout = _new_layout(project)
    layout.setName("targets")
    if lang == EN:
        _targets_in_english(layout, p, report_date)
        return layout
    _label(layout, "规划目标与现状 Plan targets and now", 13, 8, 6, TITLE_W, 8, bold=True)
    _label(layout, f"报告日期 Report date {report_date.isoformat()}    {_records(p)}", 8, 8, 14,
           281, 5, colour="#444444")
    _rule(layout, 8, 19.5, 281)
    y = _table(layout, "指标（专栏3-1） Indicators", [
        "指标 Indicator", "单位 Unit", "2020", "2025", "2035", "现状 Now", heading(OF_2025, ZH),
        heading(OF_2035, ZH)],
        [[f"{i.name_zh} {i.name_en}", i.unit, i.as_written(i.value_2020),
          i.as_written(i.value_2025), i.as_written(i.value_2035),
          _num(i.current, f".{i.current_places}f"), _pct(i.percent_2025), _pct(i.percent_2035)]
         for i in p.indicators], 22)
    y = _table(layout, "其他约束性指标与目标 Other binding controls and targets", [
        "指标 Indicator", "单位 Unit", "约束", "2025", "2035", "其他 Other", "现状 Now",
        "出处 Section"],
        [[f"{c.name_zh} {c.name_en}", c.unit, c.comparison, c.as_written(c.value_2025),
          c.as_written(c.value_2035), c.as_written(c.value_other), _num(c.current),
          c.section] for c in p.controls], y)
    _table(layout, "重点项目目标 Project targets", [
        "项目 Project", "目标 Target", "目标数量 Qty", "单位 Unit", heading(DONE, ZH),
        heading(DONE_PERCENT, ZH), "最近检查 Last inspected", heading(PATCHES_RESTORED, ZH)],
        [[t.project_id, f"{t.target_zh} {t.target_en}", t.as_written(t.quantity),
          t.unit, done_shown(t.completed, _num(t.completed), t.inspected_on, ZH), _pct(t.percent),
          t.inspected_on,
          _num(t.patch_restored, f".{t.restored_places}f")]
         for t in p.targets], y)
    return layout


def _targets_in_english(layout, p: Progress, report_date: date) -> None:
    """:func:`targets_layout`'s page for an English reader, the names as the Excel report's."""
    _label(layout, "Plan targets and now", 13, 8, 6, TITLE_W, 8, bold=True)
    _label(layout, f"Report date {report_date.isoformat()}    {_records(p, EN)}", 8, 8, 14, 281,
           5, colour="#444444")
    _rule(layout, 8, 19.5, 281)
    y = _table(layout, "Indicators (专栏3-1)", [
        "Indicator", "Unit", "2020", "2025", "2035", "Now", OF_2025.en, OF_2035.en],
        [[name_in(i.name_zh, i.name_en, EN), i.unit_en or i.unit, i.as_written(i.value_2020),
          i.as_written(i.value_2025), i.as_written(i.value_2035),
          _num(i.current, f".{i.current_places}f"), _pct(i.percent_2025), _pct(i.percent_2035)]
         for i in p.indicators], 22)
    y = _table(layout, "Other binding controls and targets", [
        "Indicator", "Unit", "Constraint", "2025", "2035", "Other", "Now", "Section"],
        [[name_in(c.name_zh, c.name_en, EN), c.unit_en or c.unit, c.comparison,
          c.as_written(c.value_2025), c.as_written(c.value_2035), c.as_written(c.value_other),
          _num(c.current), c.section] for c in p.controls], y)
    _table(layout, "Project targets", [
        "Project", "Target", "Qty", "Unit", DONE.en, DONE_PERCENT.en, "Last inspected",
        PATCHES_RESTORED.en],
        [[t.project_id, name_in(t.target_zh, t.target_en, EN), t.as_written(t.quantity),
          t.unit_in(EN, t.quantity), done_shown(t.completed, _num(t.completed), t.inspected_on, EN),
          _pct(t.percent),
          t.inspected_on, _num(t.patch_restored, f".{t.restored_places}f")]
         for t in p.targets], y)


# --- the patch pages ------------------------------------------------------------------

def _attributes(pt, codes: dict, lang: str = ZH, project_name: str = "",
                group: Callable[[str], str] = str) -> str:
    """A patch's attributes and latest verification; for an English reader its project's
    English ``project_name`` and its township's and phase's names by ``group``."""
    def coded(lst, v):
        return coded_text(codes, lst, v) or "—"

    def area(m2):
        return units.format_area(m2, lang) if m2 is not None else "—"

    v = pt.verification or {}
    en = lang == EN

    def row(*fields: tuple[str, str, object]) -> str:
        """Fields on a line: an English reader's by their English label, a Chinese reader's
        by both."""
        return "  " + "    ".join(f"{label}: {value}" if en else f"{zh} {label}：{value}"
                                   for zh, label, value in fields)

    phase = group(pt.phase) if en else f"{pt.phase}（{pt.period}）"
    lines = [
        "Patch" if en else "图斑 Patch",
        row(("编号", "Code", pt.patch_code)),
        row(("项目", "Project", f"{pt.project_id} {project_name or pt.project_name}")),
        row(("乡镇", "Township", group(pt.township)), ("阶段", "Phase", phase)),
        row(("矿种", "Mineral", coded("mineral", pt.mineral))),
        row(("中心", "Centre",
             f"{_num(pt.centre_lon, '.6f')}°E, {_num(pt.centre_lat, '.6f')}°N")),
        row(("图斑面积", "Area", area(pt.area_m2))),
        "",
        f"Latest verification ({pt.verifications} in all)" if en
        else f"最近一次核查 Latest verification（共 {pt.verifications} 次）",
    ]
    if not v:
        lines.append("  " + (STATUS_LABELS[NOT_VERIFIED](EN) if en else "未核查 Not yet verified"))
        return "\n".join(lines)
    lines += [
        row(("恢复治理情况", "Status",
             f"{pt.status} {pt.status_label(EN) if en else pt.status_label.both()}")),
        row(("图斑大类/小类", "Class/subclass", f"{coded('patch_class', v.get('patch_class'))} / "
             f"{coded('patch_subclass', v.get('patch_subclass'))}")),
        row(("损毁类型", "Damage", coded("damage_type", v.get("damage_type"))),
            ("图斑属性", "Feature", coded("patch_feature", v.get("patch_feature")))),
        row(("修复方式", "Method", coded("restoration_method", v.get("restoration_method"))),
            ("开采方式", "Mining", coded("mining_method", v.get("mining_method")))),
        row(("闭坑年份", "Closed", v.get("year_closed") or "—"),
            ("现状地类", "Land use", coded("land_use", v.get("land_use")))),
        row(("核查面积", "Measured", area(v.get("measured_area_m2")))),
        row(("已治理面积", "Treated", area(v.get("treated_area_m2")))),
    ]
    if pt.status == "B":
        basis = AREA_BASIS[pt.area_basis]
        lines.append(row(("计入治理面积", "Counted", f"{pt.restored_area_m2:,.2f} "
                          f"{units.symbol('平方米', lang)}" + (
            f" ({basis.en})" if en else f"（{basis.zh}）"))))
    lines += [
        row(("核查人", "Verifier", v.get("verifier") or "—"),
            ("单位", "Unit", v.get("verifying_unit") or "—")),
        row(("核查日期", "Date", v.get("verified_on") or "—"),
            ("定位精度", "Accuracy", f"{_num(v.get('position_accuracy_m'))} m")),
    ]
    if v.get("notes"):
        lines.append(row(("备注", "Notes", v["notes"])))
    return "\n".join(lines)


def _photos_of(conn, pt, folder: Path) -> tuple[list[tuple[str, str]], str | None]:
    """The first photos of the patch's latest verification written to ``folder``: [(path,
    caption)]; where it has none, those of the latest verification of the patch that has
    some, with that verification's day (else None): a patch photographed before is not
    shown as having no photo."""
    if not pt.verification or not _has_attachments(conn):
        return [], None
    rows = _photo_rows(conn, "p.record_uuid = ?", (pt.verification["uuid"],))
    day = None
    if not rows:
        # (of those up to the latest counted: none dated after the report's records)
        found = conn.execute(
            "SELECT v.uuid, v.verified_on FROM patch_verifications v WHERE v.patch_uuid = ? "
            "AND v.uuid != ? AND v.verified_on <= ? AND EXISTS (SELECT 1 FROM photos p JOIN "
            "attachments a USING (sha256) WHERE p.record_table = 'patch_verifications' AND "
            "p.record_uuid = v.uuid) ORDER BY v.verified_on DESC, v.created_at DESC, "
            "v.rowid DESC LIMIT 1", (pt.uuid, pt.verification["uuid"],
                                     pt.verification.get("verified_on") or "")).fetchone()
        if found is None:
            return [], None
        uuid, day = found
        rows = _photo_rows(conn, "p.record_uuid = ?", (uuid,))
    out = []
    for sha, name, mime, taken, caption, data in rows:
        ext = {"image/jpeg": ".jpg", "image/png": ".png"}.get(mime or "", Path(name or "").suffix)
        path = folder / f"{sha}{ext or '.bin'}"
        if not path.exists():
            path.write_bytes(bytes(data))
        out.append((str(path), " ".join(x for x in (name, taken or "", caption or "") if x)))
    return out, day


def _photo_rows(conn, where: str, args: tuple) -> list:
    return conn.execute(
        "SELECT p.sha256, p.file_name, p.mime_type, p.taken_at, p.caption, a.data FROM photos p "
        "JOIN attachments a ON a.sha256 = p.sha256 WHERE p.record_table = 'patch_verifications' "
        f"AND {where} ORDER BY p.rowid LIMIT ?", (*args, MAX_PHOTOS)).fetchall()


def _has_attachments(conn) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'attachments'").fetchone() \
        is not None


def _map_layers_copied(master: str, conn, folder: Path) -> str:
    """The map's layers, with their styles, copied from ``master`` (``conn``; opened read-only) into
    a GeoPackage in ``folder``, which the maps are drawn from: QGIS opens a GeoPackage layer
    to write, and would switch the master to WAL, even one marked read-only."""
    from osgeo import gdal

    out = str(folder / "map_layers.gpkg")
    styles = ("layer_styles",) if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'layer_styles'").fetchone() else ()
    # (GDAL's warnings of a record's date written 2025/3/1 would reach the terminal
    # untranslated: the cautions name such dates; a failure is said below)
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        done = gdal.VectorTranslate(out, master, options=gdal.VectorTranslateOptions(
            options=["-preserve_fid"], format="GPKG", layers=[*MAP_LAYERS, *styles]))
    finally:
        gdal.PopErrorHandler()
    if done is None:
        raise BadInput(f"the map layers of {master} could not be read: {gdal.GetLastErrorMsg()}")
    done = None  # (written on release)
    return out


def _label_in_english(layers: dict[str, QgsVectorLayer]) -> None:
    """The maps' place names in English (:data:`ENGLISH_LABELS`), each label's look kept."""
    for name, expression in ENGLISH_LABELS.items():
        layer = layers.get(name)
        if layer is None or layer.fields().indexOf("name_en") < 0 \
                or not isinstance(layer.labeling(), QgsVectorLayerSimpleLabeling):
            continue
        settings = layer.labeling().settings()
        settings.fieldName = expression
        settings.isExpression = True
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))


def _highlight(master: str, project) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{master}|layername=mine_patches", "本图斑 This patch", "ogr")
    symbol = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#0033cc",
                                         "outline_width": "1.2"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    project.addMapLayer(layer, False)
    return layer


class PatchPages:
    """The patch page layout: an atlas over ``mine_patches``, one page a feature."""

    def __init__(self, project, master: str, layers: dict, report_date: date,
                 pages_before: int = 2, lang: str = ZH, progress: Progress | None = None):
        self.lang = lang
        self.progress = progress  # (the English names of its projects, townships and phases)
        en = lang == EN
        self.layout = layout = _new_layout(project)
        layout.setName("patches")
        self.pages_before = pages_before  # (the summary, the targets, the findings')
        self.highlight = _highlight(master, project)
        patches = layers["mine_patches"]
        atlas = layout.atlas()
        atlas.setCoverageLayer(patches)
        atlas.setEnabled(True)
        atlas.setSortFeatures(True)
        atlas.setSortExpression("patch_code")
        atlas.setFilenameExpression("'patch_' || patch_code")
        self.atlas = atlas
        self.title = _label(layout, "", 14, 8, 6, 230, 9, bold=True)
        self.page_no = _page_number(layout)
        self.subtitle = _label(layout, "", 8.5, 8, 15, 281, 5, colour="#444444")
        _rule(layout, 8, 21, 281)
        crs = display_crs()
        order = [self.highlight] + [layers[n] for n in DETAIL_LAYERS]
        self.map = QgsLayoutItemMap(layout)
        layout.addLayoutItem(self.map)
        self.map.attemptMove(QgsLayoutPoint(8, 24, MM))
        self.map.attemptResize(QgsLayoutSize(150, 128, MM))
        self.map.setCrs(crs)
        self.map.setLayers(order)
        self.map.setKeepLayerSet(True)
        self.map.setFrameEnabled(True)
        self.map.setBackgroundColor(QColor("#f4f1ea"))
        self.map_ratio = 150 / 128
        # zoomToExtent needs an extent to start from (the map item keeps its size)
        self.map.setExtent(fit_ratio(county_extent(layers, crs, project), self.map_ratio))
        overview = QgsLayoutItemMap(layout)
        layout.addLayoutItem(overview)
        overview.attemptMove(QgsLayoutPoint(8, 155, MM))
        overview.attemptResize(QgsLayoutSize(56, 44, MM))
        overview.setCrs(crs)
        overview.setLayers([layers["mine_patches"], layers["townships"],
                            layers["restoration_zones"], layers["county_boundary"]])
        overview.setKeepLayerSet(True)
        transform = QgsCoordinateTransform(layers["county_boundary"].crs(), crs, project)
        ext = transform.transformBoundingBox(layers["county_boundary"].extent())
        ext.scale(1.12)  # the outline's own width and its labels inside the frame
        overview.setExtent(fit_ratio(ext, 56 / 44))
        overview.setFrameEnabled(True)
        overview.overview().setLinkedMap(self.map)
        overview.overview().setFrameSymbol(QgsFillSymbol.createSimple(
            {"color": "255,0,0,90", "outline_color": "#e31a1c", "outline_width": "0.6"}))
        self.overview = overview
        _label(layout, "Location (county)" if en else "位置 Location（县域）", 7, 66, 156, 40, 5,
               colour="#444444")
        bar = QgsLayoutItemScaleBar(layout)
        layout.addLayoutItem(bar)
        bar.setLinkedMap(self.map)
        bar.setStyle("Single Box")
        bar.setUnits(QgsUnitTypes.DistanceMeters)
        bar.setUnitLabel("m")
        bar.setNumberOfSegments(2)
        bar.setNumberOfSegmentsLeft(0)
        bar.setUnitsPerSegment(200)
        bar.setSegmentSizeMode(1)  # fit segment width
        bar.setMinimumBarWidth(20)
        bar.setMaximumBarWidth(45)
        bar.attemptMove(QgsLayoutPoint(66, 164, MM))
        self.scale_bar = bar
        legend = ("Blue outline: this patch. Patches are coloured by phase (red: near term, "
                  "orange: mid term), not by status; also verification points and townships. "
                  "CGCS2000 / 6° GK CM 87°E (EPSG:4504).")
        _label(layout, legend if en else "蓝框：本图斑。图斑按治理阶段着色（红：近期，橙：中期），"
               "不表示治理状态；另有核查点与乡镇。" + legend, 6.5, 66, 178, 92, 14,
               colour="#444444")
        self.attrs = _label(layout, "", 7.5, 162, 24, 127, 86)
        self.photo_caption = _label(layout, "Site photos" if en else "现场照片 Site photos", 8,
                                    162, 111, 127, 5, bold=True)
        self.photos = []
        pw, ph = 62.5, 35.0
        for i in range(MAX_PHOTOS):
            x = 162 + (i % 2) * (pw + 2)
            y = 117 + (i // 2) * (ph + 6.5)
            pic = _picture(layout, "", x, y, pw, ph, frame=True)
            cap = _label(layout, "", 6, x, y + ph + 0.3, pw, 5, colour="#444444")
            self.photos.append((pic, cap))
        self.no_photo = _label(layout, "", 8, 162, 118, 127, 6, colour="#888888")
        _label(layout, SCHEMATIC_NOTICE_EN if en else SCHEMATIC_NOTICE, 6, 8, 201, 230, 6,
               colour="#666666")
        self.footer = _label(layout, f"{'Report date' if en else '报告日期'} "
                             f"{report_date.isoformat()}", 6.5, 240, 201, 49, 6,
                             colour="#666666", align=Qt.AlignRight)

    def extent(self) -> QgsRectangle:
        """The patch with a wide margin, at least MIN_MAP_M across, so its neighbours and
        setting show; the map item keeps its size (zoomToExtent, not setExtent)."""
        geom = self.layout.reportContext().currentGeometry(self.map.crs())
        box = geom.boundingBox()
        c = box.center()
        half = max(box.width(), box.height(), MIN_MAP_M / 3) * 1.5
        return fit_ratio(QgsRectangle(c.x() - half, c.y() - half, c.x() + half, c.y() + half),
                         self.map_ratio)

    def show(self, index: int, count: int, pt, codes, photos: list[tuple[str, str]],
             earlier: str | None = None) -> None:
        """``earlier``: the day of the verification ``photos`` are of, where the latest one
        has none."""
        feature = self.atlas.layout().reportContext().feature()
        self.highlight.setSubsetString(f"fid = {feature.id()}")
        en = self.lang == EN
        _set_text(self.title, f"Legacy-mine patch {pt.patch_code}" if en
                  else f"历史遗留矿山图斑 {pt.patch_code}")
        # (after the summary, the targets page and the findings')
        before = self.pages_before
        _numbered(self.page_no, index + before + 1, count + before, self.lang)
        label = pt.status_label
        if en:
            p = self.progress
            name = next((t.project_name_en for t in (p.targets if p else ())
                         if t.project_id == pt.project_id and t.project_name_en), "")
            group = (lambda g: p.group_label(g, EN)) if p else str
            status = label.en if pt.status == NOT_VERIFIED else f"{pt.status} {label.en}"
            _set_text(self.subtitle, f"{pt.project_id} {name or pt.project_name} · "
                      f"{group(pt.township)} · {group(pt.phase)} · latest status {status}")
            _set_text(self.attrs, _attributes(pt, codes, EN, name, group))
        else:
            status = label.zh if pt.status == NOT_VERIFIED else f"{pt.status} {label.zh}"
            _set_text(self.subtitle, f"Legacy-mine patch {pt.patch_code} · {pt.project_id} "
                      f"{pt.project_name} · {pt.township} · {pt.phase} · 最近核查状态 "
                      f"{status} {label.en}")
            _set_text(self.attrs, _attributes(pt, codes))
        self.map.zoomToExtent(self.extent())
        for i, (pic, cap) in enumerate(self.photos):
            if i < len(photos):
                pic.setPicturePath(photos[i][0])
                pic.setVisibility(True)
                _set_text(cap, photos[i][1])
            else:
                pic.setPicturePath("")
                pic.setVisibility(False)
                cap.setText("")
        _set_text(self.no_photo, "" if photos else "No photos" if en else "无照片 No photos")
        said = "Site photos" if en else "现场照片 Site photos"
        if earlier:
            said = (f"Site photos of {earlier} (the latest verification has none)" if en else
                    f"现场照片 Site photos：{earlier} 核查（最近一次无照片 latest: none）")
        _set_text(self.photo_caption, said)
        self.layout.refresh()


# --- writing ----------------------------------------------------------------------------

def _render(writer: QPdfWriter, painter: QPainter, layout: QgsPrintLayout, first: bool) -> None:
    if not first:
        writer.newPage()
    QgsLayoutExporter(layout).renderPage(painter, 0)


def write_pdf(master_path, out_path, feedback=None, report_date: date | None = None,
              project: QgsProject | None = None, lang: str = ZH,
              master_name: str | None = None) -> Path:
    """Write the PDF report of ``master_path`` to ``out_path``: 1 summary page, 1 page of
    the plan's targets against now, the findings the summary has no room for (on pages of
    their own, every one whole), then one page a legacy-mine patch. ``feedback``:
    ``fraction -> None`` or a QgsFeedback. ``master_name``: the master as people know it, which
    the summary names its data by (the file's name by default; a PostgreSQL master's stage
    is no name of it: :func:`field_kit.sync.masters.shown_name`)."""
    step = _progress_fn(feedback)
    master = os.fspath(master_path)
    out = Path(out_path)
    report_date = report_date or date.today()
    refuse_folder_to_write(out)  # said before the pages are drawn
    conn = connect(master, readonly=True)
    own_project = project is None
    project = project or QgsProject()
    tmp = tempfile.TemporaryDirectory(prefix="toksun_report_")
    folder = Path(tmp.name)
    try:
        # (a file that is no plan refused as progress refuses it, every missing table named)
        p = progress_of(conn, master, report_date)  # (the records up to its date)
        check = check_conn(conn)
        codes = code_labels(conn, lang)  # (the code lists' labels as the Excel report gives them)
        step(0.05)
        shown = _map_layers_copied(master, conn, folder)
        layers = {}
        for name in MAP_LAYERS:
            layers[name] = open_layer(shown, name)
            project.addMapLayer(layers[name], False)
        if lang == EN:
            _label_in_english(layers)
        summary, more = summary_layout(project, p, check, folder, report_date, lang,
                                       master_name)
        findings = findings_layouts(project, more, lang)
        pages = PatchPages(project, shown, layers, report_date, 2 + len(findings), lang, p)
        by_uuid = {pt.uuid: pt for pt in p.patches}
        # Qt's writer says nothing of a write that failed (a full disk would leave a cut-off
        # file): it writes to memory, and the file is written beside ``out`` and replaces it
        # whole, any error writing it named
        drawn = QBuffer()
        drawn.open(QIODevice.WriteOnly)
        writer = QPdfWriter(drawn)
        writer.setPageSize(QPageSize(QSizeF(PAGE_W, PAGE_H), QPageSize.Millimeter))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0))
        writer.setResolution(DPI)
        writer.setTitle(f"{p.title.en} progress report {report_date.isoformat()}" if lang == EN
                        else f"{p.title.zh} 实施进度报告 {report_date.isoformat()}")
        writer.setCreator("Toksun restoration toolkit")
        painter = QPainter(writer)
        try:
            atlas = pages.atlas
            # (an atlas over no patch does not start: a master with none has no patch pages,
            # as its summary says)
            if p.patches and not atlas.beginRender():
                raise RuntimeError("the atlas over mine_patches could not start")
            count = atlas.count() if p.patches else 0
            first = [summary, targets_layout(project, p, report_date, lang), *findings]
            for n, layout in enumerate(first):
                _numbered(_page_number(layout), n + 1, len(first) + count, lang)
                _render(writer, painter, layout, n == 0)
            step(0.1)
            for i in range(count):
                atlas.seekTo(i)
                feature = atlas.layout().reportContext().feature()
                pt = by_uuid.get(feature["uuid"])
                if pt is None:
                    continue
                pages.show(i, count, pt, codes, *_photos_of(conn, pt, folder))
                _render(writer, painter, pages.layout, False)
                step(0.1 + 0.88 * (i + 1) / max(count, 1))
            if p.patches:
                atlas.endRender()
        finally:
            painter.end()
        data = bytes(drawn.data())
        drawn.close()
        data = mend_text_layer(data)  # searched and copied text: 矿山, not a look-alike radical
        with written_whole(out) as part:
            with open(part, "wb") as fh:
                fh.write(data)
            # the last cancel before the file written replaces ``out``: a cancel leaves the
            # report there as it was, as "nothing was changed" says
            step(1.0)
        return out
    finally:
        conn.close()
        if own_project:
            project.clear()
        tmp.cleanup()


def ensure_qgis():
    """Start a headless QGIS when none runs (the command line); return it, or None when one
    was running already (inside QGIS, or under pytest-qgis)."""
    from qgis.core import QgsApplication

    if QgsApplication.instance() is not None:
        return None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not os.environ.get("XDG_RUNTIME_DIR"):
        # Qt wants a private runtime folder, and says so on the terminal where there is none
        # (a command run over ssh, in cron): one of the run's own, removed at its end
        runtime = tempfile.mkdtemp(prefix="toksun_runtime_")  # (mode 0700, as Qt needs)
        atexit.register(shutil.rmtree, runtime, True)
        os.environ["XDG_RUNTIME_DIR"] = runtime
    app = QgsApplication([], False)
    QgsApplication.setPrefixPath("/usr", True)
    app.initQgis()
    return app


def patch_count(master_path) -> int:
    conn = connect(master_path, readonly=True)
    try:
        return conn.execute("SELECT count(*) FROM mine_patches").fetchone()[0]
    finally:
        conn.close()


def write_report(master_path, out_path, report_date: date | None = None, lang: str = ZH,
                 master_name: str | None = None) -> Path:
    """``field-kit report --out FILE.pdf``: the PDF report in a headless QGIS (entry point
    ``toksun.report_writers``), in the command line user's ``lang``; ``master_name``: the
    master's (:func:`write_pdf`)."""
    app = ensure_qgis()
    try:
        return write_pdf(master_path, out_path, report_date=report_date, lang=lang,
                         master_name=master_name)
    finally:
        if app is not None:
            app.exitQgis()
