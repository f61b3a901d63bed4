# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch deleted has no feature left to select: its history is opened by typing its old
code (History by code or uuid…), as ``field-kit history`` takes it; the dialog says it is
deleted and lists its changes and the verification made on it. A code no row holds or held
is said in the dialog. In English and in Chinese."""

from __future__ import annotations

import gc

import pytest

from tests.qgis.conftest import plugin_speaking
from tests.qgis.test_history_lists_the_records_on_a_patch import merged_on_a_patch

SAID = {
    "en_US": ("This feature is deleted: its changes up to its deletion are listed below.",
              "Records on it (1)", "deleted",
              "no recorded change for row NO-SUCH-CODE (history takes a row's uuid, or a "
              "patch code, project id or program id, or a feature's name): no row holds or "
              "held NO-SUCH-CODE as its code, id or name"),
    "zh_CN": ("该要素已被删除：以下列出其直至删除的各项修改。", "其上的记录（1 条）", "删除",
              "要素 NO-SUCH-CODE 没有任何修改记录（history 接受要素的 uuid，或图斑编号、项目编号、"
              "工程编号，或要素的名称）：没有要素现在或曾经以 NO-SUCH-CODE 为编码或名称"),
}


def _action(plugin, name):
    return next(a for a in plugin.actions if a.objectName() == f"toksun_{name}")


@pytest.mark.parametrize("locale", sorted(SAID))
def test_a_deleted_patchs_history_is_opened_by_its_code(iface, master, tmp_path, locale):
    deleted, records_title, op, unknown = SAID[locale]
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        record, patch = merged_on_a_patch(plugin, tmp_path)
        patches = plugin.layers["mine_patches"]
        code = patch["patch_code"]
        assert patches.startEditing()  # the patch deleted in QGIS
        assert patches.deleteFeature(patch.id())
        assert patches.commitChanges(), patches.commitErrors()
        gc.collect()

        _action(plugin, "show_history_lookup").trigger()
        lookup = plugin.dialogs[-1]
        lookup.typed.setText("NO-SUCH-CODE")
        lookup.show_button.click()
        assert lookup.problem.isVisibleTo(lookup)
        assert lookup.problem.text() == unknown

        lookup.typed.setText(code)
        lookup.show_button.click()
        assert not lookup.problem.isVisibleTo(lookup)
        dialog = lookup.opened
        assert dialog is not None and dialog.isVisible()
        assert dialog.deleted is not None and dialog.deleted.text() == deleted
        changes = [dialog.table.item(i, 1).text() for i in range(dialog.table.rowCount())]
        assert op in changes, changes
        assert dialog.records.title() == records_title
        assert dialog.records.table.item(0, 3).text() == "李明"
        dialog.close()
        lookup.close()
