package io.liuliang.segment;

import java.util.List;

import io.liuliang.shared.ProblemCode;

/**
 * Every problem of a segment or tag condition, by stable code ({@code segment.unknownField}) with the names of the
 * values its wording takes: those {@link ConditionParser} finds in the tree, those {@link ConditionValidator} finds in
 * what it refers to, and the tag service's. The API gives the code and values next to the English message (also
 * through {@link CustomerConditions#check}, under a journey's paths); the console words the problem from them in the
 * user's language ({@code segment.v.<name>} in web/src/i18n/condition.*.ts).
 */
enum ConditionProblem implements ProblemCode {

    REQUIRED("required"),
    OBJECT("object"),
    TYPE_REQUIRED("typeRequired", "choices"),
    TYPE("type", "choices"),
    DEPTH("depth", "max"),
    CHILDREN_LIST("childrenList"),
    CHILDREN_EMPTY("childrenEmpty"),
    RULES_MAX("rulesMax", "max"),
    UNKNOWN_FIELD("unknownField", "field"),
    OPERATOR("operator", "choices"),
    MEASURE("measure"),
    EVENT_TYPE("eventType"),
    CUSTOM_NAME_REQUIRED("customNameRequired"),
    BOOLEAN("boolean"),
    TIMES("times", "max"),
    DAYS_REQUIRED("daysRequired", "max"),
    DAYS("days", "max"),
    LIST("list"),
    PROPERTY("property", "max"),
    BETWEEN("between"),
    FROM_AFTER_TO("fromAfterTo"),
    VALUES("values", "max"),
    TAG_ID("tagId"),
    SEGMENT_ID("segmentId"),
    NUMBER("number"),
    NUMBER_RANGE("numberRange"),
    DATE("date"),
    TEXT("text"),
    MAX_LENGTH("maxLength", "max"),
    OPTION("option", "choices"),
    ID("id"),
    TAG_MISSING("tagMissing", "id"),
    SEGMENT_MISSING("segmentMissing", "id"),
    PREDICTIONS_UNAVAILABLE("predictionsUnavailable"),
    CYCLE("cycle"),
    MANUAL_TAG_CONDITION("manualTagCondition"),
    TAG_SELF("tagSelf");

    static final String PREFIX = "segment.";

    private final String name;
    private final List<String> params;

    ConditionProblem(String name, String... params) {
        this.name = name;
        this.params = List.of(params);
    }

    /** The stable code, such as {@code segment.unknownField}. */
    @Override
    public String code() {
        return PREFIX + name;
    }

    @Override
    public List<String> params() {
        return params;
    }
}
