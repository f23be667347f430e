-- The full RFM recompute reads the quintile boundaries of the customers with a purchase without sorting a million
-- values: it counts them per last purchase day and per purchase count over these two small partial indexes (few
-- distinct keys, so deduplicated to a few MB each, read index-only), and reads the handful of monetary values the
-- boundaries fall on from the third at their ranks.
CREATE INDEX customer_metrics_recency_idx ON customer_metrics_base (last_order_date) WHERE order_count > 0;
CREATE INDEX customer_metrics_frequency_idx ON customer_metrics_base (order_count) WHERE order_count > 0;
CREATE INDEX customer_metrics_monetary_idx ON customer_metrics_base (net_spent) WHERE order_count > 0;
