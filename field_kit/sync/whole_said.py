# SPDX-License-Identifier: GPL-2.0-or-later
"""What a checkout carried whole that its cut would have cut, a line each (in Chinese by
:func:`~field_kit.messages_zh.chinese`): the one wording the command line prints and the
QGIS plugin's Processing logs."""

from __future__ import annotations

from ..bilingual import counted
from ..plan import schema

# the layers of the county's own a township's package carries whole
WHOLE_IN_TOWNSHIP = ("carried whole, a township keeping only the plan's patches and projects "
                     "and their records: {layers}; to cut a layer of the county's own to the "
                     "township's area, check out by a box instead")


def whole_said(info: dict) -> list[str]:
    """Of a checkout's ``info``: the layers carried whole, their coordinates not the box's;
    those of the county's own a township, or the patches chosen, do not cut."""
    said = []
    if info.get("whole"):
        said.append(f"carried whole, their coordinates not being the box's (EPSG:"
                    f"{schema.CRS_EPSG}): {', '.join(info['whole'])}")
    if info.get("whole_in_township"):
        said.append(WHOLE_IN_TOWNSHIP.format(layers=_layers(info["whole_in_township"])))
    if info.get("whole_beside_patches"):
        said.append("carried whole, the patches chosen keeping only the plan's patches and "
                    "projects and their records: {layers}; to cut a layer of the county's "
                    "own, give --bbox too".format(layers=_layers(info["whole_beside_patches"])))
    return said


def _layers(features: dict[str, int]) -> str:
    return ", ".join(f"{name} ({counted(n, 'feature')})" for name, n in features.items())
