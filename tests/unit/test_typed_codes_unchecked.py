# SPDX-License-Identifier: GPL-2.0-or-later
"""A master without the plan's code lists: a value typed to settle a conflict on a coded
field is written as given, and ``resolve`` says it could not be checked, naming the field
and the table the master lacks, in Chinese too."""

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import masters, merge, package_export
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

WARNED = ("field-kit: warning: conflict 1: mine_patches: the value typed into mineral could "
          "not be checked against its code list: the master has no table code_lists; written "
          "as given: check it")
WARNED_ZH = ("field-kit: 注意：冲突 1：历史遗留矿山图斑：输入矿种的值无法对照代码列表核对："
             "主库没有表 code_lists；已按原样写入，请核对")


def _conflict_on_a_mineral(tmp_path):
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    outs = []
    for device, mineral in (("gis-a", "x"), ("gis-b", "y")):
        pkg = tmp_path / f"{device}.gpkg"
        masters.checkout(master, pkg, device, role="gis")
        u = patch_uuids(pkg)[0]
        edit(pkg, "UPDATE mine_patches SET mineral = ? WHERE uuid = ?", mineral, u)
        outs.append(tmp_path / f"{device}.zip")
        package_export.export(pkg, outs[-1])
    masters.merge(master, outs)
    (c,) = merge.conflicts(master)
    return master, c, u


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_typed_code_the_master_has_no_list_for_is_said_unchecked(tmp_path, capsys,
                                                                    monkeypatch, lang):
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    master, c, u = _conflict_on_a_mineral(tmp_path)
    code, out, err = cli(capsys, "resolve", master, c.id, "--value", "bogus")
    assert code == errors.OK, out + err
    assert WARNED in err, err
    assert (WARNED_ZH in err) == (lang == "zh"), err
    conn = connect(master, readonly=True)
    assert conn.execute("SELECT mineral FROM mine_patches WHERE uuid = ?",
                        (u,)).fetchone() == ("bogus",)
    conn.close()
