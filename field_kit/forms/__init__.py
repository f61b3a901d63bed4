# SPDX-License-Identifier: GPL-2.0-or-later
"""The patch-verification and project-inspection forms both faces render.

- ``model``: what a form is made of (Field, Rule, Form, Problem, Code, Context).
- ``definitions``: the two forms as data, labels from ``schema``.
- ``checks``: ``validate`` and what it needs, no database.
- ``store``: context from a GeoPackage, saving records, attaching photos.
"""

from __future__ import annotations

from .definitions import (
    BY_TABLE,
    FORMS,
    MESSAGES,
    PATCH_VERIFICATION,
    PROJECT_INSPECTION,
    field_of,
)
from .model import (
    CHOICE,
    DATE,
    DATE_WRITTEN,
    EARLIEST_YEAR_CLOSED,
    ERROR,
    INTEGER,
    MULTILINE,
    PHOTOS,
    PLAN_END,
    PLAN_START,
    POSITION,
    POSITION_NOTE_DISTANCE_M,
    REAL,
    TARGETS,
    TEXT,
    UNITS,
    WARNING,
    Code,
    Context,
    Field,
    Form,
    Problem,
    Rule,
)
from .store import (
    FormError,
    Kept,
    PhotoError,
    attach_photo,
    code_lists_from_csv,
    delete_record,
    form_context,
    list_photos,
    list_records,
    load_code_lists,
    not_restorable,
    photo_data,
    plan_lists,
    record_as_is,
    restore_record,
    save_record,
    township_and_phase_lists,
)
from .validate import (
    choices,
    clean_values,
    distance_to_outlines,
    errors,
    initial_values,
    missing,
    nearest_outline_point,
    validate,
)

__all__ = [
    "BY_TABLE", "CHOICE", "field_of", "DATE", "DATE_WRITTEN",
    "EARLIEST_YEAR_CLOSED", "ERROR", "FORMS", "INTEGER",
    "MESSAGES", "MULTILINE", "PATCH_VERIFICATION", "PHOTOS", "PLAN_END", "PLAN_START",
    "POSITION", "POSITION_NOTE_DISTANCE_M", "PROJECT_INSPECTION", "REAL", "TARGETS", "TEXT",
    "UNITS", "WARNING", "Code", "Context", "Field", "Form", "FormError", "Kept", "PhotoError",
    "Problem", "Rule",
    "attach_photo", "choices", "clean_values", "code_lists_from_csv", "delete_record",
    "not_restorable", "record_as_is", "restore_record",
    "distance_to_outlines",
    "nearest_outline_point",
    "errors", "form_context", "initial_values", "list_photos", "list_records",
    "load_code_lists", "missing", "photo_data", "plan_lists",
    "save_record", "township_and_phase_lists", "validate",
]
