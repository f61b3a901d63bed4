# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's docks: sync, and progress against the plan."""
