# SPDX-License-Identifier: GPL-2.0-or-later
"""Keys typed on a closed drop-down of codes find a choice by its code or by a word of its
name as the form shows it; keys that find nothing change nothing and say so beside it, in
the form's language. Chinese typed with an input method finds a name the same way."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtGui import QInputMethodEvent, QInputMethodQueryEvent
from PyQt5.QtWidgets import QApplication, QScrollArea, QToolTip

from field_kit.app.form_widget import FormWidget
from field_kit.forms import drafts
from tests.app.conftest import form_shown
from tests.app.test_no_silent_change import wheel


@pytest.fixture
def english(qtbot, package, patch):
    fw = form_shown(qtbot, package, patch, "en")
    yield fw
    fw.close_db()


@pytest.fixture
def chinese(qtbot, package, patch):
    fw = form_shown(qtbot, package, patch, "zh_CN")
    yield fw
    fw.close_db()


def _type(qtbot, fw: FormWidget, name: str, keys: str) -> str | None:
    """The technician tabs to the field's drop-down and types ``keys``: the code chosen."""
    combo = fw.editor(name).combo
    combo.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClicks(combo, keys)
    return fw.editor(name).state()[name]


def test_a_word_of_a_name_typed_finds_its_choice(qtbot, english, package):
    assert _type(qtbot, english, "damage_type", "exc") == "挖损"  # its code is Chinese
    assert english.editor("damage_type").combo.currentText() == "挖损  Excavation"
    assert _type(qtbot, english, "remediation_status", "n") == "D"  # Natural recovery
    assert _type(qtbot, english, "land_use", "forest") == "03"
    assert _type(qtbot, english, "patch_class", "l") == "10"  # Legacy mine
    # chosen as by a click: what follows the class follows, and the draft keeps it
    assert set(english.editor("patch_subclass").codes) == {"11", "12"}
    assert english.draft_id is not None
    (draft,) = drafts.load_drafts(english.conn, "patch_verification")
    assert draft.values["damage_type"] == "挖损" and draft.values["land_use"] == "03"


def test_a_code_typed_finds_its_choice_before_a_name(qtbot, english):
    assert _type(qtbot, english, "remediation_status", "c") == "C"  # not "Natural recovery"
    assert _type(qtbot, english, "patch_class", "30") == "30"


def test_keys_that_find_nothing_change_nothing_and_say_so(qtbot, english):
    assert _type(qtbot, english, "remediation_status", "b") == "B"
    assert _type(qtbot, english, "damage_type", "w") is None
    assert QToolTip.isVisible()
    assert QToolTip.text() == (
        "Nothing in Damage type has a code or a word starting with “w”: type the start of "
        "a code or of a name, or open the list with Space")
    assert english.editor("remediation_status").state()["remediation_status"] == "B"


def test_in_chinese_codes_are_found_and_latin_names_said_not_found(qtbot, chinese):
    assert _type(qtbot, chinese, "remediation_status", "b") == "B"
    assert chinese.editor("remediation_status").combo.currentText() == "B  已恢复治理"
    # the English name is not what the technician sees: "exc" picks nothing behind her back
    assert _type(qtbot, chinese, "damage_type", "exc") is None
    assert QToolTip.isVisible()
    assert QToolTip.text() == ("损毁类型中没有以“exc”开头的代码或名称：请输入代码或名称的开头，"
                               "或按空格键打开列表")


def _type_chinese(qtbot, fw: FormWidget, name: str, words: str) -> str | None:
    """The technician tabs to the field's drop-down and types ``words`` with a Chinese
    input method, as the input method gives them: it asks the widget with the focus whether
    it takes typed words, shows the pinyin being composed, then commits the words chosen."""
    combo = fw.editor(name).combo
    combo.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    target = QApplication.focusObject()
    asked = QInputMethodQueryEvent(Qt.ImEnabled)
    QApplication.sendEvent(target, asked)
    assert asked.value(Qt.ImEnabled), "the input method is off: nothing Chinese can be typed"
    before = fw.editor(name).state()[name]
    QApplication.sendEvent(target, QInputMethodEvent("cao", []))  # composing: no choice yet
    assert fw.editor(name).state()[name] == before
    committed = QInputMethodEvent()
    committed.setCommitString(words)
    QApplication.sendEvent(target, committed)
    return fw.editor(name).state()[name]


def test_chinese_typed_with_an_input_method_finds_its_name(qtbot, chinese):
    assert _type_chinese(qtbot, chinese, "land_use", "草") == "04"
    assert chinese.editor("land_use").combo.currentText() == "04  草地"
    assert _type_chinese(qtbot, chinese, "land_use", "林地") == "03"
    assert _type_chinese(qtbot, chinese, "damage_type", "压占") == "压占"
    assert _type_chinese(qtbot, chinese, "remediation_status", "已恢复") == "B"
    # chosen as by a click: the draft keeps it
    (draft,) = drafts.load_drafts(chinese.conn, "patch_verification")
    assert draft.values["land_use"] == "03" and draft.values["damage_type"] == "压占"


def test_chinese_that_finds_nothing_changes_nothing_and_says_so(qtbot, chinese):
    assert _type_chinese(qtbot, chinese, "land_use", "草") == "04"
    assert _type_chinese(qtbot, chinese, "land_use", "水田") == "04"
    assert QToolTip.isVisible()
    assert QToolTip.text() == ("现状地类中没有以“水田”开头的代码或名称：请输入代码或名称的开头，"
                               "或按空格键打开列表")


def test_a_wheel_still_changes_no_drop_down_the_input_method_types_in(qtbot, chinese):
    chinese.resize(520, 600)  # short: the form has to scroll
    assert _type_chinese(qtbot, chinese, "land_use", "草") == "04"
    bar = chinese.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    top = bar.value()
    wheel(chinese.editor("land_use").combo, -1)
    assert chinese.editor("land_use").state()["land_use"] == "04"
    assert bar.value() > top
