# SPDX-License-Identifier: GPL-2.0-or-later
"""The core's messages in the user's language: Chinese by the library's table
(:mod:`field_kit.messages_zh`) for a user who reads Chinese, else as the core wrote them."""

from __future__ import annotations

import os
import re
import sqlite3

from field_kit import db, errors
from field_kit.bilingual import Line
from field_kit.messages_zh import chinese, layer_shown_in_chinese, master_in_chinese
from field_kit.plan import schema
from field_kit.plan.values import field_label
from field_kit.sync import (
    codes_unchecked,
    cut_short,
    masters,
    outcomes,
    package_export,
    project_figures,
    rederive,
    restored_no_photo,
    schema_changes,
)

from .i18n import by_count, listed, tr, user_language

# how long a read the user waits on (Verify a patch, Settle conflicts) waits for another
# program holding a GeoPackage, QGIS frozen meanwhile; writes keep the library's wait
READ_WAIT_MS = 1500


def held_now(master) -> errors.SyncError | None:
    """The error a read of the GeoPackage ``master`` meets within :data:`READ_WAIT_MS` (another
    program holding it), None where it reads. Asked before QGIS's own layer reads it: QGIS
    waits five seconds for a held file, frozen, and then reads nothing without a word."""
    if masters.is_postgres(master):
        return None
    try:
        with db.waiting_at_most(READ_WAIT_MS):
            db.connect(master, readonly=True).close()
    except errors.Busy as e:
        return e
    except (errors.SyncError, sqlite3.Error):  # (said by the read that follows)
        return None
    return None


def waited_said(error) -> str:
    """For a file held by another program, how long QGIS waited for it (to append)."""
    if not isinstance(error, errors.Busy):
        return ""
    return tr(" (QGIS waited {seconds} s for it.)").format(seconds=READ_WAIT_MS / 1000)


def in_user_language(message: str, lang: str | None = None) -> str:
    """``message`` from the core, in Chinese when the user reads Chinese and it is known."""
    if (lang or user_language()) != "zh" or not message:
        return message
    return chinese(message)


def line_in_user_language(line: Line) -> str:
    """A line the library words for the command line too, in the user's language: in
    Chinese, the Chinese written with it, else the table's."""
    if user_language() != "zh":
        return line.en
    return line.zh or in_user_language(line.en, "zh")


def error_in_user_language(error, lang: str | None = None) -> str:
    """A core error (a SyncError) in the user's language: in Chinese, the Chinese it carries
    where whoever raised it wrote one (a source file refused says why in both), else the
    table's."""
    if (lang or user_language()) == "zh" and getattr(error, "zh", None):
        return error.zh
    return in_user_language(error.message, lang)


def master_named(master, *, short: bool = False, lang: str | None = None) -> str:
    """The master as the user knows it, in their language: a file's path (``short``: its
    name), or PostgreSQL's database and schema ("PostgreSQL province (schema toksun)";
    ``short``: without "PostgreSQL"), never its address's host or user."""
    name = masters.shown_name(master) if short else masters.shown(master)
    return master_in_chinese(name) if (lang or user_language()) == "zh" else name


def master_named_in(said: str, master, lang: str | None = None) -> str:
    """``said`` (the core's message in the user's language) naming a PostgreSQL ``master``
    as :func:`master_named` does where the core named it otherwise ("cannot connect to
    province (schema toksun)", "无法连接 PostgreSQL 主库 province（模式 toksun）"): one name
    for the master in a line that names it twice."""
    if not said or not masters.is_postgres(master):
        return said
    short = masters.shown_name(master)
    names = "|".join(re.escape(n) for n in (master_in_chinese(short), short))
    named = master_named(master, lang=lang)
    return re.sub(f"(?:PostgreSQL 主库 ?|PostgreSQL master |PostgreSQL )?(?:{names})",
                  lambda _: named, said)


def refusal_said(path, reason: str) -> tuple[str, str]:
    """(the package's name, why it was refused) in the user's language: the reason names
    the package itself, said once is enough."""
    name = os.path.basename(path)
    said = in_user_language(reason)
    for sep in (": ", "："):
        said = said[len(name) + len(sep):] if said.startswith(name + sep) else said
    return name, said


def added_said(layers: list[str], columns: list[str]) -> list[str]:
    """The layers and the columns ("table.column") a package added, as the Sync dock's
    merges name them."""
    return [by_count(len(layers), tr("added layer {names}"), tr("added layers {names}")).format(
        names=listed(layers))] * bool(layers) + [by_count(
            len(columns), tr("added column {names}"), tr("added columns {names}")).format(
            names=listed(columns))] * bool(columns)


def schema_said(changes: list[str], role: str | None, carried: bool,
                held: list[str] | None = None) -> list[str]:
    """The layers and columns (``changes``: "table" or "table.column") a field package of
    ``role`` added, waiting to be exported or ``carried`` by an export, and what the master
    will refuse of those it ``held`` (by default ``changes``: every one it added itself,
    carried before or not), as `status` and `export` say them: a sentence each (none where
    nothing was added), in the user's language."""
    said = []
    if changes:
        added = "; ".join(added_said([t for t in changes if "." not in t],
                                     [c for c in changes if "." in c]))
        said.append((tr("The export carries too: {added}.") if carried else
                     tr("Waiting to be exported too: {added}.")).format(added=added))
    # (each a line of the command line's: made a sentence)
    return said + [sentence(line) for line in schema_changes.refused_said(
        role or "", changes if held is None else held)]


def cut_short_said(man: dict) -> list[str]:
    """An export before this one that was stopped as it wrote (killed, the power gone),
    from the manifest :func:`package_export.export` gave: what it had done and its unfinished file
    removed or named, a sentence each in the user's language; none where there was none."""
    met = man.get("cut_short")
    return [sentence(line) for line in cut_short.said(met, export=True)] if met else []


def sentence(line: str) -> str:
    """A line of the core's in the user's language, made a sentence: capitalised, and ended
    with the language's full stop where it has none."""
    line = in_user_language(line)
    stop = "。" if user_language() == "zh" else "."
    return (line[:1].upper() if _word_first(line) else line[:1]) + line[1:] + (
        "" if line.endswith(stop) else stop)


def _word_first(line: str) -> bool:
    """Whether ``line`` begins with a word of the language, not a name given as it is
    spelt: a file or package (``tech-li-changes.zip``), a device id (``tab-3``), a
    table or column (``mine_patches``)."""
    first = line.split(maxsplit=1)[0].rstrip(",:;") if line.strip() else ""
    return first.replace("'", "").isalpha()  # (a word such as "master's" too)


def export_said(out, man: dict, everything: bool = False) -> tuple[str, str | None]:
    """(what an export to ``out`` did, what went wrong after its package was whole, or
    None), in the user's language, from the manifest :func:`package_export.export` gave;
    ``everything``: all since checkout was asked, as the command line's --all."""
    written = os.path.exists(out)
    n = man["counts"]["changes"]
    done = (by_count(n, tr("Exported 1 change to {out}."),
                     tr("Exported {n} changes to {out}.")).format(n=n, out=out)
            if written else
            tr("Nothing to export: no local changes since checkout.") if everything else
            tr("Nothing to export: no local changes since the last export."))
    # what it carried of the layers and columns the package added, and what the master
    # refuses of those it holds, carried now or before
    done += "".join(" " * (user_language() != "zh") + line for line in schema_said(
        (man.get("schema_changes") or []) if written else [], man.get("role"), carried=True,
        held=man.get("schema_own")))
    unmarked = man.get("unmarked")
    return done, unmarked and tr(
        "{out} is whole and can be merged, but the field package could not note that it "
        "was sent ({why}): the next export carries these changes again (merging them twice "
        "changes nothing).").format(out=out, why=in_user_language(unmarked))


def in_conflict(changes: int, fields: int | None, undone: bool = False,
                still: int | None = None, dropped: int = 0, superseded: int = 0) -> str:
    """A merge's conflicts as Settle conflicts lists them (a field or a whole feature each),
    with the changes they are in, as the command line says them; those of a merge
    ``undone``, closed with it; ``still``: how many are open yet (None: all);
    ``dropped``: how many were closed with their layer; ``superseded``: (as the merge ran)
    how many of ``fields`` it closed as superseded by a later edit, the rest open."""
    got = outcomes.to_settle(changes, fields)
    if got is None:
        return "0"
    how = ("superseded" if superseded == got[0] else "part_superseded") if superseded else \
        outcomes.settled_how(got[0], undone, still, dropped)
    one = got[1] == 1  # (in one change, or in more)
    said = {
        # (recorded, then closed as the merge ran: counted, not "0" above one listed)
        "superseded": tr("{fields} superseded by a later edit in 1 change") if one else
        tr("{fields} superseded by a later edit in {changes} changes"),
        "part_superseded": tr("{fields} ({open} to settle, {superseded} superseded by a later "
                              "edit) in 1 change") if one else
        tr("{fields} ({open} to settle, {superseded} superseded by a later edit) in "
           "{changes} changes"),
        "undone": tr("{fields} closed by the undo in 1 change") if one else
        tr("{fields} closed by the undo in {changes} changes"),
        # (their layer dropped from the master)
        "dropped": tr("{fields} closed as dropped in 1 change") if one else
        tr("{fields} closed as dropped in {changes} changes"),
        "settled": tr("{fields} settled in 1 change") if one else
        tr("{fields} settled in {changes} changes"),
        "part": tr("{fields} ({still} to settle) in 1 change") if one else
        tr("{fields} ({still} to settle) in {changes} changes"),
        # (those closed with their layer counted apart: nobody settled them)
        "settled_dropped": tr("{fields} ({settled} settled, {dropped} closed as dropped) in "
                              "1 change") if one else
        tr("{fields} ({settled} settled, {dropped} closed as dropped) in {changes} changes"),
        "part_dropped": tr("{fields} ({still} to settle, {dropped} closed as dropped) in "
                           "1 change") if one else
        tr("{fields} ({still} to settle, {dropped} closed as dropped) in {changes} changes"),
        "open": tr("{fields} to settle in 1 change") if one else
        tr("{fields} to settle in {changes} changes")}[how]
    return said.format(fields=got[0], still=still, settled=got[0] - dropped, dropped=dropped,
                       changes=got[1], open=got[0] - superseded, superseded=superseded)


def labelled(text: str, table: str, lang: str | None = None) -> str:
    """``text`` with each column of plan table ``table`` it names by the label the layer's
    form gives it: a column whose name has an underscore wherever it stands, another only
    as a field is named ("mineral: …", "column mineral", "field mineral", "字段 mineral"),
    not a word of the sentence; a county's own column by its name."""
    lang = lang or user_language()
    plan = schema.BY_NAME.get(table)
    names = plan.column_names if plan else ()
    # the fields of a list of them, "(project_name, phase)", each by its label alike
    text = re.sub(r"\((\w+(?:, \w+)+)\)", lambda m: "({})".format(", ".join(
        field_label(table, n, lang) for n in m[1].split(", "))) if set(
        m[1].split(", ")) <= set(names) else m[0], text)
    for col in plan.columns if plan else ():
        label = field_label(table, col.name, lang)
        if label == col.name:
            continue
        name = re.escape(col.name)
        text = re.sub(rf"\b{name}\b" if "_" in col.name else
                      rf"(?<=column ){name}\b|(?<=field ){name}\b|(?<=字段 ){name}\b|"
                      rf"\b{name}(?=[:：])", label, text)
    return text


def apart_said(apart: list, lang: str | None = None) -> list[str]:
    """The figures of a project its patches hold unlike once an import wrote them
    (:class:`field_kit.sync.project_figures.Apart`), warned of as a merge's are."""
    return [labelled(in_user_language(a.said(), lang), a.table, lang) for a in apart]


def derived_said(followed: list, *, each: bool = False, lang: str | None = None) -> list[str]:
    """What became of the area and centre of the shapes written (:func:`rederive.said`), in
    the user's language, each field by its label as the layer's form gives it."""
    lang = lang or user_language()
    tables = {f.table for f in followed}
    out = []
    for line in rederive.said(followed, each=each):
        said = in_user_language(line, lang)
        for table in tables:  # each line begins with the table it speaks of
            if said.startswith(table):
                said = labelled(said, table, lang)
        out.append(said.replace(", ", "、") if lang == "zh" else said)
    return out


def followed_said(derived: list, codes: list | tuple = (), lang: str | None = None
                  ) -> tuple[list[str], list[str], list[str], list[str]]:
    """What a command followed in the master, apart, in the user's language: the warnings
    (the shapes whose area and centre were left as they were, and why; the codes left
    naming no row, several or a deleted one, or off the national format), then what was
    done (the area and centre recomputed; the codes given or moved). ``derived`` may hold
    the codes a look at the master's own edits followed too (a checkout's, a pull's): they
    go with the codes, the master's first."""
    lang = lang or user_language()
    shapes = [f for f in derived if isinstance(f, rederive.Followed)]
    codes = [f for f in derived if not isinstance(f, rederive.Followed)] + list(codes)
    return (derived_said([f for f in shapes if f.why is not None], lang=lang),
            [_code_said(f, lang) for f in codes if f.warning],
            derived_said([f for f in shapes if f.why is None], lang=lang),
            [_code_said(f, lang) for f in codes if not f.warning])


def _code_said(f, lang: str) -> str:
    return labelled(in_user_language(f.said(), lang), f.table, lang)


def no_code_warnings(codes: list | tuple) -> tuple[list, list[tuple[str, list[str]]]]:
    """``codes`` (what a merge followed, :func:`followed_said`'s) but its warnings of no
    code: the verifications marked restored with no photo, the projects whose patches
    disagree on a figure, the coded fields merged unchecked (no code lists); and those,
    each kind under a heading of its own: (title, lines in the user's language), of the
    kinds there are."""
    kinds = ((restored_no_photo.NoPhoto, tr("Verifications restored without a photo")),
             (project_figures.Apart, tr("Projects whose patches disagree on a figure")),
             (codes_unchecked.Unchecked, tr("Fields merged unchecked: the master has no "
                                            "code lists")))
    lang = user_language()
    return ([f for f in codes if not isinstance(f, tuple(k for k, _ in kinds))],
            [(title, lines) for kind, title in kinds
             if (lines := [_code_said(f, lang) for f in codes if isinstance(f, kind)])])


def no_code_on_bar(codes: list | tuple) -> list[str]:
    """The message bar's word of ``codes``' warnings of no code (:func:`no_code_warnings`),
    a sentence of each kind there is: a merge holding only these read as clean on the bar."""
    no_photo = sum(f.rows for f in codes if isinstance(f, restored_no_photo.NoPhoto))
    apart = sum(1 for f in codes if isinstance(f, project_figures.Apart))
    unchecked = sum(len(f.columns) for f in codes if isinstance(f, codes_unchecked.Unchecked))
    return [said.format(n=n) for n, said in (
        (no_photo, by_count(no_photo, tr("1 verification marked restored without a photo: "
                                         "the report says which."),
                            tr("{n} verifications marked restored without a photo: the "
                               "report says which."))),
        (apart, by_count(apart, tr("1 figure of a project its patches disagree on: the report "
                                   "says which."),
                         tr("{n} figures of a project its patches disagree on: the report "
                            "says which."))),
        (unchecked, by_count(unchecked, tr("1 field merged unchecked against its code list, "
                                           "which the master lacks: the report says which."),
                             tr("{n} fields merged unchecked against their code lists, which "
                                "the master lacks: the report says which.")))) if n]


def shapes_left_title() -> str:
    return tr("Area and centre left as they were")


def codes_left_title() -> str:
    return tr("Codes left as they were, or off the national format")


def codes_title() -> str:
    return tr("Codes of the patches and projects the rows name")


# the checkout's refusals that say what to do by the command line's options (--bbox,
# --township, --replace): said in the plugin's words, the selection and the Township field
_BOX_MISSES = re.compile(
    r"--bbox (?P<box>\S+) does not meet the county, whose extent is (?P<extent>\S+) "
    r"\(W,S,E,N, degrees\): (?P<hint>.+?); the package would hold none of its patches")
_BOX_NOT_DEGREES = re.compile(r"--bbox (?P<box>\S+) is not longitude and latitude: .*")
_NO_PLAN = re.compile(r"--township needs the plan's layers .*?; .+ has none(?: \(its layer "
                      r"(?P<layer>.+) (?:has no column (?P<columns>.+)|(?P<untracked>is not "
                      r"tracked))\))?: cut it by --bbox W,S,E,N instead")
_HAS_PACKAGE = re.compile(r"device (?P<device>.+) has a field package already \(checked out "
                          r"(?P<at>[^)]+)\): choose another device name, or replace .*")
_NO_PATCH = re.compile(r"no mine patch in township (?P<q>['\"])(?P<township>.+)(?P=q): "
                       r"nothing to cut a package to \(none in (?P<layer>.+); check it out "
                       r"by --bbox\)")


def cut_short_finished_said(out, info: dict) -> str | None:
    """What a checkout to ``out`` says of an earlier run of it cut short that it finished
    (``info["finished"]``), with the unfinished package it removed, no longer registered
    (``info["stale_removed"]``), as the command line says it; None where it finished none."""
    stale = info.get("stale_removed")
    if stale:
        return tr("The checkout to {out} cut short before is finished; {part}, left by an "
                  "earlier run of it and no longer registered, was removed.").format(
                      out=out, part=stale)
    if info.get("finished"):
        return tr("The checkout to {folder} cut short before is finished.").format(folder=out)
    return None


def checkout_refused_said(message: str, master, *, in_dock: bool) -> str | None:
    """A checkout's refusal of ``master`` (the core's English) that names the command
    line's options, in the words of the Sync dock (``in_dock``: the features selected) or
    of Processing (its Township field), in the user's language; None for any other."""
    m = _BOX_MISSES.fullmatch(message)
    if m:
        layer_wrong = tr("check the coordinate system their layer is set to")
        hint = {"metres? give W,S,E,N in degrees (EPSG:4490)": tr(
                    "their coordinates look like metres: {check}").format(check=layer_wrong),
                "latitude and longitude swapped? give W,S,E,N: longitude first": tr(
                    "their latitude and longitude look swapped: {check}").format(
                        check=layer_wrong)}.get(m["hint"],
                                                tr("select features within the county"))
        return tr("The features selected ({box}, W,S,E,N in degrees) do not meet the county, "
                  "whose extent is {extent}: the package would hold none of its patches; "
                  "{hint}.").format(box=m["box"], extent=m["extent"], hint=hint)
    m = _BOX_NOT_DEGREES.fullmatch(message)
    if m:
        return tr("The features selected ({box}, W,S,E,N) are not in longitude and latitude "
                  "once taken to EPSG:4490: check the coordinate system their layer is set "
                  "to.").format(box=m["box"])
    instead = (tr("check it out by the features selected on the map instead") if in_dock else
               tr("check it out in the Sync dock by the features selected on the map"))
    m = _NO_PLAN.fullmatch(message)
    if m and m["columns"]:  # (its mine_patches not the plan's: the layer as QGIS shows it)
        return tr("A field package cut to a township needs the plan's layers (the mine "
                  "patches with their township); {master} has none: its layer {layer} has no "
                  "column {columns}: {instead}.").format(
                      master=master_named(master), layer=_layer_said(m["layer"]),
                      columns=listed(m["columns"].split(", ")), instead=instead)
    if m and m["untracked"]:
        return tr("A field package cut to a township needs the plan's layers (the mine "
                  "patches with their township); {master} has none: its layer {layer} is not "
                  "tracked: {instead}.").format(master=master_named(master),
                                                layer=_layer_said(m["layer"]), instead=instead)
    if m:
        return tr("A field package cut to a township needs the plan's layers (the mine "
                  "patches with their township); {master} has none: {instead}.").format(
                      master=master_named(master), instead=instead)
    m = _HAS_PACKAGE.fullmatch(message)
    if m:  # (the plugin replaces none)
        return tr("Device {device} has a field package already (checked out {at}): choose "
                  "another device name. Only the command line replaces a package (field-kit "
                  "checkout --replace), and the earlier package could then never be merged, "
                  "nor pulled into.").format(device=m["device"], at=m["at"])
    m = _NO_PATCH.fullmatch(message)
    if m:
        return tr("No mine patch in township {township}, in layer {layer}: nothing to cut a "
                  "package to; {instead}.").format(township=m["township"],
                                                    layer=_layer_said(m["layer"]),
                                                    instead=instead)
    return None


# an export refused for a GeoPackage given as the change package, said by the command line
# (field-kit export PKG OUT.zip): in the words of the Sync dock's file dialog and of
# Processing's output field, both of which choose the change package by its name
_GEOPACKAGE_NAME_OUT = re.compile(r"(?P<path>.+) is named as a GeoPackage \(\.gpkg\), not "
                                  r"as a change package; nothing was changed: .*")
_GEOPACKAGE_OUT = re.compile(r"(?P<path>.+) is a GeoPackage \(a master or a field package\), "
                             r"not a change package: an export never writes over one; "
                             r"nothing was changed: .*")


def refuse_export_out(pkg, out: str) -> None:
    """:func:`package_export.refuse_out` in the plugin's words, as the Sync dock and Processing's
    export say it (the core's refusal of a GeoPackage says what to do by the command
    line)."""
    try:
        package_export.refuse_out(pkg, out)
    except errors.BadInput as exc:
        said = export_refused_said(exc.message)
        if said is None:
            raise
        raise errors.BadInput(said) from None


def export_refused_said(message: str) -> str | None:
    """An export's refusal (the core's English) that says what to do by the command line,
    in the words of the Sync dock and of Processing, in the user's language; None for any
    other."""
    m = _GEOPACKAGE_NAME_OUT.fullmatch(message)
    if m:
        return tr("{path} is named as a GeoPackage (.gpkg), not as a change package; nothing "
                  "was changed. A change package is written as a .zip: choose a name ending "
                  "in .zip.").format(path=m["path"])
    m = _GEOPACKAGE_OUT.fullmatch(message)
    if m:
        return tr("{path} is a GeoPackage (a master or a field package), not a change "
                  "package: an export never writes over one; nothing was changed. A change "
                  "package is written as a .zip: choose a name ending in .zip.").format(
                      path=m["path"])
    return None


def _layer_said(layer: str) -> str:
    """A layer as QGIS shows it, its table in brackets ("矿山图斑 2024 (mine_patches)"):
    in Chinese, in Chinese brackets and set apart from the words around it where in
    letters."""
    if user_language() != "zh":
        return layer
    layer = layer_shown_in_chinese(layer)  # (a plan layer by its Chinese title alone)
    return (" " if layer[0].isascii() else "") + layer + (" " if layer[-1].isascii() else "")


def in_part_lines(result, in_part: dict) -> list[str]:
    """The line saying what of a merge's changes the master took in part (its fields taken,
    those held in conflict), as the command line says it under the merge; none where it took
    none in part. ``in_part``: :func:`field_kit.sync.masters.to_settle`'s."""
    got = in_part.get(result.merge_id)
    return [outcomes.in_part_said(*got)] if got else []
