# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit import``: bring a surveyed layer into the plan (see :mod:`field_kit.importer`).

Prints the validation report and the changes; exits 0 when written or nothing to do,
``errors.INVALID`` when refused for validation errors (nothing written), ``errors.BAD_INPUT``
for unreadable files or bad arguments, ``errors.REFUSED`` for a technician's field package.
"""

from __future__ import annotations

from .. import errors
from ..bilingual import EN, NO_TEXT, ZH, Text, counted
from ..importer import said
from ..importer.apply import apart_if_written
from ..importer.planner import LAYERS, Invalid, apply_import, plan_import
from ..importer.report import notes_grouped
from ..messages_zh import chinese, command_line_language
from ..plan.names import table_typed
from ..sync.masters import is_postgres
from . import progress_line
from .parsing import Help
from .said import _warn


def _say(text: Text | str, lang: str, indent: str = "") -> None:
    """A line in English and, for a user whose locale is Chinese, in Chinese on the next line
    where it differs: as every command says one (scripts and logs keep the English)."""
    en, zh = (text.en, text.zh) if isinstance(text, Text) else (text, chinese(text))
    print(indent + en)
    if lang == ZH and zh != en:
        print(indent + zh)


def cmd_import(a) -> int:
    lang = command_line_language()
    if is_postgres(a.master):
        raise errors.BadInput("import works on a GeoPackage master, not on a PostgreSQL one "
                              "yet: import into a GeoPackage and merge, or load the layer "
                              "into PostgreSQL with QGIS or ogr2ogr")
    # (a source of many thousand features is read and checked for a minute or more)
    with progress_line.shown("import", a) as progress:
        plan = plan_import(a.master, a.source, a.layer, source_layer=a.source_layer,
                           crs=a.crs, mapping=a.mapping, area_tolerance=a.area_tolerance,
                           progress=progress, dry_run=a.dry_run)
    # the figures of a project left apart, warned of below, counted with the warnings
    apart = [f.said() for f in apart_if_written(a.master, plan)]
    for en, zh in zip(plan.summary(EN, a.delete_missing, len(apart)).splitlines(),
                      plan.summary(ZH, a.delete_missing, len(apart)).splitlines()):
        _say(Text(zh, en), lang)
    for p in notes_grouped(plan.problems, plan.layer, plan.source_info.get("features")):
        _say(Text(p.text(ZH), p.text(EN)), lang, "  ")
    # a refused import, or a dry run, writes none of them: each is said as not written
    updated, new = said.change_titles(plan.has_errors, a.dry_run)
    lists = said.code_lists_of(a.master) if plan.updates or a.verbose else {}
    for title, items in ((updated, plan.updates), (new, plan.inserts)):
        for ch in items:
            _say(said.change_said(title, ch), lang)
            if a.verbose or items is plan.updates:
                for line in said.field_changes(plan.layer, ch, lists):
                    _say(line, lang)
    for m in plan.missing:
        _say(said.missing_said(m, a.delete_missing, plan.has_errors, a.dry_run), lang)
    if plan.has_errors:
        _say(Text("已拒绝：存在错误，主库未改动",
                  "refused: the report has errors; the master is unchanged"), lang)
        return errors.INVALID
    if a.dry_run:
        _say(Text("试运行：未写入", "dry run: nothing written"), lang)
        _warn(apart)  # (as it would write)
        return errors.OK
    if not (plan.updates or plan.inserts or (a.delete_missing and any(
            m.deletable for m in plan.missing))):
        _say(Text("无需改动：主库已与导入数据一致",
                  "nothing to do: the master already matches the source"), lang)
        apply_import(a.master, plan)  # saves the mapping if it is new; writes no rows
        _warn(apart)  # (disagreeing still)
        return errors.OK
    try:
        with progress_line.shown("writing into the master", a) as progress:
            res = apply_import(a.master, plan, delete_missing=a.delete_missing,
                               progress=progress)
    except Invalid as exc:
        _say(exc.message, lang)
        return errors.INVALID
    seq = (Text(f"（修改日志 {res.seq_from}-{res.seq_to}）",
                f" (change log {res.seq_from}-{res.seq_to})") if res.seq_from else NO_TEXT)
    written = Text("已写入：更新 {u}，新增 {i}，删除 {d}{seq}",
                   "written: updated {u}, new {i}, deleted {d}{seq}").format(
        u=res.updated, i=res.inserted, d=res.deleted, seq=seq)
    kept = [m for m in plan.missing if not m.deletable] if a.delete_missing else []
    if kept:
        written = Text("{w}；保留 {n} 个有核查记录的图斑：{keys}",
                       "{w}; kept {patches} with verification records: {keys}").format(
            w=written, n=len(kept), patches=counted(len(kept), "patch", "patches"),
            keys=", ".join(m.key for m in kept))
    _say(written, lang)
    _warn([a.said() for a in res.apart])  # (written as given, as a merge takes them)
    if res.in_package:
        _say(Text("这些是外业数据包自己的修改，随其下次导出发送" + (
            "；主库已有其编码的新增要素（位于此数据包范围之外）在合并时会被拒收：这类导入请导入主库"
            if res.inserted else ""),
            "these are the field package's own edits: its next export sends them" + (
                "; a new row whose code the master holds already (outside this package's "
                "cut) is refused by the merge: import such a source into the master"
                if res.inserted else "")), lang)
    return errors.OK

def _tolerance(text: str) -> float:
    import argparse
    try:
        v = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError("a fraction such as 0.05, or 5%") from None
    if not 0 <= v < 10:
        raise argparse.ArgumentTypeError("a fraction such as 0.05, or 5%")
    if v >= 1 and not text.endswith("%"):  # 5 meant as 5% would let an area off 500% pass
        raise argparse.ArgumentTypeError(f"{text} is {v:.0%}: give a fraction such as 0.05, "
                                         f"or a percentage such as {text}%")
    return v


def register(subparsers) -> None:
    """Add the ``import`` command to ``field-kit``'s subparsers."""
    help_ = Help("import a surveyed layer (Shapefile, GeoJSON, GeoPackage, KML or KMZ, GPX, a "
                 "CSV list of boundary points, or a CSV of a WKT column) into a plan layer: "
                 "validate, then update by patch code, add new rows, list missing ones",
                 "把实测图层（Shapefile、GeoJSON、GeoPackage、KML 或 KMZ、GPX、边界点的 CSV 列表，"
                 "或含 WKT 列的 CSV）导入规划图层：先校验，再按图斑编号更新、新增要素，并列出"
                 "缺少的要素")
    sp = subparsers.add_parser("import", help=help_, description=Help(help_ + (
        f". Exit codes: {errors.OK} written or nothing to do, {errors.INVALID} refused for "
        f"validation errors (nothing written), {errors.BAD_INPUT} bad input, "
        f"{errors.REFUSED} refused: a technician's field package (nothing written)."),
        help_.zh + (
            f"。退出码：{errors.OK} 已写入或无需写入，{errors.INVALID} 因校验错误被拒绝（未写入"
            f"任何内容），{errors.BAD_INPUT} 输入有误，{errors.REFUSED} 被拒绝：目标为技术员的"
            f"外业数据包（未写入任何内容）。")))
    sp.set_defaults(func=cmd_import)
    sp.add_argument("master", help=Help("the plan GeoPackage to import into",
                                        "要导入的规划 GeoPackage"))
    sp.add_argument("source", help=Help(
        "a .shp, .geojson/.json, .gpkg, .kml/.kmz, .gpx or .csv (a row a point, with "
        "longitude/latitude or x/y columns: the points of a patch, by its code, in their "
        "order, are its boundary; or a row a feature, its shape in a WKT column)",
        ".shp、.geojson/.json、.gpkg、.kml/.kmz、.gpx 或 .csv 文件（CSV 每行一个点，带经度/纬度或 "
        "x/y 列：同一图斑编号的点按其顺序构成该图斑的边界；或每行一个要素，其形状在 WKT 列中）"))
    sp.add_argument("--layer", required=True, type=table_typed, choices=LAYERS, help=Help(
        "the plan layer to fill", "要写入的规划图层"))
    sp.add_argument("--source-layer", help=Help(
        "the layer of a GeoPackage source, the folder of a KML one, a GPX's tracks, routes or "
        "waypoints (its tracks where it has any, if not given; waypoints named by a patch's "
        "code, CT…-1, CT…-2, are its corners, joined into its boundary), or the points of its "
        "tracks or routes, each with its time and elevation (track_points, route_points)",
        "GeoPackage 数据源中的图层，KML 数据源中的文件夹，或 GPX 的 tracks（轨迹）、"
        "routes（航线）、waypoints（航点）（未指定时，有轨迹即读取轨迹；以图斑编号命名的航点，"
        "如 CT…-1、CT…-2，为该图斑的角点，连成其边界），或其轨迹、航线的各点，"
        "各带时间和高程（track_points（轨迹点）、route_points（航线点））"))
    sp.add_argument("--crs", help=Help(
        "the source's coordinate system, e.g. EPSG:4518 (overrides the .prj / GeoPackage / "
        "GeoJSON; a CSV of x/y columns needs it, or a .prj beside it)",
        "数据源的坐标系，如 EPSG:4518（优先于 .prj、GeoPackage、GeoJSON 所给的坐标系；x/y 列"
        "的 CSV 需要给出它，或在其旁边放一个 .prj 文件）"))
    sp.add_argument("--mapping", help=Help(
        "a JSON file {source field: plan field or null} that overrides the recognised or "
        "saved mapping",
        "JSON 文件 {数据源字段: 规划字段或 null}，优先于自动识别或已保存的字段对应"))
    sp.add_argument("--dry-run", action="store_true", help=Help(
        "report only, write nothing", "只报告，不写入"))
    sp.add_argument("--area-tolerance", type=_tolerance, default=0.05, help=Help(
        "how far a stated area may differ from the geometry's (default 0.05)",
        "填报面积与几何面积之间允许的相对差（默认 0.05）"))
    sp.add_argument("--delete-missing", action="store_true", help=Help(
        "delete the rows the source does not have (recorded in the change log)",
        "删除数据源中没有的要素（记入变更记录）"))
    sp.add_argument("-v", "--verbose", action="store_true", help=Help(
        "show every field of new rows", "显示新增要素的每个字段"))
    progress_line.add_option(sp)
