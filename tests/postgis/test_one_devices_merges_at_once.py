# SPDX-License-Identifier: GPL-2.0-or-later
"""Two packages of one device on a PostgreSQL master, the first adding a column and the
second its next edit, merged by two sessions at once: whichever session comes first, the
second package waits for the first's merge, says whom it waits for, and is merged then; a
second package whose first is being merged by no one is refused, naming what to merge
first."""

from __future__ import annotations

import threading

import pytest

from field_kit import db, errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from field_kit.sync import masters
from field_kit.sync.postgis import address, commands, waiting
from tests.postgis.cluster import query
from tests.postgis.test_postgis_master import checkout, export
from tests.unit.cli_run import cli_said
from tests.unit.gpkg_factory import edit, make_gpkg, patch_uuids

HELD = "waiting for a lock held by "


@pytest.fixture
def two(database, tmp_path, monkeypatch):
    """(address, the row, the first package (adds survey_note), the second (edits it))."""
    monkeypatch.setattr(waiting, "EVERY_S", 0.05)
    src = make_gpkg(tmp_path / "src.gpkg", patches=3)
    assert main(["init", database, "--from", src]) == errors.OK
    u = patch_uuids(src)[0]
    pkg = checkout(database, tmp_path, "w-gis")
    edit(pkg, "ALTER TABLE mine_patches ADD COLUMN survey_note TEXT")
    edit(pkg, "UPDATE mine_patches SET survey_note = 'first' WHERE uuid = ?", u)
    first = export(pkg, tmp_path)
    edit(pkg, "UPDATE mine_patches SET survey_note = 'second' WHERE uuid = ?", u)
    return database, u, first, export(pkg, tmp_path)


class Sessions:
    """A merge of each package in a thread of its own, each told what it waits for; a
    merge named in ``hold`` waits inside its first merge (its device locked, its stage
    made) until the other session waits on a lock, or has ended."""

    def __init__(self, database, monkeypatch, hold):
        self.database, self.hold = database, hold
        self.said: dict[str, list[str]] = {"first": [], "second": []}
        self.waits = {k: threading.Event() for k in self.said}
        self.inside = {k: threading.Event() for k in self.said}
        self.done = {k: threading.Event() for k in self.said}
        self.reports: dict = {}
        into = commands.sync_merge.merge_into

        def held_into(*args, **kwargs):
            me = threading.current_thread().name
            if me in hold and not self.inside[me].is_set():
                self.inside[me].set()
                other = "second" if me == "first" else "first"
                while not (self.waits[other].wait(0.05) or self.done[other].is_set()):
                    pass
            return into(*args, **kwargs)
        monkeypatch.setattr(commands.sync_merge, "merge_into", held_into)

    def start(self, name: str, package: str) -> threading.Thread:
        def tell(line: str) -> None:
            self.said[name].append(line)
            if HELD in line:
                self.waits[name].set()

        def run() -> None:
            try:
                with db.told(tell):
                    self.reports[name] = masters.merge(self.database, [package])
            except Exception as exc:  # noqa: BLE001 - the test says it
                self.reports[name] = exc
            finally:
                self.done[name].set()
        t = threading.Thread(target=run, name=name)
        t.start()
        return t


def merged_both(sessions: Sessions) -> None:
    for name in ("first", "second"):
        rep = sessions.reports[name]
        assert not isinstance(rep, Exception), (name, rep)
        assert not rep.refused, (name, rep.refused)
        assert rep.totals["applied"] == 1, (name, rep.totals)


def test_the_second_waits_for_the_first_being_merged(two, monkeypatch):
    """The second package's session gets the device first: it waits for the first's merge
    (which was waiting for it), says so, and is merged after it."""
    database, u, first, second = two
    sessions = Sessions(database, monkeypatch, hold={"second", "first"})
    threads = [sessions.start("second", second)]
    sessions.inside["second"].wait()
    threads.append(sessions.start("first", first))
    for t in threads:
        t.join()
    merged_both(sessions)
    said = sessions.said["second"]
    told = [line for line in said if "being merged by another session" in line]
    assert told == [f"{address.shown(database)}: w-gis-1.zip: the earlier changes of "
                    "device 'w-gis' (seq 1 to 1) are being merged by another session: waiting "
                    "for that merge to end, then merging this package"], said
    zh = chinese(told[0])
    assert zh.endswith("：w-gis-1.zip：设备 w-gis 之前的修改（序号 1 至 1）正由另一会话合并："
                       "等待该合并结束后再合并此包"), zh
    # and whom: the first's session, as any lock waited for is said
    assert any(HELD in line and "field-kit, process" in line for line in said), said
    assert query(database, "SELECT survey_note FROM mine_patches WHERE uuid = %s", u) == \
        [("second",)]


def test_the_second_waiting_for_the_device_merges_what_the_first_added(two, monkeypatch):
    """The first package's session gets the device first: the second waits for it, then
    stages the master with the column it added, and is merged."""
    database, u, first, second = two
    sessions = Sessions(database, monkeypatch, hold={"first"})
    threads = [sessions.start("first", first)]
    sessions.inside["first"].wait()
    threads.append(sessions.start("second", second))
    for t in threads:
        t.join()
    merged_both(sessions)
    assert any(HELD in line for line in sessions.said["second"]), sessions.said
    assert query(database, "SELECT survey_note FROM mine_patches WHERE uuid = %s", u) == \
        [("second",)]


def test_the_second_alone_is_refused_naming_the_first(two, capsys):
    database, u, first, second = two
    code, said = cli_said(capsys, "merge", database, second)
    assert code == errors.REFUSED
    assert said.splitlines() == [
        "REFUSED w-gis-1.zip: device 'w-gis' has changes after seq 0 not merged yet (seq 1 to "
        "1: in the package it exported before this one); merge its earlier package first, or "
        "both in one merge; where that one is lost or refused whole, export all the device's "
        "changes again (field-kit export FIELD_PACKAGE OUT.zip --all) and merge that package "
        "instead"], said
