# SPDX-License-Identifier: GPL-2.0-or-later
"""Update… after the master undid a merge of this device's edits: the values the master
holds no more (one that merge had applied, one it had kept aside in a conflict) are named,
as the command line names them, in English and Chinese."""

from __future__ import annotations

from field_kit.app import i18n
from tests.app.conftest import updated
from tests.unit.test_pull_after_undo_of_values_kept_aside import kept_aside_then_undone


def test_an_update_names_the_values_a_merge_undone_had_applied_or_kept_aside(
        window, package, master, tmp_path, monkeypatch):
    kept_aside_then_undone(master, package, tmp_path / "tab-2.gpkg", tmp_path)
    boxes, pulled = updated(window, master, monkeypatch)
    (text,) = boxes
    assert "1 value this device sent is the master's again: the master undid the merge " \
        "that applied it (undo-merge):\n· " in text, text
    assert "1 value this device sent is the master's here: the master undid the merge " \
        "that kept it aside in its conflicts (undo-merge) and holds it nowhere now; edit " \
        "it again to send it again:\n· " in text, text
    # each by its record and field label, as the values the master replaced are
    assert " · Verifier: 王五 → 李四" in text, text
    assert " · Notes: t2 second → t1" in text, text
    i18n.set_language(i18n.ZH)
    text = window.pull_text(pulled[0])
    assert "本机已发送的 1 个值已恢复为主库的值：主库撤销了应用它们的合并（undo-merge）：\n· " \
        in text, text
    assert "本机已发送的 1 个值在本机已改为主库的值：主库撤销了将它们作为冲突搁置的合并" \
        in text, text
