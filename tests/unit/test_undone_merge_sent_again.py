# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge GIS staff undid, its changes sent again (the same package merged again, or the
device's ``export --all`` after its pull): kept out, each refused by name, and said, in
English and Chinese; merged again only when asked (``merge --again-undone``). The device's
edit made anew after the undo goes in as any."""

from __future__ import annotations

import json
import os
import shlex

from field_kit import errors
from field_kit.db import in_command
from field_kit.messages_zh import chinese
from field_kit.sync import masters
from field_kit.sync.outcomes import KEPT_OUT_UNDONE
from tests.unit import test_master_restored_from_a_backup as restored
from tests.unit import undone_made_again as made_again
from tests.unit.cli_run import cli
from tests.unit.conftest import chinese_locale  # noqa: F401 (a fixture: the commands' language)
from tests.unit.gpkg_factory import rows as file_rows

MINE = "SELECT measured_area_m2 FROM patch_verifications WHERE verifier = '赵刚' ORDER BY 1"


def sent_again_after_the_undo(master, tmp_path, capsys, rows) -> None:
    """赵刚's verification merged, the merge undone, his package pulls the undo; the same
    package and his ``export --all`` merged again are kept out; his verification entered
    anew goes in; ``--again-undone`` takes the undone one too (the commands' language
    Chinese). ``rows(master, sql)``: the master's rows."""
    zhao = tmp_path / "zhao.gpkg"
    assert cli(capsys, "checkout", master, zhao, "--device", "tab-zhao", "--township",
               "伊拉湖镇")[0] == errors.OK
    restored._verify(zhao, 3000, "2026-05-20")
    first = tmp_path / "zhao-01.zip"
    assert cli(capsys, "export", zhao, first)[0] == errors.OK
    assert cli(capsys, "merge", master, first)[0] == errors.OK
    (merge_id,), = rows(master, "SELECT merge_id FROM sync_merges")
    assert cli(capsys, "undo-merge", master, merge_id)[0] == errors.OK
    assert cli(capsys, "pull", zhao, master)[0] == errors.OK
    assert file_rows(zhao, MINE) == [] == rows(master, MINE)  # (the pull leaves them alike)
    assert cli(capsys, "export", zhao, tmp_path / "ALL.zip", "--all")[0] == errors.OK
    for again in (first, tmp_path / "ALL.zip"):
        code, out, err = cli(capsys, "merge", master, again)
        assert code == errors.REFUSED, out + err
        assert rows(master, MINE) == []
        assert f"undone on this master (merge {merge_id}, undone " in out, out
        assert "): kept out" in out and f"已在此主库撤销（合并 {merge_id}，" in out, out
        if again == first:  # its one change refused: said so, not "nothing new in it"
            assert "zhao-01.zip from tab-zhao: its changes all refused, not recorded again: " \
                "applied 0, already applied 0, conflicts 0, refused 1" in out, out
            assert "zhao-01.zip（来自 tab-zhao）的修改全部被拒收，不再记录：" in out, out
        line = next(x for x in err.splitlines() if "undone on this master:" in x)
        assert (f"{again.name} from tab-zhao: undone on this master: 1 change, merge "
                f"{merge_id} (undone ") in line, line
        typed = f"field-kit merge --again-undone {in_command(master)} {in_command(again)}"
        assert line.endswith(typed), line
        assert chinese(line) != line and typed in chinese(line)
        kept_out_as_data(master, again, merge_id, line, capsys)
    # entered anew on the device: a new change, merged as any
    restored._verify(zhao, 3100, "2026-05-21")
    assert cli(capsys, "export", zhao, tmp_path / "zhao-02.zip")[0] == errors.OK
    code, out, err = cli(capsys, "merge", master, tmp_path / "zhao-02.zip")
    assert code == errors.OK, out + err
    assert rows(master, MINE) == [(3100.0,)]
    # asked for: the undone change merged again
    args = shlex.split(typed)[1:]
    code, out, err = cli(capsys, *args)
    assert code == errors.OK, out + err
    assert rows(master, MINE) == [(3000.0,), (3100.0,)]


def kept_out_as_data(master, again, merge_id: str, line: str, capsys) -> None:
    """The merge of ``again`` says, as data, which package sent which undone merge's changes
    again, and marks each kept out so: its warning ``line`` is said from that data."""
    report = masters.merge(master, [again])
    (kept,) = report.undone_here
    assert (kept.package, kept.name, kept.device, kept.merge_id, kept.changes) == (
        os.fspath(again), again.name, "tab-zhao", merge_id, 1), kept
    assert line.endswith(kept.said()) and kept.undone_at in line, (line, kept)
    assert [o.kept_out for r in report.results for o in r.outcomes] == [KEPT_OUT_UNDONE]
    code, out, err = cli(capsys, "merge", master, again, "--json")
    assert code == errors.REFUSED, out + err
    got = json.loads(out)
    assert got["undone_here"] == [kept.said()], got["undone_here"]
    assert [o["kept_out"] for m in got["merges"] for o in m["outcomes"]] == [
        KEPT_OUT_UNDONE], got["merges"]


def test_an_undone_merge_sent_again_is_kept_out(master, tmp_path, capsys,
                                                chinese_locale):  # noqa: F811
    assert cli(capsys, "init", master)[0] == errors.OK
    sent_again_after_the_undo(master, tmp_path, capsys, file_rows)


def test_an_edit_of_several_fields_kept_out_is_not_told_to_mend_a_value(master, tmp_path,
                                                                        capsys):
    """Kept out as this master undid it, an edit of two fields names no value to mend: its
    way on is to merge it again (English, Chinese, the command line)."""
    assert cli(capsys, "init", master)[0] == errors.OK
    pkg = tmp_path / "li.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech-li", "--role", "gis",
               "--township", "郭勒布依乡")[0] == errors.OK
    z = made_again.sent_undone(master, pkg, "UPDATE mine_patches SET phase = '远期', "
                               "project_name = 'x' WHERE fid = (SELECT min(fid) FROM "
                               "mine_patches)")
    report = masters.merge(master, [z])
    (kept,) = [o for r in report.results for o in r.outcomes]
    assert kept.kept_out == KEPT_OUT_UNDONE and "kept out" in kept.reason, kept
    for said in (kept.reason, chinese(kept.reason), cli(capsys, "merge", master, z)[1]):
        assert "mend" not in said and "修正" not in said and "refused whole" not in said, said
