# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's “Export a change package” refuses a change package named as a GeoPackage
(a new name ending in .gpkg, the package itself) as the Sync dock does, in its words (it
has no command line), in English and in Chinese, writing nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsProcessingContext

from field_kit.sync import package_checkout
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing import provider  # noqa: F401  (the fixture)
from tests.unit.gpkg_factory import edit
from tests.unit.test_codes_follow import VERIFIED

CHOSEN = {
    "a new name of a GeoPackage": (
        lambda pkg, tmp: tmp / "tech-b-changes.gpkg",
        {"en": "{out} is named as a GeoPackage (.gpkg), not as a change package; nothing was "
               "changed. A change package is written as a .zip: choose a name ending in .zip.",
         "zh": "{out} 以 .gpkg 结尾，是 GeoPackage 的文件名，不是修改包的；未作任何更改。"
               "修改包写为 .zip 文件：请选择以 .zip 结尾的文件名。"}),
    "the package itself": (
        lambda pkg, tmp: pkg,
        {"en": "{out} is a GeoPackage (a master or a field package), not a change package: an "
               "export never writes over one; nothing was changed. A change package is "
               "written as a .zip: choose a name ending in .zip.",
         "zh": "{out} 是 GeoPackage（主库或外业数据包），不是修改包：导出从不覆盖它；未作任何更改。"
               "修改包写为 .zip 文件：请选择以 .zip 结尾的文件名。"}),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chosen", CHOSEN)
def test_processing_export_to_a_geopackage_is_refused_in_the_docks_words(
        chosen, lang, provider, master, tmp_path):  # noqa: F811
    pkg = tmp_path / "tech-b.gpkg"
    package_checkout.checkout(master, pkg, "tech-b", township="郭勒布依乡")
    edit(pkg, VERIFIED)
    where, said = CHOSEN[chosen]
    out = where(pkg, tmp_path)
    named = said[lang].format(out=out)
    before = hashlib.sha256(pkg.read_bytes()).hexdigest()
    heard = Heard()
    with qgis_speaking("zh_CN" if lang == "zh" else "en", tmp_path / "qm"):
        alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:export")
        got, ok = alg.run({"PACKAGE": str(pkg), "ALL": False, "OUTPUT": str(out)},
                          QgsProcessingContext(), heard)
    errors = [text for kind, text in heard.lines if kind == "error"]
    assert not ok, heard.lines
    assert any(named in text for text in errors), heard.lines
    assert not any("field-kit" in text for _, text in heard.lines), heard.lines
    assert hashlib.sha256(pkg.read_bytes()).hexdigest() == before  # nothing sealed
    assert out == pkg or not out.exists()
    assert not Path(f"{out}.part").exists()
