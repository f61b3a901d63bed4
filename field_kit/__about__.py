# SPDX-License-Identifier: GPL-2.0-or-later
"""The toolkit's name and version, read once from the plugin's metadata.txt."""

from __future__ import annotations

import configparser
from pathlib import Path

__title__ = "Toksun Restoration"
__title_zh__ = "托克逊生态修复"


def _version() -> str:
    # metadata.txt sits beside field_kit in the repository and in the plugin zip
    metadata = Path(__file__).resolve().parent.parent / "metadata.txt"
    if metadata.exists():
        parser = configparser.ConfigParser(interpolation=None)
        parser.read(metadata, encoding="utf-8")
        return parser["general"]["version"]
    from importlib.metadata import version  # an installed wheel carries no metadata.txt

    return version("toksun-field-kit")


__version__ = _version()
