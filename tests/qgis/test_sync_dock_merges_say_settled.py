# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's list of merges follows Settle conflicts: a merge whose conflicts are
settled there, some or all, says so, as `field-kit status` does, in English and Chinese,
instead of counting them to settle still."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication

from field_kit.cli.commands import main
from field_kit.sync import merge
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_plugin import verification_edited_by_two
from tests.qgis.test_settle_conflicts import opened, plugin  # noqa: F401 (a fixture)

SAID = {"en": ("2 to settle in 1 change", "2 (1 to settle) in 1 change",
               "2 settled in 1 change"),
        "zh": ("2 项待处理（涉及 1 项修改）", "2 项（其中 1 项待处理，涉及 1 项修改）",
               "2 项（均已处理，涉及 1 项修改）")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_merges_listed_say_their_conflicts_settled_in_the_dialog(
        lang, plugin, master, tmp_path, capsys):  # noqa: F811 (a fixture)
    outs = verification_edited_by_two(
        master, tmp_path, "0b5e2f6c-0000-4000-8000-000000000003",
        {"notes": "内业", "verifier": "王"},
        [{"notes": "坡面已稳定", "verifier": "李"}, {"notes": "北侧积水", "verifier": "何"}])
    assert merge.merge(master, outs).totals["conflict"] == 1  # two fields of one change
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        dock = plugin.show_sync()
        listed = [dock.merge_list.item(0).text()]
        dialog = opened(plugin)
        for _ in range(2):  # each conflict settled by a button, as a hand does
            dialog.table.selectRow(0)
            dialog.take_buttons["ours"].click()
            QgsApplication.processEvents()
            listed.append(dock.merge_list.item(0).text())
        dialog.close()
    for text, said in zip(listed, SAID[lang]):
        assert said in text, (said, listed)
    capsys.readouterr()
    main(["status", str(master)])
    assert f"conflicts {SAID['en'][2]}, refused " in capsys.readouterr().out
