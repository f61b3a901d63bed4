# SPDX-License-Identifier: GPL-2.0-or-later
"""The field app's benchmark runs end to end at a small size (no time is asserted)."""

from tests import bench_app


def test_the_app_benchmark_runs_and_prints_its_figures(qapp, capsys, monkeypatch):
    from field_kit.app import failures
    monkeypatch.setattr(failures, "show", lambda *a: None)
    assert bench_app.main(["--patches", "200", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "open the app: median" in out and "open a patch's form: median" in out
