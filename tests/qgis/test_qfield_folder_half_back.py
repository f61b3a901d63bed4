# SPDX-License-Identifier: GPL-2.0-or-later
"""A QField project copied back in part is said as the command line says it where QGIS
reads it in: the Sync dock, given its package.gpkg, names DCIM/ missing beside the
photos it would read in; Processing's export names the project file missing."""

from __future__ import annotations

import os

from field_kit.messages_zh import chinese
from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401
from tests.qgis.test_processing_export_reads_qfield_photos_in import _export
from tests.unit.test_qfield_folder_half_back import half_back, lacking_dcim


def test_the_sync_dock_names_dcim_missing(plugin, master, tmp_path):
    folder = half_back(master, tmp_path, "DCIM")
    dock = plugin.show_sync()
    dock.choose_package(os.path.join(folder, "package.gpkg"))
    said = dock.package_label.text()
    assert lacking_dcim(folder) in said, said


def test_processing_export_names_the_project_file_missing(lang, master,  # noqa: F811
                                                          tmp_path):
    folder = half_back(master, tmp_path, "qf.qgs")
    got, ok, heard = _export(tmp_path / "qf" / "package.gpkg", tmp_path / "c.zip")
    assert ok, heard.lines
    line = (f"the folder {folder} lacks its project file qf.qgs, which QField opens the "
            "project by: the next pull into the folder writes it again (or copy it from "
            f"{folder}.zip)")
    assert ("info", chinese(line) if lang == "zh" else line) in heard.lines, heard.lines
    assert chinese(line) != line
