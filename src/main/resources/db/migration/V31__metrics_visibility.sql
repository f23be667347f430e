-- The recompute's passes over customer_metrics_base are index-only only where the visibility map says a page is
-- all-visible; every metrics update clears that for its page, and at the default scale factor (20 % of the rows) a
-- million-customer table would be vacuumed only every few weeks of daily changes. Vacuum it after 1 % instead.
ALTER TABLE customer_metrics_base SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
