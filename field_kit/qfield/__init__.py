# SPDX-License-Identifier: GPL-2.0-or-later
"""Field packages that open in QField (the QGIS app for Android and iOS).

- ``attribute_forms``: the form definitions as QGIS widgets, defaults, constraints, tabs;
  a plain form, by the columns' types, for a table no form defines.
- ``project``: the ``.qgs`` project XML, written with the standard library: every table the
  package tracks, editable as the role's grants allow.
- ``project_folder``: the project folder and its zip at checkout; finding the package in
  one brought back.
- ``copies``: a project folder and the zip of its name beside it, compared before export.
- ``dcim``: the photos QField took (files under ``DCIM/``) brought into the package
  before export.
- ``photo_reads``: what those exports read, kept beside the folder and put back into a copy
  from the phone that lacks it.
- ``basemap``: an MBTiles or GeoTIFF base map's coordinate system, from its header.

QField writes through GDAL into the package's GeoPackage, so its capture triggers record
the technician's edits as they do in QGIS; nothing is rebuilt on the phone.
"""

from __future__ import annotations

from .project_folder import (
    checkout,
    locate,
    package_file,
    photo_changes_said,
    photo_shrinker,
    prepare_export,
)

__all__ = ["checkout", "locate", "package_file", "photo_changes_said", "photo_shrinker",
           "prepare_export"]
