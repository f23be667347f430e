/**
 * Customer metrics (kept current from orders, refunds and events), RFM scores and named segments, lifecycle stages,
 * tags and segments (a condition tree compiled to SQL and evaluated in memory), and membership changes.
 * <p>
 * Tags and segments: a {@link io.liuliang.segment.Condition} tree (and / or / not groups over field, order and
 * behaviour rules) is parsed and validated by {@link io.liuliang.segment.ConditionParser}, compiled to parameterised
 * SQL by {@link io.liuliang.segment.ConditionSql} and evaluated in memory by {@code ConditionEvaluator} with the same
 * semantics. Dynamic segments and rule tags stay current: listeners mark the customers of {@code OrdersChanged},
 * {@code CustomerMetricsChanged}, {@code EventsRecorded}, {@code CustomersMerged} and {@code CustomerUnmerged} in
 * {@code segment_dirty}; a worker re-checks them within a second; a periodic full pass (a job, started by one
 * instance) recomputes everything. Every entry and exit is logged in {@code segment_membership_change} (consumed by
 * seq through {@link io.liuliang.segment.Segments}).
 * <p>
 * Read-only SQL on other modules' tables, accepted for the segment compiler, the facts loader, previews and exports:
 * {@code customer}, {@code customer_identity} (customer module), {@code sales_order}, {@code order_item} (order
 * module), {@code behaviour_event} (event module) and {@code customer_prediction} (analytics module, when present).
 * Tags follow One-ID merges through {@link io.liuliang.shared.CustomerDataOwner} and appear in the 360° view through
 * {@link io.liuliang.shared.CustomerTags}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segments, metrics and tags")
package io.liuliang.segment;
