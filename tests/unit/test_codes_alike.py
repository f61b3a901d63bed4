# SPDX-License-Identifier: GPL-2.0-or-later
"""Two codes differing only by letter case or the spaces around them are one code: a merge
gives no second row "CT6504222017000026003" as "ct6504222017000026003", nor a code with
spaces around it, and `resolve --value` takes neither (each was merged, exit 0: the master
held "P1-2" and "P1-2 " side by side). A code of another format is taken."""

import sqlite3

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese

_NEW_PATCH = ("INSERT INTO mine_patches (geom, patch_code, township, phase) SELECT geom, ?, "
              "township, phase FROM mine_patches WHERE patch_code = 'CT6504222017000026002'")


def _packages(master, tmp_path, edits: dict) -> list[str]:
    """device -> (SQL, args) edits, each device's exported as a GIS package."""
    from field_kit.sync import masters, package_export
    from tests.unit.gpkg_factory import edit
    zips = []
    for device, statements in edits.items():
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(master, pkg, device, role="gis")
        for sql, *args in statements:
            edit(pkg, sql, *args)
        zips.append(str(tmp_path / f"{device}.zip"))
        package_export.export(pkg, zips[-1])
    return zips


def alike_codes_merged(master, tmp_path, capsys, rows, reverse=False) -> None:
    """gis-a renames patches and a project to codes other rows hold, with another letter
    case or a space after, adds a patch of a new code, and gives a patch a code of no
    format; gis-b adds a patch of gis-a's new code in small letters and two of another one
    differing in case. Each alike code is refused by name, in Chinese too, whatever the
    order of the packages; the rest is merged. ``rows(sql)``: the master's rows."""
    def codes() -> dict:
        return dict(rows("SELECT uuid, patch_code FROM mine_patches"))

    def projects() -> dict:
        return dict(rows("SELECT uuid, project_id FROM restoration_projects"))
    a, b = "CT6504222017000026002", "CT6504222017000026003"
    new, other = "CT6504222099000000001", "CT6504222099000000002"
    patch = "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?"
    zips = _packages(master, tmp_path, {
        "gis-a": [(patch, a + " ", "CT6504222017000026001"),
                  (patch, b.lower(), "CT6504222016000053002"),
                  ("UPDATE restoration_projects SET project_id = 'P1-2 ' WHERE project_id = "
                   "'P3-1'",),
                  (patch, "not a code", "ZJ6504222021027001"),
                  (_NEW_PATCH, new)],
        "gis-b": [(_NEW_PATCH, new.lower()), (_NEW_PATCH, other), (_NEW_PATCH, other.title())]})
    before, projects_before = codes(), projects()
    capsys.readouterr()
    assert main(["merge", str(master), *(zips[::-1] if reverse else zips)]) == errors.REFUSED
    out = capsys.readouterr().out
    said = [x.split(": ", 1)[1] for x in out.splitlines() if x.startswith("  refused ")]
    after = codes()
    holder = next(u for u, k in before.items() if k == b)
    (first,) = [u for u, k in after.items() if k == new]
    (second,) = [u for u, k in after.items() if k == other]
    given = next(x for x in said if x.startswith(f"patch_code {new.lower()} "))
    at = given.split("(device gis-a, ")[1].split(")")[0]
    expected = {  # what each refusal says, in English and in Chinese
        f"patch_code '{a} ' has spaces around it: give it as '{a}'":
            f"patch_code '{a} ' 前后有空格：请写作 '{a}'",
        f"patch_code {b.lower()} differs only by letter case or spaces from '{b}', which names "
        f"row {holder} in the master: a second row does not take it":
            f"patch_code {b.lower()} 与主库中要素 {holder} 的编码 '{b}' 只差大小写或空格：不再给"
            "第二个要素",
        "project_id 'P1-2 ' has spaces around it: give it as 'P1-2'":
            "project_id 'P1-2 ' 前后有空格：请写作 'P1-2'",
        f"patch_code {new.lower()} differs only by letter case or spaces from '{new}', given in "
        f"this merge to row {first} first (device gis-a, {at}): a second row does not take it":
            f"patch_code {new.lower()} 与本次合并中先给要素 {first} 的编码 '{new}'（设备 gis-a，"
            f"{at}）只差大小写或空格：不再给第二个要素",
        f"patch_code {other.title()} differs only by letter case or spaces from '{other}', "
        f"given to row {second} by this package too: a second row does not take it":
            f"patch_code {other.title()} 与本数据包给要素 {second} 的编码 '{other}' 只差大小写或"
            "空格：不再给第二个要素"}
    assert sorted(said) == sorted(expected), out
    assert {x: chinese(x) for x in said} == expected
    renamed = next(u for u, k in before.items() if k == "ZJ6504222021027001")
    assert after == {**before, renamed: "not a code", first: new, second: other}
    assert projects() == projects_before


@pytest.mark.parametrize("reverse", [False, True])
def test_codes_alike_to_anothers_are_refused_by_name(master, tmp_path, capsys, reverse):
    def rows(sql):
        with sqlite3.connect(master) as conn:
            return conn.execute(sql).fetchall()
    alike_codes_merged(master, tmp_path, capsys, rows, reverse)


def typing_an_alike_code(master, tmp_path, capsys, codes_of, monkeypatch,
                         cased: bool = True) -> None:
    """`resolve --value` with a code another patch holds in other letters, or with spaces
    around it: refused by name, in Chinese too, nothing changed; the conflicted patch's own
    code in other letters is taken. ``cased``: try the code in other letters too."""
    from field_kit.sync import masters
    from tests.unit.test_codes_name_one_row import two_codes_for_one_patch

    c = two_codes_for_one_patch(master, tmp_path)
    taken = "CT6504222017000026003"
    holder = next(u for u, k in codes_of().items() if k == taken)
    before = codes_of()
    capsys.readouterr()
    assert main(["resolve", str(master), str(c.id), "--value", "NEW-C "]) == errors.BAD_INPUT
    err = capsys.readouterr().err.strip().removeprefix("field-kit: ")
    assert err == (f"conflict {c.id}: patch_code 'NEW-C ' has spaces around it: give it as "
                   "'NEW-C'; nothing was changed"), err
    assert chinese(err) == (f"冲突 {c.id}：patch_code 'NEW-C ' 前后有空格：请写作 'NEW-C'；"
                            "未作任何更改")
    if cased:
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        assert main(["resolve", str(master), str(c.id), "--value", f" {taken.lower()}"]) == \
            errors.BAD_INPUT
        assert main(["resolve", str(master), str(c.id), "--value", taken.lower()]) == \
            errors.REFUSED
        err = capsys.readouterr().err.splitlines()[-1].removeprefix("field-kit: ")
        assert err.startswith(f"冲突 {c.id}：patch_code {taken} 在主库中已是要素 {holder} 的编码："
                              f"把它写入要素 {c.row_uuid} 会使两个要素用同一编码"), err
        monkeypatch.delenv("LANG")
    assert codes_of() == before
    assert [x.id for x in masters.conflicts(master)] == [c.id]
    assert main(["resolve", str(master), str(c.id), "--value", "new-a"]) == errors.OK
    assert codes_of() == {**before, c.row_uuid: "new-a"}


def test_a_code_typed_to_settle_a_conflict_alike_to_anothers_is_refused(
        master, tmp_path, capsys, monkeypatch):
    def codes_of():
        with sqlite3.connect(master) as conn:
            return dict(conn.execute("SELECT uuid, patch_code FROM mine_patches"))
    typing_an_alike_code(master, tmp_path, capsys, codes_of, monkeypatch)
