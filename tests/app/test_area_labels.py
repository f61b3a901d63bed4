# SPDX-License-Identifier: GPL-2.0-or-later
"""An area typed beside a unit box: its label does not name the stored unit (m²), which
would say the 亩 figure typed is in m²; the line under it gives the value in each unit."""

from __future__ import annotations

import pytest
from PyQt5.QtWidgets import QFormLayout

from field_kit.app.form_widget import FormWidget
from field_kit.app.i18n import EN, ZH

AREAS = ("measured_area_m2", "treated_area_m2")


def _label(fw: FormWidget, name: str) -> str:
    editor = fw.editors[name]
    for layout in fw.findChildren(QFormLayout):
        label = layout.labelForField(editor)
        if label is not None:
            return label.text()
    raise AssertionError(f"no label beside {name}")


@pytest.mark.parametrize("lang, unit_shown, words", [
    (EN, "mu", ("Measured area", "Treated area")),
    (ZH, "亩", ("核查面积", "已治理面积")),
])
def test_an_area_label_leaves_the_unit_to_the_box_beside_it(qtbot, form, lang, unit_shown,
                                                            words):
    form.set_language(lang)
    ed = form.editors["measured_area_m2"]
    ed.edit.setFocus()
    qtbot.keyClicks(ed.edit, "12")
    ed.unit.setCurrentIndex(ed.unit.findData("亩"))
    assert ed.unit.currentText() == unit_shown
    assert "8,000.00" in ed.hint.text()  # 12 亩 in m², on the line under it
    for name, word in zip(AREAS, words):
        text = _label(form, name)
        assert text.startswith(word)
        assert "m²" not in text and "平方米" not in text, text


def test_labels_without_a_unit_box_are_as_the_plan_gives_them(form):
    assert _label(form, "year_closed") == form.form.field("year_closed").label(EN)
