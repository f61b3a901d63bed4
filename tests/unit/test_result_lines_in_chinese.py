# SPDX-License-Identifier: GPL-2.0-or-later
"""What export, merge and pull did, for a user whose locale is Chinese: each result line in
Chinese too (the English line stays, for scripts and logs)."""

from __future__ import annotations

import re
import time

import pytest

from field_kit import errors
from field_kit.cli.commands import main
from field_kit.messages_zh import chinese
from field_kit.qfield import checkout
from tests.unit.gpkg_factory import edit, make_gpkg, rows


def test_export_merge_and_pull_say_what_they_did_in_chinese(tmp_path, capsys, chinese_locale):
    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    pkg, a, b = tmp_path / "tab.gpkg", tmp_path / "a.zip", tmp_path / "b.zip"
    fk = lambda *x: main([str(v) for v in x])  # noqa: E731
    assert fk("checkout", master, pkg, "--device", "tab") == errors.OK
    assert f"已为设备 tab（技术员）生成外业数据包 {pkg}，基线 " in capsys.readouterr().out
    edit(pkg, "UPDATE patch_verifications SET notes = 'mine'")
    assert fk("export", pkg, a) == errors.OK
    assert fk("export", pkg, b) == errors.OK
    assert fk("merge", master, a) == errors.OK
    assert fk("merge", master, a) == errors.OK
    assert fk("pull", pkg, master) == errors.OK
    out = capsys.readouterr().out
    for said in (f"{a}：1 项修改，0 个附件，设备 tab",
                 "没有可导出的内容：自上次导出以来本机没有修改",
                 "：a.zip，来自 tab：应用 1 项，此前已应用 0 项，冲突 0 项，拒收 0 项",
                 "a.zip（来自 tab）此前已由合并 ",
                 "不再重复记录：应用 0 项，此前已应用 1 项，冲突 0 项，拒收 0 项",
                 f"已拉取到 {pkg}：应用 0 项，已有 0 项，冲突 0 项"):
        assert said in out, out
    assert "nothing to export: no local changes since the last export" in out  # (English too)


def test_a_qfield_pull_says_its_zip_written_again_in_chinese(master, tmp_path, capsys,
                                                             chinese_locale):
    assert main(["checkout", str(master), str(tmp_path / "phone2"), "--device", "phone2",
                 "--for", "qfield"]) == errors.OK
    assert f"已为设备 phone2（技术员）生成 QField 项目 {tmp_path / 'phone2'} 及 " \
        f"{tmp_path / 'phone2.zip'}，基线 " in capsys.readouterr().out
    info = checkout(master, tmp_path / "phone1", "phone1", township="托克逊镇")
    assert main(["pull", str(info["folder"]), str(master)]) == errors.OK
    out = capsys.readouterr().out
    assert f"已按项目文件夹重新写出 {info['zip']}（供 QField“从 ZIP 导入”）" in out, out


@pytest.mark.parametrize("line", [
    "photo brought in: DCIM/JPEG_1.jpg",
    "photos of Project inspections P3 2026-06-01 (row 8f518df7), deleted in the project, "
    "deleted with it: DCIM/a.jpg, DCIM/b.jpg",
    "photos of Patch verifications 8f518df7, deleted in the project, deleted with it: "
    "DCIM/a.jpg",
    "photos of Project inspections P3 2026-06-01 (row 8f518df7), deleted in the project, "
    "deleted with it by the next export: DCIM/a.jpg",
    "photos of Patch verifications 8f518df7, deleted in the project, deleted with it by the "
    "next export: DCIM/a.jpg",
    "  of them: 4 changes since checkout and 1 made by reading in the project's photos",
    "photo reading an earlier export of this folder made, which this copy lacks, logged "
    "again by the next export, a change: DCIM/p1.jpg",
    "DCIM/a 1.jpg is not read for Patch verifications CT6504222016000053002 2024-05-01 (row "
    "80667aba): it is the file of another photo too, holding another picture; the photo keeps "
    "the picture it was sent with",
    "DCIM/a.jpg is not read for Project inspections 80667aba: it is the file of another photo "
    "too, holding another picture; the photo keeps the picture it was sent with",
    "no such mapping file: /tmp/fields.json",
    "the report date 0025-12-31 is before 2020, the plan's base year: check its year",
    "m.gpkg holds figures no report can count or check: mine_patches ZJ6504222021027001: "
    "area_m2 holds 'n/a'; plan_indicators legacy_mine_remediation_area: value_2025 is empty "
    "(专栏3-1 gives each indicator's 2020, 2025 and 2035 figures) and 3 more; write each as a "
    "number (or empty) in the master, then report again",
    "schema changes: mine_patches.depth",
    "a technician's package does not add columns: the master refuses the changes that fill "
    "column mine_patches.depth (GIS staff can add them there first); the rest applies",
    "a technician's package does not add layers: the master refuses this package whole, "
    "every edit in it, while it holds layer wells (GIS staff can add the layer to the master "
    "first, and a supervisor grant it: field-kit roles MASTER --grant technician wells; then "
    "merge this package)",
    "a.zip from tab: nothing new in it, not recorded again: applied 0, already applied 0, "
    "conflicts 0, refused 0",
    "a.zip from tab: its changes all applied before or refused, not recorded again: applied "
    "0, already applied 2, conflicts 0, refused 1",
    "carried whole, their coordinates not being the box's (EPSG:4490): grass_plots",
    "carried whole, a township keeping only the plan's patches and projects and their "
    "records: wells (3 features), forest_stands (12 features); to cut a layer of the county's "
    "own to the township's area, check out by a box instead",
    "conflict 11: patch_verifications CT6504222016000053002 2024-05-01 (row 80667aba) "
    "year_closed holds nothing: the row is deleted",
    "--value gives one value for one field, and these 4 conflicts are of 3 fields "
    "(mine_patches.patches_in_project, patch_verifications.year_closed, restoration_projects "
    "(a whole row)); nothing was changed: give each field's conflicts their own value, or "
    "--take a side",
    "later edit: \"B\" when it was recorded, \"C\" now, changed by tab-3 at 2026-12-04 "
    "15:52:33 (merge fdcce9a4-8d74-43f7-85bc-b459bc5eeb97)",
    "3 conflicts its merge recorded still to settle: field-kit conflicts lists them, "
    "field-kit resolve settles them",
    "2 of them still in open conflicts in the master, this device's value set aside there, "
    "which a supervisor may still choose: conflicts 1, 2",
    "give conflict IDs or --all MERGE_ID|PACKAGE|DEVICE, not both",
    "give one --value for each conflict ID, in the same order (2 conflicts, 3 values); "
    "nothing was changed",
    "several --value go one to each conflict ID, in order, not to --all: give the IDs "
    "(field-kit conflicts lists them), resolve MASTER 1 2 --value A --value B; nothing was "
    "changed",
    "conflict 1, 2 given twice: give each conflict ID once, with its --value; nothing was "
    "changed",
    "conflict 17: project_treated_area_km2 takes a number, not 'inf'",
    "conflict 8: year_closed takes a whole number, not '4.5'",
    "conflict 5: working takes 0 or 1 (false or true), not 'yes'",
    "conflict 3: restoration_projects row 80667aba-9180-57bc-b083-aa93926813c3 had been "
    "deleted in the master: it is back whole, with the values it held when deleted and this "
    "decision",
    "conflict 3: patch_verifications CT6504222017000026002 2024-05-01 (row "
    "80667aba-9180-57bc-b083-aa93926813c3) had been deleted in the master: it is back whole, "
    "with the values it held when deleted and this decision",
    "g1.zip: column 'ok' of wells has a type or default that cannot be added ('BOOLEAN', "
    "'now()')",
    "added to the master: layer wells", "added to the master: column wells.depth",
    "added from the master: table wells", "added from the master: column wells.depth",
    "2 values this device sent are replaced by the master's, which holds another value:",
    "1 row this device had deleted is back: the master kept it:",
    "1 row this device had edited is gone: the master deleted it:",
    "1 row this device had deleted is back: the master undid the merge that deleted it "
    "(undo-merge):",
    "1 row this device had edited is gone: the master undid the merge that brought it "
    "(undo-merge):",
    "1 row this device had added is gone: the master deleted it:",
    "2 rows this device had added are gone: the master undid the merge that brought them "
    "(undo-merge):",
    "1 conflict of this package is settled: it holds what the master holds",
    "1 edit this device sent was refused by the master and is waiting to be sent again:",
    "1 value this device sent now as the master stores it (rounded to the column, a time "
    "in UTC): patch_verifications.verified_on",
    "brought 3 rows now in this package's township or area, with their records and photos:",
    "2 photos written to /x/DCIM, as the master holds them: a.jpg, b.jpg",
    # what a repair found and did
    "found: wells: capture triggers missing", "found: wells: column gone (notes)",
    "found: wells: capture switched off (sync_state.capture is 0)",
    "found: wells: rows changed outside change capture (updated fid 1, 2, 3, 4, 5, 6, 7, 8, 9, "
    "10 and 2 more; inserted fid 27; deleted uuid 3e9a9ae5-35c3-5c05-b02f-7f588372d2ec)",
    "recovered 2 edits of wells made while capture was off",
    "cannot vouch for wells: no record of its rows' earlier state here; edits made to it "
    "while capture was off are not in the change log",
    "cannot vouch for 12 rows of wells: their edits are logged without the earlier values, "
    "so a merge holds them as conflicts for a supervisor: a, b and 10 more (field-kit log "
    "lists them all)",
    "change capture reinstalled in g.gpkg", "change capture in g.gpkg is whole; nothing to repair",
    "merge 7f3c a.zip from tab at 2026-05-01 10:00:00+0800: applied 1, already 0, conflicts 2 "
    "closed by the undo in 1 change, refused 0, undone 2026-05-02 09:00:00+0800",
    # a PostgreSQL master: init, grants, a merge waiting, a package refused, repair
    "county.gpkg published into PostgreSQL province (schema zhr) with change capture on 16 "
    "tables",
    "schema zhr was not there: made it, owned by role anna, who ran init (a supervisor needs "
    "membership of that role)",
    "switching capture off and on again on the tables of schema zhr (ALTER TABLE … DISABLE "
    "TRIGGER, an edit, ENABLE TRIGGER) is not watched: its event trigger toksun_watch_zhr is "
    "missing; a capture trigger disabled now is still caught by every command; to watch the "
    "rest too, run any command on the master once as a superuser (field-kit status ADDRESS)",
    "anna given the editors' grants on PostgreSQL province (schema zhr): reads every table, "
    "edits mine_patches, wells",
    "anna cannot read wells: only its owner can give that (make it the schema owner's: ALTER "
    "TABLE ... OWNER TO the role owning the schema, then run grants again)",
    "anna no longer holds the editors' grants on PostgreSQL province (schema zhr): took back "
    "reading its tables and editing mine_patches, wells",
    "anna no longer edits wells on PostgreSQL province (schema zhr); still edits mine_patches",
    "anna no longer edits wells on PostgreSQL province (schema zhr)",
    "anna was not given wells to edit: nothing to take back there",
    "anna was not given wells to edit on PostgreSQL province (schema zhr); nothing was taken "
    "back",
    "anna holds none of the editors' grants on PostgreSQL province (schema zhr); nothing was "
    "taken back",
    "anna may still edit wells: given through PUBLIC or a role it is a member of, not by the "
    "editors' grants; take it back there",
    "no layer ponds tracked by the master in schema zhr; nothing was changed",
    "no role ana in the database; nothing was changed",
    "province_owner owns schema zhr: its rights there are its own, not the editors' grants; "
    "nothing was changed",
    "postgres is a superuser: its rights are its own, not the editors' grants; nothing was "
    "changed",
    "carol is a supervisor, a member of province_owner, the role owning schema zhr: its rights "
    "there are that membership's, not the editors' grants (REVOKE \"province_owner\" FROM "
    "\"carol\" takes it back); nothing was changed",
    "province (schema zhr): waiting for a lock held by anna (psql, process 7); it goes on once "
    "that session commits or rolls back",
    "d.zip: member manifest.json inflates past the 11661 bytes its header declares",
    "cannot vouch for forest_stands: capture was switched off there at 2026-12-03T21:00:00Z by "
    "sup (psql) (and 2 times more); edits made while it was off may be missing from the change log "
    "(a master keeps no record of its rows to compare with): check them by hand",
    "cannot vouch for wells: field packages' edits to it cannot be merged any more; edits made "
    "to it in the database since the last pull are in the log but reach no package",
    "cannot vouch for springs: field packages checked out before hold it as wells; their "
    "edits to wells cannot be merged: check them out again",
    "cannot vouch for wells.notes: field packages' edits to it are refused at merge, by name: "
    "check them out again",
    "cannot vouch for wells.tags: its type text[] is not one the sync carries: change it back "
    "or drop the column",
    "cannot vouch for wells.depth: field packages checked out before hold it as its earlier "
    "type: check them out again",
    "cannot vouch for wells.depth: field packages checked out before hold its values as they "
    "were before PostgreSQL converted them to numeric(12,1) (no edit was logged): check them "
    "out again",
    "no longer tracked: column notes of wells (dropped or renamed)",
    "no longer tracked: wells (dropped from the schema)",
    "no longer tracked: wells (its column uuid was dropped or renamed: rows have no key to be "
    "found by)",
    "tracked under its new name: wells is now springs",
    "column depth of wells recorded as REAL (numeric(12,1) in PostgreSQL)",
    "tracked: column remarks of wells (added or renamed), 3 values logged for field packages",
    "installed the watch on capture switched off and on again (event trigger "
    "toksun_watch_zhr), which a superuser alone can install",
    "reinstalled the numbering of the change log; numbered the 2 changes logged without a "
    "number meanwhile, so field packages pull them",
    "reinstalled change capture on wells",
    "edits made in those tables while capture was off cannot be recovered (a master keeps no "
    "record of its rows to compare with): check them by hand",
    "cannot track wells again as it is now (no INTEGER PRIMARY KEY (rows have no stable key)): "
    "nothing of it was changed, and its edits since capture stopped are not in the change "
    "log; make it a table that can be tracked again (rebuilt as it was, with its INTEGER "
    "PRIMARY KEY and its uuids), then run repair again, which recovers them",
    "change capture reinstalled in /tmp/x/wells.gpkg, but for wells, springs",
    "refused update patch_verifications CT6504222016000053002 2026-12-01 change "
    "345c6eb9-2fe0-800d-8005-01a23fa8123b: it replaced values of treated_area_m2 this device "
    "wrote in an edit the master does not hold (refused at an earlier merge, or made by "
    "another copy of the device): nothing of it was written; pull, then export: the pull "
    "sends that edit again, with this one",
    "2 values this device sent are the master's again: the master undid the merge that "
    "applied them (undo-merge):",
    "county.gpkg holds names that are not UTF-8 text (column 实\ufffd of 林班; \ufffd marks "
    "what cannot be read): a Shapefile's field names cut at its 10 bytes in the middle of a "
    "character, say; nothing was changed: rename them (QGIS's field editor, or ogr2ogr with "
    "-sql giving new names) and run it again",
    # what a relation that is no table is (a view's crashed the command in Chinese)
    "a view: change capture needs a table (edit the tables it reads)",
    "a materialized view: change capture needs a table (edit the tables it reads)",
    "a trigger, not a table",
    "a foreign table (its rows are kept by another server)",
    "a partitioned table, which the sync does not track",
    "a table not listed in gpkg_contents",
    # why a table of a PostgreSQL schema is not tracked (status lists them)
    "more than one geometry column",
    "columns Year, year differ in the case of their letters alone, which a field package (a "
    "GeoPackage) takes for one name: rename one to track the table",
    "tables Wells, wells differ in the case of their letters alone, which a field package (a "
    "GeoPackage) takes for one name: rename one to track them",
    "no single-column integer primary key (rows have no stable key)",
    "its primary key fid has no default (a sequence or identity) to number the rows a merge "
    "inserts",
    "its name is reserved in a GeoPackage (gpkg_…), which field packages are: rename the "
    "table to track it",
    "its name is reserved for the sync's own tables (sync_…): rename the table to track it",
    "column fts is of type tsvector, which the sync does not carry",
    "columns fts (tsvector), span (int4range) are of types the sync does not carry",
    "column area is generated by the database (GENERATED ALWAYS): a merge cannot write it, "
    "and its values change without an edit",
    "columns a, b are generated by the database (GENERATED ALWAYS): a merge cannot write "
    "them, and their values change without an edit",
    "dropped from the schema",
    "its column fid was dropped or renamed: rows have no key to be found by",
    "not a table the sync can read",
    "its uuid column is of type uuid; the sync keeps uuids as text (ALTER TABLE … ALTER "
    "COLUMN uuid TYPE text first)",
    # why a layer of a GeoPackage with a uuid column of its own is not tracked
    "its uuid column is of type MEDIUMINT, where the sync keeps uuids as text (rename that "
    "column to track the layer, with QGIS's Rename Field)",
    "its column UUID is the sync's uuid in other letters, SQLite taking one for the other "
    "(rename that column to track the layer, with QGIS's Rename Field)",
    "rows share a uuid",
    "geometry column geom declares no SRID and no row holds one, so its coordinates' "
    "reference system is unknown (declare it: ALTER TABLE t ALTER COLUMN geom TYPE "
    "geometry(Geometry, SRID) USING ST_SetSRID(geom, SRID), then init again)",
    "geometry column geom declares no SRID and its rows hold several (4326, 4490): one "
    "layer has one reference system (declare it: ALTER TABLE t ALTER COLUMN geom TYPE "
    "geometry(Geometry, SRID) USING ST_SetSRID(geom, SRID), then init again)",
    # a change package's integrity, checked before its changes are read
    "a.zip: its zip directory is 17000000 bytes, over the 16777216 a change package may have",
    "a.zip: changes.sqlite is 10 bytes by the zip and 12 by the manifest",
    "a.zip: attachments/9f86d08 holds the bytes of another attachment",
    "a.zip: attachments/9f86d08 changed since it was checked",
    "a.zip: cannot be read again ([Errno 2] No such file or directory: 'a.zip')",
    "a.zip: manifest.json: device is 12, not text",
    "a.zip: manifest.json: counts is 'x', not an object",
    "a.zip: manifest.json: base_seq is -1, not a whole number from 0",
    "a.zip: manifest.json: counts.changes is not a whole number from 0",
    "a.zip: manifest.json: member 'changes.sqlite' has no size and sha256",
    "a.zip: member changes.sqlite is compressed with method 12; only stored (0) and deflate "
    "(8) are accepted",
    "a.zip: member changes.sqlite is encrypted; change packages never are",
    "a.zip: member manifest.sig declares 2048 bytes, over the 1024 it may have",
    "a.zip: member changes.sqlite holds more than the 10 bytes its header declares",
    # one said in the singular
    "a.zip: holds 1 change, the manifest says 2",
    "/tmp/a.zip: 1 change (seq 3-3), 1 attachment, device tab-1",
    # counted lines of pull, undo-merge, conflicts and resolve, singular and plural
    "1 conflict", "2 conflicts", "resolved 1 conflict: 7",
    "1 value this device sent is replaced by the master's, which holds another value:",
    "1 value this device sent is the master's again: the master undid the merge that "
    "applied it (undo-merge):",
    "1 value this device sent is the master's here: the master undid the merge that kept "
    "it aside in its conflicts (undo-merge) and holds it nowhere now; edit it again to send "
    "it again:",
    "2 rows this device had deleted are back: the master kept them:",
    "2 conflicts of this package are settled: it holds what the master holds",
    "2 edits this device sent were refused by the master and are waiting to be sent again:",
    "2 values this device sent now as the master stores them (rounded to the column, a time "
    "in UTC): patch_verifications.verified_on",
    "brought 1 row now in this package's township or area, with their records and photos:",
    "1 photo written to /x/DCIM, as the master holds it: a.jpg",
    "1 change met a conflict that a later change of the master settled: the package holds "
    "what the master holds, nothing to settle",
    "1 new row outside this package's township or area left out",
    "1 change of rows this package does not hold (outside its township or area, or deleted "
    "here) left out",
    "merge 1a2b undone: 1 change reverted", "merge 1a2b undone: 2 changes reverted",
    "1 conflict this merge recorded closed as undone with it (what settling it wrote is "
    "reverted too)",
    "1 code given with this merge to rows naming what it changed put back with it",
    "1 row edited in the master since was set back by hand to what it held before the "
    "merge: left as it is",
    "layer wells made by this merge is left, with 1 row added since",
    "1 open conflict on 泉眼 closed as dropped: the layer was dropped from the master, so "
    "there is nothing left to settle (conflicts --every lists it)",
    "1 conflict from g.zip on 泉眼 was closed as dropped, not settled: the layer was dropped "
    "from the master (conflicts --every lists it)",
    "field packages holding those tables may differ from the master: no pull brings those "
    "edits; once the tables are checked, check those packages out again (field-kit checkout "
    "--replace)",
    "--accept-current is for a GeoPackage master; field packages holding those tables may "
    "differ from the master: no pull brings those edits; once the tables are checked, check "
    "those packages out again (field-kit checkout --replace)",
    "wells is not a table m.gpkg tracks; nothing was changed: tracked are mine_patches, photos",
    "well is not a table m.gpkg tracks (did you mean wells?); nothing was changed: tracked are "
    "mine_patches, wells",
    "accepted wells as the master holds it now, logged as changed in the master: 2 rows whose "
    "values differ from those last logged, 3 the log never named (with all their values), 0 "
    "logged as deleted and there again, 1 gone; the next pull brings them into every field "
    "package holding wells"])
def test_every_result_line_has_its_chinese(line):
    said = chinese(line)
    assert said != line and not any(w in said for w in ("the master", "this device", " row ",
                                                         " rows "))
    # no English sentence left (a command's options aside)
    assert not re.search(r"(?<![-\w])[a-z]{3,} [a-z]{3,} [a-z]{3,}\b", said), said


def test_the_fields_one_value_cannot_settle_are_named_by_their_labels():
    said = chinese("--value gives one value for one field, and these 3 conflicts are of 3 "
                   "fields (patch_verifications.verifier, patch_verifications.notes, "
                   "patch_verifications (a whole row)); nothing was changed: give each "
                   "field's conflicts their own value, or --take a side")
    assert "（图斑核查记录：核查人、图斑核查记录：备注、图斑核查记录（整个要素））" in said, said


def test_merge_verbose_says_each_change_and_counts_conflicts_as_listed(tmp_path):
    """Under a Chinese locale each change ``merge --verbose`` lists is in Chinese too, and
    the conflicts it counts are those ``field-kit conflicts`` lists to settle (a field
    each), with the changes they are in."""
    import os
    import subprocess
    import sys

    master = make_gpkg(tmp_path / "m.gpkg", patches=4, verifications=1)
    for dev in ("ta", "tb"):
        pkg = tmp_path / f"{dev}.gpkg"
        assert main(["checkout", str(master), str(pkg), "--device", dev]) == errors.OK
        edit(pkg, "UPDATE patch_verifications SET notes = ?, verifier = ?", dev, dev)
        assert main(["export", str(pkg), str(tmp_path / f"{dev}.zip")]) == errors.OK
    env = {**os.environ, "LANG": "zh_CN.UTF-8"}
    for var in ("FIELD_KIT_LANG", "LC_ALL", "LC_MESSAGES"):
        env.pop(var, None)

    def merged(dev: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "field_kit.cli", "merge", "-v",
                               str(master), str(tmp_path / f"{dev}.zip")],
                              capture_output=True, text=True, env=env, cwd=os.getcwd())
    out = merged("ta").stdout
    assert "  已应用 修改 图斑核查记录 " in out, out
    done = merged("tb")
    assert done.returncode == errors.CONFLICTS, done
    assert "conflicts 2 to settle in 1 change, refused 0" in done.stdout, done.stdout
    assert "冲突 2 项待处理（涉及 1 项修改），拒收 0 项" in done.stdout, done.stdout
    assert "  冲突 修改 图斑核查记录 " in done.stdout, done.stdout
    assert "：2 个字段冲突" in done.stdout, done.stdout
    listed = subprocess.run([sys.executable, "-m", "field_kit.cli", "conflicts", str(master)],
                            capture_output=True, text=True, env=env).stdout
    assert "2 conflicts" in listed, listed
    status = subprocess.run([sys.executable, "-m", "field_kit.cli", "status", str(master)],
                            capture_output=True, text=True, env=env).stdout
    assert "conflicts 2 to settle in 1 change, refused 0" in status, status


def test_the_columns_a_technician_may_not_add_are_listed_in_chinese():
    said = chinese("a technician's package does not add columns: the master refuses the changes "
                   "that fill column mine_patches.depth, column wells.owner (GIS staff can add "
                   "them there first); the rest applies")
    assert "填写字段 mine_patches.depth、wells.owner 的修改" in said and "column" not in said, said


def test_a_county_columns_in_a_refusal_keep_their_names_where_the_line_names_their_layer():
    """The values an edit refused whole did not write, of a layer of the county's own whose
    column shares a plan column's name (notes): named as they are, the layer being named
    before them (they were labelled 备注, as the plan's own notes)."""
    line = ("column notes of wells was renamed remarks in the master on 2026-12-03, after this "
            "package was checked out (pull into the package, then make the edit again in "
            "remarks); the edit is refused whole, so none of its values were written (depth_m, "
            "notes): pull, mend the value refused, then export: the pull sends the edit "
            "again, with its mend")
    assert "其中的值均未写入（depth_m、notes）" in chinese(line), chinese(line)
    plan = line.replace("of wells", "of patch_verifications").replace("depth_m", "position_note")
    assert "其中的值均未写入（定位说明、备注）" in chinese(plan), chinese(plan)


def test_the_values_a_mend_replaced_are_named_by_their_labels():
    """A mend refused as resting on the device's own refused edit named the plan's field by
    its column name in the Chinese line (它替换的 treated_area_m2 的值); a column no plan table
    has keeps its name."""
    line = ("refused update patch_verifications CT6504222016000053002 change 345c6eb9: it "
            "replaced values of treated_area_m2, depth_m this device wrote in an edit the "
            "master does not hold (refused at an earlier merge, or made by another copy of the "
            "device): nothing of it was written; pull, then export: the pull sends that edit "
            "again, with this one")
    said = chinese(line)
    assert "已治理面积（平方米）、depth_m" in said and "treated_area_m2" not in said, said


def test_a_master_holding_a_view_is_reported_in_chinese(master, tmp_path, capsys,
                                                         chinese_locale):
    """A view in the master stopped status and checkout with an internal error in a Chinese
    locale (checkout after writing the package)."""
    import sqlite3
    conn = sqlite3.connect(master)
    with conn:
        conn.execute("CREATE VIEW v_p AS SELECT fid, patch_code FROM mine_patches")
        conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier) "
                     "VALUES ('v_p', 'attributes', 'v_p')")
    conn.close()
    assert main(["status", str(master)]) == errors.OK
    assert "未跟踪：v_p：是视图：变更捕获只能用于数据表" in capsys.readouterr().out
    assert main(["checkout", str(master), str(tmp_path / "t.gpkg"), "--device", "t"]) \
        == errors.OK
    assert "未跟踪，对它的修改不会随数据包传送：v_p：是视图：变更捕获只能用于数据表" \
        in capsys.readouterr().out


def test_a_record_a_decision_brings_back_is_said_in_chinese_unspaced(tmp_path, capsys,
                                                                      chinese_locale):
    """tab-b's edit of a record tab-a deleted, merged after tab-a's delete, is kept aside in
    a conflict; taking it brings the record back, said right after the row as it is named
    (its uuid in full-width brackets), with no space before 整个要素已恢复."""
    master = make_gpkg(tmp_path / "m.gpkg", patches=2, verifications=1)
    ((row,),) = rows(master, "SELECT uuid FROM patch_verifications")
    fk = lambda *x: main([str(v) for v in x])  # noqa: E731
    pkgs = {d: tmp_path / f"{d}.gpkg" for d in ("tab-a", "tab-b")}
    for device, pkg in pkgs.items():
        assert fk("checkout", master, pkg, "--device", device, "--role", "gis") == errors.OK
    edit(pkgs["tab-b"], "UPDATE patch_verifications SET notes = 'b'")
    time.sleep(0.05)  # (the delete the later edit)
    edit(pkgs["tab-a"], "DELETE FROM patch_verifications")
    for pkg in pkgs.values():
        assert fk("export", pkg, f"{pkg}.zip") == errors.OK
        fk("merge", master, f"{pkg}.zip")
    capsys.readouterr()
    assert fk("resolve", master, "1", "--take", "theirs") == errors.OK
    out = capsys.readouterr().out
    assert f"  冲突 1：图斑核查记录 P0000000（要素 {row}）整个要素已恢复\n" in out, out
    assert chinese(f"conflict 1: patch_verifications {row} the row is put back") == \
        f"冲突 1：图斑核查记录 {row} 整个要素已恢复"  # (its uuid alone: set apart)


def test_a_conflict_changed_since_names_its_field_by_label_and_its_layer_by_title():
    said = chinese(
        "not settled: the master's value changed since the conflict was recorded: conflict 1 "
        "(patch_verifications CT6504222017000026002 2026-11-30 (row b8660bd8), field "
        "verifier): \"王五\" when it was recorded, its row deleted now, changed by tab-3 at "
        "2026-12-04 15:49:50 (merge 9c0f); nothing was changed. Look again with field-kit "
        "conflicts: --take ours keeps what the master holds now, --over-later-edit writes "
        "this decision over it")
    assert "冲突 1（图斑核查记录 CT6504222017000026002 2026-11-30（要素 b8660bd8），字段 核查人）" \
        in said, said
    assert chinese("patch_verifications: 1 row names a patch deleted from the master "
                   "(patch_code CT1): kept as recorded, it counts for no patch") == \
        "图斑核查记录：1 条记录所指的图斑已从主库删除（图斑编号 CT1）：按记录保留，不计入任何图斑"


def test_capture_broken_in_postgres_names_a_plan_layer_by_its_title():
    """The tables whose capture trigger is gone: a plan layer by its Chinese title with its
    table in brackets (as capture not whole says it of a file), the county's own by name."""
    line = ("change capture in PostgreSQL is not whole (its trigger dropped or disabled) on "
            "{}: edits made there may be missing from the log; run field-kit repair on the "
            "master; nothing was changed")
    assert chinese(line.format("mine_patches, wells")) == (
        "PostgreSQL 中历史遗留矿山图斑（mine_patches）、wells 的修改记录不完整（触发器被删除或"
        "停用），其间的编辑可能未记入日志：请对主库运行 field-kit repair；未作任何更改")
    assert chinese(line.format("wells")).startswith("PostgreSQL 中 wells 的修改记录不完整（")


def test_a_file_in_use_names_the_commands_that_may_hold_it_in_chinese():
    line = ("m.gpkg is in use by another program (an edit session in QGIS not saved yet, "
            "another field-kit command writing it: a merge, a resolve, an undo): save or close "
            "it there, or let it finish, then run this again; nothing was changed")
    assert chinese(line) == (
        "m.gpkg 正被其他程序占用（如 QGIS 中尚未保存的编辑会话、正在写入它的另一个 "
        "field-kit 命令：合并、处理冲突、撤销合并）：请先在该程序中保存或关闭，"
        "或等其完成，再重新执行；未作任何更改")


@pytest.mark.parametrize("line, names", [
    ("columns Year, year; NAME, name differ in the case of their letters alone, which a field "
     "package (a GeoPackage) takes for one name: rename one to track the table",
     "字段 Year、year；NAME、name 的名称"),
    ("tables Wells, wells differ in the case of their letters alone, which a field package (a "
     "GeoPackage) takes for one name: rename one to track them", "数据表 Wells、wells 的名称")])
def test_names_differing_in_case_alone_are_listed_with_chinese_punctuation(line, names):
    assert chinese(line).startswith(names), chinese(line)


@pytest.mark.parametrize("line, zh", [
    ("anna given the editors' grants on PostgreSQL province (schema toksun): reads every "
     "table, edits mine_patches",
     "已授予 anna 在 province（模式 toksun）上的编辑人员权限：可读取所有表，可编辑 mine_patches"),
    ("anna no longer holds the editors' grants on PostgreSQL province (schema toksun): took "
     "back reading its tables and editing wells",
     "已收回 anna 在 province（模式 toksun）上的编辑人员权限：不再可读取其表，不再可编辑 wells"),
    ("anna holds none of the editors' grants on PostgreSQL province (schema toksun); nothing "
     "was taken back", "anna 在 province（模式 toksun）上没有编辑人员的权限；未收回任何权限"),
    ("anna no longer edits wells on PostgreSQL province (schema toksun)",
     "已收回 anna 在 province（模式 toksun）上编辑 wells 的权限"),
    ("role ed may not use schema toksun of database province (no USAGE on it), which holds "
     "the master: a supervisor gives GIS staff what they need with field-kit grants ADDRESS "
     "--editor ed; supervisors are members of province_owner, the role owning the schema "
     "(GRANT \"province_owner\" TO \"ed\"); nothing was changed",
     "角色 ed 无权使用数据库 province 中存放主库的模式 toksun（没有 USAGE 权限）：GIS 人员所需的"
     "权限由主管用 field-kit grants ADDRESS --editor ed 授予；主管须是拥有该模式的角色 "
     "province_owner 的成员（GRANT \"province_owner\" TO \"ed\"）；未作任何更改"),
    ("schema county9 does not exist in database province: name the master's schema "
     "(…?schema=NAME or schema=NAME), or publish one there with field-kit init ADDRESS --from "
     "GPKG", "数据库 province 中没有模式 county9：请给出主库所在的模式（…?schema=名称 或 "
     "schema=名称），或用 field-kit init 地址 --from GPKG 发布"),
    ("connection to the database province (schema county2) lost (server closed the "
     "connection unexpectedly); nothing was changed: run it again once the database is back",
     "与数据库 province（模式 county2）的连接中断；未作任何更改：请在数据库恢复后重新执行"),
])
def test_a_postgres_masters_lines_say_it_as_the_others_do(line, zh):
    """The master by its database and schema as every other Chinese line names it; the
    statements a line gives as the English gives them; the address's both forms."""
    assert chinese(line) == zh
