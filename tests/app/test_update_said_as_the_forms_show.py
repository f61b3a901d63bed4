# SPDX-License-Identifier: GPL-2.0-or-later
"""Update (拉取更新) says what it changed as the technician sees it: a feature of the bureau's
own layer by its name, not its uuid; a change of the grants of a form by the fields' labels
in the form's order, none of the columns the app fills itself; a layer without a form as
the sync says it."""

from __future__ import annotations

import shutil

import pytest
from PyQt5.QtWidgets import QMessageBox

from field_kit.app import i18n
from field_kit.db import connect
from field_kit.forms import PATCH_VERIFICATION
from tests.app.test_granted_layers import add_well_checks, opened
from tests.app.test_role_grants_forms import _notes_only, _revoke
from tests.unit.cli_run import cli_said

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs ogr2ogr")

INTERNAL = ("patch_verifications", "created_at", "geom", "patch_uuid", "uuid", "Geometry",
            "几何", "记录时间")


def _updated(qtbot, window, master, monkeypatch) -> str:
    """The text the Update box shows, as the technician takes the master."""
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text: boxes.append(text))
    monkeypatch.setattr("field_kit.app.window_sync.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(master), ""))
    window.pull_dialog()
    assert len(boxes) == 1, boxes
    return boxes[0]


def test_a_bureau_feature_is_named_by_its_name(qtbot, master, tmp_path, monkeypatch):
    add_well_checks(master, tmp_path)
    win = opened(qtbot, master, tmp_path)
    with connect(master) as m:  # the supervisor corrects a well's level
        row = m.execute("SELECT uuid FROM well_checks WHERE well_id = 'W-001'").fetchone()[0]
        m.execute("UPDATE well_checks SET water_level_m = 13.0 WHERE uuid = ?", (row,))
    text = _updated(qtbot, win, master, monkeypatch)
    assert "· W-001 · water_level_m" in text, text
    assert row not in text, text
    win.close()


def test_grants_of_a_form_are_said_by_its_fields(qtbot, master, tmp_path, monkeypatch,
                                                 capsys):
    add_well_checks(master, tmp_path, "notes")
    win = opened(qtbot, master, tmp_path)
    # the verifications narrowed to the notes; the bureau's layer given whole
    _notes_only(capsys, master)
    code, said = cli_said(capsys, "roles", master, "--grant", "technician", "well_checks")
    assert code == 0, said
    text = _updated(qtbot, win, master, monkeypatch)
    assert ("grants changed: technician may now change only these fields of Legacy mine "
            "patch verification records already saved: Notes; not add or delete records"
            ) in text, text
    assert "grants changed: technician may now change well_checks (every column)" in text, \
        text
    assert not any(word in text for word in INTERNAL), text
    # given the verifier too: only what is new is said
    code, said = cli_said(capsys, "roles", master, "--grant", "technician",
                          "patch_verifications.verifier")
    assert code == 0, said
    i18n.set_language(i18n.ZH)
    text = _updated(qtbot, win, master, monkeypatch)
    assert "权限已变更：技术员现在也可以修改历史遗留矿山图斑核查的这些字段：核查人" in text, text
    assert not any(word in text for word in INTERNAL), text
    win.close()


def test_a_grant_narrowed_names_the_fields_left_in_form_order(qtbot, master, tmp_path,
                                                            monkeypatch, capsys):
    win = opened(qtbot, master, tmp_path)
    _revoke(capsys, master, "patch_verifications.notes")
    _revoke(capsys, master, "patch_verifications.verifier")
    text = _updated(qtbot, win, master, monkeypatch)
    line = next((s for s in text.splitlines() if s.startswith("grants changed:")), "")
    assert "may now change only" in line and "not add or delete records" in line, text
    assert not any(word in line for word in INTERNAL + ("Notes", "Verifier")), line
    labels = [f.label("en") for f in PATCH_VERIFICATION.fields
              if f.name in ("patch_class", "damage_type", "year_closed", "verified_on")]
    at = [line.index(label) for label in labels]
    assert at == sorted(at), line  # (as the form lists them, not by column name)
    assert "Patch code" not in line, line  # (filled from the patch: nobody types it)
    win.close()
