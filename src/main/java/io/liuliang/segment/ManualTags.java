package io.liuliang.segment;

import java.util.Optional;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/** Manual tags for other modules (a journey's tag actions): give or take one, idempotently. */
public interface ManualTags {

    /** The name of the manual tag with this id; empty when there is none (or it is a rule or system tag). */
    Optional<String> manualTagName(UUID tagId);

    /** Gives the tag to the customer (or their survivor); false when they held it already. */
    boolean give(UUID tagId, CustomerId customer, String source, String actor);

    /** Takes the tag from the customer; false when they did not hold it. */
    boolean take(UUID tagId, CustomerId customer);
}
