package io.liuliang.ingest;

/**
 * The order lifecycle that every platform's status text is mapped onto by a profile's status vocabulary:
 * CREATED → PAID → SHIPPED → DELIVERED → COMPLETED, or CANCELLED, REFUNDED, PARTIALLY_REFUNDED.
 */
enum ImportedOrderStatus {
    /** Placed, not paid (等待买家付款, pending). */
    CREATED,
    /** Paid, not shipped (买家已付款，等待卖家发货, paid). */
    PAID,
    /** Shipped, not yet received (卖家已发货，等待买家确认). */
    SHIPPED,
    /** Received by the buyer, not yet closed. */
    DELIVERED,
    /** Closed as a sale (交易成功). */
    COMPLETED,
    /** Closed without a sale, before or instead of payment (交易关闭, voided). */
    CANCELLED,
    /** Paid and then refunded in full. */
    REFUNDED,
    /** Paid and then refunded in part. */
    PARTIALLY_REFUNDED
}
