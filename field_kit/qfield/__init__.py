# SPDX-License-Identifier: GPL-2.0-or-later
"""Field packages that open in QField (the QGIS app for Android and iOS).

- ``forms``: the form definitions as QGIS widgets, defaults, constraints and tabs.
- ``project``: the ``.qgs`` project XML, written with the standard library.
- ``package``: the project folder and its zip at checkout; finding the package in one
  brought back.
- ``photos``: the photos QField took (files under ``DCIM/``) brought into the package
  before export.

QField writes through GDAL into the package's GeoPackage, so its capture triggers record
the technician's edits as they do in QGIS; nothing is rebuilt on the phone.
"""

from __future__ import annotations

from .package import checkout, locate, prepare_export

__all__ = ["checkout", "locate", "prepare_export"]
