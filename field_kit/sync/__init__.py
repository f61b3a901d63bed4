# SPDX-License-Identifier: GPL-2.0-or-later
"""The sync core: change capture, change packages, the three-way merge, pull and the audit
trail. Standard library only."""
