# SPDX-License-Identifier: GPL-2.0-or-later
"""What a pull refuses before it writes anything (a package of another checkout,
layers or columns defined otherwise, values beyond a column's range), and the refusal
it notes in the package for status and the next pull to say."""

from __future__ import annotations

import os
import sqlite3

from ..db import chunks, connect, in_command, marks, quote, transaction
from ..errors import Refused
from ..plan import schema
from . import changelog, master_id, readmit, refused, registry, schema_changes
from .new_layers import clashes as layers_defined_otherwise

# sync_meta of a package: why its last pull was refused, while no pull has gone through since
PULL_REFUSED = "pull_refused"

# what a pull refused over the package's own columns asks (:func:`refuse_clashes`)
RENAME_ASKED = "rename the column"

_NAMED = 20  # values beyond a column's range named by a refused pull, at the most each


def refuse_another_checkout(src: sqlite3.Connection, conn: sqlite3.Connection, package,
                            st: dict,
                             came: tuple[str, str] | None, here_name: str,
                             master_typed: str) -> None:
    """Refuse a package the master did not check out as it holds its device now: every
    master made from one plan file is of one project, and a pull from another would fill
    the package with that one's rows and values; a package retired by ``checkout
    --replace`` would be given the master's changes while its own are refused at merge.
    ``came``: the master (name, id) the package records it was checked out from, named
    beside this one, ``here_name``, where it is another (:mod:`~field_kit.sync.master_id`);
    ``master_typed``: this one as a command names it; ``conn``: the package, whose cut is
    said again where the master lacks it.
    """
    dev = src.execute("SELECT checkout_uuid FROM sync_devices WHERE device = ?",
                      (st["device"],)).fetchone()
    here = master_id.of_master(src)
    elsewhere = master_id.elsewhere(came, here_name, here)
    if came and elsewhere and (dev is None or dev[0] != st["checkout_uuid"] or
                               master_id.another_id(came, here)):
        raise Refused(f"{package}: {elsewhere}; nothing was pulled: pull it from {came[0]}")
    if dev is None and came and master_id.restored_before(came, here_name, here):
        typed = in_command(os.fspath(package))
        raise Refused(f"{package}: {master_id.before_checkout(st['device'], came)}; nothing "
                      "was pulled" + master_id.readmit_way(
                          "this", master_typed, typed, master_id.check_out_again(
                              typed, st["device"], master_typed, st["role"],
                              readmit.cut_options(src, conn, st))))
    if dev is None:
        raise Refused(f"{package}: device {st['device']!r} is not registered in this master "
                      "(the package is from another master made from the same plan): pull it "
                      "from the master it was checked out from")
    if dev[0] != st["checkout_uuid"]:
        raise Refused(f"{package} is not device {st['device']!r}'s checkout this master holds "
                      "(an earlier checkout, replaced by checkout --replace, or one from another "
                      "master made from the same plan): its edits would be refused at merge; "
                      "nothing was pulled")


def note_refused(src: sqlite3.Connection, conn: sqlite3.Connection, st: dict,
                  exc: Refused) -> None:
    """Keep in the package why its pull was refused, and how far the master had merged its
    edits then: until a pull goes through, its exported edits the master did not hold are
    no longer counted as waiting anywhere, and status says so (:func:`refused_pull`)."""
    note = {"at": changelog.now(), "reason": exc.message, "base": st["base_seq"],
            "merged": refused.merged_up_to(src, conn, st["device"]),
            "exported": st["exported_seq"]}
    try:
        with transaction(conn):
            registry.set_json_meta(conn, PULL_REFUSED, note)
    except (sqlite3.Error, OSError):  # (the refusal itself is said all the same)
        pass


def forget_refused(conn: sqlite3.Connection) -> None:
    """A pull went through: the note of one refused before is spent."""
    if registry.meta(conn, PULL_REFUSED) is not None:
        registry.set_json_meta(conn, PULL_REFUSED, {})


def refused_pull(conn: sqlite3.Connection) -> dict | None:
    """The package's last pull where it was refused (none went through since): when
    (``at``), the refusal (``reason``), the base it left (``base``), and ``not_merged``,
    the seqs of the edits it had exported that the master did not hold then (refused by
    a merge, or not merged yet), and ``columns_give_way`` (a technician's package refused
    over its own columns, as an earlier version refused them: a pull takes it now); None
    where the last pull went through."""
    note = registry.json_meta(conn, PULL_REFUSED)
    if not note:
        return None
    # (``columns_give_way``: the refusal asked a technician to rename the package's own
    # column, which the next pull lets give way: said so, not asked again)
    note["columns_give_way"] = changelog.state(conn)["role"] != schema.GIS and \
        RENAME_ASKED in note.get("reason", "")
    note["not_merged"] = not_merged(conn, note.pop("merged"), note.pop("exported"))
    return note


def not_merged(conn: sqlite3.Connection, merged: int, exported: int) -> list[int]:
    """The seqs of the package's own edits it exported (up to ``exported``) that the master
    has not merged (after ``merged``)."""
    return [seq for (seq,) in conn.execute(
        "SELECT seq FROM sync_changes WHERE origin = 'local' AND seq > ? AND seq <= ? "
        "ORDER BY seq", (merged, exported))]


def refuse_clashes(src: sqlite3.Connection, conn: sqlite3.Connection, package,
                    own_columns: bool = True) -> None:
    """Refuse the pull where a column (where ``own_columns``: a GIS package's; a technician's
    gives way, :func:`field_kit.sync.schema_changes.give_way`) or layer the package added
    itself is in the master too, added there otherwise (by another package, say): filled,
    the package would read the master's values otherwise (a MEDIUMINT reads '2026-1' as
    2026), mixed with its own that the master refused, and send them back as its own."""
    columns = schema_changes.clashes(src, conn) if own_columns else []
    layers = layers_defined_otherwise(src, conn)
    if not columns and not layers:
        return
    todo = []
    if columns:
        todo.append(f"{RENAME_ASKED}{'s' if len(columns) > 1 else ''} in the package "
                    "(QGIS: Rename Field), export all its changes again (field-kit export "
                    f"--all {os.fspath(package)} ZIP), merge that package, then pull")
    if layers:
        todo.append("the two layers cannot be one: the master's stands, the package's "
                    "reaches the master under another name only")
    raise Refused(f"{'; '.join(columns + layers)}: added in the package and in the master "
                  f"as two different things; {'; '.join(todo)}; nothing was pulled")


def fits(conn: sqlite3.Connection, changes: list[dict], master) -> None:
    """Refuse the pull where the values ``changes`` (applied) wrote leave a whole number
    beyond what its column in the package holds as GDAL and QGIS read it (a MEDIUMINT's 32
    bits: a PostgreSQL master made before these were told apart holds it as bigint, so
    5000000000 can be written there, which QGIS would read as 705032704 and save back so).
    The value the package holds now counts, not one a later change replaced."""
    written: dict[str, dict[str, set[str]]] = {}  # table -> column -> rows
    for c in changes:
        if c.get("new"):
            for col in c["new"]:
                written.setdefault(c["table"], {}).setdefault(col, set()).add(c["row"])
    found = []
    for tbl, cols in written.items():
        narrow = _narrow(conn, tbl)
        for col in sorted(cols.keys() & narrow.keys()):
            decl, (low, high) = narrow[col]
            for part in chunks(sorted(cols[col])):
                found += [(tbl, col, row, v, decl) for row, v in conn.execute(
                    f"SELECT uuid, {quote(col)} FROM {quote(tbl)} WHERE uuid IN "
                    f"{marks(len(part))} AND typeof({quote(col)}) = 'integer' AND "
                    f"{quote(col)} NOT BETWEEN ? AND ? ORDER BY uuid LIMIT {_NAMED}",
                    (*part, low, high))]
    _refuse_beyond(found, master)


def brought_fit(conn: sqlite3.Connection, layers: list[str], columns: list[str],
                 master) -> None:
    """:func:`fits` for the tables (``layers``) and columns ("table.column") a pull brought
    whole, as the master holds them now."""
    cols = {(t, c) for t in layers for c in _narrow(conn, t)}
    cols |= {(t, c) for t, _, c in (x.partition(".") for x in columns)
             if c in _narrow(conn, t)}
    found = []
    for tbl, col in sorted(cols):
        decl, (low, high) = _narrow(conn, tbl)[col]
        found += [(tbl, col, row, v, decl) for row, v in conn.execute(
            f"SELECT uuid, {quote(col)} FROM {quote(tbl)} WHERE typeof({quote(col)}) = "
            f"'integer' AND {quote(col)} NOT BETWEEN ? AND ? ORDER BY uuid LIMIT {_NAMED}",
            (low, high))]
    _refuse_beyond(found, master)


def _narrow(conn: sqlite3.Connection, tbl: str) -> dict[str, tuple[str, tuple[int, int]]]:
    """column -> (declared type, its range) of the columns of ``tbl`` in the package
    narrower than a 64-bit whole number (:func:`registry.integer_range`)."""
    return {r[1]: (r[2], got) for r in conn.execute(f"PRAGMA table_info({quote(tbl)})")
            if (got := registry.integer_range(r[2])) is not None}


def values_beyond(package) -> list[str]:
    """A line for each whole-number column of a field package holding values beyond what
    its declared type holds as GDAL and QGIS read it (a checkout from a master that holds
    them: an earlier PostgreSQL master's bigint, a value another tool wrote): QGIS would
    show them wrapped and write them back so. None where all fit."""
    conn = connect(package, readonly=True)
    try:
        out = []
        for t in registry.tracked(conn):
            for col, (decl, (low, high)) in _narrow(conn, t.name).items():
                got = conn.execute(
                    f"SELECT uuid, {quote(col)} FROM {quote(t.name)} WHERE typeof({quote(col)}) "
                    f"= 'integer' AND {quote(col)} NOT BETWEEN ? AND ? ORDER BY uuid LIMIT "
                    f"{_NAMED}", (low, high)).fetchall()
                if got:
                    held = ", ".join(f"{v} (row {r})" for r, v in got)
                    out.append(f"{t.name}.{col} holds {held}, beyond what its {decl} column "
                               f"holds as GDAL and QGIS read it ({low} to {high}): QGIS shows "
                               "such a value wrapped and saves it back so; change it in the "
                               "master, then pull")
        return out
    finally:
        conn.close()


def _refuse_beyond(found: list[tuple], master) -> None:
    """Refuse the pull naming every (table, column, row, value, declared type) ``found``
    (all at once: the user mends them in one go)."""
    if not found:
        return
    said = []
    for tbl, col, row, v, decl in found:
        low, high = registry.integer_range(decl) or (0, 0)
        said.append(f"{tbl}.{col} of row {row}: the master holds {v}, beyond what the "
                    f"package's {decl} column holds as GDAL and QGIS read it ({low} to "
                    f"{high})")
    raise Refused(f"{'; '.join(said)}: change the value{'s' if len(said) > 1 else ''} in "
                  f"{os.fspath(master)}, then pull again; nothing was pulled")
