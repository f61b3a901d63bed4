# SPDX-License-Identifier: GPL-2.0-or-later
"""Recorded NMEA made by code: a walk of one fix a second, GGA + RMC + GSA + VTG each."""

from __future__ import annotations

from field_kit.app.gnss import with_checksum


def _dm(value: float, degree_digits: int) -> str:
    value = abs(value)
    d = int(value)
    return f"{d:0{degree_digits}d}{(value - d) * 60:07.4f}"


def epoch(lon: float, lat: float, second: int, quality: int = 1, hdop: float = 0.9) -> list[str]:
    t = f"0300{second:02d}.00"
    ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
    return [
        with_checksum(f"GPGGA,{t},{_dm(lat, 2)},{ns},{_dm(lon, 3)},{ew},{quality},09,{hdop},"
                      "180.5,M,-50.1,M,,"),
        with_checksum(f"GPRMC,{t},A,{_dm(lat, 2)},{ns},{_dm(lon, 3)},{ew},2.1,45.0,010625,,,A"),
        with_checksum("GPGSA,A,3,01,02,03,04,05,06,07,08,09,,,,1.6,0.9,1.3"),
        with_checksum("GPVTG,45.0,T,,M,2.1,N,3.9,K,A"),
    ]


def walk(lon: float, lat: float, n: int = 12, step: float = 0.0001) -> str:
    lines = []
    for i in range(n):
        lines += epoch(lon + i * step, lat + i * step, i)
        if i == 3:  # noise a real log has: a cut line, a bad checksum, another sentence
            lines += ["$GPGGA,030003.00,4247.00", "$GPGGA,030003.00,4247.0000,N,08839.0000,E,"
                      "1,09,0.9,180.5,M,-50.1,M,,*00", with_checksum("GPGSV,3,1,09,01,40,083,46")]
    return "\r\n".join(lines) + "\r\n"
