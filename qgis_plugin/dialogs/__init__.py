# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's dialogs: record forms, conflicts, history, import."""
