# SPDX-License-Identifier: GPL-2.0-or-later
"""The position's boxes, read in Chinese, bracket their unit as Chinese text does: 精度（米）,
not 精度(米)."""

from __future__ import annotations

from tests.app.conftest import form_shown


def test_the_accuracy_box_names_its_unit_in_chinese_brackets(qtbot, package, patch):
    box = form_shown(qtbot, package, patch, "zh").position.edits["position_accuracy_m"]
    assert box.placeholderText() == box.toolTip() == "精度（米）"


def test_the_accuracy_box_in_english_is_as_it_was(qtbot, package, patch):
    box = form_shown(qtbot, package, patch, "en").position.edits["position_accuracy_m"]
    assert box.placeholderText() == "Acc. (m)"
