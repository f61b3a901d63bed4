# SPDX-License-Identifier: GPL-2.0-or-later
"""Drafts survive the app being killed, and leave the file's journal mode alone."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from field_kit.forms import drafts
from field_kit.sync import log_reads
from tests.unit.forms_fixtures import forms_gpkg

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return forms_gpkg(tmp_path_factory.mktemp("plan") / "plan.gpkg")


@pytest.fixture
def gpkg(template, tmp_path):
    path = tmp_path / "field.gpkg"
    shutil.copy(template, path)
    return path


@pytest.fixture
def conn(gpkg):
    c = sqlite3.connect(gpkg)
    yield c
    c.close()


def test_save_load_update_discard(conn):
    assert drafts.load_drafts(conn) == []  # no table yet: none, and nothing created
    first = drafts.save_draft(conn, "patch_verification", {"verifier": "阿依古丽",
                                                            "verified_on": date(2024, 5, 20)},
                              subject_uuid="p1")
    assert not conn.in_transaction
    second = drafts.save_draft(conn, "project_inspection", {"rating": "2"}, subject_uuid="x1")
    (d,) = drafts.load_drafts(conn, form_id="patch_verification")
    assert (d.draft_id, d.subject_uuid) == (first, "p1")
    assert d.values == {"verifier": "阿依古丽", "verified_on": "2024-05-20"}
    assert drafts.save_draft(conn, "patch_verification", {"verifier": "李"}, "p1",
                             draft_id=first) == first
    assert drafts.load_draft(conn, first).values == {"verifier": "李"}
    assert {x.draft_id for x in drafts.load_drafts(conn)} == {first, second}
    assert [x.draft_id for x in drafts.load_drafts(conn, subject_uuid="x1")] == [second]
    drafts.discard_draft(conn, first)
    assert drafts.load_draft(conn, first) is None
    assert [x.draft_id for x in drafts.load_drafts(conn)] == [second]


def test_drafts_are_not_in_the_change_log(conn):
    before = log_reads.last_seq(conn)
    drafts.save_draft(conn, "patch_verification", {"verifier": "李"})
    assert log_reads.last_seq(conn) == before
    assert conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'form_drafts'"
                        ).fetchone() is None


def test_refuses_to_commit_someone_elses_transaction(conn):
    conn.execute("BEGIN")
    with pytest.raises(RuntimeError):
        drafts.save_draft(conn, "patch_verification", {})
    conn.rollback()


@pytest.mark.parametrize("mode", ["delete", "wal"])
def test_journal_mode_is_left_as_it_is(gpkg, mode):
    c = sqlite3.connect(gpkg)
    c.execute(f"PRAGMA journal_mode = {mode}")
    c.close()
    c = sqlite3.connect(gpkg)
    c.execute("PRAGMA synchronous = OFF")  # a face that set it lower gets FULL for drafts
    drafts.save_draft(c, "patch_verification", {"a": 1})
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == mode
    assert c.execute("PRAGMA synchronous").fetchone()[0] == 0
    c.close()


# (a busy machine's stall while drawing says nothing of the drafts: not a failure of theirs)
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])
@given(st.dictionaries(st.text(min_size=1, max_size=20), st.one_of(
    st.none(), st.booleans(), st.integers(-10**15, 10**15), st.text(max_size=50),
    st.floats(allow_nan=False, allow_infinity=False), st.lists(st.text(max_size=20), max_size=3))))
def test_values_round_trip(conn, values):
    draft = drafts.save_draft(conn, "patch_verification", values)
    assert drafts.load_draft(conn, draft).values == values


KILLED = textwrap.dedent("""
    import sqlite3, sys, time
    sys.path.insert(0, {root!r})
    from field_kit.forms import drafts
    conn = sqlite3.connect({path!r})
    draft = drafts.save_draft(conn, "patch_verification",
                              {{"verifier": "阿依古丽", "notes": "typed before the crash"}},
                              subject_uuid="p1")
    print(draft, flush=True)
    conn.execute("BEGIN IMMEDIATE")  # half-way through something else when the power goes
    conn.execute("INSERT INTO form_drafts VALUES ('half', 'x', NULL, '{{}}', 'now')")
    time.sleep(60)
""")


@pytest.mark.parametrize("mode", ["delete", "wal"])
def test_a_draft_survives_sigkill(gpkg, mode):
    c = sqlite3.connect(gpkg)
    c.execute(f"PRAGMA journal_mode = {mode}")
    c.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED.format(root=str(ROOT), path=str(gpkg))],
        stdout=subprocess.PIPE, text=True)
    try:
        draft = proc.stdout.readline().strip()
        assert draft, "the child did not save its draft"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    c = sqlite3.connect(gpkg)
    found = drafts.load_drafts(c, subject_uuid="p1")
    assert [(d.draft_id, d.values["notes"]) for d in found] == [(draft, "typed before the crash")]
    assert drafts.load_draft(c, "half") is None  # the unfinished transaction is gone
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    c.close()


def test_a_draft_kept_while_another_program_holds_the_package_is_busy_not_raw(gpkg):
    """Every writer goes through the one transaction helper: a lock is the one 'in use'."""
    from field_kit import db
    from field_kit.errors import Busy
    conn = db.connect(gpkg)
    conn.execute("PRAGMA busy_timeout = 100")
    holder = sqlite3.connect(gpkg, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(Busy, match="in use by another program"):
            drafts.save_draft(conn, "patch_verification", {"notes": "x"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        conn.close()


def test_a_draft_is_rebased_on_the_record_as_it_is_now():
    found = {"uuid": "r", "notes": "", "unit": "", "area": "1", "_units": {"area": "公顷"},
             "_photos": []}
    kept = {"uuid": "r", "notes": "typed", "unit": "", "area": "2", "_units": {"area": "公顷"},
            "_photos": ["a.jpg"], drafts.BASE: found}
    now = {**found, "unit": "county", "area": "3", "_units": {"area": "亩"}}
    values, clashes = drafts.rebase(kept, now)
    # (the area typed keeps the unit it was typed in)
    assert values == {"uuid": "r", "notes": "typed", "unit": "county", "area": "2",
                      "_units": {"area": "公顷"}, "_photos": ["a.jpg"]}
    assert clashes == ["area"]
    # a draft kept before drafts knew their base: all its values stand, nothing to say
    old = {k: v for k, v in kept.items() if k != drafts.BASE}
    assert drafts.rebase(old, now) == (old, [])
