package io.liuliang.journey;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.liuliang.shared.ProblemCode;

/**
 * Every problem a journey's validation reports, by stable code ({@code journey.minutesRequired}) with the names of
 * the values its wording takes. The API gives the code and values next to the English message; the console words
 * the problem from them in the user's language ({@code journey.v.<name>} in web/src/i18n/journey.*.ts).
 */
enum JourneyProblem implements ProblemCode {

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
    @Override
    public String code() {
        return PREFIX + name;
    }

    @Override
    public List<String> params() {
        return params;
    }

    static Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        for (JourneyProblem p : values()) {
            codes.add(p.code());
        }
        return codes;
    }
}
