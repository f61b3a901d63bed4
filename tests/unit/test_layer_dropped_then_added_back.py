# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer of the county's own dropped from the master (``DROP TABLE``, then ``repair``) and
added back (``ogr2ogr -update``), after a GIS package was checked out with it: the next
command tracks it again, as a layer rewritten (its rows are those it came back with). The
package's edits of rows it holds again (added back from a copy keeping their uuids) go in as
any edit; those of rows it does not hold are refused naming the rewrite, and the next pull
brings the layer as the master holds it and names them, not sent again (the merge refused
the package whole: "table 泉眼 is not in the master")."""

from __future__ import annotations

import shutil

import pytest

from field_kit import errors
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import rows
from tests.unit.test_layer_rewritten_in_master import ogr
from tests.unit.test_undo_after_a_layer_dropped import ogrsql, wells_edited

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

HELD = "SELECT uuid, name, flow FROM 泉眼 ORDER BY name"


def dropped_then_added_back(tmp_path, capsys, *, keeping_uuids: bool) -> tuple:
    """泉眼 dropped from the master after g.gpkg was edited, and added back: from a copy
    made before the drop (its uuids kept), or from the survey it was loaded from."""
    master, pkg = wells_edited(tmp_path, capsys)
    copy = tmp_path / "copy.gpkg"
    ogr("-f", "GPKG", copy, master, "泉眼")
    ogrsql(master, "DROP TABLE 泉眼")
    assert cli_said(capsys, "repair", master)[0] == errors.OK
    ogr("-f", "GPKG", "-update", master, copy if keeping_uuids else tmp_path / "w.geojson",
        "-nln", "泉眼")
    code, said = cli_said(capsys, "status", master)
    assert code == errors.OK and "tracked by the next: 泉眼" in said, said
    assert cli_said(capsys, "export", pkg, tmp_path / "g.zip")[0] == errors.OK
    return master, pkg


def test_edits_of_rows_added_back_with_their_uuids_go_in(tmp_path, capsys, chinese_locale):
    master, pkg = dropped_then_added_back(tmp_path, capsys, keeping_uuids=True)
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.OK and "applied 2," in said and "refused 0" in said, said
    assert rows(master, "SELECT flow FROM 泉眼 WHERE name = '泉2'") == [(9.9,)]
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK and "never applied" not in said, said
    assert rows(pkg, HELD) == rows(master, HELD)


def test_edits_of_rows_not_added_back_are_refused_naming_the_rewrite(tmp_path, capsys,
                                                                      chinese_locale):
    master, pkg = dropped_then_added_back(tmp_path, capsys, keeping_uuids=False)
    code, said = cli_said(capsys, "merge", master, tmp_path / "g.zip")
    assert code == errors.REFUSED, said
    assert "applied 1," in said and "refused 1" in said, said
    assert "泉眼 was rewritten in the master on " in said and "row 泉2 (uuid " in said and \
           "is not there any more; its edit flow 9.9 is not applied" in said, said
    assert rows(master, "SELECT section FROM mine_patches WHERE patch_code = 'P0000001'") \
        == [("B",)]
    code, said = cli_said(capsys, "pull", pkg, master)
    assert code == errors.OK, said
    assert "this package now holds it as the master does (2 rows), its earlier rows gone; " \
           "1 edit of them the master never applied is not sent again" in said, said
    assert "本机对 泉眼 泉2 的修改（flow 9.9）未应用" in said, said
    assert rows(pkg, HELD) == rows(master, HELD)
    code, said = cli_said(capsys, "export", pkg, tmp_path / "g2.zip")
    assert code == errors.OK and "nothing to export" in said, said
    # an edit of the layer as it is now reaches the master
    ogrsql(pkg, "UPDATE 泉眼 SET flow = 7.7 WHERE name = '泉2'")
    assert cli_said(capsys, "export", pkg, tmp_path / "g3.zip")[0] == errors.OK
    assert cli_said(capsys, "merge", master, tmp_path / "g3.zip")[0] == errors.OK
    assert rows(master, "SELECT flow FROM 泉眼 WHERE name = '泉2'") == [(7.7,)]
