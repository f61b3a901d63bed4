# SPDX-License-Identifier: GPL-2.0-or-later
"""What a readmit did (:func:`field_kit.sync.readmit.readmit`), said in QGIS: the library's
sentence names the command line's way on, QGIS names its own (the Sync dock's, Processing's)."""

from __future__ import annotations

import os

from field_kit.plan.names import ROLE_TITLES

from .i18n import tr, user_language


def readmit_said(got: dict, master: str | os.PathLike, package: str | os.PathLike,
                 merge_way: str) -> str:
    """The readmit's ``got`` said as a sentence in the user's language, its change packages'
    way on ``merge_way`` (where QGIS merges them)."""
    names = {"device": got["device"], "master": os.path.basename(os.fspath(master)),
             "package": os.path.basename(os.fspath(package)), "way": merge_way}
    if got["already"]:
        return tr("Device '{device}' is registered in {master} already, with the key and "
                  "checkout of {package}; nothing was changed: its change packages merge as "
                  "they are ({way}).").format(**names)
    role = ROLE_TITLES.get(got["role"])
    return tr("Device '{device}' ({role}) registered again in {master} from {package}, with "
              "its key, checkout and base (seq {seq}): its change packages merge now ({way}; "
              "Processing's “Export a change package” with “Everything since checkout” sends "
              "all its changes), and its pull is refused until they are merged and the "
              "device is checked out again.").format(
                  role=role(user_language()) if role else got["role"], seq=got["base"], **names)

