# SPDX-License-Identifier: GPL-2.0-or-later
"""The PDF of a master whose patch layer is empty (the schematic patches cleared before the
surveyed ones are imported), of a file lacking plan tables, and as a Chinese reader reads its
units; the command's terminal free of Qt's runtime-folder line."""

from __future__ import annotations

import os
import subprocess
import sys

from field_kit import errors
from field_kit.db import connect
from tests.plan_build import ROOT
from tests.qgis.test_report import pages, pdftotext
from tests.unit.test_progress import run_cli


def test_a_master_with_no_patches_gives_its_pdf_without_patch_pages(master, qgis_app, tmp_path,
                                                                    capsys,
                                                                    chinese_locale):
    conn = connect(master)
    conn.execute("DELETE FROM mine_patches")
    conn.commit()
    conn.close()
    out = tmp_path / "r.pdf"
    assert run_cli("report", master, "--out", out) == errors.OK, capsys.readouterr()
    summary = " ".join(pdftotext(out, 1).split())
    assert "图斑 Patches 0：图斑图层中尚无图斑，本报告无图斑页" in summary, summary
    assert pages(out) == 2  # the summary (its findings whole on it) and the targets


def test_the_chinese_summary_writes_square_kilometres_as_its_text_does(master, qgis_app,
                                                                       tmp_path,
                                                                       chinese_locale):
    out = tmp_path / "r.pdf"
    assert run_cli("report", master, "--out", out) == errors.OK
    summary = " ".join(pdftotext(out, 1).split())
    assert "现状 now 1.9 平方千米 = 2020年 1.9 + 已恢复治理 0" in summary, summary
    assert "2025年目标 2.46 平方千米" in summary, summary


def test_a_file_lacking_plan_tables_is_refused_naming_every_one(qgis_app, tmp_path, capsys):
    other = tmp_path / "x.gpkg"
    conn = connect(other, must_exist=False)
    conn.execute("CREATE TABLE mine_patches (fid INTEGER PRIMARY KEY, uuid TEXT)")
    conn.close()
    said = {}
    for name in ("x.pdf", "x.xlsx"):
        assert run_cli("report", other, "--out", tmp_path / name) == errors.BAD_INPUT
        said[name] = capsys.readouterr().out
    assert "no table plan_indicators, restoration_programs, restoration_projects, " \
        "project_targets" in said["x.pdf"], said
    assert said["x.pdf"] == said["x.xlsx"].replace("x.xlsx", "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_command_says_nothing_of_qts_runtime_folder(master, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_RUNTIME_DIR",
                                                            "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    run = subprocess.run([sys.executable, "-m", "field_kit", "report", str(master), "--out",
                          str(tmp_path / "r.pdf")], capture_output=True, text=True, env=env,
                         cwd=tmp_path)
    assert run.returncode == errors.OK, run.stderr
    assert "XDG_RUNTIME_DIR" not in run.stderr + run.stdout, run.stderr
    assert not [p for p in os.listdir(tmp_path) if p.startswith("toksun_runtime")]
