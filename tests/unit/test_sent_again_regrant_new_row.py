# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's new row refused for a value off the code list, sent again by the pull and
exported again before it was mended: mended then, it merges with the first export after the
mend (a new copy of the row, with its mend), never refused once more with it; the pull after
says the copy refused is not sent again."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli, cli_said, sent
from tests.unit.gpkg_factory import edit
from tests.unit.gpkg_factory import rows as value


@pytest.fixture
def sent_unmended(master, tmp_path, capsys):
    """A technician's new inspection (rating '5', off the list) refused, the pull sending it
    again, and that exported and refused again before the technician mended it."""
    pkg = tmp_path / "tech1.gpkg"
    assert cli(capsys, "checkout", master, pkg, "--device", "tech1", "--role",
               "technician")[0] == errors.OK
    project = value(pkg, "SELECT uuid, project_id FROM restoration_projects LIMIT 1")[0]
    edit(pkg, "INSERT INTO project_inspections (project_uuid, project_id, rating, notes) "
              "VALUES (?, ?, '5', '渠道渗漏')", *project)
    assert sent(capsys, pkg, master, tmp_path / "e1.zip")[0] == errors.REFUSED
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "mend it, then export: it is sent again" in out, out
    code, out = sent(capsys, pkg, master, tmp_path / "e2.zip")
    assert code == errors.REFUSED and "'5' is not in the code list" in out, out
    return master, pkg


def test_mended_after_it_went_again_unmended_it_merges_with_the_next_export(
        sent_unmended, tmp_path, capsys):
    master, pkg = sent_unmended
    edit(pkg, "UPDATE project_inspections SET rating = '3'")
    code, out = sent(capsys, pkg, master, tmp_path / "e3.zip")
    assert code == errors.OK and "applied 1" in out and "refused 0" in out, out
    assert value(master, "SELECT rating, notes FROM project_inspections") == [("3", "渠道渗漏")]
    code, out = cli_said(capsys, "pull", pkg, master)
    said = "(project_uuid, project_id, rating, notes) was refused: rating: '5' is not in the " \
           "code list Rating (评价): one of 1 Excellent, 2 Good, 3 Fair, 4 Poor " \
           "(1 优、2 良、3 中、4 差); " \
           "it is not sent again: a later copy of the new " \
           "row, with its mend, was merged instead"
    assert code == errors.OK and said in out and "waiting to be sent again" not in out, out
    line = next(x.strip() for x in out.splitlines() if said in x)
    assert chinese(line).endswith("的新增记录被主库拒收：评价：“5”不在代码表“评价”中，可用："
                                  "1 优、2 良、3 中、4 差；不再重新发送：该新增记录其后的副本"
                                  "（含修正）已被"
                                  "主库合并"), chinese(line)
    code, out = cli_said(capsys, "status", pkg)
    assert code == errors.OK and "changes waiting 0" in out, out
    assert cli(capsys, "export", pkg, tmp_path / "e4.zip")[0] == errors.OK
    assert not (tmp_path / "e4.zip").exists()  # nothing more to send


def test_mended_before_the_pull_that_sends_it_again_goes_with_that_copy_only(
        sent_unmended, tmp_path, capsys):
    """Mended, then pulled: the copy the pull logs holds the mend; the mend itself goes no
    more (alone, the merge would refuse it, the master not holding the row)."""
    master, pkg = sent_unmended
    edit(pkg, "UPDATE project_inspections SET rating = '3'")
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "it is sent again with the next export" in out, out
    code, out = sent(capsys, pkg, master, tmp_path / "e3.zip")
    assert code == errors.OK and "applied 1" in out and "refused 0" in out, out
    assert value(master, "SELECT rating FROM project_inspections") == [("3",)]
    code, out = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "refused" not in out, out
