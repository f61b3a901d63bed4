# SPDX-License-Identifier: GPL-2.0-or-later
"""Processing's progress report refuses a technician's field package given as the master,
in the words of ``field-kit report`` (it reported one township's patches as the county's),
and a cancel met as the PDF is done leaves the report already at the path as it was, as
"nothing was changed" says (it had been replaced)."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from field_kit.cli.commands import main
from field_kit.sync import package_checkout
from tests.qgis.test_processing_looks_as_the_command_line import processing  # noqa: F401
from tests.qgis.test_processing_pull_says_what_the_command_line_says import (  # noqa: F401
    speaking,
)


def test_a_field_package_given_as_the_master_is_refused_as_on_the_command_line(
        speaking, processing, master, tmp_path, capsys, monkeypatch):  # noqa: F811
    pkg = tmp_path / "外业 li.gpkg"
    package_checkout.checkout(master, pkg, "li", township="郭勒布依乡")
    monkeypatch.setenv("FIELD_KIT_LANG", speaking)
    capsys.readouterr()
    assert main(["report", str(pkg), "--out", str(tmp_path / "by-hand.xlsx")]) != 0
    said = [line.removeprefix("field-kit: ") for line in capsys.readouterr().err.splitlines()]
    assert said[0] == f"{pkg} is a field package, not a master", said
    for out in (tmp_path / "r.xlsx", tmp_path / "r.pdf"):
        with pytest.raises(QgsProcessingException) as refused:
            processing.run("toksun:report", {"MASTER": str(pkg), "OUTPUT": str(out)})
        assert str(refused.value) == said[-1], (str(refused.value), said)
        assert not out.exists()


class CancelledLate(QgsProcessingFeedback):
    """A user who presses Cancel as the progress bar reaches 98 %."""

    def __init__(self):
        super().__init__()
        self.progressChanged.connect(lambda p: self.cancel() if p >= 98 else None)


def test_a_late_cancel_leaves_the_report_there_as_it_was(processing, master,  # noqa: F811
                                                         tmp_path):
    old = tmp_path / "last month.pdf"
    old.write_bytes(b"%PDF-1.4 last month's report")
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was changed"):
        processing.run("toksun:report", {"MASTER": str(master), "OUTPUT": str(old)},
                       feedback=CancelledLate())
    assert old.read_bytes() == b"%PDF-1.4 last month's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["last month.pdf", "master.gpkg"]
