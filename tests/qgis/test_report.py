# SPDX-License-Identifier: GPL-2.0-or-later
"""The PDF report in a real headless QGIS (pages, text, rendered pages under out/) and the
progress dashboard dock."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

from field_kit.db import connect
from tests.conftest import fill
from tests.plan_build import ROOT
from tests.unit.test_progress import inspect, verify  # noqa: F401

OUT = ROOT / "out"
CODES = ("CT6504222017000026002", "ZJ6504222021027001", "C6521232011087130120962002")


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    run = subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True)
    return run.stdout  # as a reader's search and copy see it


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(ln.split()[-1] for ln in info.stdout.splitlines()
                    if ln.startswith("Pages:")))


def site_photo(folder: Path, name: str, colour: str, text: str) -> Path:
    """A 640×480 'photo' drawn by Qt: sky, ground and a label, so a page shows it."""
    img = QImage(640, 480, QImage.Format_RGB32)
    img.fill(QColor("#9ecae1"))
    p = QPainter(img)
    p.fillRect(0, 260, 640, 220, QColor(colour))
    p.setPen(QColor("#000000"))
    p.setFont(QFont("DejaVu Sans", 28))
    p.drawText(img.rect(), Qt.AlignCenter, text)
    p.end()
    path = folder / name
    assert img.save(str(path), "JPG")
    return path


@pytest.fixture
def recorded(master, tmp_path):  # noqa: F811
    """The master with verifications (photos included) and an inspection."""
    conn = connect(master)
    photos = [site_photo(tmp_path, f"p{i}.jpg", c, t) for i, (c, t) in enumerate(
        (("#c2a878", "采场 north"), ("#8c6d46", "覆土 east"), ("#74a65b", "复绿 south")))]
    verify(conn, CODES[0], "A", measured=109000, on="2024-03-01")
    verify(conn, CODES[0], "B", measured=110000, treated=98765.4, on="2024-05-01",
           photos=photos, year_closed=2012, land_use="04", notes="已平整覆土，边坡稳定")
    verify(conn, CODES[1], "C", measured=290000.5, on="2024-05-02", photos=photos[:1])
    verify(conn, CODES[2], "D", measured=50000, on="2024-05-03")
    inspect(conn, "P4-1", "人工造林", 15000, "亩")
    conn.close()
    return master


def record_long_figures(master: Path, folder: Path) -> None:
    """Every patch verified and every project target inspected, with figures as long as
    they print (6 significant digits done, 4 for the patches' share), notes of 3, 9 and 20
    sentences and a photo named as a phone names it."""
    photo = site_photo(
        folder, "IMG_20240501_103015_HDR_north_slope_after_regrading_panorama.jpg", "#c2a878",
        "采场")
    conn = connect(master)
    codes = [r[0] for r in conn.execute("SELECT patch_code FROM mine_patches")]
    for n, code in enumerate(codes):
        status = "BCDA"[n % 4]
        verify(conn, code, status, measured=123456.789 + n, on="2024-05-01", photos=[photo],
               treated=98765.4321 + n if status == "B" else None,
               notes="已平整覆土，边坡稳定，坡脚设挡墙，排水沟已疏通。" * (3, 9, 20)[n % 3])
    for project_id, target, quantity, unit in conn.execute(
            "SELECT project_id, target_zh, quantity, unit FROM project_targets").fetchall():
        inspect(conn, project_id, target, quantity * 0.123457, unit)
    conn.close()


def test_pdf_has_a_summary_and_a_page_a_patch(recorded, qgis_app, tmp_path):
    from qgis_plugin.printing.report_pdf import write_pdf

    OUT.mkdir(exist_ok=True)
    out = OUT / "progress_report.pdf"
    steps = []
    write_pdf(recorded, out, feedback=steps.append, report_date=date(2024, 6, 3))
    assert steps[-1] == 1.0 and steps == sorted(steps)
    assert pages(out) == 2 + 11
    text = pdftotext(out)
    for words in ("实施进度报告", "progress report", "历史遗留矿山综合治理面积",
                  "报告日期 Report date 2024-06-03", "规划一致性检查", "1716", "专栏3-1",
                  "历史遗留矿山图斑", "最近一次核查", "现场照片"):
        assert words in text, words
    # no look-alike radical or ligature where characters were written (a search for 矿山 or
    # "verified" finds them), and the file's cross-references still find every object
    assert not [c for c in text if 0x2E80 <= ord(c) < 0x2FE0 or 0xFB00 <= ord(c) <= 0xFB06]
    assert "矿山" in text and "verified" in text
    data = out.read_bytes()
    xref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF", data).group(1))
    assert data[xref:xref + 4] == b"xref"
    for n, (offset, kind) in enumerate(re.findall(rb"(\d{10}) \d{5} ([nf])", data[xref:])):
        assert kind == b"f" or data[int(offset):].startswith(b"%d 0 obj" % n), n
    summary = pdftotext(out, 1)
    assert "已核查 verified 3" in summary and "已恢复治理 restored 1" in summary
    for code in CODES:
        assert code in text
    # the patch pages follow the atlas order (by code); each page names one patch
    # every page says its number, the summary's and the targets' too
    assert "第 1 页 / 共 13 页" in pdftotext(out, 1) and "第 2 页 / 共 13 页" in pdftotext(out, 2)
    codes_by_page = []
    for page in range(3, 14):
        t = pdftotext(out, page)
        found = [c for c in t.split() if c.startswith(("C6", "CT6", "ZJ6"))]
        codes_by_page.append(found[0])
        assert f"第 {page} 页 / 共 13 页" in t
    assert codes_by_page == sorted(codes_by_page)
    # the plan's targets against now, each figure as the plan writes it
    targets = pdftotext(out, 2)
    for words in ("规划目标与现状 Plan targets and now", "其他约束性指标与目标", "202.80", "261.51",
                  "55.07", "重点项目目标", "P9-2", "0.10", "图斑已恢复", "Patches restored"):
        assert words in targets, words
    restored = pdftotext(out, 3 + codes_by_page.index(CODES[0]))
    assert "B 已恢复治理" in restored and "98,765.40 平方米" in restored
    assert "已平整覆土" in restored and "p0.jpg" in restored and "p2.jpg" in restored
    for label in ("图斑大类/小类 Class/subclass", "开采方式 Mining", "单位 Unit",
                  "定位精度 Accuracy"):  # every label in both languages, as the rest
        assert label in restored, label
    # the caption names the projection the map is drawn in (the 6-degree zone, EPSG:4504)
    assert "6° GK" in restored and "EPSG:4504" in restored and "3° GK" not in restored
    unverified = pdftotext(out, 3 + codes_by_page.index("C6521232009097120035838001"))
    assert "未核查 Not yet verified" in unverified and "无照片 No photos" in unverified
    # render the summary and the restored patch's page for a person to look at
    for page, name in ((1, "report_summary"), (2 + codes_by_page.index(CODES[0]),
                                               "report_patch")):
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", "-f", str(page),
                        "-l", str(page), str(out), str(OUT / name)], check=True)
        png = QImage(str(OUT / f"{name}.png"))
        assert png.width() > 1000 and not png.isNull()
    assert not out.with_name(out.name + ".part").exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_patch_whose_latest_verification_has_no_photo_shows_the_earlier_ones(
        recorded, qgis_app, tmp_path, lang):
    """Verified again without a photo (the site photographed at the visit before): the
    patch's page shows the photos of that visit, with its day, not "No photos"."""
    from field_kit.bilingual import EN, ZH
    from qgis_plugin.printing.report_pdf import write_pdf
    conn = connect(recorded)
    verify(conn, CODES[1], "C", measured=290000.5, on="2024-05-20")
    conn.close()
    out = tmp_path / "r.pdf"
    write_pdf(recorded, out, report_date=date(2024, 6, 3), lang=ZH if lang == "zh" else EN)
    page = next(t for t in (pdftotext(out, n) for n in range(3, pages(out) + 1))
                if CODES[1] in t)
    assert "p0.jpg" in page and "No photos" not in page, page
    said = {"zh": "现场照片 Site photos：2024-05-02 核查（最近一次无照片 latest: none）",
            "en": "Site photos of 2024-05-02 (the latest verification has none)"}[lang]
    assert said in " ".join(page.split()), page
    unverified = next(t for t in (pdftotext(out, n) for n in range(3, pages(out) + 1))
                      if "C6521232009097120035838001" in t)
    assert "No photos" in unverified


def ink_in_margins(png: Path, page: int) -> list[str]:
    """The margins of a rasterised page (the layouts keep 8 mm clear left and right, 5.5 mm
    at the top, 2.5 mm at the bottom) where something is drawn: text running past its item."""
    img = QImage(str(png))
    per_mm = img.width() / 297.0
    out = []
    for side, (x0, y0, x1, y1) in {"left": (0, 0, 7.5, 210), "right": (289.5, 0, 297, 210),
                                   "top": (0, 0, 297, 5.5), "bottom": (0, 207.5, 297, 210)
                                   }.items():
        xs = range(int(x0 * per_mm), min(int(x1 * per_mm), img.width()))
        ys = range(int(y0 * per_mm), min(int(y1 * per_mm), img.height()))
        dark = [(x, y) for x in xs for y in ys if QColor(img.pixel(x, y)).lightness() < 240]
        if dark:
            x, y = dark[0]
            out.append(f"page {page}: drawn in the {side} margin at {x / per_mm:.1f} mm, "
                       f"{y / per_mm:.1f} mm")
    return out


def test_every_text_of_the_pdf_is_whole_and_on_the_page(master, qgis_app, tmp_path,
                                                         monkeypatch, chinese_locale):
    """The report as a supervisor prints it (field-kit report) from records whose figures,
    notes and photo names are as long as they come: on every page each label's text fits
    its frame (nothing cut, nothing running over the next item), every item lies on the
    page, and nothing is drawn in the page's margins (a chart's text running off the page)."""
    from qgis.core import QgsLayoutItem, QgsLayoutItemLabel, QgsLayoutItemPage

    from field_kit import errors
    from qgis_plugin.printing import report_pdf
    from tests.unit.test_progress import run_cli

    record_long_figures(master, tmp_path)
    cut: list[str] = []
    render = report_pdf._render

    def look_then_render(writer, painter, layout, first):
        page = len(seen) + 1
        seen.append(layout.name())
        for item in layout.items():
            if not isinstance(item, QgsLayoutItem) or isinstance(item, QgsLayoutItemPage) \
                    or not item.isVisible():
                continue
            box = item.sceneBoundingRect()
            if box.left() < 0 or box.top() < 0 or box.right() > 297 or box.bottom() > 210:
                cut.append(f"page {page}: {type(item).__name__} off the page at {box}")
            if isinstance(item, QgsLayoutItemLabel) and item.currentText():
                across, down = report_pdf.text_overflow(item)
                if across > 0 or down > 0:
                    cut.append(f"page {page}: {item.currentText()[:30]!r} runs {across:.1f} mm "
                               f"past its frame's side, {down:.1f} mm past its bottom")
        render(writer, painter, layout, first)

    seen: list[str] = []
    monkeypatch.setattr(report_pdf, "_render", look_then_render)
    out = tmp_path / "long.pdf"
    assert run_cli("report", master, "--out", out, "--date", "2024-06-03") == errors.OK
    assert seen == ["summary", "targets"] + ["patches"] * 11
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(out), str(tmp_path / "page")],
                   check=True)
    for page in range(1, 13):
        cut += ink_in_margins(tmp_path / f"page-{page:02d}.png", page)
    assert not cut, cut
    # what did not fit at a smaller size says so: the note ends in "…" (the Excel report
    # has it whole), the photo's long name is shortened in its middle
    text = pdftotext(out)
    assert "…" in text and "IMG_2024" in text and "panorama.jpg" in text


def test_cautions_that_do_not_fit_the_summary_are_listed_on_a_page_of_their_own(
        master, qgis_app, tmp_path, monkeypatch, chinese_locale):
    """Eleven patches in progress, each a caution: the summary listed eight, the eighth cut
    off, and the plan-consistency check not at all. The summary says how many there are
    of each, and page 3, after the targets, lists every one whole; the patch pages count
    it."""
    from field_kit import errors
    from qgis_plugin.printing import report_pdf
    from tests.unit.test_progress import run_cli, verify

    conn = connect(master)
    codes = [c for (c,) in conn.execute("SELECT patch_code FROM mine_patches ORDER BY fid")]
    for code in codes:
        verify(conn, code, "C", measured=1e9, treated=5e8)
    conn.commit()
    conn.close()
    seen: list[str] = []
    render = report_pdf._render
    monkeypatch.setattr(report_pdf, "_render", lambda w, p, layout, first: (
        seen.append(layout.name()), render(w, p, layout, first)))
    out = tmp_path / "r.pdf"
    assert run_cli("report", master, "--out", out, "--date", "2024-06-03") == errors.OK
    assert seen[:4] == ["summary", "targets", "findings 1", "patches"], seen
    summary = " ".join(pdftotext(out, 1).split())
    for said in ("注意 Cautions：11 条", "规划一致性检查 Plan-consistency check：6 处不一致",
                 "all of them are listed from page 3"):
        assert said in summary, summary
    listed = " ".join(pdftotext(out, 3).split())
    assert all(f"patch {code} is in progress" in listed for code in codes), listed
    assert "6. [" in listed and "…" not in listed, listed
    assert "第 3 页 / 共 14 页" in listed and "第 2 页 / 共 14 页" in pdftotext(out, 2)
    assert "第 4 页 / 共 14 页" in pdftotext(out, 4) and pages(out) == 14


def test_pdf_refuses_what_is_not_a_plan(qgis_app, tmp_path):
    from field_kit.errors import BadInput
    from qgis_plugin.printing.report_pdf import write_pdf

    other = tmp_path / "x.gpkg"
    conn = connect(other, must_exist=False)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(BadInput, match="holds no plan data"):
        write_pdf(other, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_through_the_command_line(recorded, qgis_app, tmp_path, capfd, chinese_locale):
    """A record's date written 2024/5/2 (read as the day it means, and named among the
    cautions) gave an untranslated GDAL warning on the terminal as the maps were drawn."""
    from field_kit import errors
    from tests.unit.test_progress import run_cli

    conn = connect(recorded)
    conn.execute("UPDATE patch_verifications SET verified_on = '2024/5/2' WHERE "
                 "verified_on = '2024-05-02'")
    conn.commit()
    conn.close()
    capfd.readouterr()
    out = tmp_path / "r.pdf"
    assert run_cli("report", recorded, "--out", out, "--date", "2024-06-03") == errors.OK
    assert pages(out) == 14  # (the date's caution: one more than the summary has room for)
    said = capfd.readouterr()
    assert "Warning 1" not in said.err + said.out, said.err


def test_a_pdf_report_leaves_the_master_as_it_was(recorded, qgis_app, tmp_path):
    """Drawing the maps opened the master's layers in QGIS, which switched the file to WAL
    (written, though marked read-only): the master is read, never written."""
    import hashlib
    import sqlite3

    from field_kit import errors
    from tests.unit.test_progress import run_cli

    master = tmp_path / "read-only.gpkg"
    shutil.copyfile(recorded, master)
    master.chmod(0o444)
    before = hashlib.sha256(master.read_bytes()).hexdigest()
    out = tmp_path / "r.pdf"
    assert run_cli("report", master, "--out", out, "--date", "2024-06-03") == errors.OK
    assert pages(out) == 13
    assert hashlib.sha256(master.read_bytes()).hexdigest() == before
    conn = sqlite3.connect(f"file:{master}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_report_that_does_not_fit_on_the_disk_leaves_the_one_there(
        master, qgis_iface, small_disk, tmp_path, capsys):
    """A PDF report written over an earlier one on a disk with 20 KB free: the command, the
    dashboard's button and the Processing algorithm each say the disk is full, naming the
    report, and the earlier report is left whole (Qt's writer says nothing of a failed
    write)."""
    from qgis.core import (
        Qgis,
        QgsApplication,
        QgsProcessingContext,
        QgsProcessingException,
        QgsProcessingFeedback,
    )

    from field_kit import errors
    from field_kit.cli.commands import main
    from qgis_plugin.docks.dashboard import DashboardDock
    from qgis_plugin.processing.provider import Provider

    assert main(["report", str(master), "--out", str(tmp_path / "r.pdf")]) == errors.OK
    out = small_disk / "r.pdf"
    shutil.copyfile(tmp_path / "r.pdf", out)
    before = out.read_bytes()
    fill(small_disk, leaving=20 * 1024)
    capsys.readouterr()
    said = f"cannot write {out}: the disk is full"
    assert main(["report", str(master), "--out", str(out)]) == errors.BAD_INPUT
    assert said in capsys.readouterr().err
    dock = DashboardDock(qgis_iface, master)
    assert not dock.export_pdf(str(out))
    assert any(said in m for m in qgis_iface.messageBar().get_messages(Qgis.Critical))
    provider = Provider()
    assert QgsApplication.processingRegistry().addProvider(provider)
    try:
        alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:report")
        with pytest.raises(QgsProcessingException, match=said):
            alg.processAlgorithm({"MASTER": str(master), "OUTPUT": str(out)},
                                 QgsProcessingContext(), QgsProcessingFeedback())
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)
    assert out.read_bytes() == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "r.pdf"]


def test_the_dashboard_names_an_excel_report_that_does_not_fit(master, qgis_iface, qtbot,
                                                              small_disk):
    from qgis.core import Qgis

    from qgis_plugin.docks.dashboard import DashboardDock

    fill(small_disk, leaving=6 * 1024)
    dock = DashboardDock(qgis_iface, master)
    qtbot.addWidget(dock)
    assert dock.export_xlsx(str(small_disk / "r.xlsx")) is not None
    qtbot.waitUntil(lambda: dock.task is None, timeout=20000)
    said = f"The report was not written: cannot write {small_disk / 'r.xlsx'}: the disk is full"
    assert any(said in m for m in qgis_iface.messageBar().get_messages(Qgis.Critical))
    assert [p.name for p in small_disk.iterdir()] == ["filler"]


def test_a_feedback_object_can_cancel(recorded, qgis_app, tmp_path):
    from qgis.core import QgsFeedback

    from qgis_plugin.printing.report_pdf import Cancelled, write_pdf

    fb = QgsFeedback()
    fb.progressChanged.connect(lambda v: fb.cancel() if v > 30 else None)
    with pytest.raises(Cancelled):
        write_pdf(recorded, tmp_path / "c.pdf", feedback=fb)
    assert not (tmp_path / "c.pdf").exists() and not (tmp_path / "c.pdf.part").exists()
    shutil.rmtree(tmp_path, ignore_errors=True)


# --- the dashboard dock ----------------------------------------------------------------

def _overlaps(svg: str) -> list[str]:
    """Texts of a chart that run past its edge or into a bar to their right, measured with
    the font Qt's SVG renderer draws them in."""
    import xml.etree.ElementTree as ET

    from qgis.PyQt.QtGui import QFontMetricsF

    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring(svg.split("\n", 1)[1])
    width = float(root.get("width"))
    rects = [tuple(float(r.get(k)) for k in ("x", "y", "width", "height"))
             for r in root.iter(ns + "rect") if float(r.get("width")) < width]
    out = []
    for t in root.iter(ns + "text"):
        font = QFont(t.get("font-family"))
        font.setPixelSize(int(float(t.get("font-size"))))
        w = QFontMetricsF(font).horizontalAdvance(t.text or "")
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        left = {"start": x, "middle": x - w / 2, "end": x - w}[t.get("text-anchor")]
        if left < 0 or left + w > width + 0.5:
            out.append(f"{t.text!r} runs past the edge")
        for rx, ry, _, rh in rects:
            if t.get("text-anchor") == "start" and rx > x + 1 and ry < y and ry + rh > y - size \
                    and left + w > rx + 0.5:
                out.append(f"{t.text!r} runs into a bar at x={rx:g}")
                break
    return out


@pytest.mark.parametrize("width", [None, 300])
@pytest.mark.parametrize("records", ["none", "long figures"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_chart_labels_are_whole_and_clear_of_the_bars(master, qgis_iface, qtbot, lang, records,
                                                      tmp_path, width):
    """Every label of every chart whole, beside its bar (not under it), at the chart's own
    size and drawn to the narrowest dock, with the plan alone and with figures as long as
    records make them; the units of counted targets in the reader's language."""
    from field_kit.reports import charts
    from field_kit.reports.progress import progress

    if records != "none":
        record_long_figures(master, tmp_path)
    p = progress(master)
    found: set[str] = set()
    for name in ("indicator_chart", "targets_chart", "mine_area_chart", "township_chart"):
        svg = getattr(charts, name)(p, lang, **({"width": width} if width else {}))
        found.update({f"{name}: {o}" for o in _overlaps(svg)})
        if lang == "en":
            assert "个" not in svg and "座" not in svg, name
            for i in p.indicators:  # whole names, however they are broken into lines
                assert i.name_en.split()[-1] in svg or name != "indicator_chart", i.name_en
    assert not found, sorted(found)


def test_dashboard_shows_the_figures_and_follows_a_merge(master, qgis_iface, qtbot,  # noqa: F811
                                                         tmp_path):
    from qgis.core import Qgis

    from field_kit.sync import merge, package_checkout, package_export
    from qgis_plugin.docks.dashboard import DashboardDock

    succeeded = len(qgis_iface.messageBar().get_messages(Qgis.Success))  # (other tests')
    dock = DashboardDock(qgis_iface, master)
    qtbot.addWidget(dock)
    assert dock.tabs.count() == 4
    assert "1.9 km²" in dock.summary.text() and "1.9000" not in dock.summary.text()
    # the share of the 2025 target counts the 2020 baseline, and says so
    assert "2020" in dock.summary.text() and "1.9 km²" in dock.summary.text()
    assert dock.indicator_table.rowCount() == 4
    assert dock.indicator_table.item(2, 2).text() == "1.9"
    assert dock.township_table.rowCount() == 6  # 5 townships and the county
    assert dock.targets_table.rowCount() == 15
    assert dock.findings_table.rowCount() == 8
    assert any("1716" in dock.findings_table.item(r, 1).text() for r in range(8))
    assert dock.mine_chart.renderer().isValid() and dock.township_chart.renderer().isValid()

    pkg = tmp_path / "tab.gpkg"
    package_checkout.checkout(master, pkg, "tab-9")
    conn = connect(pkg)
    photo = site_photo(tmp_path, "s.jpg", "#74a65b", "复绿")
    verify(conn, "ZJ6504222021027001", "B", measured=290000, treated=280000, photos=[photo])
    conn.close()
    package_export.export(pkg, tmp_path / "tab.zip")
    merge.merge(master, [tmp_path / "tab.zip"])
    dock.refresh()
    assert "2.18 km²" in dock.summary.text() and "2.1800" not in dock.summary.text()
    assert "caution" not in dock.summary.text().lower() and "注意" not in dock.summary.text()
    conn = connect(master)  # a slip of a unit or a digit: counted as recorded, and said
    verify(conn, "CT6504222016000037002", "B", measured=5_000_000, photos=[photo])
    conn.close()
    dock.refresh()
    assert "Cautions (1)" in dock.summary.text() or "1 条注意事项" in dock.summary.text()
    assert "CT6504222016000037002" in dock.summary.text()
    row = [dock.township_table.item(r, 0).text() for r in range(6)].index(
        dock.progress.group_label("克尔碱镇", dock.lang))
    assert dock.township_table.item(row, 5).text() == "1"  # restored

    task = dock.export_xlsx(str(tmp_path / "r.xlsx"))
    assert task is not None
    qtbot.waitUntil(lambda: dock.task is None, timeout=20000)
    assert (tmp_path / "r.xlsx").stat().st_size > 1000
    assert dock.export_pdf(str(tmp_path / "r.pdf"))
    assert pages(tmp_path / "r.pdf") == 13
    assert dock.xlsx_button.isEnabled() and not dock.progress_bar.isVisible()
    assert len(qgis_iface.messageBar().get_messages(Qgis.Success)) - succeeded == 2
    OUT.mkdir(exist_ok=True)
    dock.resize(700, 900)
    dock.show()
    dock.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    dock.grab().save(str(OUT / "dashboard.png"))


def test_the_dashboard_shows_every_indicator_and_counts_every_patch(master, qgis_iface,
                                                                     qtbot, tmp_path):
    """Under a summary long with cautions, the indicator table still shows all four rows
    (the tab scrolls, the table is not squeezed); the summary's patch counts add up, natural
    recovery with them; "now" is given to the summary's 4 decimals."""
    from qgis_plugin.docks.dashboard import DashboardDock

    conn = connect(master)
    photo = site_photo(tmp_path, "s.jpg", "#74a65b", "复绿")
    verify(conn, "ZJ6504222021027001", "B", measured=289999.09, photos=[photo])
    verify(conn, "CT6504222017000026001", "D", measured=50000)
    for code in ("CT6504222016000037002", "CT6504222017000026002", "CT6504222017000026003"):
        verify(conn, code, "B", measured=9_000_000, photos=[photo])  # cautions, many
    conn.close()
    dock = DashboardDock(qgis_iface, master)
    qtbot.addWidget(dock)
    dock.resize(1200, 900)
    dock.show()
    dock.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    OUT.mkdir(exist_ok=True)
    dock.grab().save(str(OUT / "dashboard_indicators.png"))
    # however long the summary, the dock fits the screen (QGIS's window grew past it)
    screen = dock.screen().availableGeometry().height()
    assert dock.minimumSizeHint().height() <= screen * 0.6, (dock.minimumSizeHint(), screen)
    dock.resize(400, 700)  # narrow: the summary wraps into many more lines
    assert dock.minimumSizeHint().height() <= screen * 0.6, (dock.minimumSizeHint(), screen)
    dock.resize(1200, 900)
    qtbot.wait(50)
    table = dock.indicator_table
    shown = table.viewport().height()
    assert sum(table.rowHeight(r) for r in range(table.rowCount())) <= shown, shown
    assert not table.verticalScrollBar().isVisible()
    summary = dock.summary.text()
    assert ("verified 5: restored 4, in progress 0, natural recovery 1, untreated 0" in summary
            or "已核查 5：已恢复治理 4，治理中 0，自然恢复 1，未治理 0" in summary), summary
    mine = dock.progress.mine_area
    assert mine.current_text() == "29.19" and table.item(2, 5).text() == "29.19"
    assert "29.19 km²" in summary or "29.19 平方千米" in summary, summary
    # townships, phases and the county in the dock's language (English: the plan's names)
    names = [dock.township_table.item(r, 0).text() for r in range(dock.township_table.rowCount())]
    phases = [dock.phase_table.item(r, 0).text() for r in range(dock.phase_table.rowCount())]
    assert (names[-1], phases[0]) in (("Whole county", "Near term (2021–2025)"),
                                      ("全县", "近期")), (names, phases)
    assert ("Kerjian Town" in names) == (dock.lang != "zh") == ("克尔碱镇" not in names)
    # and the plan's other controls and targets below, as the plan writes them
    controls = dock.controls_table
    assert controls.rowCount() == len(dock.progress.controls) == 17
    farmland = [controls.item(r, 4).text() for r in range(17)
                if controls.item(r, 0).text() in ("Permanent basic farmland", "永久基本农田面积")]
    assert farmland == ["202.80"]
    targets = dock.targets_table
    clay = [targets.item(r, 2).text() for r in range(targets.rowCount())
            if targets.item(r, 0).text().startswith("P1-6 ")]
    assert clay == ["0.10"]  # 专栏6-2's row, as it writes it


def test_a_text_layers_glyph_names_are_mended_not_its_glyph_codes():
    from qgis_plugin.printing.pdf_text import mend_map

    cmap = (b"2 beginbfchar\n<2F2D> <2F2D>\n<0041> <FB01>\nendbfchar\n1 beginbfrange\n"
            b"<0001> <0003> [<2F2D> <2EDA> <5C71>]\nendbfrange\n")
    assert mend_map(cmap) == (
        b"2 beginbfchar\n<2F2D> <5C71>\n<0041> <00660069>\nendbfchar\n1 beginbfrange\n"
        b"<0001> <0003> [<5C71> <9875> <5C71>]\nendbfrange\n")



def test_the_dashboard_counts_a_shape_edited_outside_qgis(master, qgis_iface, qtbot, tmp_path):
    """A patch's shape written in the master by another tool: the dock's figures count the
    shape's area, and the message bar says it was recomputed."""
    from qgis.core import Qgis

    from qgis_plugin.docks.dashboard import DashboardDock
    from tests.unit.test_area_follows_shape import of_shape, square
    from tests.unit.test_shape_edited_in_the_master import CODE, SAID, in_the_shell

    conn = connect(master)
    verify(conn, CODE, "B", photos=[site_photo(tmp_path, "s.jpg", "#74a65b", "复绿")])
    conn.execute("UPDATE patch_verifications SET measured_area_m2 = NULL")  # another tool's
    conn.close()
    shape = square(88.7, 42.8, 0.004)
    in_the_shell(master, f"UPDATE mine_patches SET geom = x'{shape.hex()}' WHERE patch_code = "
                         f"'{CODE}'")
    dock = DashboardDock(qgis_iface, master)
    qtbot.addWidget(dock)
    patch = next(x for x in dock.progress.patches if x.patch_code == CODE)
    assert patch.restored_area_m2 == of_shape(shape)["area_m2"]
    from field_kit.plan.values import field_label
    labelled = SAID  # the fields by their labels, as the patch's form gives them
    for col in ("area_m2", "centre_lon", "centre_lat"):
        labelled = labelled.replace(col, field_label("mine_patches", col, "en"))
    assert labelled != SAID
    assert any(labelled in m or "mine_patches" in m and "重新计算" in m and "area_m2" not in m
               for m in qgis_iface.messageBar().get_messages(Qgis.Info))
