# SPDX-License-Identifier: GPL-2.0-or-later
"""A line of the core's made a sentence capitalises its first word, never a name given as it
is spelt (a package file, a device id, a table); a list of fields names each by the label
the layer's form gives it, all in one case."""

from __future__ import annotations

import pytest

from field_kit.sync.outcomes import refused_whole
from qgis_plugin.core_messages import labelled, sentence


@pytest.mark.parametrize(("line", "said"), [
    ("tech-li-laptop-changes.zip from tech-li-laptop: undone on this master",
     "tech-li-laptop-changes.zip from tech-li-laptop: undone on this master."),
    ("tab3: its clock is behind", "tab3: its clock is behind."),
    ("mine_patches: 2 rows", "mine_patches: 2 rows."),
    ("this computer's clock is behind", "This computer's clock is behind."),
    ("undone on the master, kept out", "Undone on the master, kept out."),
    ("master's clock is behind", "Master's clock is behind."),
])
def test_a_sentence_capitalises_a_word_not_a_name(line, said):
    assert sentence(line) == said


def test_a_list_of_fields_is_labelled_in_one_case():
    line = "mine_patches: bad value of phase" + refused_whole(["project_name", "phase"])
    said = labelled(line, "mine_patches", "en")
    assert "none of its values were written (Project name, Phase): pull" in said, said
    # (a list of other words is left as it is)
    assert labelled("(done, phase)", "mine_patches", "en") == "(done, phase)"
