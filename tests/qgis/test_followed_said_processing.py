# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's checkout and merge say what they followed in the master, each kind under a
heading of its own as the command line says each on lines of its own: the warnings first
(pushed as warnings), then the area and centre recomputed, then the codes given (a code
the master's own edits followed was said among the shapes' lines; a checkout said
nothing)."""

from __future__ import annotations

from qgis.core import QgsProcessingFeedback

from field_kit.sync import package_checkout, package_export
from tests.qgis.test_followed_said_sync import GIVEN, NAMES_NONE, RECOMPUTED, edited_in_the_master
from tests.qgis.test_processing import provider, run  # noqa: F401 (a fixture)
from tests.unit.gpkg_factory import edit
from tests.unit.test_codes_follow import CODE, NEW, VERIFIED

RENAMED = "CT6504222017000026905"

SHAPES_LEFT = "Area and centre left as they were"
CODES_LEFT = "Codes left as they were, or off the national format"
CODES = "Codes of the patches and projects the rows name"


class Heard(QgsProcessingFeedback):
    """What an algorithm says in Processing's log, in order: (warning or info, line)."""

    def __init__(self):
        super().__init__()
        self.lines: list[tuple[str, str]] = []

    def pushInfo(self, text):  # noqa: N802
        self.lines.append(("info", text))

    def pushWarning(self, text):  # noqa: N802
        self.lines.append(("warning", text))

    def reportError(self, text, fatalError=False):  # noqa: N802, N803
        self.lines.append(("error", text))

    def under(self, heading: str) -> list[tuple[str, str]]:
        """The lines said under ``heading`` (to the next line that is not an item)."""
        at = [text for _, text in self.lines].index(heading)
        out = []
        for kind, text in self.lines[at + 1:]:
            if not text.startswith("  · "):
                break
            out.append((kind, text[4:]))
        return out


def _said(heard: Heard, shapes: str) -> None:
    """The master's own edits said apart, each under its heading, warnings first."""
    texts = [text for _, text in heard.lines]
    assert texts.index(CODES_LEFT) < texts.index(shapes) < texts.index(CODES), texts
    (left,) = heard.under(CODES_LEFT)
    assert left[0] == "warning" and left[1].startswith(NAMES_NONE), heard.lines
    assert [(k, t) for k, t in heard.under(shapes)] == [
        ("info", t) for _, t in heard.under(shapes)]
    assert any(RECOMPUTED in t for _, t in heard.under(shapes)), heard.lines
    assert not any("patch_verifications" in t for _, t in heard.under(shapes)), heard.lines
    assert any(GIVEN in t and k == "info" for k, t in heard.under(CODES)), heard.lines


def test_processing_checkout_says_what_it_followed_in_the_master(provider, master,  # noqa: F811
                                                                 tmp_path):
    edited_in_the_master(master, tmp_path)
    heard = Heard()
    pkg = tmp_path / "gis-p.gpkg"
    run("checkout", {"MASTER": str(master), "DEVICE": "gis-p", "TOWNSHIP": "", "ROLE": 1,
                     "QFIELD": False, "OUTPUT": str(pkg)}, heard)
    assert pkg.exists()
    _said(heard, "Area and centre of the shapes edited in the master itself")


def test_processing_merge_says_the_codes_followed_apart_from_the_shapes(
        provider, master, tmp_path):  # noqa: F811
    gis = tmp_path / "gis-a.gpkg"  # exported before the master's own edits
    package_checkout.checkout(master, gis, "gis-a", role="gis")
    edit(gis, "UPDATE mine_patches SET mineral = CASE mineral WHEN '建筑用砂' THEN '砖瓦用粘土' "
         "ELSE '建筑用砂' END WHERE fid = 2")
    package_export.export(gis, tmp_path / "gis-a.zip")
    edited_in_the_master(master, tmp_path)
    heard = Heard()
    try:
        got = run("merge", {"MASTER": str(master), "PACKAGES": [str(tmp_path / "gis-a.zip")]},
                  heard)
    except AssertionError:
        raise AssertionError(heard.lines) from None
    assert got["APPLIED"] == 1, heard.lines
    _said(heard, "Area and centre of the shapes merged")


def test_processing_pull_says_what_it_followed_apart(provider, master, tmp_path):  # noqa: F811
    """A pull says the master's own edits it followed as checkout and merge do, and the
    codes its package's own unsent records were given (it passed none of those on)."""
    pkg = tmp_path / "gis-q.gpkg"
    package_checkout.checkout(master, pkg, "gis-q", role="gis")
    edited_in_the_master(master, tmp_path)
    heard = Heard()
    run("pull", {"PACKAGE": str(pkg), "MASTER": str(master)}, heard)
    _said(heard, "Area and centre of the shapes")
    tech = tmp_path / "tab-9.gpkg"  # a record not sent, of a patch a GIS package renames
    package_checkout.checkout(master, tech, "tab-9", township="郭勒布依乡")
    edit(tech, VERIFIED.replace(CODE, NEW))
    edit(pkg, "UPDATE mine_patches SET patch_code = ? WHERE patch_code = ?", RENAMED, NEW)
    package_export.export(pkg, tmp_path / "gis-q.zip")
    run("merge", {"MASTER": str(master), "PACKAGES": [str(tmp_path / "gis-q.zip")]})
    heard = Heard()
    run("pull", {"PACKAGE": str(tech), "MASTER": str(master)}, heard)
    assert any("patch_verifications: 1 row given the" in t for _, t in heard.under(CODES)), \
        heard.lines
