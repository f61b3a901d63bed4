# SPDX-License-Identifier: GPL-2.0-or-later
"""What a pull changed of the role's grants, as the technician knows the app's forms: a
form's fields by the labels it shows, in its order (not the columns it fills itself: uuid,
time of making, geometry), photos as added and taken off; a layer the app has no form for
as the sync says it."""

from __future__ import annotations

from ..forms import PHOTOS, POSITION, Field, Form
from ..forms.definitions import BY_TABLE
from ..plan.schema import GEOMETRY_COLUMN
from ..sync import registry
from . import i18n
from .editors import field_label

Grants = set[tuple[str, str]]  # (table, column; ``*`` for every one)


def field_columns(f: Field) -> set[str]:
    """The columns a field writes (a position: its point too)."""
    return set(f.columns) | ({GEOMETRY_COLUMN} if f.widget == POSITION else set())


def editable(form: Form, granted: set[str]) -> list[Field]:
    """The fields of ``form`` typed in that the columns ``granted`` let be changed, in its
    order (not those filled from the patch or project; the photo strip is the photos' own
    grant)."""
    return [f for f in form.fields if not (f.hidden or f.read_only) and f.widget != PHOTOS and
            registry.may_write({form.table: granted}, form.table, field_columns(f)) is None]


def said(role: str, before: Grants, after: Grants, lang: str) -> list[str]:
    """A line for each change of ``role``'s grants from ``before`` to ``after``."""
    out = []
    for form in BY_TABLE.values():
        out += _form(role, form, before, after, lang)
    out += _photos(role, before, after, lang)
    other = {t for t, _ in before | after} - set(BY_TABLE) - {"photos"}
    return out + _as_the_sync(role, before, after, other, lang)


def _columns(grants: Grants, table: str) -> set[str]:
    return {c for t, c in grants if t == table}


def _form(role: str, form: Form, before: Grants, after: Grants, lang: str) -> list[str]:
    was, now = _columns(before, form.table), _columns(after, form.table)
    if was == now:
        return []
    args = {"role": i18n.role_name(role, lang), "table": form.title(lang)}
    fields_was, fields_now = editable(form, was), editable(form, now)
    if "*" in now:
        lines = [i18n.tr("grants_whole", lang, **args)]
    elif not now:
        lines = [i18n.tr("grants_none_now", lang, **args)]
    elif "*" in was or not was:  # (records of it neither added nor deleted now)
        lines = [i18n.tr("grants_only_now", lang, **args, fields=_listed(fields_now, lang))
                 ] if fields_now else []
    else:
        more = [f for f in fields_now if f not in fields_was]
        fewer = [f for f in fields_was if f not in fields_now]
        lines = ([i18n.tr("grants_more", lang, **args, fields=_listed(more, lang))]
                 if more else []) + ([i18n.tr("grants_fewer", lang, **args,
                                              fields=_listed(fewer, lang))] if fewer else [])
    # (a change of columns the form fills itself alone: said as the sync says it)
    return [_changed(line, lang) for line in lines] or _as_the_sync(
        role, before, after, {form.table}, lang)


def _photos(role: str, before: Grants, after: Grants, lang: str) -> list[str]:
    was, now = _columns(before, "photos"), _columns(after, "photos")
    if was == now:
        return []
    if ("*" in was) == ("*" in now):  # (columns of photos: added or taken off none the less)
        return _as_the_sync(role, before, after, {"photos"}, lang)
    return [_changed(i18n.tr("grants_photos_now" if "*" in now else "grants_photos_gone",
                             lang, role=i18n.role_name(role, lang)), lang)]


def _as_the_sync(role: str, before: Grants, after: Grants, tables: set[str],
                 lang: str) -> list[str]:
    """The change of the grants of ``tables`` as the sync says it."""
    return [i18n.core(f"grants changed: {line}", lang) for line in registry.changed_grants(
        role, {g for g in before if g[0] in tables}, {g for g in after if g[0] in tables})]


def _listed(fields: list[Field], lang: str) -> str:
    return ("、" if lang == i18n.ZH else ", ").join(field_label(f, lang) for f in fields)


def _changed(line: str, lang: str) -> str:
    return i18n.tr("grants_changed", lang, what=line)
