package io.liuliang.loyalty;

import java.math.BigDecimal;
import java.util.UUID;

/** One tier: its rank (higher is better), what qualifies for it over 12 months, and its benefits. */
record Tier(UUID id, String code, String name, int rank, LoyaltyEnums.QualifyBy qualifyBy, BigDecimal threshold,
            BigDecimal pointsMultiplier, BigDecimal discountPercent, boolean freeShipping, UUID birthdayCouponTemplateId,
            String exclusiveService, int graceDays) {
}
