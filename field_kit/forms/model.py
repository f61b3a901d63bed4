# SPDX-License-Identifier: GPL-2.0-or-later
"""What a form is made of: fields, rules, problems, code-list entries and the check context.

Plain frozen dataclasses, so both faces (the QGIS plugin and the field app) read the same
definitions and the core needs nothing but the standard library.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..bilingual import NO_TEXT, Text
from ..plan import rules

PLAN_START, PLAN_END = date(2021, 1, 1), date(2035, 12, 31)
POSITION_NOTE_DISTANCE_M = 200.0  # farther than this from the patch, say why
EARLIEST_YEAR_CLOSED = 1950

TEXT, MULTILINE, INTEGER, REAL, DATE, CHOICE, POSITION, PHOTOS = (
    "text", "multiline", "integer", "real", "date", "choice", "position", "photos")
ERROR, WARNING = "error", "warning"
DATE_WRITTEN = Text("年-月-日", "YYYY-MM-DD")  # how a date field is typed, in each language
TARGETS, UNITS = "targets", "units"  # choices that come from the context, not a code list
PATCH_CODE = rules.PATCH_CODE


@dataclass(frozen=True)
class Field:
    name: str  # the column (or, for position and photos, the group) it fills
    widget: str
    label: Text
    columns: tuple[str, ...] = ()
    required: bool = False
    unit: str | None = None  # unit of the stored value
    units: tuple[str, ...] = ()  # units a face may offer for typing; convert to ``unit``
    min: object = None
    max: object = None
    min_exclusive: bool = False
    code_list: str | None = None  # a code list name, or TARGETS / UNITS
    parent: str | None = None  # choice filtered by this field's value (parent_code)
    open_choice: bool = False  # values outside the code list allowed (editable combo)
    help: Text = NO_TEXT
    read_only: bool = False
    derived: bool = False  # filled from the subject (patch or project), not typed
    hidden: bool = False
    source: str | None = None  # column of the subject row that pre-fills it


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    field: str  # the field a problem is reported on
    message: Text  # with blanks: {label} and the rule's findings
    severity: str = ERROR
    params: Mapping = dataclasses.field(default_factory=dict, hash=False)
    # the rule said without findings ({label} its only blank), where the message has some
    statement: Text | None = None

    def stated(self, label: Text) -> Text:
        """The rule as a form says it before any value is checked, for a face that cannot
        compute the findings (QGIS's and QField's constraint description): its statement,
        or its message where that has no findings. A KeyError names a finding without a
        statement."""
        return (self.statement or self.message).format(label=label)


@dataclass(frozen=True)
class Form:
    form_id: str
    table: str
    title: Text
    subject_table: str
    subject_column: str  # column of ``table`` holding the subject's uuid
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...]

    def field(self, name: str) -> Field:
        found = self.find(name)
        if found is None:
            raise KeyError(f"{self.form_id} has no field {name!r}")
        return found

    def find(self, name: str) -> Field | None:
        """The field filling column ``name`` (or named so), None where no field does."""
        return next((f for f in self.fields if f.name == name or name in f.columns), None)

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(c for f in self.fields for c in f.columns)


@dataclass(frozen=True)
class Problem:
    field: str
    severity: str
    code: str
    message: Text


@dataclass(frozen=True)
class Code:
    code: str
    label: Text
    parent_code: str | None = None


@dataclass
class Context:
    """What the rules need, read once per form: faces update ``photo_count`` as photos come."""

    code_lists: Mapping[str, tuple[Code, ...]] = dataclasses.field(default_factory=dict)
    today: date = dataclasses.field(default_factory=date.today)
    photo_count: int = 0
    subject: dict | None = None  # the patch or project row
    subject_wkbs: tuple[bytes, ...] = ()  # outline(s) the position is checked against
    targets: tuple[dict, ...] = ()  # project_targets rows
    # the plan's tables the form reads that the file lacks (code_lists, project_targets):
    # what they would check is said unchecked
    lacking: tuple[str, ...] = ()
    record: dict | None = None  # the saved record when editing one
    # why a new record's dates are left empty: the device's clock is known to read wrong
    clock_wrong: Text | None = None
    # with it: the day the package was checked out, the earliest today can be; ``today``,
    # the device's, is no guide then to what is after today
    earliest_today: date | None = None

