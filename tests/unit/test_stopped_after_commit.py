# SPDX-License-Identifier: GPL-2.0-or-later
"""A command stopped by a signal once its transaction committed (printing its report,
removing its temporary files) says what is done, in Chinese too, never "nothing was
committed"; its exit code is still the signal's. A checkout stopped once the master
registered its device, before the package was named, is made by the same checkout run
again."""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from field_kit import errors
from field_kit.db import connect
from field_kit.sync import changelog, masters
from tests.unit.gpkg_factory import edit, make_gpkg, merge_to_make

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# the command line, the function named wrapped to send the process ``SIG`` as it returns
# (``after``) or as it is called (``before``)
_STOPPED_AFTER = """
import os, signal, sys
from field_kit.cli import commands
import {module} as where
real = where.{name}
def stopped(*args, **kwargs):
    if {before}:
        os.kill(os.getpid(), signal.{sig})
    done = real(*args, **kwargs)
    if {after}:
        os.kill(os.getpid(), signal.{sig})
    return done
where.{name} = stopped
sys.exit(commands.main(sys.argv[1:]))
"""


def _run(args, module, name, sig, *, before="False", after="False"):
    code = _STOPPED_AFTER.format(module=module, name=name, sig=sig.name, before=before,
                                 after=after)
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "FIELD_KIT_LANG": "zh_CN.UTF-8"})


def _run_again(*args) -> subprocess.CompletedProcess:
    """The command line run (again) without a signal: it finishes, exit 0."""
    done = subprocess.run([sys.executable, "-m", "field_kit.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == errors.OK, done.stderr
    return done


@pytest.mark.parametrize(("sig", "code", "said", "zh"), [
    (signal.SIGTERM, errors.TERMINATED, "stopped (SIGTERM)", "已被终止（SIGTERM）"),
    (signal.SIGINT, errors.INTERRUPTED, "interrupted (Ctrl-C)", "已中断（Ctrl-C）"),
], ids=["SIGTERM", "SIGINT"])
def test_a_merge_stopped_once_committed_says_it_is_done(tmp_path, sig, code, said, zh):
    master, pkg = merge_to_make(tmp_path, 20)
    done = _run(["merge", master, pkg], "field_kit.sync.masters", "merge", sig, after="True")
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines() == [
        f"field-kit: {said} after its changes were committed: `field-kit merge` is done in "
        f"{master}; run `field-kit status` on it to see what it holds",
        f"field-kit: {zh}，但其更改已提交：`field-kit merge` 已在 {master} 中完成；可运行 "
        "`field-kit status` 查看其内容"]
    merged = masters.merges(master)
    assert [m["device"] for m in merged] == ["tab-a"]
    again = _run_again("merge", master, pkg)
    assert "not recorded again" in again.stdout
    assert len(masters.merges(master)) == 1


def test_a_merge_stopped_before_it_committed_still_says_nothing_was(tmp_path):
    master, pkg = merge_to_make(tmp_path, 20)
    # stopped as it opens the package, before its transaction
    done = _run(["merge", master, pkg], "field_kit.sync.merge", "open_package",
                signal.SIGTERM, before="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines()[0] == \
        "field-kit: stopped (SIGTERM); nothing was committed"
    assert masters.merges(master) == []


def test_a_checkout_stopped_once_registered_is_made_by_running_it_again(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "a.gpkg"
    args = ["checkout", master, out, "--device", "tab-a"]
    # stopped as the package, registered, is about to be named
    done = _run(args, "os", "replace", signal.SIGTERM,
                before=f"args[1] == {str(out)!r}")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines() == [
        f"field-kit: stopped (SIGTERM) after its changes were committed: device tab-a is "
        f"registered in {master}, its package not yet named {out}: run the same checkout "
        "again, which makes it",
        f"field-kit: 已被终止（SIGTERM），但其更改已提交：设备 tab-a 已在 {master} 中登记，其数据包"
        f"尚未命名为 {out}：请再次运行同一签出命令，即可生成"]
    assert not out.exists()
    _run_again(*args)
    assert out.exists()


def test_a_checkout_stopped_once_its_package_is_named_says_the_package_is_written(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "a.gpkg"
    args = ["checkout", master, out, "--device", "tab-a"]
    # stopped once the package is written, registered and named, as the checkout says so
    done = _run(args, "field_kit.sync.masters", "checkout", signal.SIGINT, after="True")
    assert done.returncode == errors.INTERRUPTED, done.stderr
    assert done.stderr.splitlines() == [
        f"field-kit: interrupted (Ctrl-C) after its changes were committed: `field-kit "
        f"checkout` is done: device tab-a is registered in {master} and its package {out} is "
        "written",
        f"field-kit: 已中断（Ctrl-C），但其更改已提交：`field-kit checkout` 已完成："
        f"设备 tab-a 已在 {master} 中登记，其数据包 {out} 已写出"]
    assert out.exists() and registered(master) == ["tab-a"]


def registered(master) -> list[str]:
    with contextlib.closing(sqlite3.connect(master)) as conn:
        return [d for (d,) in conn.execute("SELECT device FROM sync_devices")]


def test_a_checkout_stopped_before_it_registered_says_it_did_not(tmp_path):
    """Stopped once it committed the master's id, before it registered the device: it says
    no package was written and the device was not registered (it said the device was);
    stopped once registered, it says so."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "a.gpkg"
    args = ["checkout", master, out, "--device", "tab-a"]
    # as the package is compacted, the master's id committed, the device not registered
    done = _run(args, "field_kit.sync.package_checkout", "_vacuum", signal.SIGINT, before="True")
    assert done.returncode == errors.INTERRUPTED, done.stderr
    assert done.stderr.splitlines() == [
        f"field-kit: interrupted (Ctrl-C): no package was written and device tab-a was not "
        f"registered in {master}",
        f"field-kit: 已中断（Ctrl-C）：未写出数据包，设备 tab-a 未在 {master} 中登记"]
    assert registered(master) == [] and not out.exists()
    assert not os.path.exists(f"{out}.part")
    done = _run(args, "os", "replace", signal.SIGINT, before=f"args[1] == {str(out)!r}")
    assert done.returncode == errors.INTERRUPTED, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"field-kit: interrupted (Ctrl-C) after its changes were committed: device tab-a is "
        f"registered in {master}, its package not yet named {out}: run the same checkout "
        "again, which makes it")
    assert registered(master) == ["tab-a"]


def checkouts(master) -> dict[str, str]:
    with contextlib.closing(sqlite3.connect(master)) as conn:
        return dict(conn.execute("SELECT device, checkout_uuid FROM sync_devices"))


def written_for(pkg) -> str:
    with contextlib.closing(sqlite3.connect(pkg)) as conn:
        return conn.execute("SELECT checkout_uuid FROM sync_state").fetchone()[0]


def test_a_replacing_checkout_stopped_before_it_registered_says_the_earlier_stands(tmp_path):
    """--replace stopped before the new package is registered: the earlier package is still
    the one the master knows (it said the device was registered, its package not yet
    named), and the same command run again replaces it."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    earlier = tmp_path / "a.gpkg"
    _run_again("checkout", master, earlier, "--device", "tab-a")
    out = tmp_path / "b.gpkg"
    args = ["checkout", master, out, "--device", "tab-a", "--replace"]
    done = _run(args, "field_kit.sync.package_checkout", "_vacuum", signal.SIGTERM, before="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines() == [
        f"field-kit: stopped (SIGTERM): no package was written and device tab-a was not "
        f"registered again in {master}: its earlier package stands",
        f"field-kit: 已被终止（SIGTERM）：未写出数据包，设备 tab-a 未在 {master} 中重新登记：其先前"
        "的数据包仍然有效"]
    assert checkouts(master) == {"tab-a": written_for(earlier)} and not out.exists()
    _run_again(*args)
    assert checkouts(master) == {"tab-a": written_for(out)}


def test_a_checkout_cut_short_run_again_and_stopped_early_is_made_the_next_time(tmp_path):
    """A checkout cut short once registered, run again and stopped before it registered
    the new package: the one left unnamed is kept, still registered, as said (it was
    removed, and the same checkout then refused: "has a field package already")."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "a.gpkg"
    args = ["checkout", master, out, "--device", "tab-a"]
    done = _run(args, "os", "replace", signal.SIGTERM, before=f"args[1] == {str(out)!r}")
    assert done.returncode == errors.TERMINATED, done.stderr
    left = written_for(f"{out}.part")
    done = _run(args, "field_kit.sync.package_checkout", "_vacuum", signal.SIGINT, before="True")
    assert done.returncode == errors.INTERRUPTED, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"field-kit: interrupted (Ctrl-C) after its changes were committed: device tab-a is "
        f"registered in {master}, its package not yet named {out}: run the same checkout "
        "again, which makes it")
    assert os.path.isfile(f"{out}.part")
    assert checkouts(master) == {"tab-a": left} == {"tab-a": written_for(f"{out}.part")}
    _run_again(*args)
    assert checkouts(master) == {"tab-a": written_for(out)}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg", "master.gpkg"]


def test_a_checkout_cut_short_run_again_and_killed_once_registered_is_made_the_next_time(
        tmp_path):
    """A checkout cut short once registered, run again and killed (SIGKILL: nothing of it
    runs) once it registered the package it wrote anew, before naming it: what that one
    left unnamed (``OUT.part.part``) is the device's, and the same checkout run again
    makes the package and removes the one left before it, no longer registered, saying so
    (it refused: "has a field package already")."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "a.gpkg"
    args = ["checkout", master, out, "--device", "tab-a"]
    naming = f"args[1] == {str(out)!r}"  # (as the package, registered, is to be named)
    done = _run(args, "os", "replace", signal.SIGKILL, before=naming)
    assert done.returncode == -signal.SIGKILL, done.stderr
    first = written_for(f"{out}.part")
    # (the one before, registered no longer, not removed yet)
    done = _run(args, "os", "remove", signal.SIGKILL, before=f"args[0] == '{out}.part'")
    assert done.returncode == -signal.SIGKILL, done.stderr
    second = written_for(f"{out}.part.part")
    assert first != second and checkouts(master) == {"tab-a": second}
    again = subprocess.run([sys.executable, "-m", "field_kit.cli", *map(str, args)],
                           cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "FIELD_KIT_LANG": "zh_CN.UTF-8"})
    assert again.returncode == errors.OK, again.stderr
    assert checkouts(master) == {"tab-a": written_for(out)}  # (made anew, as the first)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg", "master.gpkg"]
    assert again.stdout.splitlines()[:2] == [
        f"the checkout to {out} cut short before is finished; {out}.part, left by an "
        "earlier run of it and no longer registered, was removed",
        f"此前中断的签出（签出到 {out}）已完成；{out}.part 是其更早一次运行留下的文件，已不再"
        "登记，已删除"]
    assert f"field package {out} for device tab-a (technician)" in again.stdout
    with contextlib.closing(connect(out, readonly=True)) as conn:
        st = changelog.state(conn)
    assert (st["kind"], st["device"]) == (changelog.PACKAGE, "tab-a")
    _run_again("status", out)


def test_a_checkout_cut_short_once_registered_says_it_is_finished_when_run_again(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "a.gpkg"
    args = ["checkout", master, out, "--device", "tab-a"]
    done = _run(args, "os", "replace", signal.SIGKILL, before=f"args[1] == {str(out)!r}")
    assert done.returncode == -signal.SIGKILL, done.stderr
    again = subprocess.run([sys.executable, "-m", "field_kit.cli", *map(str, args)],
                           cwd=ROOT, capture_output=True, text=True,
                           env={**os.environ, "FIELD_KIT_LANG": "zh_CN.UTF-8"})
    assert again.returncode == errors.OK, again.stderr
    assert again.stdout.splitlines()[:2] == [
        f"the checkout to {out} cut short before is finished",
        f"此前中断的签出（签出到 {out}）已完成"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg", "master.gpkg"]


def test_a_checkout_run_again_and_killed_as_it_names_the_package_leaves_nothing_beside_it(
        tmp_path):
    """The run that finishes a checkout cut short twice, killed (SIGKILL) the moment it names
    the package: the package is the device's, and nothing unnamed is left beside it (the
    ``OUT.part`` of a run before, registered no longer, stayed there for good)."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "a.gpkg"
    args = ["checkout", master, out, "--device", "tab-a"]
    naming = f"args[1] == {str(out)!r}"
    for _ in range(2):
        done = _run(args, "os", "replace", signal.SIGKILL, before=naming)
        assert done.returncode == -signal.SIGKILL, done.stderr
    done = _run(args, "os", "replace", signal.SIGKILL, after=naming)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.gpkg", "master.gpkg"]
    assert checkouts(master) == {"tab-a": written_for(out)}
    _run_again("status", out)


def test_a_qfield_checkout_stopped_before_it_registered_says_it_did_not(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "proj"
    done = _run(["checkout", master, out, "--device", "tab-a", "--for", "qfield"],
                "field_kit.sync.package_checkout", "_vacuum", signal.SIGTERM, before="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"field-kit: stopped (SIGTERM): no package was written and device tab-a was not "
        f"registered in {master}")
    assert registered(master) == [] and os.listdir(tmp_path) == ["master.gpkg"]


def test_a_qfield_checkout_stopped_once_registered_is_made_by_running_it_again(tmp_path):
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "proj"
    args = ["checkout", master, out, "--device", "tab-a", "--for", "qfield"]
    # stopped as the package is written and registered, before the project is
    done = _run(args, "field_kit.sync.masters", "checkout", signal.SIGTERM, after="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"field-kit: stopped (SIGTERM) after its changes were committed: device tab-a is "
        f"registered in {master}, its package not yet named {out}: run the same checkout "
        "again, which makes it")
    _run_again(*args)
    assert (out / "package.gpkg").exists() and (tmp_path / "proj.zip").exists()


def test_a_qfield_checkout_cut_short_run_again_and_killed_once_registered_is_made(tmp_path):
    """As a GeoPackage checkout: the package the run again left unnamed in the project
    folder (``package.gpkg.part.part``) is kept, not removed with the folder's other files,
    and the next run makes the project of it (it refused: "has a field package already")."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "proj"
    args = ["checkout", master, out, "--device", "tab-a", "--for", "qfield"]
    named = tmp_path / "proj.part" / "package.gpkg"
    done = _run(args, "os", "replace", signal.SIGKILL, before=f"args[1] == '{named}'")
    assert done.returncode == -signal.SIGKILL, done.stderr
    # (the one before, registered no longer, not removed yet)
    done = _run(args, "os", "remove", signal.SIGKILL, before=f"args[0] == '{named}.part'")
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert sorted(os.listdir(tmp_path / "proj.part")) == ["package.gpkg.part",
                                                          "package.gpkg.part.part"]
    again = _run_again(*args)
    assert f"the checkout to {out} cut short before is finished" in again.stdout
    assert checkouts(master) == {"tab-a": written_for(out / "package.gpkg")}
    assert not [name for name in os.listdir(out) if ".part" in name]
    assert sorted(os.listdir(tmp_path)) == ["master.gpkg", "proj", "proj.zip"]


def test_a_pull_stopped_once_committed_names_the_package_it_is_done_in(tmp_path):
    master, _ = merge_to_make(tmp_path, 20)
    pkg = tmp_path / "a.gpkg"
    done = _run(["pull", pkg, master], "field_kit.sync.masters", "pull", signal.SIGTERM,
                after="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"field-kit: stopped (SIGTERM) after its changes were committed: `field-kit pull` is "
        f"done in {pkg}; run `field-kit status` on it to see what it holds")


def test_a_qfield_pull_stopped_before_its_zip_is_written_says_so(tmp_path):
    """A pull into a QField project takes the project's zip away until it writes it again
    from the folder: stopped between, it says the zip is not written yet (it said only that
    the pull was done, the zip QField takes gone), and the same pull again writes it."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    out = tmp_path / "proj"
    _run_again("checkout", master, out, "--device", "tab-a", "--for", "qfield")
    edit(master, "UPDATE mine_patches SET phase = 'pulled'")
    done = _run(["pull", out, master], "field_kit.qfield.project_folder", "make_zip",
                signal.SIGTERM, before="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines() == [
        f"field-kit: stopped (SIGTERM) after its changes were committed: `field-kit pull` is "
        f"done in {out}, its zip for QField ({out}.zip) not written yet: run the same pull "
        "again, which writes it",
        f"field-kit: 已被终止（SIGTERM），但其更改已提交：`field-kit pull` 已在 {out} 中完成，供 "
        f"QField 使用的 ZIP（{out}.zip）尚未写出：请再次运行同一拉取命令，即可写出"]
    assert not (tmp_path / "proj.zip").exists()
    _run_again("pull", out, master)
    assert (tmp_path / "proj.zip").exists()


def test_a_pull_stopped_once_the_masters_areas_are_followed_says_nothing_was_committed(
        master, tmp_path):
    """What every command does first, bringing the area of a shape edited in the master (in
    the sqlite3 shell) up to date, is not what the command was run for: stopped then,
    nothing of it was committed."""
    from field_kit.db import connect
    from field_kit.sync import package_checkout
    from tests.unit.test_area_follows_shape import square
    from tests.unit.test_shape_edited_in_the_master import CODE, reshape
    pkg = tmp_path / "tab-1.gpkg"
    package_checkout.checkout(master, pkg, "tab-1")
    conn = connect(master, readonly=True)
    u = conn.execute("SELECT uuid FROM mine_patches WHERE patch_code = ?", (CODE,)).fetchone()[0]
    conn.close()
    reshape(master, u, square(88.7, 42.8, 0.004), "sqlite3")
    done = _run(["pull", pkg, master], "field_kit.sync.masters", "shapes_followed",
                signal.SIGTERM, after="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines()[0] == "field-kit: stopped (SIGTERM); nothing was committed"


def test_a_checkout_stopped_once_the_masters_log_is_sealed_says_nothing_was_committed(
        tmp_path):
    """Sealing the master's log (its edits captured since): what every command does first,
    not what it was run for; stopped then, the checkout registered nothing."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=5, tables=("mine_patches",))
    edit(master, "UPDATE mine_patches SET phase = 'x'")  # (captured, to seal)
    out = tmp_path / "a.gpkg"
    done = _run(["checkout", master, out, "--device", "tab-a"], "field_kit.sync.changelog",
                "seal", signal.SIGTERM, after="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines()[0] == "field-kit: stopped (SIGTERM); nothing was committed"


def test_a_signal_once_the_command_is_through_leaves_its_exit_code_and_report(tmp_path):
    """SIGTERM arriving once the merge has said what it did, as the process ends (`timeout`
    a moment too late): the merge's own exit code, its report whole, no "stopped" (the
    default action ended it 143 with no word, its work done)."""
    master, pkg = merge_to_make(tmp_path, 20)
    code = ("import os, signal, sys; from field_kit.cli import commands; "
            "done = commands.main(); os.kill(os.getpid(), signal.SIGTERM); sys.exit(done)")
    done = subprocess.run([sys.executable, "-c", code, "merge", str(master), str(pkg)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == errors.OK, (done.returncode, done.stderr)
    assert "applied 20" in done.stdout and "stopped" not in done.stderr


def test_an_export_stopped_once_its_package_is_written_says_so(tmp_path):
    """Stopped after the change package is in place, before the field package noted it as
    sent: the package is said to be whole and mergeable, and the next export to carry its
    changes again (it said "nothing was committed", the package lying there); stopped once
    noted too, it says both."""
    master = make_gpkg(tmp_path / "master.gpkg", patches=20, verifications=2)
    pkg = tmp_path / "a.gpkg"
    masters.checkout(master, pkg, "tab-a", role="gis")
    edit(pkg, "UPDATE mine_patches SET phase = 'checked'")
    out = tmp_path / "a1.zip"
    # as the written package is read for its digest, before it is noted
    done = _run(["export", pkg, out], "field_kit.sync.package_export", "file_digest",
                signal.SIGTERM, before="True")
    assert done.returncode == errors.TERMINATED, done.stderr
    assert done.stderr.splitlines() == [
        f"field-kit: stopped (SIGTERM) after its changes were committed: the change package "
        f"{out} is whole and can be merged, but {pkg} has not noted that it was sent: the "
        "next export carries these changes again (merging them twice changes nothing)",
        f"field-kit: 已被终止（SIGTERM），但其更改已提交：修改包 {out} 完整，可以合并，但 "
        f"{pkg} 尚未记为已发送：下次导出会再次带上这些修改（重复合并不会改变任何内容）"]
    assert masters.merge(master, [out]).totals["applied"] == 20
    again = tmp_path / "a2.zip"
    done = _run(["export", pkg, again], "field_kit.sync.package_export", "export", signal.SIGINT,
                after="True")
    assert done.returncode == errors.INTERRUPTED, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"field-kit: interrupted (Ctrl-C) after its changes were committed: the change "
        f"package {again} is written and {pkg} noted it as sent")
    assert masters.merge(master, [again]).totals["already"] == 20
