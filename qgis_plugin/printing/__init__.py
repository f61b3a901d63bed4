# SPDX-License-Identifier: GPL-2.0-or-later
"""What QGIS prints: the plan map and the PDF report (field-kit report --out FILE.pdf)."""
