# SPDX-License-Identifier: GPL-2.0-or-later
"""The Sync dock's pull of a package whose refused edit of a column the master renamed since
is given up says the conflict it closed, and what the master holds in the renamed column,
as the command line says it: in English, and in Chinese for a user who reads it."""

from __future__ import annotations

import pytest

from field_kit.cli.commands import main
from tests.qgis.test_plugin import _wait_for
from tests.unit.test_pull_merge_undo_lines_in_chinese import edit_given_up

SAID = {"en_US": ("closed, nothing to settle: your edit of it was refused and is not sent "
                  "again; the master renamed the column remark, which holds \"已复核\" there"),
        "zh_CN": ("已关闭，无需处理：本机对它的修改被拒绝，不再重新发送；"
                  "主库已将该字段改名为 remark，"
                  "其中为 \"已复核\"")}


@pytest.mark.parametrize("locale", sorted(SAID))
def test_the_docks_pull_says_the_conflict_it_closed(iface, master, tmp_path, locale):
    from tests.qgis.conftest import plugin_speaking
    pkg, _ = edit_given_up(master, tmp_path,
                           lambda *argv: (main([str(a) for a in argv]), ""))
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        dock = plugin.show_sync()
        dock.choose_package(str(pkg))
        dock.pull_button.click()
        _wait_for(dock)
        report = dock.report.toPlainText()
        assert SAID[locale] in report, report
