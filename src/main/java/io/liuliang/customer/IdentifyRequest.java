package io.liuliang.customer;

import java.time.Instant;
import java.util.List;

/**
 * One record to resolve to a customer: its identities, its traits, when it was seen and where it came from
 * (for example {@code api}, {@code import:<id>}).
 */
public record IdentifyRequest(List<IdentityInput> identities, CustomerTraits traits, Instant seenAt, String source) {
}
