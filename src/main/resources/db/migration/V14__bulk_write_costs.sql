-- The passes that read staged lines back sort them (by buyer record, by order) in one go, which is cheaper than
-- walking an index over every line of a large import; the order index was only ever paid for on every staged line.
DROP INDEX IF EXISTS import_line_order_idx;

-- Order items are written only by the order module, in the transaction that inserts or locks their order (a new
-- order's items, or a changed order's replaced items), and orders are never deleted. The foreign key's per-row check
-- (a key-share lock on the order for every item) was half the cost of storing the items of a large import.
ALTER TABLE order_item DROP CONSTRAINT IF EXISTS order_item_order_id_fkey;
