# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's "Readmit a device", run as a user runs it (processing.run): a device the
master restored from a backup lost, registered again from its field package, said as the
command line says it, in the user's language; its changes merge then. A package of another
master is refused with the library's words, nothing registered."""

from __future__ import annotations

import gc
import shutil

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback

from field_kit.cli.commands import main
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.qgis.test_processing_pull_says_what_the_command_line_says import (  # noqa: F401
    speaking,
)
from tests.unit import test_device_checked_out_after_the_backup as after
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows
from tests.unit.test_master_restored_from_a_backup import season  # noqa: F401

DEVICES = "SELECT device FROM sync_devices ORDER BY device"


def _said(capsys, monkeypatch, lang, *args) -> list[str]:
    """What the command line says (stdout and stderr), in ``lang``."""
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    capsys.readouterr()
    main([str(a) for a in args])
    out = capsys.readouterr()
    return [line.removeprefix("field-kit: ") for line in (out.out + out.err).splitlines()]


def test_a_lost_device_readmitted_in_processing_merges_its_changes(
        season, speaking, processing, tmp_path, capsys, monkeypatch):  # noqa: F811
    master, zhao, backup = season
    li = after._li_after_the_backup(capsys, tmp_path, master, zhao)
    shutil.copyfile(backup, master)  # the hard day
    assert cli(capsys, "export", li, tmp_path / "LI-ALL.zip", "--all")[0] == 0
    assert cli(capsys, "merge", master, tmp_path / "LI-ALL.zip")[0] == 3  # refused
    found = QgsApplication.processingRegistry().algorithmById("toksun:readmit")
    assert found.displayName() == {"en": "Readmit a device", "zh": "重新登记设备"}[speaking]
    del found  # (the user's path holds none)
    got = processing.run("toksun:readmit", {"MASTER": str(master), "PACKAGE": str(li)})
    gc.collect()
    assert ("tab-li",) in rows(master, DEVICES)
    # run again (registered already): said so, its way on Processing's merge
    again = processing.run("toksun:readmit", {"MASTER": str(master), "PACKAGE": str(li)})
    assert again["SAID"] == {
        "en": "Device 'tab-li' is registered in master.gpkg already, with the key and "
              "checkout of li.gpkg; nothing was changed: its change packages merge as they "
              "are (Processing's “Merge change packages”).",
        "zh": "设备 tab-li 已登记在 master.gpkg 中，密钥和签出与 li.gpkg 相同；未作任何更改："
              "其修改包可以直接合并（在“处理”中运行“合并修改包”）。"}[speaking], again
    # (the first said it registered again: in Chinese as the command line's table has it)
    assert got["SAID"].startswith({"en": "Device 'tab-li' (technician) registered again in "
                                         "master.gpkg from li.gpkg",
                                   "zh": "设备 tab-li（技术员）已用 li.gpkg 重新登记到 "
                                         "master.gpkg"}[speaking]), got
    # its way on is Processing's merge, not the command line's
    assert "field-kit" not in got["SAID"], got
    assert {"en": "its change packages merge now (Processing's “Merge change packages”; "
                  "Processing's “Export a change package”",
            "zh": "其修改包现在可以合并（在“处理”中运行“合并修改包”；在“处理”中运行"
                  "“导出修改包”"}[speaking] in got["SAID"], got
    assert cli(capsys, "merge", master, tmp_path / "LI-ALL.zip")[0] == 0
    assert rows(master, after.LI) == [(2800.0,)]


def test_a_package_of_another_master_is_refused_in_the_users_language(
        season, speaking, processing, tmp_path, capsys, monkeypatch):  # noqa: F811
    master, zhao, backup = season
    li = after._li_after_the_backup(capsys, tmp_path, master, zhao)
    other = tmp_path / "shanshan.gpkg"
    shutil.copyfile(backup, other)
    edit(other, "UPDATE sync_meta SET value = 'ffffffff-other' WHERE key = 'master_id'")
    before = rows(other, DEVICES)
    said = _said(capsys, monkeypatch, speaking, "readmit", other, li)
    with pytest.raises(QgsProcessingException) as refused:
        processing.run("toksun:readmit", {"MASTER": str(other), "PACKAGE": str(li)})
    gc.collect()
    assert str(refused.value) == said[-1], (str(refused.value), said)
    assert "li.gpkg" in str(refused.value)
    assert rows(other, DEVICES) == before


def test_a_readmit_done_shows_its_progress_whole(season, processing, tmp_path,  # noqa: F811
                                                 capsys):
    master, zhao, backup = season
    li = after._li_after_the_backup(capsys, tmp_path, master, zhao)
    shutil.copyfile(backup, master)  # the hard day
    feedback = QgsProcessingFeedback()
    processing.run("toksun:readmit", {"MASTER": str(master), "PACKAGE": str(li)},
                   feedback=feedback)
    gc.collect()
    assert ("tab-li",) in rows(master, DEVICES)
    assert feedback.progress() == 100
