# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout of a master with a big layer says how far it got, step by step, and stopped at
any step (the Sync dock's Cancel) leaves nothing: no package, nor a part of one, the device
not registered, the master as it was; the same checkout run again then goes through."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import make_gdal_layer, sha256_file

STANDS = 25_000  # a record of its rows taken in chunks of 10,000: three steps


@pytest.fixture(scope="module")
def big_master(tmp_path_factory):
    """A master of one layer of the county's own, of many features, as `field-kit init`
    makes it."""
    master = make_gdal_layer(tmp_path_factory.mktemp("big") / "county.gpkg", STANDS)
    assert main(["init", master]) == errors.OK
    return master


def registered(master) -> list[str]:
    with sqlite3.connect(master) as conn:
        return [d for (d,) in conn.execute("SELECT device FROM sync_devices")]


def test_a_checkout_says_how_far_it_got(big_master, tmp_path):
    master = shutil.copyfile(big_master, tmp_path / "county.gpkg")
    heard: list[float] = []
    info = package_checkout.checkout(master, tmp_path / "tab-a.gpkg", "tab-a",
                                     progress=heard.append)
    assert info["device"] == "tab-a" and registered(master) == ["tab-a"]
    assert heard == sorted(heard) and heard[-1] == 1.0, heard
    assert heard[0] < 0.5  # said from the start, not at the end alone
    assert len(set(heard)) >= 6, heard  # the record of its rows said as it goes


def steps(master, tmp_path) -> int:
    """How many times a whole checkout of ``master`` reports its progress."""
    copy = shutil.copyfile(master, tmp_path / "counted.gpkg")
    heard: list[float] = []
    package_checkout.checkout(copy, tmp_path / "counted-pkg.gpkg", "tab-n", progress=heard.append)
    return len(heard)


def test_a_checkout_stopped_at_any_step_leaves_nothing(big_master, tmp_path):
    (tmp_path / "counted").mkdir()
    n = steps(big_master, tmp_path / "counted")
    assert n >= 6
    for stop_at in range(n):
        here = tmp_path / f"stop-{stop_at}"
        here.mkdir()
        master = shutil.copyfile(big_master, here / "county.gpkg")
        before = sha256_file(master)
        out = here / "tab-a.gpkg"
        heard: list[float] = []

        def stop(fraction, heard=heard, stop_at=stop_at):
            heard.append(fraction)
            if len(heard) > stop_at:
                raise errors.Cancelled("cancelled by the user; nothing was written")

        with pytest.raises(errors.Cancelled):
            package_checkout.checkout(master, out, "tab-a", progress=stop)
        assert len(heard) == stop_at + 1  # (stopped there, not later)
        assert sorted(p.name for p in here.iterdir()) == ["county.gpkg"], stop_at  # no .part
        assert registered(master) == [], stop_at
        assert sha256_file(master) == before, stop_at  # byte for byte as it was
        # nothing left to refuse the same checkout again ("has a field package already")
        assert package_checkout.checkout(master, out, "tab-a")["device"] == "tab-a"
        assert out.is_file() and registered(master) == ["tab-a"]


def test_a_cancel_as_the_package_is_compacted_stops_it_there(big_master, tmp_path):
    """The last long step (the package compacted, VACUUM) hears the Cancel too: it stops
    there, leaving nothing, instead of running to its end first."""
    master = shutil.copyfile(big_master, tmp_path / "county.gpkg")
    before = sha256_file(master)
    half = package_checkout.RECORDED + (1 - package_checkout.RECORDED) / 2
    heard: list[float] = []

    def stop(fraction):
        heard.append(fraction)
        if package_checkout.RECORDED < fraction < half:  # (only while it compacts)
            raise errors.Cancelled("cancelled by the user; nothing was written")

    with pytest.raises(errors.Cancelled):
        package_checkout.checkout(master, tmp_path / "tab-a.gpkg", "tab-a", progress=stop)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.gpkg"]
    assert registered(master) == [] and sha256_file(master) == before


def test_the_copy_of_the_master_says_how_far_it_got(big_master, tmp_path, monkeypatch):
    """The first step, the master copied page by page, is heard as it goes (a province's
    master is gigabytes), and a Cancel there stops it."""
    from field_kit import db
    monkeypatch.setattr(db, "BACKUP_STEP_PAGES", 64)
    master = shutil.copyfile(big_master, tmp_path / "county.gpkg")
    heard: list[float] = []
    package_checkout.checkout(master, tmp_path / "tab-a.gpkg", "tab-a", progress=heard.append)
    copying = [f for f in heard if 0 < f < package_checkout.COPIED]
    assert len(copying) >= 3 and copying == sorted(copying), heard

    def stop(fraction):
        if 0 < fraction < package_checkout.COPIED:
            raise errors.Cancelled("cancelled by the user; nothing was written")

    with pytest.raises(errors.Cancelled):
        package_checkout.checkout(master, tmp_path / "tab-b.gpkg", "tab-b", progress=stop)
    assert not (tmp_path / "tab-b.gpkg").exists()
    assert not (tmp_path / "tab-b.gpkg.part").exists()
    assert registered(master) == ["tab-a"]
