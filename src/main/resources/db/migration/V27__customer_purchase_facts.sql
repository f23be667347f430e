-- Per-customer purchase facts (module segment), so that order conditions of segments ("bought 美妆 in the last 365
-- days", "at least 3 orders in shop X") are answered from a few rows per customer instead of a walk through every
-- order and item. One row per customer, shop and item category the customer bought (an order counts once per
-- category of its items), plus one row per customer and shop with category NULL for all of that shop's orders
-- (with or without items). Orders are those not cancelled, attributed to their current customer_id (what the
-- order conditions count). Kept current with the metrics (same marks, same transaction, within seconds of an
-- order, refund or merge) and rebuilt by the full metrics rebuild.
CREATE TABLE customer_purchase_fact (
    customer_id     uuid        NOT NULL,
    shop_id         uuid        NOT NULL,
    category        text,
    last_ordered_at timestamptz NOT NULL,
    orders          int         NOT NULL,
    amount          numeric     NOT NULL
);
COMMENT ON TABLE customer_purchase_fact IS 'non-cancelled orders per customer, shop and item category (NULL: every order of the shop)';
COMMENT ON COLUMN customer_purchase_fact.orders IS 'distinct orders (one order counts once per category)';
COMMENT ON COLUMN customer_purchase_fact.amount IS 'sum of coalesce(paid_amount, 0) - refunded_amount over those orders';
INSERT INTO customer_purchase_fact (customer_id, shop_id, category, last_ordered_at, orders, amount)
WITH o AS (
    SELECT o.id, o.customer_id, o.shop_id, o.ordered_at, coalesce(o.paid_amount, 0) - o.refunded_amount AS net
    FROM sales_order o WHERE o.customer_id IS NOT NULL AND o.status <> 'cancelled')
SELECT customer_id, shop_id, NULL, max(ordered_at), count(*), sum(net) FROM o GROUP BY customer_id, shop_id
UNION ALL
SELECT customer_id, shop_id, category, max(ordered_at), count(*), sum(net)
FROM (SELECT DISTINCT o.id, o.customer_id, o.shop_id, o.ordered_at, o.net, i.category
      FROM o JOIN order_item i ON i.order_id = o.id WHERE i.category IS NOT NULL) x
GROUP BY customer_id, shop_id, category;

-- indexed after the backfill: cheaper than maintaining the indexes row by row
CREATE UNIQUE INDEX customer_purchase_fact_uq ON customer_purchase_fact (customer_id, shop_id, category) NULLS NOT DISTINCT;
CREATE INDEX customer_purchase_fact_category_idx ON customer_purchase_fact (category, last_ordered_at) INCLUDE (customer_id, shop_id);
