# SPDX-License-Identifier: GPL-2.0-or-later
"""Values as PostgreSQL's COPY text format reads them: a tab, line break or backslash in a
field's text must not split or end its row."""

import pytest

from field_kit.sync.postgis.copy_in import _text


@pytest.mark.parametrize("value, sent", [
    ("3号矿区", "3号矿区"),
    ("a\tb", "a\\tb"),
    ("line one\nline two", "line one\\nline two"),
    ("a\r\nb", "a\\r\\nb"),
    ("C:\\photos\\1.jpg", "C:\\\\photos\\\\1.jpg"),
    ('{"note": "say \\"no\\""}', '{"note": "say \\\\"no\\\\""}'),
    (None, "\\N"),
    (True, "t"),
    (b"\x01\xff", "\\\\x01ff"),
    (float("nan"), "NaN"),
    (2.5, "2.5"),
])
def test_a_value_is_sent_as_copy_reads_it(value, sent):
    assert _text(value) == sent
