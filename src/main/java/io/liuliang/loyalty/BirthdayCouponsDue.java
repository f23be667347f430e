package io.liuliang.loyalty;

import java.util.List;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/**
 * Members whose birthday is today hold a tier with a birthday coupon: the coupon module issues them, once a year
 * each ({@code year} is part of the issue key).
 */
public record BirthdayCouponsDue(int year, List<Due> members) {

    public BirthdayCouponsDue {
        members = List.copyOf(members);
    }

    /** One member, their tier and the coupon template that tier gives on birthdays. */
    public record Due(CustomerId customer, String tier, UUID couponTemplateId) {
    }
}
