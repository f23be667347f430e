-- One-ID looks up whether a person kept customers apart (a dismissed conflict naming them) before merging them.
CREATE INDEX identity_conflict_dismissed_idx ON identity_conflict USING gin (customer_ids) WHERE status = 'DISMISSED';
