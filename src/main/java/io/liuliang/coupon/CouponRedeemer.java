package io.liuliang.coupon;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ProblemType;

/**
 * Redeems coupons on orders, takes redemptions back, revokes coupons. Each works on the coupon's row locked for its
 * transaction, so simultaneous requests for one coupon run one after the other: of many redemptions on different
 * orders exactly one succeeds and the others see it redeemed (409); the same order again is a replay that answers
 * the first redemption and changes nothing.
 */
@Service
class CouponRedeemer {

    static final int MAX_ORDER_ID = 200;
    static final int MAX_ITEMS = 1_000;

    private final CouponStore coupons;
    private final CouponTemplateStore templates;
    private final Customers customers;
    private final io.liuliang.loyalty.MemberTiers tiers;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    CouponRedeemer(CouponStore coupons, CouponTemplateStore templates, Customers customers,
                   io.liuliang.loyalty.MemberTiers tiers, JdbcClient jdbc, ApplicationEventPublisher publisher, Clock clock) {
        this.tiers = tiers;
        this.coupons = coupons;
        this.templates = templates;
        this.customers = customers;
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** An order line for category-scoped coupons: its category and its amount after item discounts. */
    record Item(String category, BigDecimal amount) {
    }

    /** The order a coupon is used on, as the checkout knows it. */
    record RedeemRequest(UUID shopId, String orderId, UUID customerId, BigDecimal orderAmount, BigDecimal shippingAmount,
                         String currency, List<Item> items) {
    }

    /** What a redemption gives, and whether it is the answer of an earlier identical one. */
    record Redemption(Coupon coupon, BigDecimal eligibleAmount, BigDecimal discount, boolean freeShipping, String gift,
                      boolean replayed) {
    }

    /** The order whose cancellation takes a redemption back. */
    record OrderRef(UUID shopId, String orderId) {
    }

    @Transactional
    Redemption redeem(String typedCode, RedeemRequest request) {
        validate(request);
        Coupon coupon = locked(typedCode);
        CouponTemplate template = templates.find(coupon.templateId()).orElseThrow();
        String orderId = request.orderId().trim();
        if (coupon.status() == CouponStatus.REDEEMED) {
            if (request.shopId().equals(coupon.redeemedShopId()) && orderId.equals(coupon.redeemedOrderId())) {
                return new Redemption(coupon, null, coupon.redeemedDiscount(), template.kind() == CouponKind.FREE_SHIPPING,
                        template.giftName(), true);
            }
            throw refused(RefusalReason.ALREADY_REDEEMED, "coupon " + coupon.code() + " was already redeemed on order "
                    + coupon.redeemedOrderId() + " at " + coupon.redeemedAt(), Map.of("redeemedAt", coupon.redeemedAt()));
        }
        if (coupon.status() == CouponStatus.REVOKED) {
            throw refused(RefusalReason.REVOKED, "coupon " + coupon.code() + " was revoked at " + coupon.revokedAt(), Map.of());
        }
        Instant now = clock.instant();
        if (coupon.status() == CouponStatus.EXPIRED || !coupon.validUntil().isAfter(now)) {
            throw refused(RefusalReason.EXPIRED, "coupon " + coupon.code() + " expired at " + coupon.validUntil(),
                    Map.of("validUntil", coupon.validUntil()));
        }
        if (coupon.validFrom().isAfter(now)) {
            throw refused(RefusalReason.NOT_YET_VALID, "coupon " + coupon.code() + " is valid from " + coupon.validFrom(),
                    Map.of("validFrom", coupon.validFrom()));
        }
        if (request.customerId() != null) {
            Optional<CustomerId> buyer = customers.survivorOf(new CustomerId(request.customerId()));
            if (buyer.isEmpty() || !buyer.get().value().equals(coupon.customerId())) {
                throw refused(RefusalReason.WRONG_CUSTOMER, "coupon " + coupon.code()
                        + " belongs to another customer than " + request.customerId(), Map.of());
            }
        }
        if (request.currency() != null && !request.currency().trim().equalsIgnoreCase(template.currency())) {
            throw refused(RefusalReason.CURRENCY_MISMATCH, "coupon " + coupon.code() + " is in " + template.currency()
                    + ", the order in " + request.currency().trim().toUpperCase(), Map.of("currency", template.currency()));
        }
        if (!template.coversShop(request.shopId())) {
            throw refused(RefusalReason.OUT_OF_SCOPE, "coupon " + coupon.code() + " is not valid in shop "
                    + request.shopId(), Map.of());
        }
        if (template.minTier() != null) {
            int needed = tiers.rankOf(template.minTier()).orElse(Integer.MAX_VALUE);
            Integer held = tiers.ranksOf(List.of(new CustomerId(coupon.customerId()))).get(new CustomerId(coupon.customerId()));
            if (held == null || held < needed) {
                throw refused(RefusalReason.BELOW_TIER, "coupon " + coupon.code() + " needs the loyalty tier "
                        + template.minTier() + " or above", Map.of("minTier", template.minTier()));
            }
        }
        BigDecimal eligible = eligibleAmount(template, request);
        if (eligible.signum() <= 0 && !template.categories().isEmpty()) {
            throw refused(RefusalReason.OUT_OF_SCOPE, "no item of the order is in the coupon's categories "
                    + String.join(", ", template.categories()), Map.of("categories", template.categories()));
        }
        if (eligible.compareTo(template.threshold()) < 0) {
            throw refused(RefusalReason.BELOW_THRESHOLD, "the coupon needs " + template.threshold().toPlainString() + " "
                    + template.currency() + " of eligible goods; the order has " + eligible.toPlainString(),
                    Map.of("threshold", template.threshold(), "eligibleAmount", eligible));
        }
        BigDecimal discount = template.discountOn(eligible, money(request.shippingAmount()));
        BigDecimal orderAmount = money(request.orderAmount());
        jdbc.sql("UPDATE coupon SET status = 'redeemed', redeemed_at = ?, redeemed_shop_id = ?, redeemed_order_id = ?, "
                        + "redeemed_order_amount = ?, redeemed_discount = ? WHERE id = ?")
                .params(CouponTemplateStore.ts(now), request.shopId(), orderId, orderAmount, discount, coupon.id()).update();
        log(coupon.id(), "redeemed", request.shopId(), orderId, orderAmount, discount, now);
        Coupon redeemed = coupons.byCode(coupon.code()).orElseThrow();
        publisher.publishEvent(new CouponRedeemed(issued(redeemed), request.shopId(), orderId, orderAmount, discount, now));
        return new Redemption(redeemed, eligible, discount, template.kind() == CouponKind.FREE_SHIPPING,
                template.giftName(), false);
    }

    /** Takes back the redemption of {@code order} (its order was cancelled); a repeat answers the same. */
    @Transactional
    Coupon reverse(String typedCode, OrderRef order, boolean replayIsOk) {
        List<FieldError> errors = new ArrayList<>();
        if (order.shopId() == null) {
            errors.add(new FieldError("shopId", "is required"));
        }
        if (order.orderId() == null || order.orderId().isBlank()) {
            errors.add(new FieldError("orderId", "is required"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Coupon coupon = locked(typedCode);
        String orderId = order.orderId().trim();
        if (coupon.status() != CouponStatus.REDEEMED) {
            boolean reversedBefore = jdbc.sql("SELECT action = 'reversed' AND shop_id = ? AND order_id = ? "
                            + "FROM coupon_redemption WHERE coupon_id = ? ORDER BY seq DESC LIMIT 1")
                    .params(order.shopId(), orderId, coupon.id()).query(Boolean.class).optional().orElse(false);
            if (reversedBefore && replayIsOk) {
                return coupon;
            }
            throw refused(RefusalReason.NOT_REDEEMED, "coupon " + coupon.code() + " is " + coupon.status().code()
                    + ", not redeemed on order " + orderId, Map.of());
        }
        if (!order.shopId().equals(coupon.redeemedShopId()) || !orderId.equals(coupon.redeemedOrderId())) {
            throw refused(RefusalReason.OTHER_ORDER, "coupon " + coupon.code() + " was redeemed on order "
                    + coupon.redeemedOrderId() + ", not " + orderId, Map.of());
        }
        CouponTemplate template = templates.find(coupon.templateId()).orElseThrow();
        if (!template.restoreOnCancel()) {
            throw refused(RefusalReason.NOT_RESTORABLE, "coupons of " + template.name()
                    + " are not given back when their order is cancelled", Map.of());
        }
        Instant now = clock.instant();
        boolean usable = coupon.validUntil().isAfter(now);
        jdbc.sql("UPDATE coupon SET status = ?, expired_at = ?, redeemed_at = NULL, redeemed_shop_id = NULL, "
                        + "redeemed_order_id = NULL, redeemed_order_amount = NULL, redeemed_discount = NULL WHERE id = ?")
                .params(usable ? "issued" : "expired", usable ? null : CouponTemplateStore.ts(now), coupon.id()).update();
        log(coupon.id(), "reversed", coupon.redeemedShopId(), orderId, coupon.redeemedOrderAmount(),
                coupon.redeemedDiscount(), now);
        Coupon after = coupons.byCode(coupon.code()).orElseThrow();
        publisher.publishEvent(new CouponRedemptionReversed(issued(after), coupon.redeemedShopId(), orderId, usable, now));
        return after;
    }

    /** Revokes an unused coupon (a repeat answers the same). */
    @Transactional
    Coupon revoke(String typedCode, String actor) {
        Coupon coupon = locked(typedCode);
        if (coupon.status() == CouponStatus.REVOKED) {
            return coupon;
        }
        if (coupon.status() != CouponStatus.ISSUED) {
            throw ApiProblemException.conflict("coupon " + coupon.code() + " is " + coupon.status().code()
                    + ": only unused coupons can be revoked");
        }
        jdbc.sql("UPDATE coupon SET status = 'revoked', revoked_at = ?, revoked_by = ? WHERE id = ?")
                .params(CouponTemplateStore.ts(clock.instant()), actor, coupon.id()).update();
        return coupons.byCode(coupon.code()).orElseThrow();
    }

    /** Reverses the redemptions of these orders' coupons, for orders that were cancelled. */
    @Transactional
    int reverseCancelled(Map<String, OrderRef> byCode) {
        int n = 0;
        for (Map.Entry<String, OrderRef> e : byCode.entrySet()) {
            Coupon c = coupons.lockByCode(e.getKey()).orElse(null);
            if (c != null && c.status() == CouponStatus.REDEEMED && e.getValue().shopId().equals(c.redeemedShopId())
                    && e.getValue().orderId().equals(c.redeemedOrderId())) {
                reverse(c.code(), e.getValue(), true);
                n++;
            }
        }
        return n;
    }

    private Coupon locked(String typedCode) {
        String code = CouponCodes.normalise(typedCode);
        if (!CouponCodes.wellFormed(code)) {
            throw ApiProblemException.notFound("coupon", typedCode);
        }
        return coupons.lockByCode(code).orElseThrow(() -> ApiProblemException.notFound("coupon", typedCode));
    }

    private static void validate(RedeemRequest r) {
        if (r == null) {
            throw ApiProblemException.invalid("body", "the order is required: shopId, orderId, orderAmount");
        }
        List<FieldError> errors = new ArrayList<>();
        if (r.shopId() == null) {
            errors.add(new FieldError("shopId", "is required"));
        }
        if (r.orderId() == null || r.orderId().isBlank()) {
            errors.add(new FieldError("orderId", "is required"));
        } else if (r.orderId().trim().length() > MAX_ORDER_ID) {
            errors.add(new FieldError("orderId", "must be at most " + MAX_ORDER_ID + " characters"));
        }
        if (r.orderAmount() == null) {
            errors.add(new FieldError("orderAmount", "is required"));
        } else if (r.orderAmount().signum() < 0) {
            errors.add(new FieldError("orderAmount", "must be 0 or more"));
        }
        if (r.shippingAmount() != null && r.shippingAmount().signum() < 0) {
            errors.add(new FieldError("shippingAmount", "must be 0 or more"));
        }
        if (r.items() != null) {
            if (r.items().size() > MAX_ITEMS) {
                errors.add(new FieldError("items", "at most " + MAX_ITEMS + " items"));
            }
            for (int i = 0; i < r.items().size(); i++) {
                Item item = r.items().get(i);
                if (item == null || item.amount() == null || item.amount().signum() < 0) {
                    errors.add(new FieldError("items[" + i + "].amount", "is required and must be 0 or more"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
    }

    private static BigDecimal eligibleAmount(CouponTemplate template, RedeemRequest request) {
        if (template.categories().isEmpty()) {
            return money(request.orderAmount());
        }
        if (request.items() == null || request.items().isEmpty()) {
            throw ApiProblemException.invalid("items", "the coupon applies to categories "
                    + String.join(", ", template.categories()) + ": the order's items with their categories are needed");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Item item : request.items()) {
            if (template.coversCategory(item.category())) {
                sum = sum.add(item.amount());
            }
        }
        return money(sum);
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? null : v.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private void log(UUID coupon, String action, UUID shop, String order, BigDecimal amount, BigDecimal discount,
                     Instant at) {
        jdbc.sql("INSERT INTO coupon_redemption (coupon_id, action, shop_id, order_id, order_amount, discount, at, actor) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(coupon, action, shop, order, amount == null ? BigDecimal.ZERO : amount,
                        discount == null ? BigDecimal.ZERO : discount, CouponTemplateStore.ts(at),
                        CouponTemplateService.actor())
                .update();
    }

    static IssuedCoupon issued(Coupon c) {
        return new IssuedCoupon(c.id(), c.code(), c.templateId(), new CustomerId(c.customerId()), c.validUntil());
    }

    private static ApiProblemException refused(RefusalReason reason, String detail, Map<String, Object> more) {
        Map<String, Object> properties = new LinkedHashMap<>(more);
        properties.put("reason", reason.code());
        return new ApiProblemException(ProblemType.COUPON_NOT_REDEEMABLE, detail, List.of(), properties);
    }
}
