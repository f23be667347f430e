package io.liuliang.journey;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.liuliang.shared.FieldError;
import io.liuliang.shared.ProblemParams;

/**
 * Every problem a journey's validation reports, by stable code ({@code journey.minutesRequired}) with the names of
 * the values its wording takes. The API gives the code and values next to the English message; the console words
 * the problem from them in the user's language ({@code journey.v.<name>} in web/src/i18n/journey.*.ts).
 */
enum JourneyProblem {

    DEFINITION_OBJECT("definitionObject"),
    DEFINITION_TOO_LARGE("definitionTooLarge", "max"),
    REQUIRED("required"),
    REQUIRED_ONE_OF("requiredOneOf", "choices"),
    ONE_OF("oneOf", "choices"),
    TEXT("text"),
    MAX_LENGTH("maxLength", "max"),
    RANGE("range", "min", "max"),
    INSTANT("instant"),
    ID("uuid"),
    END_BEFORE_START("endBeforeStart"),
    ENTRY_REQUIRED("entryRequired"),
    REENTRY_DAYS_REQUIRED("reentryDaysRequired"),
    NODES_REQUIRED("nodesRequired"),
    NODES_MAX("nodesMax", "max"),
    NODE_ID("nodeId"),
    NODE_ID_TAKEN("nodeIdTaken"),
    CONDITION_REQUIRED("conditionRequired"),
    POINTS_NON_ZERO("pointsNonZero", "max"),
    HTTP("http"),
    URL("url"),
    MINUTES_REQUIRED("minutesRequired"),
    TIME("time"),
    TIMEOUT_REQUIRED("timeoutRequired"),
    VARIANTS_MIN("variantsMin"),
    VARIANT_KEY("variantKey"),
    VARIANT_KEY_TAKEN("variantKeyTaken"),
    PERCENT_SUM("percentSum", "sum"),
    EDGES_LIST("edgesList"),
    EDGE_ID_TAKEN("edgeIdTaken"),
    ENTRY_MISSING("entryMissing"),
    ENTRY_TWICE("entryTwice", "count"),
    EDGE_NODE("edgeNode", "node"),
    EDGE_INTO_ENTRY("edgeIntoEntry"),
    EDGE_HANDLE("edgeHandle", "handle", "node", "outputs"),
    HANDLE_TWICE("handleTwice", "handle", "node"),
    DEAD_END("deadEnd", "handle"),
    UNREACHABLE("unreachable"),
    CYCLE("cycle", "from"),
    EVENT_TYPE("eventType", "choices"),
    CUSTOM_NAME("customName"),
    FILTERS_MAX("filtersMax", "max"),
    PROPERTY("property"),
    FILTER_VALUE("filterValue", "max"),
    NUMBER("number", "operator"),
    SEGMENT_MISSING("segmentMissing", "id"),
    COUPON_TEMPLATE_MISSING("couponTemplateMissing", "id"),
    MESSAGE_TEMPLATE_MISSING("messageTemplateMissing", "id"),
    TAG_MISSING("tagMissing", "id"),
    NAME_TAKEN("nameTaken", "name");

    static final String PREFIX = "journey.";

    private final String name;
    private final List<String> params;

    JourneyProblem(String name, String... params) {
        this.name = name;
        this.params = List.of(params);
    }

    /** The stable code, such as {@code journey.minutesRequired}. */
    String code() {
        return PREFIX + name;
    }

    /** The names of the values its wording takes. */
    List<String> params() {
        return params;
    }

    /** This problem at a field, with its English message and its values (name, value, ...: exactly its params). */
    FieldError at(String field, String message, Object... namesAndValues) {
        ProblemParams values = ProblemParams.of(namesAndValues);
        if (!values.values().keySet().equals(new TreeSet<>(params))) {
            throw new IllegalArgumentException(code() + " takes " + params + ", not " + values.values().keySet());
        }
        return FieldError.coded(field, message, code(), values);
    }

    static Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        for (JourneyProblem p : values()) {
            codes.add(p.code());
        }
        return codes;
    }
}
