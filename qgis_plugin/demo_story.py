# SPDX-License-Identifier: GPL-2.0-or-later
"""From the field to the master, on the bundled plan: what ``make demo`` walks through.

Two technicians take field packages of 郭勒布依乡, verify the same legacy-mine patch, one
with a photo; both change the notes of a verification GIS staff recorded before; their
change packages are merged, the conflict settled, and the progress report written.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from field_kit import forms
from field_kit.db import connect
from field_kit.plan.values import describe_row
from field_kit.reports import progress
from field_kit.sync import conflicts_now, merge, package_checkout, package_export, settling

PATCH = "CT6504222017000026002"
TOWNSHIP = "郭勒布依乡"


def _photo(path: Path) -> Path:
    """A small site photo (the demo has no camera)."""
    from qgis.PyQt.QtGui import QColor, QImage, QPainter

    image = QImage(320, 240, QImage.Format_RGB32)
    image.fill(QColor("#9ecae1"))
    painter = QPainter(image)
    painter.fillRect(0, 130, 320, 110, QColor("#8c6d46"))
    painter.end()
    image.save(str(path), "JPG")
    return path


def _verify(pkg: Path, patch_uuid: str, **values) -> str:
    conn = connect(pkg)
    try:
        context = forms.form_context(conn, forms.PATCH_VERIFICATION, patch_uuid)
        base = forms.initial_values(forms.PATCH_VERIFICATION, context)
        photos = values.pop("photos", ())
        return forms.save_record(conn, forms.PATCH_VERIFICATION, {**base, **values},
                                 photos=photos, context=context)
    finally:
        conn.close()


def _patch(master: Path) -> tuple[str, float, float]:
    with sqlite3.connect(master) as conn:
        return conn.execute("SELECT uuid, centre_lon, centre_lat FROM mine_patches "
                            "WHERE patch_code = ?", (PATCH,)).fetchone()


def run(plan: Path, work: Path, say=print) -> Path:
    """Play the story in ``work``; returns the merged master."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    master = work / "master.gpkg"
    shutil.copyfile(plan, master)
    patch_uuid, lon, lat = _patch(master)
    common = dict(patch_class="10", patch_subclass="11", damage_type="挖损", patch_feature="1",
                  mineral="建筑用砂", mining_method="A", land_use="04",
                  position_lon=lon, position_lat=lat, position_accuracy_m=4.0,
                  verifying_unit="托克逊县自然资源局", measured_area_m2=110000)
    office = _verify(master, patch_uuid, remediation_status="A", verifier="GIS 张华",
                     verified_on="2024-03-12", notes="内业比对影像：未治理", **common)
    say(f"GIS staff recorded a verification of {PATCH} in the master ({office[:8]}…)")

    li, wang = work / "tech-li.gpkg", work / "tech-wang.gpkg"
    for device, pkg in (("tech-li", li), ("tech-wang", wang)):
        package_checkout.checkout(master, pkg, device, township=TOWNSHIP)
        say(f"field package for {device}: {pkg.name} ({TOWNSHIP})")

    photo = _photo(work / "site-north.jpg")
    _verify(li, patch_uuid, remediation_status="B", restoration_method="3",
            treated_area_m2=98765.4, verifier="李明", verified_on="2024-05-02",
            notes="已平整覆土，边坡稳定", photos=[str(photo)], **common)
    _verify(wang, patch_uuid, remediation_status="C", restoration_method="3",
            verifier="王芳", verified_on="2024-04-28", notes="北侧仍在施工", **common)
    for device, pkg, note in (("tech-li", li, "现场复核：坡面已稳定"),
                              ("tech-wang", wang, "现场复核：北侧仍有积水")):
        conn = connect(pkg)
        with conn:
            conn.execute("UPDATE patch_verifications SET notes = ? WHERE uuid = ?",
                         (note, office))
        conn.close()
        say(f"{device} verified {PATCH} and changed the notes of the office verification")

    outs = []
    for device, pkg in (("tech-li", li), ("tech-wang", wang)):
        out = work / f"{device}-changes.zip"
        manifest = package_export.export(pkg, out)
        outs.append(out)
        say(f"{device} exported {manifest['counts']['changes']} changes to {out.name}")

    report = merge.merge(master, outs)
    for r in report.results:
        say(f"merged {r.source} from {r.device}: {r.counts}")
    for c in conflicts_now.conflicts(master):
        say(f"conflict {c.id} on {describe_row(master, c.tbl, c.row_uuid)}."
            f"{c.field}: ancestor {c.ancestor!r}, ours {c.ours!r}, "
            f"theirs {c.theirs!r}")
        settling.resolve(master, c.id, take="theirs", by="supervisor 赵主任")
        say(f"settled conflict {c.id}: took theirs")
    again = merge.merge(master, outs)
    say(f"merging the same packages again changes nothing: {again.totals}")
    m = progress.progress(master).mine_area
    if m is None:  # a plan without the legacy-mine indicator
        say("legacy mines remediated: the plan sets no such indicator")
    else:
        say(f"legacy mines remediated: {m.current_text()} km² against "
            f"{m.target_2025_km2:g} (2025) and {m.target_2035_km2:g} (2035)")
    return master
