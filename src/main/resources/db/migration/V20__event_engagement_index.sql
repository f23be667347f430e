-- Loyalty tasks poll new share, review and custom events by the time they were received; a partial index keeps that
-- cheap without costing the other (far more numerous) event types anything.
CREATE INDEX behaviour_event_engagement_received_idx ON behaviour_event (received_at)
    WHERE type IN ('share', 'review', 'custom') AND customer_id IS NOT NULL;
