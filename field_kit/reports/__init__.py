# SPDX-License-Identifier: GPL-2.0-or-later
"""Progress against the plan's targets, the plan's own figures checked, charts and the
supervisor's workbook."""
