# SPDX-License-Identifier: GPL-2.0-or-later
"""The tables a file holds that change capture does not track, and why, said a line each in
English and in Chinese: the one wording the command line prints and the QGIS plugin logs."""

from __future__ import annotations

from ..bilingual import Line
from ..messages_zh import chinese
from ..plan.values import column_named

NOT_TRAVELLING = "not tracked, edits to it do not travel"

_NOT_TRACKED_ZH = {"not tracked": "未跟踪", NOT_TRAVELLING:
                   "未跟踪，对它的修改不会随数据包传送"}


def not_tracked_said(said: str, tables: dict, indent: str = "") -> list[Line]:
    """Each of ``tables`` (table -> why) as ``said`` of it; the Chinese line with the layer
    by its title where the reason is known in Chinese (several reasons, each alone)."""
    out = []
    for t, why in tables.items():
        why_zh = chinese(why)
        if why_zh == why:  # several reasons, each said alone
            why_zh = "；".join(chinese(part) for part in why.split("; "))
        en = f"{said}: {t}: {why}"
        zh = f"{_NOT_TRACKED_ZH.get(said, said)}：{column_named(t)}：{why_zh}"
        out.append(Line(en, zh if why_zh != why else en, indent))
    return out
