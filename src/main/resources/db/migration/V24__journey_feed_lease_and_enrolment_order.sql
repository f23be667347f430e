-- The behaviour-event feed stays with one instance while it lives (its de-duplication of re-read events is in memory):
-- the instance holding it renews a lease on every read; another takes over only when the lease ran out or was released.
ALTER TABLE journey_feed ADD COLUMN holder text;
ALTER TABLE journey_feed ADD COLUMN lease_until timestamptz;

-- a journey's enrolments are listed newest first: their ids are time-ordered (UUID v7), so this index grows at its
-- right edge (an index over the entry time and a random id had doubled the cost of a bulk enrolment)
CREATE INDEX journey_enrolment_newest_idx ON journey_enrolment (journey_id, id);
