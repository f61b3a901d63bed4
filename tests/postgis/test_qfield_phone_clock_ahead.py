# SPDX-License-Identifier: GPL-2.0-or-later
"""A phone whose clock runs a few minutes fast, merged into a PostgreSQL master: its photo
arrives whole, with no conflict of the phone with itself."""

from __future__ import annotations

import hashlib

from field_kit.cli.commands import main
from tests.postgis.cluster import query
from tests.unit.test_qfield_phone_clock_ahead import fast_phone_sent


def test_a_phone_clock_ahead_costs_no_photo_its_picture(plan_database, tmp_path):
    record, jpeg, changes = fast_phone_sent(plan_database, tmp_path)
    assert main(["merge", plan_database, str(changes)]) == 0
    got = query(plan_database, "SELECT p.sha256, p.mime_type, a.data FROM photos p JOIN "
                "attachments a ON a.sha256 = p.sha256 WHERE p.record_uuid = %s", record)
    assert [(sha, mime, bytes(data)) for sha, mime, data in got] == [
        (hashlib.sha256(jpeg).hexdigest(), "image/jpeg", jpeg)]
    assert query(plan_database, "SELECT count(*) FROM sync_conflicts") == [(0,)]
