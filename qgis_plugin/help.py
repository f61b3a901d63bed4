# SPDX-License-Identifier: GPL-2.0-or-later
"""Help: the README bundled with the plugin, shown as a page in the user's browser.

The plugin zip carries ``README.md`` (the repository has it beside the plugin). ``open_help``
writes its "In QGIS" section, and the sections after it, as HTML in the plugin's folder of
the QGIS profile and opens it; nothing needs the network.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QEvent, QObject, QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QDialogButtonBox

HERE = Path(__file__).resolve().parent
FIRST_SECTION = "## In QGIS"


def readme() -> Path | None:
    for path in (HERE / "README.md", HERE.parent / "README.md"):
        if path.exists():
            return path
    return None


def chinese_help() -> Path | None:
    """The user guide in Chinese, bundled in the plugin (beside it in the repository)."""
    for path in (HERE / "resources" / "help" / "help_zh_CN.md",
                 HERE.parent / "resources" / "help" / "help_zh_CN.md"):
        if path.exists():
            return path
    return None


def _inline(text: str) -> str:
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", text)
    return re.sub(r"(?<![*\w])\*([^*]+)\*(?![*\w])", r"<i>\1</i>", text)


def markdown_html(markdown: str, title: str) -> str:
    """The little Markdown the README uses (headings, lists, paragraphs, code) as HTML."""
    out: list[str] = []
    para: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if para:
            out.append(f"<p>{_inline(' '.join(para))}</p>")
            para.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            flush()
            out.append("</pre>" if in_code else "<pre>")
            in_code = not in_code
        elif in_code:
            out.append(html.escape(line))
        elif line.startswith("#"):
            flush()
            level = min(len(line) - len(line.lstrip("#")), 4)
            out.append(f"<h{level}>{_inline(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith("- "):
            if para:
                flush()
            items.append(line[2:].strip())
        elif line.startswith("  ") and items:
            items[-1] += " " + line.strip()
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
    flush()
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            "</title><style>body{font-family:sans-serif;max-width:52em;margin:2em auto;"
            "line-height:1.5}code,pre{background:#f3f3f3}</style></head><body>"
            + "\n".join(out) + "</body></html>")


def help_page(lang: str | None = None) -> Path | None:
    """The help page in the user's language: the Chinese guide, or the bundled README's
    QGIS sections (None when there is neither)."""
    from .i18n import user_language
    zh = chinese_help() if (lang or user_language()) == "zh" else None
    source = zh or readme()
    if source is None:
        return None
    text = source.read_text(encoding="utf-8")
    title = text.splitlines()[0].lstrip("# ").strip()
    start = -1 if zh else text.find(FIRST_SECTION)
    body = text if zh else f"# {title}\n\n" + (text[start:] if start >= 0 else text)
    out = Path(QgsApplication.qgisSettingsDirPath()) / "toksun_restoration" / "help.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown_html(body, title), encoding="utf-8")
    return out


def open_help() -> bool:
    page = help_page()
    return page is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(page)))


def add_help(buttons: QDialogButtonBox) -> None:
    """A Help button on a dialog's button box that opens the help page, the box's buttons
    named in the user's language."""
    buttons.addButton(QDialogButtonBox.Help)
    buttons.helpRequested.connect(open_help)
    named(buttons)


def named(buttons: QDialogButtonBox) -> None:
    """Qt's standard buttons named in the user's language: Qt names them in English unless
    its own translations are installed (their roles kept)."""
    from .i18n import tr
    names = {}
    for which, text in ((QDialogButtonBox.Ok, tr("OK")),
                        (QDialogButtonBox.Cancel, tr("Cancel")),
                        (QDialogButtonBox.Close, tr("Close")),
                        (QDialogButtonBox.Help, tr("Help"))):
        button = buttons.button(which)
        if button is not None:
            button.setText(text)
            names[which] = text
    KeptNames(buttons, names)


class KeptNames(QObject):
    """A box's standard buttons keep their names: at a language change (any translator
    installed or removed, as by a plugin enabled later) the box names them again as Qt
    does, in English where Qt's own translations are not installed, before the change
    reaches each button."""

    def __init__(self, box: QDialogButtonBox, names: dict):
        super().__init__(box)  # (the box's: a button's Python side may be let go)
        self.names = names
        for which in names:
            box.button(which).installEventFilter(self)

    def eventFilter(self, button, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.LanguageChange:
            name = self.names.get(self.parent().standardButton(button))
            if name is not None:
                button.setText(name)
        return False
