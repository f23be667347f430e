package io.liuliang.shared;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The tags a customer holds, for the 360° view. Implemented by the module that owns tags; the customer module asks
 * for it optionally, so it never depends on that module.
 */
public interface CustomerTags {

    List<Tag> tagsOf(CustomerId customer);

    /** One tag held: its kind (manual, rule, system), colour and how it was given (manual, rule, upload, ...). */
    record Tag(UUID id, String name, String kind, String color, String source, Instant taggedAt) {
    }
}
