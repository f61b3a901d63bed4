# SPDX-License-Identifier: GPL-2.0-or-later
"""The way from the technician to a patch, measured as the inspection's distance rule and
the choice of a project's nearest patch measure it: to the patch's outline, 0 on it.

The nearest point is the one ``forms.distance_to_outlines`` measures to, so the bar's metres
are the rule's metres; the bearing is to that point, the way a technician walks to reach the
patch."""

from __future__ import annotations

from dataclasses import dataclass

from ..forms import nearest_outline_point
from ..plan import geometry

Coord = tuple[float, float]


@dataclass(frozen=True)
class Way:
    metres: float
    bearing: float  # degrees from north, to ``to``
    to: Coord | None  # the outline's nearest point (lon, lat); None on the patch

    @property
    def on_patch(self) -> bool:
        return self.to is None


ON_PATCH = Way(0.0, 0.0, None)


def way_to_outline(here: Coord, wkb: bytes) -> Way | None:
    """The way from ``here`` (lon, lat) to the outline ``wkb``; None for an outline with no
    ring (nothing to walk to)."""
    point = nearest_outline_point(here, [wkb])
    if point is None:
        return None
    if point == here:
        return ON_PATCH
    metres, bearing = geometry.inverse(here, point)
    return Way(metres, bearing, point)
