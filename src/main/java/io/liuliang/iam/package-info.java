/**
 * Identity and access: users, roles and permissions, console login, personal API tokens, the audit log.
 * Other modules use {@link io.liuliang.iam.AuditLog} to record security-relevant reads (PII) and changes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and access")
package io.liuliang.iam;
