# SPDX-License-Identifier: GPL-2.0-or-later
"""The field app's own words (its text table, the imagery menu and messages, the compass
points) come in both languages, as the library's do."""

from __future__ import annotations

import pkgutil

import field_kit.app
from tests.unit.test_bilingual import lacking, module_texts


def test_every_text_of_the_field_app_has_both_languages():
    names = [m.name for m in pkgutil.iter_modules(field_kit.app.__path__, "field_kit.app.")
             if not m.name.endswith(".__main__")]
    texts = module_texts(names)
    for kind in ("field_kit.app.i18n.TEXTS", "field_kit.app.i18n.CARDINALS",
                 "field_kit.app.imagery.MESSAGES", "field_kit.app.imagery_menu.TEXTS"):
        assert any(w.startswith(kind) for w, _ in texts), kind
    assert len(texts) > 120
    assert lacking(texts) == []
