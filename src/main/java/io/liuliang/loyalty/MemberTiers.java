package io.liuliang.loyalty;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import io.liuliang.shared.CustomerId;

/** The loyalty module's face to other modules (coupons, journeys, messaging): which tiers exist and who holds which. */
public interface MemberTiers {

    /** The rank of a tier by its code (higher is better), if such a tier exists. */
    Optional<Integer> rankOf(String tierCode);

    /** The rank of each of these customers' current tier; customers without a tier (or not members) are absent. */
    Map<CustomerId, Integer> ranksOf(Collection<CustomerId> customers);

    /** A member's tier (null when they hold none) and points balance, for personalised messages. */
    record Standing(String tierCode, String tierName, long pointsBalance) {
    }

    /** The standing of each of these customers who is a member (one query); others are absent. */
    Map<CustomerId, Standing> standingsOf(Collection<CustomerId> customers);
}
