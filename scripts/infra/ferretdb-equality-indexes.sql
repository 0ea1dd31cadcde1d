-- Gives each index FerretDB 1.24 creates a GIN twin that its filters can use.
--
-- FerretDB's PostgreSQL backend stores a document as one jsonb column, _jsonb, and creates an
-- index on {field: 1} as a B-tree on (_jsonb -> 'field'). It pushes a filter's top-level
-- equalities down to SQL as containment, `_jsonb -> 'field' @> '"value"'` (so that an array
-- holding the value matches too, as in MongoDB); a B-tree cannot answer `@>`, so every such
-- query, `{_id: ...}` included, scans the table (internal/backends/postgresql/query.go,
-- prepareWhereClause and filterEqual). A GIN index (jsonb_path_ops) on the same expression
-- answers `@>`.
--
-- This event trigger adds that index to every index FerretDB makes on a collection: for `_id_`,
-- and for the first key of a compound index, which is its equality key (equality, sort, range).
-- A single-field index on any other field serves range filters and sorts, which FerretDB 1.x
-- never pushes down, so it gets none. Which fields are indexed stays the decision of each
-- collection's owner (its createIndex calls); FerretDB's own metadata tables are left alone.
-- fastupdate is off: a point lookup then never scans a pending list.
BEGIN;

CREATE OR REPLACE FUNCTION public.ai_chef_equality_index() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  made record;
BEGIN
  FOR made IN
    SELECT i.indrelid::regclass AS tbl, ic.relname AS btree_name,
           pg_get_indexdef(i.indexrelid, 1, true) AS first_key, i.indnkeyatts AS keys,
           pg_get_indexdef(i.indexrelid, 1, true) = '(_jsonb -> ''_id''::text)' AS is_id
      FROM pg_event_trigger_ddl_commands() c
      JOIN pg_index i ON i.indexrelid = c.objid
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_class tc ON tc.oid = i.indrelid
      JOIN pg_am am ON am.oid = ic.relam
     WHERE c.command_tag = 'CREATE INDEX' AND am.amname = 'btree' AND tc.relname NOT LIKE '\_ferretdb\_%'
  LOOP
    -- Top-level keys only: FerretDB pushes dot notation down only under a test flag.
    CONTINUE WHEN made.first_key !~ '^\(_jsonb -> ''[^'']+''::text\)$';
    CONTINUE WHEN NOT made.is_id AND made.keys < 2;
    CONTINUE WHEN EXISTS (
      SELECT 1 FROM pg_index gi
        JOIN pg_class gc ON gc.oid = gi.indexrelid
        JOIN pg_am gam ON gam.oid = gc.relam
       WHERE gi.indrelid = made.tbl AND gam.amname = 'gin'
         AND pg_get_indexdef(gi.indexrelid, 1, true) = made.first_key);
    EXECUTE format('CREATE INDEX %I ON %s USING gin (%s jsonb_path_ops) WITH (fastupdate = off)',
                   regexp_replace(made.btree_name, '_idx$', '_gin'), made.tbl, made.first_key);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS ai_chef_equality_index;
CREATE EVENT TRIGGER ai_chef_equality_index ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION public.ai_chef_equality_index();

COMMIT;
