# SPDX-License-Identifier: GPL-2.0-or-later
"""A technician's package whose last pull an earlier version refused over a column the
package added itself (defined otherwise in the master), asking to rename it: a technician
renames no column, and a pull now lets the master's column stand. Status says so, in
English and in Chinese, rather than leave the old advice alone; the pull goes through."""

from __future__ import annotations

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import changelog, registry
from field_kit.sync.pull import PULL_REFUSED
from tests.unit.cli_run import cli
from tests.unit.gpkg_factory import edit
from tests.unit.test_technicians_column_gives_way import (
    pulled_set_aside,
    refused,  # noqa: F401 (a fixture)
)

GIVES_WAY = ("a pull no longer refuses a technician's package over a column it added itself: "
             "the master's column stands in the package, each value typed into the package's "
             "own carried into it or set aside in the package; rename no column")
GIVES_WAY_ZH = ("拉取不再因技术员数据包自己添加的字段而拒绝该数据包：数据包中以主库的字段为准，"
                "在数据包自己的字段中填写的每个值或写入主库的字段，或另存于数据包中；"
                "无需重命名任何字段")


def refused_before(pkg) -> None:
    """The note an earlier version's pull left in ``pkg``, refused over its column remark
    (TEXT) that the master holds as INTEGER, as that version wrote it."""
    conn = connect(pkg)
    try:
        st = changelog.state(conn)
        registry.set_json_meta(conn, PULL_REFUSED, {
            "at": changelog.now(), "base": st["base_seq"], "exported": st["exported_seq"],
            "merged": st["exported_seq"],
            "reason": "column remark of patch_verifications is INTEGER in the master, TEXT in "
                      "the package: added in the package and in the master as two different "
                      "things; rename the column in the package (QGIS: Rename Field), export "
                      f"all its changes again (field-kit export --all {pkg} ZIP), merge that "
                      "package, then pull; nothing was pulled"})
        conn.commit()
    finally:
        conn.close()


def test_status_says_the_column_gives_way_now_and_the_pull_goes_through(
        refused, capsys):  # noqa: F811 (a fixture)
    master, pkg, row = refused
    edit(master, "ALTER TABLE patch_verifications ADD COLUMN remark INTEGER")
    edit(master, "UPDATE patch_verifications SET remark = 7 WHERE uuid = ?", row)
    refused_before(pkg)
    code, out, _ = cli(capsys, "status", pkg)
    assert code == errors.OK and ") was refused, nothing was pulled" in out, out
    assert GIVES_WAY in out, out
    pulled_set_aside(capsys, pkg, master, row)
    code, out, _ = cli(capsys, "status", pkg)
    assert "refused" not in out and GIVES_WAY not in out, out


def test_said_in_chinese(refused, capsys, chinese_locale):  # noqa: F811 (a fixture)
    _, pkg, _ = refused
    refused_before(pkg)
    out = cli(capsys, "status", pkg)[1]
    assert GIVES_WAY_ZH in out, out

