# SPDX-License-Identifier: GPL-2.0-or-later
"""``python -m tests.unit.kill_in_export PACKAGE OUT``: ``field-kit export PACKAGE OUT``,
killed (SIGKILL, like a flat battery) as it writes its second picture."""

from __future__ import annotations

import os
import signal
import sys
import zipfile


def killed_at_second_picture() -> None:
    """This process killed as an export writes its second picture into its zip."""
    writestr = zipfile.ZipFile.writestr
    pictures = []

    def write(self, name, data, *args, **kw):
        if name.startswith("attachments/"):
            pictures.append(name)
            if len(pictures) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
        return writestr(self, name, data, *args, **kw)
    zipfile.ZipFile.writestr = write  # type: ignore[method-assign]


def run(package: str, out: str) -> None:
    from field_kit.cli.commands import main

    killed_at_second_picture()
    main(["export", package, out])
    print("not killed", flush=True)


if __name__ == "__main__":
    run(*sys.argv[1:3])
