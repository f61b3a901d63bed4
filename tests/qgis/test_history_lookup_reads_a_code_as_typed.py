# SPDX-License-Identifier: GPL-2.0-or-later
"""History by code or uuid… takes a code as a keyboard or a Chinese input method gives it:
in small letters (a patch code, a project id), with spaces around it, in full-width digits,
letters or hyphen. It is read as the master holds it, as ``field-kit history`` and the
import read it, and the dialog says so; it was "no recorded change for row …". In English
and in Chinese."""

from __future__ import annotations

import gc

import pytest

from tests.qgis.conftest import plugin_speaking, triggered

PATCH, PROJECT = "CT6504222017000026002", "P1-1"
# (what a Chinese input method types: ＣＴ６５…, Ｐ１－１)
FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZct"}
TYPED = [(f"  {PATCH.lower()} ", PATCH),
         ("".join(FULL_WIDTH[c] for c in PATCH), PATCH),
         ("".join(FULL_WIDTH[c] for c in "ct" + PATCH[2:]), PATCH),
         (" " + "".join(FULL_WIDTH[c] for c in PROJECT) + "\u3000", PROJECT),
         (PROJECT.lower(), PROJECT)]
READ_AS = {"en_US": "{typed!r} read as {plain} (spaces taken out, full-width characters read "
                    "as half-width, letters as capitals)",
           "zh_CN": "“{typed}”按 {plain} 读取（去掉空格、全角字符改为半角、字母改为大写）"}


@pytest.mark.parametrize("locale", sorted(READ_AS))
def test_a_code_typed_otherwise_opens_its_history(iface, master, tmp_path, locale):
    with plugin_speaking(iface, locale, tmp_path / "qm", master) as plugin:
        triggered(plugin, "show_history_lookup")
        lookup = plugin.dialogs[-1]
        for typed, plain in TYPED:
            lookup.opened = None
            lookup.typed.setText(typed)
            lookup.show_button.click()
            assert not lookup.problem.isVisibleTo(lookup), (typed, lookup.problem.text())
            dialog = lookup.opened
            assert dialog is not None and dialog.isVisible(), typed
            assert plain in dialog.windowTitle(), dialog.windowTitle()
            assert lookup.read_as.isVisibleTo(lookup)
            assert lookup.read_as.text() == READ_AS[locale].format(
                typed=typed.strip(), plain=plain)
            dialog.close()
        lookup.typed.setText(PATCH)  # as the master holds it: nothing to say
        lookup.show_button.click()
        assert lookup.opened is not None and not lookup.read_as.isVisibleTo(lookup)
        lookup.opened.close()
        lookup.close()
    gc.collect()
