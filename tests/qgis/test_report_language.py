# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit report --out FILE.pdf`` in the user's language, as the Excel report is: an
English user's title, key figures, findings, targets and patch pages in English, a Chinese
user's in Chinese, then English."""

from __future__ import annotations

import re

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.reports.plan_check import check_plan
from field_kit.reports.progress import progress
from tests.qgis.test_report import CODES, pages, pdftotext, recorded  # noqa: F401

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def report_in(locale: str, master, out, monkeypatch) -> list[str]:
    """The PDF's pages' text, one string a page, the report written by the command in
    ``locale``."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)
    assert main(["report", str(master), "--out", str(out), "--date", "2024-06-03"]) == errors.OK
    return [" ".join(pdftotext(out, n).split()) for n in range(1, pages(out) + 1)]


def patch_page(text: list[str], code: str) -> str:
    return next(t for t in text[2:] if code in t)


def labels_cut(monkeypatch) -> list[str]:
    """The labels of the PDF written next whose text does not fit them (filled as written)."""
    from qgis.core import QgsLayoutItemLabel

    from qgis_plugin.printing import report_pdf

    cut: list[str] = []
    render = report_pdf._render

    def measured(writer, painter, layout, first):
        for item in layout.items():
            if isinstance(item, QgsLayoutItemLabel) and item.currentText() \
                    and max(report_pdf.text_overflow(item)) > 0:
                cut.append(item.currentText()[:40])
        render(writer, painter, layout, first)

    monkeypatch.setattr(report_pdf, "_render", measured)
    return cut


def test_an_english_users_pdf_is_in_english(recorded, qgis_app, tmp_path,  # noqa: F811
                                            monkeypatch):
    cut = labels_cut(monkeypatch)  # (English text is longer: does it fit?)
    text = report_in("en_US.UTF-8", recorded, tmp_path / "r.pdf", monkeypatch)
    p, check = progress(recorded), check_plan(recorded)
    summary = text[0]
    assert f"Page 1 of {len(text)}" in summary and f"Page 2 of {len(text)}" in text[1]
    # (the title in two lines, the page's number read beside its first)
    title = summary.replace(f" Page 1 of {len(text)}", "", 1)
    assert f"{p.title.en}: progress report" in title, summary
    assert "Report date 2024-06-03 Records up to 2024-05-10" in summary
    assert f"Patches {p.total.patches}: verified 3" in summary
    assert (f"Plan-consistency check: {len(check.inconsistencies)} inconsistencies, "
            f"{len(check.notes)} notes") in summary, summary
    first = check.findings[0]
    assert f"1. [{first.severity_label.en}] {first.message.en[:40]}" in summary, summary
    for chinese in ("实施进度报告", "规划一致性检查", "历史遗留矿山综合治理面积", "第 1 页",
                    "已核查", "规划未附图件"):
        assert chinese not in summary, chinese
    assert "Plan targets and now" in text[1] and "规划目标与现状" not in text[1]
    assert "Afforestation" in text[1] and "人工造林" not in text[1]
    restored = patch_page(text, CODES[0])
    for said in (f"Legacy-mine patch {CODES[0]}", "Latest verification (2 in all)",
                 "Status: B Restored", "Class/subclass:", "Site photos", "Report date"):
        assert said in restored, said
    for chinese in ("最近一次核查", "现场照片", "规划未附图件"):
        assert chinese not in restored, chinese
    # Chinese only where the plan or a record writes it (its sections, a technician's note)
    assert not CHINESE.search(summary.split("1. [")[0]), summary
    assert not cut, cut


def test_a_chinese_users_pdf_is_in_chinese_then_english(recorded, qgis_app,  # noqa: F811
                                                        tmp_path, monkeypatch):
    cut = labels_cut(monkeypatch)  # (both languages are longer than either: do they fit?)
    text = report_in("zh_CN.UTF-8", recorded, tmp_path / "r.pdf", monkeypatch)
    p, check = progress(recorded), check_plan(recorded)
    summary = text[0]
    assert f"{p.title.zh} 实施进度报告" in summary and f"{p.title.en}: progress report" in summary
    assert "报告日期 Report date 2024-06-03" in summary
    assert f"第 1 页 / 共 {len(text)} 页" in summary
    found = len(check.inconsistencies)
    assert f"规划一致性检查 Plan-consistency check：{found} 处不一致" in summary
    first = check.findings[0]
    assert f"1. [{first.severity_label.zh}] {first.message.zh[:20]}" in summary, summary
    assert "规划目标与现状 Plan targets and now" in text[1]
    # the lines by phase, as those above them: Chinese, then English; areas in 平方米, as
    # the Chinese text writes them (平方千米 above)
    for g in p.by_phase:
        assert (f"{g.group} {p.group_label(g.group, 'en')}：{g.patches} 个 patches，已核查 "
                f"verified {g.verified}，已恢复治理 restored {g.restored}，已恢复面积 restored "
                f"area {g.restored_area_m2:,.0f} 平方米") in summary, summary
    done = len([x for x in p.targets if x.completed is not None])
    assert (f"重点项目目标 Project targets：{len(p.targets)} 项，已有检查数据 with inspections "
            f"{done} 项") in summary, summary
    assert (f"记录 Records：核查 verifications {p.counts['verifications']}，检查 inspections "
            f"{p.counts['inspections']}，照片 photos {p.counts['photos']}") in summary, summary
    restored = patch_page(text, CODES[0])
    assert "最近一次核查 Latest verification" in restored and "现场照片 Site photos" in restored
    assert re.search(r"计入治理面积 Counted：[\d,.]+ 平方米（", restored), restored
    assert "m²" not in summary and "m²" not in restored, (summary, restored)
    assert not cut, cut


def test_the_plugins_pdf_follows_qgis_language(master, qgis_iface, qtbot, tmp_path):
    """The dock's Export report (PDF)… and the Processing report algorithm."""
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback

    from qgis_plugin.docks.dashboard import DashboardDock
    from qgis_plugin.processing.provider import Provider
    from tests.qgis.conftest import qgis_speaking

    def summaries(locale: str) -> list[str]:
        with qgis_speaking(locale, tmp_path / "qm"):
            dock = DashboardDock(qgis_iface, master)
            qtbot.addWidget(dock)
            assert dock.export_pdf(str(tmp_path / f"dock-{locale}.pdf"))
            alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:report")
            _, ok = alg.run({"MASTER": str(master), "OUTPUT": str(tmp_path / f"{locale}.pdf")},
                            QgsProcessingContext(), QgsProcessingFeedback())
            assert ok
        return [" ".join(pdftotext(tmp_path / name, 1).split())
                for name in (f"dock-{locale}.pdf", f"{locale}.pdf")]

    provider = Provider()
    assert QgsApplication.processingRegistry().addProvider(provider)
    try:
        english, chinese = summaries("en_GB"), summaries("zh_CN")
    finally:
        QgsApplication.processingRegistry().removeProvider(provider)
    for summary in english:
        assert "Plan-consistency check: 6 inconsistencies" in summary and "Page 1 of" in summary
        assert "实施进度报告" not in summary and "规划一致性检查" not in summary
    for summary in chinese:
        assert "实施进度报告" in summary and "规划一致性检查 Plan-consistency check：6 处不一致" \
            in summary and "第 1 页 / 共" in summary


def places(master) -> list[tuple[str, str]]:
    """The townships' and the county's Chinese and English names, as the plan gives them."""
    conn = connect(master, readonly=True)
    try:
        return [(r[0], r[1]) for r in conn.execute(
            "SELECT name_zh, name_en FROM townships UNION ALL "
            "SELECT name_zh, name_en FROM county_boundary")]
    finally:
        conn.close()


def test_an_english_users_maps_name_the_places_in_english(master, qgis_app, tmp_path,
                                                         monkeypatch):
    """The patch pages' maps (the patch's setting, the county it lies in) label the
    townships and the county by their English names for an English user, by their Chinese
    for a Chinese one; a place the plan gives no English name keeps its Chinese."""
    named = places(master)
    assert len(named) == 8 and all(en for _, en in named)
    english = report_in("en_US.UTF-8", master, tmp_path / "en.pdf", monkeypatch)[2:]
    chinese = report_in("zh_CN.UTF-8", master, tmp_path / "zh.pdf", monkeypatch)[2:]
    assert len(english) == len(chinese) == 11
    for page in english:
        assert "Toksun County (schematic)" in page, page
        assert "Kerjian Town" in page and "Kumux Town" in page, page
        for zh, _ in named:
            assert zh not in page, (zh, page)
    for page in chinese:
        assert "托克逊县（示意边界）" in page and "克尔碱镇" in page and "库米什镇" in page, page
        assert "Kerjian Town" not in page and "Toksun County" not in page, page

    conn = connect(master)
    conn.execute("UPDATE townships SET name_en = '' WHERE name_zh = '克尔碱镇'")
    conn.commit()
    conn.close()
    english = report_in("en_US.UTF-8", master, tmp_path / "en2.pdf", monkeypatch)[2:]
    for page in english:
        assert "克尔碱镇" in page and "Kumux Town" in page, page


def test_an_english_users_patch_page_gives_a_word_code_by_its_english_label(
        recorded, qgis_app, tmp_path, monkeypatch):  # noqa: F811
    """The damage type 挖损 and the mineral 建筑用砂 (codes that are Chinese words) read as
    their English labels on an English user's patch page, as the workbook gives them; a
    Chinese user's as before."""
    restored = patch_page(report_in("en_US.UTF-8", recorded, tmp_path / "en.pdf",
                                    monkeypatch), CODES[0])
    assert "Damage: Excavation" in restored and "Mineral: Construction sand" in restored
    assert "Class/subclass: 10 Legacy mine / 11 Ownerless abandoned mine" in restored
    assert "挖损" not in restored and "建筑用砂" not in restored, restored
    restored = patch_page(report_in("zh_CN.UTF-8", recorded, tmp_path / "zh.pdf",
                                    monkeypatch), CODES[0])
    assert "损毁类型 Damage：挖损" in restored and "矿种 Mineral：建筑用砂" in restored, restored
