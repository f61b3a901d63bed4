# SPDX-License-Identifier: GPL-2.0-or-later
"""The coded fields a merge wrote unchecked, their master having no code lists, get a
heading of their own among the merge report's warnings, and the message bar counts them:
else the merge reads as a clean one. In English and in Chinese."""

from __future__ import annotations

import pytest

from field_kit.sync.codes_unchecked import Unchecked
from qgis_plugin.core_messages import no_code_on_bar, no_code_warnings
from tests.qgis.conftest import qgis_speaking

SAID = {"en_US": ("Fields merged unchecked: the master has no code lists",
                  "could not be checked against their code lists",
                  "2 fields merged unchecked against their code lists, which the master "
                  "lacks: the report says which."),
        "zh_CN": ("未经核对即合并的字段：主库没有代码列表", "无法对照代码列表核对",
                  "2 个字段的合并值未能对照代码列表核对（主库没有代码列表）：详见报告。")}


@pytest.mark.parametrize("locale", sorted(SAID))
def test_fields_merged_unchecked_under_their_own_heading(tmp_path, locale):
    title, line, bar = SAID[locale]
    unchecked = [Unchecked("mine_patches", ("mineral", "township"),
                           ("code_lists", "townships"))]
    with qgis_speaking(locale, tmp_path / "qm"):
        coded, headed = no_code_warnings(unchecked)
        assert coded == [] and [t for t, _ in headed] == [title], headed
        assert line in headed[0][1][0], headed
        assert no_code_on_bar(unchecked) == [bar]
