# SPDX-License-Identifier: GPL-2.0-or-later
"""A pull from a master marked read-only (chmod 444, kept even for root): it goes through,
the master untouched, where the pull has nothing to write there; refused naming what it
had to write where it has."""

from __future__ import annotations

import os

from field_kit import errors
from field_kit.cli import commands as cli
from field_kit.messages_zh import chinese
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import edit, make_gpkg, rows, sha256_file


def test_a_pull_reads_a_read_only_master_it_has_nothing_to_write_into(tmp_path, capsys):
    master = tmp_path / "m.gpkg"
    make_gpkg(master, patches=5)
    pkg = tmp_path / "p.gpkg"
    package_checkout.checkout(master, pkg, "gis1", role="gis")
    edit(master, "UPDATE mine_patches SET township = 'Bostan' WHERE fid = 1")
    os.chmod(master, 0o444)
    try:
        before = sha256_file(master)
        capsys.readouterr()
        assert cli.main(["pull", str(pkg), str(master)]) == errors.BAD_INPUT
        err = capsys.readouterr().err.strip().removeprefix("field-kit: ")
        assert err.startswith(f"cannot pull from {master}: it is read-only") and \
            "wrote it: 1 edit captured and not logged yet; nothing was changed" in err, err
        assert "1 项已捕获但尚未记入日志的编辑" in chinese(err)
        assert sha256_file(master) == before
        os.chmod(master, 0o644)
        assert cli.main(["repair", str(master)]) == errors.OK  # logs the edit
        os.chmod(master, 0o444)
        before = sha256_file(master)
        assert cli.main(["pull", str(pkg), str(master)]) == errors.OK
        assert sha256_file(master) == before
        assert sorted(os.listdir(tmp_path)) == ["m.gpkg", "p.gpkg"]  # (no -journal left)
        assert rows(pkg, "SELECT township FROM mine_patches WHERE fid = 1") == [("Bostan",)]
    finally:
        os.chmod(master, 0o644)
