# SPDX-License-Identifier: GPL-2.0-or-later
import itertools

import pytest

from .cluster import Cluster, available

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
