# SPDX-License-Identifier: GPL-2.0-or-later
"""History and the conflicts listing write a figure as a person writes it, in English and
in Chinese alike: nought without a sign (0, not -0), a small or large figure in plain
decimals with the digits Python's repr gives it (0.0000001, not 1e-07), and no thousands
separators after the point."""

from __future__ import annotations

import pytest

from field_kit.cli.said import _figured, _figured_zh


@pytest.mark.parametrize("figured", [_figured, _figured_zh])
@pytest.mark.parametrize("value, shown", [
    (-0.0, "0"),
    (1e-7, "0.0000001"),
    (-2.5e-9, "-0.0000000025"),
    (1.2345678e-05, "0.000012345678"),
    (1.2345678901234567e+20, "123,456,789,012,345,670,000"),
])
def test_a_figure_is_written_in_plain_decimals(figured, value, shown):
    assert figured(value) == shown
