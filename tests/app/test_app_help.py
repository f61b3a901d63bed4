# SPDX-License-Identifier: GPL-2.0-or-later
"""``field-kit app PACKAGE --help`` in the user's language, as ``field-kit --help`` is: its
options' help, argparse's headings and its errors in Chinese under a Chinese locale."""

from __future__ import annotations

import argparse

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.cli.parsing import in_chinese
from tests.unit.test_help_in_chinese import ENGLISH


@pytest.fixture
def locale(monkeypatch):
    """The user's locale, set by the test (zh_CN.UTF-8 or en_US.UTF-8)."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    return lambda name: monkeypatch.setenv("LANG", name)


def _helps() -> dict[str, str]:
    """The app's own words in its help: its description and each option's help."""
    from field_kit.app.main_window import parser
    p = parser()
    said = {"description": p.description or ""}
    said.update({"/".join(a.option_strings) or a.dest: a.help for a in p._actions  # noqa: SLF001
                 if a.help not in (None, argparse.SUPPRESS)})
    return {what: text for what, text in said.items() if text}


def _shown(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    got = capsys.readouterr()
    return exit_.value.code, got.out, got.err


def test_every_help_line_of_the_app_has_its_chinese():
    helps = _helps()
    assert {"description", "package", "--lang", "--replay", "--speed", "--device",
            "--baud"} <= set(helps)
    assert not [what for what, text in helps.items() if not in_chinese(text)]


def test_the_apps_help_is_in_chinese_under_a_chinese_locale_english_under_another(
        locale, package, capsys):
    locale("zh_CN.UTF-8")
    code, out, _ = _shown(["app", str(package), "--help"], capsys)
    assert code == errors.OK
    assert out.startswith("用法：field-kit app") and "\n选项：\n" in out
    flat = " ".join(out.split())
    for what, text in _helps().items():
        assert " ".join(in_chinese(text).split()) in flat, what
        english = " ".join(str(text).split())
        assert not ENGLISH.search(english) or english not in flat, what
    assert not ENGLISH.search(out.replace("field-kit app", "")), out
    locale("en_US.UTF-8")
    code, out, _ = _shown(["app", str(package), "--help"], capsys)
    assert code == errors.OK
    assert out.startswith("usage: field-kit app") and "\noptions:\n" in out
    assert "replay a recorded NMEA file" in out and "回放" not in out


def test_a_wrong_option_of_the_app_is_said_in_chinese_too(locale, package, capsys):
    locale("zh_CN.UTF-8")
    code, _, err = _shown(["app", str(package), "--speed", "fast"], capsys)
    assert code == errors.BAD_INPUT
    assert "field-kit app: error: argument --speed: invalid float value: 'fast'" in err
    assert "field-kit app: 错误：参数 --speed：" in err and err.startswith("用法：")
