# SPDX-License-Identifier: GPL-2.0-or-later
"""A read-only master is not told to be copied where it may be written: the copy would be a
second master of the same id, whose packages the other refuses as a copy's. Its owner makes
it writable. A read-only field package may still be copied."""

from field_kit import errors
from field_kit.cli.commands import main
from tests.unit.test_file_problems import master_marked_read_only


def test_a_read_only_master_is_made_writable_by_its_owner_not_copied(tmp_path, capsys,
                                                                      monkeypatch):
    master = master_marked_read_only(tmp_path)
    capsys.readouterr()
    for argv in (["merge", str(master), str(tmp_path / "c.zip")],
                 ["resolve", str(master), "1", "--take", "ours"],
                 ["undo-merge", str(master), "x" * 32]):
        assert main(argv) == errors.BAD_INPUT, argv
        err = capsys.readouterr().err
        assert f"cannot write {master}: read-only" in err, (argv, err)
        assert "ask its owner to make it writable" in err and "copy it where" not in err
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["merge", str(master), str(tmp_path / "c.zip")]) == errors.BAD_INPUT
    zh = capsys.readouterr().err
    assert "请其所有者将其改为可写入" in zh and "请复制到可写入的位置" not in zh
    pkg = tmp_path / "p.gpkg"  # a field package may still be copied
    pkg.chmod(0o444)
    monkeypatch.delenv("LANG")
    assert main(["export", str(pkg), str(tmp_path / "d.zip")]) == errors.BAD_INPUT
    assert "copy it where you may write, or ask its owner" in capsys.readouterr().err
