package io.liuliang.iam;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of access control ({@code LIULIANG_SECURITY_*}).
 *
 * @param maxFailedLogins failed logins in a row that lock an account
 * @param lockout how long a locked account stays locked
 * @param maxTokenDays the longest lifetime of a personal API token
 * @param tokenCacheTtl how long a verified API token is trusted without reading it (and its user) again: the bound
 *                      on how late a revocation, a disabled user or lost roles take effect when they are changed on
 *                      another instance or directly in the database (changes made through this instance's API take
 *                      effect at once); {@code 0s} re-reads on every request
 */
@ConfigurationProperties("liuliang.security")
record IamProperties(@DefaultValue("5") int maxFailedLogins, @DefaultValue("15m") Duration lockout,
                     @DefaultValue("365") int maxTokenDays, @DefaultValue("5s") Duration tokenCacheTtl) {
}
