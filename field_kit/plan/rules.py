# SPDX-License-Identifier: GPL-2.0-or-later
"""Small rules of the plan's records, said once for the reports, the app and the forms."""

from __future__ import annotations

import re
import unicodedata

# The national patch-code formats (DOMAIN.md): C + licence number + patch, CT + county code,
# ZJ + locally added
PATCH_CODE_FORMATS = (r"^C\d{25}$", r"^CT\d{19}$", r"^ZJ\d{16}$")
PATCH_CODE = re.compile("|".join(f"(?:{f})" for f in PATCH_CODE_FORMATS))


def plain_code(typed: str) -> str:
    """A code as the plan writes it: spaces taken out, full-width characters (ＣＴ６５…, as
    a Chinese input method types them) read as half-width, and a code of letters then
    digits (ct6504…) in capitals."""
    plain = unicodedata.normalize("NFKC", typed).replace(" ", "")
    return plain.upper() if re.fullmatch(r"[A-Za-z]+\d+", plain) else plain

# A remediation status's colour wherever it is drawn: untreated red, restored green, in
# progress orange, natural recovery blue
STATUS_COLOURS = {"A": "#d7191c", "B": "#1a9641", "C": "#e66101", "D": "#0571b0"}


# A recorded area this many times its patch's mapped area is more likely a slip (of a unit,
# of a digit) than the ground: the forms warn of it, the reports name it
AREA_SLIP = 2
# A recorded area under this fraction of its patch's mapped one is more likely a unit slipped
# the other way (亩 or km² typed in a field of m²: 1/666, 1/10⁶) than the ground: a part of a
# patch restored is seldom under a tenth of it
AREA_SHORT = 10


def latest_first(date_column: str, alias: str = "") -> str:
    """SQL ORDER BY terms putting a subject's latest record first: the greatest day (dates
    compared as days, so 2024/01/05 comes before 2024-03-12; a record with none last, one
    whose date means no day before it), then the latest written, then the last inserted (a
    tie of the same day and time goes to the row added last, everywhere the same way).
    Needs ``toksun_day`` on the connection (``forms.validate.read_days``)."""
    d, c, f = (f"{alias}{col}" for col in (date_column, "created_at", "fid"))
    d = f"toksun_day({d})"
    return f"{d} IS NULL, {d} DESC, {c} IS NULL, {c} DESC, {f} DESC"
