# SPDX-License-Identifier: GPL-2.0-or-later
"""A package of a master that is not the whole plan holds no ``code_lists``: what an update
took is said all the same, its codes as they are."""

from field_kit.sync.pull import BACK


def test_update_said_on_a_package_without_code_lists(window):
    window.conn.execute("DROP TABLE code_lists")
    text = window.pull_text({"applied": 1, "already": 0, "conflict": 0, "fields": 0,
                             "rows": [("mine_patches", "u", BACK, "P1")]})
    assert text.startswith("Update taken: 1 applied"), text
    assert "P1" in text, text
