package io.liuliang.customer;

/**
 * A kind of identity with its linking rules: {@code priority} (1 = strongest), the most values one customer may
 * hold ({@code maxPerCustomer}, per shop for shop-scoped types; null = no limit), whether values are only unique
 * within a shop, and whether values are personal data (encrypted, masked).
 */
record IdentityType(String code, String displayName, int priority, Integer maxPerCustomer, boolean shopScoped,
                    boolean pii, boolean builtin) {

    static final String PHONE = "phone";
    static final String EMAIL = "email";
}
