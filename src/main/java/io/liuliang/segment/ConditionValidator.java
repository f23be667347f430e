package io.liuliang.segment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Parses a condition from a request and checks what it refers to: tags and segments exist, predictions are
 * available, and segment references form no cycle.
 */
@Component
class ConditionValidator {

    private final SegmentStore segments;
    private final TagStore tags;
    private final PredictionTable predictions;

    ConditionValidator(SegmentStore segments, TagStore tags, PredictionTable predictions) {
        this.segments = segments;
        this.tags = tags;
        this.predictions = predictions;
    }

    /**
     * The parsed condition, valid for the segment {@code self} (null for a new segment, a tag or a preview).
     */
    Condition parse(JsonNode node, UUID self) {
        Condition condition = ConditionParser.parse(node, "condition");
        ConditionRefs refs = ConditionRefs.of(condition);
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> missingTags = new HashSet<>(refs.tags());
        missingTags.removeAll(tags.existing(refs.tags()));
        missingTags.forEach(t -> errors.add(new FieldError("condition", "tag " + t + " does not exist")));
        Set<UUID> missingSegments = new HashSet<>(refs.segments());
        missingSegments.removeAll(segments.existing(refs.segments()));
        missingSegments.forEach(s -> errors.add(new FieldError("condition", "segment " + s + " does not exist")));
        if (refs.predictions() && !predictions.available()) {
            errors.add(new FieldError("condition", "predictions are not available yet"));
        }
        if (self != null && (refs.segments().contains(self) || segments.reaches(refs.segments(), self))) {
            errors.add(new FieldError("condition", "segments would refer to each other in a cycle"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return condition;
    }
}
