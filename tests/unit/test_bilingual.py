# SPDX-License-Identifier: GPL-2.0-or-later
"""Every word the library shows is a Text with both its languages: a column's label, a
form's field, help and rules, a status, a check's messages."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator

from field_kit import forms
from field_kit.bilingual import EN, NO_TEXT, ZH, Text
from field_kit.plan import schema
from tests.plan_build import ROOT
from tests.unit.test_library_stands_alone import library_modules


def texts_in(value: object, where: str) -> Iterator[tuple[str, Text]]:
    """Every Text in ``value``, through dataclasses, dicts, tuples and lists."""
    if isinstance(value, Text):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from texts_in(getattr(value, f.name), f"{where}.{f.name}")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from texts_in(v, f"{where}[{k!r}]")
    elif isinstance(value, (tuple, list)):
        for i, v in enumerate(value):
            yield from texts_in(v, f"{where}[{i}]")


def module_texts(names: list[str]) -> list[tuple[str, Text]]:
    """The Texts the modules ``names`` define at their top level (tables, forms, labels)."""
    out = []
    for name in names:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if not attr.startswith("__"):
                out += texts_in(value, f"{name}.{attr}")
    return out


def lacking(texts: list[tuple[str, Text]]) -> list[str]:
    """Where a text has one language and not the other; NO_TEXT (no help line, no note)
    has neither and is not lacking."""
    return [where for where, t in texts
            if t != NO_TEXT and not (t.zh.strip() and t.en.strip())]


def test_a_text_lacking_a_language_is_found():
    assert lacking([("zh only", Text("名称", "")), ("en only", Text("", "Name")),
                    ("blank", Text(" ", "Name")), ("both", Text("名称", "Name")),
                    ("none", NO_TEXT)]) == ["zh only", "en only", "blank"]


def test_every_text_of_the_library_has_both_languages():
    texts = module_texts(library_modules())
    for kind in ("field_kit.plan.schema.TABLES", "field_kit.forms.definitions.FORMS",
                 "field_kit.forms.definitions.MESSAGES", "field_kit.reports.progress.STATUS_LABELS",
                 "field_kit.reports.plan_check.SEVERITY_LABELS"):
        assert any(w.startswith(kind) for w, _ in texts), kind
    assert len(texts) > 300
    assert lacking(texts) == []


def test_labels_titles_and_messages_are_never_left_out():
    required = [(f"{t.name} title", t.title) for t in schema.TABLES]
    required += [(f"{t.name}.{c.name}", c.label) for t in schema.TABLES for c in t.columns]
    for form in forms.FORMS.values():
        required.append((form.form_id, form.title))
        required += [(f"{form.form_id}.{f.name}", f.label) for f in form.fields]
        required += [(f"{form.form_id} rule {r.code}", r.message) for r in form.rules]
    assert [w for w, t in required if t == NO_TEXT] == []
    assert lacking(required) == []


def test_code_list_labels_have_both_languages():
    codes = forms.code_lists_from_csv(ROOT / "resources" / "plan" / "code_lists.csv")
    assert lacking([(f"{name} {c.code}", c.label) for name, cs in codes.items() for c in cs]) == []


def test_a_text_is_read_one_way():
    t = Text("已恢复治理 {n}", "Restored {n}")
    assert (t(ZH), t(EN), t()) == ("已恢复治理 {n}", "Restored {n}", "已恢复治理 {n}")
    label = Text("核查面积", "Measured area")
    assert Text("{label}须为数字", "{label} must be a number").format(label=label) == Text(
        "核查面积须为数字", "Measured area must be a number")
    assert t.both(" / ") == "已恢复治理 {n} / Restored {n}"
