# SPDX-License-Identifier: GPL-2.0-or-later
"""``python -m field_kit``: the ``field-kit`` command, as ``python -m field_kit.cli``."""
import sys

from .cli.process import main

sys.exit(main())
