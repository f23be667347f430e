-- Items are looked up by SKU or category only for a given value (segment rules: i.sku = ?, i.category = ?), never
-- for a missing one. Items without them stay out of those indexes, which every stored item otherwise pays for on
-- insert: order-level exports carry no SKU, and many exports (the UCI Online Retail file among them) no category.
DROP INDEX IF EXISTS order_item_category_idx;
CREATE INDEX order_item_category_idx ON order_item (category, order_id) WHERE category IS NOT NULL;
DROP INDEX IF EXISTS order_item_sku_idx;
CREATE INDEX order_item_sku_idx ON order_item (sku) WHERE sku IS NOT NULL;
