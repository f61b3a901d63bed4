# SPDX-License-Identifier: GPL-2.0-or-later
"""A delete merged after two technicians' edits of the record keeps their values aside, each
in a conflict naming the device that gave them: tab-1's remediation status as tab-1's,
tab-2's notes as tab-2's; not both as the latest editor's."""

from __future__ import annotations

from field_kit import errors
from field_kit.sync import masters
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import rows
from tests.unit.three_devices import three_packages


def test_each_value_the_delete_took_is_kept_aside_as_its_devices(master, tmp_path, capsys,
                                                                 monkeypatch):
    zips, record = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["tab-2"], zips["tab-1"],
                          zips["gis-1"])
    assert code == errors.CONFLICTS, said
    rows_of = [c for c in masters.conflicts(master) if c.field is None]
    assert sorted((c.device, c.theirs) for c in rows_of) == [
        ("tab-1", {"remediation_status": "B"}), ("tab-2", {"notes": "t2: 仍有积水"})], rows_of
    for lang, kind, whose, sides in (
            ("en", "delete/update", "(row) from {} at ",
             ('theirs {remediation_status: "B" (Restored)}', 'theirs {notes: "t2: 仍有积水"}')),
            ("zh", "删除/修改", "整个要素 来自 {}，",
             ('另一方（theirs）{恢复治理情况："B"（已恢复治理）}',
              '另一方（theirs）{备注："t2: 仍有积水"}'))):
        monkeypatch.setenv("FIELD_KIT_LANG", lang)
        lines = cli_said(capsys, "conflicts", master)[1].splitlines()
        for device, theirs in zip(("tab-1", "tab-2"), sides):
            (head,) = [n for n, line in enumerate(lines)
                       if kind in line and whose.format(device) in line]
            assert lines[head + 1].endswith(theirs), lines[head:head + 2]
    monkeypatch.delenv("FIELD_KIT_LANG")
    # settled by device: tab-1's brings the record back as the master held it
    code, said = cli_said(capsys, "resolve", master, "--all", "tab-1", "--take", "theirs",
                          "--over-later-edit")
    assert code == errors.OK, said
    assert rows(master, "SELECT remediation_status, notes FROM patch_verifications WHERE "
                "uuid = ?", record) == [("B", "t1: 坑已回填")]
