# SPDX-License-Identifier: GPL-2.0-or-later
"""A change package that cannot be read again while its photos are written (the USB stick
pulled out, its file gone, no permission): the merge's refusal says why in Chinese too,
the system's commonest errors in Chinese words, not in its English."""

import errno
import hashlib
import os

import pytest

from field_kit.cli.commands import main
from field_kit.errors import REFUSED
from field_kit.messages_zh import chinese
from field_kit.sync import package_open, set_based
from tests.unit import bad_package_corpus as corpus
from tests.unit.gpkg_factory import sha256_file

SAID = {errno.EACCES: "权限不足", errno.ENOENT: "文件或文件夹不存在", errno.ENOSPC: "磁盘已满",
        errno.EIO: "磁盘或存储设备读写出错", errno.EROFS: "只读文件系统"}


@pytest.mark.parametrize("number", list(SAID), ids=[errno.errorcode[n] for n in SAID])
def test_the_system_s_error_is_said_in_chinese(tmp_path, capsys, monkeypatch, number):
    master, _, good, key = corpus.setup(tmp_path)
    photo = b"a photo"
    sha = hashlib.sha256(photo).hexdigest()
    member = f"attachments/{sha}"
    pkg = corpus._crafted(good, tmp_path / "p.zip", key,
                          extra=[corpus._deflated(member, photo, method=0)],
                          listed={member: (sha, len(photo))})
    before = sha256_file(master)
    settle = set_based.settle

    def settle_then_fail(*args):
        """Once the package is checked, reading it again fails as the system says."""
        settle(*args)
        if number == errno.ENOENT:
            pkg.unlink()
            return

        def failing(path, *more, **kw):
            raise OSError(number, os.strerror(number), path)
        monkeypatch.setattr(package_open, "open", failing, raising=False)

    monkeypatch.setattr(set_based, "settle", settle_then_fail)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert main(["merge", str(master), str(pkg)]) == REFUSED
    said = capsys.readouterr()
    said = said.out + said.err
    english = next(line for line in said.splitlines() if "cannot be read again" in line)
    assert os.strerror(number) in english, said  # (the system's own words, for the logs)
    zh = f"p.zip：无法再次读取（{SAID[number]}：{pkg}）"
    assert zh in said, said
    # (as every face gives the English line in Chinese)
    assert chinese(english[english.index("p.zip"):]) == zh, said
    assert sha256_file(master) == before
    # an error of another number: as the system says it, nothing hidden
    other = "p.zip: cannot be read again ([Errno 16] Device or resource busy: 'p.zip')"
    assert chinese(other) == "p.zip：无法再次读取（[Errno 16] Device or resource busy: 'p.zip'）"

