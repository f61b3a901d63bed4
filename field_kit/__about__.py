# SPDX-License-Identifier: GPL-2.0-or-later
"""The toolkit's name and version, said once."""

__title__ = "Toksun Restoration"
__title_zh__ = "托克逊生态修复"
__version__ = "0.1.0"
