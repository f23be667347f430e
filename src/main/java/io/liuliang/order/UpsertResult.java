package io.liuliang.order;

import java.util.UUID;

/** What an upsert did: created the order, updated it, or found it unchanged (a retried or re-imported order). */
public record UpsertResult(UUID orderId, Outcome outcome, int refundsCreated) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }
}
