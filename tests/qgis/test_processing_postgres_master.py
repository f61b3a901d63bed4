# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's algorithms on a PostgreSQL master picked as QGIS users pick one, by saved
connection and schema (run as a user runs them, processing.run, on a throwaway PostgreSQL
cluster): a checkout makes a field package from it, a merge applies into it, a pull and a
report read it; the connection's password goes to no log and no command. A master given
twice or not at all is said, naming the parameters, in English and in Chinese."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterProviderConnection,
)

from field_kit.db import connect
from field_kit.sync import package_export
from tests.postgis.cluster import query
from tests.qgis.test_postgres_failures import _published, connections, lang  # noqa: F401
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401

PASSWORD = "Qz7-sekret-41"  # (a word no message holds by chance)
ON_MASTER = ("checkout", "merge", "pull", "report")


@pytest.fixture
def wang(cluster):
    """A role that signs in with its password only."""
    cluster.sql("DO $$ BEGIN CREATE ROLE wang; EXCEPTION WHEN duplicate_object THEN NULL; "
                "END $$")
    # (as it must be here, whatever another test of the same cluster made of it)
    cluster.sql(f"ALTER ROLE wang LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
    cluster.hba("local all wang scram-sha-256")
    return "wang"


@pytest.fixture
def province(cluster, database, connections, wang, tmp_path, plan_gpkg):  # noqa: F811
    """The plan published into PostgreSQL, saved in QGIS as connection "province" with
    wang's password."""
    db = _published(database, tmp_path / "publish", plan_gpkg)
    connections("province", cluster, db, user=wang, password=PASSWORD)
    return database


def _run(processing, alg: str, params: dict):  # noqa: F811
    feedback = QgsProcessingFeedback()
    out = processing.run(f"toksun:{alg}", params, feedback=feedback)
    command = QgsApplication.processingRegistry().createAlgorithmById(
        f"toksun:{alg}").asPythonCommand(params, QgsProcessingContext())
    assert "'CONNECTION':'province'" in command.replace(" ", ""), command
    for said in (feedback.textLog(), command, str(out)):
        assert PASSWORD not in said
    return out


def test_a_checkout_from_a_saved_connection_makes_a_field_package(
        processing, province, tmp_path):  # noqa: F811
    pkg = tmp_path / "tab-pg.gpkg"
    out = _run(processing, "checkout", {
        "CONNECTION": "province", "SCHEMA": "toksun", "DEVICE": "tab-pg",
        "TOWNSHIP": "郭勒布依乡", "ROLE": 0, "QFIELD": False, "OUTPUT": str(pkg)})
    assert out["OUTPUT"] == str(pkg) and pkg.exists()
    with contextlib.closing(sqlite3.connect(pkg)) as c:
        assert c.execute("SELECT count(*) FROM mine_patches").fetchone()[0] > 0
    assert query(province, "SELECT count(*) FROM sync_devices WHERE device = 'tab-pg'"
                 ) == [(1,)]


def test_a_merge_into_a_saved_connection_applies_and_a_pull_and_report_read_it(
        processing, province, tmp_path):  # noqa: F811
    pkg = tmp_path / "tab-07.gpkg"
    _run(processing, "checkout", {"CONNECTION": "province", "SCHEMA": "toksun",
                                  "DEVICE": "tab-07", "TOWNSHIP": "郭勒布依乡", "ROLE": 0,
                                  "QFIELD": False, "OUTPUT": str(pkg)})
    with contextlib.closing(connect(pkg)) as conn, conn:
        uuid, code = conn.execute("SELECT uuid, patch_code FROM mine_patches").fetchone()
        conn.execute("INSERT INTO patch_verifications (patch_uuid, patch_code, "
                     "remediation_status, verifier) VALUES (?,?,'C','李明')", (uuid, code))
    package = tmp_path / "tab-07.zip"
    package_export.export(pkg, package)
    got = _run(processing, "merge", {"CONNECTION": "province", "SCHEMA": "toksun",
                                     "PACKAGES": [str(package)]})
    assert (got["APPLIED"], got["CONFLICTS"], got["REFUSED"]) == (1, 0, 0), got
    assert query(province, "SELECT count(*) FROM patch_verifications") == [(1,)]
    pulled = _run(processing, "pull", {"PACKAGE": str(pkg), "CONNECTION": "province",
                                       "SCHEMA": "toksun"})
    assert pulled["CONFLICTS"] == 0
    report = tmp_path / "progress.xlsx"
    _run(processing, "report", {"CONNECTION": "province", "SCHEMA": "toksun",
                                "OUTPUT": str(report)})
    assert report.stat().st_size > 0


def test_each_master_parameter_says_postgres_is_taken(processing):  # noqa: F811
    registry = QgsApplication.processingRegistry()
    for name in ON_MASTER:
        alg = registry.createAlgorithmById(f"toksun:{name}")
        assert "GeoPackage or PostgreSQL" in alg.parameterDefinition("MASTER").description()
        connection = alg.parameterDefinition("CONNECTION")
        assert isinstance(connection, QgsProcessingParameterProviderConnection), name
        assert connection.providerId() == "postgres"
        assert alg.parameterDefinition("SCHEMA").defaultValue() == "toksun"
        assert "PostgreSQL master" in alg.shortHelpString(), name


SAID = {
    "en": {"both": ("Give the master once", "(MASTER)", "(CONNECTION)"),
           "neither": ("No master given", "(MASTER)", "(CONNECTION)", "(SCHEMA)")},
    "zh": {"both": ("主库只能给一个", "（MASTER）", "（CONNECTION）"),
           "neither": ("没有给出主库", "（MASTER）", "（CONNECTION）", "（SCHEMA）")},
}


@pytest.mark.parametrize("given", ["both", "neither"])
def test_a_master_given_twice_or_not_at_all_is_said_by_name(
        processing, lang, given, master, tmp_path):  # noqa: F811
    params = {"DEVICE": "tab-x", "ROLE": 0, "QFIELD": False,
              "OUTPUT": str(tmp_path / "tab-x.gpkg")}
    if given == "both":
        params.update(MASTER=str(master), CONNECTION="province")
    with pytest.raises(QgsProcessingException) as said:
        processing.run("toksun:checkout", params, feedback=QgsProcessingFeedback())
    for words in SAID[lang][given]:
        assert words in str(said.value), str(said.value)
    assert not (tmp_path / "tab-x.gpkg").exists()


def test_a_connection_not_saved_is_said_by_name(processing, tmp_path):  # noqa: F811
    with pytest.raises(QgsProcessingException, match="no saved PostgreSQL connection named "
                                                     "county"):
        processing.run("toksun:report", {"CONNECTION": "county",
                                         "OUTPUT": str(tmp_path / "r.xlsx")},
                       feedback=QgsProcessingFeedback())


def test_a_connection_without_its_password_is_said_as_the_docks_say_it(
        processing, cluster, province, connections, wang, tmp_path):  # noqa: F811
    """Where the server asks for a password the connection does not hold: where to save it
    in QGIS, not the command line's ~/.pgpass."""
    db = query(province, "SELECT current_database()")[0][0]
    connections("county", cluster, db, user=wang)
    with pytest.raises(QgsProcessingException, match="the connection has none saved") as said:
        processing.run("toksun:report", {"CONNECTION": "county",
                                         "OUTPUT": str(tmp_path / "r.xlsx")},
                       feedback=QgsProcessingFeedback())
    assert ".pgpass" not in str(said.value)
    assert not (tmp_path / "r.xlsx").exists()


def test_a_schema_holding_no_master_names_the_one_that_does(
        processing, lang, province, tmp_path):  # noqa: F811
    """A schema mistyped in SCHEMA: said as a QGIS user picks one, with the schema that
    holds the master, in the user's language; not the command line's address forms."""
    db = query(province, "SELECT current_database()")[0][0]
    with pytest.raises(QgsProcessingException) as said:
        processing.run("toksun:report", {"CONNECTION": "province", "SCHEMA": "toksum",
                                         "OUTPUT": str(tmp_path / "r.xlsx")},
                       feedback=QgsProcessingFeedback())
    text = str(said.value)
    assert {"en": f"Schema toksum does not exist in database {db}. The master of database "
                  f"{db} is in schema toksun: choose it as the schema.",
            "zh": f"数据库 {db} 中没有模式 toksum。数据库 {db} 的主库在模式 toksun 中：请选择该"
                  "模式。"}[lang] in text, text
    for command_line in ("ADDRESS", "?schema=", "--from"):
        assert command_line not in text, text
    assert not (tmp_path / "r.xlsx").exists()
