# SPDX-License-Identifier: GPL-2.0-or-later
"""How long opening the plan and opening a form take in QGIS (targets: 1 s and 0.3 s).

    python -m tests.bench_plugin [GPKG]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProject  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def report(name: str, seconds: list[float], target: float) -> None:
    median = statistics.median(seconds)
    verdict = "within" if median <= target else "OVER"
    print(f"{name:<34} median {median * 1000:7.1f} ms  (best {min(seconds) * 1000:.1f} ms, "
          f"{len(seconds)} runs; target {target * 1000:.0f} ms: {verdict})")


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    source = Path(argv[0]) if argv else ROOT / "resources" / "toksun_plan.gpkg"
    app = QgsApplication([], False)
    app.initQgis()
    from qgis_plugin.dialogs.record import RecordDialog
    from qgis_plugin.plan_layers import load_plan

    with tempfile.TemporaryDirectory() as tmp:
        master = Path(tmp) / "master.gpkg"
        shutil.copyfile(source, master)
        project = QgsProject.instance()
        layers = {}

        def open_plan():
            nonlocal layers
            layers = load_plan(master, project)
            for layer in layers.values():  # what QGIS needs before it can draw them
                layer.extent()
                layer.featureCount()

        report("open the plan (15 layers)", timed(open_plan, 7), 1.0)
        patch = next(layers["mine_patches"].getFeatures())["uuid"]

        def open_form():
            dialog = RecordDialog(master, "patch_verification", patch)
            dialog.form.discard_draft()
            dialog.done(0)
            dialog.deleteLater()

        report("open the patch-verification form", timed(open_form, 7), 0.3)
        project.clear()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
