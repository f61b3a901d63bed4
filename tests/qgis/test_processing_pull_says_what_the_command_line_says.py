# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's pull warns, in the user's language, of what ``field-kit pull`` says beyond
its counts: the value this device sent that the master's replaced (its old and new value),
still in an open conflict of the master, and the new row outside the package's township
left out (the log said only the counts)."""

from __future__ import annotations

import shutil
import time

import pytest
from qgis.core import QgsProcessingException

from field_kit.cli.commands import main
from field_kit.sync import masters, package_checkout, package_export
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.unit.gpkg_factory import edit
from tests.unit.test_qfield_zip_for_the_phone import pull_to_fail

TOWNSHIP = "郭勒布依乡"
VERIFIED = ("INSERT INTO patch_verifications (patch_uuid, patch_code, notes, verifier) "
            "SELECT uuid, patch_code, ?, '李' FROM mine_patches WHERE township {} ? LIMIT 1")
# what the command line says, in English, of what the pull met (its Chinese line after)
SAID = ("1 value this device sent is replaced by the master's",
        "notes: \"poor\" -> \"fair\"",
        "1 of them still in open conflicts in the master",
        "1 new row outside this package's township or area left out")


@pytest.fixture(params=["en_US", "zh_CN"])
def speaking(request, processing, tmp_path):  # noqa: F811
    """QGIS in English or Chinese: the language, and ``FIELD_KIT_LANG`` for the command
    line's."""
    with qgis_speaking(request.param, tmp_path / "qm"):
        yield request.param[:2]


def _replaced_in_an_open_conflict(master, tmp_path):
    """A technician's package of the township whose sent notes the master set aside in a
    conflict, and a new verification of a patch outside the township."""
    edit(master, VERIFIED.format("="), "seen", TOWNSHIP)
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1", township=TOWNSHIP)
    edit(pkg, "UPDATE patch_verifications SET notes = 'poor'")
    package_export.export(pkg, tmp_path / "tab-1.zip")
    time.sleep(0.05)
    edit(master, "UPDATE patch_verifications SET notes = 'fair'")
    assert masters.merge(master, [tmp_path / "tab-1.zip"]).totals["conflict"] == 1
    edit(master, VERIFIED.format("<>"), "elsewhere", TOWNSHIP)
    return pkg


def command_line_said(pkg, master, tmp_path, capsys, monkeypatch, lang: str) -> list[str]:
    """The lines of :data:`SAID` as ``field-kit pull`` prints them in ``lang`` (in Chinese,
    the Chinese line under the English), of the same pull run on copies of the files."""
    by_hand = tmp_path / "by-hand"
    by_hand.mkdir()
    for path in (pkg, master):
        shutil.copyfile(path, by_hand / path.name)
    monkeypatch.setenv("FIELD_KIT_LANG", lang)
    capsys.readouterr()
    main(["pull", str(by_hand / pkg.name), str(by_hand / master.name)])
    said = [line.strip() for line in capsys.readouterr().out.splitlines()]
    lines = []
    for what in SAID:
        at = next(i for i, line in enumerate(said) if what in line)
        lines.append(said[at + 1] if lang == "zh" else said[at])
        assert lines[-1] != said[at] or lang == "en", said
    return lines


def test_the_pull_warns_of_what_the_command_line_says(speaking, processing, master,  # noqa: F811
                                                      tmp_path, capsys, monkeypatch):
    pkg = _replaced_in_an_open_conflict(master, tmp_path)
    said = command_line_said(pkg, master, tmp_path, capsys, monkeypatch, speaking)
    heard = Heard()
    processing.run("toksun:pull", {"PACKAGE": str(pkg), "MASTER": str(master)},
                   feedback=heard)
    warned = [text.strip() for kind, text in heard.lines if kind == "warning"]
    for line in said:
        assert line in warned, (line, heard.lines)


def test_a_failed_pull_warns_of_the_photos_left_out_of_the_zip(processing, master,  # noqa: F811
                                                               tmp_path, monkeypatch):
    """The zip written again as a pull failed leaves out a file no record names: said in
    the log beside why the pull failed, as the command line says it."""
    project, folder = pull_to_fail(master, tmp_path, monkeypatch)
    heard = Heard()
    with pytest.raises(QgsProcessingException, match="the master cannot be read"):
        processing.run("toksun:pull", {"PACKAGE": str(folder / "package.gpkg"),
                                       "MASTER": str(master)}, feedback=heard)
    warned = [text for kind, text in heard.lines if kind == "warning"]
    assert any("1 file in DCIM/ that no record of the package names" in w
               and f"left out of {project['zip']}" in w for w in warned), heard.lines
