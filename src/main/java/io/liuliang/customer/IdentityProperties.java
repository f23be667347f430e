package io.liuliang.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One-ID settings ({@code LIULIANG_IDENTITY_*}).
 *
 * @param maxCustomersPerIdentity a contact identity (phone, email, device) that would link more distinct people
 *                                than this is flagged as shared and stops linking anyone
 * @param blocklist comma-separated normalised values that never link people (read by the PII normaliser)
 */
@ConfigurationProperties("liuliang.identity")
record IdentityProperties(@DefaultValue("5") int maxCustomersPerIdentity, @DefaultValue("") String blocklist) {
}
