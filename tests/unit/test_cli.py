# SPDX-License-Identifier: GPL-2.0-or-later
"""The field-kit command line: every command has --help and is listed; end to end run."""

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from field_kit import errors
from field_kit.cli.commands import COMMANDS, build_parser, main
from field_kit.messages_zh import chinese
from field_kit.sync.changelog import local_time
from tests.unit.cli_run import HISTORY_KEYS, LOG_KEYS, history_json, log_json
from tests.unit.gpkg_factory import edit, make_gdal_layer, make_gpkg, patch_uuids, rows


def test_every_command_is_listed_and_has_help(capsys):
    parser = build_parser()
    listed = parser.format_help()
    for cmd in COMMANDS:
        assert cmd in listed
        with pytest.raises(SystemExit) as exit_:
            main([cmd, "--help"])
        assert exit_.value.code == 0
        assert "usage: field-kit " + cmd in capsys.readouterr().out
    subs = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    assert set(subs) == set(COMMANDS)


def test_exit_codes_are_distinct():
    codes = [errors.OK, errors.CONFLICTS, errors.BAD_INPUT, errors.REFUSED, errors.INTERNAL,
             errors.INVALID, errors.PLAN_INCONSISTENT, errors.INTERRUPTED, errors.TERMINATED]
    assert len(set(codes)) == len(codes)
    assert set(codes) <= set(errors.EXIT_CODES)


def test_end_to_end(tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=20, verifications=4, install=False)
    fk = lambda *a: main([str(x) for x in a])  # noqa: E731
    assert fk("init", master) == errors.OK
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    assert fk("checkout", master, a, "--device", "ta", "--township", "Toksun") == errors.OK
    assert fk("checkout", master, b, "--device", "tb", "--role", "gis") == errors.OK
    u = patch_uuids(a)[0]
    edit(a, "UPDATE mine_patches SET phase = 'A' WHERE uuid = ?", u)  # technician: refused
    edit(a, "UPDATE patch_verifications SET remediation_status = 'A'")
    edit(b, "UPDATE patch_verifications SET remediation_status = 'B'")
    assert fk("status", a) == errors.OK
    assert "changes waiting 2" in capsys.readouterr().out
    assert fk("log", a) == errors.OK
    assert fk("export", a, tmp_path / "a.zip") == errors.OK
    assert fk("export", b, tmp_path / "b.zip") == errors.OK
    capsys.readouterr()
    assert fk("merge", master, tmp_path / "a.zip") == errors.REFUSED
    assert "a technician may not change mine_patches" in capsys.readouterr().out
    assert fk("merge", master, tmp_path / "b.zip") == errors.CONFLICTS
    assert fk("conflicts", master) == errors.CONFLICTS
    out = capsys.readouterr().out
    first = int(out.split("#", 1)[1].split()[0])
    # "ours" is the value the master holds: keeping it changes nothing
    assert fk("resolve", master, "--all", "b.zip", "--take", "ours") == errors.OK
    assert fk("resolve", master, first, "--take", "ancestor") == errors.BAD_INPUT  # settled
    assert fk("conflicts", master) == errors.OK
    assert fk("pull", a, master) in (errors.OK, errors.CONFLICTS)
    assert fk("history", master, u) == errors.BAD_INPUT  # the refused change never landed
    capsys.readouterr()
    assert fk("status", master, "--json") == errors.OK
    merge_id = next(m["merge_id"] for m in json.loads(capsys.readouterr().out)["merges"]
                    if m["package"] == "b.zip")
    assert fk("undo-merge", master, merge_id) == errors.OK  # "ours" changed no value
    assert fk("undo-merge", master, merge_id) == errors.BAD_INPUT  # done already
    assert fk("undo-merge", master, "nope") == errors.BAD_INPUT
    assert fk("status", tmp_path / "missing.gpkg") == errors.BAD_INPUT


def test_an_undone_merges_conflicts_are_said_closed_not_to_settle(tmp_path, capsys):
    """status listed a merge undone with its conflicts "to settle", which the undo closed."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=2)
    fk = lambda *a: main([str(x) for x in a])  # noqa: E731
    for device, status in (("ta", "A"), ("tb", "B")):
        pkg = tmp_path / f"{device}.gpkg"
        assert fk("checkout", master, pkg, "--device", device, "--role", "gis") == errors.OK
        edit(pkg, "UPDATE patch_verifications SET remediation_status = ?", status)
        assert fk("export", pkg, tmp_path / f"{device}.zip") == errors.OK
    assert fk("merge", master, tmp_path / "ta.zip") == errors.OK
    assert fk("merge", master, tmp_path / "tb.zip") == errors.CONFLICTS
    capsys.readouterr()
    assert fk("status", master, "--json") == errors.CONFLICTS
    merge_id = next(m["merge_id"] for m in json.loads(capsys.readouterr().out)["merges"]
                    if m["package"] == "tb.zip")
    assert fk("undo-merge", master, merge_id) == errors.OK
    capsys.readouterr()
    assert fk("status", master) == errors.OK
    line = next(x for x in capsys.readouterr().out.splitlines() if "tb.zip" in x)
    assert re.search(r"conflicts 2 closed by the undo in 2 changes, refused 0, undone ",
                     line), line


@pytest.mark.parametrize("module", ["field_kit.cli", "field_kit"])
def test_console_script_runs_as_a_module(module):
    run = subprocess.run([sys.executable, "-m", module, "--help"], capture_output=True,
                         text=True)
    assert run.returncode == 0
    for cmd in COMMANDS:
        assert cmd in run.stdout


def test_log_shows_an_insert_by_its_values_and_stops_quietly_when_the_reader_does(tmp_path,
                                                                                   capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=3000, verifications=1)
    pkg = tmp_path / "g.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "g", "--role", "gis"]) == 0
    edit(pkg, "INSERT INTO patch_verifications (uuid, verifier) VALUES "
              "('11111111-1111-4111-8111-111111111111', 'Ayşe')")
    capsys.readouterr()
    assert main(["log", str(pkg)]) == errors.OK
    out = capsys.readouterr().out
    assert 'verifier: "Ayşe"' in out and "null" not in out
    edit(pkg, "UPDATE mine_patches SET phase = 'x'")  # a long log: more than a pipe holds
    run = subprocess.Popen([sys.executable, "-m", "field_kit.cli", "log", str(pkg)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run.stdout.read(100)
    run.stdout.close()  # as `field-kit log | head` does
    assert run.wait(timeout=60) == errors.OK
    assert run.stderr.read() == b""
    run.stderr.close()


def fk(*argv) -> int:
    return main([str(x) for x in argv])


def test_json_output_has_the_documented_keys(tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=5, verifications=2)
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, dev in ((a, "ta"), (b, "tb")):
        assert fk("checkout", master, pkg, "--device", dev, "--role", "gis") == errors.OK
        edit(pkg, "UPDATE patch_verifications SET notes = ? WHERE fid = 1", dev)
        assert fk("export", pkg, tmp_path / f"{dev}.zip") == errors.OK
    capsys.readouterr()

    def out(*argv):
        code = fk(*argv, "--json")
        return code, json.loads(capsys.readouterr().out)
    code, st = out("status", a)
    assert code == errors.OK and st["kind"] == "package" and st["changes_waiting"] == 0
    assert st["capture_problems"] == [] and st["schema_changes_waiting"] == []
    code, rep = out("merge", master, tmp_path / "ta.zip", tmp_path / "tb.zip")
    assert code == errors.CONFLICTS == rep["exit_code"]
    # (went_in: tb's change, the later edit, went in over ta's as well as in conflict)
    assert rep["totals"] == {"applied": 1, "already": 0, "conflict": 1, "refused": 0,
                             "conflict_fields": 1, "went_in": 2}
    assert [m["device"] for m in rep["merges"]] == ["ta", "tb"]
    assert rep["merges"][1]["outcomes"][0]["status"] == "conflict"
    code, conflicts = out("conflicts", master)
    assert code == errors.CONFLICTS and conflicts[0]["field"] == "notes"
    assert {conflicts[0]["ours"], conflicts[0]["theirs"]} == {"ta", "tb"}
    code, st = out("status", master)
    assert st["open_conflicts"] == 1 and len(st["merges"]) == 2 and len(st["devices"]) == 2
    merge_id = rep["merges"][0]["merge_id"]
    assert merge_id in {m["merge_id"] for m in st["merges"]}
    row = conflicts[0]["row_uuid"]
    code, hist = out("history", master, row)  # its open conflict first
    assert set(hist) == HISTORY_KEYS, hist
    assert code == errors.OK and hist["changes"][-1]["new"] == {"notes": conflicts[0]["ours"]}
    assert [c["id"] for c in hist["open_conflicts"]] == [conflicts[0]["id"]]
    code, log = out("log", master, "--limit", "1")
    assert code == errors.OK and set(log) == LOG_KEYS, log
    assert set(log["changes"][0]) >= {"seq", "op", "old", "new", "origin"}


def test_a_device_name_that_has_a_package_is_refused_unless_replaced(tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    a, b, c = (tmp_path / f"{n}.gpkg" for n in "abc")
    assert main(["checkout", str(master), str(a), "--device", "same", "--role", "gis"]) == 0
    capsys.readouterr()
    assert main(["checkout", str(master), str(b), "--device", "same", "--role", "gis"]) == \
        errors.BAD_INPUT
    err = capsys.readouterr().err
    # the time it was checked out as the other lines give times: local, not UTC
    (issued,), = rows(master, "SELECT issued_at FROM sync_devices WHERE device = 'same'")
    said = f"device same has a field package already (checked out {local_time(issued)}): "
    assert said in err and "--replace" in err, err
    assert chinese(err.strip().removeprefix("field-kit: ")).startswith(
        f"设备 same 已有外业数据包（签出于 {local_time(issued)}）："), err
    assert not b.exists()
    edit(a, "UPDATE mine_patches SET township = 'Bostan' WHERE fid = 1")  # still merges
    assert main(["export", str(a), str(tmp_path / "a.zip")]) == 0
    assert main(["merge", str(master), str(tmp_path / "a.zip")]) == 0
    assert main(["checkout", str(master), str(c), "--device", "same", "--role", "gis",
                 "--replace"]) == 0


def test_a_package_merged_again_names_the_merge_that_brought_it(tmp_path, capsys):
    """Merging a package again records no merge: no id is printed for it (undo-merge would
    not know it), the merge that brought it is named instead."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    pkg = tmp_path / "p.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab-1", "--role", "gis") == errors.OK
    edit(pkg, "UPDATE mine_patches SET mineral = 'gold' WHERE fid < 4")
    assert fk("export", pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert fk("merge", master, tmp_path / "c.zip") == errors.OK
    first = capsys.readouterr().out.split()[1]
    assert fk("merge", master, tmp_path / "c.zip") == errors.OK
    said = capsys.readouterr().out
    assert said.startswith(f"c.zip from tab-1: merged before by merge {first}, not recorded "
                           "again: applied 0, already applied 3"), said
    assert fk("merge", master, tmp_path / "c.zip", "--json") == errors.OK
    (again,) = json.loads(capsys.readouterr().out)["merges"]
    assert again["merge_id"] is None and again["merged_before"] == [first]
    assert fk("undo-merge", master, first) == errors.OK


def test_a_user_whose_locale_is_chinese_reads_the_errors_met_often_in_chinese_too(
        master, tmp_path, capsys, monkeypatch):
    """Each error below is said in English (for scripts and logs), then in Chinese for a
    user whose locale is Chinese, with its names and figures."""
    import sqlite3

    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    folder = tmp_path / "qf"
    assert main(["checkout", str(master), str(folder), "--device", "d1", "--for",
                 "qfield"]) == errors.OK
    m, empty = str(master), tmp_path / "empty"
    empty.mkdir()
    said = {
        ("resolve", m, "999", "--take", "ours"): ("no conflict 999", "没有编号为 999 的冲突"),
        ("resolve", m, "--take", "ours"): ("give a conflict ID, or --all",
                                           "请给出冲突编号，或 --all"),
        ("resolve", m, "5", "--all", "nope", "--take", "ours"): (
            "give conflict IDs or --all MERGE_ID|PACKAGE|DEVICE, not both",
            "请给出冲突编号或 --all 合并编号|修改包|设备，二者只能选一"),
        ("resolve", m, "--all", "nope", "--take", "ours"): ("no open conflict for nope",
                                                            "nope 没有未处理的冲突"),
        ("undo-merge", m, "nope"): ("no merge nope", "没有编号为 nope 的合并"),
        ("history", m, "nope"): ("no recorded change for row nope", "要素 nope 没有任何修改记录"),
        ("checkout", m, str(tmp_path / "t.gpkg"), "--device", "d2", "--township", "夏镇"): (
            "no mine patch in township '夏镇'", "乡镇 夏镇 中没有矿山图斑"),
        ("checkout", m, str(tmp_path / "t.gpkg"), "--device", "平板 1"): (
            "device names are 1-64 letters", "设备名称须为 1 至 64 个字母、数字、“.”、“-”、“_”"
                                             "或“@”：平板 1"),
        ("pull", m, m): (f"{m} is not a field package", f"{m} 不是外业数据包"),
        ("export", str(empty), str(tmp_path / "c.zip")): (
            f"no package.gpkg in the folder {empty}", f"文件夹 {empty} 中没有 package.gpkg"),
    }
    for argv, (english, zh) in said.items():
        capsys.readouterr()
        assert main(list(argv)) == errors.BAD_INPUT, argv
        err = capsys.readouterr().err
        assert english in err and f"field-kit: {zh}" in err, (argv, err)
    # a pull into the project while QGIS holds its package open, in WAL mode
    gpkg = folder / "package.gpkg"
    qgis = sqlite3.connect(gpkg)
    try:
        assert qgis.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
        qgis.execute("SELECT count(*) FROM mine_patches").fetchone()
        capsys.readouterr()
        assert main(["pull", str(folder), m]) == errors.BAD_INPUT
        err = capsys.readouterr().err
    finally:
        qgis.close()
    assert f"{folder}.zip could not be written ({gpkg} is open in another program" in err
    assert f"field-kit: {folder}.zip 未能写入：{gpkg} 正在其他程序中打开（QGIS 或 QField 中的" \
           "项目），处于 WAL 模式；拉取之前的旧 ZIP 已删除，以免被带到手机上：请在该程序中关闭" \
           "项目后重新拉取" in err, err


def test_the_command_lines_own_errors_and_refusals_are_said_in_chinese_too(
        tmp_path, capsys, monkeypatch):
    """Usage errors, an import's unreadable source and unknown CRS, a merge's refused
    package, an undone conflict and broken capture: in English, then in Chinese for a user
    whose locale is Chinese, without English left inside the Chinese."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    pkg, m = tmp_path / "g.gpkg", str(master)
    assert fk("checkout", master, pkg, "--device", "g", "--role", "gis") == errors.OK
    (tmp_path / "x.csv").write_text("a,b\n1,2\n")
    (tmp_path / "x.dxf").write_text("0\nSECTION\n")
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 cut short")
    said = {
        ("checkout", m, str(tmp_path / "t.gpkg"), "--device", "t", "--bbox", "1,2"):
            (errors.BAD_INPUT, "参数 --bbox：--bbox 应为 西,南,东,北（经纬度，单位度）"),
        ("resolve", m, "1", "--take", "mine"):
            (errors.BAD_INPUT, "参数 --take：无效的选项 mine（可选：共同祖先（ancestor）、"
                               "主库现值（ours）、另一方（theirs））"),
        ("status", m, "--bogus"): (errors.BAD_INPUT, "无法识别的参数：--bogus"),
        ("import", m, str(tmp_path / "x.dxf"), "--layer", "mine_patches"):
            (errors.BAD_INPUT, "x.dxf：不是 Shapefile、GeoJSON、GeoPackage、KML/KMZ、GPX "
                               "或 CSV 文件"),
        ("import", m, str(tmp_path / "x.csv"), "--layer", "mine_patches"):
            (errors.BAD_INPUT, "x.csv 中没有可识别的坐标列（经度/纬度、lon/lat 或 X/Y）；"
                               "现有列：a、b"),
        ("import", m, str(tmp_path / "x.csv"), "--layer", "mine_patches", "--crs",
         "EPSG:99999"): (errors.BAD_INPUT, "EPSG:99999 不是导入所认识的坐标系"),
        ("merge", m, str(tmp_path / "bad.zip")):
            (errors.REFUSED, "已拒收：bad.zip：不是可读取的修改包（文件被截断或已损坏）"),
    }
    for argv, (code, zh) in said.items():
        capsys.readouterr()
        with contextlib.suppress(SystemExit):  # (argparse's way out)
            assert main(list(argv)) == code, argv
        got = capsys.readouterr()
        assert zh in got.err + got.out, (argv, got)
    # a conflict undone with its merge
    edit(pkg, "UPDATE mine_patches SET mineral = 'pkg' WHERE fid = 1")
    edit(master, "UPDATE mine_patches SET mineral = 'master' WHERE fid = 1")
    assert fk("export", pkg, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert fk("merge", master, tmp_path / "c.zip", "--json") == errors.CONFLICTS
    merge_id = json.loads(capsys.readouterr().out)["merges"][0]["merge_id"]
    assert fk("undo-merge", master, merge_id) == errors.OK
    capsys.readouterr()
    assert fk("resolve", master, "1", "--take", "ours") == errors.BAD_INPUT
    assert "冲突 1 已随其合并一并撤销：无需处理" in capsys.readouterr().err
    # listed with when it was undone, in local time
    with sqlite3.connect(master) as conn:
        (at,) = conn.execute("SELECT undone_at FROM sync_merges WHERE merge_id = ?",
                             (merge_id,)).fetchone()
    assert fk("conflicts", master, "--every") == errors.OK
    listed = capsys.readouterr().out
    assert f"    undone with merge {merge_id} at {local_time(at)}\n" in listed, listed
    assert f"    已随合并 {merge_id} 撤销，时间 {local_time(at)}\n" in listed, listed
    # capture broken: the table and what is wrong in Chinese
    edit(pkg, "DROP TRIGGER " + next(n for (n,) in sqlite3.connect(pkg).execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%' AND "
        "tbl_name = 'mine_patches'")))
    capsys.readouterr()
    assert fk("export", pkg, tmp_path / "d.zip") == errors.CAPTURE_BROKEN
    err = capsys.readouterr().err
    assert "的修改记录不完整（历史遗留矿山图斑（mine_patches）：记录修改的触发器缺失）" in err, err


def test_a_settled_conflict_says_who_settled_it_where_the_environment_names_no_user(
        setup, capsys, monkeypatch):
    """On a GeoPackage master the decision is kept as made by the user the command runs as,
    named by the system where the environment does not say (no USER: sudo, cron, Windows,
    a service), never as the master's own device; --by names someone else."""
    import pwd

    master, a, b, tmp = setup
    for name in ("USER", "LOGNAME", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    me = pwd.getpwuid(os.getuid()).pw_name
    for pkg, phase in ((a, "A"), (b, "B")):
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE fid IN (1, 2)", phase)
        assert main(["export", str(pkg), str(tmp / f"{phase}.zip")]) == errors.OK
    assert main(["merge", str(master), str(tmp / "A.zip"), str(tmp / "B.zip")]) == \
        errors.CONFLICTS
    assert main(["resolve", str(master), "1", "--take", "theirs"]) == errors.OK
    assert main(["resolve", str(master), "2", "--take", "ours", "--by", "Zhang Wei"]) == \
        errors.OK
    capsys.readouterr()
    assert main(["conflicts", str(master), "--every"]) == errors.OK
    out = capsys.readouterr().out
    assert f"take:theirs by {me} at " in out and "take:ours by Zhang Wei at " in out, out
    assert main(["conflicts", str(master), "--every", "--json"]) == errors.OK
    assert [c["resolved_by"] for c in json.loads(capsys.readouterr().out)] == \
        [me, "Zhang Wei"]


# A checkout cut short after the master registered the device, before the package, written
# whole beside its name, was given it.
_CUT_BEFORE_THE_NAME = """
import os, signal, sys
from field_kit.sync import package_checkout
real = os.replace
def replace(src, dst):
    if src.endswith(".part"):
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)
package_checkout.os.replace = replace
from field_kit.cli.commands import main
main(sys.argv[1:])
"""


def test_a_checkout_cut_short_before_naming_its_package_is_made_again(tmp_path, capsys):
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    pkg = tmp_path / "p.gpkg"
    argv = ["checkout", str(master), str(pkg), "--device", "tab-1", "--role", "gis"]
    subprocess.run([sys.executable, "-c", _CUT_BEFORE_THE_NAME, *argv],
                   cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))), check=False)
    assert not pkg.exists() and (tmp_path / "p.gpkg.part").exists()
    with sqlite3.connect(master) as c:  # registered: a package nobody was handed
        assert c.execute("SELECT count(*) FROM sync_devices WHERE device = 'tab-1'"
                         ).fetchone() == (1,)
    assert fk(*argv) == errors.OK  # run again, as anyone would
    assert pkg.exists() and not (tmp_path / "p.gpkg.part").exists()
    edit(pkg, "UPDATE mine_patches SET township = 'Elsewhere' WHERE fid = 1")
    assert fk("export", pkg, tmp_path / "c.zip") == errors.OK
    assert fk("merge", master, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    # a package handed out is still never replaced unasked
    assert fk("checkout", master, tmp_path / "q.gpkg", "--device", "tab-1") == errors.BAD_INPUT
    assert "has a field package already" in capsys.readouterr().err


def test_what_a_checkout_cut_short_left_is_never_taken_for_a_package(tmp_path, capsys,
                                                                     monkeypatch):
    """The .part a killed checkout leaves, whole and registered as it is, is refused by
    name by every command that opens a field package or a master (and by the field app),
    untouched; the same checkout run again makes the package, the device registered once."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    pkg = tmp_path / "p.gpkg"
    argv = ["checkout", str(master), str(pkg), "--device", "tab-1"]
    root = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
    subprocess.run([sys.executable, "-c", _CUT_BEFORE_THE_NAME, *argv], cwd=root, check=False)
    part = tmp_path / "p.gpkg.part"
    assert part.exists() and not pkg.exists()
    before = part.read_bytes()
    said = (f"field-kit: {part} is what a checkout cut short left, never a field package: "
            f"run the same checkout again (to {pkg}), which makes the package")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    for command in (["status", part], ["log", part], ["export", part, tmp_path / "x.zip"],
                    ["pull", part, master], ["repair", part], ["conflicts", part],
                    ["merge", part, tmp_path / "x.zip"]):
        capsys.readouterr()
        assert fk(*command) == errors.BAD_INPUT, command
        err = capsys.readouterr().err
        assert said in err, (command, err)
        assert f"field-kit: {part} 是签出中断时留下的文件，不是外业数据包：请再次运行同一签出" \
               f"命令（签出到 {pkg}），即可生成数据包" in err, (command, err)
    monkeypatch.delenv("FIELD_KIT_LANG")
    assert part.read_bytes() == before and not (tmp_path / "x.zip").exists()
    assert sorted(os.listdir(tmp_path)) == ["m.gpkg", "p.gpkg.part"]
    for app in (["field_kit.app", part], ["field_kit.cli", "app", part]):  # (no box: a test)
        run = subprocess.run([sys.executable, "-m", *map(str, app), "--lang", "en",
                              "--test-script", "{}"], cwd=root, capture_output=True, text=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
        assert run.returncode == errors.BAD_INPUT, run.stderr
        assert said.replace("field-kit: ", "(", 1) + ")" in run.stderr
        assert sorted(os.listdir(tmp_path)) == ["m.gpkg", "p.gpkg.part"]  # (no lock beside)
    assert fk(*argv) == errors.OK  # the same checkout again, no --replace
    assert sorted(os.listdir(tmp_path)) == ["m.gpkg", "p.gpkg"]
    with contextlib.closing(sqlite3.connect(master)) as conn:
        registered = conn.execute("SELECT checkout_uuid FROM sync_devices").fetchall()
    with contextlib.closing(sqlite3.connect(pkg)) as conn:
        assert registered == conn.execute("SELECT checkout_uuid FROM sync_state").fetchall()
    assert fk("status", pkg) == errors.OK


def test_settling_a_devices_conflicts_again_says_none_is_left_open(setup, capsys,
                                                                   monkeypatch):
    """resolve --all DEVICE run again, every conflict of the device settled: said plainly,
    and done (exit 0); a name the master never merged from is refused, naming the devices
    it did merge from. In Chinese too for a user whose locale is Chinese."""
    master, a, b, tmp = setup
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for pkg, phase in ((b, "B"), (a, "A")):  # b's edit the older: kept aside as tab-b's
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE fid IN (1, 2)", phase)
        assert fk("export", pkg, tmp / f"{phase}.zip") == errors.OK
    assert fk("merge", master, tmp / "A.zip") == errors.OK
    assert fk("merge", master, tmp / "B.zip") == errors.CONFLICTS
    assert fk("resolve", master, "--all", "tab-b", "--take", "ours") == errors.OK
    capsys.readouterr()
    assert fk("resolve", master, "--all", "tab-b", "--take", "ours") == errors.OK
    out = capsys.readouterr().out
    assert out.splitlines() == ["no open conflicts from tab-b", "没有来自 tab-b 的未处理冲突"], out
    assert fk("resolve", master, "--all", "B.zip", "--take", "theirs") == errors.OK
    assert "no open conflicts from B.zip" in capsys.readouterr().out
    assert fk("resolve", master, "--all", "tab-c", "--take", "ours") == errors.BAD_INPUT
    err = capsys.readouterr().err
    assert "field-kit: no open conflict for tab-c: this master has merged nothing from a " \
           "device, package or merge of that name (devices it has merged from: tab-a, " \
           "tab-b)" in err, err
    assert "field-kit: tab-c 没有未处理的冲突：此主库从未合并过该名称的设备、修改包或合并（已合并" \
           "过的设备：tab-a、tab-b）" in err, err


def test_settling_by_a_device_whose_merges_kept_anothers_value_says_where_they_are(
        setup, capsys):
    """--all DEVICE settles the conflicts that keep that device's value aside: where its
    own merges kept another device's, nothing is open from it, and the line says where
    those are."""
    master, a, b, tmp = setup
    for pkg, phase in ((a, "A"), (b, "B")):  # b's the later: a's kept aside, in b's merge
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE fid IN (1, 2)", phase)
        assert fk("export", pkg, tmp / f"{phase}.zip") == errors.OK
    assert fk("merge", master, tmp / "A.zip", tmp / "B.zip") == errors.CONFLICTS
    capsys.readouterr()
    assert fk("resolve", master, "--all", "tab-b", "--take", "ours") == errors.OK
    assert capsys.readouterr().out == (
        "no open conflicts from tab-b; 2 open conflicts recorded by its merges keep another "
        "device's value aside: settle them by their merge or package (field-kit conflicts "
        "lists them)\n")
    assert fk("conflicts", master) == errors.CONFLICTS


def test_history_says_who_settled_a_conflict_as_conflicts_does(setup, capsys, monkeypatch):
    """The change a decision wrote is shown in history as made by whoever settled it
    (--by, else the user the command runs as), as conflicts --every shows it, not by the
    master's own device; a decision an earlier version kept without a name reads as
    before."""
    import pwd

    master, a, b, tmp = setup
    monkeypatch.delenv("USER", raising=False)
    me = pwd.getpwuid(os.getuid()).pw_name
    for pkg, phase in ((a, "A"), (b, "B")):
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE fid IN (1, 2)", phase)
        assert fk("export", pkg, tmp / f"{phase}.zip") == errors.OK
    assert fk("merge", master, tmp / "A.zip", tmp / "B.zip") == errors.CONFLICTS
    capsys.readouterr()
    assert fk("conflicts", master, "--json") == errors.CONFLICTS
    first, second = json.loads(capsys.readouterr().out)
    assert fk("resolve", master, first["id"], "--take", "theirs", "--by", "Zhang Wei") == \
        errors.OK
    assert fk("resolve", master, second["id"], "--take", "theirs") == errors.OK
    for c, who in ((first, "Zhang Wei"), (second, me)):
        capsys.readouterr()
        assert fk("history", master, c["row_uuid"]) == errors.OK
        settled = capsys.readouterr().out.splitlines()[-2]
        assert f" by {who} resolve:{c['id']} update mine_patches " in settled, settled
        assert fk("history", master, c["row_uuid"], "--json") == errors.OK
        last = history_json(capsys.readouterr().out)["changes"][-1]
        assert (last["origin"], last["by"], last["device"]) == \
            (f"resolve:{c['id']}", who, "master")
    # and the log, which lists every change, says the same
    capsys.readouterr()
    assert fk("log", master) == errors.OK
    out = capsys.readouterr().out
    for c, who in ((first, "Zhang Wei"), (second, me)):
        assert f" settled by {who} resolve:{c['id']} update mine_patches " in out, out
    assert fk("log", master, "--json") == errors.OK
    assert {r["by"] for r in log_json(capsys.readouterr().out)["changes"]
            if r["origin"].startswith("resolve:")} == {"Zhang Wei", me}
    # kept without a name (an earlier version): the change reads as its device wrote it
    with sqlite3.connect(master) as conn:
        conn.execute("UPDATE sync_conflicts SET resolved_by = NULL")
    conn.close()
    capsys.readouterr()
    assert fk("history", master, first["row_uuid"]) == errors.OK
    settled = capsys.readouterr().out.splitlines()[-2]
    assert f" master resolve:{first['id']} update mine_patches " in settled, settled


def test_a_command_advised_names_a_path_with_spaces_as_a_shell_takes_it(
        tmp_path, capsys, monkeypatch):
    """The command a message advises, pasted into a shell, takes a path with spaces and
    Chinese as one argument, in English and Chinese; an empty file is said to be one."""
    import shlex

    folder = tmp_path / "外业 数据 2024" / "李 明"
    folder.mkdir(parents=True)
    copy = str(make_gpkg(folder / "李明 包.gpkg", patches=2, install=False))
    for lang in ("en", "zh"):
        monkeypatch.setenv("FIELD_KIT_LANG", lang)
        capsys.readouterr()
        assert fk("status", copy) == errors.BAD_INPUT
        advised = capsys.readouterr().err.strip().split("\n")[-1].rsplit("field-kit init ", 1)[1]
        assert shlex.split(advised) == [copy], advised
    empty = tmp_path / "empty.gpkg"
    empty.write_bytes(b"")
    for lang, said in (("en", f"{empty} is an empty file (0 bytes), neither a master nor a "
                              "field package"), ("zh", f"{empty} 是空文件（0 字节）")):
        monkeypatch.setenv("FIELD_KIT_LANG", lang)
        capsys.readouterr()
        assert fk("status", empty) == errors.BAD_INPUT
        err = capsys.readouterr().err
        assert said in err and "Package layers" not in err, err
    assert empty.read_bytes() == b""


def test_history_and_log_say_who_settled_a_conflict_in_chinese(setup, capsys, monkeypatch):
    """For a user whose language is Chinese, the change a decision wrote is said made by its
    settler in Chinese, in history and in the log alike; each change's head line says where
    it came from and what it did in Chinese, the layer by its title."""
    master, a, b, tmp = setup
    for pkg, phase in ((a, "A"), (b, "B")):
        edit(pkg, "UPDATE mine_patches SET phase = ? WHERE fid = 1", phase)
        assert fk("export", pkg, tmp / f"{phase}.zip") == errors.OK
    assert fk("merge", master, tmp / "A.zip", tmp / "B.zip") == errors.CONFLICTS
    assert fk("resolve", master, "1", "--take", "theirs", "--by", "赵主任") == errors.OK
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    row = json.loads(_out(capsys, "conflicts", master, "--every", "--json"))[0]["row_uuid"]
    ((code,),) = rows(master, "SELECT patch_code FROM mine_patches WHERE uuid = ?", row)
    # (history names the row by its code; the log, of every row, by its uuid)
    for said, named in ((_out(capsys, "history", master, row), code),
                        (_out(capsys, "log", master), row)):
        # (the master's own work named by the master, who settled it beside)
        assert re.search(rf" 主库，处理人 赵主任 处理冲突 1 修改 历史遗留矿山图斑 {named} 变更 "
                         r"\S+\n", said), said
        assert re.search(rf" tab-b 合并 \S+ 修改 历史遗留矿山图斑 {named} 变更 \S+\n", said), said
        heads = [line for line in said.splitlines() if not line.startswith(" ")]
        assert heads and not any(w in line for line in heads for w in (
            "settled by", "update", "change", "resolve", "merge", "mine_patches")), heads
    _out(capsys, "checkout", master, tmp / "c.gpkg", "--device", "tab-c")
    edit(tmp / "c.gpkg", "DELETE FROM mine_patches WHERE fid = 2")
    said = _out(capsys, "log", tmp / "c.gpkg")
    assert re.match(r"1 \S+ \S+ tab-c 本机 删除 历史遗留矿山图斑 \S+ 变更 \S+\n", said), said


def _out(capsys, *argv) -> str:
    capsys.readouterr()
    fk(*argv)
    return capsys.readouterr().out


def test_a_file_with_no_change_capture_is_said_to_be_no_master_with_both_ways_on(
        tmp_path, capsys, monkeypatch):
    """A copy of the master's layers (QGIS's Package layers, ogr2ogr) given as a master or a
    field package is said to be neither, with the way to a field package (checkout from the
    master) before the way to a new master of its own (init), in English and Chinese;
    nothing is written to it."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    copy = str(make_gpkg(tmp_path / "copy.gpkg", patches=5, install=False))
    pkg = tmp_path / "p.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab-1") == errors.OK
    before = Path(copy).read_bytes()
    said = (f"field-kit: {copy} is neither a master nor a field package (no change capture in "
            "it, as in a copy made by QGIS's Package layers or ogr2ogr): to take a field "
            "package from the master, run field-kit checkout MASTER OUT --device NAME; to make "
            f"this file a new master, of a project of its own, run field-kit init {copy}\n")
    zh = (f"field-kit: {copy} 既不是主库，也不是外业数据包（其中没有修改记录，如 QGIS“打包图层”或 "
          "ogr2ogr 复制所得）：要从主库取外业数据包，请运行 field-kit checkout 主库 输出文件 "
          "--device 设备名；要把此文件作为新的主库（另立一个项目），请运行 field-kit init "
          f"{copy}\n")
    for command in (["status", copy], ["log", copy], ["export", copy, tmp_path / "x.zip"],
                    ["pull", copy, master], ["pull", pkg, copy], ["merge", copy, pkg],
                    ["conflicts", copy], ["checkout", copy, tmp_path / "q.gpkg", "--device",
                                          "tab-2"]):
        capsys.readouterr()
        monkeypatch.setenv("FIELD_KIT_LANG", "en")
        assert fk(*command) == errors.BAD_INPUT, command
        assert capsys.readouterr().err == said, command
        monkeypatch.setenv("FIELD_KIT_LANG", "zh")
        assert fk(*command) == errors.BAD_INPUT, command
        assert capsys.readouterr().err == said + zh, command
    source = tmp_path / "surveyed.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"patch_code": "P0000000"}, "geometry": {
            "type": "Polygon", "coordinates": [[[88.6, 42.8], [88.61, 42.8], [88.61, 42.81],
                                                [88.6, 42.8]]]}}]}))
    monkeypatch.setenv("FIELD_KIT_LANG", "en")
    capsys.readouterr()
    assert fk("import", copy, source, "--layer", "mine_patches", "--dry-run") == \
        errors.INVALID
    assert f"error: {copy} is not a master (no change capture in it, as in the plan " \
           "GeoPackage itself, or a copy made by QGIS's Package layers or ogr2ogr): import " \
           "into the master; to make this file a new master, of a project of its own, run " \
           f"field-kit init {copy}\n" in capsys.readouterr().out
    assert Path(copy).read_bytes() == before and not (tmp_path / "q.gpkg").exists()


# An export killed once it began writing its zip (after the signature, or whole but not yet
# named): the zip's .part is left beside where the zip goes.
_EXPORT_KILLED = """
import os, signal, sys, zipfile
when = sys.argv.pop(1)
real_write = zipfile.ZipFile.writestr
def writestr(self, name, *args, **kwargs):
    real_write(self, name, *args, **kwargs)
    if when == "writing" and name == "manifest.sig":
        self.fp.flush()
        os.kill(os.getpid(), signal.SIGKILL)
zipfile.ZipFile.writestr = writestr
import field_kit.db
real_replace = os.replace
def replace(src, dst):
    if when == "naming" and src.endswith(".part"):
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)
field_kit.db.os.replace = replace
from field_kit.cli.commands import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("onto", ["package", "master"])
def test_an_export_named_as_a_geopackage_is_refused_and_writes_over_nothing(
        tmp_path, capsys, monkeypatch, onto):
    """OUT the field package itself or the master (a name slipped, completed by the shell):
    refused, both files as they were, the edits still waiting to be sent."""
    master = Path(make_gpkg(tmp_path / "m.gpkg", patches=3))
    pkg = tmp_path / "p.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab-1", "--role", "gis") == errors.OK
    edit(pkg, "UPDATE mine_patches SET mineral = 'gold' WHERE fid < 3")
    out = pkg if onto == "package" else master
    before = {f: f.read_bytes() for f in (pkg, master)}
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    for everything in ([], ["--all"]):
        assert fk("export", pkg, out, *everything) == errors.BAD_INPUT
        err = capsys.readouterr().err
        assert f"{out} is a GeoPackage (a master or a field package), not a change package: " \
               "an export never writes over one; nothing was changed: give the change " \
               f"package a name of its own (field-kit export {pkg} OUT.zip)" in err, err
        assert f"{out} 是 GeoPackage（主库或外业数据包），不是修改包：导出从不覆盖它；" in err, err
        assert {f: f.read_bytes() for f in (pkg, master)} == before
    assert not Path(f"{out}.part").exists()
    assert fk("export", pkg, tmp_path / "p.zip") == errors.OK
    assert "2 changes" in capsys.readouterr().out


@pytest.mark.parametrize("when", ["writing", "naming"])
def test_an_export_killed_leaves_no_part_passed_off_as_a_package(tmp_path, capsys, when,
                                                                  monkeypatch):
    """The .part an export killed leaves is never merged as a change package (refused by
    name, whole as it may be) and the next export leaves none, whether it writes the zip
    or has nothing to send, to that name or another."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    pkg = tmp_path / "p.gpkg"
    assert fk("checkout", master, pkg, "--device", "tab-1", "--role", "gis") == errors.OK
    edit(pkg, "UPDATE mine_patches SET mineral = 'gold' WHERE fid < 4")

    def killed(out: str) -> None:
        subprocess.run([sys.executable, "-c", _EXPORT_KILLED, when, "export", str(pkg),
                        str(tmp_path / out)], check=False, capture_output=True,
                       cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
        assert (tmp_path / f"{out}.part").exists() and not (tmp_path / out).exists()
    killed("c.zip")
    part = tmp_path / "c.zip.part"
    before = sqlite3.connect(master).execute("SELECT count(*) FROM sync_changes").fetchone()
    capsys.readouterr()
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    assert fk("merge", master, part) == errors.REFUSED
    out = capsys.readouterr().out
    assert "REFUSED c.zip.part: the unfinished file of an export cut short, never a change " \
           "package: export again (field-kit export)" in out, out
    assert "已拒收：c.zip.part：导出中断时留下的未完成文件，不是修改包：请重新导出（field-kit " \
           "export）" in out, out
    monkeypatch.delenv("FIELD_KIT_LANG")
    with contextlib.closing(sqlite3.connect(master)) as conn:
        assert conn.execute("SELECT count(*) FROM sync_changes").fetchone() == before
    killed("d.zip")  # (killed in its turn: the one before's unfinished file it removed)
    assert not part.exists()
    assert fk("export", pkg, tmp_path / "c.zip") == errors.OK  # run again, as anyone would
    assert (tmp_path / "c.zip").exists() and not part.exists()
    assert fk("merge", master, tmp_path / "c.zip") == errors.OK
    capsys.readouterr()
    assert fk("export", pkg, tmp_path / "d.zip") == errors.OK  # nothing left to send
    assert "nothing to export" in capsys.readouterr().out
    assert not (tmp_path / "d.zip.part").exists() and not (tmp_path / "d.zip").exists()


def test_settling_many_conflicts_names_a_few_and_counts_the_rest(setup, capsys, monkeypatch):
    """resolve --all may settle tens of thousands: the line names the first ten and counts
    the rest (in Chinese too), never every id; a few are each named."""
    master, a, b, tmp = setup
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for pkg, phase in ((b, "B"), (a, "A")):
        edit(pkg, "UPDATE mine_patches SET phase = ?, area_m2 = ?", phase, len(phase) + ord(phase))
        assert fk("export", pkg, tmp / f"{phase}.zip") == errors.OK
    assert fk("merge", master, tmp / "A.zip") == errors.OK
    assert fk("merge", master, tmp / "B.zip") == errors.CONFLICTS
    capsys.readouterr()
    assert fk("resolve", master, "--all", "tab-b", "--take", "ours") == errors.OK
    first, zh = capsys.readouterr().out.splitlines()[:2]
    assert first.startswith("resolved 40 conflicts: ")
    named, more = first.split(": ", 1)[1].split(" and ")
    assert len(named.split(", ")) == 10
    assert more == "30 more (field-kit conflicts --every lists them)"
    assert zh == f"已处理 40 项冲突：{named.replace(', ', '、')} 等（另有 30 项，field-kit " \
        "conflicts --every 可列出全部）"


def _phase_edit_merged(tmp_path):
    """A master of five patches into which GIS package g's new phase of patch 1 is merged:
    (master, package)."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    pkg = tmp_path / "g.gpkg"
    assert fk("checkout", master, pkg, "--device", "g", "--role", "gis") == errors.OK
    edit(pkg, "UPDATE mine_patches SET phase = '中期' WHERE fid = 1")
    assert fk("export", pkg, tmp_path / "c.zip") == errors.OK
    assert fk("merge", master, tmp_path / "c.zip") == errors.OK
    return master, pkg


def test_status_says_each_of_its_lines_in_chinese_too(tmp_path, capsys, monkeypatch):
    """A supervisor whose locale is Chinese reads a master's and a package's status in
    Chinese, under each English line: the devices, the merges with their counts, what is
    not tracked and the conflicts open."""
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    master, pkg = _phase_edit_merged(tmp_path)
    capsys.readouterr()
    assert fk("status", master) == errors.OK
    out = capsys.readouterr().out.splitlines()
    merge_line = next(i for i, line in enumerate(out) if line.startswith("merge "))
    assert out[merge_line + 1].startswith("合并 ") and "应用 1 项" in out[merge_line + 1], out
    assert out[out.index("device g (gis): base 0, merged up to 1") + 1] == \
        "设备 g（GIS 人员）：基线 0，已合并至 1"
    assert out[out.index("not tracked: plan_meta: not listed in gpkg_contents, so not a "
                         "GeoPackage layer (QGIS and GDAL do not show it); load it as a layer "
                         "(ogr2ogr, QGIS) to have it tracked") + 1].startswith(
        "未跟踪：plan_meta：未列入 gpkg_contents，因而不是 GeoPackage 图层")
    assert out[-2:] == ["open conflicts 0", "未处理的冲突 0 项"]
    assert fk("status", pkg) == errors.OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("package: device g (gis)") and out[1].startswith("数据包：设备 g（")
    assert out[out.index("base 0, exported up to 1, changes waiting 0") + 1] == \
        "基线 0，已导出至 1，待导出修改 0 项"



def test_init_and_status_name_what_they_track_in_chinese_too(tmp_path, capsys, monkeypatch):
    """Under each English line, init's tracked and not tracked layers and status's columns
    added since are said in Chinese: a plan layer by its title, its column by its label or
    name, several listed with 、; a layer of the county's own by its name."""
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    master, pkg = _phase_edit_merged(tmp_path)
    own = make_gdal_layer(tmp_path / "own.gpkg", 2)
    said = {}
    for path, tracked in ((master, ("mine_patches", "历史遗留矿山图斑")),
                          (own, ("forest_stands", "forest_stands"))):
        capsys.readouterr()
        assert fk("init", path, "--device", "master") == errors.OK
        said[path] = capsys.readouterr().out
        assert "  tracked: {}\n  已跟踪：{}\n".format(*tracked) in said[path], said[path]
    assert "to have it tracked\n  未跟踪：plan_meta：未列入 gpkg_contents，因而不是 GeoPackage " \
        "图层" in said[master], said[master]
    for path in (master, pkg):
        edit(path, "ALTER TABLE mine_patches ADD COLUMN extra TEXT")
        edit(path, "ALTER TABLE mine_patches ADD COLUMN mined_on TEXT")
    for path, en, zh in (
            (master, "added since the last command, tracked by the next: ",
             "上次命令后新增、将由下一条命令纳入跟踪："),
            (pkg, "schema changes waiting: ", "待导出的数据结构变更：")):
        capsys.readouterr()
        assert fk("status", path) == errors.OK
        out = capsys.readouterr().out
        assert f"{en}mine_patches.extra, mine_patches.mined_on\n{zh}历史遗留矿山图斑：extra、" \
               "mined_on\n" in out, out


def test_merge_json_counts_the_conflicts_to_settle_a_field_each(master, tmp_path, capsys):
    """One change holding two fields in conflict is one conflict in the merge's counts (of
    changes) and two to settle, as `conflicts` lists them: --json gives both, as the text
    does ("2 to settle in 1 change")."""
    from tests.unit.gpkg_factory import fields_met_in_the_master
    package = fields_met_in_the_master(master, tmp_path)
    capsys.readouterr()
    assert fk("merge", master, package, "--json") == errors.CONFLICTS
    said = json.loads(capsys.readouterr().out)
    (merged,) = said["merges"]
    assert merged["counts"]["conflict"] == 1 and merged["conflict_fields"] == 2
    assert said["totals"]["conflict"] == 1 and said["totals"]["conflict_fields"] == 2
    assert fk("conflicts", master, "--json") == errors.CONFLICTS
    assert len(json.loads(capsys.readouterr().out)) == merged["conflict_fields"]


def test_conflicts_says_each_conflict_in_chinese_too(master, tmp_path, capsys, monkeypatch):
    """Under a Chinese locale `conflicts` gives each conflict's line and sides in Chinese
    too, under the English ones (for scripts), and the count."""
    from tests.unit.gpkg_factory import fields_met_in_the_master
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert fk("merge", master, fields_met_in_the_master(master, tmp_path)) == \
        errors.CONFLICTS
    capsys.readouterr()
    assert fk("conflicts", master) == errors.CONFLICTS
    out = capsys.readouterr().out.splitlines()
    # what the list comes to first, then each conflict
    assert out[:2] == ["2 open conflicts in 1 merge: patch_verifications 2",
                       "1 次合并中共 2 项未处理的冲突：图斑核查记录 2 项"], out
    assert out[2].startswith("#1 open update/update patch_verifications ")
    # (the layer by its title, the field by its label)
    assert re.fullmatch(r"#1 未处理 修改/修改 图斑核查记录 \S+（要素 \S+）字段 (核查人|备注) 来自 "
                        r"tech-b，时间 .+", out[4]), out
    assert out[5] == '    共同祖先 "a" ｜ 主库现值（ours）"m" ｜ 另一方（theirs）"b"', out
    assert out[-2:] == ["2 conflicts", "共 2 项冲突"]


def test_history_finds_a_patch_by_its_code(tmp_path, capsys):
    """A supervisor asks for a patch's history by the code every report names it by; a
    code several rows share is refused, naming them; an unknown one says what it takes."""
    master, _ = _phase_edit_merged(tmp_path)
    with sqlite3.connect(master) as c:
        code, uuid = c.execute("SELECT patch_code, uuid FROM mine_patches WHERE fid = 1"
                               ).fetchone()
    capsys.readouterr()
    assert fk("history", master, code) == errors.OK
    out = capsys.readouterr().out
    assert out.startswith(f"{code} is row {uuid} of mine_patches\n") and "中期" in out, out
    edit(master, "UPDATE mine_patches SET patch_code = ? WHERE fid = 2", code)
    assert fk("history", master, code) == errors.BAD_INPUT
    assert f"{code} names 2 rows: give one's uuid: mine_patches {uuid}" in \
        capsys.readouterr().err
    assert fk("history", master, "CT-nope") == errors.BAD_INPUT
    assert "history takes a row's uuid, or a patch code" in capsys.readouterr().err


@pytest.mark.parametrize("sealed", [False, True])
def test_history_finds_a_deleted_patch_by_the_code_it_had(tmp_path, capsys, sealed):
    """A patch deleted (a decision taking a device's delete, GIS staff's own delete) is
    found by its code all the same, said deleted, its delete listed: it said "no recorded
    change", as if the patch had none."""
    master, _ = _phase_edit_merged(tmp_path)
    with sqlite3.connect(master) as c:
        code, uuid = c.execute("SELECT patch_code, uuid FROM mine_patches WHERE fid = 1"
                               ).fetchone()
    edit(master, "DELETE FROM mine_patches WHERE fid = 1")
    if sealed:  # (as a command since seals the master's own edits into its log)
        from field_kit.db import connect
        from field_kit.sync import changelog
        conn = connect(master)
        changelog.seal(conn)
        assert conn.execute("SELECT count(*) FROM sync_changes WHERE op = 'delete'"
                            ).fetchone() == (1,)
        conn.close()
    capsys.readouterr()
    assert fk("history", master, code) == errors.OK
    out = capsys.readouterr().out
    assert out.startswith(f"{code} is row {uuid} of mine_patches, deleted since\n"), out
    assert f" delete mine_patches {uuid} " in out and "中期" in out, out


def test_history_by_a_code_says_a_deleted_patch_had_it_too(tmp_path, capsys):
    """A patch deleted and a new one given its code: `history CODE` shows the live one and
    names the deleted one with how to see it (it was not mentioned)."""
    master, _ = _phase_edit_merged(tmp_path)
    with sqlite3.connect(master) as c:
        code, old = c.execute("SELECT patch_code, uuid FROM mine_patches WHERE fid = 1"
                              ).fetchone()
    edit(master, "DELETE FROM mine_patches WHERE fid = 1")
    edit(master, "UPDATE mine_patches SET patch_code = ? WHERE fid = 2", code)
    with sqlite3.connect(master) as c:
        (new,) = c.execute("SELECT uuid FROM mine_patches WHERE fid = 2").fetchone()
    capsys.readouterr()
    assert fk("history", master, code) == errors.OK
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [f"{code} is row {new} of mine_patches",
                       f"{code} also named row {old} of mine_patches, deleted since: "
                       f"`field-kit history {master} {old}` lists its changes"], out


def test_history_by_a_code_finds_the_patch_renamed_since(tmp_path, capsys):
    """A patch given another code: `history OLDCODE` finds it, said renamed (it said "no
    recorded change" for a code whose rename the log holds)."""
    master, _ = _phase_edit_merged(tmp_path)
    with sqlite3.connect(master) as c:
        code, uuid = c.execute("SELECT patch_code, uuid FROM mine_patches WHERE fid = 1"
                               ).fetchone()
    edit(master, "UPDATE mine_patches SET patch_code = 'RENAMED-1' WHERE fid = 1")
    capsys.readouterr()
    assert fk("history", master, code) == errors.OK
    out = capsys.readouterr().out
    assert out.startswith(f"{code} is row {uuid} of mine_patches, renamed since\n"), out
    assert "RENAMED-1" in out, out


def test_log_and_history_give_local_times_with_their_offset(tmp_path, capsys, in_beijing):
    """A change recorded at 02:00 UTC reads as 10:00 in Beijing, its offset beside it: the
    times a supervisor sees in History and undo-merge are local, and the log agrees."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3)
    edit(master, "UPDATE mine_patches SET township = 'Bostan' WHERE fid = 1")
    # (a checkout seals the edit into the log; then its time is set to a known one)
    assert main(["checkout", str(master), str(tmp_path / "p.gpkg"), "--device", "t"]) == 0
    capsys.readouterr()
    assert main(["log", str(master), "--json"]) == errors.OK
    row = log_json(capsys.readouterr().out)["changes"][0]["row_uuid"]
    edit(master, "UPDATE sync_changes SET at = '2026-05-01T02:00:00.000Z'")
    for command in (["log", str(master)], ["history", str(master), row]):
        assert main(command) == errors.OK
        said = capsys.readouterr().out
        assert "2026-05-01 10:00:00+0800" in said, said
        assert "02:00:00" not in said


def test_conflicts_and_status_give_local_times(tmp_path, capsys, in_beijing, monkeypatch):
    """The times a conflict and a merge are listed with are local, as History gives them,
    in English and Chinese: they gave the UTC time as recorded."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=3, verifications=2)
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    for pkg, device in ((a, "ta"), (b, "tb")):  # (both from the master as it was)
        assert main(["checkout", str(master), str(pkg), "--device", device, "--role",
                     "gis"]) == 0
    for pkg, device in ((a, "ta"), (b, "tb")):
        edit(pkg, f"UPDATE patch_verifications SET remediation_status = '{device}'")
        assert main(["export", str(pkg), str(tmp_path / f"{device}.zip")]) == 0
        main(["merge", str(master), str(tmp_path / f"{device}.zip")])
    edit(master, "UPDATE sync_conflicts SET at = '2026-05-01T02:00:00.000Z'")
    edit(master, "UPDATE sync_merges SET at = '2026-05-01T03:00:00.000Z'")
    monkeypatch.setenv("FIELD_KIT_LANG", "zh")
    capsys.readouterr()
    assert main(["conflicts", str(master)]) == errors.CONFLICTS
    listed = capsys.readouterr().out
    assert listed.count(" at 2026-05-01 10:00:00 set aside (theirs)") == 2, listed
    assert listed.count("，时间 2026-05-01 10:00:00 的值已搁置（theirs）") == 2, listed
    assert main(["status", str(master)]) == errors.CONFLICTS  # (open conflicts)
    said = capsys.readouterr().out
    assert said.count(" at 2026-05-01 11:00:00: applied ") == 2, said
    assert said.count("，时间 2026-05-01 11:00:00：应用 ") == 2, said
    assert "T0" not in listed + said


def test_what_a_checkout_cut_short_twice_left_names_the_package_to_make(tmp_path, capsys):
    """OUT.part.part (a checkout cut short, run again and cut short again) is refused
    naming OUT as the checkout to run again, not OUT.part."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=5)
    twice = tmp_path / "p.gpkg.part.part"
    shutil.copy(master, twice)
    capsys.readouterr()
    assert fk("status", twice) == errors.BAD_INPUT
    assert (f"run the same checkout again (to {tmp_path / 'p.gpkg'}), which makes the "
            "package") in capsys.readouterr().err
