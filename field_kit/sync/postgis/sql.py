# SPDX-License-Identifier: GPL-2.0-or-later
"""What a PostgreSQL master holds besides its tables: the functions that capture edits made
in the database into ``sync_changes`` (as the GeoPackage triggers do: old and new values of
the changed fields, device, time) and write geometry as a GeoPackage blob, and the mapping
of GeoPackage column types to PostgreSQL ones."""

from __future__ import annotations

import json
import re
import string

from ...db import lit, quote
from .. import codes, log_values, pasted_rows, triggers
from ..registry import NARROW_INTEGERS, Tracked, affinity

# Who made an edit in the database, as the change log names it: the role logged in and the
# application ("anna (QGIS)")
DEVICE = ("session_user || coalesce(' (' || nullif(current_setting('application_name', true), "
          "'') || ')', '')")

# The functions that run as the schema's owner (SECURITY DEFINER: capture, numbering, the
# conflicts of GIS staff's saves) name pg_temp last in their search path: left out, it is
# searched first, and a temporary table sync_changes of the editor's own session would take
# the log's place (an edit unlogged, a conflict forged in another's name).

# A GeoPackage geometry blob as GDAL writes one: "GP", version 0, flags, the srs id, the
# envelope (minx, maxx, miny, maxy; none for points and empty shapes), then the WKB. The
# header is big-endian (flags bit 0 clear: int4send and float8send write it as is); the WKB
# keeps its own byte-order mark. One encoding, used by capture and by every read.
FUNCTIONS = r"""
-- The rows capture gave a fresh uuid as they were inserted with the uuid a row of another
-- tracked table holds or held (toksun_pasted), a row a paste: the fresh uuid, its table,
-- the uuid copied, the table holding it, when, who. Kept until an earlier version in
-- sync_meta as one value ({pasted}), rewritten whole at each paste: moved here.
CREATE TABLE IF NOT EXISTS {s}.sync_pasted (row_uuid text PRIMARY KEY, tbl text NOT NULL,
  copied text NOT NULL, source text NOT NULL, at text NOT NULL, device text);
CREATE INDEX IF NOT EXISTS sync_pasted_copied ON {s}.sync_pasted (copied);
DO $$ BEGIN
  IF to_regclass({meta}) IS NOT NULL THEN
    INSERT INTO {s}.sync_pasted SELECT p.key, p.value ->> 0, p.value ->> 1, p.value ->> 2,
      p.value ->> 3, p.value ->> 4 FROM {s}.sync_meta m, jsonb_each(m.value::jsonb) p
    WHERE m.key = {pasted} ON CONFLICT DO NOTHING;
    DELETE FROM {s}.sync_meta WHERE key = {pasted};
  END IF;
END $$;

-- The pastes of the row ``r`` (pasted, or pasted from), oldest first, for history: read by
-- whoever reads the master.
CREATE OR REPLACE FUNCTION {s}.toksun_pasted_of(r text) RETURNS SETOF {s}.sync_pasted
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {s}, public, pg_temp AS $$
  SELECT * FROM sync_pasted WHERE row_uuid = r OR copied = r ORDER BY at
$$;
CREATE OR REPLACE FUNCTION {s}.toksun_gpkg(g geometry) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN g IS NULL THEN NULL
    WHEN ST_IsEmpty(g) THEN '\x47500010'::bytea || int4send(ST_SRID(g)) || ST_AsBinary(g, 'NDR')
    WHEN GeometryType(g) = 'POINT' THEN
      '\x47500000'::bytea || int4send(ST_SRID(g)) || ST_AsBinary(g, 'NDR')
    ELSE '\x47500002'::bytea || int4send(ST_SRID(g)) || float8send(ST_XMin(g::box3d))
      || float8send(ST_XMax(g::box3d)) || float8send(ST_YMin(g::box3d))
      || float8send(ST_YMax(g::box3d)) || ST_AsBinary(g, 'NDR') END
$$;

CREATE OR REPLACE FUNCTION {s}.toksun_log_value(v jsonb, is_blob boolean) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN v IS NULL THEN 'null'::jsonb
    WHEN jsonb_typeof(v) = 'boolean' THEN to_jsonb(CASE WHEN v = 'true' THEN 1 ELSE 0 END)
    WHEN is_blob AND jsonb_typeof(v) = 'string' THEN to_jsonb(upper(substr(v #>> '{{}}', 3)))
    ELSE v END
$$;

-- A row's logged fields as the change log's text, where a value may be ±Infinity or NaN (its
-- JSON text holds 'Infinity"' or 'NaN"'): to_jsonb writes a float's as the string
-- "Infinity", which the log writes as the number ±{inf} (JSON has no infinity), and "NaN",
-- which the log writes as null, as a GeoPackage holds it (see nan.py); text that says
-- Infinity or NaN stays text.
CREATE OR REPLACE FUNCTION {s}.toksun_finite(j jsonb, rel oid) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT '{{' || string_agg(to_jsonb(e.key)::text || ': ' || CASE
      WHEN e.value IN ('"Infinity"', '"-Infinity"', '"NaN"')
           AND a.atttypid IN ('real'::regtype, 'double precision'::regtype, 'numeric'::regtype)
      THEN CASE e.value WHEN '"Infinity"' THEN '{inf}' WHEN '"NaN"' THEN 'null'
                ELSE '-{inf}' END
      ELSE e.value::text END, ', ' ORDER BY e.n) || '}}'
  FROM jsonb_each(j) WITH ORDINALITY e(key, value, n)
  LEFT JOIN pg_attribute a ON a.attrelid = rel AND a.attname = e.key AND NOT a.attisdropped
$$;

CREATE OR REPLACE FUNCTION {s}.toksun_log_text(j jsonb, rel oid) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN strpos(j::text, 'Infinity"') = 0 AND strpos(j::text, 'NaN"') = 0
    THEN j::text ELSE toksun_finite(j, rel) END
$$;

-- Who and when, as the change log records an edit made in the database.
CREATE OR REPLACE FUNCTION {s}.toksun_device() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT {device}
$$;

CREATE OR REPLACE FUNCTION {s}.toksun_now() RETURNS text
LANGUAGE sql VOLATILE AS $$
  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- Rows inserted by a client that knows nothing of uuids get one, and so do rows inserted
-- with QGIS's copy of a uuid (QGIS gives a feature split off another, or pasted into its
-- own layer, the original's uuid with "_1" after it: the same in every copy of the layer),
-- and rows pasted into another layer (QGIS copies every field, the uuid too: see
-- toksun_pasted), unless field-kit writes them with capture off (a merged row keeps the
-- uuid it carries); a uuid never changes.
CREATE OR REPLACE FUNCTION {s}.toksun_row_uuid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF coalesce(NEW.uuid, '') = '' THEN
      NEW.uuid := gen_random_uuid()::text;
    ELSIF NOT (coalesce(current_setting('toksun.capture', true), '') = 'off' AND pg_has_role(
         session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = TG_TABLE_SCHEMA),
         'MEMBER')) THEN
      IF NEW.uuid ~ {copy_form} THEN
        NEW.uuid := gen_random_uuid()::text;
      ELSE
        NEW.uuid := coalesce({s}.toksun_pasted(TG_RELID, NEW.uuid), NEW.uuid);
      END IF;
    END IF;
  ELSIF coalesce(OLD.uuid, '') <> '' AND NEW.uuid IS DISTINCT FROM OLD.uuid THEN
    RAISE EXCEPTION 'a row''s uuid is its identity and cannot be changed';
  END IF;
  RETURN NEW;
END $$;

-- A row inserted into table ``rel`` with the uuid ``u`` a row of another tracked table holds
-- (a feature pasted from that layer), or held (its log names ``u``: the row was deleted
-- before the paste), is given a fresh uuid, returned, and the paste is recorded in
-- sync_pasted for history to say; NULL where no other tracked table holds or held ``u``. Each table
-- and the log are looked up by their uuid index: an insert costs one lookup a tracked table.
-- (Never a sequential scan: a plan kept for the session, made while a table or the log was
-- small or not analyzed yet, would read it whole for each row of a bulk append.)
CREATE OR REPLACE FUNCTION {s}.toksun_pasted(rel oid, u text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, public, pg_temp
SET enable_seqscan = off AS $$
DECLARE
  other text; fresh text;
BEGIN
  BEGIN
    other := toksun_held_elsewhere(rel, u);
  EXCEPTION WHEN undefined_table OR undefined_function THEN
    -- (a table renamed or dropped since its list was made, or none made yet)
    other := toksun_held_looked_up(rel, u);
  END;
  IF other IS NULL THEN
    -- a uuid another table's log names is that table's row, deleted since: the same object
    other := (SELECT min(tbl) FROM sync_changes WHERE row_uuid = u
              AND tbl <> (SELECT relname FROM pg_class WHERE oid = rel));
    IF other IS NULL THEN
      RETURN NULL;
    END IF;
  END IF;
  fresh := gen_random_uuid()::text;
  INSERT INTO sync_pasted VALUES (fresh, (SELECT relname FROM pg_class WHERE oid = rel), u,
                                  other, toksun_now(), toksun_device());
  RETURN fresh;
END $$;

-- The first tracked table but ``rel`` (by name) holding ``u``, each looked up by a statement
-- made for it here: what toksun_held_elsewhere (made for the tables tracked now, its plan
-- kept for the session) finds, some twenty times slower.
CREATE OR REPLACE FUNCTION {s}.toksun_held_looked_up(rel oid, u text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
  other text; held boolean;
BEGIN
  FOR other IN SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
               WHERE c.relnamespace = {here} AND t.tgname = 'toksun_capture' AND c.oid <> rel
               ORDER BY c.relname LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE uuid = $1)', other) INTO held USING u;
    IF held THEN
      RETURN other;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- A layer whose geometry column declares no SRID holds its shapes in the one system its rows
-- had when it was tracked (its field packages' layers are in it): as a declared column does,
-- a shape of no system (SRID 0) is taken to be in it, and one in another system is refused
-- (written as it is, its coordinates would reach field packages read in the layer's system).
CREATE OR REPLACE FUNCTION {s}.toksun_layer_srid() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0]; srid int := TG_ARGV[1]::int; g geometry;
BEGIN
  EXECUTE format('SELECT ($1).%I', col) USING NEW INTO g;
  IF ST_SRID(g) = 0 THEN
    RETURN jsonb_populate_record(NEW, jsonb_build_object(col,
      encode(ST_AsEWKB(ST_SetSRID(g, srid)), 'hex')));
  END IF;
  RAISE EXCEPTION 'Geometry SRID (%) does not match column SRID (%)', ST_SRID(g), srid
    USING ERRCODE = 'invalid_parameter_value',
    DETAIL = format('Layer %s holds its shapes in SRID %s (its field packages read them so); '
                    'column %s declares no SRID, and a shape in another system would reach '
                    'them as coordinates of the wrong one.', TG_TABLE_NAME, srid, col),
    HINT = format('Write it as ST_Transform(shape, %s).', srid);
END $$;

-- Which columns of a table are carried: a column added after capture was installed, of a
-- type the sync carries, is 'bytea' or 'value'; anything else NULL (not captured, and named
-- by every command until it is dropped).
CREATE OR REPLACE FUNCTION {s}.toksun_added_kind(rel oid, col text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN t = 'bytea' THEN 'bytea' WHEN t IN ({carried}) THEN 'value' END
  FROM (SELECT format_type(atttypid, NULL) AS t FROM pg_attribute
        WHERE attrelid = rel AND attname = col AND NOT attisdropped) a
$$;

-- A row's carried fields as the change log holds them: the columns of ``r`` (a row as jsonb,
-- its geometry already a GeoPackage blob in hex) but ``skipped``; a column not ``known`` was
-- added after capture was installed and is carried by its type (or left out: see above).
CREATE OR REPLACE FUNCTION {s}.toksun_fields(r jsonb, rel oid, known jsonb, blobs jsonb,
                                             skipped jsonb) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_object_agg(e.key, toksun_log_value(e.value, CASE WHEN known ? e.key
           THEN blobs ? e.key ELSE toksun_added_kind(rel, e.key) = 'bytea' END)), '{{}}')
  FROM jsonb_each(r) e
  WHERE NOT skipped ? e.key AND (known ? e.key OR toksun_added_kind(rel, e.key) IS NOT NULL)
$$;

-- A geometry column's value in a row as jsonb replaced by its GeoPackage blob in hex.
CREATE OR REPLACE FUNCTION {s}.toksun_with_blob(r jsonb, gcol text, g geometry) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN gcol = '' THEN r ELSE jsonb_set(r, ARRAY[gcol],
    coalesce(to_jsonb(upper(encode(toksun_gpkg(g), 'hex'))), 'null')) END
$$;

-- A row's times and intervals are written in the master's zone and style, whatever the
-- editor's session says (each capture function sets them for itself).
-- TG_ARGV: geometry column ('' if none), JSON list of tracked columns, JSON list of BLOB ones,
-- JSON list of the columns not tracked (the key, uuid). Any other column was added after
-- capture was installed (QGIS's Add Field) and is captured from the moment it exists.
-- Its trigger logs updates and deletes; inserts are logged a statement at a time
-- (toksun_capture_append), but by an earlier version's trigger, which fires on them too.
CREATE OR REPLACE FUNCTION {s}.toksun_capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, public, pg_temp {printed} AS $$
-- {version}
DECLARE
  gcol text := TG_ARGV[0]; known jsonb := TG_ARGV[1]::jsonb; skipped jsonb;
  o jsonb; n jsonb; ot text; nt text; og geometry; ng geometry; u text;
  changed text[]; moved boolean;
BEGIN
  -- only the master's owner (field-kit writing what it logs itself) may switch capture off
  IF current_setting('toksun.capture', true) = 'off' AND pg_has_role(session_user,
       (SELECT nspowner FROM pg_namespace WHERE nspname = TG_TABLE_SCHEMA), 'MEMBER') THEN
    RETURN NULL;
  END IF;
  -- (to_jsonb makes GeoJSON of the geometry, never used: a third of what a captured UPDATE
  -- costs. jsonb_populate_record could leave it out, but keeps the shape a row had when it
  -- was first called in a transaction: a column added later in it would go unlogged.)
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
  u := coalesce(n ->> 'uuid', o ->> 'uuid');
  IF TG_NARGS > 3 THEN
    skipped := TG_ARGV[3]::jsonb;
  ELSE  -- installed by an older version: only the columns it was told of
    skipped := to_jsonb(ARRAY(SELECT k FROM jsonb_object_keys(coalesce(n, o)) k
                              WHERE NOT known ? k));
  END IF;
  IF gcol <> '' THEN  -- both sides' geometry, read at once (its column is named only here)
    EXECUTE format('SELECT ($1).%I, ($2).%I', gcol, gcol) INTO og, ng USING OLD, NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- only the fields that changed are converted (the geometry compared by its bytes)
    changed := ARRAY(SELECT k FROM jsonb_object_keys(n) k
                     WHERE k <> gcol AND NOT skipped ? k AND n -> k IS DISTINCT FROM o -> k);
    IF gcol <> '' THEN
      moved := og::bytea IS DISTINCT FROM ng::bytea;
      IF moved THEN changed := changed || gcol; END IF;
    END IF;
    IF cardinality(changed) = 0 THEN RETURN NULL; END IF;
    o := (SELECT jsonb_object_agg(k, o -> k) FROM unnest(changed) k);
    n := (SELECT jsonb_object_agg(k, n -> k) FROM unnest(changed) k);
  END IF;
  IF gcol <> '' AND coalesce(n, o) ? gcol THEN
    IF o IS NOT NULL THEN o := toksun_with_blob(o, gcol, og); END IF;
    IF n IS NOT NULL THEN n := toksun_with_blob(n, gcol, ng); END IF;
  END IF;
  o := toksun_fields(o, TG_RELID, known, TG_ARGV[2]::jsonb, skipped);
  n := toksun_fields(n, TG_RELID, known, TG_ARGV[2]::jsonb, skipped);
  IF TG_OP = 'UPDATE' AND n = '{{}}' THEN RETURN NULL; END IF;
  -- as text (see toksun_log_text: the test first, the whole only for a row that needs it)
  IF TG_OP <> 'INSERT' THEN
    ot := o::text;
    IF strpos(ot, 'Infinity"') > 0 OR strpos(ot, 'NaN"') > 0 THEN
      ot := toksun_finite(o, TG_RELID);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    nt := n::text;
    IF strpos(nt, 'Infinity"') > 0 OR strpos(nt, 'NaN"') > 0 THEN
      nt := toksun_finite(n, TG_RELID);
    END IF;
  END IF;
  IF pg_trigger_depth() > 1 AND TG_OP = 'UPDATE' THEN
    -- (perhaps of a row its own statement appended, not logged yet: toksun_capture_append)
    PERFORM set_config('toksun.nested_update', 'on', true);
  END IF;
  -- numbered when the transaction commits: see toksun_number_log
  INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at, origin)
  VALUES (gen_random_uuid()::text, TG_TABLE_NAME, u, lower(TG_OP), ot, nt,
          toksun_device(), toksun_now(), 'local');
  RETURN NULL;
END $$;

-- The rows an INSERT or COPY appended, logged at the end of the statement all at once (read
-- from its transition table ``appended``, in the order they were written), each as the row
-- trigger logs an update or a delete (same TG_ARGV): logged a row at a time, a bulk append
-- took some thirty times as long as the append itself. Each column is converted as
-- toksun_fields converts it, written out once for the statement (no GeoJSON made of the
-- shape, nor a function called a field but of a type toksun_log_value must look at: it runs
-- uninlined, a call a field a row), and written as text as toksun_log_text writes it, told
-- by the row's own figures whether one is ±Infinity or NaN (its text searched twice a row,
-- the shape's blob with it, cost as much as the rest). (Not where the table's
-- toksun_capture is an earlier version's, firing on INSERT too: that logs them.)
CREATE OR REPLACE FUNCTION {s}.toksun_capture_append() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, public, pg_temp {printed} AS $$
DECLARE
  gcol text := TG_ARGV[0]; known jsonb := TG_ARGV[1]::jsonb; blobs jsonb := TG_ARGV[2]::jsonb;
  skipped jsonb := TG_ARGV[3]::jsonb; fields text; infinite text;
  nested boolean := current_setting('toksun.nested_update', true) = 'on'; mark bigint;
BEGIN
  IF current_setting('toksun.capture', true) = 'off' AND pg_has_role(session_user,
       (SELECT nspowner FROM pg_namespace WHERE nspname = TG_TABLE_SCHEMA), 'MEMBER')
     OR EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = TG_RELID AND tgname = 'toksun_capture'
                AND tgtype & 4 <> 0 AND tgenabled <> 'D') THEN
    RETURN NULL;
  END IF;
  -- (jsonb_build_object takes at most 50 pairs: a wider table's are joined by ||)
  -- (a boolean is logged 1 or 0; a value of the types listed is its JSON as it is)
  SELECT string_agg('jsonb_build_object(' || pairs || ')', ' || '),
         coalesce(string_agg(odd, ' OR '), 'false') INTO fields, infinite
  FROM (SELECT string_agg(format('%L, %s', name, CASE WHEN name = gcol
          THEN format('coalesce(to_jsonb(upper(encode(toksun_gpkg(t.%I), ''hex''))), ''null'')',
                      name)
          WHEN is_blob THEN format('toksun_log_value(to_jsonb(t.%I), true)', name)
          WHEN kind = 'bool'::regtype THEN format('to_jsonb(t.%I::int)', name)
          WHEN kind = ANY ('{{int2,int4,int8,float4,float8,numeric,text,varchar,bpchar,date,'
                           'timestamp,timestamptz,time,timetz,interval,uuid}}'::regtype[])
          THEN format('to_jsonb(t.%I)', name)
          ELSE format('toksun_log_value(to_jsonb(t.%I), false)', name) END), ', '
          ORDER BY n) AS pairs,
          -- the fields toksun_finite rewrites
          string_agg(CASE WHEN kind IN ('float4'::regtype, 'float8'::regtype,
                                        'numeric'::regtype)
            THEN format('t.%I::text IN (''Infinity'', ''-Infinity'', ''NaN'')', name) END,
            ' OR ') AS odd
        FROM (SELECT a.attname AS name, a.attnum AS n, a.atttypid AS kind,
                CASE WHEN known ? a.attname
                THEN blobs ? a.attname ELSE k.kind = 'bytea' END AS is_blob,
                (row_number() OVER (ORDER BY a.attnum) - 1) / 50 AS chunk
              FROM pg_attribute a
              LEFT JOIN LATERAL (SELECT toksun_added_kind(TG_RELID, a.attname) AS kind
                                 WHERE NOT known ? a.attname) k ON true
              WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped
                AND NOT skipped ? a.attname AND (known ? a.attname OR k.kind IS NOT NULL)) c
        GROUP BY chunk) p;
  IF nested THEN mark := nextval('sync_changes_pending'); END IF;
  -- (OFFSET 0: each row's fields made once, in the order appended)
  EXECUTE format('INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, '
    'at, origin) SELECT gen_random_uuid()::text, %L, t.uuid, ''insert'', NULL, CASE WHEN '
    't.odd THEN toksun_finite(t.j, $1) ELSE t.j::text END, toksun_device(), toksun_now(), '
    '''local'' FROM (SELECT t.uuid, %s AS odd, %s AS j FROM appended t OFFSET 0) t',
    TG_TABLE_NAME, infinite, coalesce(fields, '''{{}}''::jsonb'))
  USING TG_RELID;
  IF nested THEN
    -- A row appended and updated by a trigger of the statement (a county's own AFTER INSERT
    -- trigger) had its update logged before its insert, read above as first inserted: the
    -- update goes after it, in the order logged (an update before a delete of the row logged
    -- before the statement is an earlier row's, and stays).
    PERFORM set_config('toksun.nested_update', '', true);
    UPDATE sync_changes c SET seq = p.number
    FROM (SELECT r.seq, nextval('sync_changes_pending') AS number FROM sync_changes r
          WHERE r.seq < mark AND r.tbl = TG_TABLE_NAME AND r.op = 'update'
            AND r.row_uuid IN (SELECT a.uuid FROM appended a)
            AND NOT EXISTS (SELECT 1 FROM sync_changes d WHERE d.row_uuid = r.row_uuid
                            AND d.tbl = r.tbl AND d.op = 'delete' AND d.seq > r.seq
                            AND d.seq < mark)
          ORDER BY r.seq) p
    WHERE c.seq = p.seq;
  END IF;
  RETURN NULL;
END $$;

-- TRUNCATE fires no row trigger: before it empties the table, every row is logged as a
-- delete, as the row trigger would log it (same TG_ARGV).
CREATE OR REPLACE FUNCTION {s}.toksun_capture_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, public, pg_temp {printed} AS $$
BEGIN
  EXECUTE format('INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, '
    'at, origin) SELECT gen_random_uuid()::text, %L, t.uuid, ''delete'', toksun_log_text('
    'toksun_fields(toksun_with_blob(to_jsonb(t), $1, %s), $2, $3, $4, $5), $2), NULL, '
    'toksun_device(), toksun_now(), ''local'' FROM %I.%I t ORDER BY t.uuid', TG_TABLE_NAME,
    CASE WHEN TG_ARGV[0] = '' THEN 'NULL::geometry' ELSE format('t.%I', TG_ARGV[0]) END,
    TG_TABLE_SCHEMA, TG_TABLE_NAME)
  USING TG_ARGV[0], TG_RELID, TG_ARGV[1]::jsonb, TG_ARGV[2]::jsonb, TG_ARGV[3]::jsonb;
  RETURN NULL;
END $$;

-- The change log's numbers are given at commit, in the order the transaction wrote its rows,
-- so they become visible in order: a reader that has seen number N has seen every number
-- below it, and a field package pulling "everything after N" misses nothing committed
-- later. Whoever writes the log (capture, a merge writing back) inserts its rows with a
-- provisional number, negative (sync_changes_pending); a deferred trigger numbers them
-- when the transaction commits, holding the log's lock from then until the commit is
-- done. By then the transaction's statements have taken every row lock they need, so it
-- waits for no row while it holds the lock (unless deferred constraints of the user's own
-- fire after it and wait for one): editors who cross each other's rows wait for each other
-- as they would without capture, never in a circle through the lock, and an edit left
-- uncommitted holds nobody up. (Rows left unnumbered by a commit that did not run the
-- trigger, dropped or disabled, are numbered by the next commit, or by repair.)
CREATE OR REPLACE FUNCTION {s}.toksun_number_log() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, public, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('toksun.log.' || current_schema()));
  -- (the numbers are drawn after the sort, so in the order the rows were written)
  UPDATE sync_changes c SET seq = p.number
  FROM (SELECT seq, nextval('sync_changes_numbers') AS number FROM sync_changes
        WHERE seq < 0 ORDER BY seq) p
  WHERE c.seq = p.seq;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;

-- Whether a log row just written is the first of its transaction not numbered yet: one
-- numbering is queued per transaction, not one per row (a bulk UPDATE logs thousands).
-- toksun.log_due is set while one is queued, local to the transaction (and to a savepoint:
-- rolled back with it, as the queued numbering is).
CREATE OR REPLACE FUNCTION {s}.toksun_log_due(seq bigint) RETURNS boolean
LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN seq >= 0 THEN false
    WHEN current_setting('toksun.log_due', true) = 'on' THEN false
    ELSE set_config('toksun.log_due', 'on', true) = 'on' END
$$;

-- A conflict a QGIS save made (field_kit.sync.saved_over), recorded for GIS staff, who may
-- not write the conflicts themselves. Each side is checked against the log: the save is one
-- of the calling session user, of a table they may edit, and wrote "ours", "theirs" is what
-- an earlier edit of the row wrote, by the device, at the time and in the merge said, and
-- the ancestor what an edit of the row found there.
CREATE OR REPLACE FUNCTION {s}.toksun_saved_over(c jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, public, pg_temp AS $$
DECLARE
  rel regclass := to_regclass(format('%I.%I', current_schema(), c ->> 'tbl'));
  f text := c ->> 'field';
  save record;
  theirs jsonb := (c ->> 'theirs')::jsonb;
  ancestor jsonb := (c ->> 'ancestor')::jsonb;
  said boolean;
BEGIN
  IF rel IS NULL OR NOT (has_table_privilege(session_user, rel, 'UPDATE') OR
                         has_table_privilege(session_user, rel, 'DELETE')) THEN
    RAISE EXCEPTION 'permission denied for table %', c ->> 'tbl' USING ERRCODE = '42501';
  END IF;
  SELECT * INTO save FROM sync_changes WHERE change_uuid = c ->> 'change_uuid' AND
    tbl = c ->> 'tbl' AND row_uuid = c ->> 'row_uuid' AND origin = 'local' AND
    (device = session_user OR left(device, length(session_user) + 2) = session_user || ' (');
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no saved edit % of % to record', c ->> 'change_uuid', c ->> 'tbl'
      USING ERRCODE = '22023';
  END IF;
  -- the edit replaced: the latest before the save to write the field (of a row deleted,
  -- each field's latest by another device than the save's)
  said := CASE c ->> 'kind'
      WHEN 'update/update' THEN save.op <> 'delete' AND
        (save.new::jsonb) -> f = (c ->> 'ours')::jsonb AND EXISTS (
          SELECT 1 FROM (SELECT r.* FROM sync_changes r WHERE r.row_uuid = save.row_uuid AND
                         r.seq < save.seq AND (r.new::jsonb) ? f ORDER BY r.seq DESC LIMIT 1) r
          WHERE (r.new::jsonb) -> f = theirs AND r.device IS NOT DISTINCT FROM c ->> 'device'
          AND r.at IS NOT DISTINCT FROM c ->> 'at' AND CASE WHEN c ->> 'merge_id' IS NULL
            THEN coalesce(r.origin, '') NOT LIKE 'merge:%'
            ELSE r.origin IN ('merge:' || (c ->> 'merge_id'),
                              'merge:' || (c ->> 'merge_id') || ':restore') END)
        AND (ancestor = 'null' OR EXISTS (
          SELECT 1 FROM sync_changes a WHERE a.row_uuid = save.row_uuid AND
          (a.old::jsonb) -> f = ancestor))
      WHEN 'delete/update' THEN save.op = 'delete' AND f IS NULL AND c ->> 'ours' = 'null'
        AND jsonb_typeof(theirs) = 'object' AND NOT EXISTS (
          SELECT 1 FROM jsonb_each(theirs) t WHERE NOT EXISTS (
            SELECT 1 FROM (SELECT r.new FROM sync_changes r WHERE r.row_uuid = save.row_uuid
                           AND r.seq < save.seq AND (r.new::jsonb) ? t.key AND
                           r.device IS DISTINCT FROM save.device ORDER BY r.seq DESC LIMIT 1) r
            WHERE (r.new::jsonb) -> t.key = t.value))
        AND EXISTS (SELECT 1 FROM sync_changes r WHERE r.row_uuid = save.row_uuid AND
          r.seq < save.seq AND r.device IS NOT DISTINCT FROM c ->> 'device' AND
          r.at IS NOT DISTINCT FROM c ->> 'at')
      ELSE false END;
  IF NOT coalesce(said, false) THEN
    RAISE EXCEPTION 'no saved edit % of % to record as said', c ->> 'change_uuid', c ->> 'tbl'
      USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM sync_conflicts WHERE change_uuid = c ->> 'change_uuid' AND
             field IS NOT DISTINCT FROM f) THEN
    RETURN;  -- recorded already
  END IF;
  INSERT INTO sync_conflicts (merge_id, change_uuid, tbl, row_uuid, field, kind, ancestor,
                              ours, theirs, device, at, status)
  VALUES (c ->> 'merge_id', c ->> 'change_uuid', c ->> 'tbl', c ->> 'row_uuid', f,
          c ->> 'kind', c ->> 'ancestor', c ->> 'ours', c ->> 'theirs', c ->> 'device',
          c ->> 'at', 'open');
END $$;

CREATE OR REPLACE FUNCTION {s}.toksun_number() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, public, pg_temp AS $$
BEGIN
  PERFORM set_config('toksun.log_due', '', true);  -- rows written after this: queued again
  PERFORM toksun_number_log();
  RETURN NULL;
END $$;
"""

NUMBERS_SEQUENCES = ("sync_changes_numbers", "sync_changes_pending")
NUMBERS_FUNCTIONS = ("toksun_number_log()", "toksun_log_due(bigint)", "toksun_number()",
                     "toksun_saved_over(jsonb)")  # (and the owner's to record conflicts)


def numbering_sql(top: int, owner: str) -> list[str]:
    """The log numbered at commit (see ``toksun_number_log``) on a master's sync_changes, in
    place of what numbered it before: an earlier version's identity column, numbered as each
    row was written (that version held the log's lock from the first row to the commit),
    whose numbers go on where it stopped. ``top``: the last number given so far; ``owner``:
    the role owning sync_changes, to which its sequences must belong, and its numbering
    functions (not to a supervisor who happened to install them: every commit that logs
    runs them)."""
    return [
        "ALTER TABLE sync_changes ALTER COLUMN seq DROP IDENTITY IF EXISTS",
        # CACHE 1: a session never holds numbers drawn ahead, out of commit order
        "CREATE SEQUENCE IF NOT EXISTS sync_changes_numbers AS bigint CACHE 1",
        "CREATE SEQUENCE IF NOT EXISTS sync_changes_pending AS bigint "
        "MINVALUE -9223372036854775808 MAXVALUE -1 START WITH -9223372036854775808",
        *(f"ALTER SEQUENCE {n} OWNER TO {quote(owner)}" for n in NUMBERS_SEQUENCES),
        *(f"ALTER SEQUENCE {n} OWNED BY sync_changes.seq" for n in NUMBERS_SEQUENCES),
        *(f"ALTER FUNCTION {f} OWNER TO {quote(owner)}" for f in NUMBERS_FUNCTIONS),
        f"SELECT setval('sync_changes_numbers', greatest({int(top)}, CASE WHEN is_called "
        "THEN last_value ELSE last_value - 1 END), true) FROM sync_changes_numbers "
        f"WHERE {int(top)} > 0",
        "ALTER TABLE sync_changes ALTER COLUMN seq SET DEFAULT nextval('sync_changes_pending')",
        "DROP TRIGGER IF EXISTS toksun_number ON sync_changes",
        "CREATE CONSTRAINT TRIGGER toksun_number AFTER INSERT ON sync_changes "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (toksun_log_due(NEW.seq)) "
        "EXECUTE FUNCTION toksun_number()",
    ]


# The capture triggers of a tracked table: of updates and deletes (a row at a time), of
# appends (a statement at a time), of TRUNCATE
TRIGGERS = ("toksun_capture", "toksun_append", "toksun_truncate")
TRIGGERS_IN = "(" + ", ".join(map(lit, TRIGGERS)) + ")"  # (as SQL: tgname IN …)
# SQL for whether the tracked table of pg_trigger rows ``t`` (grouped by table) has them all:
# an earlier version's toksun_capture, firing on INSERT too, logs appends in toksun_append's
# place
WHOLE = ("count(*) FILTER (WHERE t.tgname <> 'toksun_append') = 2 AND (bool_or(t.tgname = "
         "'toksun_append') OR bool_or(t.tgname = 'toksun_capture' AND t.tgtype & 4 <> 0))")

# pg_trigger.tgenabled of a trigger that fires in an ordinary session: not disabled ('D'),
# nor enabled for replicas only ('R': ENABLE REPLICA TRIGGER, which fires only where
# session_replication_role is replica); capture with any other is switched off
FIRES = "IN ('O', 'A')"
# the master's schema, by its oid (its name quoted: a schema may be named with capitals or
# spaces, which a bare cast to regnamespace would read as an identifier)
HERE = "quote_ident(current_schema())::regnamespace"


# Number the log's rows left unnumbered (see toksun_number_log), taking the log's lock
NUMBER_LEFT = "SELECT toksun_number_log()"


# PostgreSQL types (as format_type shows them, without a length) the sync carries, and the
# GeoPackage type each is declared as in the master's template. A time, time with time zone
# or interval travels as TEXT, as PostgreSQL prints it ('24:00:00', '10:00:00+08',
# '1 day 02:00:00'), which neither a GeoPackage nor Python has a type for; the master reads
# a text typed in a package as it reads any value written to it (values.take).
CARRIED = {"smallint": "INTEGER", "integer": "INTEGER", "bigint": "INTEGER",
           "real": "REAL", "double precision": "REAL", "numeric": "REAL",
           "text": "TEXT", "character varying": "TEXT", "character": "TEXT", "uuid": "TEXT",
           "time without time zone": "TEXT", "time with time zone": "TEXT", "interval": "TEXT",
           "date": "DATE", "timestamp without time zone": "DATETIME",
           "timestamp with time zone": "DATETIME", "boolean": "BOOLEAN", "bytea": "BLOB"}


def carried(shown: str) -> str | None:
    """The GeoPackage type a PostgreSQL column of type ``shown`` (as format_type shows it,
    with any length, precision or scale: ``numeric(12,1)``, ``character varying(50)``, or
    fields: ``interval year to month``) is declared as in the template; None where the sync
    does not carry it."""
    bare = re.sub(r"\(\d+(,\d+)?\)", "", shown)
    return CARRIED.get("interval" if bare.startswith("interval ") else bare)  # (its fields)


# Written into the capture function: one without it (an earlier version's) is replaced
VERSION = "toksun capture 21"
# The comment field-kit gives each capture trigger it makes: a trigger dropped and made again
# by hand (from pg_get_triggerdef, which leaves comments out), the table edited in between
# with nothing captured, has none, and is capture broken (stage.capture_broken)
MADE_BY_FIELD_KIT = "toksun capture, made by field-kit: drop it and edits go unlogged"


def functions_sql(schema: str, zone: str) -> str:
    """The capture's functions, writing times in the master's time ``zone``
    (:func:`~field_kit.sync.postgis.address.master_zone`)."""
    printed = f"SET TimeZone = {lit(zone)} SET IntervalStyle = 'postgres'"
    return FUNCTIONS.format(s=quote(schema), carried=", ".join(map(lit, CARRIED)),
                            version=VERSION, inf=log_values.INFINITY_JSON, device=DEVICE,
                            copy_form=lit(triggers.COPY_PATTERN), here=HERE,
                            pasted=lit(pasted_rows.PASTED), printed=printed,
                            meta=lit(f"{quote(schema)}.sync_meta"))


# The tables capture tracks, for toksun_held_elsewhere: those with a capture trigger
TRACKED_NOW = (f"SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE "
               f"c.relnamespace = {HERE} AND t.tgname = 'toksun_capture' ORDER BY c.relname")


def held_elsewhere_sql(schema: str, tables: list[str]) -> str:
    """toksun_held_elsewhere(rel, u): the first of ``tables`` (the tables tracked, by name)
    but ``rel`` holding the uuid ``u``, as toksun_held_looked_up finds it, each table's lookup
    written out so that its plan is made once a session (a bulk append of fresh uuids cost
    twice what capture alone costs, each row planning a lookup in every table)."""
    s = quote(schema)
    # (the table inserted into is never looked up: its plan, made while it was small, read
    # it whole for each row, and a bulk append into it took time growing with its square)
    found = " ".join(
        f"IF here <> {lit(t)} THEN IF EXISTS (SELECT 1 FROM {s}.{quote(t)} WHERE uuid = u) "
        f"THEN RETURN {lit(t)}; END IF; END IF;" for t in tables)
    return (f"CREATE OR REPLACE FUNCTION {s}.toksun_held_elsewhere(rel oid, u text) "
            "RETURNS text LANGUAGE plpgsql STABLE AS $$ DECLARE here text := (SELECT relname "
            f"FROM pg_class WHERE oid = rel); BEGIN {found} RETURN NULL; END $$")


def _capture_args(t: Tracked, columns: list[str]) -> list[str]:
    """What the capture of ``t`` is told (see ``toksun_capture``): its geometry column, the
    columns tracked, the BLOB ones, and those not tracked among ``columns`` (all it has)."""
    blobs = [c for c in t.column_names if t.is_blob(c) and c != t.geom]
    skipped = [c for c in columns if c not in t.column_names]
    return [t.geom or ""] + [json.dumps(v, ensure_ascii=False)
                             for v in (t.column_names, blobs, skipped)]


def owner_sql(owner: int) -> str:
    """How a capture trigger names the schema's owner ``owner`` (a role's oid), as
    PostgreSQL shows the trigger (``pg_get_triggerdef``)."""
    return f"({int(owner)})::oid"


# How many arguments the capture triggers are given: a trigger given fewer was installed by
# an earlier version (see triggers_sql), and is renewed by the next command
TRIGGER_ARGS = 5


def triggers_sql(t: Tracked, columns: list[str], owner: int, types: dict[str, str],
                 srid: int | None = None) -> list[str]:
    """The capture triggers of a tracked table in PostgreSQL (put in place of any it has);
    ``columns`` are all its columns now (those not tracked are told apart from those added
    later); ``owner``: the schema's owner (a role's oid); ``types``: its columns' types in
    PostgreSQL as format_type shows them, with their length, precision or scale.

    Capture reads the first four arguments (:func:`_capture_args`). The fifth, the types of
    the tracked columns but the geometry as they were when the triggers were installed, is
    the record :mod:`~field_kit.sync.postgis.altered` compares with: a type changed since
    (``numeric(12,1)`` for ``double precision``) may have changed the values PostgreSQL holds
    without an edit any trigger saw. The record goes with the table when it is renamed.

    ``srid``: the layer's SRID, which its shapes are held to where its geometry column
    declares none (``toksun_layer_srid``)."""
    q = quote(t.name)
    told = {c: types[c] for c in t.column_names if c != t.geom and c in types}
    args = ", ".join(map(lit, [*_capture_args(t, columns),
                               json.dumps(told, ensure_ascii=False)]))
    # Capture switched off by the owner (field-kit writing what it logs itself) is told
    # here, where PostgreSQL does not even call the function: a merge's write-back ran
    # about 40% slower when every row it wrote called it. The function checks it again.
    quiet = (f"current_setting('toksun.capture', true) IS DISTINCT FROM 'off' OR NOT "
             f"pg_has_role(session_user, {owner_sql(owner)}, 'MEMBER')")
    return [
        f"DROP TRIGGER IF EXISTS toksun_capture ON {q}",
        f"DROP TRIGGER IF EXISTS toksun_row_uuid ON {q}",
        f"ALTER TABLE {q} ALTER COLUMN uuid SET DEFAULT gen_random_uuid()::text",
        f"CREATE TRIGGER toksun_row_uuid BEFORE INSERT OR UPDATE OF uuid ON {q} "
        "FOR EACH ROW EXECUTE FUNCTION toksun_row_uuid()",
        f"CREATE TRIGGER toksun_capture AFTER UPDATE OR DELETE ON {q} "
        f"FOR EACH ROW WHEN ({quiet}) EXECUTE FUNCTION toksun_capture({args})",
        f"COMMENT ON TRIGGER toksun_capture ON {q} IS {lit(MADE_BY_FIELD_KIT)}",
        f"DROP TRIGGER IF EXISTS toksun_append ON {q}",
        f"CREATE TRIGGER toksun_append AFTER INSERT ON {q} REFERENCING NEW TABLE AS appended "
        f"FOR EACH STATEMENT WHEN ({quiet}) EXECUTE FUNCTION toksun_capture_append({args})",
        f"COMMENT ON TRIGGER toksun_append ON {q} IS {lit(MADE_BY_FIELD_KIT)}",
        f"DROP TRIGGER IF EXISTS toksun_truncate ON {q}",
        f"CREATE TRIGGER toksun_truncate BEFORE TRUNCATE ON {q} "
        f"FOR EACH STATEMENT WHEN ({quiet}) EXECUTE FUNCTION toksun_capture_truncate({args})",
        f"COMMENT ON TRIGGER toksun_truncate ON {q} IS {lit(MADE_BY_FIELD_KIT)}",
        f"DROP TRIGGER IF EXISTS toksun_srid ON {q}",
    ] + ([f"CREATE TRIGGER toksun_srid BEFORE INSERT OR UPDATE OF {quote(t.geom)} ON {q} "
          f"FOR EACH ROW WHEN (ST_SRID(NEW.{quote(t.geom)}) <> {int(srid)}) EXECUTE "
          f"FUNCTION toksun_layer_srid({lit(t.geom)}, {int(srid)})"]
         if t.geom and srid and declares_no_srid(types.get(t.geom, "")) else [])


def declares_no_srid(shown: str) -> bool:
    """Whether a column of type ``shown`` (as format_type shows it) is a geometry column
    declaring no SRID: ``geometry``, ``geometry(Polygon)``, not ``geometry(Polygon,4490)``."""
    return re.fullmatch(r"(\w+\.)?geometry(\(\w+\))?", shown) is not None


# SQL for whether pg_trigger ``t`` bears the comment field-kit gave it (MADE_BY_FIELD_KIT)
MARKED = ("EXISTS (SELECT 1 FROM pg_description d WHERE d.objoid = t.oid AND d.classoid = "
          "'pg_trigger'::regclass AND d.description = " + lit(MADE_BY_FIELD_KIT) + ")")


# SQL for whether the column of pg_attribute ``a`` is one (see declares_no_srid)
DECLARES_NO_SRID = ("a.atttypid = 'geometry'::regtype AND postgis_typmod_srid(a.atttypmod) "
                    "= 0")


def inserts_sql(t: Tracked, columns: list[str]) -> str:
    """Log every row of ``t`` as an insert, as its capture trigger would have (a layer
    tracked after its rows were written: pulls then bring them)."""
    gcol, known, blobs, skipped = map(lit, _capture_args(t, columns))
    geom = f"t.{quote(t.geom)}" if t.geom else "NULL"
    rel = f"{lit(quote(t.name))}::regclass"
    return ("INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at, "
            f"origin) SELECT gen_random_uuid()::text, {lit(t.name)}, t.uuid, 'insert', NULL, "
            f"toksun_log_text(toksun_fields(toksun_with_blob(to_jsonb(t), {gcol}, {geom}), "
            f"{rel}, {known}::jsonb, {blobs}::jsonb, {skipped}::jsonb), {rel}), "
            f"toksun_device(), toksun_now(), 'local' FROM {quote(t.name)} t ORDER BY t.uuid")


def name_limit(pg) -> int:
    """The most bytes PostgreSQL holds in a name (63 unless it was built otherwise): a
    longer one is cut short when a table or column is made."""
    with pg.cursor() as cur:
        cur.execute("SELECT current_setting('max_identifier_length')::int")
        return int(cur.fetchone()[0])


def column_type(decl: str) -> str:
    """The PostgreSQL type for a GeoPackage column's declared type (geometry aside): a
    whole number as wide as GDAL reads it (:data:`~field_kit.sync.registry.NARROW_INTEGERS`),
    so the database refuses, by name, a value no package can hold. FLOAT, which GDAL reads
    and writes as a double (a 32-bit float only in name), is double precision as DOUBLE and
    REAL are: ``real`` would round what a package holds."""
    d = (decl or "").upper()
    if d == "DATE":
        return "date"
    if d == "BOOLEAN":
        return "boolean"
    if d == "DATETIME":  # kept as the GeoPackage's own text, so values compare exactly
        return "text"
    bits = NARROW_INTEGERS.get(d.strip())
    if bits is not None:
        return "smallint" if bits == 16 else "integer"
    return {"INTEGER": "bigint", "REAL": "double precision", "TEXT": "text",
            "BLOB": "bytea"}.get(affinity(decl), "double precision")


# PostgreSQL's whole-number types, each with the widest the sync compares it as (a column
# made before GeoPackage's narrower types were told apart is bigint)
INTEGERS = ("smallint", "integer", "bigint")


def same_kind(decl: str, shown: str) -> bool:
    """Whether a PostgreSQL column of type ``shown`` (as format_type shows it) holds the
    values of a template column declared ``decl`` as the sync carries them: of the type
    :func:`column_type` gives, or of a wider one of its kind (a master made before the
    narrower whole-number types were told apart holds a MEDIUMINT as bigint)."""
    got = carried(shown)
    if got is None:
        return False
    want, have = column_type(decl), column_type(got)
    return want == have or (want in INTEGERS and have in INTEGERS)


def code_key(col: str) -> tuple[str, tuple[str, str, str]]:
    """SQL for :func:`field_kit.sync.codes.key` of the column ``col`` (its text without the
    spaces around it, A-Z made small: one code to a merge), and the parameters it takes."""
    return (f"translate(btrim({quote(col)}::text, %s), %s, %s)",
            (codes.SPACES, string.ascii_uppercase, string.ascii_lowercase))
