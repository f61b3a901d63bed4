# SPDX-License-Identifier: GPL-2.0-or-later
"""The patch layer against itself and the townships layer: what the counts of patches take
as they find it, that a supervisor should know of (the progress cautions and the plan check
both say it).

- A patch naming a township the townships layer does not hold (one deleted, or renamed
  there): counted under that name, in a row of its own, which nothing else explains.
- A patch code held by more than one patch (a row copied, or a patch split whose new part
  kept its code): each counted as a patch, the county's count one more for each copy or
  part.
"""

from __future__ import annotations

import sqlite3

from ..db import table_exists
from ..plan import geometry


def townships_not_held(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """(township, how many patches name it) for each township the patches name that the
    townships layer does not hold, in the patches' order; none without that layer."""
    if not table_exists(conn, "townships"):
        return []
    return list(conn.execute(
        "SELECT township, count(*) FROM mine_patches WHERE coalesce(township, '') <> '' AND "
        "township NOT IN (SELECT name_zh FROM townships WHERE name_zh IS NOT NULL) "
        "GROUP BY township ORDER BY min(fid)"))


def codes_shared(conn: sqlite3.Connection, phase: str | None = None
                 ) -> list[tuple[str, int]]:
    """(patch code, how many patches hold it) for each code more than one patch (of the
    phase ``phase``, where given) holds."""
    return list(conn.execute(
        "SELECT patch_code, count(*) FROM mine_patches WHERE coalesce(patch_code, '') <> '' "
        "AND (?1 IS NULL OR phase = ?1) GROUP BY patch_code HAVING count(*) > 1 ORDER BY "
        "min(fid)", (phase,)))


def split_apart(conn: sqlite3.Connection, code: str) -> bool:
    """Whether the patches holding ``code`` look like the parts of one patch split (QGIS's
    Split Features keeps the code on the new part): other shapes, each meeting another's
    bounds. Copies of one row hold one shape."""
    shapes = [g for (g,) in conn.execute("SELECT geom FROM mine_patches WHERE patch_code = ? "
                                         "ORDER BY fid", (code,)) if g]
    return len(shapes) > 1 and all(
        any(geometry.bounds_meet(a, b) and not geometry.same_shape(a, b)
            for b in shapes if b is not a) for a in shapes)
