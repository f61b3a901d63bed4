# SPDX-License-Identifier: GPL-2.0-or-later
"""Progress against the plan, from records made as the field app makes them (save_record),
and moved by a merge of a field package's change package."""

from __future__ import annotations

import argparse
from fractions import Fraction
from pathlib import Path

import pytest

from field_kit import errors, forms
from field_kit.cli import reports as progress_cli
from field_kit.db import connect
from field_kit.reports import charts
from field_kit.reports.progress import NOT_VERIFIED, progress
from field_kit.sync import merge, package_checkout, package_export, undo
from tests.unit.forms_fixtures import jpeg_with_exif

TODAY = "2024-06-01"


# --- helpers other tests use too -------------------------------------------------------

def photo_file(tmp: Path, name: str = "site.jpg", data: bytes | None = None) -> Path:
    path = tmp / name
    path.write_bytes(data or jpeg_with_exif(lat=42.9, lon=88.74, taken="2024:05:01 10:00:00"))
    return path


def patch_row(conn, code: str) -> dict:
    cur = conn.execute("SELECT uuid, centre_lon, centre_lat, area_m2 FROM mine_patches "
                       "WHERE patch_code = ?", (code,))
    return dict(zip([d[0] for d in cur.description], cur.fetchone()))


def verify(conn, code: str, status: str, measured: float = 100000.0, treated=None,
           on: str = "2024-05-01", photos=(), **extra) -> str:
    """Save a patch verification the way the field app does; return its uuid."""
    p = patch_row(conn, code)
    values = {"patch_uuid": p["uuid"], "patch_code": code, "patch_class": "10",
              "patch_subclass": "11", "damage_type": "挖损", "patch_feature": "1",
              "remediation_status": status, "measured_area_m2": measured,
              "treated_area_m2": treated, "position_lon": p["centre_lon"],
              "position_lat": p["centre_lat"], "position_accuracy_m": 4.0,
              "verifier": "李工", "verifying_unit": "托克逊县自然资源局", "verified_on": on,
              "mineral": "建筑用砂", "mining_method": "A"}
    if status in ("B", "C"):
        values["restoration_method"] = "3"
    values.update(extra)
    return forms.save_record(conn, forms.PATCH_VERIFICATION, values, photos=photos)


def target_uuid(conn, project_id: str, target_zh: str) -> tuple[str, str]:
    return conn.execute("SELECT t.uuid, t.project_uuid FROM project_targets t WHERE "
                        "t.project_id = ? AND t.target_zh = ?", (project_id, target_zh)).fetchone()


def inspect(conn, project_id: str, target_zh: str, quantity, unit: str,
            on: str = "2024-05-10") -> str:
    t_uuid, p_uuid = target_uuid(conn, project_id, target_zh)
    values = {"project_uuid": p_uuid, "project_id": project_id, "target_uuid": t_uuid,
              "completed_quantity": quantity, "unit": unit, "rating": "2",
              "position_lon": 88.65, "position_lat": 42.79, "position_accuracy_m": 5.0,
              "position_note": "县城检查站", "inspector": "王工", "inspected_on": on}
    return forms.save_record(conn, forms.PROJECT_INSPECTION, values)


def by_code(p, code: str):
    return next(x for x in p.patches if x.patch_code == code)


def group(groups, name: str):
    return next(g for g in groups if g.group == name)


# --- figures ---------------------------------------------------------------------------

def test_the_bundled_plan_without_records(master):
    p = progress(master)
    assert [i.indicator_id for i in p.indicators] == [
        "grassland_vegetation_cover", "soil_erosion_control_area",
        "legacy_mine_remediation_area", "desertified_land_treatment_area"]
    mine = next(i for i in p.indicators if i.indicator_id == "legacy_mine_remediation_area")
    assert (mine.value_2020, mine.value_2025, mine.value_2035, mine.current) == (
        1.9, 2.46, 3.18, 1.9)
    grass = p.indicators[0]
    assert grass.current is None and "no verification" in grass.basis.en
    assert p.total.patches == 11 and p.total.not_verified == 11 and p.total.verified == 0
    assert [g.group for g in p.by_phase] == ["近期", "中期"]
    assert [(g.group, g.patches) for g in p.by_phase] == [("近期", 5), ("中期", 6)]
    assert {g.group: g.patches for g in p.by_township} == {
        "托克逊镇": 1, "伊拉湖镇": 1, "博斯坦镇": 4, "郭勒布依乡": 4, "克尔碱镇": 1}
    assert p.mine_area.target_2025_km2 == 2.46 and p.mine_area.target_2035_km2 == 3.18
    assert len(p.targets) == 15 and all(t.completed is None for t in p.targets)
    assert p.as_of == ""


def test_latest_verification_decides_and_the_area_rule(master, tmp_path):
    conn = connect(master)
    jpg = photo_file(tmp_path)
    # treated area given: it counts
    verify(conn, "CT6504222017000026002", "A", on="2024-03-01")
    verify(conn, "CT6504222017000026002", "B", measured=110000, treated=52345.5,
           on="2024-05-01", photos=[jpg])
    # no treated area: the measured area counts
    verify(conn, "ZJ6504222021027001", "B", measured=250000.25, on="2024-04-02", photos=[jpg])
    # restored, then found untreated later: not counted
    verify(conn, "ZJ6504222021046001", "B", measured=400000, on="2024-02-01", photos=[jpg])
    verify(conn, "ZJ6504222021046001", "A", measured=400000, on="2024-05-20")
    verify(conn, "CT6504222016000037002", "C", measured=120000)
    verify(conn, "C6521232009097120035838001", "D", measured=50000)
    conn.close()

    p = progress(master)
    a = by_code(p, "CT6504222017000026002")
    assert (a.status, a.verifications, a.area_basis, a.restored_area_m2) == (
        "B", 2, "treated_area_m2", 52345.5)
    b = by_code(p, "ZJ6504222021027001")
    assert (b.area_basis, b.restored_area_m2) == ("measured_area_m2", 250000.25)
    assert by_code(p, "ZJ6504222021046001").status == "A"
    assert by_code(p, "C6521232011087130120962001").status == NOT_VERIFIED
    restored_m2 = Fraction("52345.5") + Fraction("250000.25")
    assert p.mine_area.restored_km2 == float(restored_m2 / 10**6)
    assert p.mine_area.current_km2 == float(Fraction("1.9") + restored_m2 / 10**6)
    mine = next(i for i in p.indicators if i.indicator_id == "legacy_mine_remediation_area")
    assert mine.current == p.mine_area.current_km2
    assert mine.percent_2025 == pytest.approx(100 * mine.current / 2.46)
    t = p.total
    assert (t.patches, t.verified, t.untreated, t.restored, t.in_progress, t.natural_recovery,
            t.not_verified) == (11, 5, 1, 2, 1, 1, 6)
    assert t.restored_area_m2 == float(restored_m2)
    guo = group(p.by_township, "郭勒布依乡")
    assert (guo.patches, guo.restored, guo.not_verified) == (4, 1, 3)
    assert group(p.by_township, "托克逊镇").untreated == 1
    bos = group(p.by_township, "博斯坦镇")
    assert (bos.natural_recovery, bos.restored_area_m2) == (1, 0.0)
    near, mid = group(p.by_phase, "近期"), group(p.by_phase, "中期")
    assert (near.restored, near.in_progress, near.not_verified) == (2, 1, 2)
    assert (mid.untreated, mid.natural_recovery, mid.not_verified) == (1, 1, 4)
    assert p.as_of == "2024-05-20"
    # the mine project's target shows its patches' restored area in the plan's unit (km²)
    p11 = next(x for x in p.targets if x.project_id == "P1-1")
    assert p11.patch_restored == float(Fraction("52345.5") / 10**6)
    assert p11.completed is None  # no inspection yet


def test_the_patch_area_counts_when_neither_area_is_given(master, tmp_path):
    conn = connect(master)
    verify(conn, "CT6504222016000053002", "B", photos=[photo_file(tmp_path)])
    # a record written by another tool, without a measured area
    conn.execute("UPDATE patch_verifications SET measured_area_m2 = NULL")
    area = patch_row(conn, "CT6504222016000053002")["area_m2"]
    conn.close()
    x = by_code(progress(master), "CT6504222016000053002")
    assert (x.area_basis, x.restored_area_m2) == ("area_m2", area)


def test_project_targets_in_the_plans_unit(master):
    conn = connect(master)
    inspect(conn, "P4-1", "人工造林", 15000, "亩", on="2024-03-01")  # 1.5 万亩
    inspect(conn, "P4-1", "人工造林", 20000, "亩", on="2024-05-01")  # 2 万亩: latest
    inspect(conn, "P4-4", "村庄绿化", 5, "个")
    inspect(conn, "P1-2", "治理面积", 6, "公顷")  # 0.06 km²
    conn.close()
    p = progress(master)
    t = {(x.project_id, x.target_zh): x for x in p.targets}
    a = t[("P4-1", "人工造林")]
    assert (a.completed, a.unit, a.percent, a.inspections, a.inspected_on) == (
        2.0, "万亩", 50.0, 2, "2024-05-01")
    assert t[("P4-1", "封育")].completed is None
    assert (t[("P4-4", "村庄绿化")].completed, t[("P4-4", "村庄绿化")].percent) == (5.0, 20.0)
    mine = t[("P1-2", "治理面积")]
    assert (mine.completed, mine.unit, mine.percent) == (0.06, "平方千米", 50.0)


def test_an_inspection_in_a_unit_that_does_not_convert_says_so(master):
    conn = connect(master)
    inspect(conn, "P4-2", "退化林修复", 1, "万亩")
    conn.execute("UPDATE project_inspections SET unit = '个'")  # written by another tool
    conn.close()
    t = next(x for x in progress(master).targets if x.project_id == "P4-2")
    assert t.completed is None and "does not convert" in t.note.en and "不能换算" in t.note.zh
    # each unit in the line's language, as the form names it
    assert "unit 'sites' (2024-05-10) does not convert to the target's unit '10⁴ mu'" in \
        t.note.en, t.note.en


def test_a_merge_of_field_results_moves_the_figures(master, tmp_path):
    before = progress(master)
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", township="郭勒布依乡")
    conn = connect(pkg)
    jpg = photo_file(tmp_path)
    verify(conn, "CT6504222017000026001", "B", measured=110000, treated=100000, photos=[jpg])
    verify(conn, "CT6504222017000026003", "C", measured=110000)
    inspect(conn, "P1-1", "治理面积", 0.1, "平方千米")
    conn.close()
    # the field package sees its own figures before anything is sent
    assert progress(pkg).total.restored == 1
    zipped = tmp_path / "tab-1.zip"
    package_export.export(pkg, zipped)
    assert progress(master).total.verified == 0  # nothing moves before the merge
    report = merge.merge(master, [zipped])
    assert report.totals["refused"] == 0 and report.totals["conflict"] == 0
    after = progress(master)
    assert (before.total.restored, after.total.restored) == (0, 1)
    assert (before.total.in_progress, after.total.in_progress) == (0, 1)
    assert after.mine_area.current_km2 == float(Fraction("1.9") + Fraction(1, 10))
    guo = group(after.by_township, "郭勒布依乡")
    assert (guo.verified, guo.restored, guo.in_progress) == (2, 1, 1)
    p11 = next(x for x in after.targets if x.project_id == "P1-1")
    assert p11.completed == 0.1 and p11.percent == pytest.approx(100 / 3.3)
    assert after.counts["photos"] == 1
    # undoing the merge moves them back
    undo.undo_merge(master, report.results[0].merge_id)
    again = progress(master)
    assert again.total.restored == 0 and again.mine_area.current_km2 == 1.9


def test_progress_refuses_what_is_not_a_plan(tmp_path):
    with pytest.raises(errors.BadInput, match="no such file"):
        progress(tmp_path / "missing.gpkg")
    other = tmp_path / "other.gpkg"
    conn = connect(other, must_exist=False)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(errors.BadInput, match="holds no plan data"):
        progress(other)


def test_a_report_of_a_file_that_is_not_a_plan_is_refused(tmp_path, capsys):
    from field_kit.cli.commands import main
    other = tmp_path / "other.gpkg"
    conn = connect(other, must_exist=False)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert main(["report", str(other), "--out", str(tmp_path / "r.xlsx")]) == errors.BAD_INPUT
    assert f"{other} holds no plan data" in capsys.readouterr().err
    assert not (tmp_path / "r.xlsx").exists()


# --- charts ----------------------------------------------------------------------------

def test_charts_are_svg_with_chinese_labels(master, tmp_path):
    import xml.etree.ElementTree as ET

    conn = connect(master)
    verify(conn, "ZJ6504222021027001", "B", photos=[photo_file(tmp_path)])
    conn.close()
    p = progress(master)
    for svg, words in ((charts.mine_area_chart(p), ["历史遗留矿山综合治理面积", "2025年 2.46",
                                                     "2035年 3.18"]),
                       (charts.township_chart(p), ["郭勒布依乡", "已恢复治理", "未核查", "全县"]),
                       (charts.indicator_chart(p), ["草原综合植被盖度", "2035 38"]),
                       (charts.targets_chart(p), ["P4-1 人工造林", "万亩"]),
                       (charts.township_chart(p, "en", by="phase"),
                        ["Restored", "Near term (2021–2025)", "Whole county"])):
        root = ET.fromstring(svg.split("\n", 1)[1])
        assert root.tag.endswith("svg")
        text = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
        for w in words:
            assert w in text, (w, text)


# --- the command line ------------------------------------------------------------------

def run_cli(*args) -> int:
    parser = argparse.ArgumentParser(prog="field-kit")
    sub = parser.add_subparsers(dest="command", required=True)
    progress_cli.register(sub)
    a = parser.parse_args([str(x) for x in args])
    try:
        return a.func(a)
    except errors.SyncError as exc:
        print(f"field-kit: {exc.message}")
        return exc.exit_code


def test_cli_progress_prints_the_figures(master, tmp_path, capsys, chinese_locale):
    conn = connect(master)
    verify(conn, "ZJ6504222021027001", "B", measured=290000, photos=[photo_file(tmp_path)])
    conn.close()
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    for words in ("历史遗留矿山综合治理面积", "Legacy mines remediated", "= 2.19 km²", "克尔碱镇",
                  "已恢复治理 Restored", "P4-1", "万亩 10⁴ mu", "By phase", "个 villages",
                  "座 facility", "图斑已恢复（目标单位） Patches restored (target's unit)"):
        assert words in out, words


def test_patches_of_no_phase_and_no_township_are_counted_under_a_name(master, capsys,
                                                                      chinese_locale):
    """A patch whose phase and township were emptied is counted in the county and in a
    group named as one of no phase (no township), in either language, never unnamed."""
    conn = connect(master)
    conn.execute("UPDATE mine_patches SET phase = NULL, township = '' WHERE patch_code = "
                 "'ZJ6504222021027001'")
    conn.commit()
    conn.close()
    p = progress(master)
    assert [g.group for g in p.by_phase][-1] == "未填阶段"
    assert [g.group for g in p.by_township][-1] == "未填乡镇"
    assert (p.group_label("未填阶段", "en"), p.group_label("未填乡镇", "en")) == (
        "no phase", "no township")
    assert p.by_phase[-1].patches == p.by_township[-1].patches == 1
    assert run_cli("progress", master) == errors.OK
    rows = capsys.readouterr().out.splitlines()
    assert any(r.startswith("未填阶段 no phase  ") for r in rows), rows
    assert any(r.startswith("未填乡镇 no township  ") for r in rows), rows
    assert not any(r.startswith(" ") and r.split()[0].isdigit() for r in rows), rows


def test_cli_report_and_check_plan_exit_codes(master, tmp_path, capsys, chinese_locale):
    assert run_cli("check-plan", master) == progress_cli.PLAN_INCONSISTENT
    assert progress_cli.PLAN_INCONSISTENT not in errors.EXIT_CODES or \
        errors.EXIT_CODES[progress_cli.PLAN_INCONSISTENT]
    out = capsys.readouterr().out
    assert "1716" in out and "专栏3-1" in out and "6 处不一致" in out
    assert run_cli("report", master, "--out", tmp_path / "r.xlsx") == errors.OK
    assert (tmp_path / "r.xlsx").stat().st_size > 1000
    assert run_cli("report", master, "--out", tmp_path / "r.txt") == errors.BAD_INPUT
    assert run_cli("report", tmp_path / "none.gpkg", "--out", tmp_path / "r.xlsx") == \
        errors.BAD_INPUT
    assert run_cli("progress", tmp_path / "none.gpkg") == errors.BAD_INPUT
    assert run_cli("report", master, "--out", tmp_path / "no" / "r.xlsx") == errors.BAD_INPUT
    for cmd in progress_cli.COMMANDS:
        with pytest.raises(SystemExit) as exit_:
            run_cli(cmd, "--help")
        assert exit_.value.code == 0


@pytest.mark.parametrize("sql, said", [
    ("UPDATE patch_verifications SET treated_area_m2 = '12,000' WHERE fid = "
     "(SELECT max(fid) FROM patch_verifications)",
     "patch_verifications {code}: treated_area_m2 holds '12,000'"),
    ("UPDATE mine_patches SET area_m2 = 'n/a' WHERE patch_code = '{code}'",
     "mine_patches {code}: area_m2 holds 'n/a'"),
    ("UPDATE plan_indicators SET value_2025 = NULL WHERE indicator_id = "
     "'legacy_mine_remediation_area'",
     "plan_indicators legacy_mine_remediation_area: value_2025 is empty"),
    # 1e400 as a script writes it, stored as +Infinity
    ("UPDATE patch_verifications SET measured_area_m2 = 1e400, treated_area_m2 = 1e400 "
     "WHERE fid = (SELECT max(fid) FROM patch_verifications)",
     "patch_verifications {code}: measured_area_m2 holds inf; patch_verifications {code}: "
     "treated_area_m2 holds inf"),
    ("UPDATE mine_patches SET area_m2 = -1e400 WHERE patch_code = '{code}'",
     "mine_patches {code}: area_m2 holds -inf"),
    ("UPDATE plan_indicators SET value_2035 = 1e400 WHERE indicator_id = "
     "'legacy_mine_remediation_area'",
     "plan_indicators legacy_mine_remediation_area: value_2035 holds inf"),
])
def test_a_figure_no_report_can_count_is_named_by_every_report(master, tmp_path, capsys, sql,
                                                               said):
    """A figure a tool wrote as text ('12,000') or as ±Infinity, or a 专栏3-1 figure
    emptied, stopped progress and the reports with an internal error naming nothing, and
    check-plan skipped the checks of it unsaid: each names the record and field, and exits
    2."""
    code = "ZJ6504222021027001"
    conn = connect(master)
    verify(conn, code, "A")
    conn.execute(sql.format(code=code))
    conn.commit()
    conn.close()
    for argv in (("progress", master), ("check-plan", master),
                 ("report", master, "--out", tmp_path / "r.xlsx")):
        capsys.readouterr()
        assert run_cli(*argv) == errors.BAD_INPUT, argv
        out = capsys.readouterr().out
        assert "no report can count or check" in out and said.format(code=code) in out, out
    assert not (tmp_path / "r.xlsx").exists()


def test_a_master_damaged_inside_is_said_damaged_not_counted(master, tmp_path, capsys):
    """A record of patch_verifications given another key by a disk fault, its page still
    readable: progress and the report counted what they read, exit 0. Each says the file is
    damaged, and exits 2."""
    conn = connect(master)
    for (code,) in conn.execute("SELECT patch_code FROM mine_patches").fetchall():
        verify(conn, code, "A")
    conn.commit()
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                           "'patch_verifications'").fetchone()
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(master, "r+b") as fh:  # the page's last record's rowid made 0
        fh.seek((root - 1) * size)
        page = fh.read(size)
        assert page[0] == 13  # (a leaf of the table: its records are on it)
        last = 8 + 2 * (int.from_bytes(page[3:5], "big") - 1)
        cell = int.from_bytes(page[last:last + 2], "big")
        while page[cell] & 0x80:  # (past the record's length)
            cell += 1
        fh.seek((root - 1) * size + cell + 1)
        fh.write(b"\0")
    with pytest.raises(errors.BadInput,
                       match=r"is damaged \(SQLite: On tree page \d+ cell \d+: Rowid \d+ out "
                             r"of order\)"):
        progress(master)  # (as the dashboard reads it)
    for argv in (("progress", master), ("report", master, "--out", tmp_path / "r.xlsx")):
        capsys.readouterr()
        assert run_cli(*argv) == errors.BAD_INPUT, argv
        assert f"{master} is damaged (" in capsys.readouterr().out
    assert not (tmp_path / "r.xlsx").exists()


def test_what_the_figures_rest_on_is_said(master, tmp_path, capsys, chinese_locale):
    """Records not counted, an area far larger than its patch (a unit or digit slipped), a
    patch recovered naturally, and a verification whose conflict is not settled yet: each
    is named beside the figures, which count what the master holds, as recorded."""
    jpg = photo_file(tmp_path)
    conn = connect(master)
    big = patch_row(conn, "CT6504222016000037002")["area_m2"]
    verify(conn, "CT6504222016000037002", "B", measured=big * 40, photos=[jpg])
    verify(conn, "CT6504222017000026001", "D", measured=50000)
    odd = verify(conn, "CT6504222017000026003", "A", measured=50000)
    conn.execute("UPDATE patch_verifications SET remediation_status = 'b' WHERE uuid = ?",
                 (odd,))
    loose = verify(conn, "CT6504222017000026002", "A")
    conn.execute("UPDATE patch_verifications SET patch_uuid = NULL WHERE uuid = ?", (loose,))
    conn.close()
    first = tmp_path / "tab-0.gpkg"
    package_checkout.checkout(master, first, "tab-0")
    conn = connect(first)
    record = verify(conn, "CT6504222016000053002", "C", measured=80000)
    conn.close()
    package_export.export(first, tmp_path / "first.zip")
    merge.merge(master, [tmp_path / "first.zip"])
    for device, status in (("tab-a", "B"), ("tab-b", "A")):  # that record, set apart
        pkg = tmp_path / f"{device}.gpkg"
        package_checkout.checkout(master, pkg, device)
        conn = connect(pkg)
        conn.execute("UPDATE patch_verifications SET remediation_status = ?, "
                     "restoration_method = '3' WHERE uuid = ?", (status, record))
        conn.close()
    for device in ("tab-a", "tab-b"):
        package_export.export(tmp_path / f"{device}.gpkg", tmp_path / f"{device}.zip")
    rep = merge.merge(master, [tmp_path / "tab-a.zip", tmp_path / "tab-b.zip"])
    assert rep.totals["conflict"] >= 1
    p = progress(master)
    said = [c.text.en for c in p.cautions]
    assert any("CT6504222016000037002" in t and "40.00 times its mapped area" in t
               for t in said), said
    assert any(f"verification {loose} names no patch: not counted" in t for t in said)
    assert any("CT6504222017000026003" in t and "'b'" in t and "not verified" in t
               for t in said)
    assert any("1 patch recovered naturally" in t for t in said)
    # named by the fields the figures use, by their labels (the method changes no figure)
    assert any(record in t and "CT6504222016000053002" in t and "open conflict" in t
               and "(Remediation status)" in t for t in said), said
    assert by_code(p, "CT6504222016000037002").restored_area_m2 == big * 40  # as recorded
    # a day before that record: named as not counted, not as counted with a conflict open
    before = [c.text.en for c in progress(master, "2024-04-30").cautions]
    assert not [t for t in before if record in t and "open conflict" in t], before
    assert any("records dated after the report date 2024-04-30 not counted" in t and
               "CT6504222016000053002 2024-05-01" in t for t in before), before
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    assert f"注意 Cautions ({len(said)})" in out and "40.00 倍" in out and said[0] in out
    openpyxl = pytest.importorskip("openpyxl")
    from field_kit.reports.xlsx import write_xlsx
    write_xlsx(master, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["注意事项"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert all(t in cells for t in said) and any("40.00 倍" in str(c) for c in cells)


def test_a_percentage_is_rounded_half_up_as_a_supervisor_rounds(master, capsys,
                                                                 chinese_locale):
    conn = connect(master)
    inspect(conn, "P4-1", "人工造林", 22500, "亩")  # 2.25 of 4 万亩: 56.25%
    conn.close()
    t = next(x for x in progress(master).targets if x.target_zh == "人工造林")
    assert t.percent == 56.25
    assert run_cli("progress", master) == errors.OK
    row = next(line for line in capsys.readouterr().out.splitlines() if "人工造林" in line)
    assert "56.3%" in row and "56.2%" not in row


def test_a_percentage_that_cannot_be_shown_is_not_shown_wrong():
    from field_kit.reports.progress import percent_text
    assert [percent_text(v) for v in (-0.04, float("nan"), float("inf"), None, 0.05)] == [
        "0.0%", "—", "—", "—", "0.1%"]
    # short of the target never reads as the target reached; at or past it, as rounded
    assert [percent_text(v) for v in (99.96, 99.99996, 99.94, 100.0, 100.04, 150.06)] == [
        "99.9%", "99.9%", "99.9%", "100.0%", "100.0%", "150.1%"]


def test_a_target_short_by_a_square_metre_is_not_reported_as_met(master, tmp_path, capsys):
    """2.46 km² is the 2025 target; 1.9 km² (2020) and 559,999 m² restored are 1 m² short:
    the command, and the Excel report, say 99.9%, never 100.0%, and show the area with the
    decimals that keep it short (2.459999, not 2.4600)."""
    jpg = photo_file(tmp_path)
    conn = connect(master)
    verify(conn, "CT6504222017000026002", "B", measured=300000, treated=300000, photos=[jpg])
    verify(conn, "CT6504222016000037002", "B", measured=259999, treated=259999, photos=[jpg])
    conn.close()
    m = progress(master).mine_area
    assert m.current_km2 < m.target_2025_km2 == 2.46
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "Legacy mines remediated" in x)
    assert "+ 0.559999 restored = 2.459999 km²; 2025 target 2.46 (99.9%)" in line, line
    row = next(x for x in out.splitlines() if "legacy mines comprehensively" in x)
    assert "99.9%" in row and "100.0%" not in row, row
    openpyxl = pytest.importorskip("openpyxl")
    from field_kit.reports.xlsx import write_xlsx
    write_xlsx(master, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["指标表"]
    mine = next(r for r in ws.iter_rows(values_only=True) if r[2] and "mine" in str(r[2]))
    assert mine[9] == m.current_km2 and mine[10] == 99.9, mine
    cell = next(r for r in ws.iter_rows() if r[2].value and "mine" in str(r[2].value))[9]
    assert cell.number_format == "#,##0.000000", cell.number_format
    footer = [c.value for r in openpyxl.load_workbook(tmp_path / "r.xlsx")["图斑状态汇总"]
              .iter_rows() for c in r if c.value and "Legacy mines remediated" in str(c.value)]
    assert footer and "= 2.459999 km²" in footer[0], footer


def test_a_figure_is_never_shown_on_a_target_it_is_not_on():
    from field_kit.reports.progress import shown_against
    assert [shown_against(v, 2.46) for v in (2.45996, 2.4575, 2.46, 2.460004, 1.5)] == [
        "2.45996", "2.4575", "2.46", "2.460004", "1.5"]
    # beside two targets, the nearer one rules; none, or no value, rounds to four decimals;
    # the zeros that end a figure are dropped, as the plan writes it (0, not -0.0000)
    assert shown_against(3.00004, 2.46, 3.0) == "3.00004"
    assert shown_against(1.23456, None) == "1.2346"
    assert [shown_against(v) for v in (0.0, -0.00001, 52000.0)] == ["0", "0", "52000"]
    assert shown_against(52000.25, grouped=True) == "52,000.25"


def test_what_a_figure_is_not_measured_on_is_said(master, tmp_path, capsys, chinese_locale):
    """A restored patch counted by its area on the map (nothing measured on site), a patch
    in progress whose treated area is not counted, and a target whose latest inspection is
    in a unit that does not convert (the earlier reading stands): each named, with its
    figure."""
    jpg = photo_file(tmp_path)
    conn = connect(master)
    drawn = verify(conn, "ZJ6504222021027001", "B", photos=[jpg])
    conn.execute("UPDATE patch_verifications SET measured_area_m2 = NULL WHERE uuid = ?",
                 (drawn,))  # as a tool other than the form leaves it
    verify(conn, "CT6504222016000037002", "C", measured=120000, treated=30000)
    inspect(conn, "P4-4", "村庄绿化", 10, "个", on="2024-04-01")
    late = inspect(conn, "P4-4", "村庄绿化", 12, "个", on="2024-05-01")
    conn.execute("UPDATE project_inspections SET completed_quantity = 2, unit = '万亩' "
                 "WHERE uuid = ?", (late,))  # written by another tool (the form refuses it)
    mapped = patch_row(conn, "ZJ6504222021027001")["area_m2"]
    conn.close()
    p = progress(master)
    said = {c.patch_code: c.text for c in p.cautions}
    assert by_code(p, "ZJ6504222021027001").restored_area_m2 == mapped  # counted, and said
    assert f"its area on the map, {mapped:,.2f} m², is counted" in \
        said["ZJ6504222021027001"].en
    assert "按图斑图层面积" in said["ZJ6504222021027001"].zh
    assert "area treated so far, 30,000.00 m², is not in" in said["CT6504222016000037002"].en
    t = next(x for x in p.targets if x.project_id == "P4-4")
    assert (t.completed, t.percent, t.inspected_on) == (10.0, 40.0, "2024-05-01")
    assert "2024-04-01" in t.note.en and "'10⁴ mu'" in t.note.en  # (its English name)
    assert "万亩" in t.note.zh
    assert "P4-4" in said and "does not convert" in said["P4-4"].en
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    assert "按图斑图层面积" in out and "is in progress" in out and "完成数量取 2024-04-01" in out


def test_a_project_target_is_shown_as_its_table_row_writes_it(master, capsys, chinese_locale):
    """专栏6-2 gives the clay pits 0.10 km²: the command, the chart and the report say 0.10."""
    p = progress(master)
    t = next(x for x in p.targets if x.project_id == "P1-6")
    assert (t.quantity, t.as_written(t.quantity)) == (0.1, "0.10")
    assert run_cli("progress", master) == errors.OK
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("P1-6 "))
    assert line.split()[5] == "0.10", line
    from field_kit.reports import charts
    assert "/ 0.10 km²" in charts.targets_chart(p, "en")


def test_the_plans_other_controls_and_targets_are_reported(master, tmp_path, capsys,
                                                           chinese_locale):
    """The red line, farmland, water caps and the patches of each period, as the plan writes
    them (202.80, not 202.8), with now where the records give it: the 近期 patches
    restored."""
    conn = connect(master)
    near = conn.execute("SELECT patch_code FROM mine_patches WHERE phase = '近期' ORDER BY fid"
                        ).fetchone()[0]
    verify(conn, near, "B", measured=100000, photos=[photo_file(tmp_path)])
    conn.close()
    p = progress(master)
    c = {x.indicator_id: x for x in p.controls}
    assert (c["ecological_red_line_area"].value_2025, c["cultivated_land_retention"].comparison,
            c["total_water_use"].value_2025, c["groundwater_extraction"].value_2025) == (
        55.07, "≥", 3.78, 1.14)
    farmland = c["permanent_basic_farmland"]
    assert (farmland.as_written(farmland.value_2035), farmland.value_2035) == ("202.80", 202.8)
    assert (c["mine_patches_2021_2025"].value_2025, c["mine_patches_2021_2025"].current) == (5, 1)
    assert c["mine_patches_2026_2030"].current == 0 and c["total_water_use"].current is None
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    assert "其他约束性指标与目标 Other binding controls and targets" in out
    line = next(x for x in out.splitlines() if x.startswith("永久基本农田面积 "))
    assert "202.80" in line and "≥" in line
    line = next(x for x in out.splitlines() if x.startswith("近期覆盖图斑数量"))
    assert line.split()[-5:-2] == ["=", "5", "1"], line  # 2025: 5; now: 1
    openpyxl = pytest.importorskip("openpyxl")
    from field_kit.reports.xlsx import write_xlsx
    write_xlsx(master, tmp_path / "r.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx")["指标表"].iter_rows(values_only=True))
    red = next(r for r in rows if r[1] == "生态保护红线面积")
    # 第三节 gives the red line for 2025; 第五节, a row of its own, for 2035
    assert (red[4], red[6], red[7]) == ("=", 55.07, None)
    red = next(r for r in rows if r[1] == "至2035年生态保护红线面积")
    assert (red[4], red[6], red[7]) == ("=", None, 55.07)
    cells = [r[1] for r in rows]
    assert cells.index("耕地保有量") > cells.index("沙化土地治理面积")  # after 专栏3-1's four


def test_a_patch_of_no_phase_is_said_counted_in_no_phases_row(master):
    """A patch whose phase was emptied was counted in the county's row and in no phase's,
    the phases' rows summing short of it unsaid."""
    conn = connect(master)
    conn.execute("UPDATE mine_patches SET phase = NULL WHERE patch_code = 'ZJ6504222021027001'")
    conn.commit()
    conn.close()
    p = progress(master)
    assert sum(g.patches for g in p.by_phase if g.group in ("近期", "中期", "远期")) == \
        p.total.patches - 1
    assert any(c.patch_code == "ZJ6504222021027001" and "has the phase none, not one of the "
               "plan's (近期, 中期, 远期): counted in the county, in no phase" in c.text.en
               for c in p.cautions), [c.text.en for c in p.cautions]


def test_progress_counts_the_records_up_to_a_day_as_the_report_does(master, tmp_path, capsys,
                                                                     chinese_locale):
    """Whether 十四五's target was met by its deadline: progress --date 2025-12-31 leaves out
    a patch verified on 2026-01-01, as report --date does (progress had no --date)."""
    conn = connect(master)
    verify(conn, "ZJ6504222021027001", "A", on="2026-01-01")
    conn.commit()
    conn.close()
    assert run_cli("progress", master, "--date", "2025-12-31") == errors.OK
    out = capsys.readouterr().out
    assert "核查 verifications 0," in out and "not counted: 1 verification" in out, out
    assert run_cli("progress", master) == errors.OK
    assert "核查 verifications 1," in capsys.readouterr().out
    assert run_cli("progress", master, "--date", "2999-01-01") == errors.BAD_INPUT
    capsys.readouterr()  # a year mistyped: no record of the plan is that old
    assert run_cli("report", master, "--out", tmp_path / "r.xlsx", "--date", "0025-12-31") \
        == errors.BAD_INPUT
    assert "the report date 0025-12-31 is before 2020, the plan's base year" in \
        capsys.readouterr().out
    assert not (tmp_path / "r.xlsx").exists()


def test_a_record_of_a_deleted_patch_names_it_by_its_code(master):
    """The patch deleted: its verification's caution named it by its uuid alone, which no
    supervisor knows; the record holds its code."""
    conn = connect(master)
    code = "CT6504222017000026001"
    uuid = patch_row(conn, code)["uuid"]
    verify(conn, code, "A")
    conn.execute("DELETE FROM mine_patches WHERE patch_code = ?", (code,))
    conn.commit()
    conn.close()
    said = [c.text.en for c in progress(master).cautions if c.patch_code == code]
    assert any(f"names patch {code} ({uuid}), which is not in the patch layer" in t
               for t in said), said


def test_the_records_of_a_deleted_patch_or_no_target_are_not_in_the_counts(master, tmp_path,
                                                                           capsys,
                                                                           chinese_locale):
    """A verification of a patch deleted since, and an inspection naming no target, are said
    not counted, yet the header counted them, their photos and their day: "records up to
    2025-09-01, verifications 2, photos 2" over figures resting on one record of 2025-06-01."""
    conn = connect(master)
    kept, gone = "CT6504222017000026001", "CT6504222017000026002"
    verify(conn, kept, "B", treated=100000, on="2025-06-01",
           photos=[photo_file(tmp_path, "kept.jpg")])
    verify(conn, gone, "B", treated=100000, on="2025-09-01",
           photos=[photo_file(tmp_path, "gone.jpg")])
    loose = inspect(conn, "P4-4", "村庄绿化", 5, "个", on="2025-10-01")
    conn.execute("UPDATE project_inspections SET target_uuid = NULL WHERE uuid = ?", (loose,))
    conn.execute("DELETE FROM mine_patches WHERE patch_code = ?", (gone,))
    conn.commit()
    conn.close()
    p = progress(master)
    assert p.total.restored == 1 and p.as_of == "2025-06-01"
    assert p.counts == {"verifications": 1, "inspections": 0, "photos": 1}
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    assert "records up to 2025-06-01; 核查 verifications 1, 检查 inspections 0, 照片 photos 1" \
        in out, out
    assert f"names patch {gone} (" in out and "names no target: not counted" in out, out


def test_two_verifications_of_a_patch_on_its_latest_day_that_disagree_are_a_caution(
        master, tmp_path):
    """Two technicians verified a patch the same day, one found it restored, the other not:
    the one made last was counted with no word of the other. Both are named; an earlier
    day's disagreement, which counts for nothing, and a same-day copy that agrees say
    nothing."""
    conn = connect(master)
    jpg = photo_file(tmp_path)
    code = "CT6504222017000026002"
    verify(conn, code, "A", on="2024-03-01", verifier="王工")
    verify(conn, code, "B", on="2024-03-01", photos=[jpg])  # an earlier day: outdone
    first = verify(conn, code, "B", measured=110000, treated=52345.5, on="2024-05-01",
                   photos=[jpg])
    last = verify(conn, code, "A", measured=110000, on="2024-05-01", verifier="王工")
    other = "ZJ6504222021027001"  # the same record entered twice: they agree
    verify(conn, other, "A", on="2024-05-01")
    verify(conn, other, "A", on="2024-05-01")
    conn.close()
    p = progress(master)
    assert by_code(p, code).status == "A"  # the one made last, as before
    said = [c.text for c in p.cautions if "disagree" in c.text.en]
    assert [t.en for t in said] == [
        f"patch {code}: 2 verifications of the same day (2024-05-01) disagree: counted, the "
        f"one made last, {last} (王工: status A (untreated), measured area 110,000.00 m²); "
        f"not counted, {first} (李工: status B (restored), treated area 52,345.50 m², measured "
        "area 110,000.00 m²): check which holds"], [c.text.en for c in p.cautions]
    assert said[0].zh.startswith(
        f"图斑 {code} 同一天（2024-05-01）的 2 条核查记录不一致：计入最后录入的 {last}（王工：恢复"
        "治理情况 A 未治理，核查面积 110,000.00 平方米）")


def _restored_then_dated(master, tmp_path, code: str, written: str) -> str:
    """A patch verified restored by the form, then its date written over as QGIS's table or
    the sqlite3 shell writes one the form refuses; the record's uuid."""
    conn = connect(master)
    uuid = verify(conn, code, "B", measured=410000, treated=400000, on="2025-02-28",
                  photos=[photo_file(tmp_path)])
    conn.execute("UPDATE patch_verifications SET verified_on = ? WHERE uuid = ?",
                 (written, uuid))
    conn.commit()
    conn.close()
    return uuid


def test_a_record_dated_before_the_plan_is_not_counted_as_done_since_2020(master, tmp_path,
                                                                         capsys,
                                                                         chinese_locale):
    """A patch restored per a verification dated 2019 was added to the 2020 base as done
    since, even in a report as of 2020-12-31, unsaid: the plan's 1.9 km² of 2020 holds what
    was done before (or the year is a slip; the forms refuse it). Its photo was counted too,
    as were the photos of records after the report date."""
    code = "ZJ6504222021046001"
    _restored_then_dated(master, tmp_path, code, "2019-06-01")
    p = progress(master)
    assert by_code(p, code).status == NOT_VERIFIED and p.mine_area.restored_km2 == 0
    assert p.counts["verifications"] == 0 and p.counts["photos"] == 0
    assert any(c.text.en.startswith("records dated before the plan's period (from 2021-01-01) "
                                    "not counted") and f"1 verification, 0 inspections "
               f"({code} 2019-06-01)" in c.text.en for c in p.cautions), \
        [c.text.en for c in p.cautions]
    assert run_cli("progress", master, "--date", "2020-12-31") == errors.OK
    out = capsys.readouterr().out
    assert "2019-06-01" in out and "照片 photos 0" in out, out


def test_a_date_written_as_a_day_that_is_no_day_is_named(master, tmp_path):
    """2025-02-30 has the shape of a date and is no day: the restored patch read as not
    verified, its area out of the indicator, with no caution (2025/3/1 and n/a had one)."""
    code = "CT6504222017000026003"
    uuid = _restored_then_dated(master, tmp_path, code, "2025-02-30")
    p = progress(master)
    assert f"patch {code}: its verification {uuid} gives Date verified " \
           "as '2025-02-30', not a date: its place among the records cannot be told, so it " \
           "is never taken as the latest" in [c.text.en for c in p.cautions], \
        [c.text.en for c in p.cautions]


@pytest.mark.parametrize("measured, said", [
    (182.0, "its measured area counted, 182.00 m², is 0.1655% of its mapped area"),  # 亩
    (0.12, "its measured area counted, 0.12 m², is 0.0001% of its mapped area"),  # km²
    (None, None), (60000.0, None)])
def test_an_area_far_under_its_patch_is_a_caution(master, tmp_path, measured, said):
    """A restored patch's area typed in 亩 or km² into the field of m² was counted into the
    indicator as a sliver, with no caution: only an area many times the patch's was named.
    Half a patch restored is the ground, and says nothing."""
    conn = connect(master)
    code = "CT6504222017000026002"
    verify(conn, code, "B", measured=measured or 121273.2, photos=[photo_file(tmp_path)])
    conn.close()
    found = [c.text.en for c in progress(master).cautions if c.patch_code == code]
    if said is None:
        assert not [t for t in found if "mapped area" in t], found
    else:
        assert [t for t in found if said in t and t.endswith("counted as recorded, check it")
                ], found


def test_the_townships_and_phases_are_named_in_english_too(master, capsys, chinese_locale):
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    for name in ("近期 Near term (2021–2025)", "中期 Medium term (2026–2030)",
                 "郭勒布依乡 Guolebuyi Township", "全县 Whole county"):
        assert f"\n{name} " in out, out
    # (and the basis of the patches restored in a phase the Excel report gives)
    basis = [i.basis.en for i in progress(master).controls if "restored, of" in i.basis.en]
    assert basis and all("近期" not in b and "中期" not in b for b in basis), basis


@pytest.mark.parametrize("lang, heads, row", [
    ("zh", ["达2025年目标 /2025", "达2035年目标 /2035", "已恢复面积（平方米） Restored m²",
            "检查所报完成量 Done (inspected)", "完成率 % Done %",
            "图斑已恢复（目标单位） Patches restored (target's unit)"], "未检查 not inspected"),
    ("en", ["Restored m²", "Done (inspected)", "Done %", "Patches restored (target's unit)"],
     "not inspected"),
])
def test_progress_headings_name_their_units_and_an_uninspected_target_says_so(
        master, tmp_path, capsys, monkeypatch, lang, heads, row):
    """A project target no inspection reported on, whose patches were restored, is said not
    inspected, not "—" beside the area its patches restored; each heading says what its
    figures are (an area, in the target's unit), in Chinese too."""
    conn = connect(master)
    verify(conn, "ZJ6504222021027001", "B", measured=290000, photos=[photo_file(tmp_path)])
    project = conn.execute("SELECT project_id FROM mine_patches WHERE patch_code = "
                           "'ZJ6504222021027001'").fetchone()[0]
    conn.close()
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    assert run_cli("progress", master) == errors.OK
    out = capsys.readouterr().out
    for head in heads:
        assert f"  {head}" in out, (head, out)
    line = next(x for x in out.splitlines() if x.startswith(f"{project} "))
    assert f"  {row}  " in line and line.rstrip().endswith("  0.29"), line
