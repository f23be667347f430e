package io.liuliang.coupon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Coupons", description = "Look up, redeem (idempotent per order, one winner under concurrency), reverse, revoke")
class CouponController {

    private final CouponService coupons;
    private final CouponRedeemer redeemer;
    private final CouponStats stats;

    CouponController(CouponService coupons, CouponRedeemer redeemer, CouponStats stats) {
        this.coupons = coupons;
        this.redeemer = redeemer;
        this.stats = stats;
    }

    record RedemptionView(UUID shopId, String orderId, BigDecimal orderAmount, BigDecimal discount, boolean freeShipping) {
    }

    record CouponView(UUID id, String code, UUID templateId, String templateName, String kind, UUID customerId,
                      String status, String source, Instant issuedAt, Instant validFrom, Instant validUntil,
                      Instant redeemedAt, RedemptionView redemption, Instant expiredAt, Instant revokedAt) {

        static CouponView of(Coupon c) {
            RedemptionView redemption = c.status() == CouponStatus.REDEEMED
                    ? new RedemptionView(c.redeemedShopId(), c.redeemedOrderId(), c.redeemedOrderAmount(),
                    c.redeemedDiscount(), c.kind() == CouponKind.FREE_SHIPPING)
                    : null;
            return new CouponView(c.id(), c.code(), c.templateId(), c.templateName(), c.kind().code(), c.customerId(),
                    c.status().code(), c.source(), c.issuedAt(), c.validFrom(), c.validUntil(), c.redeemedAt(),
                    redemption, c.expiredAt(), c.revokedAt());
        }
    }

    record Overview(long templates, long issued, long redeemed, long expired, long outstanding, BigDecimal redemptionRate,
                    BigDecimal gmv) {
    }

    @GetMapping("/coupons/overview")
    @PreAuthorize("hasAuthority('coupon.read')")
    @Operation(summary = "All templates together: issued, redeemed, expired, outstanding, rate and GMV")
    Overview overview() {
        CouponStats.Counts c = stats.overall();
        return new Overview(stats.templates(), c.issued(), c.redeemed(), c.expired(), c.outstanding(), c.redemptionRate(),
                c.gmv());
    }

    @GetMapping("/coupons/{code}")
    @PreAuthorize("hasAuthority('coupon.read') or hasAuthority('coupon.redeem')")
    @Operation(summary = "One coupon by its code (any case, dashes and spaces ignored)")
    CouponView get(@PathVariable String code) {
        return CouponView.of(coupons.byCode(code));
    }

    record RedeemResponse(CouponView coupon, BigDecimal eligibleAmount, BigDecimal discount, boolean freeShipping,
                          String gift, boolean replayed) {
    }

    @PostMapping("/coupons/{code}:redeem")
    @PreAuthorize("hasAuthority('coupon.redeem')")
    @Operation(summary = "Redeem on an order {shopId, orderId, orderAmount, customerId?, shippingAmount?, currency?, "
            + "items?: [{category, amount}]}: the same order again is a replay (replayed: true); anything else that "
            + "stops it is a 409 coupon-not-redeemable with a reason")
    RedeemResponse redeem(@PathVariable String code, @RequestBody(required = false) CouponRedeemer.RedeemRequest request) {
        CouponRedeemer.Redemption r = redeemer.redeem(code, request);
        return new RedeemResponse(CouponView.of(r.coupon()), r.eligibleAmount(), r.discount(), r.freeShipping(), r.gift(),
                r.replayed());
    }

    @PostMapping("/coupons/{code}:unredeem")
    @PreAuthorize("hasAuthority('coupon.redeem')")
    @Operation(summary = "Take back the redemption of a cancelled order {shopId, orderId}; the coupon is usable again "
            + "unless it expired meanwhile (a repeat answers the same)")
    CouponView unredeem(@PathVariable String code, @RequestBody(required = false) CouponRedeemer.OrderRef order) {
        return CouponView.of(redeemer.reverse(code, order == null ? new CouponRedeemer.OrderRef(null, null) : order, true));
    }

    @PostMapping("/coupons/{code}:revoke")
    @PreAuthorize("hasAuthority('coupon.manage')")
    @Operation(summary = "Revoke an unused coupon")
    CouponView revoke(@PathVariable String code) {
        return CouponView.of(redeemer.revoke(code, CouponTemplateService.actor()));
    }

    @GetMapping("/customers/{id}/coupons")
    @PreAuthorize("hasAuthority('coupon.read') or hasAuthority('loyalty.member')")
    @Operation(summary = "A customer's coupons, newest first; available=true keeps the ones usable now (issued, valid) — "
            + "what a member's app shows")
    CursorPage<CouponView> ofCustomer(@PathVariable UUID id, @RequestParam(required = false) Boolean available,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        return coupons.ofCustomer(new CustomerId(id), Boolean.TRUE.equals(available), PageRequest.of(limit, cursor))
                .map(CouponView::of);
    }
}
