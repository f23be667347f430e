-- An import stages its lines in a temporary table of the connection that runs it (ImportJob), dropped with the
-- session; the shared unlogged staging table is no longer written or read.
DROP TABLE IF EXISTS import_line;
