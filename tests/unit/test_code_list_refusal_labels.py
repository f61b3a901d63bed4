# SPDX-License-Identifier: GPL-2.0-or-later
"""A value outside its code list, typed into a field package with an SQLite tool, is
refused by the merge naming the codes allowed with their labels, in English and in Chinese
(a technician reads "1 优", not "1"); a long list, its first codes and how many more."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli, cli_said
from tests.unit.gpkg_factory import edit

PATCH = "CT6504222017000026002"


def _merged(master, tmp_path, capsys) -> str:
    """What the merge says of a technician's package giving an inspection the rating 5 (a
    list of 4) and a verification the land use 99 (a list of 13)."""
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    edit(pkg, "INSERT INTO project_inspections (project_uuid, project_id, rating) SELECT "
           "uuid, project_id, '5' FROM restoration_projects ORDER BY fid LIMIT 1")
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
           "land_use, verifier, verified_on) SELECT uuid, patch_code, 'A', '99', '李明', "
           "'2025-05-20' FROM mine_patches WHERE patch_code = ?", PATCH)
    assert cli(capsys, "export", pkg, tmp_path / "e1.zip")[0] == errors.OK
    code, out = cli_said(capsys, "merge", master, tmp_path / "e1.zip")
    assert code == errors.REFUSED, out
    return out


@pytest.fixture
def refused(master, tmp_path, capsys):
    return _merged(master, tmp_path, capsys)


def _line(out: str, value: str) -> str:
    (line,) = [ln for ln in out.splitlines() if f"'{value}' is not in the code list" in ln]
    return line


def test_a_short_list_is_named_code_by_code_with_its_labels(refused):
    line = _line(refused, "5")
    assert line.endswith("rating: '5' is not in the code list Rating (评价): one of 1 Excellent, "
                         "2 Good, 3 Fair, 4 Poor (1 优、2 良、3 中、4 差)"), line
    assert chinese(line).endswith("评价：“5”不在代码表“评价”中，可用：1 优、2 良、3 中、4 差"), \
        chinese(line)


def test_a_long_list_is_named_by_its_first_codes_and_how_many_more(refused):
    line = _line(refused, "99")
    assert line.endswith("land_use: '99' is not in the code list Current land use (现状地类): "
                         "one of 00 Wetland, 01 Cultivated land, 02 Plantation land, "
                         "03 Forest land, 04 Grassland, "
                         "05 Commercial and service land and 7 more (00 湿地、01 耕地、"
                         "02 种植园用地、03 林地、04 草地、05 商业服务业用地)"), line
    zh = chinese(line)
    assert zh.endswith("现状地类：“99”不在代码表“现状地类”中，可用：00 湿地、01 耕地、"
                       "02 种植园用地、03 林地、04 草地、05 商业服务业用地，另有 7 项"), zh


def test_the_merge_says_it_in_chinese(master, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    out = _merged(master, tmp_path, capsys)
    said = [ln for ln in out.splitlines() if "不在代码表" in ln]
    assert len(said) == 2 and said[0].endswith(
        "评价：“5”不在代码表“评价”中，可用：1 优、2 良、3 中、4 差"), out
    assert said[1].endswith("可用：00 湿地、01 耕地、02 种植园用地、03 林地、04 草地、"
                            "05 商业服务业用地，另有 7 项"), out


def test_several_bad_values_are_each_said_in_chinese(master, tmp_path, capsys, monkeypatch):
    """An edit giving two fields a bad value each (a status outside its list, a date with
    slashes) is refused naming both: in Chinese each reason is said on its own, by the merge
    and by the package's pull alike, with the list's labels and no English left."""
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    edit(pkg, "INSERT INTO patch_verifications (patch_uuid, patch_code, remediation_status, "
           "verifier, verified_on) SELECT uuid, patch_code, 'B', '王芳', '2024-04-28' FROM "
           "mine_patches WHERE patch_code = ?", PATCH)
    assert cli(capsys, "export", pkg, tmp_path / "e1.zip")[0] == errors.OK
    assert cli(capsys, "merge", master, tmp_path / "e1.zip")[0] == errors.OK
    edit(pkg, "UPDATE patch_verifications SET remediation_status = 'E', "
              "verified_on = '2024/04/28'")
    assert cli(capsys, "export", pkg, tmp_path / "e2.zip")[0] == errors.OK
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, merged = cli_said(capsys, "merge", master, tmp_path / "e2.zip")
    assert code == errors.REFUSED, merged
    pulled = cli_said(capsys, "pull", pkg, master)[1]
    reasons = ("恢复治理情况：“E”不在代码表“恢复治理情况”中，可用：A 未治理、B 已恢复治理、"
               "C 治理中、D 自然恢复；核查日期：“2024/04/28”不是 YYYY-MM-DD 格式的日期"
               "（DATE）；")
    for out, head in ((merged, "已拒收 "), (pulled, "本机对")):
        (line,) = [ln for ln in out.splitlines() if ln.strip().startswith(head)]
        assert reasons in line, line
        assert not any(w in line for w in ("code list", "one of", "Untreated", "is not",
                                           "remediation_status", "verified_on")), line


def test_a_sub_class_of_another_class_and_an_integer_too_large_are_said_in_chinese():
    """The other reasons a value is refused, among those of its change, have their Chinese."""
    said = chinese("refused update patch_verifications CT1 change c1: patch_subclass: '21' "
                   "does not belong to patch_class '10'; mined_area: "
                   "99999999999999999999 is beyond what SQLite stores as an integer")
    assert said.endswith("：图斑小类：“21”不是图斑大类为“10”时可选的代码；"
                         "mined_area：“99999999999999999999”超出 SQLite 能存储的整数范围"), said


def test_a_value_typed_to_settle_a_conflict_names_its_field_by_label():
    """`resolve --value abc` on a number: the plan's column by its label, a county's own
    column by its name, set apart from the Chinese after it."""
    assert chinese("measured_area_m2 takes a number, not 'abc'") == \
        "核查面积（平方米）须为数字，而不是“abc”"
    assert chinese("water_level_m takes a number, not 'abc'") == \
        "water_level_m 须为数字，而不是“abc”"
    assert chinese("working takes 0 or 1 (false or true), not 'yes'") == \
        "working 须为 0 或 1（false 或 true），而不是“yes”"
