# SPDX-License-Identifier: GPL-2.0-or-later
"""The import dialog, given paths drawn in Google Earth round the patches, one ending 3 m
from where it began and one 12 m: the first is said closed and taken, by its row, the
second refused saying how far apart its ends lie (the first then said as what would be
imported once that is fixed), in English or in Chinese; the near one alone is imported."""

from __future__ import annotations

import pytest

from tests.qgis.test_import_dialog import wait_for
from tests.qgis.test_import_dialog_kml_csv import _typed
from tests.qgis.test_import_dialog_refused import (  # noqa: F401 (fixtures)
    _problems,
    import_dialog,
    speaking,
)
from tests.unit import import_layers as L
from tests.unit.test_import_track_nearly_closed import (
    CLOSED,
    CLOSED_REFUSED,
    OPEN,
    _google_earth_paths,
    walked,
)

pytest.importorskip("pyproj")


def test_a_path_ending_near_its_start_is_taken_and_one_ending_far_refused(
        import_dialog, plan_gpkg, master, tmp_path, speaking):  # noqa: F811
    dlg = import_dialog
    near, far = L.surveyed(plan_gpkg)[:2]
    tracks = [walked(near["ring"], 3.0), walked(far["ring"], 12.0)]
    _typed(dlg, _google_earth_paths(tmp_path / "路径.kml", [near, far], tracks))
    assert dlg.plan is not None and dlg.plan.has_errors, dlg.summary_label.text()
    assert not dlg.import_button.isEnabled()
    said = _problems(dlg)
    assert CLOSED_REFUSED[speaking].format(gap="3.0") in said, said
    assert OPEN[speaking].format(gap="12.0") in said, said
    _typed(dlg, _google_earth_paths(tmp_path / "近.kml", [near], tracks[:1]))
    assert dlg.plan is not None and not dlg.plan.has_errors, _problems(dlg)
    assert CLOSED[speaking].format(gap="3.0") in _problems(dlg)
    assert dlg.import_button.isEnabled()
    dlg.import_now()
    wait_for(dlg)
    assert dlg.result is not None and dlg.result.updated == 1, dlg.summary_label.text()
    (ring,) = [p["ring"] for p in L.plan_patches(master) if p["code"] == near["code"]]
    assert sorted(ring[:-1]) == sorted(tracks[0]), ring
