# SPDX-License-Identifier: GPL-2.0-or-later
"""An undo refused over later merges names every merge to undo first, in the order to undo
them (most recent first): those that changed what it would revert, and those in the way of
undoing these in turn; not one at a time, each undo found refused over the next."""

from __future__ import annotations

import json

from field_kit import errors
from field_kit.messages_zh import chinese
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import snapshot
from tests.unit.three_devices import three_packages


def test_the_whole_chain_is_named_most_recent_first(master, tmp_path, capsys):
    zips, _ = three_packages(master, tmp_path)
    code, said = cli_said(capsys, "merge", master, zips["gis-1"], zips["tab-1"],
                          zips["tab-2"], "--json")
    assert code == errors.CONFLICTS, said
    g1, t1, t2 = (m["merge_id"] for m in json.loads(said[said.index("{"):])["merges"])
    for conflict in ("1", "2"):
        assert cli_said(capsys, "resolve", master, conflict, "--take", "theirs")[0] == \
            errors.OK
    before = snapshot(master)
    code, said = cli_said(capsys, "undo-merge", master, g1)
    assert code == errors.REFUSED, said
    msg = said.split("field-kit: ", 1)[1].strip()
    assert ("; undo the later merges tab-2.zip from tab-2 at " in msg
            and f" (merge id {t2}), then tab-1.zip from tab-1 at " in msg
            and msg.endswith(f" (merge id {t1}) first (a decision on a conflict goes with "
                             "its merge); nothing was changed")), msg
    zh = chinese(msg)
    assert "请先撤销之后的合并 tab-2.zip（来自 tab-2，" in zh, zh
    assert f"合并编号 {t2}），再撤销 tab-1.zip（来自 tab-1，" in zh, zh
    assert zh.endswith(f"合并编号 {t1}）（冲突的处理随其合并一并撤销）；未作任何更改"), zh
    assert snapshot(master) == before
    # as it says: each undone in that order, the first goes too
    for merge_id in (t2, t1, g1):
        code, said = cli_said(capsys, "undo-merge", master, merge_id)
        assert code == errors.OK, said
