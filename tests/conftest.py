# SPDX-License-Identifier: GPL-2.0-or-later
from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # Qt and QGIS without a screen

from tests.plan_build import build
from tests.postgis.cluster import Cluster, available

try:
    import pytest_qgis  # noqa: F401 - only with QGIS (not in the field app's environment)
except ImportError:
    pass
else:
    @pytest.fixture(autouse=True, scope="session")
    def _qgis_app_ends_whole(qgis_app):
        """pytest-qgis ends the session by disconnecting the project's legendLayersAdded from
        QgsApplication.processEvents, then shutting QGIS down. After a long session of
        widgets PyQt at times no longer finds that connection (its proxy for the builtin
        slot let go), the disconnect raises and QGIS is not shut down: the connection is
        made again here first, so its disconnect finds one."""
        yield
        if qgis_app is not None:
            from qgis.core import QgsProject
            QgsProject.instance().legendLayersAdded.connect(qgis_app.processEvents)


@pytest.fixture(scope="session")
def plan_gpkg(tmp_path_factory):
    """The plan GeoPackage built from the sources, once a test session. Shared, so no test
    may write to it (copy it first): checked when the session ends."""
    path = tmp_path_factory.mktemp("plan") / "toksun_plan.gpkg"
    try:
        import osgeo  # noqa: F401 - the build writes the layers through GDAL
    except ImportError:  # the app's own environment (PyPI's PyQt5, no GDAL): the built plan
        built = Path(__file__).resolve().parents[1] / "resources" / "toksun_plan.gpkg"
        if not built.exists():
            pytest.skip("GDAL is not installed and the plan is not built (make data)")
        shutil.copyfile(built, path)
    else:
        build(path)
    before = _digest(path)
    yield path
    assert _digest(path) == before, "a test wrote to the shared plan GeoPackage"


@pytest.fixture
def master(tmp_path, plan_gpkg):
    """A private copy of the plan GeoPackage, to write to (change capture installed)."""
    out = tmp_path / "master.gpkg"
    shutil.copyfile(plan_gpkg, out)
    return out


@pytest.fixture
def small_disk():
    """A 2 MB disk (a tmpfs): mounting one needs root."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    d = Path(tempfile.mkdtemp(prefix="toksun-small-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(d)],
                      capture_output=True).returncode:
        d.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    yield d
    subprocess.run(["umount", str(d)], check=True)
    d.rmdir()


def fill(disk: Path, leaving: int) -> None:
    """Fill ``disk`` (a :func:`small_disk`) but for ``leaving`` bytes: a file named filler."""
    free = os.statvfs(disk)
    (disk / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize - leaving))


_names = itertools.count()


@pytest.fixture(scope="session")
def cluster():
    why = available()
    if why:
        pytest.fail(f"the PostgreSQL tests need a local cluster: {why}")
    c = Cluster()
    yield c
    c.stop()


@pytest.fixture
def database(cluster):
    """A fresh database with PostGIS; its address names schema toksun."""
    name = f"t{next(_names)}"
    cluster.sql(f"CREATE DATABASE {name}")
    cluster.sql("CREATE EXTENSION postgis", db=name)
    return cluster.address(name)


@pytest.fixture
def plan_database(database, plan_gpkg, tmp_path):
    """``database`` with the plan published into it by ``field-kit init --from``."""
    from field_kit.cli.commands import main
    src = tmp_path / "plan-published.gpkg"
    shutil.copyfile(plan_gpkg, src)
    assert main(["init", database, "--from", str(src)]) == 0
    return database


def _digest(path) -> str:
    import hashlib
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()
