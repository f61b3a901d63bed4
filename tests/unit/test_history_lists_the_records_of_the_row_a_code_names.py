# SPDX-License-Identifier: GPL-2.0-or-later
"""`field-kit history MASTER CODE` lists the records on the patch the code names: those
naming it by its uuid, whatever code they keep of it, and those holding no uuid, found by
the code alone and said so (in Chinese too). A patch deleted whose code another patch took
keeps its verifications: they were listed under the live patch, as if they were its own."""

from __future__ import annotations

from field_kit import errors
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import edit, rows

PATCH, OTHER = "CT6504222017000026001", "CT6504222017000026002"


def verified(master, code: str, day: str) -> str:
    """A verification of the patch holding ``code``, on ``day``: its uuid."""
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier, "
                 "verified_on) SELECT uuid, patch_code, 'Li', ? FROM mine_patches "
                 "WHERE patch_code = ?", day, code)
    ((record,),) = rows(master, "SELECT uuid FROM patch_verifications WHERE verified_on = ?",
                        day)
    return record


def records(capsys, master, code: str) -> list[tuple[str, str | None]]:
    """The records ``history CODE --json`` lists on the row, each with how it names it."""
    status, out, err = cli(capsys, "history", master, code, "--json")
    assert status == errors.OK, out + err
    return [(r["uuid"], r.get("named_by")) for r in history_json(out)["records"]]


def deleted_and_taken(master) -> tuple[str, str, str]:
    """PATCH verified and deleted, OTHER verified and renamed to PATCH: the two
    verifications and the patch holding PATCH now."""
    gone, kept = verified(master, PATCH, "2025-05-20"), verified(master, OTHER, "2025-06-01")
    ((other,),) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", OTHER)
    edit(master, "DELETE FROM mine_patches WHERE patch_code = ?", PATCH)
    edit(master, "UPDATE mine_patches SET patch_code = ? WHERE uuid = ?", PATCH, other)
    return gone, kept, other


def test_a_deleted_patchs_verifications_are_not_the_live_ones(master, capsys):
    gone, kept, other = deleted_and_taken(master)
    assert [u for u, _ in records(capsys, master, PATCH)] == [kept]
    assert records(capsys, master, PATCH) == [(kept, "uuid")]
    status, out, err = cli(capsys, "history", master, PATCH)
    assert status == errors.OK, out + err
    assert f"{PATCH} is row {other} of mine_patches" in out, out
    assert f"record {kept} of patch_verifications" in out and gone not in out.replace(
        f"also named row {gone}", ""), out
    # the renamed patch asked by the code it had: its own verification, not by that code
    assert [u for u, _ in records(capsys, master, OTHER)] == [kept]


def test_a_record_holding_the_code_alone_is_listed_and_said(master, capsys, monkeypatch):
    ((patch,),) = rows(master, "SELECT uuid FROM mine_patches WHERE patch_code = ?", PATCH)
    own = verified(master, PATCH, "2025-05-20")
    edit(master, "INSERT INTO patch_verifications (patch_code, verifier, verified_on) "
                 "VALUES (?, 'Wang', '2025-07-02')", PATCH)
    ((typed,),) = rows(master, "SELECT uuid FROM patch_verifications WHERE patch_uuid IS NULL")
    assert [u for u, _ in records(capsys, master, PATCH)] == [own, typed]
    assert records(capsys, master, PATCH) == [(own, "uuid"), (typed, "code")]
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    status, out, err = cli(capsys, "history", master, PATCH)
    assert status == errors.OK, out + err
    said = f"{PATCH}: record {typed} of patch_verifications holds no uuid of what it is on, " \
           "only this code: listed by the code alone"
    assert said in out, out
    assert f"{PATCH}: record {own} of patch_verifications holds" not in out, out
    assert f"{PATCH}：图斑核查记录 {typed} 未记录其所属要素的 uuid，只记有此编码：仅按编码列出" \
        in out, out


def test_a_deleted_projects_inspections_are_not_the_live_ones(master, capsys):
    (gone, code), (other, _) = rows(master, "SELECT uuid, project_id FROM restoration_projects "
                                    "ORDER BY fid LIMIT 2")
    for project in (gone, other):
        edit(master, "INSERT INTO project_inspections (project_uuid, project_id, inspector) "
                     "SELECT uuid, project_id, 'Li' FROM restoration_projects WHERE uuid = ?",
             project)
    ((kept,),) = rows(master, "SELECT uuid FROM project_inspections WHERE project_uuid = ?",
                      other)
    edit(master, "DELETE FROM restoration_projects WHERE uuid = ?", gone)
    edit(master, "UPDATE restoration_projects SET project_id = ? WHERE uuid = ?", code, other)
    assert records(capsys, master, code) == [(kept, "uuid")]
