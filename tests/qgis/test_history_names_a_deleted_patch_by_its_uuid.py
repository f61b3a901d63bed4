# SPDX-License-Identifier: GPL-2.0-or-later
"""The History dialog names a verification's patch deleted since as ``field-kit history``
does, through the same lookup: by its whole uuid, said deleted with the code it had (the
delete not sealed into the log yet), not by a cut one."""

from __future__ import annotations

from qgis_plugin.dialogs.history import history_rows
from tests.unit.gpkg_factory import edit, rows, verify

CODE = "CT6504222017000026002"


def test_a_deleted_patch_is_named_by_its_uuid_said_deleted(master):
    verify(master, CODE)
    ((record, patch),) = rows(master, "SELECT uuid, patch_uuid FROM patch_verifications")
    edit(master, "DELETE FROM mine_patches WHERE uuid = ?", patch)
    for lang, said in (("en", f"{patch} (deleted, was {CODE})"),
                       ("zh", f"{patch}（已删除，原为 {CODE}）")):
        cells = [cell for line in history_rows(master, "patch_verifications", record, lang)
                 for cell in line]
        assert said in cells, cells
