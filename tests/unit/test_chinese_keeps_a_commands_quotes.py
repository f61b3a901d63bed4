# SPDX-License-Identifier: GPL-2.0-or-later
"""A command a message tells the user to run names its file as a shell takes it (quoted
where a space would split it): said in Chinese, it keeps those quotes, so it runs as shown."""

from __future__ import annotations

import shutil

import pytest

from field_kit import errors
from field_kit.db import in_command
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit, rows, verify

TYPED = "'/data/主库 2026/master 1.gpkg'"
ROW = "8ae2dfbc-ef94-4009-9111-c44ae857d0ef"
CODE = "CT6504222017000026002"


@pytest.mark.parametrize("said", [
    f"to settle one: field-kit resolve {TYPED} ID --take theirs (or --take ours, --take "
    f"ancestor, --value V)",
    f"edits may be missing from the change log: run field-kit repair {TYPED}",
    f"sync_roles was empty (technicians could change no table), so init gave back the plan's "
    f"default grants: technician may change patch_verifications; to take them back: field-kit "
    f"roles {TYPED} --revoke technician TABLE",
    f"a.gpkg is a GeoPackage (a master or a field package), not a change package: an export "
    f"never writes over one; nothing was changed: give the change package a name of its own "
    f"(field-kit export {TYPED} OUT.zip)",
    f"{CODE} also named row {ROW} of mine_patches, deleted since: `field-kit history {TYPED} "
    f"{ROW}` lists its changes",
    f"{CODE}: record {ROW} of patch_verifications ({CODE} 2026-11-30) on it has 8 changes: "
    f"`field-kit history {TYPED} {ROW}` lists them",
])
def test_a_command_said_in_chinese_keeps_its_files_quotes(said):
    zh = chinese(said)
    assert zh != said, zh
    assert TYPED in zh, zh


def test_history_in_chinese_names_a_records_command_as_a_shell_takes_it(
        master, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "主库 2026"
    folder.mkdir()
    spaced = shutil.copyfile(master, folder / "master 1.gpkg")
    verify(spaced, CODE)
    edit(spaced, "DELETE FROM mine_patches WHERE patch_code = ?", CODE)
    ((record,),) = rows(spaced, "SELECT uuid FROM patch_verifications")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    code, out, err = cli(capsys, "history", spaced, CODE)
    assert code == errors.OK, out + err
    assert f"：`field-kit history {in_command(spaced)} {record}` 可列出这些修改" in out, out
