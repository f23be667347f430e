package io.liuliang.segment;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * The segments' condition model for other modules (a journey's condition split): check a condition and test
 * customers against it now, with the same SQL a segment uses.
 */
public interface CustomerConditions {

    /**
     * What is wrong with the condition, as field errors under {@code path} (empty when it is valid), each with its
     * stable code ({@code segment.unknownField}) and the values of its wording.
     */
    List<FieldError> check(JsonNode condition, String path);

    /** Those of {@code customers} (live ones) that match the condition now. */
    Set<CustomerId> matching(JsonNode condition, Collection<CustomerId> customers);
}
