# SPDX-License-Identifier: GPL-2.0-or-later
"""The supervisor's workbook (.xlsx), written with the standard library.

SpreadsheetML written by hand (zipfile + XML, shared strings), so the QGIS plugin can write
it with nothing installed. Sheets, each with a bold title row, the report date, a line on
units and rules, headers with units, column widths and frozen headers. In the user's
language: a Chinese user's workbook says each heading and note in Chinese, then English (the
plan's language first); an English user's in English, the plan's own names (patch codes,
sections, its text and the Chinese names of its indicators) kept as the plan writes them.

- 图斑核查表: one row a legacy-mine patch, the fields of its latest verification, areas in
  平方米, 亩 and 公顷 (converted exactly: 1 公顷 = 15 亩 = 10000 平方米);
- 图斑状态汇总: patches by remediation status, per township and per phase;
- 项目进度表: each project target, its unit, completed quantity and percent;
- 指标表: the indicators of 专栏3-1 with 2020, 2025, 2035 and now;
- 规划一致性: the plan-consistency findings with the sections they cite.
"""

from __future__ import annotations

import math
import os
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from fractions import Fraction
from pathlib import Path
from xml.sax.saxutils import escape

from ..bilingual import EN, NO_TEXT, ZH, counted, display_width
from ..db import connect, file_columns, table_exists, written_whole
from ..forms.validate import record_day
from ..plan import units
from .plan_check import Check, check_conn
from .progress import (
    AREA_BASIS,
    MINE_INDICATOR,
    NOT_VERIFIED,
    STATUS_LABELS,
    Progress,
    exact,
    percent_shown,
    photo_counts,
    progress_of,
)

# --- cell styles (indexes into cellXfs of styles.xml) -----------------------------------
# (13 is styles.xml's bold four-decimal style, which no sheet uses now)
TITLE, HEADER, TEXT, NUM2, NUM4, NUM6, DATE, PCT, INT, NOTE, NUM, BOLD_TEXT = range(1, 13)
_EPOCH = date(1899, 12, 30)
# a figure's own decimals (0 to 12, as progress.shown_places gives them): style 14 + decimals
DECIMALS = tuple(range(14, 14 + 13))

_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="{fmt_count}"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="#,##0.0000"/><numFmt numFmtId="166" formatCode="0.000000"/><numFmt numFmtId="167" formatCode="yyyy-mm-dd"/><numFmt numFmtId="168" formatCode="0.0"/>{fmts}</numFmts>
<fonts count="5"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="14"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="10"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><i/><sz val="9"/><color rgb="FF555555"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FF999999"/></left><right style="thin"><color rgb="FF999999"/></right><top style="thin"><color rgb="FF999999"/></top><bottom style="thin"><color rgb="FF999999"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="{xf_count}">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="166" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="167" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf>
<xf numFmtId="168" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="4" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/>
<xf numFmtId="165" fontId="4" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>
{xfs}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>
"""
_STYLES = _STYLES.format(
    fmt_count=5 + 12, xf_count=14 + len(DECIMALS),
    fmts="".join(f'<numFmt numFmtId="{168 + d}" formatCode="#,##0.{"0" * d}"/>'
                 for d in range(1, 13)),
    xfs="".join(f'<xf numFmtId="{168 + d if d else 3}" fontId="0" fillId="0" borderId="1" '
                'xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1">'
                '<alignment vertical="top"/></xf>\n' for d in range(13)))


def col_letter(n: int) -> str:
    """1 -> A, 27 -> AA."""
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class SheetColumn:
    header: str  # "中文（单位）\nEnglish (unit)"
    width: float
    style: int = TEXT


@dataclass
class Sheet:
    name: str
    title: str
    columns: list[SheetColumn]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines under the title
    footer: list[str] = field(default_factory=list)  # lines under the table
    styles: dict = field(default_factory=dict)  # (row index, col index) -> style override
    report_date: date | None = None
    records_date: str = ""
    not_counted: str = ""  # the records dated after the report date, said beside the dates
    lang: str = ZH  # the language of the labels the sheet writes itself (the report date's)


LINE_PT = 13.5  # a line of the headers' 10 pt face


def header_height(columns) -> float:
    """Points the header row needs to show every header whole, each wrapped in its column
    (its unit, last, is what a short row cuts off)."""
    lines = max((sum(max(1, math.ceil(display_width(part) / max(c.width - 1, 1)))
                     for part in c.header.split("\n")) for c in columns), default=1)
    return max(30.0, LINE_PT * lines + 4)


class Workbook:
    """Sheets of a title, dates, notes, a header row and data rows, written as .xlsx."""

    def __init__(self, title: str = "", author: str = "field-kit"):
        self.sheets: list[Sheet] = []
        self.strings: dict[str, int] = {}
        self.title = title
        self.author = author

    def add(self, sheet: Sheet) -> Sheet:
        if len(sheet.name) > 31 or any(c in sheet.name for c in "[]:*?/\\"):
            raise ValueError(f"not a valid sheet name: {sheet.name!r}")
        self.sheets.append(sheet)
        return sheet

    def _s(self, text: str) -> int:
        if text not in self.strings:
            self.strings[text] = len(self.strings)
        return self.strings[text]

    def _cell(self, ref: str, value, style: int) -> str:
        if value is None or value == "":
            return f'<c r="{ref}" s="{style}"/>' if style else ""
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (date, datetime)):
            d = value.date() if isinstance(value, datetime) else value
            return f'<c r="{ref}" s="{DATE}"><v>{(d - _EPOCH).days}</v></c>'
        if isinstance(value, Fraction):
            value = float(value)
        if style == PCT and isinstance(value, float):
            # the figure the other reports show (Excel would round 99.96 up to 100.0)
            shown = percent_shown(value)
            if shown is None:
                return ""
            value = float(shown)
        if isinstance(value, (int, float)):
            if value != value or value in (float("inf"), float("-inf")):
                return ""
            return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'
        return f'<c r="{ref}" s="{style}" t="s"><v>{self._s(str(value))}</v></c>'

    def _sheet_xml(self, sh: Sheet) -> str:
        ncol = len(sh.columns)
        last = col_letter(ncol)
        out_rows = []
        merges = []

        def row(r: int, cells: str, height: float | None = None) -> None:
            ht = f' ht="{height}" customHeight="1"' if height else ""
            out_rows.append(f'<row r="{r}"{ht}>{cells}</row>')

        r = 1
        row(r, self._cell("A1", sh.title, TITLE), 24)
        merges.append(f"A1:{last}1")
        r += 1
        if sh.report_date is not None:
            cells = (self._cell(f"A{r}", _said(sh.lang, "报告日期", "Report date"), BOLD_TEXT)
                     + self._cell(f"B{r}", sh.report_date, DATE))
            if sh.records_date:
                cells += (self._cell(f"C{r}", _said(sh.lang, "记录截至", "Records up to"),
                                     BOLD_TEXT)
                          + self._cell(f"D{r}", _as_date(sh.records_date), DATE))
            if sh.not_counted:
                cells += self._cell(f"E{r}", sh.not_counted, BOLD_TEXT)
            row(r, cells)
            r += 1
        for line in sh.notes:
            row(r, self._cell(f"A{r}", line, NOTE))
            merges.append(f"A{r}:{last}{r}")
            r += 1
        header_row = r
        row(r, "".join(self._cell(f"{col_letter(i + 1)}{r}", c.header, HEADER)
                       for i, c in enumerate(sh.columns)), header_height(sh.columns))
        r += 1
        for ri, values in enumerate(sh.rows):
            row_cells: list[str] = []
            for ci, v in enumerate(values):
                style = sh.styles.get((ri, ci), sh.columns[ci].style if ci < ncol else TEXT)
                if isinstance(v, str) and (style in (NUM2, NUM4, NUM6, PCT, INT, NUM)
                                           or style in DECIMALS):
                    style = TEXT
                row_cells.append(self._cell(f"{col_letter(ci + 1)}{r}", v, style))
            row(r, "".join(row_cells))
            r += 1
        for line in sh.footer:
            row(r, self._cell(f"A{r}", line, NOTE))
            merges.append(f"A{r}:{last}{r}")
            r += 1
        cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{c.width}" customWidth="1"/>'
                       for i, c in enumerate(sh.columns))
        merge_xml = (f'<mergeCells count="{len(merges)}">'
                     + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>")
        top = f"A{header_row + 1}"
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
                f'<dimension ref="A1:{last}{max(r - 1, 1)}"/>'
                '<sheetViews><sheetView workbookViewId="0">'
                f'<pane ySplit="{header_row}" topLeftCell="{top}" activePane="bottomLeft" '
                'state="frozen"/></sheetView></sheetViews>'
                '<sheetFormatPr defaultRowHeight="15"/>'
                f"<cols>{cols}</cols><sheetData>{''.join(out_rows)}</sheetData>{merge_xml}"
                '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" '
                'footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" '
                'fitToHeight="0"/></worksheet>')

    def save(self, path: str | os.PathLike, ready=None) -> Path:
        """Write the workbook to ``path`` whole or not at all; ``ready()``, the last word
        before it takes the name, may still stop it (raising), leaving ``path`` as it was."""
        path = Path(path)
        sheets = [self._sheet_xml(s) for s in self.sheets]  # fills the shared strings
        n = len(self.sheets)
        ns = "http://schemas.openxmlformats.org"
        content_types = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Types xmlns="{ns}/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="'
                      'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(n))
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.extended-properties+xml"/></Types>')
        rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument"'
            ' Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{ns}/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{ns}/officeDocument/2006/relationships/'
            'extended-properties" Target="docProps/app.xml"/></Relationships>')
        workbook = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{ns}/spreadsheetml/2006/main" '
            f'xmlns:r="{ns}/officeDocument/2006/relationships"><bookViews><workbookView/>'
            '</bookViews><sheets>'
            + "".join(f'<sheet name="{escape(s.name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                      for i, s in enumerate(self.sheets))
            + "</sheets></workbook>")
        wb_rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 1}" Type="{ns}/officeDocument/2006/'
                      f'relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                      for i in range(n))
            + f'<Relationship Id="rId{n + 1}" Type="{ns}/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="{ns}/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        strings = sorted(self.strings, key=lambda s: self.strings[s])
        shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<sst xmlns="{ns}/spreadsheetml/2006/main" count="{len(strings)}" '
                  f'uniqueCount="{len(strings)}">'
                  + "".join(f'<si><t xml:space="preserve">{_xml_text(s)}</t></si>'
                            for s in strings) + "</sst>")
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<cp:coreProperties xmlns:cp="{ns}/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/'
                'terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f"<dc:title>{escape(self.title)}</dc:title><dc:creator>{escape(self.author)}"
                f'</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
                "</cp:coreProperties>")
        app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<Properties xmlns="{ns}/officeDocument/2006/extended-properties">'
               "<Application>Toksun field kit</Application></Properties>")
        with written_whole(path) as part:
            with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("[Content_Types].xml", content_types)
                z.writestr("_rels/.rels", rels)
                z.writestr("docProps/core.xml", core)
                z.writestr("docProps/app.xml", app)
                z.writestr("xl/workbook.xml", workbook)
                z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
                z.writestr("xl/styles.xml", _STYLES)
                z.writestr("xl/sharedStrings.xml", shared)
                for i, xml in enumerate(sheets):
                    z.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
            if ready is not None:
                ready()
        return path


def _xml_text(s: str) -> str:
    # characters XML 1.0 cannot carry are dropped; the rest escaped
    clean = "".join(ch for ch in s if ch in "\t\n\r" or ord(ch) >= 0x20)
    return escape(clean)


def _as_date(text) -> date | str | None:
    if not text:
        return None
    return record_day(text) or str(text)  # (2024/1/5 as the day progress reads it as)


# --- the report's sheets --------------------------------------------------------------

def _said(lang: str, zh: str, en: str, sep: str = " ") -> str:
    """A heading or note the workbook writes: Chinese then English for a Chinese user (as
    the plan's readers share it), English alone for an English one."""
    return en if lang == EN else f"{zh}{sep}{en}"


def _headed(cols: list[SheetColumn], lang: str, own: dict[int, str] | None = None
            ) -> list[SheetColumn]:
    """The columns with their headers in ``lang``: a header's English line for an English
    user (``own`` gives a column its English header where that line alone would mislead)."""
    if lang != EN:
        return cols
    return [SheetColumn((own or {}).get(i, c.header.split("\n")[-1]), c.width, c.style)
            for i, c in enumerate(cols)]


def _text(t, lang: str, sep: str = " ") -> str:
    """A Text of the report (a caution, a note, a finding) as the workbook writes it."""
    return t.en if lang == EN else t.both(sep)


def _period(period: str, lang: str) -> str:
    """A project's period as the plan writes it (2021-2025年), or in English (2021-2025)."""
    return period.replace("年", "").replace("、", ", ") if lang == EN else period


def name_in(zh: str, en: str, lang: str) -> str:
    """A name of the plan's in ``lang``: its English where the plan gives one."""
    return (en or zh) if lang == EN else zh


AREA_UNITS = (("平方米", "m²", NUM2), ("亩", "mu", NUM2), ("公顷", "ha", NUM4))


def _not_counted(p: Progress, lang: str = ZH) -> str:
    """The records dated after the report date, not counted ("" when none is)."""
    n = p.not_counted
    return _said(lang, f"报告日期之后的 {n} 条记录未计入", f"{counted(n, 'later record')} not counted"
                 ) if n else ""


def area_in(m2, unit: str) -> float | None:
    """An area in m² in ``unit``, exactly converted from the decimal as stored."""
    v = exact(m2)
    return None if v is None else float(units.convert(v, "平方米", unit))


def code_labels(conn: sqlite3.Connection, lang: str = ZH) -> dict[tuple[str, str], str]:
    """The code lists' labels in ``lang`` (an English user's the Chinese where a code has no
    English label)."""
    if not table_exists(conn, "code_lists"):
        return {}
    english = lang == EN and "label_en" in file_columns(conn, "code_lists")
    return {(r[0], str(r[1])): (r[3] if english and r[3] else r[2]) or "" for r in conn.execute(
        f"SELECT list_name, code, label_zh, {'label_en' if english else 'NULL'} "
        "FROM code_lists")}


def coded_text(codes, list_name: str, value) -> str:
    """A coded value with its label (``codes``: :func:`code_labels`): "10 Legacy mine"; a
    code that is itself a Chinese word (挖损, 建筑用砂) by its label alone, which says it in
    the reader's language ("Excavation", not "挖损 Excavation"); a value no list holds as it
    is."""
    if value is None or value == "":
        return ""
    label = codes.get((list_name, str(value)), "")
    if label and any("\u4e00" <= ch <= "\u9fff" for ch in str(value)):
        return label
    return f"{value} {label}".strip() if label and label != str(value) else str(value)


def _areas(header_zh: str, header_en: str) -> list[SheetColumn]:
    return [SheetColumn(f"{header_zh}（{u}）\n{header_en} ({e})", 13, s) for u, e, s in AREA_UNITS]


def patch_sheet(p: Progress, codes, photos: dict[str, int], today: date, lang: str = ZH
                ) -> Sheet:
    cols = [SheetColumn("序号\nNo.", 6, INT), SheetColumn("图斑编号\nPatch code", 28),
            SheetColumn("项目编号\nProject", 9), SheetColumn("项目名称\nProject name", 30),
            SheetColumn("乡镇\nTownship", 11), SheetColumn("治理阶段\nPhase", 8),
            SheetColumn("中心经度（度）\nCentre lon (°)", 13, NUM6),
            SheetColumn("中心纬度（度）\nCentre lat (°)", 13, NUM6),
            *_areas("图斑面积", "Patch area"),
            SheetColumn("核查次数\nVerifications", 9, INT),
            SheetColumn("图斑大类\nPatch class", 16), SheetColumn("图斑小类\nSub-class", 18),
            SheetColumn("损毁类型\nDamage type", 10), SheetColumn("图斑属性\nPatch feature", 12),
            SheetColumn("恢复治理情况\nRemediation status", 14),
            SheetColumn("修复方式\nRestoration method", 12), SheetColumn("矿种\nMineral", 14),
            SheetColumn("开采方式\nMining method", 10), SheetColumn("闭坑年份\nYear closed", 9, INT),
            *_areas("核查面积", "Measured area"), *_areas("已治理面积", "Treated area"),
            SheetColumn("计入治理面积（平方米）\nCounted as remediated (m²)", 15, NUM2),
            SheetColumn("计入依据\nCounted from", 12),
            SheetColumn("现状地类\nLand use", 14), SheetColumn("核查人\nVerifier", 10),
            SheetColumn("核查单位\nVerifying unit", 16), SheetColumn("核查日期\nDate verified", 12, DATE),
            SheetColumn("照片（张）\nPhotos", 8, INT), SheetColumn("备注\nNotes", 30)]
    en = lang == EN
    sh = Sheet("Patch verification" if en else "图斑核查表",
               _said(lang, "托克逊县历史遗留矿山图斑核查表", "Legacy-mine patch verification table"),
               _headed(cols, lang), report_date=today, records_date=p.as_of,
               not_counted=_not_counted(p, lang), lang=lang)
    sh.notes = [
        _said(lang, "每个图斑一行，取其最近一次核查记录（核查日期最晚者；同日取录入最晚者）。面积换算：1 公顷 = "
              "15 亩 = 10000 平方米，1 亩 = 10000/15 平方米。",
              "One row a patch, from its latest verification. 1 ha = 15 mu = 10,000 m²."),
        _said(lang, "计入治理面积：最近核查为“已恢复治理”的图斑，取已治理面积，无则取核查面积，再无则取图斑面积。",
              "Counted as remediated (status B only): treated area, else measured area, else "
              "patch area."),
    ]
    project_en = {t.project_id: t.project_name_en for t in p.targets}
    for n, pt in enumerate(p.patches, 1):
        v = pt.verification or {}
        row: list = [n, pt.patch_code, pt.project_id,
                     name_in(pt.project_name, project_en.get(pt.project_id, ""), lang),
                     p.group_label(pt.township, lang), p.group_label(pt.phase, lang),
                     pt.centre_lon, pt.centre_lat]
        row += [area_in(pt.area_m2, u) for u, _, _ in AREA_UNITS]
        row += [pt.verifications,
                coded_text(codes, "patch_class", v.get("patch_class")),
                coded_text(codes, "patch_subclass", v.get("patch_subclass")),
                coded_text(codes, "damage_type", v.get("damage_type")),
                coded_text(codes, "patch_feature", v.get("patch_feature")),
                f"{pt.status} {pt.status_label(lang)}".strip() if pt.status != NOT_VERIFIED
                else pt.status_label(lang),
                coded_text(codes, "restoration_method", v.get("restoration_method")),
                coded_text(codes, "mineral", v.get("mineral")),
                coded_text(codes, "mining_method", v.get("mining_method")),
                v.get("year_closed")]
        row += [area_in(v.get("measured_area_m2"), u) for u, _, _ in AREA_UNITS]
        row += [area_in(v.get("treated_area_m2"), u) for u, _, _ in AREA_UNITS]
        row += [pt.restored_area_m2, AREA_BASIS.get(pt.area_basis, NO_TEXT)(lang),
                coded_text(codes, "land_use", v.get("land_use")), v.get("verifier") or "",
                v.get("verifying_unit") or "", _as_date(v.get("verified_on")),
                photos.get(v.get("uuid") or "", 0) if v else None, v.get("notes") or ""]
        sh.rows.append(row)
    t = p.total
    total: list = ["", _said(lang, "合计", "Total"), "",
                   f"{t.patches} patches" if en else f"{t.patches} 个图斑 patches", "", "", None,
                   None]
    total += [area_in(t.plan_area_m2, u) for u, _, _ in AREA_UNITS]
    total += [None] * 5 + [f"{STATUS_LABELS['B'](lang)} {t.restored}"] + [None] * 4 + [None] * 6
    total += [t.restored_area_m2]
    sh.rows.append(total)
    last = len(sh.rows) - 1
    for ci in range(len(cols)):
        sh.styles[(last, ci)] = BOLD_TEXT if cols[ci].style == TEXT else cols[ci].style
    if p.geometry_note.zh:
        sh.footer.append(f"Note: {p.geometry_note.en}" if en else
                         f"注：{p.geometry_note.both()}")
    return sh


def status_sheet(p: Progress, today: date, lang: str = ZH) -> Sheet:
    cols = [SheetColumn("分组\nGroup", 14), SheetColumn("图斑数（个）\nPatches", 10, INT),
            SheetColumn("已核查（个）\nVerified", 10, INT),
            *[SheetColumn(f"{STATUS_LABELS[s].zh}（个）\n{STATUS_LABELS[s].en}", 11, INT)
              for s in ("A", "C", "B", "D", NOT_VERIFIED)],
            SheetColumn("已恢复治理面积（平方米）\nRestored area (m²)", 16, NUM2),
            SheetColumn("已恢复治理面积（平方千米）\nRestored area (km²)", 16, NUM6),
            SheetColumn("图斑面积（平方米）\nPatch area (m²)", 16, NUM2)]
    en = lang == EN
    sh = Sheet("Patches by status" if en else "图斑状态汇总",
               _said(lang, "历史遗留矿山图斑治理状态汇总", "Legacy-mine patches by status"),
               _headed(cols, lang), report_date=today, records_date=p.as_of,
               not_counted=_not_counted(p, lang), lang=lang)
    sh.notes = [_said(lang, "按乡镇、按治理阶段（近期2021–2025年，中期2026–2030年）统计各图斑最近一次核查的恢复"
                      "治理情况。", "Latest remediation status of each patch, per township and "
                      "per phase.")]
    for label, groups in ((_said(lang, "乡镇", "Township"), p.by_township),
                          (_said(lang, "治理阶段", "Phase"), p.by_phase)):
        sh.rows.append([label] + [None] * (len(cols) - 1))
        for ci in range(len(cols)):
            sh.styles[(len(sh.rows) - 1, ci)] = BOLD_TEXT
        for g in groups + ([p.total] if groups is p.by_phase else []):
            c = g.by_status()
            sh.rows.append([p.group_label(g.group, lang), g.patches, g.verified, c["A"], c["C"],
                            c["B"], c["D"],
                            c[NOT_VERIFIED], g.restored_area_m2,
                            area_in(g.restored_area_m2, "平方千米"), g.plan_area_m2])
    m = p.mine_area
    if m is not None:
        sh.footer += [] if en else [
            f"历史遗留矿山综合治理面积：2020年 {m.baseline_2020_km2:g} + 已恢复治理 {m.restored_text()}"
            f" = {m.current_text()} 平方千米；2025年目标 {m.target_2025_km2:g}，2035年目标 "
            f"{m.target_2035_km2:g} 平方千米（{m.section}）。"]
        sh.footer += [
            f"Legacy mines remediated: {m.baseline_2020_km2:g} (2020) + {m.restored_text()} "
            f"restored = {m.current_text()} km²; targets {m.target_2025_km2:g} (2025), "
            f"{m.target_2035_km2:g} (2035)."]
        mine = next((i for i in p.indicators if i.indicator_id == MINE_INDICATOR), None)
        if mine is not None and mine.since_2020():
            sh.footer += ([] if en else [mine.since_2020().zh + "。"]) + [
                mine.since_2020().en + "."]
    return sh


_PLACES = {2: NUM2, 4: NUM4, 6: NUM6}


def _places_shown(sh: Sheet, columns: dict[int, int]) -> None:
    """The last row's figures in ``columns`` (column -> decimals, as
    :func:`~.progress.shown_places` gives them) shown with those decimals, still numbers."""
    for ci, places in columns.items():
        sh.styles[(len(sh.rows) - 1, ci)] = DECIMALS[min(places, len(DECIMALS) - 1)]


def _counted_whole(sh: Sheet, unit: str, column: int = 9) -> None:
    """The last row's "now" shown as the whole number it is where it counts (patches, in
    个), not to an area's four decimals."""
    if unit in units.COUNT_WORDS:
        sh.styles[(len(sh.rows) - 1, column)] = INT


def _as_written(sh: Sheet, columns: dict[int, str]) -> None:
    """The last row's figures in ``columns`` (column -> the figure as the plan writes it)
    shown with the plan's decimals (0.10, 202.80), still numbers."""
    for ci, written in columns.items():
        style = _PLACES.get(len(written.partition(".")[2]))
        if style is not None:
            sh.styles[(len(sh.rows) - 1, ci)] = style


def project_sheet(p: Progress, today: date, codes=None, lang: str = ZH) -> Sheet:
    cols = [SheetColumn("序号\nNo.", 6, INT), SheetColumn("工程\nProgram", 7),
            SheetColumn("项目编号\nProject", 9), SheetColumn("项目名称\nProject name", 36),
            SheetColumn("时序\nPeriod", 13), SheetColumn("目标\nTarget", 18),
            SheetColumn("目标数量\nTarget quantity", 11, NUM), SheetColumn("单位\nUnit", 9),
            SheetColumn("已完成数量（目标单位）\nCompleted (target's unit)", 14, NUM),
            SheetColumn("完成率（%）\nDone (%)", 10, PCT),
            SheetColumn("图斑已恢复治理（目标单位）\nPatches restored (target's unit)", 16, NUM4),
            SheetColumn("最近检查日期\nLast inspected", 12, DATE),
            SheetColumn("检查次数\nInspections", 9, INT), SheetColumn("评价\nRating", 8),
            SheetColumn("说明\nNote", 30), SheetColumn("出处\nPlan section", 10)]
    en = lang == EN
    sh = Sheet("Project progress" if en else "项目进度表",
               _said(lang, "重点项目目标完成情况表", "Restoration project progress"),
               _headed(cols, lang), report_date=today, records_date=p.as_of,
               not_counted=_not_counted(p, lang), lang=lang)
    sh.notes = [_said(lang, "已完成数量取每个目标最近一次检查记录（累计完成量），按规划目标的单位精确换算。",
                      "Completed: the latest inspection of each target (a cumulative reading), "
                      "converted exactly to the unit of the plan's target.")]
    for n, t in enumerate(p.targets, 1):
        sh.rows.append([n, t.program_id, t.project_id,
                        name_in(t.project_name_zh, t.project_name_en, lang),
                        _period(t.period, lang), name_in(t.target_zh, t.target_en, lang),
                        t.quantity, t.unit_in(lang, t.quantity) if en else t.unit,
                        t.completed, t.percent, t.patch_restored,
                        _as_date(t.inspected_on), t.inspections,
                        coded_text(codes or {}, "inspection_rating", t.rating), t.note(lang),
                        t.section])
        _as_written(sh, {6: t.as_written(t.quantity)})
        _places_shown(sh, {10: t.restored_places})
    return sh


def indicator_sheet(p: Progress, today: date, lang: str = ZH) -> Sheet:
    cols = [SheetColumn("序号\nNo.", 6, INT), SheetColumn("指标\nIndicator", 26),
            SheetColumn("Indicator (English)", 34), SheetColumn("单位\nUnit", 10),
            SheetColumn("约束\nConstraint", 7), SheetColumn("2020年\n2020", 10, NUM),
            SheetColumn("2025年目标\n2025 target", 10, NUM), SheetColumn("2035年目标\n2035 target", 10, NUM),
            # (a figure of the plan's for another year: the urban boundary, 2026–2030's)
            SheetColumn("其他\nOther", 10, NUM), SheetColumn("现状\nNow", 12, NUM4), SheetColumn("达2025年目标（%）\nOf 2025 (%)", 11, PCT),
            SheetColumn("达2035年目标（%）\nOf 2035 (%)", 11, PCT),
            SheetColumn("2020年以来新增\nNew since 2020", 12, NUM4),
            SheetColumn("规划至2025年新增\nPlanned new by 2025", 11, NUM),
            SheetColumn("新增达2025年（%）\nNew, of 2025's (%)", 11, PCT),
            SheetColumn("规划至2035年新增\nPlanned new by 2035", 11, NUM),
            SheetColumn("新增达2035年（%）\nNew, of 2035's (%)", 11, PCT),
            SheetColumn("现状依据\nHow 'now' is found", 44), SheetColumn("出处\nPlan section", 10)]
    en = lang == EN
    # (the plan's own names of its indicators kept beside their English names)
    sh = Sheet("Indicators" if en else "指标表",
               _said(lang, "托克逊县国土空间生态修复指标完成情况", "Plan indicators (专栏3-1)"),
               _headed(cols, lang, {1: "Indicator (Chinese)", 2: "Indicator"}), report_date=today,
               records_date=p.as_of, not_counted=_not_counted(p, lang), lang=lang)
    sh.notes = [" ".join((
        _said(lang, "2020、2025、2035年数值取自规划专栏3-1，其他约束性指标与目标取自所引章节；现状由核查、"
              "检查记录计算，无记录可算的指标留空。", "Values from the plan's 专栏3-1, and the other "
              "controls and targets from the sections cited; 'now' is computed from the "
              "records, left empty where no record measures it."),
        _said(lang, "专栏3-1各年数值为累计值；“2020年以来新增”为现状减2020年基数，与规划至2025、2035年新增"
              "（目标减基数）相比。", "专栏3-1 gives running totals: 'new since 2020' is now "
              "less the 2020 base, against what the plan adds by 2025 and 2035 (target less "
              "base).")))]
    for n, i in enumerate(p.indicators, 1):
        sh.rows.append([n, i.name_zh, i.name_en, i.unit_en or i.unit if en else i.unit,
                        i.comparison, i.value_2020,
                        i.value_2025, i.value_2035, i.value_other, i.current, i.percent_2025,
                        i.percent_2035, *_since_2020(i), _text(i.basis, lang, "。"), i.section])
        _as_written(sh, {5 + k: i.as_written(v) for k, v in
                         enumerate((i.value_2020, i.value_2025, i.value_2035, i.value_other))})
        _places_shown(sh, {9: i.current_places, 12: i.new_places})
        _counted_whole(sh, i.unit)
    if p.controls:
        sh.rows.append([_said(lang, "其他约束性指标与目标",
                              "Other binding controls and targets of the plan")]
                       + [None] * (len(cols) - 1))
        for ci in range(len(cols)):
            sh.styles[(len(sh.rows) - 1, ci)] = BOLD_TEXT
    for n, c in enumerate(p.controls, len(p.indicators) + 1):
        other = "" if c.value_other is None else (
            f"Plan figure {c.as_written(c.value_other)} ({c.unit_en or c.unit}), year in the "
            "section cited. " if en else
            f"规划值 Plan figure {c.as_written(c.value_other)}（{c.unit}），年份见出处 year in the "
            "section cited。")
        sh.rows.append([n, c.name_zh, c.name_en, c.unit_en or c.unit if en else c.unit,
                        c.comparison, c.value_2020,
                        c.value_2025, c.value_2035, c.value_other, c.current, c.percent_2025,
                        c.percent_2035, *_since_2020(c), other + _text(c.basis, lang, "。"),
                        c.section])
        _as_written(sh, {5 + k: c.as_written(v) for k, v in
                         enumerate((c.value_2020, c.value_2025, c.value_2035, c.value_other))})
        _places_shown(sh, {9: c.current_places, 12: c.new_places})
        _counted_whole(sh, c.unit)
    return sh


def _since_2020(i) -> list:
    """New since the 2020 base, and what the plan adds by 2025 and 2035, with percentages
    (empty where the plan gives no base)."""
    return [i.new_since_2020, i.planned_new(2025), i.percent_new(2025), i.planned_new(2035),
            i.percent_new(2035)]


def caution_sheet(p: Progress, today: date, lang: str = ZH) -> Sheet:
    en = lang == EN
    cols = [SheetColumn("序号\nNo.", 6, INT), SheetColumn("图斑或项目\nPatch or project", 24),
            *([] if en else [SheetColumn("说明\nCaution (Chinese)", 70)]),
            SheetColumn("Caution (English)", 70)]
    sh = Sheet("Cautions" if en else "注意事项",
               _said(lang, "进度数字所依据记录的注意事项", "Cautions on the records the figures rest on"),
               _headed(cols, lang, {2: "Caution"}), report_date=today, records_date=p.as_of,
               not_counted=_not_counted(p, lang), lang=lang)
    sh.notes = [_said(lang, "未计入的记录、与图斑面积相差悬殊的面积、远超目标的完成数量、未处理的冲突：报出数字前请核对。",
                      "Records not counted, areas far from their patch's, quantities far beyond "
                      "their target, conflicts not settled: check them before reporting the "
                      "figures.")]
    for n, c in enumerate(p.cautions, 1):
        sh.rows.append([n, c.patch_code, *([] if en else [c.text.zh]), c.text.en])
    if not p.cautions:
        sh.rows.append([None, "", *([] if en else ["无"]), "None"])
    return sh


def check_sheet(check: Check, today: date, lang: str = ZH) -> Sheet:
    en = lang == EN
    cols = [SheetColumn("序号\nNo.", 6, INT), SheetColumn("类别\nSeverity", 10), SheetColumn("编号\nID", 22),
            SheetColumn("标题\nTitle", 30),
            *([] if en else [SheetColumn("说明\nFinding (Chinese)", 60)]),
            SheetColumn("Finding (English)", 60),
            SheetColumn("数据\nFigures", 36), SheetColumn("规划出处\nSections cited", 30),
            SheetColumn("规划原文\nPlan text", 40)]
    sh = Sheet("Plan consistency" if en else "规划一致性",
               _said(lang, "规划数据一致性检查", "Plan-consistency check"),
               _headed(cols, lang, {4: "Finding", 7: "Plan text (Chinese)"}),
               report_date=today, lang=lang)
    sh.notes = [_said(lang, "规划自身数字之间的核对，每条注明所引章节与原文。", "The plan's own figures "
                      "checked against each other, each with the sections it cites.")]
    joined = "; " if en else "；"
    n = 0
    for f in check.findings:
        n += 1
        sh.rows.append([n, _text(f.severity_label, lang), f.id, _text(f.heading, lang),
                        *([] if en else [f.message.zh]), f.message.en,
                        f.figures_said(lang), joined.join(f.sections), "；".join(f.quotes)])
    for f in check.passed:
        n += 1
        sh.rows.append([n, _said(lang, "一致", "Consistent"), f.id, _text(f.heading, lang),
                        *([] if en else [f.message.zh]), f.message.en,
                        f.figures_said(lang), joined.join(f.sections), "；".join(f.quotes)])
    return sh


def build_workbook(conn: sqlite3.Connection, master: str = "", today: date | None = None,
                   progress: Progress | None = None, check: Check | None = None,
                   lang: str = ZH) -> Workbook:
    """The report's sheets, their headings and labels in ``lang`` ("zh" or "en")."""
    today = today or date.today()
    p = progress or progress_of(conn, master, today)
    check = check or check_conn(conn)
    wb = Workbook(f"{p.title.en} progress report" if lang == EN else f"{p.title.zh} 进度报告")
    codes = code_labels(conn, lang)
    wb.add(patch_sheet(p, codes, photo_counts(conn), today, lang))
    wb.add(caution_sheet(p, today, lang))
    wb.add(status_sheet(p, today, lang))
    wb.add(project_sheet(p, today, codes, lang))
    wb.add(indicator_sheet(p, today, lang))
    wb.add(check_sheet(check, today, lang))
    return wb


def write_xlsx(master: str | os.PathLike, out: str | os.PathLike, today: date | None = None,
               feedback=None, lang: str = ZH) -> Path:
    """Write the workbook for ``master`` to ``out``, in the user's ``lang`` ("zh" or "en");
    ``feedback(fraction)`` reports 0..1; raising from it (a cancel) leaves ``out`` as it was."""
    conn = connect(master, readonly=True)
    try:
        if feedback:
            feedback(0.1)
        wb = build_workbook(conn, os.fspath(master), today, lang=lang)
        if feedback:
            feedback(0.7)
        # (its last word before the file takes its name: a cancel there leaves no report)
        return wb.save(out, ready=(lambda: feedback(1.0)) if feedback else None)
    finally:
        conn.close()
