# SPDX-License-Identifier: GPL-2.0-or-later
"""What the progress figures rest on that a supervisor should look at before reporting them.

Said beside the figures (the command, the Excel report's sheet, the PDF's first page, the
dashboard), never instead of them: records dated after the report date or before the
plan's period (not counted) or with no date (counted), records made on a device whose clock
was behind (counted by the dates they give), a record's date not written
YYYY-MM-DD (read as the day it means, or, where it means none, never taken as the latest
record), verification records not
counted and why, a counted area many times its patch's mapped one or under a tenth of it
(counted as recorded: a slip of a unit or a digit reaches the indicator otherwise unseen), a
restored patch counted by its area on the map (no area recorded on site), a patch counted
restored by a verification with no photo (which its form refuses: the photo may come later), a
patch in
progress whose treated area is not counted, a patch's verifications of its latest day that
disagree (the one made last counted), records whose conflicts are open (counted as the
master holds them now), patches recovered naturally (not in 综合治理面积), the plan's figures
the master holds otherwise than the plan, project targets left without a figure or given an
earlier one, a target's inspection more than twice the target (counted as recorded, as
an area many times its patch's is: 万公顷 typed for 万亩 reads as ten times the target), and
patches naming a township the townships layer lacks or sharing a code (:mod:`.patch_layer`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from .. import forms
from ..bilingual import Text, counted
from ..db import table_exists
from ..forms.model import PLAN_START
from ..forms.validate import day_text, record_day
from ..plan import schema, units
from ..plan.rules import AREA_SHORT, AREA_SLIP
from ..plan.values import deleted_values, names_in
from ..sync.changelog import local_time
from ..sync.outcomes import CLOCK_SLACK_DAYS
from . import patch_layer, plan_figures
from .progress import (
    AREA_BASIS,
    RECORD_DATES,
    STATUS_LABELS,
    WRITTEN_AS_DATE,
    PatchProgress,
    TargetProgress,
    before_plan_sql,
    counted_sql,
    dated_up_to,
    linked_sql,
    percent_text,
    photo_counts,
    shown_against,
)

# A project's completed quantity this many times its target is more likely a slip (of a
# unit, of a digit) than work done beyond the plan: the same line as an area against its
# patch's
TARGET_SLIP = AREA_SLIP


@dataclass(frozen=True)
class Caution:
    """What the figures rest on that a supervisor should look at before reporting them: a
    record not counted, an area far from its patch's, an open conflict."""

    patch_code: str  # or a project's id; "" where the record names neither
    text: Text


LATER_SHOWN = 5  # the records after the report date named in its caution


def _records_named(conn: sqlite3.Connection, where) -> tuple[int, int, str]:
    """How many verifications and inspections ``where(table)`` (SQL) picks, and the first
    of them named by their patch or project and date (whose records they are: a patch
    verified later reads as not verified)."""
    counts, named = [], []
    for t, who in (("patch_verifications", "patch_code"), ("project_inspections", "project_id")):
        rows = conn.execute(f"SELECT {who}, {RECORD_DATES[t]} FROM {t} WHERE {where(t)} "
                            f"ORDER BY {RECORD_DATES[t]}, fid").fetchall()
        counts.append(len(rows))
        named += [f"{name} {on}" for name, on in rows]
    shown = ", ".join(named[:LATER_SHOWN]) + (
        f" (+{len(named) - LATER_SHOWN})" if len(named) > LATER_SHOWN else "")
    return counts[0], counts[1], shown


def later_records(conn: sqlite3.Connection, day: str, later: dict) -> list[Caution]:
    """The records dated after the report date ``day`` (``later``: table -> how many), not
    counted; those with no date, counted as nothing places them after it."""
    if not day:
        return []
    out = []
    if any(later.values()):
        n_v, n_i, shown = _records_named(conn, lambda t: f"NOT {dated_up_to(t, day)}")
        out.append(Caution("", Text(
            f"报告日期 {day} 之后的记录未计入：核查记录 {n_v} 条，检查记录 {n_i} 条（{shown}）",
            f"records dated after the report date {day} not counted: "
            f"{counted(n_v, 'verification')}, {counted(n_i, 'inspection')} ({shown})")))
    undated = [conn.execute(f"SELECT count(*) FROM {t} WHERE toksun_day({c}) IS NULL")
               .fetchone()[0]
               for t, c in RECORD_DATES.items()]
    if any(undated):
        out.append(Caution("", Text(
            f"未填日期的记录已计入（无从判断是否晚于报告日期 {day}）：核查记录 {undated[0]} 条，"
            f"检查记录 {undated[1]} 条",
            f"records with no date counted (nothing places them after the report date {day}): "
            f"{counted(undated[0], 'verification')}, {counted(undated[1], 'inspection')}")))
    return out


def earlier_records(conn: sqlite3.Connection) -> list[Caution]:
    """The records dated before the plan's period, not counted: the plan's 2020 figures
    hold the work done before (a date before 2021 is that work, or a slip of the year)."""
    n_v, n_i, shown = _records_named(conn, before_plan_sql)
    if not (n_v or n_i):
        return []
    start = PLAN_START.isoformat()
    return [Caution("", Text(
        f"规划期（{start} 起）之前的记录未计入（此前的工作已在规划 2020 年的数字中，"
        "或是年份写错）："
        f"核查记录 {n_v} 条，检查记录 {n_i} 条（{shown}）",
        f"records dated before the plan's period (from {start}) not counted (the plan's 2020 "
        f"figures hold the work done before, or the year is a slip): "
        f"{counted(n_v, 'verification')}, {counted(n_i, 'inspection')} ({shown})"))]


def captured_before_checkout(conn: sqlite3.Connection, up_to: str = "") -> list[Caution]:
    """The records counted (dated up to ``up_to``) that a merge brought in, made on their
    device before its package was checked out (by the master's clock, beyond the slack a
    merge allows): the device's clock was behind, as the merge said, and the day the record
    gives is likely that clock's too (a phone a year behind dates its work a year early, in
    time for a deadline passed). They are counted all the same: the work was recorded, and
    nothing tells its right day; named, so that their dates are checked before a deadline's
    figures are reported. Only the merges of a device's present checkout can be told so (the
    master keeps the time of that one alone)."""
    if not all(table_exists(conn, t) for t in ("sync_changes", "sync_devices", "sync_merges")):
        return []
    merged = {m: at for m, at in conn.execute(
        "SELECT merge_id, at FROM sync_merges WHERE undone_at IS NULL")}
    found: dict[str, list] = {}
    for tbl in RECORD_DATES:
        made: dict[str, tuple[str, str, str]] = {}
        for row, device, at, origin, issued in conn.execute(
                "SELECT c.row_uuid, c.device, c.at, c.origin, d.issued_at FROM sync_changes c "
                "JOIN sync_devices d ON d.device = c.device WHERE c.tbl = ? AND c.op = "
                "'insert' AND c.origin LIKE 'merge:%' AND julianday(c.at) < "
                "julianday(d.issued_at) - ? ORDER BY c.seq", (tbl, CLOCK_SLACK_DAYS)):
            merge_id = origin.split(":")[1]
            # (a merge before that checkout brought an earlier package's, of a time unknown)
            if merge_id in merged and merged[merge_id] >= issued:
                made.setdefault(row, (device, at, issued))
        who, day = RECORD_SUBJECTS_NAMED[tbl], RECORD_DATES[tbl]
        found[tbl] = [(name, on, *made[uuid]) for uuid, name, on in conn.execute(
            f"SELECT uuid, {who}, {day} FROM {tbl} WHERE {counted_sql(tbl, up_to)} AND "
            f"{linked_sql(tbl)} ORDER BY toksun_day({day}), fid") if uuid in made] if made else []
    named = [r for rows in found.values() for r in rows]
    if not named:
        return []
    more = f" (+{len(named) - LATER_SHOWN})" if len(named) > LATER_SHOWN else ""
    shown = Text(
        "，".join(f"{name} {on or '未填日期'}（设备 {device}，录入于 {local_time(at)}，"
                 f"数据包生成于 {local_time(issued)}）" for name, on, device, at, issued
                 in named[:LATER_SHOWN]) + more,
        ", ".join(f"{name} {on or 'no date'} (device {device}, made {local_time(at)}, checked out "
                  f"{local_time(issued)})" for name, on, device, at, issued
                  in named[:LATER_SHOWN]) + more)
    n_v, n_i = (len(found[t]) for t in RECORD_DATES)
    return [Caution("", Text(
        f"设备时钟偏慢时录入的记录（录入早于其数据包生成之时）已按所填日期计入，"
        f"该日期可能也是偏慢的时钟给的，请核对：核查记录 {n_v} 条，检查记录 {n_i} 条"
        f"（{shown.zh}）",
        f"records made on a device whose clock was behind (made before its package was "
        f"checked out): counted by the dates they give, which that clock may have set too, "
        f"check them: {counted(n_v, 'verification')}, {counted(n_i, 'inspection')} "
        f"({shown.en})"))]


# what names a record to a person: its patch's code, its project's id
RECORD_SUBJECTS_NAMED = {"patch_verifications": "patch_code",
                         "project_inspections": "project_id"}


def of(conn: sqlite3.Connection, patches: list[PatchProgress],
       targets: Sequence[TargetProgress] = (), up_to: str = "") -> list[Caution]:
    """Every caution on the figures of ``patches`` and ``targets`` of the records dated up
    to ``up_to`` (see the module's text)."""
    out = []
    dated = f"AND {counted_sql('patch_verifications', up_to)} "
    for uuid, patch, code in conn.execute(
            "SELECT v.uuid, v.patch_uuid, v.patch_code FROM patch_verifications v WHERE "
            f"NOT {linked_sql('patch_verifications', 'v.')} {dated}ORDER BY v.fid"):
        named = f"{code} ({patch})" if code else patch  # (a patch deleted: by its code too)
        out.append(Caution(code or "", Text(
            f"核查记录 {uuid} 未关联图斑，未计入" if patch is None else
            f"核查记录 {uuid} 关联的图斑 {named} 不在图斑图层中，未计入",
            f"verification {uuid} names no patch: not counted" if patch is None else
            f"verification {uuid} names patch {named}, which is not in the patch layer: "
            "not counted")))
    out += _inspections_of_no_target(conn, up_to)
    out += _dates_not_written_so(conn, up_to)
    photos = photo_counts(conn)
    for p in patches:
        if p.phase not in schema.PHASES:  # in the county's row, in no phase's
            out.append(Caution(p.patch_code, Text(
                f"图斑 {p.patch_code} 的治理阶段为 {p.phase or '空'}，不是规划的阶段"
                f"（{'、'.join(schema.PHASES)}）：计入全县，不计入任何阶段",
                f"patch {p.patch_code} has the phase {p.phase or 'none'}, not one of the plan's "
                f"({', '.join(schema.PHASES)}): counted in the county, in no phase")))
        v = p.verification or {}
        said = v.get("remediation_status")
        if v and said not in STATUS_LABELS:
            given = Text(f"恢复治理情况为 {said!r}，不是代码表中的值", f"gives the remediation "
                         f"status {said!r}, not a code of the list") if said else Text(
                "未填恢复治理情况", "gives no remediation status")
            out.append(Caution(p.patch_code, Text(
                f"图斑 {p.patch_code} 最近的核查记录 {v.get('uuid')} {given.zh}，按未核查计",
                f"patch {p.patch_code}: its latest verification {v.get('uuid')} "
                f"{given.en}: counted as not verified")))
        if p.restored_area_m2 is not None and p.area_basis != "area_m2" and p.area_m2 and (
                p.restored_area_m2 > AREA_SLIP * p.area_m2
                or p.restored_area_m2 < p.area_m2 / AREA_SHORT):
            basis = AREA_BASIS[p.area_basis]
            times = p.restored_area_m2 / p.area_m2
            how = Text(f"的 {times:.2f} 倍", f"{times:.2f} times") if times > 1 else Text(
                f"的 {times:.4%}", f"{times:.4%} of")
            out.append(Caution(p.patch_code, Text(
                f"图斑 {p.patch_code} 计入的{basis.zh} {p.restored_area_m2:,.2f} 平方米"
                f"是图斑面积 {p.area_m2:,.2f} 平方米{how.zh}，已照录计入，请核对",
                f"patch {p.patch_code}: its {basis.en} counted, {p.restored_area_m2:,.2f} m², is "
                f"{how.en} its mapped area of {p.area_m2:,.2f} m²: counted as recorded, "
                "check it")))
        out += _area_not_measured(p) + _restored_without_photo(p, photos)
    out += _same_day_disagreeing(conn, patches, up_to)
    if table_exists(conn, "sync_conflicts"):
        out += _open_conflicts(conn, patches, up_to)
    for t in targets:  # a target left without a figure, or given an earlier one
        if t.note:
            out.append(Caution(t.project_id, Text(
                f"项目 {t.project_id} 目标“{t.target_zh}”：{t.note.zh}",
                f"project {t.project_id}, target {t.target_en or t.target_zh}: {t.note.en}")))
        out += _beyond_target(t) + _reading_said(t)
    natural = [p for p in patches if p.status == "D"]
    if natural:
        out.append(Caution("", Text(
            f"{len(natural)} 个图斑为自然恢复，不计入历史遗留矿山综合治理面积"
            "（该指标计工程治理的面积）",
            f"{counted(len(natural), 'patch', 'patches')} recovered naturally: not in the "
            "legacy-mine "
            "remediation area, which counts areas remediated by works")))
    return out


def patches_apart(conn: sqlite3.Connection) -> list[Caution]:
    """Patches counted as the layer holds them that no figure shows amiss: those naming a
    township the townships layer lacks, and a code held by more than one patch."""
    out = [Caution("", Text(
        f"{n} 个图斑的乡镇“{township}”不在乡镇图层中：已按此名称单列计入，请核对乡镇图层"
        "或这些图斑所填的乡镇",
        f"{counted(n, 'patch', 'patches')} {'names' if n == 1 else 'name'} the township "
        f"{township}, which is not in the townships layer: counted in a row of that name, "
        "check the townships layer or the township "
        f"{'this patch gives' if n == 1 else 'these patches give'}"))
        for township, n in patch_layer.townships_not_held(conn)]
    out += [Caution(code, Text(
        f"图斑编号 {code} 为 {n} 个相邻的图斑共有（疑为分割的图斑，新的部分沿用了原编码）：各计为"
        f"一个图斑，图斑数因此多计 {n - 1} 个，请给新的部分另填图斑编号，或把各部分合并回一个图斑"
        "（QGIS 中“合并所选要素”），勿删去其中任何部分（删去会丢掉图斑的一部分）",
        f"the patch code {code} is held by {n} patches whose shapes meet (a patch split, its "
        f"new part keeping the code?): each is counted as a patch, {n - 1} more than there "
        "are; give the new part its own patch code, or merge the parts back into one patch "
        "(Merge Selected Features in QGIS), rather than delete a part, which would take that "
        "part of the patch away") if patch_layer.split_apart(conn, code) else Text(
        f"图斑编号 {code} 为 {n} 个图斑共有（疑为复制的行）：各计为一个图斑，图斑数因此多计 "
        f"{n - 1} 个，请核对并删去多余的图斑",
        f"the patch code {code} is held by {n} patches (a row copied?): each is counted as a "
        f"patch, {n - 1} more than there are, check them and delete the extra ones"))
        for code, n in patch_layer.codes_shared(conn)]
    return out


# what of a verification makes the figures: its status and the areas counted
_COUNTED = ("remediation_status", "treated_area_m2", "measured_area_m2")


def _inspections_of_no_target(conn: sqlite3.Connection, up_to: str = "") -> list[Caution]:
    """Inspections naming no target of the plan's (none, or one not in the targets): no
    target's figure counts them."""
    dated = f"AND {counted_sql('project_inspections', up_to)} "
    return [Caution(project or "", Text(
        f"项目 {project or '（未填）'} 的检查记录 {uuid}（{on or '未填日期'}）"
        + ("未关联项目目标" if target is None else f"关联的目标 {target} 不在项目目标表中")
        + "，未计入",
        f"inspection {uuid} ({on or 'no date'}) of project {project or '(none given)'} "
        + ("names no target" if target is None else
           f"names target {target}, which is not in the targets table") + ": not counted"))
        for uuid, project, target, on in conn.execute(
            "SELECT i.uuid, i.project_id, i.target_uuid, i.inspected_on FROM project_inspections "
            f"i WHERE NOT {linked_sql('project_inspections', 'i.')} {dated}ORDER BY i.fid")]


def _same_day_disagreeing(conn: sqlite3.Connection, patches: list[PatchProgress],
                          up_to: str = "") -> list[Caution]:
    """A patch verified twice on its latest day (two technicians, two devices) with another
    status or area: the one made last is counted (:mod:`.progress`), the other unseen
    otherwise; a supervisor decides which holds."""
    latest = {p.uuid: p for p in patches if p.verification}
    dated = f"AND {counted_sql('patch_verifications', up_to)} "
    differ = " || '|' || ".join(f"quote({c})" for c in _COUNTED)
    out = []
    for patch, day in conn.execute(
            "SELECT patch_uuid, toksun_day(verified_on) AS d FROM patch_verifications WHERE "
            f"patch_uuid IS NOT NULL AND d <> '' {dated}GROUP BY patch_uuid, d "
            f"HAVING count(DISTINCT {differ}) > 1").fetchall():
        p = latest.get(patch)
        if p is None or p.verification is None \
                or day != day_text(p.verification.get("verified_on")):
            continue  # (an earlier day's: not counted whatever it says)
        counted = p.verification
        others = conn.execute(
            f"SELECT uuid, verifier, {', '.join(_COUNTED)} FROM patch_verifications WHERE "
            "patch_uuid = ? AND toksun_day(verified_on) = ? AND uuid IS NOT ? ORDER BY fid",
            (patch, day, counted.get("uuid"))).fetchall()
        said = [_verification_said(counted.get("uuid"), counted.get("verifier"),
                                   *(counted.get(c) for c in _COUNTED))]
        said += [_verification_said(*r) for r in others]
        out.append(Caution(p.patch_code, Text(
            f"图斑 {p.patch_code} 同一天（{day}）的 {len(said)} 条核查记录不一致："
            f"计入最后录入的 {said[0].zh}；未计入 {'；'.join(t.zh for t in said[1:])}："
            "请核对哪条属实",
            f"patch {p.patch_code}: {len(said)} verifications of the same day ({day}) "
            f"disagree: counted, the one made last, {said[0].en}; not counted, "
            f"{'; '.join(t.en for t in said[1:])}: check which holds")))
    return out


def _verification_said(uuid, verifier, status, treated, measured) -> Text:
    """A verification by its id, who made it, its status and the areas it gives."""
    label = STATUS_LABELS.get(status)
    what = [Text(f"恢复治理情况 {status} {label.zh}", f"status {status} ({label.en.lower()})")
            if label else Text(f"恢复治理情况 {status!r}", f"status {status!r}")]
    for value, zh, en in ((treated, "已治理面积", "treated area"),
                          (measured, "核查面积", "measured area")):
        if isinstance(value, (int, float)):
            what.append(Text(f"{zh} {value:,.2f} 平方米", f"{en} {value:,.2f} m²"))
    return Text(f"{uuid}（{verifier or '未填核查人'}：{'，'.join(t.zh for t in what)}）",
                f"{uuid} ({verifier or 'no verifier given'}: "
                f"{', '.join(t.en for t in what)})")


def plan_figures_changed(conn: sqlite3.Connection) -> list[Caution]:
    """The plan's figures the master holds otherwise than the plan (see
    :mod:`.plan_figures`): the reports print them as the master holds them."""
    found = plan_figures.changed(conn)
    if found is None:
        return [Caution("", plan_figures.NOT_AT_HAND)]
    return [Caution(c.who, Text(f"规划数字与规划不符，报告按总库所载：{plan_figures.said(c).zh}",
                                f"a figure of the plan the master holds otherwise, reported "
                                f"as the master holds it: {plan_figures.said(c).en}"))
            for c in found]


def _dates_not_written_so(conn: sqlite3.Connection, up_to: str = "") -> list[Caution]:
    """The records (dated up to ``up_to``) whose date is not written YYYY-MM-DD, or is no
    day (2025-02-30): read as the day it means (2024/01/05 sorts after 2024-03-12 as text,
    and would pass for the latest), or, where it means no day, never taken as the latest
    record."""
    out = []
    for tbl, named, whose, what in (
            ("patch_verifications", "coalesce(p.patch_code, r.patch_code)",
             "LEFT JOIN mine_patches p ON p.uuid = r.patch_uuid",
             Text("图斑 {name} 的核查记录 {uuid}", "patch {name}: its verification {uuid}")),
            ("project_inspections", "r.project_id", "",
             Text("项目 {name} 的检查记录 {uuid}", "project {name}: its inspection {uuid}"))):
        col = RECORD_DATES[tbl]
        dated = f"AND {counted_sql(tbl, up_to)} "
        label = _label(tbl, col)
        for uuid, name, value in conn.execute(
                f"SELECT r.uuid, {named}, r.{col} FROM {tbl} r {whose} WHERE "
                f"toksun_day(r.{col}) IS NOT NULL {dated}ORDER BY r.fid"):
            day = record_day(value)
            if isinstance(value, str) and WRITTEN_AS_DATE.fullmatch(value) and day:
                continue  # (2025-02-30 is written so, and is no day)
            name = name or ""
            record = Text(what.zh.format(name=name, uuid=uuid),
                          what.en.format(name=name, uuid=uuid))
            then = Text(f"不是 YYYY-MM-DD 格式的日期，按 {day} 计",
                        f"not a date YYYY-MM-DD: read as {day}") if day else Text(
                "不是日期，无从判断先后，不作为最近的记录",
                "not a date: its place among the records cannot be told, so it is never taken "
                "as the latest")
            out.append(Caution(name, Text(f"{record.zh} {label.zh}为 {value!r}，{then.zh}",
                                          f"{record.en} gives {label.en} as {value!r}, "
                                          f"{then.en}")))
    return out


def _beyond_target(t: TargetProgress) -> list[Caution]:
    """A target whose latest reading is more than :data:`TARGET_SLIP` times the target,
    named by its inspection (day, inspector: as people name a record), the figure as
    recorded and in the target's unit."""
    i = t.reading
    if i is None or t.completed is None or not t.quantity or \
            t.completed <= TARGET_SLIP * t.quantity:
        return []
    given = (i.get("unit") or "").strip() or t.unit
    recorded = _quantity(i["completed_quantity"])
    as_target = Text("", "") if units.same_unit(given, t.unit) else Text(
        f"（合 {_quantity(t.completed)} {t.unit}）",
        f" ({_quantity(t.completed)} {t.unit_in('en', t.completed)})")
    by, on = i.get("inspector") or "", i.get("inspected_on") or ""
    target = t.as_written(t.quantity)
    return [Caution(t.project_id, Text(
        f"项目 {t.project_id} 目标“{t.target_zh}”{target} {t.unit}：检查记录"
        f"（{on or '未填日期'}，检查人 {by or '未填'}）完成数量 {recorded} {given}"
        f"{as_target.zh}，为目标的 {percent_text(t.percent)}，超过目标的 {TARGET_SLIP:g} 倍，"
        "已照录计入，请核对单位和数字",
        f"project {t.project_id}, target {t.target_en or t.target_zh} of {target} "
        f"{t.unit_in('en', t.quantity)}: the inspection "
        f"({on or 'no date'}, inspector {by or 'not named'}) gives {recorded} "
        f"{t.unit_in('en', i['completed_quantity'], given)}"
        f"{as_target.en}, {percent_text(t.percent)} of the target, more than "
        f"{TARGET_SLIP:g} times it: counted as recorded, check its unit and digits"))]


def _reading_said(t: TargetProgress) -> list[Caution]:
    """A target's latest reading that gives no unit (read in the target's, which its
    other cautions then name as if recorded) or a quantity under 0 (which no form saves)."""
    i = t.reading
    if i is None or i.get("completed_quantity") is None:
        return []
    by, on = i.get("inspector") or "", i.get("inspected_on") or ""
    head = Text(f"项目 {t.project_id} 目标“{t.target_zh}”：最近的检查记录（{on or '未填日期'}，"
                f"检查人 {by or '未填'}）",
                f"project {t.project_id}, target {t.target_en or t.target_zh}: the latest "
                f"inspection ({on or 'no date'}, inspector {by or 'not named'})")
    out = []
    if not (i.get("unit") or "").strip():
        out.append(Caution(t.project_id, Text(
            f"{head.zh}未填单位，其完成数量 {_quantity(i['completed_quantity'])} 按目标的单位"
            f"（{t.unit}）计入，请核对",
            f"{head.en} gives no unit: its quantity, {_quantity(i['completed_quantity'])}, is "
            f"counted in the target's ({t.unit_in('en')}), check it")))
    if i["completed_quantity"] < 0:
        out.append(Caution(t.project_id, Text(
            f"{head.zh}完成数量为负数（{_quantity(i['completed_quantity'])}），已照录计入，请核对",
            f"{head.en} gives a quantity below 0 ({_quantity(i['completed_quantity'])}): "
            "counted as recorded, check it")))
    return out


def _quantity(value: float) -> str:
    """A quantity as read, to four decimals at most (3.3333, 49.9995, 50)."""
    return shown_against(value, grouped=True)


def _area_not_measured(p: PatchProgress) -> list[Caution]:
    """A restored patch counted by its area on the plan's map, no area having been recorded
    on site; a patch in progress whose area treated so far is not counted."""
    v = p.verification or {}
    if p.area_basis == "area_m2" and p.restored_area_m2 is not None:
        return [Caution(p.patch_code, Text(
            f"图斑 {p.patch_code} 最近的核查记录未填已治理面积和核查面积，按图斑图层面积 "
            f"{p.restored_area_m2:,.2f} 平方米计入（图上面积，非实地测量），请补填",
            f"patch {p.patch_code}: its latest verification gives neither a treated nor a "
            f"measured area: its area on the map, {p.restored_area_m2:,.2f} m², is counted "
            "(not measured on site): record it"))]
    treated = v.get("treated_area_m2")
    if p.status == "C" and isinstance(treated, (int, float)) and treated > 0:
        return [Caution(p.patch_code, Text(
            f"图斑 {p.patch_code} 治理中，已治理面积 {treated:,.2f} 平方米未计入"
            "历史遗留矿山综合治理面积（该指标计已恢复治理的图斑）",
            f"patch {p.patch_code} is in progress: its area treated so far, {treated:,.2f} m², "
            "is not in the legacy-mine remediation area, which counts restored patches"))]
    return []


def _restored_without_photo(p: PatchProgress, photos: dict[str, int]) -> list[Caution]:
    """A patch counted restored by a verification with no photo (``photos``: by record),
    which its form refuses to save restored: a merge takes it all the same, as its photo
    may come in a later package than the record."""
    v = p.verification or {}
    if p.status != "B" or photos.get(v.get("uuid") or "", 0):
        return []
    on = v.get("verified_on")
    return [Caution(p.patch_code, Text(
        f"图斑 {p.patch_code} 按最近的核查记录 {v.get('uuid')}（{on or '未填日期'}）计为已恢复"
        "治理，该记录未附照片（表单要求标记为已恢复治理前须附照片）：已照录计入，照片可能随之后的"
        "数据包到达，请核对",
        f"patch {p.patch_code} is counted restored by its latest verification "
        f"{v.get('uuid')} ({on or 'no date'}), which has no photo (the form needs one to mark "
        "a patch restored): counted as recorded, its photo may come in a later package: "
        "check it"))]


# The fields the figures are computed from (which record is the latest, its status, its
# areas, an inspection's quantity): a conflict on another field (a note) changes no figure
FIGURE_FIELDS = {
    "patch_verifications": ("patch_uuid", "remediation_status", "measured_area_m2",
                            "treated_area_m2", "verified_on"),
    "project_inspections": ("project_uuid", "target_uuid", "completed_quantity", "unit",
                            "inspected_on"),
}
# the tables the figures are read from: a whole row of another in conflict (a layer of the
# county's own, the plan's maps) changes none of them
FIGURE_TABLES = (*FIGURE_FIELDS, "mine_patches", "project_targets", "restoration_projects",
                 "plan_indicators", "townships", "photos")


def _label(tbl: str, column: str) -> Text:
    f = forms.field_of(tbl, column)
    return Text(f.label("zh"), f.label("en")) if f else Text(column, column)


def _open_conflicts(conn: sqlite3.Connection, patches: list[PatchProgress],
                    up_to: str = "") -> list[Caution]:
    """The records counted (dated up to ``up_to``, in the plan's period) whose figures wait
    on a conflict not settled yet: one not counted is named as such, not as counted."""
    code = {p.uuid: p.patch_code for p in patches}
    out = []
    figures = " OR ".join(f"(c.tbl = '{t}' AND c.field IN ({', '.join(repr(c) for c in cols)}))"
                          for t, cols in FIGURE_FIELDS.items())
    found = conn.execute(
        "SELECT c.tbl, c.row_uuid, group_concat(DISTINCT c.field), count(*), "
        "coalesce(v.patch_uuid, i.project_uuid), i.project_id FROM sync_conflicts c "
        "LEFT JOIN patch_verifications v ON c.tbl = 'patch_verifications' AND "
        "v.uuid = c.row_uuid LEFT JOIN project_inspections i ON "
        "c.tbl = 'project_inspections' AND i.uuid = c.row_uuid WHERE c.status = 'open' "
        f"AND ((c.field IS NULL AND c.tbl IN ({', '.join(repr(t) for t in FIGURE_TABLES)})) "
        f"OR {figures}) AND {counted_sql('patch_verifications', up_to)} "
        f"AND {counted_sql('project_inspections', up_to)} "
        "GROUP BY c.tbl, c.row_uuid ORDER BY min(c.id)").fetchall()
    names = _names(conn, [(r[0], r[1]) for r in found])
    for tbl, row, fields, n, owner, project in found:
        labels = [_label(tbl, f) for f in sorted(fields.split(","))] if fields else [WHOLE_ROW]
        what, named = _row_named(tbl, row, names.get((tbl, row)))
        if tbl == "patch_verifications":
            what = Text(f"图斑 {code.get(owner, owner)} 的核查记录 {row}",
                        f"the verification {row} of patch {code.get(owner, owner)}")
            named = code.get(owner, "")
        elif tbl == "project_inspections" and project:
            what = Text(f"项目 {project} 的检查记录 {row}",
                        f"the inspection {row} of project {project}")
            named = project
        out.append(Caution(named, Text(
            f"{what.zh} 有 {n} 项冲突未处理（{'、'.join(t.zh for t in labels)}）："
            "现按主库当前值计，处理后数字可能改变",
            f"{what.en} has {counted(n, 'open conflict')} ({', '.join(t.en for t in labels)}): "
            "counted as the master holds it now, the figures may change once "
            f"{'it is' if n == 1 else 'they are'} settled")))
    return out


WHOLE_ROW = Text("整个要素", "the whole row")  # a conflict on no one field


def _names(conn: sqlite3.Connection, rows: list[tuple[str, str]]) -> dict:
    """The names of ``rows`` (table, uuid) as the merge report gives them: as the master
    holds them, a row deleted by what it held when deleted."""
    names = names_in(conn, rows)
    gone = deleted_values(conn, set(rows) - set(names))
    return {**names, **names_in(conn, gone, gone)}


def _row_named(tbl: str, row: str, name: str | None) -> tuple[Text, str]:
    """A row with an open conflict by its own table and name (a patch by its code, a record
    by its patch or project and day), with its uuid where the name is not its own; and the
    patch code or project id a caution is filed under ("" where none)."""
    plan = schema.BY_NAME.get(tbl)
    if tbl == "mine_patches" and name:
        return Text(f"图斑 {name}", f"the patch {name}"), name
    if tbl == "restoration_projects" and name:
        return Text(f"项目 {name}", f"the project {name}"), name
    title = Text(plan.title("zh"), plan.title("en")) if plan else Text(tbl, tbl)
    said = f"{name}（{row}）" if name else row
    return Text(f"{title.zh} {said}", f"{title.en} {name + f' (row {row})' if name else row}"), ""
