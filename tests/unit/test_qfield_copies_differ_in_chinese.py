# SPDX-License-Identifier: GPL-2.0-or-later
"""The phone's copy of a QField project brought back as the zip over the checkout's, the
folder beside it: the refusal says in Chinese too that the two copies differ."""

from __future__ import annotations

import os
import shutil

import pytest

from field_kit.cli import commands as cli
from field_kit.qfield import checkout
from field_kit.qfield.project_folder import make_zip
from tests.unit.test_qfield import _record_with_photo


@pytest.mark.parametrize("given", ["folder", "zip", "pull"])
def test_the_refusal_says_the_copies_differ_in_chinese(master, tmp_path, capsys,
                                                      chinese_locale, given):
    project = checkout(master, tmp_path / "qf", "phone1", township="托克逊镇")
    phone = tmp_path / "phone" / "qf"
    shutil.copytree(project["folder"], phone)
    _record_with_photo(phone, None)  # a record made on the phone
    os.remove(project["zip"])
    make_zip(str(phone), project["zip"])
    capsys.readouterr()
    args = ["pull", project["folder"], str(master)] if given == "pull" else \
        ["export", project[given], str(tmp_path / "a.zip")]
    assert cli.main(args) == 3
    err = capsys.readouterr().err
    assert "are two copies of one project that differ" in err, err
    assert "是同一项目的两份副本，但内容不同：" in err, err
    # the changes counted as Chinese counts them, and in English as one or more
    assert "holds 1 change that" in err and "有文件夹没有的 1 项修改；" in err, err
    assert "(s)" not in err, err
