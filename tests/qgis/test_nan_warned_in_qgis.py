# SPDX-License-Identifier: GPL-2.0-or-later
"""NaN typed in psql into a PostgreSQL master: Processing's checkout from the saved
connection, and its pull of a row changed so since, warn that the package carries it as
empty, naming the layer, field and rows, in the user's language, as the command line does
(they said nothing)."""

from __future__ import annotations

from tests.postgis.cluster import query
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_postgres_failures import connections, lang  # noqa: F401 (fixtures)
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.qgis.test_processing_postgres_master import province, wang  # noqa: F401
from tests.unit.test_infinite_figures_checked_out import INDICATOR

SAID = {"en": "plan_indicators: NaN in value_2025 (rows fid {fid}): a GeoPackage cannot hold "
              "NaN, so packages and pulls carry it as empty (NULL); the master keeps its NaN "
              "until the field is edited",
        "zh": "plan_indicators 中有 NaN（非数值）：value_2025（要素 fid {fid}）；"
              "GeoPackage 不能保存 NaN，数据包和拉取中为空值（NULL），主库中的 NaN "
              "保留到该字段被修改为止"}


def test_processing_checkout_warns_of_nan_carried_as_empty(processing, province, lang,  # noqa: F811
                                                           tmp_path):
    query(province, "UPDATE plan_indicators SET value_2025 = 'NaN' WHERE indicator_id = %s",
          INDICATOR)
    ((fid,),) = query(province, "SELECT fid FROM plan_indicators WHERE indicator_id = %s",
                      INDICATOR)
    heard = Heard()
    processing.run("toksun:checkout", {
        "CONNECTION": "province", "SCHEMA": "toksun", "DEVICE": "tab-pg",
        "TOWNSHIP": "郭勒布依乡", "ROLE": 0, "QFIELD": False,
        "OUTPUT": str(tmp_path / "tab-pg.gpkg")}, feedback=heard)
    warned = [text for kind, text in heard.lines if kind == "warning"]
    assert warned == [SAID[lang].format(fid=fid)], heard.lines


def test_processing_pull_warns_of_nan_carried_as_empty(processing, province, lang,  # noqa: F811
                                                       tmp_path):
    pkg = tmp_path / "tab-pg.gpkg"
    processing.run("toksun:checkout", {
        "CONNECTION": "province", "SCHEMA": "toksun", "DEVICE": "tab-pg",
        "TOWNSHIP": "郭勒布依乡", "ROLE": 0, "QFIELD": False, "OUTPUT": str(pkg)})
    query(province, "UPDATE plan_indicators SET value_2025 = 'NaN' WHERE indicator_id = %s",
          INDICATOR)
    ((fid,),) = query(province, "SELECT fid FROM plan_indicators WHERE indicator_id = %s",
                      INDICATOR)
    heard = Heard()
    processing.run("toksun:pull", {"PACKAGE": str(pkg), "CONNECTION": "province",
                                   "SCHEMA": "toksun"}, feedback=heard)
    warned = [text for kind, text in heard.lines if kind == "warning"]
    assert warned == [SAID[lang].format(fid=fid)], heard.lines
