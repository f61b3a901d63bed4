# SPDX-License-Identifier: GPL-2.0-or-later
"""A checkout cut short twice once the master registered it (killed before naming its
package), run again from the Sync dock or from Processing: it finishes, removes the
package the earlier run left (no longer registered), and says so as the command line does,
in English and in Chinese: on the message bar and in the dock's report, in Processing's
log."""

from __future__ import annotations

import gc
import signal

import pytest

from qgis_plugin.i18n import tr
from tests.qgis.conftest import qgis_speaking
from tests.qgis.test_followed_said_processing import Heard
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.qgis.test_sync_dock_checkout_refused_in_its_words import take
from tests.qgis.test_sync_dock_colon_and_conflicts_named import dock  # noqa: F401
from tests.unit.test_stopped_after_commit import _run, checkouts, written_for

SAID = {"en": "The checkout to {out} cut short before is finished; {out}.part, left by an "
              "earlier run of it and no longer registered, was removed.",
        "zh": "此前中断的签出（签出到 {out}）已完成；{out}.part 是其更早一次运行留下的文件，"
              "已不再登记，已删除。"}


def cut_short_once(master, out, device: str) -> None:
    """`field-kit checkout` to ``out`` killed (SIGKILL) as it names the package it wrote
    and registered: ``out``.part, the device's."""
    args = ["checkout", master, out, "--device", device]
    done = _run(args, "os", "replace", signal.SIGKILL, before=f"args[1] == {str(out)!r}")
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert checkouts(master) == {device: written_for(f"{out}.part")}


def cut_short_twice(master, out, device: str) -> None:
    """`field-kit checkout` to ``out`` killed (SIGKILL) as it names the package it wrote
    and registered, then run again and killed once registered, before it removed the one
    before: ``out``.part, registered no longer, beside ``out``.part.part, the device's."""
    cut_short_once(master, out, device)
    args = ["checkout", master, out, "--device", device]
    done = _run(args, "os", "remove", signal.SIGKILL, before=f"args[0] == '{out}.part'")
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert checkouts(master) == {device: written_for(f"{out}.part.part")}
    assert written_for(f"{out}.part") != written_for(f"{out}.part.part")


def test_the_sync_dock_says_the_package_it_removed(dock, master, tmp_path,  # noqa: F811
                                                   monkeypatch):
    lang, dock = dock
    out = tmp_path / "tab-1.gpkg"
    cut_short_twice(master, out, "tab-1")
    said = take(dock, out, monkeypatch, by_selection=False)
    gc.collect()
    stale = SAID[lang].format(out=out)
    assert checkouts(master) == {"tab-1": written_for(out)}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("tab-1")) == [
        "tab-1.gpkg"]
    bar = [text for kind, title, text in dock.iface.messages
           if title == tr("Field package created")]
    written = tr("Field package written: {path}").format(path=out)
    assert said.startswith(f"{stale}\n{written}"), said
    assert bar == [stale + {"en": " ", "zh": ""}[lang] + written], bar


FINISHED = {"en": "The checkout to {out} cut short before is finished.",
            "zh": "此前中断的签出（签出到 {out}）已完成。"}


def test_the_sync_dock_says_it_finished_a_checkout_cut_short(dock, master,  # noqa: F811
                                                              tmp_path, monkeypatch):
    lang, dock = dock
    out = tmp_path / "tab-1.gpkg"
    cut_short_once(master, out, "tab-1")
    said = take(dock, out, monkeypatch, by_selection=False)
    gc.collect()
    assert checkouts(master) == {"tab-1": written_for(out)}
    written = tr("Field package written: {path}").format(path=out)
    assert said.startswith(f"{FINISHED[lang].format(out=out)}\n{written}"), said


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("cut_short", "said"), [(cut_short_twice, SAID),
                                                 (cut_short_once, FINISHED)],
                         ids=["removed", "finished"])
def test_processing_says_what_it_finished_and_removed(processing, lang, master,  # noqa: F811
                                                      tmp_path, cut_short, said):
    out = tmp_path / "tab-1.gpkg"
    cut_short(master, out, "tab-1")
    heard = Heard()
    with qgis_speaking({"en": "en_US", "zh": "zh_CN"}[lang], tmp_path / "qm"):
        got = processing.run("toksun:checkout", {"MASTER": str(master), "DEVICE": "tab-1",
                                                 "OUTPUT": str(out)}, feedback=heard)
    assert got["OUTPUT"] == str(out) and checkouts(master) == {"tab-1": written_for(out)}
    assert heard.lines[0] == ("info", said[lang].format(out=out)), heard.lines
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("tab-1")) == [
        "tab-1.gpkg"]
