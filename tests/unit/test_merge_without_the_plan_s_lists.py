# SPDX-License-Identifier: GPL-2.0-or-later
"""A master that is not the whole plan (no ``code_lists``, no ``townships``): a merge writes
the values of its coded fields as given, and says once, by layer and field, that they could
not be checked against their lists, naming the tables the master lacks, in Chinese too."""

import json

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import connect
from field_kit.sync import package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

UNCHECKED = ("mine_patches: the values merged into mineral, township could not be checked "
             "against their code lists: the master has no tables code_lists and townships; "
             "merged as given: check them")


def test_merge_says_the_coded_fields_it_could_not_check(tmp_path, capsys, monkeypatch):
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    pkg = tmp_path / "p.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "gis-1", "--role",
                 "gis"]) == errors.OK
    u, v = patch_uuids(pkg)[:2]
    edit(pkg, "UPDATE mine_patches SET mineral = 'bogus', township = 'Nowhere' WHERE uuid = ?",
         u)
    edit(pkg, "UPDATE mine_patches SET mineral = 'bogus too' WHERE uuid = ?", v)
    package_export.export(pkg, tmp_path / "p.zip")
    code, out, _ = cli(capsys, "merge", master, tmp_path / "p.zip", "--json")
    assert code == errors.OK, out
    said = [f for f in json.loads(out)["codes_followed"] if f["what"].endswith("code lists")]
    assert [(f["table"], f["columns"], f["lacking"], f["said"]) for f in said] == [
        ("mine_patches", ["mineral", "township"], ["code_lists", "townships"], UNCHECKED)]
    conn = connect(master, readonly=True)
    assert conn.execute("SELECT mineral, township FROM mine_patches WHERE uuid = ?",
                        (u,)).fetchone() == ("bogus", "Nowhere")
    conn.close()
    # said as a warning, in Chinese too, by the layer's title and the fields' labels
    edit(pkg, "UPDATE mine_patches SET mineral = 'bogus again' WHERE uuid = ?", u)
    package_export.export(pkg, tmp_path / "p2.zip")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "merge", master, tmp_path / "p2.zip")
    assert code == errors.OK, out + err
    assert err.count("could not be checked") == 1, err
    assert "field-kit: warning: mine_patches: the values merged into mineral could not" in err
    assert "合并写入矿种的值无法对照代码列表核对：主库没有表 code_lists；已按原样合并" in err, err
