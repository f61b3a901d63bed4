# SPDX-License-Identifier: GPL-2.0-or-later
"""Small rules of the plan's records, said once for the reports, the app and the forms."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone

# The national patch-code formats (DOMAIN.md): C + licence number + patch, CT + county code,
# ZJ + locally added
PATCH_CODE_FORMATS = (r"^C\d{25}$", r"^CT\d{19}$", r"^ZJ\d{16}$")
PATCH_CODE = re.compile("|".join(f"(?:{f})" for f in PATCH_CODE_FORMATS))


# a code the plan writes in capitals: a patch code, a program id (P1), a project id (P1-5)
_CAPITALS = re.compile(r"[A-Za-z]+\d+(?:-\d+)?")


def plain_code(typed: str) -> str:
    """A code as the plan writes it: spaces taken out, full-width characters (ＣＴ６５…, as
    a Chinese input method types them) read as half-width, and a code of letters then
    digits (ct6504…), a program's or project's id too (p1, p1-5), in capitals."""
    plain = unicodedata.normalize("NFKC", typed).replace(" ", "")
    return plain.upper() if _CAPITALS.fullmatch(plain) else plain


def is_patch_code(value) -> bool:
    """Whether a value is a patch code in one of the national formats, as the import reads
    it (typed with spaces, in full-width characters or small letters)."""
    if value is None or isinstance(value, float):
        return False
    return PATCH_CODE.match(plain_code(str(value))) is not None


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


# A record's time written without a zone is the device's local time: QGIS (3.22) writes the
# QField project's created_at (now()) so, whatever zone the value had, where the field app
# writes UTC with Z. China keeps one time zone, Beijing time, in Xinjiang too for official
# work, so such a time is read as UTC+8.
LOCAL_TIME = timezone(timedelta(hours=8), "Beijing time")


def instant(value) -> str | None:
    """SQL ``toksun_instant(created_at)``: a recorded time as the moment it names, in UTC
    (YYYY-MM-DDTHH:MM:SS.ffffffZ, which sorts as time), one without a zone read as
    :data:`LOCAL_TIME`; NULL for none, or text that is no time."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        text = value.strip()  # (Z: Python before 3.11 reads only +00:00)
        at = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
        if at.tzinfo is None:
            at = at.replace(tzinfo=LOCAL_TIME)
        return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    except (ValueError, OverflowError):
        return None


def latest_first(date_column: str, alias: str = "") -> str:
    """SQL ORDER BY terms putting a subject's latest record first: the greatest day (dates
    compared as days, so 2024/01/05 comes before 2024-03-12; a record with none last, one
    whose date means no day before it), then the latest written (by the moment its time
    names: the app's UTC and QField's local time compared as times, :func:`instant`; one
    that is no time after those, as text), then the last inserted (a tie of the same day
    and time goes to the row added last, everywhere the same way). Needs ``toksun_day`` and
    ``toksun_instant`` on the connection (``forms.validate.read_days``)."""
    d, c, f = (f"{alias}{col}" for col in (date_column, "created_at", "fid"))
    d, t = f"toksun_day({d})", f"toksun_instant({c})"
    return f"{d} IS NULL, {d} DESC, {t} IS NULL, {t} DESC, {c} IS NULL, {c} DESC, {f} DESC"
