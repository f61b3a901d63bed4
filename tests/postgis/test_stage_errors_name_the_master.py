# SPDX-License-Identifier: GPL-2.0-or-later
"""An error a command on a PostgreSQL master raises from its working copy (a merge's too)
names the master, not the copy's temporary file, and says to repair the master, in
English and in Chinese."""

from __future__ import annotations

import json

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import changelog, drift
from field_kit.sync.postgis import address, commands
from tests.postgis.test_postgis_master import checkout, export
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids


@pytest.fixture
def sent(database, tmp_path, monkeypatch):
    """(address, a package editing a patch), the merge's working copy found with its
    capture broken as drift finds it in a file."""
    src = make_gpkg(tmp_path / "src.gpkg", patches=2)
    assert main(["init", database, "--from", src]) == errors.OK
    pkg = checkout(database, tmp_path, "w-1")
    edit(pkg, "UPDATE mine_patches SET phase = 'edited' WHERE uuid = ?", patch_uuids(src)[0])
    into = commands.sync_merge.merge_into

    def broken_into(conn, *args, **kwargs):
        drift.raise_if_broken(changelog._path(conn), [
            drift.Drift("mine_patches", "capture triggers missing")])
        return into(conn, *args, **kwargs)
    monkeypatch.setattr(commands.sync_merge, "merge_into", broken_into)
    return database, export(pkg, tmp_path)


def test_a_merge_names_the_master_to_repair(sent, capsys):
    database, zip_path = sent
    code, said = cli_said(capsys, "merge", database, zip_path)
    assert code == errors.CAPTURE_BROKEN, said
    assert "toksun-stage" not in said and "/tmp/" not in said, said
    assert f"change capture in PostgreSQL {address.shown(database)} is not whole" in said
    assert "run field-kit repair on the master before anything else" in said
    assert "this file" not in said


def test_in_chinese_too(sent, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    database, zip_path = sent
    code, said = cli_said(capsys, "merge", database, zip_path)
    assert code == errors.CAPTURE_BROKEN, said
    assert "toksun-stage" not in said, said
    assert f"PostgreSQL {address.shown(database)} 的修改记录不完整" in said, said
    assert "请先对主库运行 field-kit repair" in said and "此文件" not in said, said


def test_an_undo_names_the_master_to_repair(sent, capsys, monkeypatch):
    """A command on a stage of its own (undo-merge) says the same."""
    from field_kit.sync import masters
    database, zip_path = sent
    monkeypatch.undo()  # (the merge as it is)
    code, said = cli_said(capsys, "merge", database, zip_path, "--json")
    assert code == errors.OK, said
    merge_id = json.loads(said[:said.rindex("}") + 1])["merges"][0]["merge_id"]

    def broken_undo(path, *args, **kwargs):
        drift.raise_if_broken(path, [drift.Drift("mine_patches", "capture triggers missing")])
    monkeypatch.setattr(masters._undo, "undo", broken_undo)
    code, said = cli_said(capsys, "undo-merge", database, merge_id)
    assert code == errors.CAPTURE_BROKEN, said
    assert "toksun-stage" not in said and "this file" not in said, said
    assert "run field-kit repair on the master before anything else" in said
