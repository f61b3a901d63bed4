# SPDX-License-Identifier: GPL-2.0-or-later
"""``python -m field_kit.app PACKAGE.gpkg``."""

import sys

from . import main

sys.exit(main())
