-- What journeys need of other modules' tables.
-- Journeys read newly received behaviour events of the types they react to; a BRIN index on received_at (which
-- grows with inserts) serves "received since" at almost no cost to ingestion.
CREATE INDEX behaviour_event_received_brin ON behaviour_event USING brin (received_at) WITH (pages_per_range = 32);
-- A journey's tag action gives tags with source 'journey'.
ALTER TABLE customer_tag DROP CONSTRAINT customer_tag_source_known;
ALTER TABLE customer_tag ADD CONSTRAINT customer_tag_source_known
    CHECK (source IN ('manual', 'rule', 'system', 'segment', 'upload', 'journey'));
