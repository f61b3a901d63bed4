# SPDX-License-Identifier: GPL-2.0-or-later
"""The field app's own file dialogs offer files named in capitals, as cameras and Windows
name them (IMG_0001.JPG, a master copied as MASTER.GPKG): a desktop's file dialog (GTK's
on Linux) matches each pattern as written and hid them. Each dialog opened as the user
opens it, by its button or menu item."""

from __future__ import annotations

import pytest
from PyQt5.QtCore import Qt
from PyQt5.QtWidgets import QFileDialog, QPushButton

from field_kit.app import i18n
from field_kit.app.patch_list import PATCH


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The name filters the dialogs are opened with; each dialog cancelled."""
    filters: list[str] = []

    def one(*args, **kw):
        filters.append(args[3])
        return "", ""

    def many(*args, **kw):
        filters.append(args[3])
        return [], ""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(one))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(many))
    return filters


@pytest.mark.parametrize("lang", [i18n.EN, i18n.ZH])
def test_every_file_dialog_offers_names_in_capitals(qtbot, window, patch, asked, lang):
    i18n.set_language(lang)
    window.act_pull.trigger()
    window.act_replay.trigger()
    window.imagery_menu.act_add.trigger()
    window.select(PATCH, patch[0])
    (add,) = [b for b in window.form.photos.findChildren(QPushButton)
              if b.text().startswith("✚")]
    qtbot.mouseClick(add, Qt.LeftButton)
    assert len(asked) == 4, asked
    pull, replay, imagery, photos = asked
    assert "*.gpkg *.GPKG" in pull, pull
    assert "*.nmea *.NMEA" in replay and "*.log *.LOG" in replay, replay
    assert "*.tif *.TIF" in imagery and "*.mbtiles *.MBTILES" in imagery, imagery
    assert "*.jpg *.JPG" in photos and "*.jpeg *.JPEG" in photos and "*.heic *.HEIC" in photos
