package io.liuliang.journey;

import java.math.BigDecimal;
import java.util.List;

import io.liuliang.journey.JourneyDefinition.PropertyFilter;
import tools.jackson.databind.JsonNode;

/** Tests an event's properties (JSON) against a journey's property filters; a dotted property reads nested objects. */
final class EventFilters {

    private EventFilters() {
    }

    static boolean matches(List<PropertyFilter> filters, JsonNode properties) {
        for (PropertyFilter f : filters) {
            if (!matches(f, properties)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(PropertyFilter f, JsonNode properties) {
        JsonNode v = properties;
        for (String part : f.property().split("\\.")) {
            v = v == null || !v.isObject() ? null : v.get(part);
        }
        boolean present = v != null && !v.isNull();
        if (f.operator() == FilterOperator.EXISTS) {
            return present;
        }
        if (!present) {
            return f.operator() == FilterOperator.NEQ;
        }
        String text = v.isValueNode() ? v.asString() : v.toString();
        switch (f.operator()) {
            case EQ:
                return equal(text, f.value());
            case NEQ:
                return !equal(text, f.value());
            case CONTAINS:
                return text.toLowerCase(java.util.Locale.ROOT).contains(f.value().toLowerCase(java.util.Locale.ROOT));
            default: {
                BigDecimal a = number(text);
                BigDecimal b = number(f.value());
                if (a == null || b == null) {
                    return false;
                }
                int c = a.compareTo(b);
                switch (f.operator()) {
                    case GT:
                        return c > 0;
                    case GTE:
                        return c >= 0;
                    case LT:
                        return c < 0;
                    default:
                        return c <= 0;
                }
            }
        }
    }

    private static boolean equal(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        return x != null && y != null ? x.compareTo(y) == 0 : a.equals(b);
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
