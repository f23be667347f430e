-- How long each pass of an import took (read/validate/stage, resolve identities, store orders), in milliseconds;
-- NULL until the pass has run. Shown in the import report and recorded by the import benchmarks.
ALTER TABLE import_run
    ADD COLUMN stage_ms   bigint,
    ADD COLUMN resolve_ms bigint,
    ADD COLUMN store_ms   bigint;

-- Staged lines are held in a compact text form (see StagedLineCodec) instead of JSON: a fifth of the size, and
-- faster to write and read back. The table only holds lines of running imports.
ALTER TABLE import_line ALTER COLUMN payload TYPE text USING convert_from(payload, 'UTF8');

-- The 360° view asks for a customer's open One-ID conflicts on every read: find them by index, not by scanning
-- every open conflict (there can be many after large imports).
CREATE INDEX identity_conflict_customers_idx ON identity_conflict USING gin (customer_ids) WHERE status = 'OPEN';
