# SPDX-License-Identifier: GPL-2.0-or-later
"""What became of each change a merge or a pull was given.

Every change ends as exactly one :class:`Outcome`: ``applied``, ``already`` (nothing left to
do, or handled before), ``conflict`` (kept with ancestor, ours and theirs) or ``refused``
(with the reason), so a :class:`Result`'s counts always add up to the changes it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

APPLIED, ALREADY, CONFLICT, REFUSED = "applied", "already", "conflict", "refused"
STATUSES = (APPLIED, ALREADY, CONFLICT, REFUSED)

MERGED_BEFORE = "merged before"
NOT_HERE = "row not in this package"  # pull: an update of a row the package does not carry


def barred(role: str, tbl: str) -> str:
    """Why a change a role may not make is refused."""
    return f"a {role} may not change {tbl}"


class Outcome(NamedTuple):
    change: str
    table: str
    row: str
    op: str
    status: str
    reason: str = ""


@dataclass
class Result:
    merge_id: str
    source: str
    device: str
    outcomes: list = field(default_factory=list)
    brought: list = field(default_factory=list)  # pull: (table, uuid) of rows brought whole

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def counts(self) -> dict:
        return {s: self.count(s) for s in STATUSES}


__all__ = ["APPLIED", "ALREADY", "CONFLICT", "REFUSED", "STATUSES", "MERGED_BEFORE", "NOT_HERE",
           "barred", "Outcome", "Result"]
