# SPDX-License-Identifier: GPL-2.0-or-later
"""The two forms: definitions against the schema, and every rule passing and failing."""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from field_kit import forms
from field_kit.forms import (
    ERROR,
    PATCH_VERIFICATION,
    PROJECT_INSPECTION,
    WARNING,
    choices,
    initial_values,
    validate,
)
from field_kit.forms.validate import _RULES, clean_values
from field_kit.plan import geometry, schema, units
from field_kit.sync import log_reads
from tests.unit.forms_fixtures import (
    PROJECT,
    SQUARE,
    TARGET_AREA,
    TARGET_COUNT,
    TODAY,
    code_lists,
    forms_gpkg,
    jpeg_with_exif,
    patch_context,
    patch_uuid,
    project_context,
    square_wkb,
)

PV, PI = PATCH_VERIFICATION, PROJECT_INSPECTION
INSIDE = (88.501, 42.801)

WIDGET_TYPES = {forms.TEXT: {"TEXT"}, forms.MULTILINE: {"TEXT"}, forms.CHOICE: {"TEXT"},
                forms.INTEGER: {"INTEGER"}, forms.REAL: {"REAL"}, forms.DATE: {"DATE"},
                forms.POSITION: {"REAL"}}


def good_verification(**kw) -> dict:
    v = {"patch_uuid": "p1", "patch_code": "C6521232009097120035838001", "patch_class": "10",
         "patch_subclass": "11", "damage_type": "挖损", "patch_feature": "1",
         "remediation_status": "A", "measured_area_m2": "12000", "position_lon": INSIDE[0],
         "position_lat": INSIDE[1], "position_accuracy_m": "4.5", "verifier": "阿依古丽",
         "verified_on": "2024-05-20"}
    v.update(kw)
    return v


def good_inspection(**kw) -> dict:
    v = {"project_uuid": PROJECT, "project_id": "XM-1", "target_uuid": TARGET_AREA,
         "completed_quantity": "1.5", "unit": "万亩", "rating": "2", "position_lon": INSIDE[0],
         "position_lat": INSIDE[1], "inspector": "王工", "inspected_on": "2024-05-20"}
    v.update(kw)
    return v


def codes(problems, severity=None) -> set[str]:
    return {p.code for p in problems if severity is None or p.severity == severity}


def check(form, values, ctx):
    problems = validate(form, values, ctx)
    for p in problems:  # every message is said in both languages
        assert p.message.zh and p.message.en and p.severity in (ERROR, WARNING)
        assert "{" not in p.message.zh + p.message.en
    return problems


# --- definitions ----------------------------------------------------------------------

@pytest.mark.parametrize("form", [PV, PI])
def test_every_field_is_a_schema_column_of_the_right_type(form):
    table = schema.table(form.table)
    types = {c.name: c.type for c in table.columns}
    assert form.subject_table in schema.BY_NAME and form.subject_column in types
    for f in form.fields:
        if f.widget == forms.PHOTOS:
            assert f.columns == () and f.label.zh == schema.table("photos").title.zh
            continue
        assert f.columns, f.name
        for col in f.columns:
            assert col in types, col
            assert types[col] in WIDGET_TYPES[f.widget], col
        if f.source:
            assert f.source in schema.table(form.subject_table).column_names
    assert len(form.columns) == len(set(form.columns))


@pytest.mark.parametrize("form", [PV, PI])
def test_labels_titles_and_help_in_both_languages(form):
    assert form.title("zh") and form.title("en") != form.title("zh")
    for f in form.fields:
        assert f.label("zh") and f.label("en"), f.name
        assert bool(f.help.zh) == bool(f.help.en), f.name
    for r in form.rules:
        assert r.message.zh and r.message.en and r.kind in _RULES
        assert r.severity in (ERROR, WARNING)
    for code, message in forms.MESSAGES.items():
        zh, en = message.zh, message.en
        assert zh and en, code


@pytest.mark.parametrize("form", [PV, PI])
def test_code_lists_and_units_named_exist(form):
    lists = code_lists()
    for f in form.fields:
        if f.widget == forms.CHOICE and f.code_list not in (forms.TARGETS, forms.UNITS):
            assert f.code_list in lists, f.name
        if f.parent:
            assert form.field(f.parent).widget == forms.CHOICE
        for u in f.units + ((f.unit,) if f.unit else ()):
            assert units.is_known(u)


def test_labels_come_from_the_schema():
    col = {c.name: c for c in schema.table("patch_verifications").columns}
    f = PV.field("measured_area_m2")
    assert (f.label.zh, f.label.en) == (col["measured_area_m2"].label.zh,
                                        col["measured_area_m2"].label.en)
    assert PV.field("position_lat").name == "position"  # a part finds its group


def test_forms_are_reachable_by_id_and_table():
    assert forms.FORMS["patch_verification"] is PV
    assert forms.BY_TABLE["project_inspections"] is PI


# --- the verification's rules ---------------------------------------------------------

def test_a_complete_verification_has_no_problem():
    assert check(PV, good_verification(), patch_context()) == []


def test_required_fields():
    values = good_verification(verifier="  ", damage_type=None)
    del values["verified_on"]
    found = {(p.field, p.code) for p in check(PV, values, patch_context())}
    assert {("verifier", "required"), ("damage_type", "required"),
            ("verified_on", "required")} <= found


def test_position_is_required_whole():
    ctx = patch_context()
    assert ("position", "required") in {(p.field, p.code) for p in check(
        PV, good_verification(position_lat=""), ctx)}
    assert check(PV, good_verification(position_accuracy_m=None), ctx) == []


def test_derived_fields_are_filled_from_the_subject():
    values = good_verification(patch_uuid=None, patch_code=None)
    assert check(PV, values, patch_context()) == []
    clean, _ = forms.clean_values(PV, values, patch_context())
    assert clean["patch_uuid"] == "p1" and clean["patch_code"].startswith("C652123")


def test_photo_required_before_restored():
    values = good_verification(remediation_status="B", restoration_method="3",
                               treated_area_m2="12000")
    problems = check(PV, values, patch_context(photo_count=0))
    assert codes(problems) == {"photo_required_for_restored"}
    assert problems[0].field == "remediation_status" and problems[0].severity == ERROR
    assert check(PV, values, patch_context(photo_count=1)) == []
    # untreated needs no photo
    assert check(PV, good_verification(remediation_status="A"), patch_context()) == []


def test_restoration_method_required_when_restored_or_in_progress():
    ctx = patch_context(photo_count=1)
    assert "restoration_method_required" in codes(check(
        PV, good_verification(remediation_status="C"), ctx))
    assert check(PV, good_verification(remediation_status="C", restoration_method="2"),
                 ctx) == []


def test_values_still_to_be_given_are_told_from_values_given_wrong():
    """What a form may say quietly until a save is tried: fields left empty (required, or
    required by another's value); never a value given wrong, nor a warning."""
    values = good_verification(verifier=None, remediation_status="C", measured_area_m2="-5",
                               verified_on="2024-13-45")
    problems = check(PV, values, patch_context(photo_count=1))
    assert {(p.field, p.code) for p in forms.missing(PV, problems)} == {
        ("verifier", "required"), ("restoration_method", "restoration_method_required")}
    assert {"not_above_min", "not_a_date"} <= codes(problems)
    ctx = project_context()
    assert codes(forms.missing(PI, check(PI, good_inspection(target_uuid=None), ctx))) == \
        {"target_required"}


def test_subclass_must_belong_to_class():
    ctx = patch_context()
    problems = check(PV, good_verification(patch_class="10", patch_subclass="31"), ctx)
    assert codes(problems) == {"not_in_parent"}
    assert "图斑大类" in problems[0].message.zh and "Patch class" in problems[0].message.en
    assert check(PV, good_verification(patch_class="30", patch_subclass="31"), ctx) == []
    offered = [c.code for c in choices(PV, "patch_subclass", {"patch_class": "30"}, ctx)]
    assert offered == ["31", "32", "33", "34", "35", "36", "37"]
    assert len(choices(PV, "patch_subclass", {}, ctx)) == 14  # no class yet: all


def test_codes_must_be_in_their_list_but_mineral_is_open():
    ctx = patch_context()
    assert codes(check(PV, good_verification(damage_type="冲毁"), ctx)) == {"not_in_code_list"}
    assert check(PV, good_verification(mineral="金矿"), ctx) == []
    assert [c.code for c in choices(PV, "remediation_status", {}, ctx)] == ["A", "B", "C", "D"]


@pytest.mark.parametrize("name", ["measured_area_m2", "treated_area_m2"])
def test_areas_must_be_positive(name):
    ctx = patch_context()
    for bad in ("0", "-5", 0.0):
        problems = check(PV, good_verification(**{name: bad}), ctx)
        assert ("not_above_min", name) in {(p.code, p.field) for p in problems}, bad
    assert check(PV, good_verification(**{name: "0.5"}), ctx) == []


def test_numbers_as_typed():
    ctx = patch_context()
    assert check(PV, good_verification(measured_area_m2="１２,０００.５"), ctx) == []
    assert codes(check(PV, good_verification(measured_area_m2="12 亩"), ctx)) == {"not_a_number"}
    assert codes(check(PV, good_verification(measured_area_m2="nan"), ctx)) == {"not_a_number"}
    assert codes(check(PV, good_verification(year_closed="2010.5"), ctx)) == {"not_an_integer"}
    assert codes(check(PV, good_verification(verified_on="20/5/2024"), ctx)) == {"not_a_date"}
    assert check(PV, good_verification(verified_on="2024/05/20"), ctx) == []
    # a comma after a leading 0 is no thousands comma: 0,500 is half a square metre, not 500
    for typed, meant in (("0,500", 0.5), ("0,050", 0.05), ("1,500", 1500.0), ("1,5", 1.5)):
        values, problems = clean_values(PV, good_verification(measured_area_m2=typed), ctx)
        assert problems == [] and values["measured_area_m2"] == meant, typed


def test_dates_as_written_here():
    ctx = patch_context()
    for typed in ("2024-05-20", "2024/5/20", "2024.5.20", "2024年5月20日", "２０２４年５月２０日",
                  "2024/5/20 10:30"):
        values, problems = clean_values(PV, good_verification(verified_on=typed), ctx)
        assert problems == [] and values["verified_on"] == date(2024, 5, 20), typed
    # a digit too many, a span of days, two days: no day, never the first ten characters
    for bad in ("2024年2月30日", "2024/13/1", "5/20/2024", "2024年5月", "2024-05-011",
                "2024-06-01至06-03", "2024-05-01,02", "2024-05-01 to 2024-05-03"):
        assert codes(check(PV, good_verification(verified_on=bad), ctx)) == {"not_a_date"}, bad


def test_treated_area_not_above_measured():
    ctx = patch_context()
    problems = check(PV, good_verification(measured_area_m2="1000", treated_area_m2="1000.5"), ctx)
    assert codes(problems) == {"treated_exceeds_measured"}
    assert problems[0].field == "treated_area_m2"
    assert check(PV, good_verification(measured_area_m2="1000", treated_area_m2="1000"), ctx) == []
    # the same figure typed in 亩 and converted by the face is not "more"
    mu = units.convert(1.7, "亩", "平方米")
    assert check(PV, good_verification(measured_area_m2=mu, treated_area_m2=mu), ctx) == []


def test_year_closed_between_1950_and_the_verification_year():
    ctx = patch_context()
    assert codes(check(PV, good_verification(year_closed="1949"), ctx)) == {"below_min"}
    assert check(PV, good_verification(year_closed="1950"), ctx) == []
    assert check(PV, good_verification(year_closed="2024"), ctx) == []
    problems = check(PV, good_verification(year_closed="2025"), ctx)
    assert codes(problems) == {"year_closed_after_verification"}
    assert "2024" in problems[0].message.zh
    # without a date, today's year is the limit
    values = good_verification(year_closed="2024")
    values.pop("verified_on")
    assert "year_closed_after_verification" not in codes(check(PV, values, ctx))


def test_dates_inside_the_plan_period_and_not_in_the_future():
    ctx = patch_context()  # today is 2024-06-01
    assert codes(check(PV, good_verification(verified_on="2020-12-31"), ctx)) == {
        "outside_plan_period"}
    assert check(PV, good_verification(verified_on="2021-01-01"), ctx) == []
    assert check(PV, good_verification(verified_on="2024-06-01"), ctx) == []
    problems = check(PV, good_verification(verified_on="2024-06-02"), ctx)
    assert codes(problems) == {"date_in_future"} and "2024-06-01" in problems[0].message.en
    late = patch_context(today=forms.PLAN_END.replace(year=2040))
    assert codes(check(PV, good_verification(verified_on="2036-01-01"), late)) == {
        "outside_plan_period"}
    assert check(PV, good_verification(verified_on="2035-12-31"), late) == []


def test_an_area_many_times_the_patch_is_warned_of_not_refused():
    """A measured area of 5,000,000 m² on a patch mapped at 120,000 m² is a slip of a unit
    or a digit far more often than the ground: said, in both languages, and savable."""
    ctx = patch_context(subject={"uuid": "p1", "patch_code": "C6521232009097120035838001",
                                 "area_m2": 120000.0})
    assert check(PV, good_verification(measured_area_m2="240000"), ctx) == []  # 2 times
    problems = check(PV, good_verification(measured_area_m2="5000000"), ctx)
    assert codes(problems) == {"area_far_above_patch"}
    (p,) = problems
    assert p.severity == forms.WARNING and p.field == "measured_area_m2"
    assert "41.7 倍" in p.message.zh and "41.7 times the patch's mapped 120,000 m²" in \
        p.message.en
    # no mapped area known: nothing to compare with
    assert check(PV, good_verification(measured_area_m2="5000000"), patch_context()) == []


def test_an_area_under_a_tenth_of_the_patch_is_warned_of_not_refused():
    """615 typed in a field of m² meaning 亩, on a patch mapped at 409,993 m²: counted a
    sliver, the report cautions; the form said nothing while it was typed."""
    ctx = patch_context(subject={"uuid": "p1", "patch_code": "C6521232009097120035838001",
                                 "area_m2": 409993.0})
    assert check(PV, good_verification(measured_area_m2="40999.3"), ctx) == []  # a tenth
    problems = check(PV, good_verification(measured_area_m2="615"), ctx)
    assert codes(problems) == {"area_far_below_patch"}
    (p,) = problems
    assert p.severity == forms.WARNING and p.field == "measured_area_m2"
    assert p.message.en == ("The measured area, 615.00 m², is 0.15% of the patch's mapped "
                            "409,993 m²: check the unit and the digits")
    assert p.message.zh.startswith("核查面积 615.00 平方米只有图斑面积 409,993 平方米的 0.15%")
    assert check(PV, good_verification(measured_area_m2="615"), patch_context()) == []
    # 0 is refused by the field's own limit, not warned of besides
    assert codes(check(PV, good_verification(measured_area_m2="0"), ctx)) == {"not_above_min"}


def test_position_far_from_the_patch_needs_a_note():
    ctx = patch_context()
    edge = (88.502, 42.801)  # on the east edge
    near = geometry.direct(edge, 90, forms.POSITION_NOTE_DISTANCE_M - 20)
    far = geometry.direct(edge, 90, forms.POSITION_NOTE_DISTANCE_M + 20)
    assert check(PV, good_verification(position_lon=near[0], position_lat=near[1]), ctx) == []
    problems = check(PV, good_verification(position_lon=far[0], position_lat=far[1]), ctx)
    assert codes(problems) == {"position_far_from_subject"}
    assert problems[0].field == "position_note" and "220" in problems[0].message.zh
    assert check(PV, good_verification(position_lon=far[0], position_lat=far[1],
                                       position_note="图斑内为深坑，无法进入"), ctx) == []
    # no outline known: nothing to check against
    assert check(PV, good_verification(position_lon=far[0], position_lat=far[1]),
                 patch_context(subject_wkbs=())) == []


def test_distance_to_outline():
    wkb = square_wkb()
    assert forms.distance_to_outlines(INSIDE, [wkb]) == 0.0
    for bearing, start in ((90, (88.502, 42.801)), (0, (88.501, 42.802)),
                           (270, (88.5, 42.8005)), (180, (88.5013, 42.8))):
        for d in (1, 150, 1000):
            p = geometry.direct(start, bearing, d)
            assert forms.distance_to_outlines(p, [wkb]) == pytest.approx(d, rel=1e-3, abs=0.05)
    # from outside a corner the nearest point is the corner
    corner = geometry.direct((88.502, 42.802), 45, 300)
    assert forms.distance_to_outlines(corner, [wkb]) == pytest.approx(300, rel=2e-3)
    # a point in a hole is outside the patch
    hole = [(88.5005, 42.8005), (88.5015, 42.8005), (88.5015, 42.8015), (88.5005, 42.8015),
            (88.5005, 42.8005)]
    holed = geometry.multipolygon_wkb([[SQUARE, hole]])
    assert forms.distance_to_outlines(INSIDE, [holed]) > 30
    assert forms.distance_to_outlines((88.5002, 42.8002), [holed]) == 0.0


def test_patch_code_format_is_a_warning():
    ctx = patch_context()
    for code in ("C6521232009097120035838001", "CT6504222017000026002", "ZJ6504222021027001"):
        assert check(PV, good_verification(patch_code=code), ctx) == []
    problems = check(PV, good_verification(patch_code="P0000001"), ctx)
    assert [(p.code, p.severity) for p in problems] == [("patch_code_format", WARNING)]


def test_initial_values_of_a_new_verification():
    values = initial_values(PV, patch_context())
    assert values == {"patch_uuid": "p1", "patch_code": "C6521232009097120035838001",
                      "mineral": None, "verified_on": "2024-06-01"}


# --- the inspection's rules -----------------------------------------------------------

def test_a_complete_inspection_has_no_problem():
    assert check(PI, good_inspection(), project_context()) == []


def test_completed_quantity_not_negative():
    ctx = project_context()
    assert codes(check(PI, good_inspection(completed_quantity="-1"), ctx)) == {"below_min"}
    assert check(PI, good_inspection(completed_quantity="0"), ctx) == []


def test_a_target_is_chosen_when_the_project_has_targets():
    ctx = project_context()
    assert codes(check(PI, good_inspection(target_uuid=None), ctx)) == {"target_required"}
    assert codes(check(PI, good_inspection(target_uuid="nope"), ctx)) == {"target_required"}
    assert check(PI, good_inspection(target_uuid=None, completed_quantity=None, unit=None),
                 project_context(targets=())) == []
    assert codes(check(PI, good_inspection(completed_quantity=""), ctx)) == {
        "completed_quantity_required"}


def test_unit_must_be_the_targets_or_convert_into_it():
    ctx = project_context()
    problems = check(PI, good_inspection(unit="处"), ctx)
    assert codes(problems) == {"unit_not_target_unit"} and "万亩" in problems[0].message.zh
    assert "10⁴ mu" in problems[0].message.en
    # 1.5 万亩 typed as 15000 亩: converted, no problem
    assert check(PI, good_inspection(completed_quantity="15000", unit="亩"), ctx) == []
    clean, _ = forms.clean_values(PI, good_inspection(completed_quantity="15000", unit="mu"), ctx)
    assert (clean["completed_quantity"], clean["unit"]) == (1.5, "万亩")
    clean, _ = forms.clean_values(PI, good_inspection(completed_quantity="100", unit="km²"), ctx)
    assert clean["completed_quantity"] == pytest.approx(15.0) and clean["unit"] == "万亩"
    # a blank unit is the target's
    clean, _ = forms.clean_values(PI, good_inspection(unit=None), ctx)
    assert clean["unit"] == "万亩"
    # a count target takes only its own unit
    assert check(PI, good_inspection(target_uuid=TARGET_COUNT, completed_quantity="3",
                                     unit="处"), ctx) == []
    assert codes(check(PI, good_inspection(target_uuid=TARGET_COUNT, completed_quantity="3",
                                           unit="亩"), ctx)) == {"unit_not_target_unit"}


def test_completed_above_target_is_a_warning():
    ctx = project_context()
    problems = check(PI, good_inspection(completed_quantity="4.5"), ctx)
    assert [(p.code, p.severity) for p in problems] == [("completed_exceeds_target", WARNING)]
    assert problems[0].message.en == "Completed 4.5 10⁴ mu exceeds the plan's target of 4 10⁴ mu"
    assert problems[0].message.zh == "完成数量 4.5 万亩 超过规划目标 4 万亩"
    assert check(PI, good_inspection(completed_quantity="4"), ctx) == []
    # the warning also sees through a conversion: 50000 亩 = 5 万亩
    assert codes(check(PI, good_inspection(completed_quantity="50000", unit="亩"), ctx)) == {
        "completed_exceeds_target"}


def test_inspection_date_and_rating():
    ctx = project_context()
    assert codes(check(PI, good_inspection(inspected_on="2024-07-01"), ctx)) == {"date_in_future"}
    assert codes(check(PI, good_inspection(inspected_on="2019-07-01"), ctx)) == {
        "outside_plan_period"}
    assert codes(check(PI, good_inspection(rating="5"), ctx)) == {"not_in_code_list"}
    assert codes(check(PI, good_inspection(rating=None), ctx)) == {"required"}


def test_inspection_position_checked_against_the_projects_patches():
    ctx = project_context(subject_wkbs=(square_wkb(),))
    far = geometry.direct((88.502, 42.801), 90, 500)
    assert codes(check(PI, good_inspection(position_lon=far[0], position_lat=far[1]), ctx)) == {
        "position_far_from_subject"}
    assert check(PI, good_inspection(position_lon=far[0], position_lat=far[1],
                                     position_note="在项目部"), ctx) == []


def test_target_and_unit_choices():
    ctx = project_context()
    offered = choices(PI, "target_uuid", {}, ctx)
    assert [c.code for c in offered] == [TARGET_AREA, TARGET_COUNT]
    assert offered[0].label("zh") == "人工造林（4 万亩）"
    assert offered[0].label("en") == "Afforestation (4 10⁴ mu)"
    unit_codes = [c.code for c in choices(PI, "unit", {"target_uuid": TARGET_AREA}, ctx)]
    assert unit_codes[0] == "万亩" and "亩" in unit_codes and "公顷" in unit_codes
    assert [c.code for c in choices(PI, "unit", {"target_uuid": TARGET_COUNT}, ctx)] == ["处"]
    assert choices(PI, "unit", {}, ctx) == []


def test_initial_values_with_a_single_target():
    one = project_context(targets=project_context().targets[:1])
    values = initial_values(PI, one)
    assert values["project_uuid"] == PROJECT and values["target_uuid"] == TARGET_AREA
    assert values["unit"] == "万亩" and values["inspected_on"] == "2024-06-01"


# --- reading from and saving to a GeoPackage ------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return forms_gpkg(tmp_path_factory.mktemp("plan") / "plan.gpkg")


@pytest.fixture
def gpkg(template, tmp_path):
    path = tmp_path / "plan.gpkg"
    shutil.copy(template, path)
    return path


@pytest.fixture(params=["autocommit", "legacy"])
def conn(request, gpkg):
    # the sync core's connections are autocommit; Python's default opens transactions itself
    c = sqlite3.connect(gpkg, isolation_level=None if request.param == "autocommit" else "")
    geometry.register_functions(c)
    yield c
    c.close()


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(jpeg_with_exif(lat=42.8012, lon=88.5011, heading=135.0,
                                    taken="2024:05:20 11:02:03", offset="+08:00"))
    return path


def changes(conn, table):
    return [(c["op"], c["row_uuid"]) for c in reversed(log_reads.log(conn)) if c["tbl"] == table]


def test_code_lists_from_the_geopackage_match_the_csv(conn):
    assert forms.load_code_lists(conn) == code_lists()


def test_context_of_a_patch_and_of_a_project(conn):
    patch = patch_uuid(conn)
    ctx = forms.form_context(conn, PV, patch, today=TODAY)
    assert ctx.subject["patch_code"] == "C6521232009097120035838001"
    assert len(ctx.subject_wkbs) == 1 and ctx.photo_count == 0 and ctx.record is None
    assert forms.distance_to_outlines(INSIDE, ctx.subject_wkbs) == 0
    assert initial_values(PV, ctx)["mineral"] == "建筑用砂"
    ctx = forms.form_context(conn, PI, PROJECT)
    assert [t["uuid"] for t in ctx.targets] == [TARGET_AREA, TARGET_COUNT]
    assert len(ctx.subject_wkbs) == 2
    with pytest.raises(LookupError):
        forms.form_context(conn, PV, "no-such-uuid")


def test_save_a_verification(conn, gpkg):
    patch = patch_uuid(conn)
    before = len(changes(conn, "patch_verifications"))
    uuid = forms.save_record(conn, PV, good_verification(patch_uuid=patch, patch_code=None))
    assert not conn.in_transaction
    row = conn.execute("SELECT patch_uuid, patch_code, measured_area_m2, verified_on, "
                       "created_at, geom FROM patch_verifications WHERE uuid = ?",
                       (uuid,)).fetchone()
    assert row[:4] == (patch, "C6521232009097120035838001", 12000.0, "2024-05-20")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", row[4])
    assert geometry.parse_wkb(geometry.blob_wkb(row[5])) == (1, [INSIDE])
    assert changes(conn, "patch_verifications")[before:] == [("insert", uuid)]
    # GDAL reads what was written, geometry and all
    from osgeo import ogr
    conn.close()
    ds = ogr.Open(str(gpkg))
    lyr = ds.GetLayerByName("patch_verifications")
    lyr.SetAttributeFilter(f"uuid = '{uuid}'")
    feat = lyr.GetNextFeature()
    assert feat.GetGeometryRef().GetX() == pytest.approx(INSIDE[0])
    assert feat.GetFieldAsString("verified_on") == "2024/05/20"


def test_save_refuses_errors_and_writes_nothing(conn):
    patch = patch_uuid(conn)
    count = conn.execute("SELECT count(*) FROM patch_verifications").fetchone()[0]
    with pytest.raises(forms.FormError) as err:
        forms.save_record(conn, PV, good_verification(patch_uuid=patch, remediation_status="B",
                                                      restoration_method="1"))
    assert [p.code for p in err.value.problems] == ["photo_required_for_restored"]
    assert "remediation_status" in str(err.value) and "photo" in str(err.value)
    assert conn.execute("SELECT count(*) FROM patch_verifications").fetchone()[0] == count


def test_save_with_a_photo_marks_restored(conn, photo):
    patch = patch_uuid(conn)
    values = good_verification(patch_uuid=patch, remediation_status="B", restoration_method="3")
    uuid = forms.save_record(conn, PV, values, photos=[photo])
    shown = forms.list_photos(conn, "patch_verifications", uuid)
    assert len(shown) == 1
    p = shown[0]
    assert (p["file_name"], p["mime_type"], p["taken_at"]) == (
        "IMG_0001.jpg", "image/jpeg", "2024-05-20T11:02:03+08:00")
    assert p["lat"] == pytest.approx(42.8012, abs=1e-7) and p["heading"] == 135.0
    assert forms.photo_data(conn, p["sha256"]) == photo.read_bytes()
    assert ("insert", p["uuid"]) in changes(conn, "photos")
    # editing the record later: its context counts the photo
    ctx = forms.form_context(conn, PV, uuid, today=TODAY)
    assert ctx.photo_count == 1 and ctx.record["remediation_status"] == "B"
    assert initial_values(PV, ctx)["uuid"] == uuid


def test_photos_are_stored_once_by_content(conn, photo):
    patch = patch_uuid(conn)
    a = forms.save_record(conn, PV, good_verification(patch_uuid=patch))
    b = forms.save_record(conn, PV, good_verification(patch_uuid=patch, verifier="李"))
    first = forms.attach_photo(conn, "patch_verifications", a, photo)
    assert forms.attach_photo(conn, "patch_verifications", a, photo) == first  # twice: one
    forms.attach_photo(conn, "patch_verifications", b, photo, caption="东侧")
    assert conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM photos").fetchone()[0] == 2
    assert forms.photo_data(conn, "0" * 64) is None


def test_a_deleted_record_takes_its_photos_and_is_captured_as_deletes(conn, photo):
    patch = patch_uuid(conn)
    a = forms.save_record(conn, PV, good_verification(patch_uuid=patch))
    b = forms.save_record(conn, PV, good_verification(patch_uuid=patch, verifier="李"))
    gone = forms.attach_photo(conn, "patch_verifications", a, photo)
    kept = forms.attach_photo(conn, "patch_verifications", b, photo)
    assert forms.delete_record(conn, PV, a) == 1
    assert [r["uuid"] for r in forms.list_records(conn, PV, patch)] == [b]
    assert [p["uuid"] for p in forms.list_photos(conn, "patch_verifications", b)] == [kept]
    # the bytes stay for the other record's photo
    assert forms.photo_data(conn, forms.list_photos(conn, "patch_verifications", b)[0]
                            ["sha256"]) == photo.read_bytes()
    assert changes(conn, "photos")[-1] == ("delete", gone)
    assert changes(conn, "patch_verifications")[-1] == ("delete", a)


def test_a_deleted_record_says_why_it_can_no_longer_go_back(conn, photo):
    patch = patch_uuid(conn)
    a = forms.save_record(conn, PV, good_verification(patch_uuid=patch))
    forms.attach_photo(conn, "patch_verifications", a, photo)
    kept = forms.record_as_is(conn, PV, a)
    forms.delete_record(conn, PV, a)
    assert forms.not_restorable(conn, PV, kept) is None
    # the package changed under it: a column it had is no longer in its table
    older = replace(kept, record={**kept.record, "old_note": "x"},
                    photos=tuple({**p, "taken_by": "李"} for p in kept.photos))
    assert forms.not_restorable(conn, PV, older) == (
        "columns", ["patch_verifications.old_note", "photos.taken_by"])
    forms.restore_record(conn, kept)  # back (by an update, say): nothing left to undo
    assert forms.not_restorable(conn, PV, kept) == ("record", [])
    forms.delete_record(conn, PV, a)
    with conn:  # its patch taken out since
        conn.execute("DELETE FROM mine_patches WHERE uuid = ?", (patch,))
    assert forms.not_restorable(conn, PV, kept) == ("subject", [])


def test_update_an_existing_record(conn):
    patch = patch_uuid(conn)
    uuid = forms.save_record(conn, PV, good_verification(patch_uuid=patch))
    created = conn.execute("SELECT created_at FROM patch_verifications WHERE uuid = ?",
                           (uuid,)).fetchone()[0]
    values = initial_values(PV, forms.form_context(conn, PV, uuid, today=TODAY))
    values["notes"] = "复核"
    assert forms.save_record(conn, PV, values) == uuid
    row = conn.execute("SELECT notes, created_at, count(*) FROM patch_verifications "
                       "WHERE uuid = ?", (uuid,)).fetchone()
    assert row == ("复核", created, 1)
    assert changes(conn, "patch_verifications")[-1] == ("update", uuid)
    # a face that sends only what changed does not empty the rest
    forms.save_record(conn, PV, {"uuid": uuid, "verifier": "李（复核）"})
    row = conn.execute("SELECT verifier, damage_type, measured_area_m2, notes FROM "
                       "patch_verifications WHERE uuid = ?", (uuid,)).fetchone()
    assert row == ("李（复核）", "挖损", 12000.0, "复核")


def test_text_is_kept_as_typed():
    clean, _ = forms.clean_values(PV, good_verification(
        verifier=" 阿依古丽（甲） ", notes="坑深约３米，\n东侧有积水。"), patch_context())
    assert clean["verifier"] == "阿依古丽（甲）"
    assert clean["notes"] == "坑深约３米，\n东侧有积水。"


def test_save_an_inspection_in_the_targets_unit(conn):
    uuid = forms.save_record(conn, PI, good_inspection(completed_quantity="15000", unit="亩",
                                                       project_id=None))
    row = conn.execute("SELECT project_id, completed_quantity, unit, rating FROM "
                       "project_inspections WHERE uuid = ?", (uuid,)).fetchone()
    assert row == ("XM-1", 1.5, "万亩", "2")


def test_save_inside_the_callers_transaction_is_the_callers(conn):
    patch = patch_uuid(conn)
    conn.execute("BEGIN")
    uuid = forms.save_record(conn, PV, good_verification(patch_uuid=patch))
    assert conn.in_transaction
    conn.rollback()
    assert conn.execute("SELECT 1 FROM patch_verifications WHERE uuid = ?", (uuid,)).fetchone() \
        is None


def test_a_target_is_offered_with_its_figure_as_the_plan_writes_it(master):
    """P1-6's target of 0.10 km² was offered as 0.1 km² (the plan, progress and the reports
    write 0.10)."""
    conn = sqlite3.connect(master)
    (project,) = conn.execute("SELECT uuid FROM restoration_projects WHERE project_id = "
                              "'P1-6'").fetchone()
    ctx = forms.form_context(conn, forms.PROJECT_INSPECTION, project)
    offered = forms.choices(forms.PROJECT_INSPECTION, "target_uuid", {}, ctx)
    conn.close()
    assert [c.label("zh") for c in offered] == ["治理面积（0.10 平方千米）"], offered
    assert offered[0].label("en").endswith("(0.10 km²)"), offered


def test_a_target_of_one_is_offered_with_its_count_word_in_the_singular(master):
    """P9-2's one fire-fighting supply depot (建设森林草原防火物资储备库1座) was offered to an
    English inspector as "(1 facilities)"; the progress report and the PDF say 1 facility."""
    conn = sqlite3.connect(master)
    (project,) = conn.execute("SELECT uuid FROM restoration_projects WHERE project_id = "
                              "'P9-2'").fetchone()
    ctx = forms.form_context(conn, forms.PROJECT_INSPECTION, project)
    offered = forms.choices(forms.PROJECT_INSPECTION, "target_uuid", {}, ctx)
    conn.close()
    assert [c.label("zh") for c in offered] == ["森林草原防火物资储备库（1 座）"], offered
    assert [c.label("en") for c in offered] == [
        "Forest and grassland fire-fighting supply depot (1 facility)"], offered
    # and two depots said built warn against the plan's one, in the singular too
    problems = check(forms.PROJECT_INSPECTION, good_inspection(
        project_uuid=project, project_id="P9-2", target_uuid=offered[0].code,
        completed_quantity="2", unit="座"), replace(ctx, subject_wkbs=()))
    assert [p.message.en for p in problems] == [
        "Completed 2 facilities exceeds the plan's target of 1 facility"], problems
    assert [p.message.zh for p in problems] == ["完成数量 2 座 超过规划目标 1 座"], problems
