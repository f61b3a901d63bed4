# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's menu speaks the language QGIS was set to, each way a user sets it: Settings →
Options → General's Override system locale (zh_CN, as QGIS 3.22 profiles hold it, zh-Hans as
newer QGIS writes it; traditional Chinese gets the plugin's simplified Chinese, its only
one), the system's locale with no override, or QGIS started with --lang. English otherwise."""

from __future__ import annotations

import pytest

from tests.qgis.desktop import run_qgis

MENU_READ = r'''
import qgis.utils

result = {}

def check(result):
    menu = next(a.menu() for a in qgis.utils.iface.pluginMenu().actions()
                if a.menu() is not None and "Toksun" in a.text())
    result["menu"] = [a.text() for a in menu.actions()]
    # QGIS's own first menu (工程 or Project), to tell when a test fails
    result["qgis_menu"] = qgis.utils.iface.mainWindow().menuBar().actions()[0].text()
'''

CHINESE = ["打开规划", "打开主库或外业数据包…"]
ENGLISH = ["Open the plan", "Open a master or field package…"]

SETTINGS = {  # a fresh profile's locale override, the system's LANG, QGIS's command line
    "override zh_CN": ("zh_CN", "en_US.UTF-8", (), CHINESE),
    "override zh-Hans": ("zh-Hans", "en_US.UTF-8", (), CHINESE),
    "override zh_TW": ("zh_TW", "en_US.UTF-8", (), CHINESE),
    "override zh-Hant": ("zh-Hant", "en_US.UTF-8", (), CHINESE),
    "system zh_CN": (None, "zh_CN.UTF-8", (), CHINESE),
    "--lang zh-Hans": (None, "en_US.UTF-8", ("--lang", "zh-Hans"), CHINESE),
    "override en_US on a Chinese system": ("en_US", "zh_CN.UTF-8", (), ENGLISH),
    "--lang en_US on a Chinese system": (None, "zh_CN.UTF-8", ("--lang", "en_US"), ENGLISH),
    "system en_US": (None, "en_US.UTF-8", (), ENGLISH),
}


@pytest.mark.slow
@pytest.mark.parametrize("setting", sorted(SETTINGS))
def test_the_plugin_menu_speaks_as_qgis_was_set(plugin_zip, tmp_path, setting):
    locale, lang, args, said = SETTINGS[setting]
    result = run_qgis(plugin_zip, MENU_READ, tmp_path, locale=locale, lang=lang, args=args,
                      timeout=120)
    assert "error" not in result, result.get("error")
    assert result["menu"][:2] == said, result


BAR_READ = MENU_READ + r'''
    result["bar"] = [item.text() for item in qgis.utils.iface.messageBar().items()]
'''


@pytest.mark.slow
def test_a_plugin_without_its_chinese_says_so_in_chinese_and_english(plugin_zip, tmp_path):
    """Installed without its compiled translation (copied from the source tree, say): QGIS
    in Chinese gets the plugin's English, said, not the English alone."""
    import zipfile

    bare = tmp_path / plugin_zip.name
    with zipfile.ZipFile(plugin_zip) as full, zipfile.ZipFile(bare, "w") as out:
        for member in full.infolist():
            if not member.filename.endswith(".qm"):
                out.writestr(member, full.read(member))
    result = run_qgis(bare, BAR_READ, tmp_path / "qgis", locale="zh_CN", timeout=120)
    assert "error" not in result, result.get("error")
    assert result["menu"][:2] == ENGLISH, result
    (said,) = [text for text in result["bar"] if "toksun_zh_CN.qm" in text]
    assert "未找到本插件的中文翻译" in said and "Chinese translation" in said, said
