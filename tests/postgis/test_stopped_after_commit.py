# SPDX-License-Identifier: GPL-2.0-or-later
"""A merge into a PostgreSQL master stopped by SIGTERM once the database committed it says
it is done there, named as the user knows the master, not its stage; the master holds it."""

import signal

import pytest

from field_kit import errors
from field_kit.sync import masters
from tests.postgis import test_postgis_master
from tests.postgis.cluster import query as rows
from tests.postgis.test_postgis_master import checkout, export
from tests.unit.gpkg_factory import edit
from tests.unit.test_stopped_after_commit import _run, _run_again, written_for

master = test_postgis_master.master  # (the fixture)


def test_a_merge_stopped_once_the_database_committed_it_says_it_is_done(master):
    database, _, tmp = master
    pkg = checkout(database, tmp, "gis-a")
    edit(pkg, "UPDATE mine_patches SET phase = 'done'")
    zipped = export(pkg, tmp)
    done = _run(["merge", database, zipped], "field_kit.sync.postgis.address", "commit",
                signal.SIGTERM, after="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"field-kit: stopped (SIGTERM) after its changes were committed: `field-kit merge` is "
        f"done in {masters.shown(database)}; run `field-kit status` on it to see what it holds")
    assert [m["device"] for m in masters.merges(database)] == ["gis-a"]


def test_a_checkout_stopped_once_the_database_registered_it_is_made_by_running_it_again(
        master):
    database, _, tmp = master
    out = tmp / "late.gpkg"
    args = ["checkout", database, out, "--device", "late"]
    done = _run(args, "field_kit.sync.postgis.address", "commit", signal.SIGTERM,
                after="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"field-kit: stopped (SIGTERM) after its changes were committed: device late is "
        f"registered in {masters.shown(database)}, its package not yet named {out}: run the "
        "same checkout again, which makes it")
    assert not out.exists()
    _run_again(*args)
    assert out.exists()


@pytest.mark.parametrize("after", ["False", "True"], ids=["before", "after"])
def test_a_checkout_cut_short_run_again_and_killed_as_the_database_registers_it_is_made(
        master, after):
    """A checkout cut short once the database registered it, run again and killed (SIGKILL)
    just before or after the database committed the new registration: the same checkout
    run again makes the package, the database registering it, no .part left (killed before,
    it left the new package named but not registered, the one registered removed: refused,
    "exists already")."""
    database, _, tmp = master
    out = tmp / "late.gpkg"
    args = ["checkout", database, out, "--device", "late"]
    done = _run(args, "field_kit.sync.postgis.address", "commit", signal.SIGTERM,
                after="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    done = _run(args, "field_kit.sync.postgis.address", "commit", signal.SIGKILL,
                before=str(after == "False"), after=after)
    assert done.returncode == -signal.SIGKILL, done.stderr
    again = _run_again(*args)
    assert f"field package {out} for device late" in again.stdout
    if after == "True":  # (the one registered left as late.gpkg.part.part)
        assert f"the checkout to {out} cut short before is finished; {out}.part, left by " \
            "an earlier run of it and no longer registered, was removed" in again.stdout
    assert sorted(p.name for p in tmp.iterdir() if p.name.startswith("late")) == ["late.gpkg"]
    assert rows(database, "SELECT checkout_uuid FROM sync_devices WHERE device = 'late'") == \
        [(written_for(out),)]
