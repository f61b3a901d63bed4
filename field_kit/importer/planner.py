# SPDX-License-Identifier: GPL-2.0-or-later
"""Plan an import (read, map, transform, validate, match: nothing written), then apply it in
one transaction. The change log's triggers record every row written, as for any edit.

The plan is made here, feature by feature and matched against the master; how the source is
read (its coordinate system, its fields' plan fields) is :mod:`.reading`'s, and the joining
of a point list's points into boundaries :mod:`.point_lists`'."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import db, errors
from ..bilingual import Text
from ..forms.store import township_names
from ..messages_zh import chinese
from ..plan import coordinates, schema
from ..plan.geometry import distance
from ..plan.values import field_label
from ..sync import changelog, codes_unchecked, log_reads
from ..sync.field_check import FieldCheck, county_extent
from . import crs as crsmod
from . import lookups as L
from . import mapping as mapmod
from .apply import ImportResult, Invalid, apply_import, refuse_technician
from .old_datums import NeedsParameters
from .point_lists import PointLists
from .reading import SourceReading
from .report import (
    ERROR,
    INFO,
    LEFT_EMPTY,
    NEW_ROW,
    NEW_ROWS,
    WARNING,
    ImportProblem,
    Missing,
    RowChange,
    follow_outcome,
    summary,
)
from .source import SourceError, SourceLayer, read_source
from .validate import FeatureChecks

__all__ = ["plan_import", "apply_import", "ImportPlan", "ImportResult", "Invalid", "LAYERS"]

LAYERS = ("mine_patches", "restoration_zones", "county_boundary")
GEOM = schema.GEOMETRY_COLUMN
Progress = Callable[[float], None]


@dataclass
class ImportPlan:
    master: str
    source: str
    layer: str
    source_info: dict
    crs: crsmod.CRS | None
    encoding: str | None
    encoding_how: str
    fields: list[str]
    targets: list[str]
    mapping: dict
    mapping_origin: str
    source_key: str
    area_tolerance: float
    problems: list[ImportProblem] = field(default_factory=list)
    updates: list[RowChange] = field(default_factory=list)
    inserts: list[RowChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)  # rows in error
    missing: list[Missing] = field(default_factory=list)
    base_seq: int | None = None  # the master's last change when planned
    dry_run: bool = False  # planned to report only (the command's --dry-run): never written

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)

    def summary(self, lang: str = "en", delete_missing: bool = False, warned: int = 0) -> str:
        return summary(self, lang, delete_missing, warned)

    @property
    def summary_en(self) -> str:
        return summary(self, "en")

    @property
    def summary_zh(self) -> str:
        return summary(self, "zh")


# --- planning ----------------------------------------------------------------------------------

def plan_import(master: str | os.PathLike, source: str | os.PathLike, layer: str, *,
                source_layer: str | None = None, crs: str | None = None,
                mapping: dict | str | os.PathLike | None = None, area_tolerance: float = 0.05,
                progress: Progress | None = None, dry_run: bool = False) -> ImportPlan:
    """Read ``source``, map its fields to ``layer``'s, bring its geometry to EPSG:4490,
    validate it and match it against the master. Nothing is written; ``dry_run``: nor will
    be, and the plan says what an import would do."""
    tick = progress or (lambda f: None)
    if layer not in LAYERS:
        raise errors.BadInput(f"cannot import into {layer!r}: choose one of {', '.join(LAYERS)}")
    if not 0 <= area_tolerance < 10:
        raise errors.BadInput("the area tolerance is a fraction, e.g. 0.05 for 5%")
    given_crs = None
    if crs:
        try:
            given_crs = crsmod.parse_code(crs)
        except NeedsParameters as exc:
            raise errors.BadInput(exc.text.en, exc.text.zh) from None
        except ValueError as exc:
            raise errors.BadInput(str(exc)) from None
    override = None
    if mapping is not None:
        try:
            override = mapping if isinstance(mapping, dict) else mapmod.read_file(mapping)
        except FileNotFoundError:
            raise errors.BadInput(f"no such mapping file: {mapping}") from None
        except (OSError, ValueError) as exc:
            raise errors.BadInput(f"cannot use the mapping {mapping}: {exc}") from None
    conn = db.connect(master, readonly=True)
    try:
        refuse_technician(conn, master)  # (before a source is read: minutes, for some)
        try:
            src = read_source(source, source_layer, override)
        except SourceError as exc:
            raise errors.BadInput(exc.message.en, exc.message.zh) from None
        tick(0.1)
        if not db.table_exists(conn, layer):
            raise errors.BadInput(f"{master} has no layer {layer}")
        # the target and the county's extent it is held to are read as longitude/latitude
        unfit = coordinates.unfit_plan_layers(conn, (layer, "county_boundary"))
        if unfit:
            raise errors.BadInput(
                f"cannot import into {layer} of {master}: {coordinates.unfit_said(unfit)}, "
                f"not longitude/latitude (EPSG:{schema.CRS_EPSG}) as the toolkit reads the "
                f"plan's layers: {coordinates.FIX}")
        plan = _Planner(conn, str(master), src, layer, given_crs, override, area_tolerance,
                        tick).run()
        plan.dry_run = dry_run
        follow_outcome(plan.problems, dry_run)
        return plan
    finally:
        conn.close()


class _Planner(SourceReading, PointLists, FeatureChecks):
    def __init__(self, conn, master, src: SourceLayer, layer, given_crs, override, tol, tick):
        self.conn, self.src, self.layer, self.tick = conn, src, layer, tick
        self.table = schema.table(layer)
        self.columns = db.file_columns(conn, layer)
        self.types = {c.name: c.type for c in self.table.columns}
        key = mapmod.source_key(layer, src.fields)
        self.plan = ImportPlan(
            master=master, source=src.path, layer=layer,
            source_info={"path": src.path, "format": src.format, "name": src.name,
                         "features": len(src.features)},
            crs=None, encoding=src.encoding, encoding_how=src.encoding_how, fields=src.fields,
            targets=mapmod.targets(layer, self.columns), mapping={}, mapping_origin="",
            source_key=key, area_tolerance=tol)
        self.given_crs, self.override = given_crs, override
        self.boundary_faults: dict[int, list[tuple]] = {}  # a CSV boundary's, by its row
        self.code_fields: list[str] = []  # fields each of whose rows holds a patch code

    def problem(self, severity: str, kind: str, message: Text, **kw) -> None:
        self.plan.problems.append(ImportProblem(severity, kind, message, **kw))

    def run(self) -> ImportPlan:
        p = self.plan
        for note in self.src.notes:
            self.problem(WARNING, "source", note)
        for said in self.src.said:
            self.problem(INFO, "source_read", said)
        if changelog.is_installed(self.conn):
            p.base_seq = log_reads.last_seq(self.conn)
        else:
            # (a copy of the master's layers, often: init would make it a second master)
            self.problem(ERROR, "no_change_log", Text(
                "{master} 不是主库（其中没有修改记录，如规划 GeoPackage 本身，或 QGIS“打包图层”、"
                "ogr2ogr 复制所得）：请导入主库；要把此文件作为新的主库（另立一个项目），请运行 "
                "field-kit init {typed}",
                "{master} is not a master (no change capture in it, as in the plan GeoPackage "
                "itself, or a copy made by QGIS's Package layers or ogr2ogr): import into the "
                "master; to make this file a new master, of a project of its own, run "
                "field-kit init {typed}").format(master=p.master, typed=db.in_command(p.master)))
        self._crs()
        self._mapping()
        rows = self._features()
        self.tick(0.8)
        self._match(rows)
        self.tick(1.0)
        p.problems.sort(key=lambda q: (q.row is not None, q.row or 0))
        return p

    # --- features ---------------------------------------------------------------------------
    def _features(self) -> list[dict]:
        p, feats = self.plan, self.src.features
        by_target = {t: f for f, t in p.mapping.items() if t and f in self.src.fields}
        if self.src.point_list:
            feats = self._point_lists(feats, by_target)
            self._packed_dms(feats, by_target)
        status_codes = L.status_codes(self.conn)
        county, county_surveyed = (L.county(self.conn) if self.layer == "mine_patches"
                                   else (None, False))
        # the extent a plan layer must keep near, as a merge holds it to
        extent = county_extent(self.conn) if self.layer != "county_boundary" else None
        projects = L.lookup(self.conn, "restoration_projects", "project_id")
        # a field package holds the projects of its township or box alone
        in_package = changelog.is_installed(self.conn) and \
            changelog.state(self.conn)["kind"] == changelog.PACKAGE
        townships = township_names(self.conn)
        check = FieldCheck(self.conn)  # the plan's lists, as a merge holds values to them
        area_field = next((t for t in by_target if t in mapmod.STATED_AREAS), None)
        out = []
        first_row: dict[str, int] = {}
        n = max(1, len(feats))
        if self.layer == "county_boundary" and len(feats) != 1:
            self.problem(ERROR, "county_features", Text(
                f"县域范围应为一个要素，数据源有 {len(feats)} 个（请先融合为一个）",
                f"the county boundary is one feature; the "
                f"source has {len(feats)} (dissolve them into one first)"))
        for i, f in enumerate(feats):
            if i % 50 == 0:
                self.tick(0.1 + 0.7 * i / n)
            start, self.cur_bbox = len(p.problems), None
            faults = self.boundary_faults.get(f.row, []) if self.src.point_list else []
            for kind, message, sf in faults:
                self.problem(ERROR, kind, message, row=f.row, fid=f.fid, field=sf)
            values: dict = {}
            key = None
            empty: dict[str, str] = {}  # the plan fields the row leaves empty, by source field
            for t, sf in by_target.items():
                raw = f.attrs.get(sf)
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    empty[t] = sf
                    continue
                if t in mapmod.STATED_AREAS or t == mapmod.STATUS or t in self.types:
                    val = self._convert(t, raw, f, sf, status_codes)
                    if val is not None:
                        values[t] = val
            key = self._key(values)
            where = {"row": f.row, "code": key, "fid": f.fid}
            if self.layer == "mine_patches":
                self._check_code(key, by_target.get("patch_code"), first_row, where)
                pid = values.get("project_id")
                if "project_uuid" in self.columns and "project_id" in by_target:
                    if in_package and pid and pid not in projects:
                        del values["project_id"]  # (left as it is: the package cannot link)
                    else:
                        values["project_uuid"] = projects.get(pid) if pid else None
                    if pid and pid not in projects:
                        self.problem(WARNING, "unknown_project", Text(
                            f"项目编号 {pid} 不在此外业数据包中（数据包只含其范围内的项目）："
                            "图斑的项目保持不变，要改请导入主库",
                            f"project {pid} is not in this field package (it holds the "
                            "projects of its area alone): the patch's project is left as it "
                            "is; import into the master to change it") if in_package else Text(
                            f"项目编号 {pid} 不在规划项目中",
                            f"project {pid} is not a project of the plan"),
                                     field=by_target["project_id"], **where)
                self._township(values, townships, by_target.get("township"), where,
                               "township" in check.codes)
            elif self.layer == "restoration_zones":
                if key is None:
                    self.problem(ERROR, "missing_key", Text(
                        "缺少分区编号或名称",
                        "no zone id or name"), **where)
                elif key in first_row:
                    self.problem(ERROR, "duplicate_code", Text(
                        f"分区 {key} 重复（首次出现在第 "
                        f"{first_row[key]} 行）",
                        f"zone {key} appears again (first at "
                        f"row {first_row[key]})"), **where)
                else:
                    first_row[key] = f.row
            stated = values.pop(area_field, None) if area_field else None
            values.pop(mapmod.STATUS, None) if mapmod.STATUS not in self.columns else None
            geom = None if faults else self._geometry(
                f, where, stated, area_field and by_target[area_field], county,
                county_surveyed, extent)
            if geom is not None:
                values.update(geom)
            values["geometry_source"] = schema.SURVEYED
            self._listed(check, values, by_target, where)
            if self.layer == "county_boundary" and "source_note" in self.columns:
                name = Path(self.src.path).name
                values["source_note"] = f"测绘数据导入：{name} / Imported surveyed data: {name}"
            values = {k: v for k, v in values.items() if k in self.columns or k == "project_uuid"
                      and "project_uuid" in self.columns}
            for q in p.problems[start:]:  # name the feature in every problem it has
                q.code = q.code or key
                q.bbox = q.bbox or self.cur_bbox
            # a row in error, or whose shape could not be read, is not compared
            in_error = geom is None or any(q.severity == ERROR for q in p.problems[start:])
            out.append({"row": f.row, "key": key, "values": values, "in_error": in_error,
                        "empty": {t: sf for t, sf in empty.items() if t in self.columns}})
        self._unchecked(out, by_target)
        return out

    def _unchecked(self, rows: list[dict], by_target: dict) -> None:
        """Each coded field the source gives values of whose list the master lacks (a master
        that is not the whole plan): imported as given, a warning, as a merge says it."""
        for col, sf in by_target.items():
            if not any(r["values"].get(col) is not None for r in rows if not r["in_error"]):
                continue
            got = codes_unchecked.unchecked(self.conn, self.layer, (col,))
            if got is not None:
                said = got.said("imported")
                self.problem(WARNING, "not_checked_against_list", Text(chinese(said), said),
                             field=sf)

    def _township(self, values: dict, townships: dict, sf, where, listed: bool) -> None:
        """A township given by another name of the plan's (its alias) is taken as its name;
        one not in the plan at all is said (an error, by the list, where the plan has one)."""
        tn = values.get("township")
        name = townships.get(tn) if tn else None
        if name is not None and name != tn:
            values["township"] = name
            self.problem(INFO, "township_alias", Text(
                f"乡镇 {tn!r} 是 {name} 的别名，按 {name} 导入",
                f"township {tn!r} is another name of {name}: imported as {name}"),
                         field=sf, would=lambda once: (Text(
                             f"乡镇 {tn!r} 是 {name} 的别名，{once.zh}将按 {name} 导入",
                             f"township {tn!r} is another name of {name}: it would be "
                             f"imported as {name}{once.en}"), None), **where)
        elif tn and townships and tn not in townships and not listed:
            self.problem(WARNING, "unknown_township", Text(
                f"乡镇 {tn!r} 不在规划乡镇名单中",
                f"township {tn!r} is not one of the plan's townships"), field=sf, **where)

    def _listed(self, check: FieldCheck, values: dict, by_target: dict, where) -> None:
        """Each value outside its field's list in the plan (a township, phase, mineral...),
        an error as in a merge, which refuses it."""
        plain = {k: v for k, v in values.items() if k != GEOM}
        for said in check.problems(self.layer, plain):
            col = said.split(":", 1)[0]
            self.problem(ERROR, "not_in_list", Text(
                chinese(said) + "（合并同样拒绝，未导入）",
                said + " (a merge refuses it too; not imported)"),
                         field=by_target.get(col, col), **where)

    def _key(self, values: dict) -> str | None:
        if self.layer == "mine_patches":
            return values.get("patch_code")
        if self.layer == "restoration_zones":
            return values.get("zone_id") or values.get("name_zh")
        return "county"

    # --- matching -------------------------------------------------------------------------
    def _match(self, rows: list[dict]) -> None:
        p, layer = self.plan, self.layer
        cols = [c for c in self.columns if c in self.table.column_names or c == GEOM]
        have = [dict(zip(["fid", *cols], r)) for r in self.conn.execute(
            f"SELECT fid, {', '.join(db.quote(c) for c in cols)} FROM {db.quote(layer)} "
            "ORDER BY fid")]
        index: dict[str, dict] = {}
        if layer == "county_boundary":
            if len(have) > 1:
                self.problem(ERROR, "master_rows", Text(
                    f"主库县域范围有 {len(have)} 行，应为一行",
                    f"the master has {len(have)} county "
                    "boundary rows; expected one"))
            if have:
                index["county"] = have[0]
        else:
            names = ("patch_code",) if layer == "mine_patches" else ("zone_id", "name_zh")
            for name in names:
                for r in have:
                    k = r.get(name)
                    if k is None:
                        continue
                    if k in index and index[k] is not r and name == names[0]:
                        self.problem(ERROR, "master_duplicate", Text(
                            f"主库中 {name} 为 {k} 的记录有两条",
                            f"the master has two rows with "
                            f"{name} {k}"))
                    index.setdefault(k, r)
        matched: set[int] = set()
        for r in rows:
            key, values = r["key"], r["values"]
            if key is None:  # (no code: an error, counted with the rows in error)
                if r["in_error"]:
                    p.not_compared.append(f"row {r['row']}")
                continue
            old = index.get(key)
            if old is None and layer == "restoration_zones":
                old = index.get(values.get("name_zh"))
            if r["in_error"]:
                p.not_compared.append(str(key))
                if old is not None:
                    matched.add(old["fid"])  # in the source, if in error: not missing
                continue
            if old is None:
                ins = dict(values)
                p.inserts.append(RowChange(str(key), r["row"], None,
                                           {k: (None, L.shown(k, v)) for k, v in ins.items()},
                                           ins))
                self._left_empty(r, ins)
                continue
            matched.add(old["fid"])
            self._kept(r, old)
            changed = {k: v for k, v in values.items() if not L.same(k, old.get(k), v)}
            if GEOM in values and GEOM not in changed:
                # the same shape: its area and centre, measured again, and where it came
                # from are left as they are (a plan's drawn shape sent back is not surveyed)
                for k in (*L.MEASURED, *L.OF_THE_SHAPE):
                    changed.pop(k, None)
            if changed:
                self._moved_far(r, old, changed)
                p.updates.append(RowChange(
                    str(key), r["row"], old["uuid"],
                    {k: (L.shown(k, old.get(k)), L.shown(k, v)) for k, v in changed.items()},
                    changed))
            else:
                p.unchanged.append(str(key))
        if layer == "county_boundary":
            return
        label = "patch_code" if layer == "mine_patches" else "zone_id"
        for r in have:
            if r["fid"] in matched:
                continue
            n = 0
            if layer == "mine_patches" and db.table_exists(self.conn, "patch_verifications"):
                n = self.conn.execute("SELECT count(*) FROM patch_verifications WHERE patch_uuid"
                                      " = ?", (r["uuid"],)).fetchone()[0]
            p.missing.append(Missing(str(r.get(label) or r.get("name_zh")), r["uuid"], n))


    def _moved_far(self, r: dict, old: dict, changed: dict) -> None:
        """Warn where the new shape moves a patch's centre more than a kilometre: not the
        patch surveyed again, most often another's code, or coordinates shifted or misread
        (a packed 度.分秒 refused already says how far its boundaries lie)."""
        lon, lat = old.get("centre_lon"), old.get("centre_lat")
        to_lon, to_lat = changed.get("centre_lon", lon), changed.get("centre_lat", lat)
        if lon is None or lat is None or to_lon is None or to_lat is None or \
                any(q.kind == "packed_dms" for q in self.plan.problems):
            return
        km = distance((lon, lat), (to_lon, to_lat)) / 1000
        if km <= L.FAR_FROM_ITS_PATCH_KM:
            return
        far = f"{L.FAR_FROM_ITS_PATCH_KM:g}"
        why = Text("不像是同一图斑的重测：请核对数据源中的图斑编号和坐标（编号错写成"
                   "另一图斑的、坐标偏移或读错）",
                   "which a new survey of the same patch seldom does: check the source's patch "
                   "code and coordinates (another patch's code, coordinates shifted or misread)")
        self.problem(WARNING, "centre_moved", Text(
            f"新形状使其中心移动 {km:.1f} 公里（{lon:.6f}, {lat:.6f} → {to_lon:.6f}, "
            f"{to_lat:.6f}），超过 {far} 公里，{why.zh}",
            f"the new shape moves its centre {km:.1f} km ({lon:.6f}, {lat:.6f} -> "
            f"{to_lon:.6f}, {to_lat:.6f}), more than {far} km, {why.en}"),
            # (said of many rows at once: how far each moved its own)
            alike=Text(f"：新形状使其中心移动 {far} 公里以上，{why.zh}",
                       f": the new shape moves its centre more than {far} km, {why.en}"),
            own=f"{km:.1f} km", row=r["row"], code=r["key"])

    def _kept(self, r: dict, old: dict) -> None:
        """Say each field the source row leaves empty where the master holds a value: an
        import writes no empty value, so the master's is kept."""
        for t, sf in r["empty"].items():
            if old.get(t) is None or old.get(t) == "":
                continue
            value = L.shown(t, old[t])
            self.problem(INFO, "empty_kept", Text(
                f"导入数据中为空：{field_label(self.layer, t)}保留主库的值 {value}",
                f"empty in the source: {t} keeps the master's value {value}"),
                row=r["row"], code=r["key"], field=sf, detail=(t, value))

    def _left_empty(self, r: dict, written: dict) -> None:
        """Say the fields a new row is left without: none of the source's fields gives them
        (a patch's project and period, say), to set in QGIS or map a source field to."""
        said = {GEOM, "uuid", "project_uuid", *L.MEASURED, *L.OF_THE_SHAPE}
        empty = [c.name for c in self.table.columns
                 if c.name in self.columns and c.name not in written and c.name not in said]
        if not empty:
            return
        fields = Text("、".join(field_label(self.layer, c) for c in empty), ", ".join(empty))
        # (where the import writes nothing, said of the row it would add; its alike the
        # rows it would add, said of many at once)
        self.problem(INFO, "new_left_empty", LEFT_EMPTY.format(row=NEW_ROW[0], fields=fields),
                     row=r["row"], code=r["key"], detail=tuple(empty),
                     would=lambda once: (
                         LEFT_EMPTY.format(row=NEW_ROW[1].format(once=once), fields=fields),
                         NEW_ROWS[1].format(n="{n}", once=once)))
