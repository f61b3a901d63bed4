# SPDX-License-Identifier: GPL-2.0-or-later
"""Position from NMEA 0183 (GGA, RMC, GSA, VTG), from a serial receiver or a recorded file,
and the track log kept in the package.

Sentences with a bad or missing checksum, or that do not parse, are ignored: a receiver on
a long cable or a file cut in the middle of a line must not move the technician. The
accuracy is estimated as HDOP × the range error typical of the fix's kind (a receiver's
own error estimate, GST, is not read).
"""

from __future__ import annotations

import math
import os
import sqlite3
import statistics
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import reduce

from PyQt5.QtCore import QObject, QTimer, pyqtSignal

from ..db import connect, transaction
from ..importer.crs import on_earth
from ..plan import geometry

# Typical user range error (1 sigma, metres) by GGA fix quality; accuracy = HDOP × this.
UERE_M = {1: 5.0, 2: 1.5, 3: 3.0, 4: 0.02, 5: 0.5, 6: 25.0, 7: 10.0, 8: 5.0, 9: 1.5}
QUALITY_NAMES = {0: "—", 1: "GPS", 2: "DGPS", 3: "PPS", 4: "RTK", 5: "RTK float", 6: "DR",
                 7: "manual", 8: "sim", 9: "SBAS"}
TYPED_QUALITY = 7  # GGA's "manual input mode": a position typed by hand

TRACK_DDL = """CREATE TABLE IF NOT EXISTS track_points (fid INTEGER PRIMARY KEY, device TEXT,
    time TEXT, lon REAL, lat REAL, accuracy_m REAL, fix_quality INTEGER)"""


@dataclass(frozen=True)
class Fix:
    lon: float
    lat: float
    quality: int = 1
    hdop: float | None = None
    accuracy_m: float | None = None
    satellites: int | None = None
    time: str | None = None  # ISO 8601 UTC when the receiver gave a date, else hh:mm:ss
    altitude_m: float | None = None
    speed_kmh: float | None = None
    course: float | None = None

    def as_tuple(self) -> tuple[float, float, float | None]:
        """(lon, lat, accuracy), what a form's position provider returns."""
        return self.lon, self.lat, self.accuracy_m


def checksum_ok(line: str) -> bool:
    line = line.strip()
    if not line.startswith(("$", "!")) or "*" not in line:
        return False
    body, _, given = line[1:].rpartition("*")
    try:
        return reduce(lambda a, c: a ^ ord(c), body, 0) == int(given[:2], 16) and len(given) >= 2
    except ValueError:
        return False


def with_checksum(body: str) -> str:
    """'$' + body + '*hh' (for tests and typed positions written as NMEA)."""
    return f"${body}*{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def _angle(value: str, hemi: str, degree_digits: int) -> float:
    deg = int(value[:degree_digits])
    minutes = float(value[degree_digits:])
    if not 0 <= minutes < 60:
        raise ValueError(value)
    out = deg + minutes / 60
    if hemi in ("S", "W"):
        return -out
    if hemi not in ("N", "E"):
        raise ValueError(hemi)
    return out


def _num(text: str, kind=float):
    return kind(text) if text.strip() else None


def _time(hhmmss: str) -> str | None:
    if len(hhmmss) < 6:
        return None
    return f"{hhmmss[0:2]}:{hhmmss[2:4]}:{hhmmss[4:6]}"


def parse_sentence(line: str) -> dict | None:
    """One sentence as a dict (``type`` and its fields), or None when it is not a valid
    GGA/RMC/GSA/VTG sentence with a good checksum."""
    if not checksum_ok(line):
        return None
    fields = line.strip()[1:].rpartition("*")[0].split(",")
    kind = fields[0][-3:]
    try:
        if kind == "GGA" and len(fields) >= 10:
            quality = int(fields[6] or 0)
            out = {"type": kind, "time": _time(fields[1]), "quality": quality,
                   "satellites": _num(fields[7], int), "hdop": _num(fields[8]),
                   "altitude_m": _num(fields[9])}
            if quality and fields[2] and fields[4]:
                out["lat"] = _angle(fields[2], fields[3], 2)
                out["lon"] = _angle(fields[4], fields[5], 3)
            return out
        if kind == "RMC" and len(fields) >= 10:
            out = {"type": kind, "time": _time(fields[1]), "valid": fields[2] == "A",
                   "speed_kmh": None if not fields[7] else float(fields[7]) * 1.852,
                   "course": _num(fields[8]), "date": fields[9]}
            if out["valid"] and fields[3] and fields[5]:
                out["lat"] = _angle(fields[3], fields[4], 2)
                out["lon"] = _angle(fields[5], fields[6], 3)
            return out
        if kind == "GSA" and len(fields) >= 18:
            return {"type": kind, "mode": _num(fields[2], int), "pdop": _num(fields[15]),
                    "hdop": _num(fields[16]), "vdop": _num(fields[17])}
        if kind == "VTG" and len(fields) >= 8:
            return {"type": kind, "course": _num(fields[1]), "speed_kmh": _num(fields[7])}
    except (ValueError, IndexError):
        return None
    return None


def estimate_accuracy(quality: int, hdop: float | None) -> float | None:
    if not quality or quality not in UERE_M:
        return None
    return round((hdop if hdop is not None else 2.0) * UERE_M[quality], 2)


class NmeaParser:
    """Feeds sentences, one at a time; ``feed`` returns a Fix when a sentence gives a position
    (GGA; RMC only from receivers that send no GGA), with the latest HDOP, speed and date."""

    def __init__(self):
        self.date: str | None = None
        self.hdop: float | None = None
        self.speed_kmh: float | None = None
        self.course: float | None = None
        self.seen_gga = False
        self.last: Fix | None = None

    def _iso(self, t: str | None) -> str | None:
        if t and self.date and len(self.date) == 6:
            d = self.date
            return f"20{d[4:6]}-{d[2:4]}-{d[0:2]}T{t}Z"
        return t

    def feed(self, line: str) -> Fix | None:
        s = parse_sentence(line)
        if s is None:
            return None
        kind = s["type"]
        if kind in ("RMC", "VTG"):
            self.speed_kmh = s.get("speed_kmh", self.speed_kmh)
            self.course = s.get("course", self.course)
        if kind == "RMC" and s.get("date"):
            self.date = s["date"]
        if kind == "GSA" and s.get("hdop") is not None:
            self.hdop = s["hdop"]
        if kind == "GGA":
            self.seen_gga = True
            if s.get("hdop") is not None:
                self.hdop = s["hdop"]
            if "lat" not in s:
                return None
            fix = Fix(s["lon"], s["lat"], s["quality"], self.hdop,
                      estimate_accuracy(s["quality"], self.hdop), s["satellites"],
                      self._iso(s["time"]), s["altitude_m"], self.speed_kmh, self.course)
        elif kind == "RMC" and not self.seen_gga and "lat" in s:
            fix = Fix(s["lon"], s["lat"], 1, self.hdop, estimate_accuracy(1, self.hdop),
                      None, self._iso(s["time"]), None, self.speed_kmh, self.course)
        else:
            return None
        self.last = fix
        return fix


@dataclass(frozen=True)
class Average:
    """Fixes averaged: where, how well (``accuracy_m``), and what that was reckoned from."""
    lon: float
    lat: float
    accuracy_m: float
    own_m: float | None  # the median of the fixes' own accuracies (None: none had one)
    spread_m: float  # the root mean square distance of the fixes from their mean
    n: int


def average(fixes: list[tuple[float, float, float | None]]) -> Average:
    """The mean of (lon, lat, accuracy) fixes. Fixes taken a second apart share most of
    their error (the same satellites, the same atmosphere, the same multipath), so their
    accuracy is not divided by √n: it is the receiver's own figure (the median of the
    fixes') combined with the spread of the fixes, never better than the median, hence
    never better than the best single fix."""
    lon = sum(f[0] for f in fixes) / len(fixes)
    lat = sum(f[1] for f in fixes) / len(fixes)
    spread = math.sqrt(sum(geometry.inverse((lon, lat), (f[0], f[1]))[0] ** 2
                           for f in fixes) / len(fixes))
    own = [f[2] for f in fixes if f[2] is not None]
    median = statistics.median(own) if own else None
    return Average(lon, lat, math.hypot(median, spread) if median is not None else spread,
                   median, spread, len(fixes))


def parse_file(path) -> list[Fix]:
    parser = NmeaParser()
    with open(path, encoding="ascii", errors="replace") as f:
        return [fix for fix in map(parser.feed, f) if fix is not None]


def _seconds(t: str | None) -> float | None:
    if not t:
        return None
    try:
        hh, mm, ss = t[-9:-1].split(":") if t.endswith("Z") else t.split(":")
        return int(hh) * 3600 + int(mm) * 60 + float(ss)
    except ValueError:
        return None


class PositionSource(QObject):
    """Emits ``fix`` (a Fix) for each position; callbacks too, for code without Qt slots."""

    fix = pyqtSignal(object)
    stopped = pyqtSignal()

    def __init__(self, callback: Callable[[Fix], None] | None = None, parent=None):
        super().__init__(parent)
        if callback is not None:
            self.fix.connect(callback)

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class ReplaySource(PositionSource):
    """A recorded NMEA file played back: ``speed`` 1 is real time, 10 ten times faster,
    0 as fast as the event loop goes."""

    def __init__(self, path, speed: float = 1.0, callback=None, parent=None):
        super().__init__(callback, parent)
        self.fixes = parse_file(path)
        self.speed = speed
        self.index = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._step)

    def start(self) -> None:
        self.index = 0
        self.timer.start(0)

    def stop(self) -> None:
        self.timer.stop()
        self.stopped.emit()

    def _step(self) -> None:
        if self.index >= len(self.fixes):
            self.stopped.emit()
            return
        fix = self.fixes[self.index]
        self.index += 1
        self.fix.emit(fix)
        if self.index < len(self.fixes):
            a, b = _seconds(fix.time), _seconds(self.fixes[self.index].time)
            gap = (b - a) % 86400 if a is not None and b is not None else 1.0
            self.timer.start(0 if self.speed <= 0 else int(min(gap, 60) / self.speed * 1000))
        else:
            self.stopped.emit()


BAUD_RATES = (4800, 9600, 19200, 38400, 57600, 115200)


class SerialSource(PositionSource):
    """A receiver on a serial port (COM3, /dev/ttyUSB0, /dev/ttyACM0, a Bluetooth serial
    port), read by a thread; ``fix`` is queued to the Qt thread. Through pyserial where it
    is installed (Windows, macOS, Linux); else, on Linux, the tty is read as a file."""

    def __init__(self, device: str, baud: int | None = 4800, callback=None, parent=None):
        super().__init__(callback, parent)
        self.device, self.baud = device, baud
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.port = None  # the pyserial port, when pyserial is used

    def start(self) -> None:
        self._stop.clear()
        try:
            import serial  # pyserial: the ``app`` extra
        except ImportError:
            serial = None
        if serial is not None:
            try:
                self.port = serial.serial_for_url(self.device, baudrate=self.baud or 4800,
                                                  timeout=0.5)
            except serial.SerialException as exc:  # an OSError to the app's messages
                raise OSError(getattr(exc, "errno", None), str(exc), self.device) from exc
            self._thread = threading.Thread(target=self._read_port, daemon=True)
        else:
            if os.name == "nt":
                raise OSError("reading a serial receiver on Windows needs pyserial: "
                              "pip install 'toksun-field-kit[app]'")
            fd = os.open(self.device, os.O_RDONLY | os.O_NOCTTY)
            if self.baud and os.isatty(fd):
                _raw_tty(fd, self.baud)
            self._thread = threading.Thread(target=self._read, args=(fd,), daemon=True)
        self._thread.start()

    def _lines(self, chunks) -> None:
        parser = NmeaParser()
        buf = b""
        for chunk in chunks:
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for raw in lines:
                fix = parser.feed(raw.decode("ascii", "replace"))
                if fix is not None:
                    self.fix.emit(fix)
        self.stopped.emit()

    def _read_port(self) -> None:
        def chunks():
            try:
                while not self._stop.is_set():
                    chunk = self.port.read(256)  # b"" after the timeout: look at _stop again
                    if chunk:
                        yield chunk
            except Exception:  # noqa: BLE001 - unplugged (SerialException): the source stops
                return
            finally:
                self.port.close()
        self._lines(chunks())

    def _read(self, fd: int) -> None:
        def chunks():
            with os.fdopen(fd, "rb", buffering=0) as f:
                while not self._stop.is_set():
                    try:
                        chunk = f.read(256)
                    except OSError:  # unplugged
                        return
                    if not chunk:
                        return
                    yield chunk
        self._lines(chunks())

    def stop(self) -> None:
        self._stop.set()


def serial_ports() -> list[str]:
    """The serial ports pyserial sees (empty without pyserial)."""
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    return [p.device for p in list_ports.comports()]


def _raw_tty(fd: int, baud: int) -> None:
    import termios
    speed = getattr(termios, f"B{baud}", termios.B4800)
    attrs = termios.tcgetattr(fd)
    attrs[0] = termios.IGNPAR  # iflag
    attrs[1] = 0  # oflag
    attrs[2] = termios.CS8 | termios.CLOCAL | termios.CREAD  # cflag
    attrs[3] = 0  # lflag: raw
    attrs[4] = attrs[5] = speed
    termios.tcsetattr(fd, termios.TCSANOW, attrs)


class TrackLog:
    """The technician's track in the package's ``track_points`` table (not tracked by the
    change log: it is the device's own). Points are committed every ``every`` points on
    a connection of its own, so a crash loses at most a few seconds and a form's draft
    commit never waits on it."""

    def __init__(self, gpkg, device: str | None = None, every: int = 5):
        self.conn = connect(gpkg)
        self.conn.execute(TRACK_DDL)
        if device is None:
            try:
                device = self.conn.execute("SELECT device FROM sync_state").fetchone()[0]
            except (sqlite3.Error, TypeError):
                device = None
        self.device, self.every = device, every
        self.buffer: list[tuple] = []

    def add(self, fix: Fix, flush: bool = True) -> None:
        """Keep ``fix``; committed with those before it every ``every`` points, unless
        ``flush`` is False (the package held by an export or an update: kept for later)."""
        when = fix.time if fix.time and "T" in fix.time else datetime.now(timezone.utc).strftime(
            "%Y-%m-%dT%H:%M:%SZ")
        self.buffer.append((self.device, when, fix.lon, fix.lat, fix.accuracy_m, fix.quality))
        if flush and len(self.buffer) >= self.every:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        with transaction(self.conn):
            self.conn.executemany("INSERT INTO track_points (device, time, lon, lat, accuracy_m, "
                                  "fix_quality) VALUES (?, ?, ?, ?, ?, ?)", self.buffer)
        self.buffer.clear()

    def walks(self, gap_s: float = 600) -> list[list[tuple[float, float]]]:
        """The recorded track as walks of (lon, lat): a new walk starts where the time
        between two points is more than ``gap_s`` seconds, either way (another day, a drive,
        a receiver whose clock was reset), so no line is drawn across the gap."""
        self.flush()
        out: list[list[tuple[float, float]]] = []
        last = None
        for when, lon, lat in self.conn.execute(
                "SELECT time, lon, lat FROM track_points ORDER BY fid"):
            t = _epoch_seconds(when)
            if not out or t is None or last is None or abs(t - last) > gap_s:
                out.append([])
            out[-1].append((lon, lat))
            last = t
        return out

    def close(self) -> None:
        self.flush()
        self.conn.close()


def _epoch_seconds(when) -> float | None:
    try:
        return datetime.fromisoformat(str(when).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


# Toksun County's extent (41°21′–43°18′ N, 87°14′–89°11′ E) with a margin: longitudes and
# latitudes there never overlap, so a pair that lies outside and inside once swapped was
# typed latitude first
TOKSUN_WEST, TOKSUN_SOUTH, TOKSUN_EAST, TOKSUN_NORTH = 87.0, 41.0, 89.5, 43.5


def in_toksun(lon: float, lat: float) -> bool:
    return TOKSUN_WEST <= lon <= TOKSUN_EAST and TOKSUN_SOUTH <= lat <= TOKSUN_NORTH


# The county's own extent (41°21′14″–43°18′11″ N, 87°14′05″–89°11′08″ E) rounded outwards
# to 0.01° (about 1 km): the figures said to the technician are the ones checked
COUNTY_WEST, COUNTY_SOUTH, COUNTY_EAST, COUNTY_NORTH = 87.23, 41.35, 89.19, 43.31


def in_county(lon: float, lat: float) -> bool:
    """Whether a position lies within Toksun County's extent (a typed one outside is a slip
    far more often than where the technician stands)."""
    return COUNTY_WEST <= lon <= COUNTY_EAST and COUNTY_SOUTH <= lat <= COUNTY_NORTH


def latitude_first(first: float, second: float) -> bool:
    """Whether a typed pair is Toksun's latitude and longitude, as many people say a place."""
    return not in_toksun(first, second) and in_toksun(second, first)


def typed_fix(lon: float, lat: float, accuracy: float | None = None) -> Fix:
    """A position typed by hand, as a Fix (quality 7, manual)."""
    if not on_earth(lon, lat):
        raise ValueError("longitude -180..180, latitude -90..90")
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return replace(Fix(lon, lat, TYPED_QUALITY), accuracy_m=accuracy, time=now)
