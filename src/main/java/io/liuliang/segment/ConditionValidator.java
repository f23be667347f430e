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
        Set<UUID> missingTags = new HashSet<>(refs.tags());
        missingTags.removeAll(tags.existing(refs.tags()));
        Set<UUID> missingSegments = new HashSet<>(refs.segments());
        missingSegments.removeAll(segments.existing(refs.segments()));
        boolean cycle = self != null && (refs.segments().contains(self) || segments.reaches(refs.segments(), self));
        boolean predictionsMissing = refs.predictions() && !predictions.available();
        List<FieldError> errors = referenceProblems(missingTags, missingSegments, predictionsMissing, cycle);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return condition;
    }

    /**
     * What is wrong with what a condition refers to: the tags and segments of it that do not exist, the predictions it
     * uses while there are none yet, and its segments leading back to the segment saved (a cycle).
     */
    static List<FieldError> referenceProblems(Set<UUID> missingTags, Set<UUID> missingSegments,
                                              boolean predictionsMissing, boolean cycle) {
        List<FieldError> errors = new ArrayList<>();
        missingTags.stream().sorted().forEach(t -> errors.add(
                ConditionProblem.TAG_MISSING.at("condition", "tag " + t + " does not exist", "id", t)));
        missingSegments.stream().sorted().forEach(s -> errors.add(
                ConditionProblem.SEGMENT_MISSING.at("condition", "segment " + s + " does not exist", "id", s)));
        if (predictionsMissing) {
            errors.add(ConditionProblem.PREDICTIONS_UNAVAILABLE.at("condition", "predictions are not available yet"));
        }
        if (cycle) {
            errors.add(ConditionProblem.CYCLE.at("condition", "segments would refer to each other in a cycle"));
        }
        return errors;
    }
}
