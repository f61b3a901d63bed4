# SPDX-License-Identifier: GPL-2.0-or-later
"""A field package's changes exported as a change package, as the Sync dock and Processing
both export them: an export cut short before settled, where it goes checked, a QField
project's photos read in, then the change package written."""

from __future__ import annotations

from field_kit.qfield import project_folder
from field_kit.sync import cut_short, package_export

from .core_messages import (
    cut_short_said,
    in_user_language,
    line_in_user_language,
    refuse_export_out,
)
from .i18n import tr


def export(pkg, out: str, before: dict, everything: bool = False, progress=None):
    """The changes of the field package ``pkg`` (a QField project's package.gpkg too)
    exported to ``out``: (what reading its photos in decided, the photos read in, the changes
    that made, the changes deleting the photos of records deleted in the project, the
    manifest). ``before`` gets what it did before the change package was
    written (``met``, ``said``, ``brought``: :func:`said_before`), to be said where it then
    fails. ``progress(fraction)`` is told before anything is written, then as the change
    list is read and each picture goes into the change package: raising there (a cancel)
    stops it with no change package written, not even in part."""
    if progress is not None:
        progress(0.0)
    # an export stopped as it wrote: settled first (its unfinished file removed before this
    # one takes room), said even where this one is refused
    before["met"] = met = cut_short.settle_file(pkg)
    # what can be seen of where the change package goes (a folder in the way, a GeoPackage,
    # its folder gone or read-only) refused before the package is changed
    refuse_export_out(pkg, out)
    # a QField project's package: the photos in its DCIM/ read in first, as the command
    # line's export reads them
    said: list[str] = []
    before["said"] = said
    gpkg, brought, made, deleted = project_folder.prepare_export(
        pkg, said, project_folder.photo_shrinker())
    before["brought"] = brought
    man = package_export.export(gpkg, out, everything=everything, progress=None if progress is None
                          else lambda done, of: progress(done / max(of, 1)))
    return said, brought, made, deleted, {**man, "cut_short": met or man.get("cut_short")}


def said_before(said=(), brought=(), met=None, pasted=()) -> list[str]:
    """What an export did before it wrote its change package, a line each in the user's
    language: ``said``, what reading a QField project's photos in decided, ``brought``,
    the photos read in, ``met``, an export before it that was stopped as it wrote,
    ``pasted``, the features pasted into another layer given an identity of their own."""
    return ([in_user_language(line) for line in said]
            + [tr("Photo read in: {name}").format(name=name) for name in brought]
            + cut_short_said({"cut_short": met})
            + [line_in_user_language(line) for line in pasted])


def made_said(n: int, made: int, deleted: int = 0, everything: bool = False) -> list[str]:
    """Of the ``n`` changes an export wrote, the ``made`` by reading in a QField project's
    photos and the ``deleted`` deleting the photos of records deleted in the project (sent
    with those waiting, or with all since checkout where ``everything``), as a line in the
    user's language; none where no photo made a change."""
    if not ((made or deleted) and n):
        return []
    edits = n - made - deleted
    if everything:
        if not deleted:
            return [tr("Of them: {since} since checkout and {made} made by reading "
                       "in the project's photos.").format(since=edits, made=made)]
        if not made:
            return [tr("Of them: {since} since checkout and {deleted} deleting the "
                       "photos of records deleted in the project.").format(
                           since=edits, deleted=deleted)]
        return [tr("Of them: {since} since checkout, {made} made by reading in the "
                   "project's photos and {deleted} deleting the photos of records deleted in "
                   "the project.").format(since=edits, made=made, deleted=deleted)]
    if not deleted:
        return [tr("Of them: {waiting} waiting and {made} made by reading in "
                   "the project's photos.").format(waiting=edits, made=made)]
    if not made:
        return [tr("Of them: {waiting} waiting and {deleted} deleting the "
                   "photos of records deleted in the project.").format(
                       waiting=edits, deleted=deleted)]
    return [tr("Of them: {waiting} waiting, {made} made by reading in the "
               "project's photos and {deleted} deleting the photos of records deleted in the "
               "project.").format(waiting=edits, made=made, deleted=deleted)]
