package io.liuliang.loyalty;

import java.util.Optional;

import io.liuliang.shared.CustomerId;

/** The loyalty module's face to journeys: give or take points once per source. */
public interface LoyaltyPoints {

    /**
     * Posts {@code points} (signed) to the customer's balance as an adjustment, once per {@code sourceKey}, enrolling
     * them first if the program enrols automatically or they are a member. A negative award takes at most the
     * balance. Empty when there is no loyalty program, or the customer is not (and may not become) a member.
     *
     * @return the balance after the award (or after the first delivery of the same source)
     */
    Optional<Long> award(CustomerId customer, long points, String sourceKey, String reason, String actor);
}
