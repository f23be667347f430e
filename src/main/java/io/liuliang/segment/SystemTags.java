package io.liuliang.segment;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tags the product defines: 高价值 (RFM quadrant high value), 近期活跃 (active within 30 days), 沉睡待唤醒
 * (lifecycle dormant) and one 偏好&lt;category&gt; per preferred category in the metrics. They are rule tags kept
 * current like any other; they are created when the application starts (and the category ones by every full pass).
 */
@Component
class SystemTags {

    static final String HIGH_VALUE = "high_value";
    static final String RECENTLY_ACTIVE = "recently_active";
    static final String DORMANT = "dormant";
    static final String PREFERRED_CATEGORY = "preferred_category:";
    static final int RECENT_DAYS = 30;
    static final int MAX_CATEGORY_TAGS = 200;
    private static final String SYSTEM = "system";

    private final TagStore tags;
    private final JdbcClient jdbc;

    SystemTags(TagStore tags, JdbcClient jdbc) {
        this.tags = tags;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createDefaults() {
        ensure(HIGH_VALUE, "高价值", "#cf1322", "RFM quadrant: high value", field("rfm_quadrant", "eq", "high_value"));
        ensure(RECENTLY_ACTIVE, "近期活跃", "#389e0d", "Active (an order or event) within the last 30 days",
                days("last_activity_at", RECENT_DAYS));
        ensure(DORMANT, "沉睡待唤醒", "#8c8c8c", "Lifecycle stage: dormant", field("lifecycle_stage", "eq", "dormant"));
        ensurePreferredCategoryTags();
    }

    /** One 偏好&lt;category&gt; tag per preferred category found in the metrics. */
    void ensurePreferredCategoryTags() {
        List<String> categories = jdbc.sql("SELECT DISTINCT preferred_category FROM customer_metrics "
                        + "WHERE preferred_category IS NOT NULL AND preferred_category <> '' LIMIT ?")
                .param(MAX_CATEGORY_TAGS).query(String.class).list();
        for (String category : categories) {
            if (category.length() <= ConditionParser.MAX_TEXT) {
                ensure(PREFERRED_CATEGORY + category, "偏好" + category, "#d46b08", "Preferred category: " + category,
                        field("preferred_category", "eq", category));
            }
        }
    }

    private void ensure(String key, String name, String color, String description, ObjectNode condition) {
        if (tags.bySystemKey(key).isEmpty() && !tags.nameTaken(name, null)) {
            Condition parsed = ConditionParser.parse(condition, "condition");
            tags.insert(UUID.randomUUID(), name, TagKind.SYSTEM, color, description,
                    ConditionJson.write(parsed).toString(), key, SYSTEM);
        }
    }

    private static ObjectNode field(String field, String op, String value) {
        return JsonNodeFactory.instance.objectNode().put("type", "field").put("field", field).put("op", op)
                .put("value", value);
    }

    private static ObjectNode days(String field, int days) {
        return JsonNodeFactory.instance.objectNode().put("type", "field").put("field", field)
                .put("op", "within_last_days").put("value", days);
    }
}
