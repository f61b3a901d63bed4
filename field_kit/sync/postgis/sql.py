# SPDX-License-Identifier: GPL-2.0-or-later
"""What a PostgreSQL master holds besides its tables: the functions that capture edits made
in the database into ``sync_changes`` (as the GeoPackage triggers do: old and new values of
the changed fields, device, time) and write geometry as a GeoPackage blob, and the mapping
of GeoPackage column types to PostgreSQL ones."""

from __future__ import annotations

import json

from ...db import lit, quote
from ..registry import Tracked, affinity

# A GeoPackage geometry blob as GDAL writes one: "GP", version 0, flags, the srs id, the
# envelope (minx, maxx, miny, maxy; none for points and empty shapes), then the WKB. The
# header is big-endian (flags bit 0 clear: int4send and float8send write it as is); the WKB
# keeps its own byte-order mark. One encoding, used by capture and by every read.
FUNCTIONS = r"""
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

-- Rows inserted by a client that knows nothing of uuids get one; a uuid never changes.
CREATE OR REPLACE FUNCTION {s}.toksun_row_uuid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF coalesce(NEW.uuid, '') = '' THEN NEW.uuid := gen_random_uuid()::text; END IF;
  ELSIF coalesce(OLD.uuid, '') <> '' AND NEW.uuid IS DISTINCT FROM OLD.uuid THEN
    RAISE EXCEPTION 'a row''s uuid is its identity and cannot be changed';
  END IF;
  RETURN NEW;
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

-- TG_ARGV: geometry column ('' if none), JSON list of tracked columns, JSON list of BLOB ones,
-- JSON list of the columns not tracked (the key, uuid). Any other column was added after
-- capture was installed (QGIS's Add Field) and is captured from the moment it exists.
CREATE OR REPLACE FUNCTION {s}.toksun_capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, public AS $$
DECLARE
  gcol text := TG_ARGV[0];
  known jsonb := TG_ARGV[1]::jsonb; blobs jsonb := TG_ARGV[2]::jsonb; cols text[];
  o jsonb; n jsonb; oo jsonb := '{{}}'; nn jsonb := '{{}}'; a jsonb; b jsonb; g bytea;
  c text; is_blob boolean; kind text;
BEGIN
  -- only the master's owner (field-kit writing what it logs itself) may switch capture off
  IF current_setting('toksun.capture', true) = 'off' AND pg_has_role(session_user,
       (SELECT nspowner FROM pg_namespace WHERE nspname = TG_TABLE_SCHEMA), 'MEMBER') THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
  IF gcol <> '' THEN
    IF o IS NOT NULL THEN
      EXECUTE format('SELECT toksun_gpkg(($1).%I)', gcol) INTO g USING OLD;
      o := jsonb_set(o, ARRAY[gcol], coalesce(to_jsonb(upper(encode(g, 'hex'))), 'null'));
    END IF;
    IF n IS NOT NULL THEN
      EXECUTE format('SELECT toksun_gpkg(($1).%I)', gcol) INTO g USING NEW;
      n := jsonb_set(n, ARRAY[gcol], coalesce(to_jsonb(upper(encode(g, 'hex'))), 'null'));
    END IF;
  END IF;
  IF TG_NARGS > 3 THEN
    cols := ARRAY(SELECT k FROM jsonb_object_keys(coalesce(n, o)) k
                  WHERE NOT TG_ARGV[3]::jsonb ? k);
  ELSE
    cols := ARRAY(SELECT jsonb_array_elements_text(known));
  END IF;
  FOREACH c IN ARRAY cols LOOP
    IF known ? c THEN
      is_blob := blobs ? c;
    ELSE
      kind := toksun_added_kind(TG_RELID, c);
      CONTINUE WHEN kind IS NULL;
      is_blob := kind = 'bytea';
    END IF;
    a := toksun_log_value(o -> c, is_blob);
    b := toksun_log_value(n -> c, is_blob);
    IF TG_OP = 'INSERT' THEN nn := nn || jsonb_build_object(c, b);
    ELSIF TG_OP = 'DELETE' THEN oo := oo || jsonb_build_object(c, a);
    ELSIF a IS DISTINCT FROM b THEN
      oo := oo || jsonb_build_object(c, a);
      nn := nn || jsonb_build_object(c, b);
    END IF;
  END LOOP;
  IF TG_OP = 'UPDATE' AND nn = '{{}}' THEN RETURN NULL; END IF;
  -- the log's numbers become visible in order: see LOG_LOCK
  PERFORM pg_advisory_xact_lock(hashtext('toksun.log.' || TG_TABLE_SCHEMA));
  INSERT INTO sync_changes (change_uuid, tbl, row_uuid, op, old, new, device, at, origin)
  VALUES (gen_random_uuid()::text, TG_TABLE_NAME, coalesce(n ->> 'uuid', o ->> 'uuid'),
          lower(TG_OP),
          CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE oo::text END,
          CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE nn::text END,
          session_user || coalesce(' (' || nullif(current_setting('application_name', true),
                                                 '') || ')', ''),
          to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'local');
  RETURN NULL;
END $$;
"""


# Whoever writes the change log (a capture trigger, a merge writing back) holds this lock
# from before its first number until it commits, so the log's numbers become visible in
# order: a reader that has seen number N has seen every number below it, and a field
# package pulling "everything after N" misses nothing that commits later.
LOG_LOCK = "SELECT pg_advisory_xact_lock(hashtext('toksun.log.' || current_schema()))"


# PostgreSQL types (as format_type shows them, without a length) the sync carries, and the
# GeoPackage type each is declared as in the master's template
CARRIED = {"smallint": "INTEGER", "integer": "INTEGER", "bigint": "INTEGER",
           "real": "REAL", "double precision": "REAL", "numeric": "REAL",
           "text": "TEXT", "character varying": "TEXT", "character": "TEXT", "uuid": "TEXT",
           "date": "DATE", "timestamp without time zone": "DATETIME",
           "timestamp with time zone": "DATETIME", "boolean": "BOOLEAN", "bytea": "BLOB"}


def functions_sql(schema: str) -> str:
    return FUNCTIONS.format(s=quote(schema), carried=", ".join(map(lit, CARRIED)))


def triggers_sql(t: Tracked, columns: list[str]) -> list[str]:
    """The capture triggers of a tracked table in PostgreSQL (put in place of any it has);
    ``columns`` are all its columns
    now (those not tracked are told apart from those added later)."""
    q = quote(t.name)
    cols = json.dumps(t.column_names, ensure_ascii=False)
    blobs = json.dumps([c for c in t.column_names if t.is_blob(c) and c != t.geom],
                       ensure_ascii=False)
    skipped = json.dumps([c for c in columns if c not in t.column_names], ensure_ascii=False)
    args = ", ".join(lit(v) for v in (t.geom or "", cols, blobs, skipped))
    return [
        f"DROP TRIGGER IF EXISTS toksun_capture ON {q}",
        f"DROP TRIGGER IF EXISTS toksun_row_uuid ON {q}",
        f"ALTER TABLE {q} ALTER COLUMN uuid SET DEFAULT gen_random_uuid()::text",
        f"CREATE TRIGGER toksun_row_uuid BEFORE INSERT OR UPDATE OF uuid ON {q} "
        "FOR EACH ROW EXECUTE FUNCTION toksun_row_uuid()",
        f"CREATE TRIGGER toksun_capture AFTER INSERT OR UPDATE OR DELETE ON {q} "
        f"FOR EACH ROW EXECUTE FUNCTION toksun_capture({args})",
    ]


def column_type(decl: str) -> str:
    """The PostgreSQL type for a GeoPackage column's declared type (geometry aside)."""
    d = (decl or "").upper()
    if d == "DATE":
        return "date"
    if d == "BOOLEAN":
        return "boolean"
    if d == "DATETIME":  # kept as the GeoPackage's own text, so values compare exactly
        return "text"
    return {"INTEGER": "bigint", "REAL": "double precision", "TEXT": "text",
            "BLOB": "bytea"}.get(affinity(decl), "double precision")
