package io.liuliang.segment;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** What a condition refers to: tags, segments, predictions, behaviour (and the longest event window). */
record ConditionRefs(Set<UUID> tags, Set<UUID> segments, boolean predictions, boolean events, int maxEventDays) {

    static ConditionRefs of(Condition condition) {
        Set<UUID> tags = new HashSet<>();
        Set<UUID> segments = new HashSet<>();
        boolean[] flags = new boolean[2];
        int[] days = {0};
        walk(condition, tags, segments, flags, days);
        return new ConditionRefs(Set.copyOf(tags), Set.copyOf(segments), flags[0], flags[1], days[0]);
    }

    private static void walk(Condition c, Set<UUID> tags, Set<UUID> segments, boolean[] flags, int[] days) {
        if (c instanceof Condition.Group g) {
            g.children().forEach(child -> walk(child, tags, segments, flags, days));
        } else if (c instanceof Condition.FieldRule f) {
            ConditionField field = ConditionFields.byKey(f.field()).orElseThrow();
            if (field.source() == ConditionField.Source.TAG) {
                tags.add(UUID.fromString(((Condition.Text) f.value()).value()));
            } else if (field.source() == ConditionField.Source.SEGMENT) {
                segments.add(UUID.fromString(((Condition.Text) f.value()).value()));
            } else if (field.source() == ConditionField.Source.PREDICTION) {
                flags[0] = true;
            }
        } else if (c instanceof Condition.EventRule e) {
            flags[1] = true;
            days[0] = Math.max(days[0], e.withinDays());
        }
    }
}
