package io.liuliang.loyalty;

import java.util.Arrays;
import java.util.Optional;

/** The codes of the loyalty program's choices, as stored and as the API writes them. */
final class LoyaltyEnums {

    private LoyaltyEnums() {
    }

    interface Coded {
        String code();
    }

    /** When an order earns its points. */
    enum EarnOn implements Coded {
        PAID("paid"), COMPLETED("completed");

        private final String code;

        EarnOn(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    /** When earned points expire. */
    enum Expiry implements Coded {
        NEVER("never"), END_OF_FOLLOWING_YEAR("end_of_following_year"), MONTHS("months");

        private final String code;

        Expiry(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    /** What a tier is qualified by, over the last 12 months. */
    enum QualifyBy implements Coded {
        NET_SPEND_12M("net_spend_12m"), POINTS_12M("points_12m"), ORDERS_12M("orders_12m");

        private final String code;

        QualifyBy(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    static <E extends Enum<E> & Coded> Optional<E> of(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> code.equals(e.code())).findFirst();
    }

    static <E extends Enum<E> & Coded> String codes(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Coded::code).toList());
    }
}
