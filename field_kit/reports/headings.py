# SPDX-License-Identifier: GPL-2.0-or-later
"""The headings of the progress tables the command line and the PDF report share, each
saying what its figures are and in what unit, in both languages."""

from __future__ import annotations

from ..bilingual import EN, Text

# the indicators' share of each target reached
OF_2025 = Text("达2025年目标", "/2025")
OF_2035 = Text("达2035年目标", "/2035")
# the patches' area restored, by township and phase
RESTORED_M2 = Text("已恢复面积（平方米）", "Restored m²")
# a project target: what its latest inspection gives as done (the plan's unit), its share,
# and what the patches of its project restored, in the target's unit
DONE = Text("检查所报完成量", "Done (inspected)")
DONE_PERCENT = Text("完成率 %", "Done %")
PATCHES_RESTORED = Text("图斑已恢复（目标单位）", "Patches restored (target's unit)")
# a target no inspection reported on: not "no progress"
NOT_INSPECTED = Text("未检查", "not inspected")


def heading(text: Text, lang: str) -> str:
    """A heading as a table in ``lang`` writes it: English alone, or Chinese then English."""
    return text.en if lang == EN else text.both()


def done_shown(completed: float | None, written: str, inspected_on: str | None,
               lang: str) -> str:
    """A target's done quantity ``completed`` as ``written``, or, none given, "—" where an
    inspection gave none and that it was not inspected where none did."""
    if completed is not None:
        return written
    return heading(NOT_INSPECTED, lang) if not inspected_on else "—"


__all__ = ["DONE", "DONE_PERCENT", "NOT_INSPECTED", "OF_2025", "OF_2035", "PATCHES_RESTORED",
           "RESTORED_M2", "done_shown", "heading"]
