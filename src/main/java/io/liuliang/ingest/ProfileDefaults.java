package io.liuliang.ingest;

import java.time.ZoneId;
import java.util.Optional;

/**
 * What a profile assumes when the file does not say.
 *
 * @param currency             ISO currency of amounts without a currency column ({@code null}: the shop's)
 * @param zone                 zone of local date-times in the file ({@code null}: the shop's zone)
 * @param status               status of rows without a status column ({@code null}: none)
 * @param cancelledOrderPrefix an order-id prefix that marks a cancellation ({@code C} in Online Retail), or
 *                             {@code null}
 */
record ProfileDefaults(String currency, ZoneId zone, ImportedOrderStatus status, String cancelledOrderPrefix) {

    static ProfileDefaults of(String currency, ZoneId zone) {
        return new ProfileDefaults(currency, zone, null, null);
    }

    Optional<String> currencyIfKnown() {
        return Optional.ofNullable(currency);
    }

    Optional<ZoneId> zoneIfKnown() {
        return Optional.ofNullable(zone);
    }
}
