# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package chosen in the Sync dock that cannot be read offers neither Pull nor
Export (not the Export of the package chosen before it), and the dock says why, in the
user's language."""

from __future__ import annotations

import pytest

from tests.qgis.test_sync_dock_says_a_master_is_no_field_package import _chosen, a_package_chosen

SAID = {"en": ("not a GeoPackage", "Pull and Export are not offered for it."),
        "zh": ("不是 GeoPackage", "因此不对其提供拉取与导出。")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_package_that_cannot_be_read_offers_neither_pull_nor_export(
        lang, iface, master, tmp_path, monkeypatch):
    broken = tmp_path / "tech-b.gpkg"
    broken.write_text("not a geopackage\n", encoding="utf-8")
    with a_package_chosen(iface, master, tmp_path, monkeypatch, lang) as dock:
        _chosen(dock, monkeypatch, broken)
        said = dock.package_label.text()
        assert not dock.pull_button.isEnabled() and not dock.export_button.isEnabled(), said
        reason, offered = SAID[lang]
        assert "tech-b.gpkg" in said and reason in said, said
        assert said.endswith("\n" + offered), said
