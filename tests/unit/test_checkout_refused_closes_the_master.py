# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout refused after it opened the master (a device with a package already, a disk
full as it seals) closes the master at once, not when Python's collector gets to it: a master
on a stick or a small disk is then free to be unmounted, and no other program waits on it."""

import gc
import os

import pytest

from field_kit.errors import BadInput
from field_kit.sync import package_checkout
from tests.unit.gpkg_factory import make_gpkg


def _open_in_this_process(path) -> bool:
    real = os.path.realpath(path)
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == real:
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_a_refused_checkout_leaves_the_master_closed(tmp_path):
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    package_checkout.checkout(master, tmp_path / "a.gpkg", "x")
    gc.collect()
    gc.disable()  # (as when the collector has not run yet)
    try:
        with pytest.raises(BadInput, match="has a field package already"):
            package_checkout.checkout(master, tmp_path / "b.gpkg", "x")
        assert not _open_in_this_process(master)
    finally:
        gc.enable()
