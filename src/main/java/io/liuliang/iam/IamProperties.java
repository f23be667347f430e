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
 */
@ConfigurationProperties("liuliang.security")
record IamProperties(@DefaultValue("5") int maxFailedLogins, @DefaultValue("15m") Duration lockout,
                     @DefaultValue("365") int maxTokenDays) {
}
