# SPDX-License-Identifier: GPL-2.0-or-later
"""A layer read feature by feature (a PostgreSQL master's, in QGIS) is checked for one code on
two features as a GeoPackage's is: letter case and the spaces around a code aside, an empty
or missing code naming nothing."""

from field_kit.sync import one_code_here


def test_codes_alike_are_one_code():
    held = [(1, "TKX-1"), (2, " tkx-1\u3000"), (3, "TKX-2"), (4, None), (5, ""), (6, "  "),
            (7, 12), (8, "TKX-3"), (9, "TKX-3")]
    assert one_code_here.alike(held) == [("TKX-1", [1, 2]), ("TKX-3", [8, 9])]
