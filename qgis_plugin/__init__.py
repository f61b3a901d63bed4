# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS face of the Toksun restoration toolkit."""


def classFactory(iface):  # noqa: N802 (QGIS calls it by this name)
    from .plugin import ToksunPlugin

    return ToksunPlugin(iface)
