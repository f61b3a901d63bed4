# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit``: the command line over the sync core. One small function per command; the
exit codes are in :mod:`field_kit.errors`."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import json
import math
import os
import re
import sqlite3
import sys
from collections import Counter

from .. import db, errors
from ..__about__ import __version__
from ..bilingual import EN, ZH, counted
from ..db import connect, file_problem, in_command, transaction
from ..messages_zh import change_in_chinese, chinese, command_line_language, device_in_chinese
from ..plan import rules, schema
from ..plan.values import (
    DELETED_SHOWN,
    UNKNOWN_SHOWN,
    column_named,
    feature_name,
    field_label,
    record_links,
    row_names,
    with_uuid,
)
from ..sync import (
    added_again,
    changelog,
    cut_short,
    device_clock,
    drift,
    master_id,
    masters,
    merge,
    outcomes,
    packages,
    rederive,
    registry,
    room,
    subset,
    waiting_edits,
)
from ..sync.changelog import local_time
from ..sync.conflicts import (
    CLOSED_IN_HISTORY,
    DROPPED,
    IMPORTED,
    closed_unlogged,
    closed_with_layer,
    dropped_said,
    held_by,
)
from ..sync.conflicts import names as conflict_names
from ..sync.conflicts import shown as _show
from ..sync.outcomes import NOT_HERE, in_part_said
from ..sync.postgis import stage as pg_stage
from ..sync.postgis import waiting
from ..sync.pull import (
    BACK,
    BACK_UNDONE,
    COLUMNS_GIVE_WAY_NOW,
    GONE,
    GONE_UNDONE,
    OUTSIDE,
    WITH_TABLE,
    not_brought_said,
    refused_pull,
)
from ..sync.rewritten import DROPPED as LAYER_DROPPED
from ..sync.three_way import PARKED, TOUCH
from . import progress_line, stopping
from .parsing import Help, Parser

COMMANDS = ("init", "repair", "checkout", "status", "log", "export", "merge", "conflicts",
            "resolve",
            "pull", "history", "undo-merge", "grants", "roles", "app", "import", "progress",
            "report", "check-plan")


PACKAGE_HELP = Help("a field package (or the QField project folder holding it), or a master",
                    "外业数据包（或包含它的 QField 项目文件夹），或主库")
JSON_HELP = Help("print one JSON document instead of text (keys listed in the README)",
                 "输出一个 JSON 文档而非文本（键见 README）")

# commands that live beside the modules they drive
COMMAND_MODULES = (".importer", ".reports", ".grants", ".roles")


def _names(text: str | None) -> list[str] | None:
    return [n.strip() for n in text.split(",") if n.strip()] if text else None


def _package(path: str) -> str:
    """A field package given by its file or by the QField project folder holding it (what
    may be missing from a project's package said as a warning)."""
    from ..qfield import package_file
    warned: list[str] = []
    package = package_file(path, warned)
    _warn(warned)
    return package


def cmd_init(a) -> int:
    if masters.is_postgres(a.gpkg):
        return _init_postgres(a)
    if a.source:
        raise errors.BadInput("--from goes with a PostgreSQL master (postgresql://… or "
                              "service=NAME)")
    if masters.is_field_package(a.gpkg):  # (its capture kept by its commands; repair mends it)
        raise changelog.not_a_master(a.gpkg)
    from . import roles
    emptied = roles.emptied(a.gpkg)  # (init puts the plan's default grants back: said)
    with contextlib.closing(connect(a.gpkg, readonly=True)) as conn:
        was = changelog.is_installed(conn)  # (a master already: its capture renewed, said so)
    tables = changelog.install(a.gpkg, device=a.device, role=a.role, tables=_names(a.tables),
                               exclude=_names(a.exclude) or ())
    with contextlib.closing(connect(a.gpkg)) as conn, transaction(conn):
        given = master_id.ensure(conn)  # (one it has already is kept: a copy keeps it too)
    conn = connect(a.gpkg, readonly=True)
    st = changelog.state(conn)
    tables = {**registry.unlisted(conn), **tables}
    conn.close()
    _print_tracked(f"change capture {'renewed' if was else 'installed'} in {a.gpkg} (project "
                   f"{st['project_uuid']}, device {st['device']})", tables,
                   chosen=bool(a.tables or a.exclude))
    _tell(f"master id {given}")  # (status says it too; packages record it at checkout)
    _warn(roles.given_back(a.gpkg) if emptied else [])
    _warn(masters.key_references(a.gpkg))
    return errors.OK


def _init_postgres(a) -> int:
    from ..sync.postgis import existing, publish
    chosen, left_out = _names(a.tables), _names(a.exclude) or ()
    if a.source:
        done = publish.init(a.gpkg, a.source, tables=chosen, exclude=left_out)
        said = f"{a.source} published into {masters.shown(a.gpkg)} with change capture"
    else:
        done = existing.init(a.gpkg, tables=chosen, exclude=left_out)
        said = f"change capture installed in {masters.shown(a.gpkg)}"
    _print_tracked(said, done.tables, chosen=bool(chosen or left_out))
    if done.master_id:  # (init again, taking up tables, keeps the id status says)
        _tell(f"master id {done.master_id}")
    if a.source and done.schema_made:
        _tell("schema {} was not there: made it, owned by role {}, who ran init (a "
              "supervisor needs membership of that role)".format(*done.schema_made))
    _warn(done.warnings)
    return errors.OK


def _print_tracked(said: str, tables: dict, chosen: bool) -> None:
    """What ``init`` tracks and why it leaves the others out; those left out by choice are
    by this init's (``chosen``: it was given --tables or --exclude) or by an earlier one's,
    which an init given neither keeps (the plan's file is built with plan_meta left out)."""
    tracked = [t for t, why in tables.items() if why is None]
    _tell(f"{said} on {len(tracked)} table{'' if len(tracked) == 1 else 's'}")
    for t in tracked:
        _tell(f"tracked: {t}", "  ")
    # those left out by choice in a line, the first named (a schema's hundreds, each a line,
    # read as tables that cannot be tracked); those that cannot, each with its reason
    left = [t for t, why in tables.items() if why == registry.NOT_CHOSEN]
    if left:
        why, why_zh = ("left out by choice", "按选择排除") if chosen else (
            "left out at an earlier init, whose choice stands", "由先前的初始化排除，沿用其选择")
        if not chosen and schema.META_TABLE in left:
            why += (f"; the plan's file is built so, {schema.META_TABLE} holding the plan's own "
                    "metadata")
            why_zh += f"；规划数据文件生成时即如此，{schema.META_TABLE} 存放规划本身的说明数据"
        print(f"  not tracked: {registry.named_first(left)}: {registry.NOT_CHOSEN} ({why})")
        if command_line_language() == "zh":
            more = len(left) - registry.NAMED
            print("  未跟踪：" + "、".join(column_named(t) for t in left[:registry.NAMED])
                  + (f" 等，另有 {more} 个表" if more > 0 else "")
                  + f"：初始化时未选择（{why_zh}）")
    _print_not_tracked("not tracked", {t: why for t, why in tables.items()
                                       if why is not None and why != registry.NOT_CHOSEN}, "  ")


def _repair_postgres(a) -> int:
    from ..sync.postgis import publish
    broken, followed = publish.repair(a.gpkg)
    if not (broken or followed.said or followed.unvouched):
        _tell(f"change capture in {masters.shown(a.gpkg)} is whole; nothing to repair")
        return errors.OK
    for line in followed.said:
        _tell(line)
    for line in followed.unvouched:
        _tell(f"cannot vouch for {line}")
    if broken:
        _tell(f"reinstalled change capture on {', '.join(broken)}")
        _tell("edits made in those tables while capture was off cannot be recovered (a "
              "master keeps no record of its rows to compare with): check them by hand")
    return errors.REFUSED if broken or followed.unvouched else errors.OK


SHOWN_ROWS = 10  # rows named in a line; a repair may find tens of thousands


def cmd_repair(a) -> int:
    from ..sync import repair
    if masters.is_postgres(a.gpkg):
        return _repair_postgres(a)
    a.gpkg = _package(a.gpkg)
    rep = repair.repair(a.gpkg)
    if not rep.problems:
        _tell(f"change capture in {a.gpkg} is whole; nothing to repair")
        return errors.OK
    if rep.renamed:
        raise errors.Refused(rep.renamed)
    for p in rep.problems:
        _tell(f"found: {p}")
    for tbl in rep.gone:
        _tell(f"{tbl} is gone from this master: it is tracked no more, and a field package's "
              "edits of it are refused at merge, each by name, the package's other edits "
              "going in" if rep.master else
              f"{tbl} is gone from this file: what was logged of it before goes with the next "
              "export; dropping a layer does not travel (a pull brings it back from the master)")
        if tbl in rep.closed:
            _tell(closed_with_layer(tbl, rep.closed[tbl]))
    for tbl, n in sorted(rep.recovered.items()):
        _tell(f"recovered {n} edit{'' if n == 1 else 's'} of {tbl} made while capture was off")
    for tbl, why in sorted(rep.untrackable.items()):
        _tell(f"cannot track {tbl} again as it is now ({why}): nothing of it was changed, and "
              "its edits since capture stopped are not in the change log; make it a table "
              "that can be tracked again (rebuilt as it was, with its INTEGER PRIMARY KEY and "
              "its uuids), then run repair again, which recovers them")
    lost = bool(rep.untrackable)
    for tbl, rows in sorted(rep.unvouched.items()):
        if rows == ["*"]:
            lost = True
            _tell(f"cannot vouch for {tbl}: no record of its rows' earlier state here; edits "
                  "made to it while capture was off are not in the change log")
        else:  # (by the names people know them by, as status names them)
            names = row_names(a.gpkg, [(tbl, r) for r in rows[:SHOWN_ROWS]])
            shown = ", ".join(with_uuid(names.get((tbl, r)), r) for r in rows[:SHOWN_ROWS]) + (
                f" and {len(rows) - SHOWN_ROWS} more (field-kit log lists them all)"
                if len(rows) > SHOWN_ROWS else "")
            _tell(f"cannot vouch for {len(rows)} row(s) of {tbl}: their edits are logged "
                  "without the earlier values, so a merge holds them as conflicts for a "
                  f"supervisor: {shown}")
    _tell(f"change capture reinstalled in {a.gpkg}" + (
        f", but for {', '.join(sorted(rep.untrackable))}" if rep.untrackable else ""))
    return errors.REFUSED if lost else errors.OK


def _bbox(text: str):
    try:
        w, s, e, n = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("--bbox is W,S,E,N in degrees") from None
    if not all(math.isfinite(v) for v in (w, s, e, n)):  # (nan, inf: no box)
        raise argparse.ArgumentTypeError("--bbox is W,S,E,N in degrees")
    if w >= e or s >= n:
        raise argparse.ArgumentTypeError("--bbox needs W < E and S < N")
    return w, s, e, n


def _patches(text: str) -> list[str]:
    named = [v.strip() for v in text.split(",") if v.strip()]
    if not named:
        raise argparse.ArgumentTypeError("--patches is patch codes or uuids, comma-separated")
    return named


def _features(text: str) -> tuple[str, list[str]]:
    table, eq, named = text.partition("=")
    uuids = [v.strip() for v in named.split(",") if v.strip()]
    if not eq or not table.strip() or not uuids:
        raise argparse.ArgumentTypeError(
            "--features is TABLE=UUID,UUID (a layer of the county's own and the uuids of "
            "its features to keep), given once for each layer")
    return table.strip(), uuids


def _features_named(given) -> dict[str, list[str]] | None:
    """--features given (each TABLE=UUID,...) as table -> uuids; a table given twice: both."""
    if not given:
        return None
    out: dict[str, list[str]] = {}
    for table, uuids in given:
        out.setdefault(table, []).extend(uuids)
    return out


def cmd_checkout(a) -> int:
    # the room it needs, and (a QField project) the folder named, not the file in it
    with room.said(a.master, a.out):
        info = _checkout(a)
    # (the township by the name its patches go by, whichever name it was given)
    held = subset.held_said(info.get("township"), a.bbox, info.get("held") or {},
                            info.get("patches"), info.get("features"))
    if held:  # (what the area kept of each layer it cuts)
        _tell(held)
    # what it followed in the master said as a merge says it: the shapes, then the codes
    _derived(info.get("derived") or [])
    _codes_followed(info.get("codes_followed") or [])
    _print_not_tracked(NOT_TRAVELLING, info.get("not_tracked") or {},
                       "  ")
    if info.get("projects_said"):  # (a project saved in the master, opening the package)
        _tell(info["projects_said"])
    if info.get("whole"):
        _tell(f"carried whole, their coordinates not being the box's (EPSG:"
              f"{schema.CRS_EPSG}): {', '.join(info['whole'])}")
    if info.get("whole_in_township"):
        _tell(WHOLE_IN_TOWNSHIP.format(layers=", ".join(
            f"{name} ({counted(n, 'feature')})"
            for name, n in info["whole_in_township"].items())))
    if info.get("whole_beside_patches"):
        _tell("carried whole, the patches chosen keeping only the plan's patches and projects "
              "and their records: {layers}; to cut a layer of the county's own, give --bbox "
              "too".format(layers=", ".join(f"{name} ({counted(n, 'feature')})" for name, n
                                             in info["whole_beside_patches"].items())))
    for said in info.get("cut_said") or []:  # (what a box left out, or carried whole)
        _tell(said)
    _warn(info.get("warnings") or [])  # (the package made all the same)
    return errors.OK


# the layers of the county's own a township's package carries whole (the plugin says the same)
WHOLE_IN_TOWNSHIP = ("carried whole, a township keeping only the plan's patches and projects "
                     "and their records: {layers}; to cut a layer of the county's own to the "
                     "township's area, check out by a box instead")


def _checkout(a) -> dict:
    if a.target == "qfield":
        from .. import qfield
        with progress_line.shown("checkout", a) as progress:
            info = qfield.checkout(a.master, a.out, a.device, township=a.township, bbox=a.bbox,
                                   patches=a.patches, features=_features_named(a.features),
                                   role=a.role, basemap=a.basemap,
                                   replace=a.replace, progress=progress)
        if info["finished"]:
            _tell(f"the checkout to {info['folder']} cut short before is finished")
        _tell(f"QField project {info['folder']} and {info['zip']} for device {info['device']} "
              f"({info['role']}), base {info['base']}")
    else:
        if a.basemap:
            raise errors.BadInput("--basemap goes with --for qfield")
        with progress_line.shown("checkout", a) as progress:
            info = masters.checkout(a.master, a.out, a.device, township=a.township,
                                    bbox=a.bbox, patches=a.patches,
                                    features=_features_named(a.features), role=a.role,
                                    replace=a.replace, progress=progress)
        if info.get("stale_removed"):
            _tell(f"the checkout to {a.out} cut short before is finished; "
                  f"{info['stale_removed']}, left by an earlier run of it and no longer "
                  "registered, was removed")
        elif info.get("finished"):
            _tell(f"the checkout to {a.out} cut short before is finished")
        _tell(f"field package {a.out} for device {info['device']} ({info['role']}), "
              f"base {info['base']}")
    return info


def _tell(line: str, indent: str = "") -> None:
    """A line of what a command did, on stdout, in Chinese too as :func:`_say` says one."""
    _say(line, to=sys.stdout, prefix=indent)


def _warn(warnings: list[str]) -> None:
    zh = command_line_language() == "zh"
    for warning in warnings:
        print(f"field-kit: warning: {warning}", file=sys.stderr)
        if zh and chinese(warning) != warning:
            print(f"field-kit: 注意：{chinese(warning)}", file=sys.stderr)


NOT_TRAVELLING = "not tracked, edits to it do not travel"
_NOT_TRACKED_ZH = {"not tracked": "未跟踪", NOT_TRAVELLING:
                   "未跟踪，对它的修改不会随数据包传送"}


def _print_not_tracked(said: str, tables: dict, indent: str = "") -> None:
    zh = command_line_language() == "zh"
    for t, why in tables.items():
        print(f"{indent}{said}: {t}: {why}")
        if not zh:
            continue
        why_zh = chinese(why)
        if why_zh == why:  # several reasons, each said alone
            why_zh = "；".join(chinese(part) for part in why.split("; "))
        if why_zh != why:
            print(f"{indent}{_NOT_TRACKED_ZH.get(said, said)}：{column_named(t)}：{why_zh}")


def _json_out(data) -> None:
    """Machine-readable output: one JSON document on stdout (keys in the README); ±Infinity
    as the change log writes it (JSON has no word for it)."""
    print(changelog.finite(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)))


def _capture_not_whole(path) -> list[drift.Drift]:
    """What ``status`` names as change capture not whole in the GeoPackage ``path`` (read
    once, read only). None for a PostgreSQL master, whose stage refuses every command
    before it reads anything where capture there is not whole (a table dropped there it
    warns of itself, to a command that only reads), nor for a file that cannot
    be read as one with capture (the command itself says what is wrong with it)."""
    if masters.is_postgres(path):
        return []
    with contextlib.suppress(errors.SyncError, sqlite3.Error, OSError), \
            contextlib.closing(connect(path, readonly=True)) as conn:
        return drift.broken(drift.find(conn))
    return []


def _capture_said(path, problems: list[drift.Drift], shown: bool) -> None:
    """Capture not whole in ``path``, said on stderr as ``status`` says it, each table named:
    by a command that ``shown`` the change log, which misses the edits made while capture
    was not whole; or as a warning by one that reads the data as it is, or only the sync's
    own tables."""
    if not problems:
        return
    renamed = [d for d in problems if d.kind == drift.TABLE_RENAMED]
    if shown:
        for d in problems:
            _say(f"change capture not whole: {d}")
        # (a table renamed took its triggers along: its edits are kept, under its old name)
        _say(drift.rename_back(masters.shown(path), renamed) if renamed else
             "edits made while capture was not whole are missing from the changes shown "
             f"until field-kit repair {in_command(path)} has looked")
        return
    _warn([f"change capture not whole: {d}" for d in problems] + [
        "this command reads the file as it is, but the sync (export, merge, pull) stops until "
        + ("the layers renamed are renamed back (field-kit status "
           f"{in_command(path)} says how)" if renamed else
           f"field-kit repair {in_command(path)} has looked: edits made while capture was "
           "not whole are not in the change log")])


def _status(conn, path: str) -> dict:
    from ..sync import added_again, drift, schema_changes
    st = changelog.state(conn)
    drifts = drift.find(conn)  # read once: capture, pending edits and schema changes
    out = {"file": path, "kind": st["kind"], "device": st["device"], "role": st["role"],
           "project": st["project_uuid"], "base_seq": st["base_seq"],
           "exported_seq": st["exported_seq"],
           "capture_problems": [str(d) for d in drift.broken(drifts)],
           # which master: two made from one plan share their project
           **master_id.said(conn)}
    renamed = [d for d in drifts if d.kind == drift.TABLE_RENAMED]
    if renamed:
        out["rename_back"] = drift.rename_back(path, renamed)
    if out["capture_problems"]:
        return out
    if st["kind"] == changelog.PACKAGE:
        out["changes_waiting"] = changelog.pending(conn, drifts)
        out["waiting"] = waiting_edits.waiting(conn, drifts)
        out["columns_added_again"] = added_again.said(conn, drifts)  # the master's: no change
        out["schema_changes_waiting"] = schema_changes.waiting(conn, drifts,
                                                               out["columns_added_again"])
        out["schema_own"] = schema_changes.own(conn, drifts, out["columns_added_again"])
        out["pull_refused"] = refused_pull(conn)
        out["clock"] = device_clock.said(conn)  # (a clock reading before the checkout)
    else:
        out["devices"] = [dict(zip(("device", "role", "base_seq", "merged_seq"), d))
                          for d in conn.execute("SELECT device, role, base_seq, merged_seq "
                                                "FROM sync_devices ORDER BY device")]
        out["merges"] = merge.merges_of(conn)
        out["schema_added"] = schema_changes.added_since(drifts)
        out["grants_ignored"] = registry.grants_ignored(conn)
        behind = device_clock.master_behind(conn)  # (the next merge would be dated by it)
        out["clock"] = [behind] if behind else []
    out["not_tracked"] = drift.not_tracked(conn, drifts)
    out["open_conflicts"] = conn.execute("SELECT count(*) FROM sync_conflicts WHERE status = "
                                         "'open'").fetchone()[0]
    return out


def cmd_status(a) -> int:
    a.gpkg = _package(a.gpkg)
    with masters.master_file(a.gpkg, needs="status") as path:
        conn = connect(path, readonly=True)
        try:
            s = _status(conn, masters.shown(a.gpkg))
            if "not_tracked" in s and not masters.is_postgres(a.gpkg):  # (PostgreSQL has
                s["not_tracked"] = {**registry.unlisted(conn), **s["not_tracked"]}  # no list)
            if s["kind"] == changelog.PACKAGE:  # (said until the next export settles it)
                s["export_cut_short"] = cut_short.found(conn)
            if s["kind"] == changelog.PACKAGE and not s["capture_problems"]:
                from ..qfield.project_folder import at_export, photos_unread
                s.update(photos_unread(conn, a.gpkg))  # (a QField project's DCIM/)
                if "photos_to_read" in s:  # each read or deleted by the export: a change
                    s["changes_at_export"] = at_export(s, s["changes_waiting"])
        finally:
            conn.close()
    if s["kind"] != changelog.PACKAGE:
        s["capture_unwatched"] = masters.capture_unwatched(a.gpkg)
        s["key_references"] = masters.key_references(a.gpkg)
        if not s["capture_problems"]:
            shaped, coded = masters.waiting_to_follow(a.gpkg)
            s["to_follow"] = {"shapes": shaped, "codes": coded}
    code = (errors.CAPTURE_BROKEN if s["capture_problems"] else
            errors.CONFLICTS if s.get("open_conflicts") else errors.OK)
    if s.get("merges"):  # each merge's conflicts, a field each, and those of them open yet
        fields, still, dropped = masters.fields_settled(
            a.gpkg, [m["merge_id"] for m in s["merges"] if m["conflicts"]])
        for m in s["merges"]:  # (those closed with their layer apart: nobody settled them)
            m.update(conflicts_open=still[m["merge_id"]],
                     conflicts_dropped=dropped[m["merge_id"]],
                     conflicts_settled=0 if m["undone_at"] else fields[m["merge_id"]]
                     - still[m["merge_id"]] - dropped[m["merge_id"]])
    if a.json:
        _json_out(s)
        return code
    # a master by its name (a service's default schema, two copies of one plan told apart)
    read = f" {s['file']}" if s["kind"] != changelog.PACKAGE else ""
    _tell(f"{s['kind']}{read}: device {s['device']} ({s['role']}), project {s['project']}")
    if s["kind"] != changelog.PACKAGE:
        _tell(f"master id {s['master_id']}" if s["master_id"] else
              "master id: none yet (given at its next checkout, or by field-kit init)")
    elif s["checked_out_from"]:  # (none recorded by a package from before the record)
        _tell("checked out from {name} (master {master})".format(**s["checked_out_from"]))
    if s["capture_problems"]:
        for d in s["capture_problems"]:
            _tell(f"change capture not whole: {d}")
        if "rename_back" in s:
            _say(s["rename_back"])
        else:
            _tell(f"edits may be missing from the change log: run field-kit repair "
                  f"{in_command(a.gpkg)}")
        return code
    if s["kind"] == changelog.PACKAGE:
        _tell(f"base {s['base_seq']}, exported up to {s['exported_seq']}, "
              f"changes waiting {s['changes_waiting']}")
        _cut_short_said(s["export_cut_short"])
        _warn(s["clock"])
        for layer in s["waiting"]:
            lines = waiting_edits.said(layer)
            _tell(lines[0])
            for line in lines[1:]:
                _tell(line, "  ")
        from ..qfield.project_folder import unread_said
        for line in unread_said(s, a.gpkg, s["changes_waiting"]):
            _tell(line)
        if s["schema_changes_waiting"]:
            _tell(f"schema changes waiting: {', '.join(s['schema_changes_waiting'])}")
        _schema_refused(s["role"], s["schema_own"], "  " if s["schema_changes_waiting"] else "")
        for name in s["columns_added_again"]:
            _tell(added_again.waiting(name))
        _pull_refused(s["pull_refused"])
        _print_not_tracked("not tracked", s["not_tracked"])
    else:
        for d in s["devices"]:
            _tell(f"device {d['device']} ({d['role']}): base {d['base_seq']}, merged up to "
                  f"{d['merged_seq']}")
        for m in s["merges"]:
            undone = f", undone {local_time(m['undone_at'])}" if m["undone_at"] else ""
            conflicts = _in_conflict(m["conflicts"], fields[m["merge_id"]], bool(undone),
                                     still[m["merge_id"]], dropped[m["merge_id"]])
            _tell(f"merge {m['merge_id']} {m['package']} from {m['device']} at "
                  f"{local_time(m['at'])}: "
                  f"applied {m['applied']}, already {m['already']}, conflicts "
                  f"{conflicts}, "
                  f"refused {m['refused']}{undone}")
            _added_said(m["layers_added"], m["columns_added"])
        if s["schema_added"]:
            _tell(f"added since the last command, tracked by the next: "
                  f"{', '.join(s['schema_added'])}")
        for said in _to_follow(s["to_follow"]):
            _tell(said)
        _warn(s["clock"])
        _print_not_tracked("not tracked", s["not_tracked"])
        for said in [s["capture_unwatched"], *s["key_references"], *s["grants_ignored"]]:
            if said:
                _tell(f"warning: {said}")
    _tell(f"open conflicts {s['open_conflicts']}")
    return code


def _to_follow(waiting: dict) -> list[str]:
    """What status says of the master's own edits that the next command reading its data
    follows: shapes waiting for their area and centre, rows for the codes they name."""
    nxt = "(the next merge, pull, checkout, progress, report or check-plan follows them)"
    return ([f"shapes edited in the master itself wait for their area and centre in "
             f"{', '.join(waiting['shapes'])} {nxt}"] if waiting["shapes"] else []) + (
        [f"codes changed in the master itself wait to be given to the rows of "
         f"{', '.join(waiting['codes'])} naming them {nxt}"] if waiting["codes"] else [])


def _pull_refused(note: dict | None) -> None:
    """Status of a package whose last pull was refused: that it was, why, and the edits it
    exported that the master did not hold then, which nothing else counts as waiting."""
    if note is None:
        return
    _tell(f"the last pull ({local_time(note['at'])}) was refused, nothing was pulled (base "
          f"still {note['base']}); it said:")
    _tell(note["reason"], "  ")
    if note.get("columns_give_way"):
        _tell(COLUMNS_GIVE_WAY_NOW)
    seqs = note["not_merged"]
    if seqs:
        _tell(f"{len(seqs)} change(s) this package exported (seq {seqs[0]}-{seqs[-1]}) were "
              "not in the master at that pull: they still wait for it, not counted as waiting "
              "above (an export not merged yet, or refused: field-kit export --all sends "
              "them again)")


def _change_json(c: dict) -> dict:
    out = dict(c)
    for k in ("old", "new"):
        if isinstance(out[k], str):
            out[k] = changelog.loads(out[k])
    return out


def _show_zh(value) -> str:
    """A value as a Chinese line shows it: empty (NULL) as 空, else as :func:`_show`."""
    return "空" if value is None else _show(value, zh=True)


def _print_change(c: dict) -> None:
    zh = command_line_language() == "zh"
    # a decision's change by whoever settled it, said in the user's language
    settled = "处理人" if zh else "settled by"
    device = device_in_chinese(c["device"]) if zh else c["device"]  # (the master's: 主库)
    who = device if c.get("by", c["device"]) == c["device"] else f"{settled} {c['by']}"
    # local time with its offset: read where it was made, exact wherever it is read
    at = changelog.local_time(c["at"], "%Y-%m-%d %H:%M:%S%z")
    # where it came from, what it did and to which layer, then the row's and the change's ids
    done, change, unsealed = (change_in_chinese(c["origin"], c["op"], c["tbl"]), "变更",
                              "（未封存）") if zh else \
        (f"{c['origin']} {c['op']} {c['tbl']}", "change", "(unsealed)")
    if c.get("as_found"):  # the row as its table's capture found it: no edit made then
        done = f"开始记录变更前已有 {column_named(c['tbl'])}" if zh \
            else f"held before capture {c['tbl']}"
    print(f"{c['seq']} {at} {who} {done} {c['row_uuid']} {change} {c['change_uuid'] or unsealed}")
    kind, _, source = (c["origin"] or "").partition(":")
    if kind == IMPORTED:  # (the header's origin names the file too, for scripts)
        _tell(f"(imported from {source})", "    ")
    if c.get("as_found"):
        _tell(f"(the row as it was when change capture began on {c['tbl']}: put in before "
              "then, not an edit made at that time)", "    ")
    old, new = (changelog.loads(c[k]) if isinstance(c[k], str) else c[k] for k in ("old", "new"))
    # each field by its column, in Chinese by its label (an empty value as 空)
    named = (lambda f: field_label(c["tbl"], f)) if zh else (lambda f: f)
    show = _show_zh if zh else _show
    if old is None or new is None:  # an insert or delete: the row's values, empty ones left out
        for f, v in sorted((old or new or {}).items()):
            if v is not None:
                print(f"    {named(f)}: {show(v)}")
        return
    for f in sorted(set(old) | set(new)):
        print(f"    {named(f)}: {show(old.get(f))} -> {show(new.get(f))}")


def cmd_log(a) -> int:
    a.gpkg = _package(a.gpkg)
    with masters.master_file(a.gpkg, needs="log", limit=a.limit) as path:
        conn = connect(path, readonly=True)
        try:
            rows = drift.as_found(conn, merge.with_settlers(conn, changelog.log(conn,
                                                                                limit=a.limit)))
            drifts = drift.find(conn)  # (read once: capture, and what it logs next)
            later = drift.unlogged(conn, drifts)
        finally:
            conn.close()
    problems = drift.broken(drifts)  # (as status reads them: a PostgreSQL master's stage)
    _capture_said(a.gpkg, problems, shown=True)
    code = errors.CAPTURE_BROKEN if problems else errors.OK
    if a.json:
        _json_out(_log_json([_change_json(c) for c in rows], problems, later))
        return code
    if later:  # counted by status as waiting: said here, where they are not listed yet
        _tell(f"{later} value(s) in columns or tables added or renamed since the last command "
              "that wrote, not in the log yet: the next one logs them (export, merge, pull)")
    for c in rows:
        _print_change(c)
    return code


def _log_json(changes: list, problems: list[drift.Drift], not_logged_yet: int) -> dict:
    """What ``log`` gives with ``--json``, one object whatever the case (its keys in the
    README): :func:`_changes_json`'s keys and ``not_logged_yet``, how many values in columns
    or tables added or renamed since the last command that wrote the log does not hold yet
    (0 where none; the next export, merge or pull logs them)."""
    return {**_changes_json(changes, problems), "not_logged_yet": not_logged_yet}


def _changes_json(changes: list, problems: list[drift.Drift]) -> dict:
    """What ``log`` and ``history`` both give with ``--json``: ``changes``, the list of
    changes, and ``capture_problems``, what is wrong where the file's capture is not whole
    (``status``'s), empty where it is whole."""
    return {"capture_problems": [str(d) for d in problems], "changes": changes}


def _history_json(changes: list, problems: list[drift.Drift], rewritten: list,
                  open_conflicts: list, asked: dict) -> dict:
    """What ``history`` gives with ``--json``, one object whatever the case:
    :func:`_changes_json`'s keys; three lists, each empty where it has nothing:
    ``rewritten``, the rewrites of the row's layer found in the master, each with the line
    the text says, and ``dropped``, the drop of its layer from the master since (both from
    ``rewritten``, as :func:`field_kit.sync.masters.rewrite_in_history` gives them), and
    ``open_conflicts``, the row's (:func:`_conflicts_json`); and what ``asked`` says of a
    row asked by its code (:func:`_named_by_code`): ``row``, null where asked by its uuid,
    ``also_named`` and ``records``."""
    return {**_changes_json(changes, problems),
            "rewritten": [r for r in rewritten if r["kind"] != LAYER_DROPPED],
            "dropped": [r for r in rewritten if r["kind"] == LAYER_DROPPED],
            "open_conflicts": open_conflicts,
            **{k: asked[k] for k in NOT_BY_CODE}}


def _refused_ahead(pkg, everything: bool) -> dict:
    """The edits an export of ``pkg`` carries that the master will refuse, the package's
    role not given them (:func:`waiting_edits.refused_ahead`); none where it cannot be read
    (the export says why)."""
    try:
        conn = connect(pkg, readonly=True)
    except errors.SyncError:
        return {}
    try:
        if not changelog.is_installed(conn):
            return {}
        return waiting_edits.refused_ahead(conn, 0 if everything else None)
    except (errors.SyncError, sqlite3.Error):
        return {}
    finally:
        conn.close()


def cmd_export(a) -> int:
    from .. import qfield  # a QField project folder or zip: its photos come in first
    # what can be seen of where the change package goes (a folder in the way, a GeoPackage,
    # its folder gone or read-only): said before they do, the package as it was
    try:
        packages.refuse_out(a.pkg, a.out)
    except errors.SyncError:
        # an export cut short before it: said and its unfinished file removed all the same
        given = os.fspath(a.pkg)
        _cut_short_said(cut_short.settle_file(
            os.path.join(given, db.QFIELD_PACKAGE) if os.path.isdir(given) else given),
            export=True)
        raise
    said: list[str] = []
    pkg, brought, made = qfield.prepare_export(a.pkg, said, qfield.photo_shrinker())
    for line in said:
        _tell(line)
    for name in brought:
        _tell(f"photo brought in: {name}")
    refused = _refused_ahead(pkg, a.all)  # (read before the export seals the edits)
    with contextlib.closing(connect(pkg, readonly=True)) as conn:
        _warn(device_clock.said(conn))  # (before the edits so dated travel)
    # an export stopped as it wrote: said first (whatever this one meets), its unfinished
    # file removed before this one takes room on the stick
    _cut_short_said(cut_short.settle_file(pkg), export=True)
    with progress_line.shown("export", a) as progress:
        # (what it tells is of the photos, each as it is written into the package)
        m = packages.export(pkg, a.out, everything=a.all, progress=None if progress is None
                            else lambda written, photos: progress(written / max(photos, 1)))
    _cut_short_said(m.get("cut_short"), export=True)
    n = m["counts"]["changes"]
    not_again = ([f"{m['not_again']} edit(s) the master refused are not sent again: a pull "
                  "gave them up for the master's values or logged them again as new copies"]
                 if m.get("not_again") else [])
    if m.get("not_again_rewritten"):  # (named by the pull that brought the layer)
        not_again.append(f"{m['not_again_rewritten']} edit(s) of a layer the master rewrote "
                         "are not sent: the pull that brought the layer as the master holds "
                         "it named them, to enter again")
    if not n and not m.get("members"):
        _tell("nothing to export: no local changes since checkout" if a.all else
              "nothing to export: no local changes since the last export")
        for line in not_again:
            _tell(line, "  ")
        _print_not_tracked(NOT_TRAVELLING, m.get("not_tracked") or {}, "  ")
        _schema_refused(m["role"], m.get("schema_own") or [], "  ")
        return errors.OK
    seqs = f" (seq {m['seq_from']}-{m['seq_to']})" if n else ""
    _tell(f"{a.out}: {counted(n, 'change')}{seqs}, "
          f"{counted(m['counts'].get('attachments', 0), 'attachment')}, device {m['device']}")
    if made and n:  # (status counts these apart from the changes waiting)
        edits = f"{n - made} change(s) since checkout" if a.all else \
            f"the {n - made} change(s) waiting"
        _tell(f"of them: {edits} and {made} made by reading in the project's photos", "  ")
    for line in not_again:
        _tell(line, "  ")
    for line in waiting_edits.refused_said(refused):
        _tell(line, "  ")
    _print_not_tracked(NOT_TRAVELLING, m.get("not_tracked") or {}, "  ")
    if m.get("unmarked"):
        print(f"field-kit: {a.out} is whole and can be merged, but {pkg} could not note that "
              f"it was sent ({m['unmarked']}): the next export carries these changes again "
              "(merging them twice changes nothing)", file=sys.stderr)
    if m.get("schema_changes"):
        _tell(f"schema changes: {', '.join(m['schema_changes'])}", "  ")
    _schema_refused(m["role"], m.get("schema_own") or m.get("schema_changes") or [], "  ")
    return errors.OK


def _cut_short_said(met: dict | None, export: bool = False) -> None:
    """An export the package was stopped in (killed, the power gone), if any."""
    if met:
        lines = cut_short.said(met, export)
        _tell(lines[0])
        for line in lines[1:]:
            _tell(line, "  ")


def _schema_refused(role: str, changes: list[str], indent: str) -> None:
    """What the master will refuse of the layers and columns a package of ``role`` added.
    Said by ``status`` and ``export`` for as long as the package holds them, carried or
    not (the master refuses every edit that fills one)."""
    from ..sync import schema_changes
    for line in schema_changes.refused_said(role, changes):
        _tell(line, indent)


def cmd_merge(a) -> int:
    with progress_line.shown("merge", a) as progress:
        rep = masters.merge(a.master, a.packages, max_bytes=int(a.max_size * 1024 * 1024),
                            name_all=a.verbose, progress=progress)
    t = rep.totals
    # a package merged again, nothing new in it: the conflicts its merge recorded that are
    # open yet leave it as that merge left it (they are that merge's: not counted again)
    open_before = masters.fields_in_conflict(
        a.master, [m for r in rep.results for m in r.merged_before])
    still = [sum(open_before[m] for m in r.merged_before) for r in rep.results]
    code = (errors.REFUSED if rep.refused or t["refused"] else
            errors.CONFLICTS if t["conflict"] or any(still) else errors.OK)
    in_part: dict = {}
    settle = masters.to_settle(a.master, rep, in_part)
    if a.json:
        fields = sum(settle.get(r.merge_id, r.counts["conflict"]) for r in rep.results)
        _json_out({
            # went_in: the changes the master took, whole or in part, as the text's "applied"
            "exit_code": code, "totals": {**t, "conflict_fields": fields,
                                          "went_in": sum(r.went_in for r in rep.results)},
            # this computer's clock reading before the master's last merge, said
            "master_clock_behind": rep.clock_behind,
            "refused": [{"package": p, "reason": r} for p, r in rep.refused],
            "derived": [dataclasses.asdict(f) for f in rep.derived],
            # (in_master in each: a warning of the merge's own values is no master's)
            "codes_followed": [{"in_master": False, **dataclasses.asdict(f), "said": f.said()}
                               for f in rep.codes_followed],
            # table -> rows the master's own triggers wrote, logged as its own edits
            "triggers_wrote": getattr(rep, "triggers_wrote", None) or {},
            "merges": [{"merge_id": r.merge_id or None, "merged_before": r.merged_before,
                        # then: the conflicts those merges recorded open yet, a field each
                        "still_to_settle": left,
                        "package": r.source, "device": r.device,
                        "counts": r.counts, "layers_added": r.layers,
                        # changes in conflict the master took all of (counted as conflicts)
                        "written_over_conflict": r.written_over,
                        # those applied, written over a conflict or applied in part
                        "went_in": r.went_in,
                        # the changes this package's first merge refused, decided again now
                        "refused_before": None if r.refused_before is None else dict(zip(
                            ("merge_id", "at", "refused_again", "not_refused_now"),
                            r.refused_before)),
                        # the conflicts to settle, a field each, as `conflicts` lists them
                        "conflict_fields": settle.get(r.merge_id, r.counts["conflict"]),
                        # changes of which some fields went in, one or more in conflict
                        # (fields_in_conflict: those held; fields_taken_over_conflict: those
                        # taken, the later edits, whose conflicts keep the values replaced)
                        "applied_in_part": dict(zip(("changes", "fields_taken",
                                                     "fields_in_conflict",
                                                     "fields_taken_over_conflict"),
                                                    in_part.get(r.merge_id, (0, 0, 0, 0)))),
                        "columns_added": r.schema,
                        # its edits dated after the merge or before its checkout
                        "clock": [dict(zip(("kind", "edits", "earliest", "latest", "against"),
                                           c)) for c in r.clock],
                        # its conflicts lost to other devices' edits dated after the merge
                        "met_dated_ahead": None if r.met_ahead is None else dict(zip(
                            ("conflicts", "devices", "earliest", "latest", "against"),
                            r.met_ahead)),
                        "outcomes": [{**o._asdict(), "name": r.names.get((o.table, o.row))}
                                     for o in r.outcomes
                                     if a.verbose or o.status in ("conflict", "refused")]}
                       for r, left in zip(rep.results, still)]})
        return code
    _warn([rep.clock_behind] if rep.clock_behind else [])
    zh = command_line_language() == "zh"
    for _path, reason in rep.refused:
        print(f"REFUSED {reason}")
        if zh and chinese(reason) != reason:
            print(f"  已拒收：{chinese(reason)}")
    def listed(r) -> list:
        return [o for o in r.outcomes if o.status in ("conflict", "refused") or a.verbose]
    # a row by its patch, project or record where it has one (--json: the uuid), with its
    # uuid too where another row listed (of any package) has that name as well
    shared = Counter(name for name in {(o.table, o.row): r.names.get((o.table, o.row))
                                       for r in rep.results for o in listed(r)}.values())
    for r, left in zip(rep.results, still):
        c = r.counts
        counts = (f"applied {r.went_in}, already applied {c['already']}, conflicts "
                  f"{_in_conflict(c['conflict'], settle.get(r.merge_id))}, refused "
                  f"{c['refused']}")
        if r.merge_id:
            _tell(f"merge {r.merge_id} {r.source} from {r.device}: {counts}")
        else:  # no merge recorded: no id to give
            by = f"merged before by merge {', '.join(r.merged_before)}" if r.merged_before \
                else "nothing new in it"
            _tell(f"{r.source} from {r.device}: {by}, not recorded again: {counts}")
            if left:
                _tell(f"{left} conflict(s) its merge recorded still to settle: field-kit "
                      "conflicts lists them, field-kit resolve settles them", "  ")
        for line in r.counts_said():
            _tell(line, "  ")
        if r.merge_id in in_part:
            _tell(in_part_said(*in_part[r.merge_id]), "  ")
        _added_said(r.layers, r.schema)
        for o in listed(r):
            name = r.names.get((o.table, o.row))
            row = o.row if name is None else f"{name} (row {o.row})" if shared[name] > 1 \
                else name
            _tell(f"{o.status} {o.op} {o.table} {row} change {o.change}"
                  f"{': ' + o.reason if o.reason else ''}", "  ")
    _derived(rep.derived)
    _codes_followed(rep.codes_followed)
    wrote = getattr(rep, "triggers_wrote", None)
    if wrote:
        _tell(TRIGGERS_WROTE.format(counted=", ".join(
            f"{tbl} ({counted(n, 'row')})" for tbl, n in wrote.items())))
    return code


TRIGGERS_WROTE = ("the master's own triggers wrote as the merge wrote, logged as the master's "
                  "own edits, which pulls bring: {counted}")


def _added_said(layers: list[str], columns: list[str]) -> None:
    """The layers and the columns ("table.column") a merge added to the master, a line
    each under the merge, as merge and status say them."""
    for added in layers:
        _tell(f"added to the master: layer {added}", "  ")
    for added in columns:
        _tell(f"added to the master: column {added}", "  ")


def _codes_followed(followed: list) -> None:
    """The codes a command gave rows of the rows they name on stdout; rows left naming
    none as warnings."""
    for f in followed:
        if not f.warning:
            _tell(f.said())
    _warn([f.said() for f in followed if f.warning])


def _in_conflict(changes: int, fields: int | None, undone: bool = False,
                 still: int | None = None, dropped: int = 0) -> str:
    """A merge's (or a pull's) conflicts as ``field-kit conflicts`` lists them to settle (a
    field or a whole row each), with the changes they are in: said alike everywhere; those
    of a merge ``undone``, closed with it; ``still``: how many are open yet (None: all);
    ``dropped``: how many were closed with their layer."""
    got = outcomes.to_settle(changes, fields)
    if got is None:
        return "0"
    settled = got[0] - (still or 0) - dropped
    # (those closed with their layer counted apart: nobody settled them)
    how = {"undone": "closed by the undo", "open": "to settle", "settled": "settled",
           "dropped": "closed as dropped", "part": f"({still} to settle)",
           "settled_dropped": f"({settled} settled, {dropped} closed as dropped)",
           "part_dropped": f"({still} to settle, {dropped} closed as dropped)"}[
        outcomes.settled_how(got[0], undone, still, dropped)]
    return f"{got[0]} {how} in {got[1]} change(s)"


def _derived(followed: list, *, each: bool = False) -> None:
    """What became of the area and centre of the shapes a command wrote: those recomputed
    on stdout, those not (and why) as warnings; in Chinese too where the locale is."""
    for line in rederive.said([f for f in followed if f.why is None], each=each):
        _tell(line)
    _warn([f.said() for f in followed if f.why is not None])


def cmd_conflicts(a) -> int:
    if os.path.isfile(os.path.join(a.master, db.QFIELD_PACKAGE)):  # a QField project folder:
        a.master = _package(a.master)  # its package's conflicts, as status counts them
    with masters.master_file(a.master, needs="conflicts", every=a.every) as path:
        rows = merge.conflicts(path, status=None if a.every else "open")
        names = conflict_names(path, rows)  # as resolve and a merge name them
        held = {} if a.json else held_by(path, rows)  # whose value "ours" is
        undone = _undone_at(path) if any(c.status == "undone" for c in rows) else {}
        labels = {} if a.json else _code_labels(path, rows)
        # a field package's conflicts were met at its pulls (a PostgreSQL master is none)
        pulls = not masters.is_postgres(a.master) and masters.is_field_package(path)
        # a side dated after its edit was merged (or after now): its device's clock was wrong
        ahead = device_clock.conflicts_ahead(path, rows, None if a.json else held)
    # (settled or not, a conflict is right as it is: the edits that made it were logged)
    _capture_said(a.master, _capture_not_whole(a.master), shown=False)
    code = errors.CONFLICTS if any(c.status == "open" for c in rows) else errors.OK
    if a.json:
        _json_out([{**c.as_dict(), "name": names[(c.tbl, c.row_uuid)],
                    "clock_ahead": [side.as_json() for side in ahead.get(c.id, [])]}
                   for c in rows])
        return code
    if rows:  # thousands of lines follow: what they come to first (and last, counted)
        _tell(_conflicts_summed(rows, every=a.every, pulls=pulls))
    zh = command_line_language() == "zh"
    for c in rows:
        what = c.field or "(row)"
        # the row as people know it, with the uuid field-kit history takes
        row = with_uuid(names[(c.tbl, c.row_uuid)], c.row_uuid)
        sides = (_side(_show, c, c.ancestor, labels, EN) if c.ancestor_known else
                 UNKNOWN_SHOWN(EN), *(_side(_show, c, v, labels, EN) for v in (c.ours, c.theirs)))
        # whose value each side is: "theirs" set aside, "ours" the one the master holds
        print(f"#{c.id} {c.status} {c.kind} {c.tbl} {row} {what} {c.whose(held[c.id])}")
        print("    ancestor {} | ours {} | theirs {}".format(*sides))
        if zh:
            print(_conflict_in_chinese(c, row.replace(" (row ", "（要素 ").replace(")", "）"),
                                       held[c.id]))
            print("    共同祖先 {} ｜ 主库现值（ours）{} ｜ 另一方（theirs）{}".format(
                _side(_show_zh, c, c.ancestor, labels, ZH) if c.ancestor_known else
                UNKNOWN_SHOWN(ZH),
                *(_side(_show_zh, c, v, labels, ZH) for v in (c.ours, c.theirs))))
        if c.changed_since:  # settling it other than by keeping "ours" is refused
            _tell(f"later edit: {c.how_changed()}", "    ")
        for side in ahead.get(c.id, []):  # (its time is no guide to which edit was later)
            _tell(side.said(), "    ")
        if c.resolution:  # the decision: it is a change in history only where it changed one
            print(f"    {_resolution_said(c.resolution)} by {c.resolved_by} at "
                  f"{local_time(c.resolved_at)}")
            if zh:
                print(f"    处理：{_resolution_in_chinese(c.resolution)}，处理人 {c.resolved_by}，"
                      f"时间 {local_time(c.resolved_at)}")
        if c.status == "undone" and c.merge_id in undone:  # when, and by which undo
            _tell(f"undone with merge {c.merge_id} at {local_time(undone[c.merge_id])}", "    ")
        if c.status == DROPPED:  # (closed by repair, the layer gone: no decision)
            _tell(dropped_said(c.tbl, local_time(c.resolved_at)), "    ")
    _tell(f"{len(rows)} conflict(s)")
    return code


def _conflicts_summed(rows: list, *, every: bool, pulls: bool) -> str:
    """The conflicts listed in a line: how many (open), in how many merges (a field
    package's: pulls), and how many on each layer, the most first."""
    merges = f"{len({c.merge_id for c in rows})} {'pull' if pulls else 'merge'}(s)"
    still = sum(c.status == "open" for c in rows)
    head = f"{len(rows)} conflict(s) in {merges}, {still} of them open" if every else \
        f"{len(rows)} open conflict(s) in {merges}"
    layers = Counter(c.tbl for c in rows).most_common()
    return f"{head}: " + ", ".join(f"{tbl} {n}" for tbl, n in layers)


def _code_labels(path, rows) -> dict[tuple[str, str], dict]:
    """(layer, field) -> code -> its label, for the fields of ``rows`` a code list holds the
    codes of (a supervisor reads "B 已恢复治理", not "B"); none where the file has no lists."""
    from ..forms import definitions, store
    from ..sync import field_check
    with contextlib.closing(connect(path, readonly=True)) as conn:
        try:
            lists = store.load_code_lists(conn)
        except sqlite3.OperationalError:
            return {}
    out = {}
    # a field's conflict, and each field a whole row's sides name
    for tbl, fld in {(c.tbl, f) for c in rows for f in ([c.field] if c.field else [
            k for side in (c.ancestor, c.ours, c.theirs) if isinstance(side, dict)
            for k in side])}:
        form = definitions.BY_TABLE.get(tbl)
        field = (form.find(fld) if form is not None else None) or \
            field_check.coded_column(tbl, fld, lists)
        if field is not None and field.code_list in lists:
            out[(tbl, fld)] = {code.code: code.label for code in lists[field.code_list]}
    return out


def _side(show, c, value, labels: dict, lang: str) -> str:
    """A side of conflict ``c`` as ``show`` gives it, each code with its label (``labels``:
    :func:`_code_labels`); a whole row's by the fields in dispute (those its other sides
    name: a row that is there again holds every column), each named (in Chinese by its
    label)."""
    if c.field is None and value is None:  # (a row's side that is no row: its delete)
        return DELETED_SHOWN(lang).strip(" （）")
    if not isinstance(value, dict):
        return _coded(show, value, labels.get((c.tbl, c.field or ""), {}), lang)
    # the fields of the side that names fewest (an edit's), and those the sides hold apart
    # (a row's values when deleted against those it holds again)
    sides = [side for side in (c.ancestor, c.ours, c.theirs) if isinstance(side, dict)]
    fewest: dict = min(sides, key=len)
    disputed = set(fewest) | {
        k for k in set().union(*sides)
        if len({repr(side[k]) for side in sides if k in side}) > 1}
    shown = [(k, _coded(show, v, labels.get((c.tbl, k), {}), lang)) for k, v in value.items()
             if k in disputed or not disputed]
    if lang == ZH:
        return "{" + "，".join(f"{field_label(c.tbl, k)}：{v}" for k, v in shown) + "}"
    return "{" + ", ".join(f"{k}: {v}" for k, v in shown) + "}"


def _coded(show, value, labels: dict, lang: str) -> str:
    """``value`` as ``show`` gives it, and its code's label after it where it is one."""
    label = labels.get(str(value)) if value is not None and not isinstance(value, dict) \
        else None
    if label is None:
        return show(value)
    return f"{show(value)}（{label(lang)}）" if lang == ZH else f"{show(value)} ({label(lang)})"


def _undone_at(path) -> dict[str, str]:
    """Merge id -> when it was undone, of the merges undone."""
    with contextlib.closing(connect(path, readonly=True)) as conn:
        return dict(conn.execute("SELECT merge_id, undone_at FROM sync_merges WHERE "
                                 "undone_at IS NOT NULL"))


_STATES_ZH = {"open": "未处理", "resolved": "已处理", "undone": "已随合并撤销",
              DROPPED: "已随图层删除关闭"}
# the merge's kinds of conflict (this side's edit / the other's); update/newer: an edit older
# than the value it met
_KINDS_ZH = {"update/update": "修改/修改", "update/delete": "修改/删除",
             "delete/update": "删除/修改", "insert/insert": "新增/新增",
             "update/newer": "修改/较新的修改"}
_TAKEN_ZH = {"ancestor": "采用共同祖先值", "ours": "采用主库现值（ours）",
             "theirs": "采用另一方的值（theirs）"}


def _emptied(resolution: str) -> bool:
    """Whether the decision typed a value that empties the field (--value '' or NULL)."""
    how, _, what = resolution.partition(":")
    return how == "value" and merge.empties(what)


def _resolution_said(resolution: str) -> str:
    """How a conflict was settled, as the command line takes it (take:SIDE, value:VALUE);
    a field emptied said so, not as a value left blank."""
    if _emptied(resolution):
        return "value: emptied (NULL)"
    how, _, what = resolution.partition(":")
    return f"value:{_typed(what)}" if how == "value" else resolution


def _typed(value: str) -> str:
    """A value typed to settle a conflict, as it was typed; quoted as the sides are where a
    line break, a tab or a space at either end would not show as it is."""
    return value if value.isprintable() and value == value.strip() else \
        json.dumps(value, ensure_ascii=False)


def _resolution_in_chinese(resolution: str) -> str:
    """How a conflict was settled (take:SIDE, value:VALUE, a pull's "settled in the
    master"), in Chinese; one not known as it is."""
    how, _, what = resolution.partition(":")
    if how == "take" and what in _TAKEN_ZH:
        return _TAKEN_ZH[what]
    if _emptied(resolution):
        return "清空该字段（NULL）"
    if how == "value":
        return f"改为指定值 {_typed(what)}"
    return "已在主库中处理" if resolution == "settled in the master" else resolution


def _conflict_in_chinese(c, row: str, held: dict | None) -> str:
    """A conflict's head line, in Chinese (``held``: the edit that gave "ours"): the layer by
    its title, the field by its label (a full-width bracket takes no space after it)."""
    what = f"字段 {field_label(c.tbl, c.field)}" if c.field else "整个要素"
    return (f"#{c.id} {_STATES_ZH.get(c.status, c.status)} {_KINDS_ZH.get(c.kind, c.kind)} "
            f"{column_named(c.tbl)} {row}{'' if row.endswith('）') else ' '}{what} "
            f"{c.whose(held, ZH)}")


def cmd_resolve(a) -> int:
    if a.id and a.all is not None:
        raise errors.BadInput("give conflict IDs or --all MERGE_ID|PACKAGE|DEVICE, not both")
    if (not a.id) == (a.all is None):
        raise errors.BadInput("give a conflict ID, or --all MERGE_ID|PACKAGE|DEVICE")
    derived: list = []
    told: list[str] = []
    settled: list = []
    ids = masters.resolve(a.master, a.id or None, take=a.take, value=a.value, all_of=a.all, by=a.by,
                          over_later_edit=a.over_later_edit, derived=derived, told=told,
                          settled=settled, shown=SHOWN_ROWS)
    if not ids:  # --all: nothing open from it (settled already)
        for line in told:
            _tell(line)
        return errors.OK
    # --all may settle tens of thousands: a few named, the rest counted
    named = ", ".join(map(str, ids[:SHOWN_ROWS]))
    _tell(f"resolved {len(ids)} conflict(s): {named}" if len(ids) <= SHOWN_ROWS else
          f"resolved {len(ids)} conflict(s): {named} and {len(ids) - SHOWN_ROWS} more "
          "(field-kit conflicts --every lists them)")
    for line in _settled(settled):
        _tell(line, "  ")
    for line in told:  # a field emptied: said above with its row where that was named
        emptied = re.fullmatch(r"conflict (\d+): \S+ emptied \(NULL\)", line)
        if emptied is None or int(emptied[1]) not in ids[:SHOWN_ROWS]:
            _tell(line, "  ")
    _derived(derived, each=True)
    return errors.OK


def _settled(settled: list) -> list[str]:
    """Each conflict settled: its row (as people know it, with its uuid), its field and what
    the master holds there now."""
    out = []
    for c, name, now, made in settled:
        row = c.row_uuid if name == c.row_uuid else f"{name} (row {c.row_uuid})"
        if c.field is None:
            # what the decision did to the row: put it back or deleted it only where it
            # found it otherwise; the master's own kept where ours was taken
            said = ["the row is put back" if made == "insert" else
                    "the row is deleted" if made == "delete" else
                    "the row stays deleted" if now is None else
                    "the master's row is kept as it is" if c.resolution == "take:ours" else
                    "the row is kept"]
            # and what it holds now in the fields in dispute (an ancestor taken changes them)
            said += [_holds(f, v) for f, v in (now or {}).items()]
        elif now is merge.ROW_GONE:  # (a decision on the row, of the same call, say)
            said = [f"{c.field} holds nothing: the row is deleted"]
        else:
            said = [_holds(c.field, now)]
        out += [f"conflict {c.id}: {c.tbl} {row} {line}" for line in said]
    return out


def _holds(field: str, value) -> str:
    """What a field holds once a conflict is settled: a value, or nothing (NULL)."""
    return f"{field} emptied (NULL)" if value is None else f"{field} now holds {_show(value)}"


def _still_open(master, package, replaced: list) -> None:
    """Of the values a pull replaced, those the master still holds in an open conflict, the
    device's value set aside there: a supervisor may yet choose it, said so (the package
    holds no conflict of its own for them). A conflict of the same field keeping another
    device's value aside is not one: this device's value is not there to choose."""
    if not replaced:
        return
    with contextlib.closing(connect(package, readonly=True)) as conn:
        device = changelog.state(conn)["device"]
    wanted = {(t, row, fld) for t, row, fld, *_ in replaced}
    held = [c for c in masters.conflicts(master)
            if (c.tbl, c.row_uuid, c.field) in wanted and c.device == device]
    if held:
        values = len({(c.tbl, c.row_uuid, c.field) for c in held})
        _tell(f"{values} of them still in open conflicts in the master, this device's "
              f"value set aside there, which a supervisor may still choose: "
              f"{', '.join(str(c.id) for c in held[:SHOWN_ROWS])}"
              f"{' …' if len(held) > SHOWN_ROWS else ''}", "  ")


def cmd_pull(a) -> int:
    from ..qfield import project_folder
    pulled = project_folder.pull(a.pkg, a.master)
    r = pulled.result
    c = r.counts
    # skipped by a package's cut or with a table brought whole: not "already" here
    left = Counter(o.reason for o in r.outcomes if o.status == "already"
                   and o.reason in (OUTSIDE, NOT_HERE, WITH_TABLE))
    _tell(f"pulled into {pulled.package}: applied {c['applied']}, already "
          f"{c['already'] - sum(left.values())}, conflicts "
          f"{_in_conflict(c['conflict'] - r.settled_here - r.met_again, r.conflicts)} (where "
          f"they clash, the package's unsent values kept), fields brought in "
          f"{len(r.fields_in)}")
    if r.own_settled:  # (counted by the package's own edits the master's changes met)
        _tell(f"{r.own_settled} change(s) met a conflict that a later change of the master "
              "settled: the package holds what the master holds, nothing to settle", "  ")
    if r.met_again:
        _tell(f"{r.met_again} change(s) met a conflict on a field a later change of the master "
              "wrote again: the conflict listed is the later one's, with the value the master "
              "holds now", "  ")
    if left[OUTSIDE]:
        _tell(f"{left[OUTSIDE]} new row(s) outside this package's township or area left out",
              "  ")
    if left[NOT_HERE]:
        _tell(f"{left[NOT_HERE]} change(s) of rows this package does not hold (outside its "
              "township or area, or deleted here) left out", "  ")
    if left[WITH_TABLE]:
        _tell(f"{left[WITH_TABLE]} change(s) of tables brought whole, as the master holds "
              "them now, not applied one by one", "  ")
    names = row_names(pulled.package, [(t, row) for t, row, *_ in
                                       r.kept + r.replaced + r.undone + r.brought])  # (once)
    _kept(names, r.kept)
    for changed in r.grants:
        _tell(f"grants changed: {changed}", "  ")
    for said in r.projects_said:
        _tell(said, "  ")
    for added in r.layers:
        _tell(f"added from the master: table {added}", "  ")
    for added in r.schema:
        _tell(f"added from the master: column {added}", "  ")
    for filled in r.refilled:
        _say(added_again.refilled(*filled), to=sys.stdout, prefix="  ")
    for gave in r.gave_way:  # (a column of the package's own: the master's stands)
        head, *values = gave.said()
        _tell(head, "  ")
        for value in values:
            _tell(value, "    ")
    for values, said in ((r.replaced, "are replaced by the master's, which holds another "
                                      "value"),
                         (r.undone, "are the master's again: the master undid the merge that "
                                    "applied them (undo-merge)")):
        if values:
            _tell(f"{len(values)} value(s) this device sent {said}:", "  ")
        for table, row, fld, ours, theirs in values:
            en, zh = (("emptied (NULL)", "已清空（NULL）") if theirs is None
                      else (_show(theirs), _show(theirs)))
            _row_line(names, table, row, fld, f": {_show(ours)} -> {en}",
                      f"：{_show_zh(ours)} -> {zh}")
    _still_open(a.master, pulled.package, r.replaced)
    for kind, said in (
            (BACK, "row(s) this device had deleted are back: the master kept them"),
            (GONE, "row(s) this device had edited are gone: the master deleted them"),
            (BACK_UNDONE, "row(s) this device had deleted are back: the master undid the "
                          "merge that deleted them (undo-merge)"),
            (GONE_UNDONE, "row(s) this device had edited are gone: the master undid the merge "
                          "that brought them (undo-merge)")):
        rows = [(t, row, name) for t, row, k, name in r.rows_settled if k == kind]
        if rows:
            _tell(f"{len(rows)} {said}:", "  ")
            for table, row, name in rows:
                _row_line({(table, row): name}, table, row)
    if r.closed:
        _tell(f"{r.closed} conflict(s) of this package are settled: it holds what the master "
              "holds", "  ")
    for tbl, n in sorted(r.dropped.items()):  # (the layer gone from the master: not settled)
        _tell(closed_with_layer(tbl, n), "  ")
    if r.resent:
        _tell(f"{len(r.resent)} edit(s) this device sent were refused by the master and are "
              "waiting to be sent again:", "  ")
        for *_, said in r.resent:
            _tell(said, "    ")
    for *_, said in r.given_up:  # (its role may never make it: not sent again)
        _tell(said, "  ")
    _derived(r.derived)
    _codes_followed(r.codes_followed)
    if r.as_stored:
        _tell(f"{len(r.as_stored)} value(s) this device sent now as the master stores them "
              f"(rounded to the column, a time in UTC): {', '.join(sorted(set(r.as_stored)))}",
              "  ")
    for line in not_brought_said(r.not_tracked):
        _tell(line, "  ")
    if r.brought:
        _tell(f"brought {len(r.brought)} row(s) now in this package's township or area, "
              "with their records and photos:")
    for table, row in r.brought:
        _row_line(names, table, row, indent="  ")
    if pulled.photos:
        # (beside the package: a project zipped with its folder inside sits a level down)
        here = os.path.dirname(os.path.abspath(pulled.package))
        _tell(f"{len(pulled.photos)} photo(s) written to {here}, as the master holds them: "
              f"{', '.join(pulled.photos)}")
    if pulled.project:
        _tell(f"{pulled.project} written again: the grants or layers the pull brought change "
              f"what QField shows and lets this device edit (the one it replaces kept as "
              f"{pulled.project_kept}: changes made to it in QGIS are there)")
    if pulled.zip:
        _tell(f"{pulled.zip} written again from the folder (for QField's import from ZIP)")
    _warn(pulled.warnings)
    for problem in pulled.problems:
        _say(problem)
    if pulled.problems:
        return errors.BAD_INPUT
    return errors.CONFLICTS if r.conflicts else errors.OK


def _row_said(names: dict, table: str, row: str, lang: str = "en") -> str:
    """A row a pull names: its table (in Chinese, its layer's title) and uuid, and its name
    where ``names`` gives one."""
    name = names.get((table, row))
    if lang == ZH:
        return f"{column_named(table)} {row}{f'（{name}）' if name and name != row else ''}"
    return f"{table} {row}{f' ({name})' if name and name != row else ''}"


def _field_of_zh(where: str, table: str, fld: str | None) -> str:
    """A row named in Chinese (``where``) and a field of it by its label: "…（名称）的备注",
    spaced after a uuid; the row alone without ``fld``."""
    if not fld:
        return where
    return f"{where}{' ' if where[-1:].isascii() else ''}的{field_label(table, fld)}"


def _row_line(names: dict, table: str, row: str, fld: str | None = None, said: str = "",
              zh: str = "", indent: str = "    ") -> None:
    """A line of a pull naming a row (and a field of it) and what became of it (``said``),
    and in Chinese too (``zh``) for a user who reads it, the layer by its title and the
    field by its label."""
    en = _row_said(names, table, row) + (f" {fld}" if fld else "") + said
    in_zh = _field_of_zh(_row_said(names, table, row, ZH), table, fld) + zh
    _say(en, in_zh, to=sys.stdout, prefix=indent)


def _kept(names: dict, kept: list) -> None:
    """Each conflict a pull met: the row (by its patch or project where it has one, in
    ``names``), the field, the value the package keeps and the master's."""
    for table, row, fld, ours, theirs in kept:
        where, where_zh = (_row_said(names, table, row, lang) for lang in ("en", ZH))
        if fld is not None:
            said = f"{fld}: the package keeps {_show(ours)}, the master holds {_show(theirs)}"
            zh = (f"冲突：{_field_of_zh(where_zh, table, fld)}：数据包保留 {_show_zh(ours)}，"
                  f"主库中为 {_show_zh(theirs)}")
        else:
            said = ("the package keeps the row deleted; the master edited it" if ours is None
                    else "the package keeps the row; the master deleted it")
            zh = f"冲突：{where_zh}：" + ("数据包保持该要素删除；主库修改了它" if ours is None
                                       else "数据包保留该要素；主库删除了它")
        _say(f"conflict: {where} {said}", zh, to=sys.stdout, prefix="  ")


def _as_code(master, typed: str, json_out: bool = False) -> str:
    """A code typed with spaces, in full-width characters or in small letters, as the
    master holds it (the import reads one so too), where only that form names a row; said
    (on stderr where the output is ``json_out``: stdout holds the one JSON document)."""
    plain = rules.plain_code(typed)
    if plain == typed or masters.history(master, typed) or masters.rows_named(master, typed) \
            or masters.rows_named(master, typed, before=True):
        return typed
    if not (masters.rows_named(master, plain) or masters.rows_named(master, plain, before=True)):
        return typed
    (_say if json_out else _tell)(f"{typed!r} read as {plain} (spaces taken out, full-width "
                                  "characters read as half-width, letters as capitals)")
    return plain


def cmd_history(a) -> int:
    a.row_uuid = _as_code(a.master, a.row_uuid, a.json)
    problems = _capture_not_whole(a.master)  # (the edits made meanwhile are not in it)
    _capture_said(a.master, problems, shown=True)
    code = errors.CAPTURE_BROKEN if problems else errors.OK
    rows = masters.history(a.master, a.row_uuid)
    asked = NOT_BY_CODE  # the row a code names, where asked by one (a patch by its code)
    if not rows:
        # (the text counts the changes of the records it names, each read of the master)
        asked, rows = _named_by_code(a.master, a.row_uuid, None if a.json else SHOWN_ROWS)
    row = asked["row"]["uuid"] if asked["row"] else a.row_uuid  # (its uuid, where asked so)
    if asked["row"]:
        if not a.json:
            _code_said(a, asked, rows)
        if not rows:
            if a.json:
                _json_out(_history_json([], problems, masters.rewrite_in_history(
                    a.master, row, [])[1], [], asked))
            else:
                _records_on(a, asked)
                _rewrite_said(a, row, [])
            return code
    if not rows:
        held = _rewrite_said(a, row, [], head=True)
        if held:  # a row given its uuid when its layer was found rewritten: none logged yet
            return code
        raise errors.BadInput(f"no recorded change for row {a.row_uuid} (history takes a "
                              "row's uuid, or a patch code, project id or program id, or a "
                              "feature's name): no row holds or held "
                              f"{a.row_uuid} as its code, id or name")
    if not asked["row"] and _became(rows) == "deleted":  # asked by its uuid: its records
        asked = _deleted_row(a.master, row, rows, None if a.json else SHOWN_ROWS)
    every, whose, labels = _row_conflicts(a.master, row, read_whose=not a.json)
    if a.json:
        _json_out(_history_json(rows, problems,
                                masters.rewrite_in_history(a.master, row, rows)[1],
                                _conflicts_json(a.master, every), asked))
        return code
    closed = closed_unlogged(rows, every)
    _open_conflicts_said(a.master, [c for c in every if c.status == "open"], whose, labels)
    # the changes and the conflicts closed with no change, in the order they came
    said = [(local_time(c["at"], "%Y-%m-%d %H:%M:%S%z"), 0, i) for i, c in enumerate(rows)] \
        + [(local_time(c.resolved_at, "%Y-%m-%d %H:%M:%S%z"), 1, i)
           for i, (c, _) in enumerate(closed)]
    for _, closing, i in sorted(said, key=lambda s: (s[0] or "", s[1], s[2])):
        if closing:
            _closed_said(*closed[i], labels)
        else:
            _print_change(rows[i])
    _rewrite_said(a, row, rows)
    _records_on(a, asked)
    return code


# what history --json gives of a row asked by its uuid: no code, no other row, no record
NOT_BY_CODE: dict = {"row": None, "also_named": [], "records": []}


def _named_by_code(master, code: str, counted: int | None = None
                   ) -> tuple[dict, list[dict]]:
    """What history says of the row ``code`` names (a patch code, a project id, a
    feature's name; a row deleted or renamed since, by the one it had), as ``--json`` gives
    it, and the row's changes: ``row`` (``table``, ``uuid``, ``code``, and ``since``: null
    where it holds the code yet, else ``deleted`` or ``renamed``), ``also_named`` (the rows
    deleted or renamed since that held it too: ``table``, ``uuid``, ``since`` and
    ``history``, the command that lists their changes) and ``records`` (on the patch or
    project: ``table``, ``uuid``, ``name``, ``date``, ``changes``: how many it has,
    ``named_by``: ``uuid``, or ``code`` for one holding no uuid of it, listed by the code
    alone, ``since``: null, or ``deleted`` for one deleted since, and ``history``;
    ``changes`` null after the first ``counted``, where given; a record of a row deleted or
    renamed since that held the code is that row's, not listed).
    :data:`NOT_BY_CODE` where no row holds or held it; a code several rows hold is refused,
    each named."""
    named = masters.rows_named(master, code)
    gone = not named
    if gone:  # a patch deleted or renamed since, by the code it had
        named = masters.rows_named(master, code, before=True)
    if len(named) > 1:
        raise errors.BadInput(f"{code} names {len(named)} rows: give one's uuid: "
                              + ", ".join(f"{t} {u}" for t, u in named))
    if not named:
        return NOT_BY_CODE, []
    ((table, row),) = named
    changes = masters.history(master, row)
    lists = f"field-kit history {in_command(master)}"
    return {"row": {"table": table, "uuid": row, "code": code,
                    "since": _became(changes) if gone else None},
            "also_named": [{"table": t, "uuid": u, "since": _became(masters.history(master, u)),
                            "history": f"{lists} {u}"}
                           for t, u in ([] if gone else masters.rows_named(master, code,
                                                                           before=True))],
            "records": _records_json(master, code, table, row, counted)}, changes


def _deleted_row(master, row: str, changes: list[dict], counted: int | None) -> dict:
    """What history says of a row asked by its uuid and deleted since (``changes``, its
    changes), as ``--json`` gives it: ``row`` (as :func:`_named_by_code` gives it, ``code``
    the code, id or name it held, null where none) and the ``records`` on it, those holding
    no uuid of it by that code where no row holds it now."""
    last = [c for c in changes if not str(c.get("origin") or "").endswith((PARKED, TOUCH))]
    table = last[-1]["tbl"]
    code = feature_name(table, last[-1]["old"] or {})
    by_code = code if code and not masters.rows_named(master, code) else None
    return {"row": {"table": table, "uuid": row, "code": code, "since": "deleted"},
            "also_named": [], "records": _records_json(master, by_code, table, row, counted)}


def _records_json(master, code: str | None, table: str, row: str, counted: int | None
                  ) -> list[dict]:
    """The records on row ``row`` of ``table``, ``code`` its code, as ``--json`` gives them
    (:func:`_named_by_code`); ``changes`` null after the first ``counted``, where given."""
    lists = f"field-kit history {in_command(master)}"
    return [{"table": t, "uuid": u, "name": name, "date": day,
             "changes": len(masters.history(master, u))
             if counted is None or i < counted else None,
             "named_by": "code" if by_code else "uuid",
             "since": "deleted" if deleted else None, "history": f"{lists} {u}"}
            for i, (t, u, name, day, by_code, deleted) in enumerate(
                masters.records_named(master, code, table, row))]


def _code_said(a, asked: dict, changes: list[dict]) -> None:
    """Which row the code history was asked for names (:func:`_named_by_code`), and each
    row deleted or renamed since that held it too, with the command that lists its
    changes."""
    row = asked["row"]
    # a row there since the master was made has no change yet: found all the same
    _tell(f"{a.row_uuid} is row {row['uuid']} of {row['table']}"
          + (f", {row['since']} since" if row["since"] else "" if changes else
             ": no change recorded since it was put in the master"))
    for other in asked["also_named"]:
        _tell(f"{a.row_uuid} also named row {other['uuid']} of {other['table']}, "
              f"{other['since']} since: `{other['history']}` lists its changes")


def _row_conflicts(master, row: str, read_whose: bool = True) -> tuple[list, dict, dict]:
    """A row's conflicts, open or closed; whose "ours" each open one is
    (:func:`held_by`) and the labels of their codes, where ``read_whose``; read as the
    History dialog reads them (of a PostgreSQL master, the row's alone)."""
    with masters.master_file(master, needs="history", row=row) as path:
        every = merge.conflicts(path, status=None, row_uuid=row)
        if not (read_whose and every):
            return every, {}, {}
        return every, held_by(path, [c for c in every if c.status == "open"]), \
            _code_labels(path, every)


def _settle_command(master, c) -> str:
    """The command that settles open conflict ``c`` (``field-kit resolve``'s choices)."""
    return f"field-kit resolve {in_command(master)} {c.id} --take ours|theirs|ancestor"


def _in_language(en: str, zh: str, indent: str = "") -> None:
    """A line of history, as its changes are printed: in the user's language alone."""
    print(indent + (zh if command_line_language() == "zh" else en))


def _open_conflicts_said(master, found: list, held: dict, labels: dict) -> None:
    """A row's open conflicts, before its history: the value the master holds there is not
    settled while another waits; each with its field, the value held now and the other
    one, whose and when, and the command that settles it."""
    if not found:
        return
    _in_language(f"{len(found)} open conflict(s) on this row: what the master holds is not "
                 "settled, another value waits",
                 f"该要素有 {len(found)} 项未处理的冲突：主库现值尚未确定，另一值等待处理")
    for c in found:
        since = " (changed since the conflict was recorded)" if c.changed_since else ""
        since_zh = "（记录冲突以来已被修改）" if c.changed_since else ""
        what = c.field or "(row)"
        what_zh = field_label(c.tbl, c.field) if c.field else "整个要素"
        _in_language(
            f"#{c.id} {what}: the master holds {_side(_show, c, c.ours, labels, EN)}{since}, "
            f"the other value {_side(_show, c, c.theirs, labels, EN)}; "
            f"{c.whose(held.get(c.id))}",
            f"#{c.id} {what_zh}：主库现值 {_side(_show_zh, c, c.ours, labels, ZH)}{since_zh}，"
            f"另一值 {_side(_show_zh, c, c.theirs, labels, ZH)}；{c.whose(held.get(c.id), ZH)}",
            "  ")
        _in_language(f"settle it: {_settle_command(master, c)} (or --value VALUE)",
                     f"处理：{_settle_command(master, c)}（或 --value 值）", "    ")
    _in_language("recorded changes:", "已记录的修改：")


def _closed_said(c, key: str, labels: dict) -> None:
    """A conflict closed with no change recorded, among the row's changes as the History
    dialog says it (:data:`CLOSED_IN_HISTORY`): settled keeping the value held, or closed
    as dropped with its layer."""
    change, how = CLOSED_IN_HISTORY[key]
    at = local_time(c.resolved_at, "%Y-%m-%d %H:%M:%S%z")
    who = (c.resolved_by or "") if c.status != DROPPED else ""
    held, held_zh = (_side(show, c, c.ours, labels, lang) for show, lang
                     in ((_show, EN), (_show_zh, ZH)))
    _in_language(
        f"{at} {who + ' ' if who else ''}{change[1]} {c.row_uuid} {c.field or '(row)'}: "
        f"{held}; " + how[1].format(id=c.id, theirs=_side(_show, c, c.theirs, labels, EN),
                                    by=c.by()),
        f"{at} {'处理人 ' + who + ' ' if who else ''}{change[0]} {c.row_uuid} "
        f"{field_label(c.tbl, c.field) if c.field else '整个要素'}：{held_zh}；"
        + how[0].format(id=c.id, theirs=_side(_show_zh, c, c.theirs, labels, ZH),
                        by=c.by(ZH)))


def _conflicts_json(master, every: list) -> list[dict]:
    """What history's ``--json`` carries of a row's conflicts: the open ones, each with the
    command that settles it (those closed are in ``conflicts --every --json``)."""
    return [{**c.as_dict(), "settle": _settle_command(master, c)}
            for c in every if c.status == "open"]


def _rewrite_said(a, row: str, changes: list[dict], head: bool = False) -> bool:
    """Tell where the layer of ``row`` was found rewritten in the master, beside its changes
    (history has none of its rows before the rewrite under their uuids now, nor any of what
    became of those); ``head``: a row not found yet, with no change recorded, is named first
    (in JSON, as no change). Whether the row is one of such a layer it found by its uuid."""
    held, said = masters.rewrite_in_history(a.master, row, changes)
    if head and held is None:
        return False
    if a.json:
        if head:
            _json_out(_history_json([], _capture_not_whole(a.master), said, [], NOT_BY_CODE))
        return head
    if head:
        _tell(f"row {row} of {held}: no change recorded since it was put in the master")
    for rewrite in said:
        _tell(rewrite["said"])
    return head


def _records_on(a, asked: dict) -> None:
    """Each record on the patch or project history was asked for (``asked``, as
    :func:`_named_by_code` gives it), with how many changes it has and the command that
    lists them (its verifications are not its own), one deleted since said so; one holding
    no uuid of it, found by the code alone, said so. Of a patch or project deleted, first
    that it is, and how many records were made on it (none too)."""
    records = asked["records"]
    row = asked["row"]
    if row and row["since"] == "deleted" and row["table"] in {n for *_, n in record_links()}:
        _tell(f"{a.row_uuid}: deleted, with {len(records)} record(s) on it" if records else
              f"{a.row_uuid}: deleted, with no record on it")
    for r in records[:SHOWN_ROWS]:
        gone = ", deleted since," if r["since"] else ""
        _tell(f"{a.row_uuid}: record {r['uuid']} of {r['table']} ({r['name']}) on it{gone} "
              f"has {r['changes']} change(s): `{r['history']}` lists them")
        if r["named_by"] == "code":
            _tell(f"{a.row_uuid}: record {r['uuid']} of {r['table']} holds no uuid of what it "
                  "is on, only this code: listed by the code alone")
    if len(records) > SHOWN_ROWS:
        _tell(f"{a.row_uuid}: and {len(records) - SHOWN_ROWS} more record(s) on it")


def _became(changes: list[dict]) -> str:
    """What became of a row that no longer holds the name it was asked by: ``deleted``, or
    ``renamed`` (its changes, oldest first; an edit kept aside after its delete, or a delete
    logged for its time alone, changes neither)."""
    made = [c for c in changes if not str(c.get("origin") or "").endswith((PARKED, TOUCH))]
    return "deleted" if made and made[-1]["op"] == "delete" else "renamed"


def cmd_undo_merge(a) -> int:
    undone = masters.undo(a.master, a.merge_id)
    for line in dataclasses.replace(undone, derived=[], codes_followed=[]).said(a.merge_id):
        _tell(line)
    _codes_followed(undone.codes_followed)
    _derived(undone.derived)
    return errors.OK


def cmd_app(a) -> int:
    from ..app import main as app_main

    return app_main([_package(a.package), *a.options])


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="field-kit", description=Help(
        "Change log, field packages and merge for the Toksun restoration plan GeoPackage. "
        "Exit codes: " + ", ".join(f"{k} {v}" for k, v in errors.EXIT_CODES.items()) + ".",
        "托克逊生态修复规划 GeoPackage 的变更记录、外业数据包与合并。退出码："
        + "，".join(f"{k} {v}" for k, v in errors.EXIT_CODES_ZH.items()) + "。"))
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name, fn, help_):
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=fn)
        return sp

    sp = add("init", cmd_init, Help(
        "install change capture in a GeoPackage, or publish one into PostgreSQL as a master",
        "在 GeoPackage 中安装变更捕获，或将其发布到 PostgreSQL 作为主库"))
    sp.add_argument("gpkg", help=Help(
        "the GeoPackage, or a PostgreSQL master: postgresql://HOST/DB[?schema=NAME] or "
        "'service=NAME [schema=NAME]' (passwords from ~/.pgpass)",
        "GeoPackage 文件，或 PostgreSQL 主库：postgresql://HOST/DB[?schema=NAME] 或 "
        "'service=NAME [schema=NAME]'（密码取自 ~/.pgpass）"))
    sp.add_argument("--from", dest="source", metavar="GPKG", help=Help(
        "with a PostgreSQL master: the GeoPackage to publish into it (without: capture is "
        "installed on the tables the schema holds)",
        "用于 PostgreSQL 主库：要发布到其中的 GeoPackage（不给出时：在该模式已有的表上安装"
        "变更捕获）"))
    sp.add_argument("--device", default="master", help=Help("this file's device name",
                                                            "此文件的设备名称"))
    sp.add_argument("--role", default="gis", choices=("technician", "gis"))
    sp.add_argument("--tables", help=Help(
        "track only these tables (comma-separated; default: every feature and attribute "
        "table)", "只记录这些表的修改（以逗号分隔；默认：所有要素表和属性表）"))
    sp.add_argument("--exclude", help=Help("do not track these tables (comma-separated)",
                                           "不记录这些表的修改（以逗号分隔）"))
    sp = add("repair", cmd_repair, Help(
        "reinstall change capture where it was bypassed and recover the edits made meanwhile",
        "在变更捕获被绕过之处重新安装，并找回期间所作的修改"))
    sp.add_argument("gpkg")
    sp = add("checkout", cmd_checkout, Help(
        "write a field package for a device from the master", "从主库为一台设备生成外业数据包"))
    sp.add_argument("master")
    sp.add_argument("out")
    sp.add_argument("--device", required=True)
    g = sp.add_mutually_exclusive_group()
    g.add_argument("--township", help=Help(
        "keep the patches and projects of one township (and their records; other layers come "
        "whole), named as the plan names it or by its other name, English or pinyin "
        "(Guolebuyi Township, guolebuyi)",
        "只保留一个乡镇的图斑和项目（及其记录；其他图层完整保留），乡镇按规划中的名称，或用其"
        "别称、英文或拼音（Guolebuyi Township、guolebuyi）"))
    g.add_argument("--bbox", type=_bbox, help=Help(
        "keep the patches, and the features of layers of the county's own in EPSG:4490, "
        "within W,S,E,N (degrees)",
        "只保留 W,S,E,N 范围内（EPSG:4490，单位度）的图斑及县自有图层的要素"))
    sp.add_argument("--patches", type=_patches, help=Help(
        "keep only these patches (each by its patch code or uuid, comma-separated) and their "
        "projects and records; with --bbox, the box cuts the layers of the county's own",
        "只保留这些图斑（每个用图斑编号或 uuid，以逗号分隔）及其项目和记录；同时给出 --bbox "
        "时，该范围用于裁切县自有图层"))
    sp.add_argument("--features", type=_features, action="append", metavar="TABLE=UUID,...",
                    help=Help(
                        "keep only these features (by uuid, comma-separated) of a layer of "
                        "the county's own, whatever else the package is cut to; once for each "
                        "layer (the plan's layers go by --patches, --township or --bbox)",
                        "只保留县自有图层中的这些要素（按 uuid，以逗号分隔），不论数据包按其他"
                        "条件如何裁切；每个图层给一次（规划图层按 --patches、--township 或 "
                        "--bbox 裁切）"))
    sp.add_argument("--role", default="technician", choices=("technician", "gis"))
    sp.add_argument("--replace", action="store_true", help=Help(
        "the device has a package already: replace it (the earlier package can then never be "
        "merged)", "该设备已有外业数据包时：替换它（原数据包此后再也不能合并）"))
    sp.add_argument("--for", dest="target", choices=("qfield",), help=Help(
        "qfield: OUT is a project folder for QField (package.gpkg, a .qgs project, DCIM/), "
        "zipped as OUT.zip too",
        "qfield：OUT 为 QField 项目文件夹（package.gpkg、.qgs 项目、DCIM/），并同时压缩为 "
        "OUT.zip"))
    sp.add_argument("--basemap", help=Help(
        "with --for qfield: an MBTiles or GeoTIFF file copied into the folder as the base map",
        "用于 --for qfield：复制到项目文件夹中作为底图的 MBTiles 或 GeoTIFF 文件"))
    progress_line.add_option(sp)
    sp = add("status", cmd_status, Help(
        "device, base and changes waiting (or a master's devices)",
        "设备、基准和待导出的修改（或主库的各台设备）"))
    sp.add_argument("gpkg", help=PACKAGE_HELP)
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
    sp = add("log", cmd_log, Help("the changes, newest first", "列出修改，最新的在前"))
    sp.add_argument("gpkg", help=PACKAGE_HELP)
    sp.add_argument("--limit", type=int, default=None)
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
    sp = add("export", cmd_export, Help(
        "write a signed change package of the changes since the last export",
        "把上次导出以来的修改写成带签名的修改包"))
    sp.add_argument("pkg", help=Help("the field package, or a QField project folder or its zip",
                                     "外业数据包，或 QField 项目文件夹或其压缩包"))
    sp.add_argument("out")
    sp.add_argument("--all", action="store_true", help=Help(
        "all local changes since checkout", "导出签出以来本机的全部修改"))
    progress_line.add_option(sp)
    sp = add("merge", cmd_merge, Help(
        "merge change packages into the master, three-way per field", "按字段三方合并修改包到主库"))
    sp.add_argument("master")
    sp.add_argument("packages", nargs="+", metavar="PACKAGE")
    sp.add_argument("--max-size", type=float, default=packages.MAX_BYTES / 1024 / 1024,
                    help=Help("refuse packages larger than this many MB (default %(default)d)",
                              "拒收大于此大小（MB）的修改包（默认 %(default)d）"))
    sp.add_argument("-v", "--verbose", action="store_true", help=Help("list every change",
                                                                      "列出每一项修改"))
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
    progress_line.add_option(sp)
    sp = add("conflicts", cmd_conflicts, Help("list open conflicts", "列出待处理的冲突"))
    sp.add_argument("master")
    sp.add_argument("--every", action="store_true", help=Help("settled ones too",
                                                              "连已处理的一起列出"))
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
    sp = add("resolve", cmd_resolve, Help(
        "settle a conflict (or all of a merge/package/device). Where the master's value "
        "changed since a conflict was recorded (an edit in QGIS or psql, a later merge), any "
        "decision but --take ours is refused, naming the conflict, the value then and now and "
        "who changed it, and nothing is settled (exit 3; with --all, none of them). A decision "
        "leaving a record with a sub-class of another class, or a year closed after the year "
        "of its verification, is refused alike: give the ids of both fields' conflicts, "
        "settled in one go",
        "处理一个冲突（或一次合并、一个修改包、一台设备的全部冲突）。记录冲突以来主库中的值如已"
        "被修改（在 QGIS 或 psql 中编辑，或后来的合并），除 --take ours 以外的决定都会被拒绝，"
        "并列出该冲突、当时和现在的值以及修改者，不处理任何冲突（退出码 3；使用 --all 时一个"
        "也不处理）。决定若使记录的子类不属于其大类，或使某一年份晚于其核查的年份，同样会被"
        "拒绝：请给出两个字段的冲突编号，一并处理"))
    sp.add_argument("master")
    sp.add_argument("id", nargs="*", type=int, help=Help(
        "the conflict(s) to settle, each the same way (the row they leave is checked once all "
        "are settled)", "要处理的冲突，均按同一方式处理（全部处理后再检查所得的要素）"))
    g = sp.add_mutually_exclusive_group(required=True)
    g.add_argument("--take", choices=merge.TAKES, help=Help(
        "ours: keep what the master holds now; theirs: the other value, kept aside; "
        "ancestor: where both started",
        "ours：保留主库现值；theirs：采用另一值（被搁置的值）；ancestor：采用共同祖先（双方修改前的值）"))
    g.add_argument("--value", action="append", help=Help(
        "a value of your own (empty or NULL for null); given once for each conflict ID, each "
        "goes to its ID, in order",
        "自行给定的值（空或 NULL 表示空值）；每个冲突编号给一次，按顺序对应各编号"))
    sp.add_argument("--all", metavar="MERGE_ID|PACKAGE|DEVICE")
    sp.add_argument("--by", help=Help(
        "who decides (default: on a PostgreSQL master the database role and application, "
        "'anna (field-kit)', which --by is put before; on a GeoPackage master the user the "
        "command runs as)",
        "裁定人（默认：PostgreSQL 主库为数据库角色和应用程序，如 'anna (field-kit)'，--by "
        "给出的名字放在其前面；GeoPackage 主库为运行命令的用户）"))
    sp.add_argument("--over-later-edit", action="store_true", help=Help(
        "write the decision over an edit the master got since the conflict was recorded (look "
        "at it first: field-kit conflicts shows it)",
        "让决定覆盖记录冲突以来主库收到的修改（请先查看：field-kit conflicts 会显示它）"))
    sp = add("pull", cmd_pull, Help("bring the master's newer state into a field package",
                                    "把主库的最新状态拉取到外业数据包"))
    sp.add_argument("pkg", help=Help("the field package, or the QField project folder holding it",
                                     "外业数据包，或包含它的 QField 项目文件夹"))
    sp.add_argument("master")
    sp = add("history", cmd_history, Help("every change to one row: who, when, before, after",
                                          "一个要素的全部修改：修改者、时间、修改前、修改后"))
    sp.add_argument("master")
    sp.add_argument("row_uuid", help=Help("the row's uuid (or a patch code, a project id, a "
                                          "program id)",
                                          "要素的 uuid（或图斑编号、项目编号、工程编号）"))
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
    sp = add("undo-merge", cmd_undo_merge, Help("revert one merge", "撤销一次合并"))
    sp.add_argument("master")
    sp.add_argument("merge_id")
    sp = add("app", cmd_app, Help("open the technician's field app on a field package (PyQt5)",
                                  "用技术员的外业程序打开外业数据包（PyQt5）"))
    sp.add_argument("package", metavar="PACKAGE")
    sp.add_argument("options", nargs=argparse.REMAINDER, help=Help(
        "--lang zh|en, --replay FILE.nmea [--speed N], --device /dev/ttyUSB0 [--baud 4800]",
        "外业程序的选项：--lang zh|en，--replay FILE.nmea [--speed N]，--device /dev/ttyUSB0 "
        "[--baud 4800]"))
    for module in COMMAND_MODULES:
        importlib.import_module(module, __package__).register(sub)
    return p


class _ReaderMayStop:
    """stdout for a reader that may stop early (``field-kit import … | head``): the rest of
    the output goes nowhere and the command goes on to its end, its work committed (an
    exception there would roll the work back while the exit code said nothing of it)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            self._gone()

    def _gone(self) -> None:
        # what is still buffered, and Python's flush at exit, go to /dev/null
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(devnull, self.stream.fileno())
        os.close(devnull)
        self.stream = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the command)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # a PostgreSQL master: a command waiting on another session's lock says so
    waiting.on_wait = _waiting
    db.on_wait = _waiting  # (a GeoPackage another program holds, likewise)
    # and one whose table was dropped there, read all the same, says so as a warning
    pg_stage.on_warning = lambda line: _warn([line])
    stdout = sys.stdout
    sys.stdout = _ReaderMayStop(stdout)  # type: ignore[assignment]
    try:
        try:
            with stopping.stoppable(exiting=argv is None):  # (None: the process's own command)
                return _run(args)
        except KeyboardInterrupt as exc:  # a stop as the command ended, before it let the
            # signals go: said as one after it, with what stands
            stopping.taken(exc)
            return _said_stopped(args, exc)
    finally:
        if isinstance(sys.stdout, _ReaderMayStop):
            gone = sys.stdout.stream is not stdout
            sys.stdout = open(os.devnull, "w") if gone else stdout  # noqa: SIM115


def _waiting(text: str) -> None:
    progress_line.break_line()  # (said below the progress line, not over it)
    _say(text)  # (in Chinese too: the one line while the command seems to hang)
    sys.stderr.flush()


def _run(args: argparse.Namespace) -> int:
    db.COMMITTED.clear()
    try:
        return args.func(args)
    except (KeyboardInterrupt, Exception) as exc:
        stop = stopping.taken(exc)
        if stop is None:
            return _failed(args, exc)
        return _said_stopped(args, stop)


def _said_stopped(args: argparse.Namespace, stop: KeyboardInterrupt) -> int:
    """Say that the command was stopped, and what stands of it; its exit code."""
    said, code = stopping.stopped(stop, stopping.done(args, db.COMMITTED))
    _say(said)
    return code


def _failed(args: argparse.Namespace, exc: BaseException) -> int:
    """What a command ended by an error says, and its exit code."""
    if isinstance(exc, errors.SyncError):
        _say(exc.message, exc.zh)
        return exc.exit_code
    # a file that could not be written or read where no command named it: named by the
    # error, or as one of the command's files
    problem = file_problem(getattr(exc, "filename", None) or _files(args), exc)
    if problem is not None:
        _say(problem.message)
        return problem.exit_code
    # a bug: say so in one line, nothing was committed
    print(f"field-kit: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return errors.INTERNAL


def _say(message: str, zh: str | None = None, *, to=None, prefix: str = "field-kit: "
         ) -> None:
    """An error on stderr (or ``to``); for a user whose locale is Chinese, in Chinese too
    where the message is known (the English line stays, for scripts and logs)."""
    to = to or sys.stderr
    print("\n".join(prefix + line for line in message.split("\n")), file=to)
    if command_line_language() == "zh":
        zh = zh or chinese(message)
        if zh != message:
            print("\n".join(prefix + line for line in zh.split("\n")), file=to)


def _files(args: argparse.Namespace) -> str:
    """The files a command was given, as a message names them."""
    given = [v for v in vars(args).values() if isinstance(v, str) and os.path.exists(v)]
    given += [p for v in vars(args).values() if isinstance(v, list) for p in v
              if isinstance(p, str) and os.path.exists(p)]
    return " or ".join(given) or "one of its files"


if __name__ == "__main__":
    sys.exit(main())
