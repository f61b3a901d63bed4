# SPDX-License-Identifier: GPL-2.0-or-later
import sys

from .commands import main

sys.exit(main())
