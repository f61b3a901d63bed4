# SPDX-License-Identifier: GPL-2.0-or-later
"""The toolkit's work as QGIS Processing algorithms: in batch, in models and from scripts."""
