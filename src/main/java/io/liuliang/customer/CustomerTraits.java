package io.liuliang.customer;

import java.time.LocalDate;

/** Profile fields of a customer, as sent by a source; every field may be null (unknown). */
public record CustomerTraits(String displayName, String gender, LocalDate birthday, String province, String city,
                            String realName) {

    public static CustomerTraits none() {
        return new CustomerTraits(null, null, null, null, null, null);
    }
}
