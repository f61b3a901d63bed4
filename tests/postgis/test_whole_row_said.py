# SPDX-License-Identifier: GPL-2.0-or-later
"""A whole-row conflict on a PostgreSQL master is said as on a GeoPackage master
(tests/unit/test_conflict_names.py): the row the master holds against a device's delete is
the row as last edited by whoever edited it last (a database user there), in English and
Chinese; taking the delete drops that row, said so; a row deleted in the master since is
credited to that delete, ``--json`` saying ``deleted: true``."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.sync.changelog import local_time
from tests.postgis.cluster import query
from tests.unit import test_conflict_names as named
from tests.unit.cli_run import cli_said
from tests.unit.conftest import chinese_locale  # noqa: F401 (a fixture: the commands' language)

USER = "postgres (field-kit)"  # (who edits the master in psql or QGIS: its database user)


def _in_master(master, sql: str, *args) -> None:
    """GIS staff's edit, made in the database itself."""
    query(master, sql.replace("?", "%s"), *args)


def _edited_in(master) -> str:
    """When the master's own last edit was made, as listed."""
    (at,), = query(master, "SELECT max(at) FROM sync_changes WHERE origin = 'local'")
    return local_time(at)


def _ours_from(capsys, master) -> dict:
    (c,) = json.loads(cli_said(capsys, "conflicts", master, "--json")[1])
    return c["ours_from"]


def test_a_whole_row_is_said_as_last_edited_and_dropped_as_such(plan_database, tmp_path,
                                                                capsys, chinese_locale):  # noqa: F811
    master = plan_database
    named._row_kept_against_a_delete(master, tmp_path, capsys, _in_master)
    at = _edited_in(master)
    en, zh = named._listed(capsys, master)
    assert en.endswith("set aside (theirs); the master holds the row as last edited by "
                       f"{USER} at {at} (ours)"), en
    assert zh.endswith(f"的值已搁置（theirs）；主库现为：{USER} 于 {at} "
                       "最后修改的该要素（ours）"), zh
    ours = _ours_from(capsys, master)
    assert (ours["device"], ours["origin"], ours["deleted"]) == (USER, "local", False), ours
    code, said = cli_said(capsys, "resolve", master, 1, "--take", "theirs")
    assert code == errors.OK and " the row is deleted\n" in said, said
    assert f" the row as last edited by {USER} at {at} is dropped\n" in said, said
    assert f"已舍弃 {USER} 于 {at} 最后修改的整个要素\n" in said, said
    assert " the edit from " not in said, said
    assert query(master, "SELECT 1 FROM patch_verifications WHERE patch_code = %s",
                 named.CODE) == []


def test_a_whole_row_deleted_since_is_credited_to_the_delete(plan_database, tmp_path, capsys,
                                                             chinese_locale):  # noqa: F811
    master = plan_database
    named._row_kept_against_a_delete(master, tmp_path, capsys, _in_master)
    _in_master(master, "DELETE FROM patch_verifications WHERE patch_code = ?", named.CODE)
    at = _edited_in(master)
    en, zh = named._listed(capsys, master)
    assert en.endswith(f"the master holds the row deleted by {USER} at {at} (ours)"), en
    assert zh.endswith(f"主库现为：该要素已由 {USER} 于 {at} 删除（ours）"), zh
    ours = _ours_from(capsys, master)
    assert (ours["device"], ours["origin"], ours["deleted"]) == (USER, "local", True), ours
