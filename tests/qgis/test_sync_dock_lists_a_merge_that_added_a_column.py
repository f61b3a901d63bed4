# SPDX-License-Identifier: GPL-2.0-or-later
"""A GIS package whose only change is a column added is listed among the Sync dock's merges,
saying the column it added (in English and Chinese), as `field-kit status` lists it."""

from __future__ import annotations

import pytest

from field_kit.cli.commands import main
from field_kit.sync import merge, package_checkout, package_export
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_settle_conflicts import plugin  # noqa: F401 (a fixture)
from tests.unit.gpkg_factory import edit

SAID = {"en": "g.zip from gis-g: applied 0, conflicts 0, refused 0 · added column "
              "mine_patches.survey_note",
        "zh": "g.zip（来自 gis-g）：已应用 0，冲突 0，拒收 0 · 新增字段 mine_patches.survey_note"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_merge_is_listed_with_the_column_it_added(
        lang, plugin, master, tmp_path, capsys):  # noqa: F811 (a fixture)
    pkg = tmp_path / "g.gpkg"
    package_checkout.checkout(master, pkg, "gis-g", role="gis")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    package_export.export(pkg, tmp_path / "g.zip")
    assert merge.merge(master, [tmp_path / "g.zip"]).results[0].merge_id
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        dock = plugin.show_sync()
        dock.refresh_merges()
        listed = [dock.merge_list.item(i).text() for i in range(dock.merge_list.count())]
    assert len(listed) == 1 and listed[0].endswith(SAID[lang]), listed
    capsys.readouterr()
    main(["status", str(master)])
    assert "  added to the master: column mine_patches.survey_note\n" in \
        capsys.readouterr().out
