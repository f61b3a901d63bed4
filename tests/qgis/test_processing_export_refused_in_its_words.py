# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's export refused for a GeoPackage chosen as its output (the field package
itself, the master) says so in its own words, as the Sync dock does (its output is chosen
by name, not given on a command line), in English and in Chinese; nothing is written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingContext

from field_kit.sync import package_checkout
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_choices_in_chinese import lang  # noqa: F401

TOLD = {"en": "{out} is a GeoPackage (a master or a field package), not a change package: an "
              "export never writes over one; nothing was changed. A change package is written "
              "as a .zip: choose a name ending in .zip.",
        "zh": "{out} 是 GeoPackage（主库或外业数据包），不是修改包：导出从不覆盖它；未作任何更改。"
              "修改包写为 .zip 文件：请选择以 .zip 结尾的文件名。"}


@pytest.mark.parametrize("chosen", ["the package itself", "the master"])
def test_processing_says_a_geopackage_chosen_as_the_change_package_in_its_words(
        lang, master, tmp_path, chosen):  # noqa: F811
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    out = {"the package itself": pkg, "the master": Path(master)}[chosen]
    before = hashlib.sha256(out.read_bytes()).hexdigest()
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:export")
    heard = Heard()
    _, ok = alg.run({"PACKAGE": str(pkg), "ALL": False, "OUTPUT": str(out)},
                    QgsProcessingContext(), heard)
    assert not ok
    errors = [text for kind, text in heard.lines if kind == "error"]
    assert TOLD[lang].format(out=out) in errors, heard.lines
    assert not any("field-kit" in text or "OUT.zip" in text for _, text in heard.lines), \
        heard.lines
    assert hashlib.sha256(out.read_bytes()).hexdigest() == before
