# SPDX-License-Identifier: GPL-2.0-or-later
"""How long the technician's app takes to open a package of 10,000 patches and to open a
form (targets: 1 s and 0.3 s), offscreen.

    python -m tests.bench_app [--patches 10000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
TOWNSHIP = "郭勒布依乡"


def make_package(tmp: Path, patches: int) -> Path:
    """The bundled plan with ``patches`` more patches in one township, and a technician's
    package of that township."""
    from field_kit.db import connect
    from field_kit.sync import package_checkout
    from tests.unit.gpkg_factory import patch_rows
    master = tmp / "master.gpkg"
    shutil.copy(ROOT / "resources" / "toksun_plan.gpkg", master)
    conn = connect(master)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO mine_patches (uuid, patch_code, township, phase, area_m2, centre_lon, "
        "centre_lat, geometry_source, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(u, code, TOWNSHIP, phase, area, x, y, src, geom)
         for u, code, _, phase, area, x, y, src, geom in patch_rows(patches)])
    conn.execute("COMMIT")
    conn.close()
    pkg = tmp / "package.gpkg"
    package_checkout.checkout(master, pkg, "bench", township=TOWNSHIP, role="technician")
    return pkg


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.bench_app", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--patches", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    from PyQt5.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    from field_kit.app.main_window import MainWindow
    tmp = Path(tempfile.mkdtemp(prefix="bench-app-"))
    try:
        pkg = make_package(tmp, a.patches)
        uuids = [u for (u,) in sqlite3.connect(pkg).execute(
            "SELECT uuid FROM mine_patches ORDER BY patch_code LIMIT ?", (a.runs * 3,))]
        opens, forms = [], []
        for n in range(a.runs):
            t0 = time.perf_counter()
            win = MainWindow(pkg, language="zh")
            win.show()
            app.processEvents()
            opens.append(time.perf_counter() - t0)
            for u in uuids[n * 3:n * 3 + 3]:
                t0 = time.perf_counter()
                win.open_subject("patch", u)
                app.processEvents()
                forms.append(time.perf_counter() - t0)
            win.close()
            win.deleteLater()
            app.processEvents()
        for name, times, target in (("open the app", opens, 1.0),
                                    ("open a patch's form", forms, 0.3)):
            med = statistics.median(times)
            print(f"field app, {a.patches:,} patches: {name}: median {med * 1000:.0f} ms "
                  f"(best {min(times) * 1000:.0f}, {len(times)} runs; target "
                  f"{target * 1000:.0f} ms: {'within' if med <= target else 'OVER'})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
