package io.liuliang.coupon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A coupon template as stored: the terms every coupon issued from it carries. */
record CouponTemplate(UUID id, String name, String description, CouponKind kind, BigDecimal amountOff,
                      BigDecimal threshold, BigDecimal percentOff, BigDecimal maxDiscount, String giftName,
                      String currency, ValidityType validityType, Instant validFrom, Instant validUntil,
                      Integer validDays, Integer totalStock, int issuedCount, int perCustomerLimit, List<UUID> shopIds,
                      List<String> categories, String minTier, boolean restoreOnCancel, int expiringNoticeDays, TemplateStatus status,
                      Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    CouponTemplate {
        shopIds = List.copyOf(shopIds);
        categories = List.copyOf(categories);
    }

    /** When a coupon issued at {@code issuedAt} starts being valid. */
    Instant validFromFor(Instant issuedAt) {
        return validityType == ValidityType.FIXED && validFrom != null ? validFrom : issuedAt;
    }

    /** When a coupon issued at {@code issuedAt} stops being valid. */
    Instant validUntilFor(Instant issuedAt) {
        return validityType == ValidityType.FIXED ? validUntil : issuedAt.plus(Duration.ofDays(validDays));
    }

    /** Coupons left to issue, or null when the stock is unlimited. */
    Integer remainingStock() {
        return totalStock == null ? null : totalStock - issuedCount;
    }

    /** Whether an order of these shop and categories is within the coupon's scope (empty lists mean all). */
    boolean coversShop(UUID shop) {
        return shopIds.isEmpty() || shopIds.contains(shop);
    }

    /** Whether a product category (a path such as 美妆/面膜 or 美妆>面膜) falls under one of the template's. */
    boolean coversCategory(String category) {
        if (categories.isEmpty()) {
            return true;
        }
        if (category == null) {
            return false;
        }
        String c = category.trim();
        for (String scope : categories) {
            if (c.equals(scope) || c.startsWith(scope + "/") || c.startsWith(scope + ">")) {
                return true;
            }
        }
        return false;
    }

    /** The discount on an eligible amount (already checked against the threshold) with this shipping cost. */
    BigDecimal discountOn(BigDecimal eligible, BigDecimal shipping) {
        return switch (kind) {
            case AMOUNT_OFF -> amountOff.min(eligible);
            case PERCENT_OFF -> {
                BigDecimal off = eligible.multiply(percentOff).divide(HUNDRED, 2, RoundingMode.HALF_UP);
                yield maxDiscount == null ? off : off.min(maxDiscount);
            }
            case FREE_SHIPPING -> shipping == null ? BigDecimal.ZERO.setScale(2) : shipping;
            case GIFT -> BigDecimal.ZERO.setScale(2);
        };
    }
}
