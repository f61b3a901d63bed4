# SPDX-License-Identifier: GPL-2.0-or-later
"""The patches of one project that disagree on a figure of the project, said.

Each legacy-mine patch repeats its project's figures (:data:`PROJECT_COLUMNS`: the treated
area the plan states for the whole project, and how many patches the project has), alike
on the patches of one project as the plan is loaded. A package that changes one of them on
one patch (a treated area of 1.5 km² on one patch, 0.33 on its siblings) is merged as
given, as it may bring the right figure, but the project's patches then disagree on it: the
merge names the project, each value and the patches holding it, as a warning among the
codes it followed (said as :class:`restored_no_photo.NoPhoto` is), and an import that
leaves them so warns of it alike; ``check-plan`` names every project so left. The
project's number, name, phase and period, repeated too, are left out: a patch moved to
another project or phase is an edit of the patch
(:func:`field_kit.reports.plan_check._patches_edited`), as are its township and mineral.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from ..db import chunks, file_columns, marks, table_exists
from . import json_fields

TABLE = "mine_patches"
PROJECT_COLUMNS = ("project_treated_area_km2", "patches_in_project")
APART = "a project's patches disagree"


def _shown(value) -> str:
    return "empty" if value is None else format(value, "g") if isinstance(value, float) \
        else str(value)


@dataclass(frozen=True)
class Apart:
    """The patches of ``project`` (its number, or its uuid) hold ``column`` of ``table``,
    a figure of the project, unlike: ``values``, each "value (patch codes)"."""

    table: str
    column: str
    project: str
    values: tuple
    what: str = APART

    @property
    def warning(self) -> bool:
        return True

    def said(self) -> str:
        return (f"{self.table}: the patches of project {self.project} disagree on "
                f"{self.column}, a figure of the project each of its patches repeats: "
                f"{', '.join(self.values)}; taken as given: set it alike on all of them")


def values_in_chinese(values: str) -> str:
    """"1.5 (C…1), empty (C…2, C…3)", as :meth:`Apart.said` lists values, in Chinese."""
    return "、".join(re.sub(r"^empty \(", "空 (", v).replace(", ", "、").replace(" (", "（")
                    .replace(")", "）") for v in re.split(r"(?<=\)), ", values))


def disagreeing(conn: sqlite3.Connection, projects: Iterable[str] | None = None) -> list[Apart]:
    """The figures of the projects ``projects`` (uuids; None: all) their patches hold
    unlike, in the order of the projects' numbers and of :data:`PROJECT_COLUMNS`."""
    held = _held(conn, projects)
    return _apart(conn, *held) if held else []


def _held(conn: sqlite3.Connection, projects: Iterable[str] | None = None
          ) -> tuple[list[str], dict[str, dict]] | None:
    """(the figure columns the file holds, its patches of a project of ``projects`` (None:
    every patch) by uuid, each its project_uuid, patch_code, project_id and figures); None where
    the file holds no project's figure."""
    if not table_exists(conn, TABLE):
        return None
    have = set(file_columns(conn, TABLE))
    cols = [c for c in PROJECT_COLUMNS if c in have]
    if "project_uuid" not in have or not {"uuid", "patch_code"} <= have or not cols:
        return None
    number = "project_id" if "project_id" in have else "NULL"
    select = f"SELECT uuid, project_uuid, patch_code, {number}, {', '.join(cols)} " \
        f"FROM {TABLE}"
    if projects is None:  # (a patch of no project too: a project may be given it)
        rows = conn.execute(select).fetchall()
    else:
        rows = []
        for part in chunks(sorted(set(projects))):
            rows += conn.execute(f"{select} WHERE project_uuid IN {marks(len(part))}",
                                 part).fetchall()
    names = ("project_uuid", "patch_code", "project_id", *cols)
    return cols, {r[0]: dict(zip(names, r[1:])) for r in rows}


def _apart(conn: sqlite3.Connection, cols: list[str], patches: dict[str, dict]) -> list[Apart]:
    """:func:`disagreeing` of ``patches`` (:func:`_held`'s)."""
    by_project: dict[str, list] = {}
    for uuid, p in patches.items():
        if p["project_uuid"] is not None:
            by_project.setdefault(p["project_uuid"], []).append(
                (p["patch_code"] or uuid, p["project_id"], *(p.get(c) for c in cols)))
    named = {u: next(iter(n)) for u, n in ((u, {r[1] for r in p}) for u, p in
                                           by_project.items()) if len(n) == 1 and None not in n}
    named.update(_project_numbers(conn, list(by_project)))  # (a staged master's may lack it)
    found = []
    for uuid, rows in sorted(by_project.items(), key=lambda p: (named.get(p[0], p[0]),
                                                               p[0])):
        for i, col in enumerate(cols, start=2):
            held: dict = {}
            for r in sorted(rows, key=lambda r: str(r[0])):
                held.setdefault(r[i], []).append(str(r[0]))
            if len(held) > 1:
                found.append(Apart(TABLE, col, named.get(uuid, uuid), tuple(
                    f"{_shown(v)} ({', '.join(codes)})" for v, codes in held.items())))
    return found


def if_written(conn: sqlite3.Connection, written: Iterable[tuple[str | None, dict]]
               ) -> list[Apart]:
    """:func:`of_patches` of ``written`` as if written, nothing written: (uuid, the values
    written on it) of a patch, uuid None of a patch added; what an import's dry run would
    leave, or an import finding nothing to write (values alike: empty) leaves as it is."""
    held = _held(conn)
    if held is None:
        return []
    cols, patches = held
    projects = set()
    for n, (uuid, values) in enumerate(written):
        key = uuid or f"new {n}"  # (an added patch's uuid is made as it is written)
        patch = patches.setdefault(key, dict.fromkeys(("project_uuid", "patch_code",
                                                       "project_id", *cols)))
        patch.update((k, v) for k, v in values.items() if k in patch)
        projects.add(patch["project_uuid"])
    projects.discard(None)
    return _apart(conn, cols, {u: p for u, p in patches.items()
                               if p["project_uuid"] in projects})


def _project_numbers(conn: sqlite3.Connection, uuids: list) -> dict:
    """The number (P1-1) of each project of ``uuids`` the plan's projects hold."""
    if not table_exists(conn, "restoration_projects") or \
            not {"uuid", "project_id"} <= set(file_columns(conn, "restoration_projects")):
        return {}
    got: dict = {}
    for part in chunks(uuids):
        got.update(conn.execute(
            "SELECT uuid, project_id FROM restoration_projects WHERE project_id IS NOT NULL "
            f"AND uuid IN {marks(len(part))}", part).fetchall())
    return got


def merged_apart(conn: sqlite3.Connection, since: int, origins: Iterable[str]) -> list[Apart]:
    """The figures the patches of a project disagree on, of the projects whose patches the
    changes logged after seq ``since`` by ``origins`` added or wrote one of them on."""
    origins = list(origins)
    if not origins or not table_exists(conn, TABLE):
        return []
    wrote = " OR ".join(f"{json_fields.kind('new', c)} IS NOT NULL"
                        for c in ("project_uuid", *PROJECT_COLUMNS))
    rows = [r for (r,) in conn.execute(
        f"SELECT DISTINCT row_uuid FROM sync_changes WHERE seq > ? AND tbl = ? AND origin IN "
        f"{marks(len(origins))} AND op != 'delete' AND ({wrote})", (since, TABLE, *origins))]
    return of_patches(conn, rows)


def of_patches(conn: sqlite3.Connection, patches: Iterable[str]) -> list[Apart]:
    """The figures the patches of a project disagree on, of the projects of the patches
    ``patches`` (uuids): those a merge or an import wrote."""
    if not table_exists(conn, TABLE):
        return []
    projects: set[str] = set()
    for part in chunks(sorted(set(patches))):
        projects.update(p for (p,) in conn.execute(
            f"SELECT project_uuid FROM {TABLE} WHERE uuid IN {marks(len(part))}", part))
    projects.discard(None)
    return disagreeing(conn, projects) if projects else []


__all__ = ["APART", "PROJECT_COLUMNS", "Apart", "disagreeing", "if_written", "merged_apart",
           "of_patches", "values_in_chinese"]
