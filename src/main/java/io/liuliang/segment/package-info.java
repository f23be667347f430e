/**
 * Customer metrics (kept current from orders, refunds and events), RFM scores and named segments, lifecycle stages,
 * tags and segments (a condition tree compiled to SQL and evaluated in memory), and membership changes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Segments, metrics and tags")
package io.liuliang.segment;
