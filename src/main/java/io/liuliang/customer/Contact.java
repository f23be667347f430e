package io.liuliang.customer;

import io.liuliang.shared.CustomerId;

/**
 * How to reach a customer: the display name, the e-mail address (lower-cased) and the phone number (E.164) most
 * recently seen among their usable identities, decrypted. For sending messages only: never log or show it
 * ({@link #toString()} masks it).
 */
public record Contact(CustomerId customer, String displayName, String email, String phone) {

    @Override
    public String toString() {
        return "Contact[customer=" + customer + ", email=" + (email == null ? "none" : "****") + ", phone="
                + (phone == null ? "none" : "****") + "]";
    }
}
