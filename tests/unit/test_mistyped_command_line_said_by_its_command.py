# SPDX-License-Identifier: GPL-2.0-or-later
"""A command line with one argument too many (a patch code typed with a space) is said by
the command's own parser: its usage, not the list of commands, in English and Chinese."""

from __future__ import annotations

import pytest

from field_kit import errors
from field_kit.cli.commands import main


@pytest.mark.parametrize("lang", ["C.UTF-8", "zh_CN.UTF-8"])
def test_history_with_a_word_too_many_shows_the_usage_of_history(
        tmp_path, capsys, monkeypatch, lang):
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", lang)
    with pytest.raises(SystemExit) as stopped:
        main(["history", str(tmp_path / "master.gpkg"), "ct", "6504"])
    assert stopped.value.code == errors.BAD_INPUT
    err = capsys.readouterr().err
    usage = "用法：" if lang.startswith("zh") else "usage: "
    assert err.startswith(f"{usage}field-kit history [-h] [--json] master row_uuid\n"), err
    assert "field-kit history: error: unrecognized arguments: 6504\n" in err, err
    assert "COMMAND" not in err, err
    if lang.startswith("zh"):
        assert "field-kit history: 错误：无法识别的参数：6504\n" in err, err

