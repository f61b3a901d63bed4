# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit``: the command line over the sync core. One small function per command, here
or in a module of its own (``log`` and ``history``, ``conflicts`` and ``resolve``, ``pull``,
``import``, the reports, ``grants``, ``roles``); what they say alike in :mod:`.said`; the exit
codes in :mod:`field_kit.errors`."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import math
import os
import sqlite3
import sys
from collections import Counter

from .. import db, errors
from ..__about__ import __version__
from ..bilingual import be, counted, them
from ..db import connect, file_problem, in_command, table_exists, transaction
from ..messages_zh import chinese, command_line_language
from ..plan import schema
from ..plan.names import role_typed, table_typed
from ..plan.values import (
    column_named,
    row_names,
    with_uuid,
)
from ..sync import (
    accepted,
    added_again,
    audit,
    changelog,
    cut_short,
    device_clock,
    log_reads,
    master_id,
    masters,
    one_code_here,
    package_export,
    package_open,
    registry,
    room,
    subset,
    waiting_edits,
)
from ..sync.changelog import local_time
from ..sync.conflicts import (
    closed_with_layer,
)
from ..sync.outcomes import in_part_said, recorded
from ..sync.postgis import stage as pg_stage
from ..sync.postgis import waiting
from ..sync.pull import (
    COLUMNS_GIVE_WAY_NOW,
    refused_pull,
)
from ..sync.untracked_said import NOT_TRAVELLING
from ..sync.whole_said import whole_said
from . import (
    conflicts,
    devices,
    grants,
    history,
    importer,
    progress_line,
    pull,
    reports,
    roles,
    stopping,
)
from .parsing import Help, Parser, command
from .said import (
    JSON_HELP,
    PACKAGE_HELP,
    SHOWN_ROWS,
    _codes_followed,
    _derived,
    _in_conflict,
    _json_out,
    _package,
    _print_not_tracked,
    _say,
    _tell,
    _warn,
)

COMMANDS = ("init", "repair", "checkout", "status", "log", "export", "merge", "conflicts",
            "resolve",
            "pull", "readmit", "history", "undo-merge", "grants", "roles", "app", "import",
            "progress",
            "report", "check-plan")




def _names(text: str | None) -> list[str] | None:
    """Tables listed, a plan table by its name or title."""
    return [table_typed(n.strip()) for n in text.split(",") if n.strip()] if text else None


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
    chosen, left_out = _names(a.tables), _names(a.exclude) or []
    with contextlib.closing(connect(a.gpkg, readonly=True)) as conn:
        was = changelog.is_installed(conn)  # (a master already: its capture renewed, said so)
        # a master already: --tables takes up tables beside those it tracks, and a table it
        # tracks is never left out (its edits, and its packages', would reach no log)
        have = [t.name for t in registry.tracked(conn) if table_exists(conn, t.name)] \
            if was else []
        devices = [d for (d,) in conn.execute("SELECT device FROM sync_devices ORDER BY "
                                              "device")] if table_exists(
            conn, "sync_devices") else []
    registry.refuse_leaving_out([t for t in have if t in left_out], devices, a.gpkg)
    taken_up = [t for t in chosen or () if t not in have] if have else []
    if chosen is not None and have:
        chosen = have + taken_up
    tables = changelog.install(a.gpkg, device=a.device, role=a.role, tables=chosen,
                               exclude=left_out, beside=have if a.tables else ())
    with contextlib.closing(connect(a.gpkg)) as conn, transaction(conn):
        given = master_id.ensure(conn)  # (one it has already is kept: a copy keeps it too)
    conn = connect(a.gpkg, readonly=True)
    st = changelog.state(conn)
    tables = {**registry.unlisted(conn), **tables}
    conn.close()
    _print_tracked(f"change capture {'renewed' if was else 'installed'} in {a.gpkg} (project "
                   f"{st['project_uuid']}, device {st['device']})", tables,
                   chosen=bool(a.exclude or (a.tables and not have)))
    took = [t for t in taken_up if t in tables and tables[t] is None]
    if took:  # (beside those it tracked already, which it keeps tracking)
        _tell(f"taken up, beside the tables tracked already: {', '.join(took)}")
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
    # (plan_meta, left out as the plan's file is built, said so alone: the others were not)
    meta = [] if chosen or schema.META_TABLE not in left else [schema.META_TABLE]
    for group in ([t for t in left if t not in meta], meta):
        if group:
            _print_left_out(group, chosen)
    _print_not_tracked("not tracked", {t: why for t, why in tables.items()
                                       if why is not None and why != registry.NOT_CHOSEN}, "  ")


def _print_left_out(left: list[str], chosen: bool) -> None:
    """Tables left out by choice, in a line, the first named: by this init's choice, or by
    an earlier one's (the plan's plan_meta, by the plan's build)."""
    why, why_zh = ("left out by choice", "按选择排除") if chosen else (
        "left out at an earlier init, whose choice stands", "由先前的初始化排除，沿用其选择")
    if left == [schema.META_TABLE] and not chosen:
        why += (f"; the plan's file is built so, {schema.META_TABLE} holding the plan's own "
                "metadata")
        why_zh += f"；规划数据文件生成时即如此，{schema.META_TABLE} 存放规划本身的说明数据"
    print(f"  not tracked: {registry.named_first(left)}: {registry.NOT_CHOSEN} ({why})")
    if command_line_language() == "zh":
        more = len(left) - registry.NAMED
        print("  未跟踪：" + "、".join(column_named(t) for t in left[:registry.NAMED])
              + (f" 等，另有 {more} 个表" if more > 0 else "") + f"：初始化时未选择（{why_zh}）")


# what a PostgreSQL master's repair says of tables whose edits it could not recover
UNPULLED = ("field packages holding those tables may differ from the master: no pull brings "
            "those edits; once the tables are checked, check those packages out again "
            "(field-kit checkout --replace)")


def _repair_postgres(a) -> int:
    from ..sync.postgis import publish
    if a.accept_current:  # (its rows are compared nowhere: checked out again instead)
        raise errors.BadInput(f"--accept-current is for a GeoPackage master; {UNPULLED}")
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
        _tell(UNPULLED)
    return errors.REFUSED if broken or followed.unvouched else errors.OK


def cmd_repair(a) -> int:
    from ..sync import repair
    if masters.is_postgres(a.gpkg):
        return _repair_postgres(a)
    a.gpkg = _package(a.gpkg)
    taken = a.accept_current or []
    if taken:  # (a table it would refuse, refused before the repair changes anything)
        accepted.check(a.gpkg, taken)
    rep = repair.repair(a.gpkg)
    if rep.renamed:
        raise errors.Refused(rep.renamed)
    code = _repair_said(a.gpkg, rep, set(taken)) if rep.problems else errors.OK
    if not rep.problems and not taken:
        _tell(f"change capture in {a.gpkg} is whole; nothing to repair")
    for tbl in taken:
        _accepted_said(accepted.accept(a.gpkg, tbl))
    return code


def _accepted_said(done) -> None:
    _tell(f"accepted {done.table} as the master holds it now, logged as changed in the "
          f"master: {counted(done.updated, 'row')} whose values differ from those last "
          f"logged, {done.whole} the log never named (with all their values), {done.inserted} "
          f"logged as deleted and there again, {done.deleted} gone; the next pull brings them "
          f"into every field package holding {done.table}")


def _repair_said(path: str, rep, taken: set[str]) -> int:
    """What repair did and could not do; its exit code. Tables ``taken`` as the master
    holds them now (--accept-current) are no loss."""
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
            lost = lost or tbl not in taken
            _tell(f"cannot vouch for {tbl}: no record of its rows' earlier state here; edits "
                  "made to it while capture was off are not in the change log" + (
                      f"; to log its rows as the master holds them now, so that a pull "
                      f"brings them to the field packages: {accepted.how(path, tbl)}"
                      if rep.master and tbl not in taken else ""))
        else:  # (by the names people know them by, as status names them)
            names = row_names(path, [(tbl, r) for r in rows[:SHOWN_ROWS]])
            shown = ", ".join(with_uuid(names.get((tbl, r)), r) for r in rows[:SHOWN_ROWS]) + (
                f" and {len(rows) - SHOWN_ROWS} more (field-kit log lists them all)"
                if len(rows) > SHOWN_ROWS else "")
            _tell(f"cannot vouch for {counted(len(rows), 'row')} of {tbl}: "
                  f"{'its' if len(rows) == 1 else 'their'} edits are logged without the "
                  f"earlier values, so a merge holds them as conflicts for a supervisor: {shown}")
    _tell(f"change capture reinstalled in {path}" + (
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
    for said in whole_said(info):  # (what the cut carried whole)
        _tell(said)
    for said in info.get("cut_said") or []:  # (what a box left out, or carried whole)
        _tell(said)
    _warn(info.get("warnings") or [])  # (the package made all the same)
    return errors.OK


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


def _status(conn, path: str) -> dict:
    from ..sync import added_again, drift, exports_lacking, schema_changes
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
        out["changes_waiting"] = log_reads.pending(conn, drifts)
        out["waiting"] = waiting_edits.waiting(conn, drifts)
        out["columns_added_again"] = added_again.said(conn, drifts)  # the master's: no change
        out["schema_changes_waiting"] = schema_changes.waiting(conn, drifts,
                                                               out["columns_added_again"])
        out["schema_own"] = schema_changes.own(conn, drifts, out["columns_added_again"])
        out["pull_refused"] = refused_pull(conn)
        # the edits it exported that the master had not merged at its last pull, said
        out["exports_not_merged"] = exports_lacking.status_said(conn)
        out["clock"] = device_clock.said(conn)  # (a clock reading before the checkout)
    else:
        out["devices"] = [dict(zip(("device", "role", "base_seq", "merged_seq"), d))
                          for d in conn.execute("SELECT device, role, base_seq, merged_seq "
                                                "FROM sync_devices ORDER BY device")]
        out["merges"] = audit.merges_of(conn)
        out["schema_added"] = schema_changes.added_since(drifts)
        out["grants_ignored"] = registry.grants_ignored(conn)
        behind = device_clock.master_behind(conn)  # (the next merge would be dated by it)
        out["clock"] = [behind] if behind else []
    out["not_tracked"] = drift.not_tracked(conn, drifts)
    out["open_conflicts"] = conn.execute("SELECT count(*) FROM sync_conflicts WHERE status = "
                                         "'open'").fetchone()[0]
    return out


def cmd_status(a) -> int:
    in_folder = os.path.isdir(a.gpkg)  # (a QField project folder, whatever it lacks)
    a.gpkg = _package(a.gpkg)
    with masters.master_file(a.gpkg, needs="status") as path:
        conn = connect(path, readonly=True)
        try:
            s = _status(conn, masters.shown(a.gpkg))
            if "not_tracked" in s and not masters.is_postgres(a.gpkg):  # (PostgreSQL has
                s["not_tracked"] = {**registry.unlisted(conn), **s["not_tracked"]}  # no list)
            if s["kind"] == changelog.MASTER:  # (said until repair --accept-current)
                s["unvouched"] = sorted(registry.json_meta(conn, accepted.UNVOUCHED))
            if s["kind"] == changelog.PACKAGE:  # (said until the next export settles it)
                s["export_cut_short"] = cut_short.found(conn)
                s["export_refused"] = one_code_here.found(conn)  # (said by the export too)
            if s["kind"] == changelog.PACKAGE and not s["capture_problems"]:
                from ..qfield.project_folder import at_export, photos_unread
                s.update(photos_unread(conn, a.gpkg, in_folder))  # (a QField project's DCIM/)
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
            errors.REFUSED if s.get("export_refused") else
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
        if s["exports_not_merged"]:
            _tell(s["exports_not_merged"])
        _cut_short_said(s["export_cut_short"])
        for line in s["export_refused"]:
            _tell(f"export refused: {line}")
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
        for said in [s["capture_unwatched"], *s["key_references"], *s["grants_ignored"],
                     *(accepted.master_said(a.gpkg, tbl) for tbl in s.get("unvouched", ()))]:
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
        n, one = len(seqs), len(seqs) == 1
        _tell(f"{counted(n, 'change')} this package exported (seq {seqs[0]}-{seqs[-1]}) "
              f"{be(n, past=True)} not in the master at that pull: "
              f"{'it still waits' if one else 'they still wait'} for it, not counted as waiting "
              "above (an export not merged yet, or refused: field-kit export --all sends "
              f"{them(n)} again)")


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
        package_export.refuse_out(a.pkg, a.out)
    except errors.SyncError:
        # an export cut short before it: said and its unfinished file removed all the same
        given = os.fspath(a.pkg)
        _cut_short_said(cut_short.settle_file(
            os.path.join(given, db.QFIELD_PACKAGE) if os.path.isdir(given) else given),
            export=True)
        raise
    said: list[str] = []
    pkg, brought, made, deleted = qfield.prepare_export(a.pkg, said, qfield.photo_shrinker())
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
        m = package_export.export(pkg, a.out, everything=a.all, progress=None if progress is None
                            else lambda written, photos: progress(written / max(photos, 1)))
    _cut_short_said(m.get("cut_short"), export=True)
    for line in m.get("pasted") or []:  # (before the changes that carry the new uuids)
        _say(line.en, line.zh, to=sys.stdout, prefix="")
    n = m["counts"]["changes"]
    again = m.get("not_again")
    not_again = ([f"{counted(again, 'edit')} the master refused {be(again)} not sent again: a "
                  f"pull gave {them(again)} up for the master's values or logged "
                  f"{them(again)} again as new copies"] if again else [])
    rewritten = m.get("not_again_rewritten")
    if rewritten:  # (named by the pull that brought the layer)
        not_again.append(f"{counted(rewritten, 'edit')} of a layer the master rewrote "
                         f"{be(rewritten)} not sent: the pull that brought the layer as the "
                         f"master holds it named {them(rewritten)}, to enter again")
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
    if (made or deleted) and n:  # (status counts these apart from the changes waiting)
        edits = f"{counted(n - made - deleted, 'change')} since checkout" if a.all else \
            f"the {counted(n - made - deleted, 'change')} waiting"
        _tell(f"of them: {qfield.photo_changes_said(edits, made, deleted)}", "  ")
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
                            name_all=a.verbose, progress=progress,
                            again_undone=a.again_undone)
    t = rep.totals
    # a package merged again, nothing new in it: the conflicts its merge recorded that are
    # open yet leave it as that merge left it (they are that merge's: not counted again)
    open_before = masters.fields_in_conflict(
        a.master, [m for r in rep.results for m in r.merged_before])
    still = [sum(open_before[m] for m in r.merged_before) for r in rep.results]
    code = (errors.REFUSED if rep.refused or t["refused"] else
            errors.CONFLICTS if t["conflict"] or any(still) else errors.OK)
    in_part: dict = {}
    superseded: dict = {}  # (its own conflicts the run closed: counted with the open ones)
    settle = masters.to_settle(a.master, rep, in_part, superseded)
    if a.json:
        fields = sum(settle.get(r.merge_id, r.counts["conflict"]) for r in rep.results)
        _json_out({
            # went_in: the changes the master took, whole or in part, as the text's "applied"
            "exit_code": code, "totals": {**t, "conflict_fields": fields,
                                          "went_in": sum(r.went_in for r in rep.results)},
            # this computer's clock reading before the master's last merge, said
            "master_clock_behind": rep.clock_behind,
            # the packages brought up to a change this master does not hold, said
            "other_master": rep.other_master,
            # the changes of merges this master undid, sent again: kept out, said
            "undone_here": rep.undone_here_said(),
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
                        # those it recorded that the run closed as superseded, a field each
                        "conflict_fields_superseded": superseded.get(r.merge_id, 0),
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
    _warn(([rep.clock_behind] if rep.clock_behind else []) + rep.cautions)
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
        fields, closed = recorded(settle, superseded, r.merge_id)
        counts = (f"applied {r.went_in}, already applied {c['already']}, conflicts "
                  f"{_in_conflict(c['conflict'], fields, superseded=closed)}, refused "
                  f"{c['refused']}")
        if r.merge_id:
            _tell(f"merge {r.merge_id} {r.source} from {r.device}: {counts}")
        else:  # no merge recorded: no id to give
            by = f"merged before by merge {', '.join(r.merged_before)}" if r.merged_before \
                else _none_went_in(c)
            _tell(f"{r.source} from {r.device}: {by}, not recorded again: {counts}")
            if left:
                _tell(f"{counted(left, 'conflict')} its merge recorded still to settle: "
                      f"field-kit conflicts lists {them(left)}, field-kit resolve settles "
                      f"{them(left)}", "  ")
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
    if code == errors.CONFLICTS:  # the way on, the master as typed
        _tell(f"to see and settle them: field-kit conflicts {in_command(a.master)}")
    return code


def _none_went_in(counts: dict) -> str:
    """What a package none of whose changes went in held, as its counts say it."""
    if not counts["refused"]:
        return "nothing new in it"
    return "its changes all applied before or refused" if counts["already"] \
        else "its changes all refused"


TRIGGERS_WROTE = ("the master's own triggers wrote as the merge wrote, logged as the master's "
                  "own edits, which pulls bring: {counted}")


def _added_said(layers: list[str], columns: list[str]) -> None:
    """The layers and the columns ("table.column") a merge added to the master, a line
    each under the merge, as merge and status say them."""
    for added in layers:
        _tell(f"added to the master: layer {added}", "  ")
    for added in columns:
        _tell(f"added to the master: column {added}", "  ")


def cmd_undo_merge(a) -> int:
    undone = masters.undo(a.master, a.merge_id, by=a.by)
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

    sp = command(sub, "init", cmd_init, Help(
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
    sp.add_argument("--role", default="gis", type=role_typed, choices=schema.ROLES)
    sp.add_argument("--tables", help=Help(
        "track only these tables (comma-separated; default: every feature and attribute "
        "table); on a master, take these up beside the tables it tracks",
        "只记录这些表的修改（以逗号分隔；默认：所有要素表和属性表）；对已是主库的文件，"
        "在已跟踪的表之外再跟踪这些表"))
    sp.add_argument("--exclude", help=Help(
        "do not track these tables (comma-separated); a table a master tracks is never left "
        "out (refused)", "不记录这些表的修改（以逗号分隔）；主库已跟踪的表不会被排除（拒绝执行）"))
    sp = command(sub, "repair", cmd_repair, Help(
        "reinstall change capture where it was bypassed and recover the edits made meanwhile",
        "在变更捕获被绕过之处重新安装，并找回期间所作的修改"))
    sp.add_argument("gpkg")
    sp.add_argument("--accept-current", action="append", metavar="TABLE", help=Help(
        "on a master: log the rows of TABLE as it holds them now where they differ from "
        "those last logged, as changes made in the master, so that a pull brings them to "
        "the field packages (edits repair could not recover); may be given again",
        "用于主库：把 TABLE 各行按其现状记入变更日志（与上次记录不同之处），作为主库所作的修改，"
        "使拉取把它们带到外业数据包（修复无法找回的编辑）；可重复给出"))
    sp = command(sub, "checkout", cmd_checkout, Help(
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
    sp.add_argument("--role", default="technician", type=role_typed, choices=schema.ROLES)
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
    sp = command(sub, "status", cmd_status, Help(
        "device, base and changes waiting (or a master's devices)",
        "设备、基线和待导出的修改（或主库的各台设备）"))
    sp.add_argument("gpkg", help=PACKAGE_HELP)
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
    history.register_log(sub)
    sp = command(sub, "export", cmd_export, Help(
        "write a signed change package of the changes since the last export",
        "把上次导出以来的修改写成带签名的修改包"))
    sp.add_argument("pkg", help=Help("the field package, or a QField project folder or its zip",
                                     "外业数据包，或 QField 项目文件夹或其压缩包"))
    sp.add_argument("out")
    sp.add_argument("--all", action="store_true", help=Help(
        "all local changes since checkout", "导出签出以来本机的全部修改"))
    progress_line.add_option(sp)
    sp = command(sub, "merge", cmd_merge, Help(
        "merge change packages into the master, three-way per field", "按字段三方合并修改包到主库"))
    sp.add_argument("master")
    sp.add_argument("packages", nargs="+", metavar="PACKAGE")
    sp.add_argument("--max-size", type=float, default=package_open.MAX_BYTES / 1024 / 1024,
                    help=Help("refuse packages larger than this many MB (default %(default)d)",
                              "拒收大于此大小（MB）的修改包（默认 %(default)d）"))
    sp.add_argument("-v", "--verbose", action="store_true", help=Help("list every change",
                                                                      "列出每一项修改"))
    sp.add_argument("--again-undone", action="store_true", help=Help(
        "merge again the changes of merges this master undid (kept out otherwise)",
        "再次合并此主库已撤销的合并中的修改（否则不予纳入）"))
    sp.add_argument("--json", action="store_true", help=JSON_HELP)
    progress_line.add_option(sp)
    conflicts.register(sub)
    pull.register(sub)
    devices.register(sub)
    history.register(sub)
    sp = command(sub, "undo-merge", cmd_undo_merge, Help("revert one merge", "撤销一次合并"))
    sp.add_argument("master")
    sp.add_argument("merge_id")
    sp.add_argument("--by", help=Help(
        "who undoes it, as history names them (default: the user this runs as; on a "
        "PostgreSQL master the database role and application, 'anna (field-kit)', which --by "
        "is put before)",
        "撤销人，历史记录中以此署名（默认：运行本命令的系统用户；PostgreSQL 主库为数据库角色和"
        "应用程序，如 'anna (field-kit)'，--by 写在其前）"))
    sp = command(sub, "app", cmd_app, Help(
        "open the technician's field app on a field package (PyQt5)",
        "用技术员的外业程序打开外业数据包（PyQt5）"))
    sp.add_argument("package", metavar="PACKAGE")
    sp.add_argument("options", nargs=argparse.REMAINDER, help=Help(
        "--lang zh|en, --replay FILE.nmea [--speed N], --device /dev/ttyUSB0 [--baud 4800]",
        "外业程序的选项：--lang zh|en，--replay FILE.nmea [--speed N]，--device /dev/ttyUSB0 "
        "[--baud 4800]"))
    for module in (importer, reports, grants, roles):  # (beside the modules they drive)
        module.register(sub)
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
        code = _failed(args, exc) if stop is None else _said_stopped(args, stop)
        _warn(getattr(exc, "__notes__", []))  # (what it did all the same, as it stopped)
        return code


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


def _files(args: argparse.Namespace) -> str:
    """The files a command was given, as a message names them."""
    given = [v for v in vars(args).values() if isinstance(v, str) and os.path.exists(v)]
    given += [p for v in vars(args).values() if isinstance(v, list) for p in v
              if isinstance(p, str) and os.path.exists(p)]
    return " or ".join(given) or "one of its files"


if __name__ == "__main__":
    sys.exit(main())
