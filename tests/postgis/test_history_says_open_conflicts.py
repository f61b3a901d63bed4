# SPDX-License-Identifier: GPL-2.0-or-later
"""On a PostgreSQL master too, `field-kit history` says a row's open conflicts before its
changes, with the command that settles them, and one settled keeping the master's value
among its changes."""

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.db import in_command
from tests.postgis.test_postgis_master import checkout, cli_json, export
from tests.unit.cli_run import cli, history_json
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids


def test_a_rows_open_conflict_then_settled_on_postgres(database, tmp_path, capsys):
    src = make_gpkg(tmp_path / "src.gpkg", patches=5)
    assert main(["init", database, "--from", src]) == 0
    u = patch_uuids(src)[0]
    pkgs = [checkout(database, tmp_path, device) for device in ("tab-a", "tab-b")]
    for pkg, value in zip(pkgs, "AB"):
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE uuid = ?", value, u)
        cli_json(capsys, "merge", database, export(pkg, tmp_path))
    (c,) = history_json(cli(capsys, "history", database, u, "--json")[1])["open_conflicts"]
    assert (c["field"], c["ours"], c["theirs"], c["device"]) == ("phase", "B", "A", "tab-a")
    lines = cli(capsys, "history", database, u)[1].splitlines()
    assert lines[0].startswith("1 open conflict on this row"), lines
    assert lines[1].startswith(f'  #{c["id"]} phase: the master holds "B", the other value '
                               '"A"; from tab-a at '), lines
    assert lines[2].startswith(
        f"    settle it: field-kit resolve {in_command(database)} {c['id']} --take ")
    assert cli(capsys, "resolve", database, c["id"], "--take", "ours")[0] == errors.OK
    out = cli(capsys, "history", database, u)[1]
    assert "open conflict" not in out
    assert f'conflict settled {u} phase: "B"; conflict {c["id"]} settled' in out, out
