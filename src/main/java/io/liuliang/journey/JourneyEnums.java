package io.liuliang.journey;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The codes of the journey model; each enum's {@code code()} is its JSON and database spelling. */
final class JourneyEnums {

    private JourneyEnums() {
    }

    static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> Optional<E> ofCode(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> code(e).equals(code)).findFirst();
    }

    static <E extends Enum<E>> String codes(Class<E> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(JourneyEnums::code).toList());
    }
}

enum JourneyStatus {
    DRAFT, ACTIVE, PAUSED, STOPPED;

    String code() {
        return JourneyEnums.code(this);
    }

    static JourneyStatus of(String code) {
        return JourneyEnums.ofCode(JourneyStatus.class, code).orElseThrow();
    }
}

enum EnrolmentState {
    /** Travelling: due to run at {@code due_at} (a wait ends, a timeout fires, or a step is next). */
    ACTIVE,
    /** Reached an exit node. */
    COMPLETED,
    /** Left without reaching an exit: the holdout of a split, a stopped journey. */
    EXITED,
    /** Reached the journey's goal (which ends the journey when the goal says so). */
    CONVERTED;

    String code() {
        return JourneyEnums.code(this);
    }
}

enum EntryKind {
    EVENT, ORDER_PLACED, FIRST_ORDER, ORDER_DELIVERED, REFUND_COMPLETED, COUPON_ISSUED, COUPON_EXPIRING, TIER_CHANGED,
    LIFECYCLE_CHANGED, SEGMENT_ENTERED, SEGMENT_SEND, BIRTHDAY, API;

    String code() {
        return JourneyEnums.code(this);
    }

    boolean orderDriven() {
        return this == ORDER_PLACED || this == FIRST_ORDER || this == ORDER_DELIVERED || this == REFUND_COMPLETED;
    }
}

enum ReentryRule {
    ONCE, ONCE_PER_DAYS, ALWAYS;

    String code() {
        return JourneyEnums.code(this);
    }
}

enum Recurrence {
    NONE, DAILY, WEEKLY, MONTHLY;

    String code() {
        return JourneyEnums.code(this);
    }
}

enum GoalKind {
    ORDER_PLACED;

    String code() {
        return JourneyEnums.code(this);
    }
}

enum WaitMode {
    DURATION, TIME_OF_DAY, EVENT;

    String code() {
        return JourneyEnums.code(this);
    }
}

enum FilterOperator {
    EQ, NEQ, CONTAINS, GT, GTE, LT, LTE, EXISTS;

    String code() {
        return JourneyEnums.code(this);
    }
}

/** The customer profile fields an {@code update_field} node may set. */
enum CustomerField {
    DISPLAY_NAME, GENDER, PROVINCE, CITY;

    String code() {
        return JourneyEnums.code(this);
    }
}

enum NodeType {
    ENTRY, WAIT, CONDITION, SPLIT, SEND_MESSAGE, ISSUE_COUPON, ADJUST_POINTS, ADD_TAG, REMOVE_TAG, UPDATE_FIELD,
    CREATE_TASK, WEBHOOK, EXIT;

    static final String NEXT = "next";
    static final String YES = "yes";
    static final String NO = "no";

    String code() {
        return JourneyEnums.code(this);
    }

    /** The outputs of nodes whose outputs do not depend on their configuration. */
    List<String> fixedOutputs() {
        if (this == EXIT) {
            return List.of();
        }
        if (this == CONDITION) {
            return List.of(YES, NO);
        }
        return List.of(NEXT);
    }
}
