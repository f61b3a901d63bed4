# SPDX-License-Identifier: GPL-2.0-or-later
"""Which of the plugin's docks were open, and on which master, when QGIS closed (or the
plugin was unloaded): kept in QGIS's settings, so the next start opens them again."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings

_DOCKS, _MASTER = "toksun/open_docks", "toksun/open_docks_master"


def remember(names: list[str], master) -> None:
    settings = QgsSettings()
    settings.setValue(_DOCKS, ",".join(names))
    settings.setValue(_MASTER, str(master) if names and master is not None else "")


def recalled() -> tuple[list[str], Path | None]:
    """The docks to open again and their master; none where that master is not there
    (moved, deleted, no longer a plan GeoPackage) or is a PostgreSQL master (not reached
    for while QGIS starts)."""
    from field_kit.sync.masters import is_postgres

    from .plan_layers import plan_problem

    settings = QgsSettings()
    names = [n for n in str(settings.value(_DOCKS, "") or "").split(",") if n]
    master = str(settings.value(_MASTER, "") or "")
    if not names or not master or is_postgres(master) or plan_problem(master) is not None:
        return [], None
    return names, Path(master)
