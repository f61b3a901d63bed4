# SPDX-License-Identifier: GPL-2.0-or-later
"""What the supervisor's commands (progress, report, check-plan) take: a master only, as
merge does (a township's field package would be reported as the whole county; a copy with
no change capture is said to be neither); a report marked read-only is not written over;
a date that is none is said in Chinese too."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess

import pytest

from field_kit import errors
from field_kit.cli.commands import main

TOWNSHIP = "郭勒布依乡"
PLAN_COMMANDS = ("progress", "report", "check-plan")


def fk(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    said = capsys.readouterr()
    return code, said.out, said.err


def plan_command(name: str, master, out) -> list:
    return [name, master, "--out", out] if name == "report" else [name, master]


@pytest.fixture
def township_package(master, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # (named as the supervisor types it)
    assert fk(capsys, "checkout", master, "tech1.gpkg", "--device", "tech1", "--township",
              TOWNSHIP)[0] == errors.OK
    return "tech1.gpkg"


@pytest.mark.parametrize("command", PLAN_COMMANDS)
def test_a_field_package_given_as_the_master_is_refused_as_merge_refuses_it(
        command, master, township_package, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    code, _, merge_said = fk(capsys, "merge", township_package, master)
    assert code == errors.BAD_INPUT
    assert merge_said == "field-kit: tech1.gpkg is a field package, not a master\n"
    before = (tmp_path / township_package).read_bytes()
    out = tmp_path / "x.xlsx"
    code, printed, err = fk(capsys, *plan_command(command, township_package, out))
    assert (code, err, printed) == (errors.BAD_INPUT, merge_said, "")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    code, printed, err = fk(capsys, *plan_command(command, township_package, out))
    assert code == errors.BAD_INPUT
    assert err == merge_said + "field-kit: tech1.gpkg 是外业数据包，不是主库\n"
    assert not out.exists()
    assert (tmp_path / township_package).read_bytes() == before


@pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")
@pytest.mark.parametrize("command", PLAN_COMMANDS)
def test_a_copy_with_no_change_capture_is_said_to_be_neither(command, master, tmp_path,
                                                             capsys, monkeypatch):
    """The README: a file with no change capture, given to any command that takes a master,
    is said to be neither a master nor a field package."""
    copy = tmp_path / "copy.gpkg"
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(copy), str(master)], check=True,
                   capture_output=True)
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    out = tmp_path / "x.xlsx"
    code, printed, err = fk(capsys, *plan_command(command, copy, out))
    assert (code, printed) == (errors.BAD_INPUT, "")
    assert err.startswith(f"field-kit: {copy} is neither a master nor a field package (no "
                          "change capture in it"), err
    assert f"field-kit: {copy} 既不是主库，也不是外业数据包" in err, err
    assert not out.exists()


@pytest.mark.parametrize("command", PLAN_COMMANDS)
def test_a_plain_copy_of_the_bundled_plan_is_a_master(command, plan_gpkg, tmp_path, capsys):
    """The plan GeoPackage is built with its change capture (a master, device master):
    copied as it is, the plan commands read it."""
    copy = tmp_path / "plan_raw.gpkg"
    shutil.copyfile(plan_gpkg, copy)
    code, _, err = fk(capsys, *plan_command(command, copy, tmp_path / "r.xlsx"))
    assert code in (errors.OK, errors.PLAN_INCONSISTENT), err
    assert "neither" not in err and "not a master" not in err


def test_a_report_marked_read_only_is_not_written_over(master, tmp_path, capsys,
                                                       monkeypatch):
    out = tmp_path / "ro.xlsx"
    assert fk(capsys, "report", master, "--out", out, "--date", "2024-06-01")[0] == errors.OK
    out.chmod(0o444)
    before = out.read_bytes()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    code, _, err = fk(capsys, "report", master, "--out", out, "--date", "2024-06-02")
    assert code == errors.BAD_INPUT
    assert err == (f"field-kit: cannot write {out}: read-only (the file, its folder or the "
                   "disk); nothing was changed: copy it where you may write, or ask its owner\n"
                   f"field-kit: 无法写入 {out}：文件、其所在文件夹或磁盘为只读；未作任何更改："
                   "请复制到可写入的位置，或联系其所有者\n"), err
    assert out.read_bytes() == before
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o444
    # (the PDF likewise, refused before any writer is looked for)
    pdf = tmp_path / "ro.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    pdf.chmod(0o444)
    code, _, err = fk(capsys, "report", master, "--out", pdf)
    assert code == errors.BAD_INPUT and f"cannot write {pdf}: read-only" in err, err
    assert pdf.read_bytes() == b"%PDF-1.4\n"


def test_a_date_that_is_none_is_said_in_chinese_too(master, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELD_KIT_LANG", "zh_CN.UTF-8")
    out = tmp_path / "x.xlsx"
    with pytest.raises(SystemExit) as exit_:
        main(["report", str(master), "--out", str(out), "--date", "2026-13-45"])
    assert exit_.value.code == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "argument --date: --date is YYYY-MM-DD" in err, err
    assert "field-kit report: 错误：参数 --date：应为 YYYY-MM-DD 格式的日期\n" in err, err
    assert not out.exists()


@pytest.mark.parametrize("suffix", (".xlsx", ".pdf"))
def test_a_report_into_a_folder_where_no_file_may_be_made_is_said(master, capsys, suffix):
    # /proc exists, yet no file may be made in it, not even by root: the system answers
    # "no such file" for the file being written
    out = f"/proc/toksun-report{suffix}"
    code, _, err = fk(capsys, "report", master, "--out", out, "--date", "2024-06-01")
    assert code == errors.BAD_INPUT, err
    assert err.startswith(f"field-kit: cannot open {out}") and "internal error" not in err, err
    assert "nothing was changed" in err
