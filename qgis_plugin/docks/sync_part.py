# SPDX-License-Identifier: GPL-2.0-or-later
"""What the parts of the ``SyncDock`` (its checkout form, its merges, the field package) share:
the report's HTML, a button offered or greyed saying why, and the dock's state and work,
declared once."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qgis.PyQt.QtWidgets import QLabel, QPushButton, QTextBrowser

from field_kit.plan.values import column_named

from ..core_messages import line_in_user_language
from ..i18n import by_count, tr, user_language
from ..layer_handlers import LayerHandlers
from ..said_of_the_file import SaidOfTheFile
from ..tasks import CoreTask

PROBLEM = "#b00020"  # the colour the dock says a problem in
WAITING = "#b35900"  # and what waits (for a lock, for edits to end)


def paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def lines_html(lines: list) -> str:
    """Lines the library words for the command line too, in the user's language, each a
    paragraph, indented under the line they follow as the command line prints them."""
    return "".join(
        f'<p style="margin-left:{8 * max(0, len(line.indent) - 2)}px">'
        f"{html.escape(line_in_user_language(line))}</p>" for line in lines)


def listed_html(title: str, lines: list[str]) -> str:
    """``lines`` under ``title`` (nothing without a line)."""
    return (f"<h4>{html.escape(title)}</h4><ul>"
            + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
            if lines else "")


def warnings_html(parts: list[str]) -> str:
    """A report's warnings (``parts``, those not empty) before all else, under a heading
    of their own in the colour the dock says a problem in, a rule under them."""
    parts = [p for p in parts if p]
    if not parts:
        return ""
    title = tr("Warnings")
    return (f'<div style="color:{PROBLEM}"><h3>⚠ {html.escape(title)}</h3>'
            + "".join(parts) + "</div><hr>")


def _offer(button: QPushButton, why: str) -> None:
    """``button`` offered where nothing holds it (``why``: what does, said in its tip while
    greyed, taken off once it is offered again)."""
    button.setEnabled(not why)
    button.setToolTip(why)


def _names(layers: list[str]) -> str:
    return "、".join(f"“{n}”" for n in layers)


def _columns_named(names: list[str]) -> str:
    """Layers and columns the sync names ``table.column``, as the forms label them."""
    lang = user_language()
    return ("、" if lang == "zh" else ", ").join(column_named(n, lang) for n in names)


def _warned(shapes_left: list, codes_left: list, problems: list | tuple = ()) -> list[str]:
    """The message bar's word that a report holds warnings (none: empty)."""
    n = len(shapes_left) + len(codes_left) + len(problems)
    return [by_count(n, tr("1 warning: the report says what."),
                     tr("{n} warnings: the report says what.")).format(n=n)] if n else []


class SyncPart:
    """The dock's state and work its parts read, change and call (set by ``SyncDock``)."""

    iface: Any
    master: Any  # a GeoPackage path or a PostgreSQL master's address
    task: CoreTask | None
    report: QTextBrowser
    report_button: QPushButton
    merge_said: SaidOfTheFile
    readmit_offered: dict  # device -> its "Device not registered" item on the bar
    refused_as_lost: list  # (a merge's "Refused: …" item, the devices it was refused for)
    merged: Any  # SyncDock's signal: a merge made or undone
    unplaced: list[str]
    chosen_patches: list[str] | None
    chosen_features: dict[str, list[str]] | None
    unkeyed: list[str]
    refusal: str | None
    rights_label: QLabel
    package_layers: LayerHandlers
    field_package: Path | None
    run: Callable[..., CoreTask]
    show_report: Callable[[], Any]
    _on_bar: Callable[[str, str, list[str]], None]
    _offer_master: Callable[[], None]
    _running_tip: Callable[[], str]
    _refused_while_running: Callable[[str], bool]
    _own: Callable[[], Path | None]
    _layer: Callable[[str], Any]
    _offer_readmit: Callable[[list[tuple[str, str]]], None]
    _offer_again: Callable[[list[str]], None]
    _report_in_sight: Callable[[], None]
