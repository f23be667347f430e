package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What the in-memory evaluator knows of one customer: the catalog's scalar fields (keyed by field key, absent when
 * NULL), the identity types, tags and segments held, and the orders and events inside the windows the conditions
 * look at. Loaded by {@link CustomerFactsLoader}.
 */
record CustomerFacts(UUID id, Map<String, Object> values, Set<String> identityTypes, Set<UUID> tags,
                     Set<UUID> segments, List<OrderFact> orders, List<EventFact> events) {

    record OrderFact(UUID shopId, String status, Instant orderedAt, BigDecimal paidAmount, BigDecimal refundedAmount,
                     List<ItemFact> items) {
    }

    record ItemFact(String sku, String category) {
    }

    record EventFact(String type, String customName, Instant occurredAt, JsonNode properties) {
    }
}
