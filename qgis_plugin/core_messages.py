# SPDX-License-Identifier: GPL-2.0-or-later
"""The core's messages in the user's language: Chinese by the library's table
(:mod:`field_kit.messages_zh`) for a user who reads Chinese, else as the core wrote them."""

from __future__ import annotations

from field_kit.messages_zh import chinese

from .i18n import user_language


def in_user_language(message: str, lang: str | None = None) -> str:
    """``message`` from the core, in Chinese when the user reads Chinese and it is known."""
    if (lang or user_language()) != "zh" or not message:
        return message
    return chinese(message)
