# SPDX-License-Identifier: GPL-2.0-or-later
import sys

from .process import main

sys.exit(main())
