# SPDX-License-Identifier: GPL-2.0-or-later
"""The toolkit's Processing algorithms: checkout, export, merge, pull, report and import run
the library's code, report progress and turn refusals into Processing errors."""

from __future__ import annotations

import sqlite3

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
)

from field_kit.db import connect
from qgis_plugin.processing.provider import Provider


@pytest.fixture(scope="module")
def provider(qgis_app):
    p = Provider()
    assert QgsApplication.processingRegistry().addProvider(p)
    yield p
    QgsApplication.processingRegistry().removeProvider(p)


def run(alg_id: str, params: dict, feedback=None) -> dict:
    alg = QgsApplication.processingRegistry().createAlgorithmById(f"toksun:{alg_id}")
    assert alg is not None, alg_id
    context = QgsProcessingContext()
    feedback = feedback or QgsProcessingFeedback()
    out, ok = alg.run(params, context, feedback)
    assert ok
    return out


def test_the_provider_lists_its_algorithms(provider):
    ids = {a.id() for a in provider.algorithms()}
    assert ids == {f"toksun:{n}" for n in ("checkout", "export", "merge", "pull", "readmit",
                                            "report", "import")}


def test_checkout_export_merge_and_pull_in_a_model_like_chain(provider, master, tmp_path):
    pkg = tmp_path / "tab.gpkg"
    out = run("checkout", {"MASTER": str(master), "DEVICE": "tab-p", "TOWNSHIP": "郭勒布依乡",
                           "ROLE": 0, "QFIELD": False, "OUTPUT": str(pkg)})
    assert pkg.exists() and out["BASE"] >= 0
    with connect(pkg) as c:
        c.execute("INSERT INTO patch_verifications (notes, verifier) VALUES ('p', 'li')")
    zpkg = tmp_path / "c.zip"
    assert run("export", {"PACKAGE": str(pkg), "ALL": False, "OUTPUT": str(zpkg)})["CHANGES"] == 1
    feedback = QgsProcessingFeedback()
    seen = []
    feedback.progressChanged.connect(seen.append)
    got = run("merge", {"MASTER": str(master), "PACKAGES": [str(zpkg)]}, feedback)
    assert (got["APPLIED"], got["CONFLICTS"], got["REFUSED"]) == (1, 0, 0)
    assert seen and max(seen) == pytest.approx(100)
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT count(*) FROM patch_verifications WHERE notes = 'p'"
                         ).fetchone() == (1,)
    assert run("pull", {"PACKAGE": str(pkg), "MASTER": str(master)})["CONFLICTS"] == 0


def test_a_refused_package_is_an_error_and_changes_nothing(provider, master, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    before = master.read_bytes()
    alg = QgsApplication.processingRegistry().createAlgorithmById("toksun:merge")
    feedback = QgsProcessingFeedback()
    with pytest.raises(QgsProcessingException, match="refused"):
        alg.processAlgorithm({"MASTER": str(master), "PACKAGES": [str(bad)]},
                             QgsProcessingContext(), feedback)
    assert master.read_bytes() == before


def test_a_spreadsheet_report(provider, master, tmp_path):
    out = tmp_path / "r.xlsx"
    run("report", {"MASTER": str(master), "OUTPUT": str(out)})
    assert out.stat().st_size > 1000


def test_merge_counts_its_conflicts_as_settle_conflicts_lists_them(provider, master, tmp_path):
    """Two fields of one record met edits made in the master: the algorithm's line and its
    CONFLICTS output count the two fields Settle conflicts lists, in one change."""
    from field_kit.sync import masters
    from qgis_plugin.core_messages import in_conflict
    from tests.unit.gpkg_factory import fields_met_in_the_master
    package = fields_met_in_the_master(master, tmp_path)
    lines: list[str] = []

    class Heard(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802
            lines.append(info)
            super().pushInfo(info)

        def reportError(self, error, fatal=False):  # noqa: N802
            lines.append(error)
            super().reportError(error, fatal)
    feedback = Heard()
    got = run("merge", {"MASTER": str(master), "PACKAGES": [str(package)]}, feedback)
    assert got["CONFLICTS"] == len(masters.conflicts(master)) == 2
    assert any(f"conflicts {in_conflict(1, 2)}," in line or in_conflict(1, 2) in line
               for line in lines), lines


def test_import_deletes_the_missing_rows_when_asked_but_a_patch_with_records(
        provider, master, tmp_path):
    """As the command's --delete-missing and the dialog's checkbox: the patches the source
    lacks are deleted, but one with verification records, kept and named."""
    import subprocess

    from tests.unit.gpkg_factory import edit
    conn = sqlite3.connect(master)
    (gone, u), (held, hu) = conn.execute(
        "SELECT patch_code, uuid FROM mine_patches ORDER BY fid LIMIT 2").fetchall()
    conn.close()
    edit(master, "INSERT INTO patch_verifications (patch_uuid, patch_code, verifier) "
         "VALUES (?, ?, '李明')", hu, held)
    src = tmp_path / "surveyed.geojson"
    subprocess.run(["ogr2ogr", "-f", "GeoJSON", str(src), str(master), "mine_patches", "-where",
                    f"patch_code NOT IN ('{gone}', '{held}')"], check=True)
    params = {"MASTER": str(master), "SOURCE": str(src), "LAYER": 0}
    lines: list[str] = []

    class Heard(QgsProcessingFeedback):
        def pushInfo(self, info):  # noqa: N802
            lines.append(info)

        def pushWarning(self, warning):  # noqa: N802
            lines.append(warning)
    kept = run("import", params, Heard())
    assert (kept["UPDATED"], kept["INSERTED"], kept["DELETED"]) == (0, 0, 0)
    assert any("“Delete the rows the source does not have” deletes them" in ln
               for ln in lines), lines
    lines.clear()
    got = run("import", {**params, "DELETE_MISSING": True}, Heard())
    assert got["DELETED"] == 1
    conn = sqlite3.connect(master)
    left = {c for (c,) in conn.execute("SELECT patch_code FROM mine_patches")}
    conn.close()
    assert gone not in left and held in left
    assert f"{held}: 1 verification: kept, not deleted" in lines, lines


def test_an_export_after_one_killed_says_so_and_removes_what_it_left(provider, tmp_path):
    import signal
    import subprocess
    import sys

    from field_kit.sync import package_checkout
    from tests.unit.gpkg_factory import add_photo, make_gpkg
    from tests.unit.test_export_cut_short import ROOT
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, verifications=2)
    pkg = tmp_path / "tab.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    with connect(pkg) as c:
        rec = c.execute("SELECT uuid FROM patch_verifications LIMIT 1").fetchone()[0]
        for i in range(3):
            add_photo(c, rec, b"\xff\xd8 picture " + bytes([i]))
    killed = tmp_path / "a.zip"
    got = subprocess.run([sys.executable, "-m", "tests.unit.kill_in_export", str(pkg),
                          str(killed)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert got.returncode == -signal.SIGKILL, got.stdout + got.stderr

    class Heard(QgsProcessingFeedback):
        said: list[str] = []

        def pushInfo(self, info):  # noqa: N802
            self.said.append(info)
    feedback = Heard()
    out = run("export", {"PACKAGE": str(pkg), "ALL": False, "OUTPUT": str(tmp_path / "b.zip")},
              feedback)
    assert out["CHANGES"] == 3 and not (tmp_path / "a.zip.part").exists()
    said = " ".join(feedback.said)
    assert f"to {killed}) was cut short" in said and "nothing was lost" in said, said
    assert f"Its unfinished file {killed}.part was removed." in said, said


def test_merge_counts_applied_what_its_log_says_applied(provider, master, tmp_path):
    """A change whose value the master took over a conflict (the later edit) is applied, in
    the merge's APPLIED as in its log line, as the command line and the Sync dock count it."""
    def checkout(device):
        pkg = tmp_path / f"{device}.gpkg"
        run("checkout", {"MASTER": str(master), "DEVICE": device, "ROLE": 0, "OUTPUT": str(pkg)})
        return pkg

    def export(pkg):
        out = tmp_path / f"{pkg.stem}-{len(list(tmp_path.glob('*.zip')))}.zip"
        run("export", {"PACKAGE": str(pkg), "ALL": False, "OUTPUT": str(out)})
        return str(out)
    first = checkout("tab-0")
    with connect(first) as c:
        c.execute("INSERT INTO patch_verifications (notes, verifier) VALUES ('seen', 'li')")
    run("merge", {"MASTER": str(master), "PACKAGES": [export(first)]})
    a, b = checkout("tab-a"), checkout("tab-b")
    for pkg, notes in ((a, "earlier"), (b, "later")):  # (b's edit the later)
        with connect(pkg) as c:
            c.execute("UPDATE patch_verifications SET notes = ? WHERE notes = 'seen'", (notes,))
    run("merge", {"MASTER": str(master), "PACKAGES": [export(a)]})
    got = run("merge", {"MASTER": str(master), "PACKAGES": [export(b)]})
    with sqlite3.connect(master) as c:
        assert c.execute("SELECT count(*) FROM patch_verifications WHERE notes = 'later'"
                         ).fetchone() == (1,)
    assert got["APPLIED"] == 1 and got["CONFLICTS"] == 1, got
