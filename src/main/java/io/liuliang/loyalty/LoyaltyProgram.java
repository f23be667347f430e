package io.liuliang.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The program's earning and expiry rules. */
record LoyaltyProgram(String name, boolean enabled, BigDecimal pointsPerUnit, LoyaltyEnums.EarnOn earnOn,
                      LoyaltyEnums.Expiry expiry, Integer expiryMonths, boolean autoEnrol, Instant earnFrom,
                      Instant updatedAt) {

    /** Points for a basis amount at a tier multiplier, rounded down to whole points. */
    long pointsFor(BigDecimal basis, BigDecimal multiplier) {
        if (basis.signum() <= 0) {
            return 0;
        }
        return basis.multiply(pointsPerUnit).multiply(multiplier).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** When points earned at {@code at} expire (null: never), in the merchant's zone. */
    Instant expiresAt(Instant at, ZoneId zone) {
        return switch (expiry) {
            case NEVER -> null;
            case END_OF_FOLLOWING_YEAR -> LocalDate.ofInstant(at, zone).withDayOfYear(1).plusYears(2).atStartOfDay(zone)
                    .toInstant();
            case MONTHS -> at.atZone(zone).plusMonths(expiryMonths).toInstant();
        };
    }
}
