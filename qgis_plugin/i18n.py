# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's language: Qt translations of its own strings, and the forms' language."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication

CONTEXT = "@default"  # the context pylupdate5 gives a module-level tr()


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def user_language() -> str:
    """'zh' or 'en': the language QGIS's interface was started in, however it was chosen
    (Settings → Options → General, the system's locale, or ``qgis --lang``, which
    ``QgsApplication.locale()`` does not see); that locale where QGIS has not said one (a
    PyQGIS script). Any Chinese (zh_CN, zh-Hans, zh_TW, zh-Hant) gets the plugin's simplified
    Chinese, which a reader of traditional characters reads better than English. Forms and
    code lists carry both."""
    app = QgsApplication.instance()
    started_in = app.translation() if isinstance(app, QgsApplication) else ""
    return "zh" if (started_in or QgsApplication.locale()).lower().startswith("zh") else "en"


def sentences(parts) -> str:
    """Sentences run together as the user's language writes them: no space after a Chinese
    sentence's end (。！？), one after an English one (and after Chinese that does not end
    so, a path, say)."""
    out = ""
    for part in parts:
        glued = not out or (user_language() == "zh" and out.endswith(("。", "！", "？")))
        out += ("" if glued else " ") + part
    return out


def by_count(n: int, one: str, many: str) -> str:
    """The message for a count of ``n``, each form translated by its caller: ``one`` says
    1 in its words (a 1 change), ``many`` its {n} (2 changes), Chinese counting alike."""
    return one if n == 1 else many


def listed(names) -> str:
    """Names run together as the user's language lists them (、 in Chinese)."""
    return ("、" if user_language() == "zh" else ", ").join(names)
