# SPDX-License-Identifier: GPL-2.0-or-later
"""A device checked out after the master's backup was made, registered again in the master
restored from it (``field-kit readmit``) from its field package: its changes merge as those
of any package brought up to a change the master lacks, credited to it, nothing else
changed; a package of another master, and a device the master holds for another key, are
refused by name."""

from __future__ import annotations

import shutil

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit import test_device_checked_out_after_the_backup as after
from tests.unit import test_master_restored_from_a_backup as restored
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import edit, rows

season = restored.season  # (the master, 赵刚's package and last week's copy)
HERS = "SELECT uuid FROM patch_verifications WHERE verifier = '李娜'"


def _every_row(master) -> dict:
    """Each tracked layer's rows, as the master holds them."""
    return {t: sorted(map(repr, rows(master, f'SELECT * FROM "{t}"')))
            for (t,) in rows(master, "SELECT tbl FROM sync_tables")}


def test_her_edits_merge_credited_to_her_and_nothing_else_changes(
        season, tmp_path, capsys, chinese_locale):
    master, zhao, backup = season
    li = after._li_after_the_backup(capsys, tmp_path, master, zhao)
    shutil.copyfile(backup, master)  # the hard day
    assert cli(capsys, "export", li, tmp_path / "LI-ALL.zip", "--all")[0] == errors.OK
    code, out, _ = cli(capsys, "readmit", master, li)
    assert code == errors.OK, out
    said = out.splitlines()[0]
    assert said.startswith("device 'tab-li' (technician) registered again in master.gpkg "
                           "from li.gpkg, with its key, checkout and base"), out
    assert chinese(said) != said, said
    before = _every_row(master)
    code, out, err = cli(capsys, "merge", master, tmp_path / "LI-ALL.zip")
    assert code == errors.OK, out + err
    assert "the package was last brought up to a master this one is not" in err, err
    assert rows(master, after.LI) == [(2800.0,)]
    (hers,), = rows(master, HERS)
    now = _every_row(master)
    added = {t: sorted(set(now[t]) - set(before[t])) for t in now}
    assert {t: v for t, v in added.items() if v} == {"patch_verifications": added[
        "patch_verifications"]} and len(added["patch_verifications"]) == 1, added
    assert all(set(before[t]) <= set(now[t]) for t in now)
    assert {t: len(v) for t, v in now.items()} == {
        t: len(v) + (t == "patch_verifications") for t, v in before.items()}
    code, out, _ = cli(capsys, "history", master, hers, "--json")
    assert code == errors.OK
    assert {c["device"] for c in history_json(out)["changes"]} == {"tab-li"}
    assert sorted(rows(master, "SELECT DISTINCT device FROM sync_merges")) == [
        ("tab-li",), ("tab-zhao",)]
    # once more: registered already, nothing changed, and said its packages merge
    code, out, _ = cli(capsys, "readmit", master, li)
    assert code == errors.OK
    assert out.startswith("device 'tab-li' is registered in master.gpkg already, with the key "
                          "and checkout of li.gpkg; nothing was changed: its change packages "
                          f"merge as they are (field-kit merge {master} PACKAGE)\n"), out
    assert chinese(out.splitlines()[0]) != out.splitlines()[0], out
    # her pull is refused (the master knows neither her cut nor what she was brought up to)
    code, _, err = cli(capsys, "pull", li, master)
    assert code == errors.REFUSED, err
    assert "--device tab-li --replace --township 伊拉湖镇 and work on in NEW.gpkg" in err, err


def test_a_package_of_another_master_is_refused_by_name(season, tmp_path, capsys,
                                                       chinese_locale):
    master, zhao, backup = season
    li = after._li_after_the_backup(capsys, tmp_path, master, zhao)
    shutil.copyfile(backup, master)
    other = tmp_path / "shanshan.gpkg"
    shutil.copyfile(backup, other)
    edit(other, "UPDATE sync_meta SET value = 'ffffffff-other' WHERE key = 'master_id'")
    code, out, err = cli(capsys, "readmit", other, li)
    assert code == errors.REFUSED, out + err
    assert ("li.gpkg: it was checked out from master.gpkg (master ") in err, err
    assert "not this master, shanshan.gpkg (master ffffffff); nothing was registered: merge " \
        "its packages into master.gpkg\n" in err, err
    assert "；未登记任何设备" in err, err
    assert rows(other, "SELECT device FROM sync_devices") == [("tab-zhao",)]
    # a change package carries no key
    assert cli(capsys, "export", li, tmp_path / "LI-ALL.zip", "--all")[0] == errors.OK
    code, _, err = cli(capsys, "readmit", master, tmp_path / "LI-ALL.zip")
    assert code == errors.BAD_INPUT, err
    assert "LI-ALL.zip: not a field package: a change package does not carry its device's " \
        "key" in err, err


def test_a_device_the_master_holds_for_another_key_is_refused(season, tmp_path, capsys,
                                                              chinese_locale):
    master, zhao, backup = season
    li = after._li_after_the_backup(capsys, tmp_path, master, zhao)
    shutil.copyfile(backup, master)
    assert cli(capsys, "checkout", master, tmp_path / "NEW.gpkg", "--device", "tab-li",
               "--township", "伊拉湖镇")[0] == errors.OK
    held = rows(master, "SELECT key, checkout_uuid FROM sync_devices WHERE device = 'tab-li'")
    code, out, err = cli(capsys, "readmit", master, li)
    assert code == errors.REFUSED, out + err
    assert "li.gpkg: this master holds device 'tab-li' for another checkout and key (checked " \
        "out " in err, err
    assert "此主库登记的设备 tab-li 属于另一次签出和另一把密钥" in err, err
    assert rows(master, "SELECT key, checkout_uuid FROM sync_devices WHERE device = "
                "'tab-li'") == held


def test_her_pull_is_refused_where_the_master_holds_her_base(season, tmp_path, capsys,
                                                             chinese_locale):
    """A backup made just before her checkout holds the change she was brought up to; still
    the master knows not what her package was cut to: her pull is refused, with the way on,
    cut as her package records it."""
    master, _, _ = season
    just_before = tmp_path / "just-before.gpkg"
    shutil.copyfile(master, just_before)
    li = tmp_path / "li.gpkg"
    assert cli(capsys, "checkout", master, li, "--device", "tab-li", "--township",
               "伊拉湖镇")[0] == errors.OK
    shutil.copyfile(just_before, master)
    assert cli(capsys, "readmit", master, li)[0] == errors.OK
    code, out, err = cli(capsys, "pull", li, master)
    assert code == errors.REFUSED, out + err
    said = (f"field-kit: {li}: device 'tab-li' was registered again in this master (field-kit "
            "readmit), which knows neither what its package was cut to nor the master it was "
            f"brought up to; nothing was pulled: field-kit export {li} ALL.zip --all, then "
            f"field-kit merge {master} ALL.zip, then field-kit checkout {master} NEW.gpkg "
            "--device tab-li --replace --township 伊拉湖镇 and work on in NEW.gpkg\n")
    assert said in err, err
    assert "设备 tab-li 是在此主库中重新登记的（field-kit readmit）" in err, err
