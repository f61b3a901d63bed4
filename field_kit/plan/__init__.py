# SPDX-License-Identifier: GPL-2.0-or-later
"""The plan as data: its schema, units, geometry and measures, and how values are shown."""
