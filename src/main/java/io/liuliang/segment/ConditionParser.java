package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.liuliang.event.EventType;
import io.liuliang.segment.Condition.Day;
import io.liuliang.segment.Condition.DayRange;
import io.liuliang.segment.Condition.Days;
import io.liuliang.segment.Condition.None;
import io.liuliang.segment.Condition.NumberRange;
import io.liuliang.segment.Condition.Text;
import io.liuliang.segment.Condition.Texts;
import io.liuliang.segment.Condition.Value;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Reads a condition tree from JSON and validates it, reporting every problem with its path
 * ({@code condition.children[2].value: must be a number}). Structure only: whether referenced tags and segments
 * exist is checked by the services.
 */
public final class ConditionParser {

    static final int MAX_DEPTH = 6;
    static final int MAX_RULES = 50;
    static final int MAX_LIST = 500;
    static final int MAX_TEXT = 200;
    static final int MAX_DAYS = 3_650;
    static final int MAX_TIMES = 10_000;
    static final int MAX_PROPERTY = 64;
    /** The largest magnitude of a number in a condition. */
    static final BigDecimal MAX_NUMBER = BigDecimal.valueOf(1_000_000_000_000L);
    static final String RULE_TYPES = "and, or, not, field, order, event";
    private static final Pattern PROPERTY = Pattern.compile("^[A-Za-z0-9_.\\-]{1," + MAX_PROPERTY + "}$");
    private static final Set<ConditionOperator> COMPARISONS = EnumSet.of(ConditionOperator.EQ, ConditionOperator.NEQ,
            ConditionOperator.LT, ConditionOperator.LTE, ConditionOperator.GT, ConditionOperator.GTE,
            ConditionOperator.BETWEEN);
    private static final Set<ConditionOperator> PROPERTY_OPS = EnumSet.of(ConditionOperator.EQ, ConditionOperator.NEQ,
            ConditionOperator.CONTAINS, ConditionOperator.IN, ConditionOperator.LT, ConditionOperator.LTE,
            ConditionOperator.GT, ConditionOperator.GTE);

    private final List<FieldError> errors = new ArrayList<>();
    private int rules;

    private ConditionParser() {
    }

    /** Parses the tree at {@code path} (for error messages), or throws a validation problem listing every error. */
    public static Condition parse(JsonNode node, String path) {
        ConditionParser parser = new ConditionParser();
        Condition condition = parser.node(node, path, 1);
        if (parser.rules > MAX_RULES) {
            parser.errors.add(ConditionProblem.RULES_MAX.at(path, "at most " + MAX_RULES + " rules", "max", MAX_RULES));
        }
        if (!parser.errors.isEmpty()) {
            throw ApiProblemException.invalid(parser.errors);
        }
        return condition;
    }

    private Condition node(JsonNode node, String path, int depth) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            errors.add(ConditionProblem.REQUIRED.at(path, "is required"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(ConditionProblem.OBJECT.at(path, "must be an object"));
            return null;
        }
        String type = text(node, "type");
        if (type == null) {
            errors.add(ConditionProblem.TYPE_REQUIRED.at(path + ".type", "is required (" + RULE_TYPES + ")",
                    "choices", RULE_TYPES));
            return null;
        }
        switch (type) {
            case "and":
                return group(Condition.Logic.AND, node, path, depth);
            case "or":
                return group(Condition.Logic.OR, node, path, depth);
            case "not":
                return group(Condition.Logic.NOT, node, path, depth);
            case "field":
                rules++;
                return field(node, path);
            case "order":
                rules++;
                return order(node, path);
            case "event":
                rules++;
                return event(node, path);
            default:
                errors.add(ConditionProblem.TYPE.at(path + ".type", "must be one of " + RULE_TYPES, "choices", RULE_TYPES));
                return null;
        }
    }

    private Condition group(Condition.Logic logic, JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            errors.add(ConditionProblem.DEPTH.at(path, "groups nest at most " + MAX_DEPTH + " deep", "max", MAX_DEPTH));
            return null;
        }
        JsonNode children = node.get("children");
        if (children == null || !children.isArray()) {
            errors.add(ConditionProblem.CHILDREN_LIST.at(path + ".children", "must be a list of conditions"));
            return null;
        }
        if (children.isEmpty()) {
            errors.add(ConditionProblem.CHILDREN_EMPTY.at(path + ".children", "must hold at least one condition"));
            return null;
        }
        List<Condition> parsed = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            parsed.add(node(children.get(i), path + ".children[" + i + "]", depth + 1));
        }
        return parsed.contains(null) ? null : new Condition.Group(logic, parsed);
    }

    private Condition field(JsonNode node, String path) {
        String key = text(node, "field");
        if (key == null) {
            errors.add(ConditionProblem.REQUIRED.at(path + ".field", "is required"));
            return null;
        }
        ConditionField field = ConditionFields.byKey(key).orElse(null);
        if (field == null) {
            errors.add(ConditionProblem.UNKNOWN_FIELD.at(path + ".field", "unknown field " + clip(key), "field", clip(key)));
            return null;
        }
        ConditionOperator op = operator(node, path, field.operators());
        if (op == null) {
            return null;
        }
        Value value = value(field.type(), op, node.get("value"), path + ".value", field);
        return value == null ? null : new Condition.FieldRule(key, op, value);
    }

    private Condition order(JsonNode node, String path) {
        String measureCode = text(node, "measure");
        Condition.OrderMeasure measure = null;
        for (Condition.OrderMeasure m : Condition.OrderMeasure.values()) {
            if (m.code().equals(measureCode == null ? "count" : measureCode)) {
                measure = m;
            }
        }
        if (measure == null) {
            errors.add(ConditionProblem.MEASURE.at(path + ".measure", "must be count or amount"));
        }
        ConditionOperator op = operator(node, path, List.copyOf(COMPARISONS));
        Value value = op == null ? null : value(ConditionField.Type.NUMBER, op, node.get("value"), path + ".value", null);
        UUID shop = uuid(node, "shopId", path);
        String category = optionalText(node, "category", path);
        String sku = optionalText(node, "sku", path);
        Integer within = optionalDays(node, "withinDays", path);
        if (measure == null || value == null) {
            return null;
        }
        return new Condition.OrderRule(measure, op, value, shop, category, sku, within);
    }

    private Condition event(JsonNode node, String path) {
        String type = text(node, "event");
        if (type == null || EventType.ofCode(type).isEmpty()) {
            errors.add(ConditionProblem.EVENT_TYPE.at(path + ".event",
                    "must be an event type (page_view, add_to_cart, ..., custom)"));
        }
        String customName = optionalText(node, "customName", path);
        if ("custom".equals(type) && customName == null) {
            errors.add(ConditionProblem.CUSTOM_NAME_REQUIRED.at(path + ".customName", "is required for custom events"));
        }
        boolean did = !node.has("did") || node.get("did").asBoolean(true);
        if (node.has("did") && !node.get("did").isBoolean()) {
            errors.add(ConditionProblem.BOOLEAN.at(path + ".did", "must be true or false"));
        }
        int times = 1;
        JsonNode t = node.get("times");
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || t.asInt() < 1 || t.asInt() > MAX_TIMES) {
                errors.add(ConditionProblem.TIMES.at(path + ".times", "must be a whole number from 1 to " + MAX_TIMES,
                        "max", MAX_TIMES));
            } else {
                times = t.asInt();
            }
        }
        Integer within = optionalDays(node, "withinDays", path);
        if (within == null && !errors.stream().anyMatch(e -> e.field().equals(path + ".withinDays"))) {
            errors.add(ConditionProblem.DAYS_REQUIRED.at(path + ".withinDays",
                    "is required (a number of days from 1 to " + MAX_DAYS + ")", "max", MAX_DAYS));
        }
        List<Condition.PropertyFilter> filters = new ArrayList<>();
        JsonNode props = node.get("properties");
        if (props != null && !props.isNull()) {
            if (!props.isArray()) {
                errors.add(ConditionProblem.LIST.at(path + ".properties", "must be a list"));
            } else {
                for (int i = 0; i < props.size(); i++) {
                    Condition.PropertyFilter f = property(props.get(i), path + ".properties[" + i + "]");
                    if (f != null) {
                        filters.add(f);
                    }
                }
            }
        }
        if (type == null || EventType.ofCode(type).isEmpty() || within == null
                || errors.stream().anyMatch(e -> e.field().startsWith(path + "."))) {
            return null;
        }
        return new Condition.EventRule(type, "custom".equals(type) ? customName : null, filters, did, times, within);
    }

    private Condition.PropertyFilter property(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            errors.add(ConditionProblem.OBJECT.at(path, "must be an object"));
            return null;
        }
        String name = text(node, "property");
        if (name == null || !PROPERTY.matcher(name).matches()) {
            errors.add(ConditionProblem.PROPERTY.at(path + ".property",
                    "must be a property name (letters, digits, _ . -, at most " + MAX_PROPERTY + ")", "max", MAX_PROPERTY));
            return null;
        }
        ConditionOperator op = operator(node, path, List.copyOf(PROPERTY_OPS));
        if (op == null) {
            return null;
        }
        ConditionField.Type type = switchType(op);
        Value value = value(type, op, node.get("value"), path + ".value", null);
        return value == null ? null : new Condition.PropertyFilter(name, op, value);
    }

    private static ConditionField.Type switchType(ConditionOperator op) {
        if (op == ConditionOperator.LT || op == ConditionOperator.LTE || op == ConditionOperator.GT
                || op == ConditionOperator.GTE) {
            return ConditionField.Type.NUMBER;
        }
        return ConditionField.Type.TEXT;
    }

    private ConditionOperator operator(JsonNode node, String path, List<ConditionOperator> allowed) {
        String code = text(node, "op");
        ConditionOperator op = code == null ? null : ConditionOperator.ofCode(code).orElse(null);
        if (op == null || !allowed.contains(op)) {
            String choices = String.join(", ", allowed.stream().map(ConditionOperator::code).toList());
            errors.add(ConditionProblem.OPERATOR.at(path + ".op", "must be one of " + choices, "choices", choices));
            return null;
        }
        return op;
    }

    private Value value(ConditionField.Type type, ConditionOperator op, JsonNode v, String path, ConditionField field) {
        switch (op) {
            case IS_EMPTY:
            case IS_NOT_EMPTY:
                return new None();
            case WITHIN_LAST_DAYS:
            case MORE_THAN_DAYS_AGO:
                if (v == null || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MAX_DAYS) {
                    return fail(ConditionProblem.DAYS.at(path, "must be a whole number of days from 1 to " + MAX_DAYS,
                            "max", MAX_DAYS));
                }
                return new Days(v.asInt());
            case BETWEEN:
                if (v == null || !v.isArray() || v.size() != 2) {
                    return fail(ConditionProblem.BETWEEN.at(path, "must be a list of two values [from, to]"));
                }
                if (type == ConditionField.Type.NUMBER) {
                    BigDecimal from = number(v.get(0), path + "[0]");
                    BigDecimal to = number(v.get(1), path + "[1]");
                    if (from == null || to == null) {
                        return null;
                    }
                    return from.compareTo(to) > 0
                            ? fail(ConditionProblem.FROM_AFTER_TO.at(path, "from must not be greater than to"))
                            : new NumberRange(from, to);
                }
                LocalDate from = day(v.get(0), path + "[0]");
                LocalDate to = day(v.get(1), path + "[1]");
                if (from == null || to == null) {
                    return null;
                }
                return from.isAfter(to) ? fail(ConditionProblem.FROM_AFTER_TO.at(path, "from must not be after to"))
                        : new DayRange(from, to);
            case IN:
            case NOT_IN:
                if (v == null || !v.isArray() || v.isEmpty() || v.size() > MAX_LIST) {
                    return fail(ConditionProblem.VALUES.at(path, "must be a list of 1 to " + MAX_LIST + " values",
                            "max", MAX_LIST));
                }
                List<String> values = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    String s = textValue(v.get(i), path + "[" + i + "]", field);
                    if (s == null) {
                        return null;
                    }
                    values.add(s);
                }
                return new Texts(values);
            case INCLUDES:
            case EXCLUDES:
                String ref = textValue(v, path, null);
                if (ref != null && field != null && !ConditionFields.IDENTITY_TYPES.equals(field.key())) {
                    try {
                        UUID.fromString(ref);
                    } catch (IllegalArgumentException e) {
                        return fail(ConditionFields.TAGS.equals(field.key())
                                ? ConditionProblem.TAG_ID.at(path, "must be the id of a tag")
                                : ConditionProblem.SEGMENT_ID.at(path, "must be the id of a segment"));
                    }
                }
                return ref == null ? null : new Text(ref);
            default:
                break;
        }
        if (type == ConditionField.Type.NUMBER) {
            BigDecimal n = number(v, path);
            return n == null ? null : new Condition.Number(n);
        }
        if (type == ConditionField.Type.DATE || type == ConditionField.Type.TIMESTAMP) {
            LocalDate d = day(v, path);
            return d == null ? null : new Day(d);
        }
        String s = textValue(v, path, field);
        return s == null ? null : new Text(s);
    }

    private BigDecimal number(JsonNode v, String path) {
        if (v == null || !v.isNumber()) {
            fail(ConditionProblem.NUMBER.at(path, "must be a number"));
            return null;
        }
        BigDecimal n = v.decimalValue();
        if (n.abs().compareTo(MAX_NUMBER) > 0) {
            fail(ConditionProblem.NUMBER_RANGE.at(path, "is out of range"));
            return null;
        }
        return n;
    }

    private LocalDate day(JsonNode v, String path) {
        if (v == null || !v.isString()) {
            fail(ConditionProblem.DATE.at(path, "must be a date (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(v.asString());
        } catch (DateTimeParseException e) {
            fail(ConditionProblem.DATE.at(path, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    private String textValue(JsonNode v, String path, ConditionField field) {
        if (v == null || !v.isString() || v.asString().isEmpty()) {
            fail(ConditionProblem.TEXT.at(path, "must be a non-empty text"));
            return null;
        }
        if (v.asString().length() > MAX_TEXT) {
            fail(ConditionProblem.MAX_LENGTH.at(path, "at most " + MAX_TEXT + " characters", "max", MAX_TEXT));
            return null;
        }
        if (field != null && field.type() == ConditionField.Type.ENUM && !field.options().contains(v.asString())) {
            String choices = String.join(", ", field.options());
            fail(ConditionProblem.OPTION.at(path, "must be one of " + choices, "choices", choices));
            return null;
        }
        return v.asString();
    }

    private String optionalText(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
            return null;
        }
        return textValue(v, path + "." + name, null);
    }

    private Integer optionalDays(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MAX_DAYS) {
            fail(ConditionProblem.DAYS.at(path + "." + name,
                    "must be a whole number of days from 1 to " + MAX_DAYS, "max", MAX_DAYS));
            return null;
        }
        return v.asInt();
    }

    private UUID uuid(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(v.asString());
        } catch (IllegalArgumentException e) {
            fail(ConditionProblem.ID.at(path + "." + name, "must be an id"));
            return null;
        }
    }

    private <T> T fail(FieldError error) {
        errors.add(error);
        return null;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isString() ? v.asString() : null;
    }

    private static String clip(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }
}
