# SPDX-License-Identifier: GPL-2.0-or-later
"""A patch split with QGIS's Split Features (the new part keeps the patch code): the save is
said in the message bar, naming the code and both features, with what to do; in a field
package the export is refused until the new part gets its own code. (Nothing was said: the
merge then refused the new part and applied the original's shrink.)"""

from __future__ import annotations

import shutil

from qgis.core import QgsApplication, QgsPointXY

from field_kit import errors
from field_kit.cli.commands import main

CODE = "CT6504222017000026002"


def split(plugin, path) -> list[str]:
    """Split patch CODE north-south through its centre and save; the message bar's warnings."""
    layers = plugin.load(path)
    QgsApplication.processEvents()
    return split_layer(layers["mine_patches"])


def split_layer(patches) -> list[str]:
    """Split patch CODE of the patches' layer ``patches`` as :func:`split` does."""
    (feature,) = patches.getFeatures(f"patch_code = '{CODE}'")
    box = feature.geometry().boundingBox()
    x = box.center().x()
    assert patches.startEditing()
    assert patches.splitFeatures([QgsPointXY(x, box.yMinimum() - 0.01),
                                  QgsPointXY(x, box.yMaximum() + 0.01)], False) == 0
    assert patches.commitChanges(), patches.commitErrors()
    fids = sorted(f.id() for f in patches.getFeatures(f"patch_code = '{CODE}'"))
    assert len(fids) == 2
    return fids


def warned(iface, fids) -> str:
    (said,) = [text for kind, title, text in iface.messages
               if kind == "warning" and title == "One code on two features"]
    assert said.startswith(
        f"patch_code {CODE} now names 2 features of Legacy mine patches (fid {fids[0]}, "
        f"{fids[1]}): a split part, or a pasted feature, keeps the code of the one it came "
        "from, and a code names one feature. Give the new part its own patch_code, or merge "
        "the parts back into one feature (Merge Selected Features). "), said
    return said


def test_a_split_saved_in_a_field_package_is_said_and_its_export_refused(
        plugin, iface, master, tmp_path, capsys):
    pkg = tmp_path / "g.gpkg"
    assert main(["checkout", str(master), str(pkg), "--device", "g1", "--role", "gis"]) == 0
    fids = split(plugin, pkg)
    assert warned(iface, fids).endswith(
        "Until then the export of this field package is refused.")
    capsys.readouterr()
    assert main(["export", str(pkg), str(tmp_path / "g.zip")]) == errors.REFUSED
    assert f"patch_code {CODE} names 2 rows of mine_patches in this field package: " in \
        capsys.readouterr().err
    assert not (tmp_path / "g.zip").exists()


def test_a_split_saved_in_the_master_is_said(plugin, iface, master, tmp_path):
    shutil.copyfile(master, tmp_path / "m.gpkg")
    fids = split(plugin, tmp_path / "m.gpkg")
    assert warned(iface, fids).endswith(
        "Until then every figure of the master counts it twice.")
