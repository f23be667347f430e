package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.customer.IdentifyRequest;
import io.liuliang.customer.IdentityInput;
import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.customer.Resolution;
import io.liuliang.order.OrderStatus;
import io.liuliang.order.OrderUpsert;
import io.liuliang.order.Orders;
import io.liuliang.order.UpsertResult;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ShopId;

/**
 * Takes one order in: resolves its buyer with One-ID, encrypts the receiver, and upserts the order, all in one
 * transaction, so that the answer is given only once everything is durable.
 */
@Service
class OrderIngestion {

    private final Customers customers;
    private final Orders orders;
    private final PersonalData vault;

    OrderIngestion(Customers customers, Orders orders, PersonalData vault) {
        this.customers = customers;
        this.orders = orders;
        this.vault = vault;
    }

    /** What happened to one order. */
    record Ingested(UUID orderId, UpsertResult.Outcome outcome, UUID customerId, boolean customerCreated,
                    int refundsCreated, List<Resolution.IgnoredIdentity> ignoredIdentities) {
    }

    @Transactional
    Ingested ingest(ShopId shopId, String externalId, OrderPayload p, String source) {
        OrderStatus status = status(p.status());
        Resolution resolution = null;
        if (p.customer() != null && p.customer().identities() != null && !p.customer().identities().isEmpty()) {
            List<IdentityInput> identities = p.customer().identities().stream()
                    .map(i -> i == null || i.shopId() != null ? i : new IdentityInput(i.type(), i.value(), shopId.value()))
                    .toList();
            resolution = customers.identify(new IdentifyRequest(identities, p.customer().traits(), p.orderedAt(), source));
        }
        CustomerId customer = resolution != null && resolution.resolved() ? resolution.customerId() : null;
        CustomerId origin = resolution != null && resolution.resolved() ? resolution.origin() : null;
        UpsertResult result = orders.upsert(new OrderUpsert(shopId, externalId, customer, origin, status, p.currency(),
                p.discount(), p.shipping(), p.paidAmount(), p.orderedAt(), p.paidAt(), p.shippedAt(), p.deliveredAt(),
                p.completedAt(), p.cancelledAt(), p.buyerRemark(), receiver(p.receiver()), lines(p.items()),
                refunds(p.refunds()), source));
        return new Ingested(result.orderId(), result.outcome(), customer == null ? null : customer.value(),
                resolution != null && resolution.created(), result.refundsCreated(),
                resolution == null ? List.of() : resolution.ignored());
    }

    private static OrderStatus status(String status) {
        if (status == null || status.isBlank()) {
            throw ApiProblemException.invalid("status", "is required");
        }
        try {
            return OrderStatus.ofCode(status.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("status", e.getMessage());
        }
    }

    private OrderUpsert.EncryptedReceiver receiver(OrderPayload.Receiver r) {
        if (r == null) {
            return null;
        }
        List<String> masked = new ArrayList<>();
        for (String part : new String[] {vault.mask(PiiKind.NAME, r.name()), vault.mask(PiiKind.PHONE, r.phone()),
                vault.mask(PiiKind.ADDRESS, r.address())}) {
            if (part != null) {
                masked.add(part);
            }
        }
        return new OrderUpsert.EncryptedReceiver(vault.encrypt(PiiKind.NAME, r.name()), vault.encrypt(PiiKind.PHONE, r.phone()),
                vault.encrypt(PiiKind.ADDRESS, r.address()), masked.isEmpty() ? null : String.join(" ", masked),
                r.province(), r.city());
    }

    private static List<OrderUpsert.Line> lines(List<OrderPayload.Item> items) {
        if (items == null) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        List<OrderUpsert.Line> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            OrderPayload.Item item = items.get(i);
            if (item == null || item.quantity() == null) {
                errors.add(new FieldError("items[" + i + "].quantity", "is required"));
                continue;
            }
            lines.add(new OrderUpsert.Line(item.sku(), item.productId(), item.productName(), item.category(),
                    item.quantity(), item.unitPrice(), item.amount()));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return lines;
    }

    private static List<OrderUpsert.Refund> refunds(List<OrderPayload.RefundPayload> refunds) {
        return refunds == null ? List.of() : refunds.stream()
                .map(r -> r == null ? null : new OrderUpsert.Refund(r.externalId(), r.amount(), r.reason(), r.refundedAt()))
                .toList();
    }
}
