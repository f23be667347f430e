package io.liuliang.iam;

/** What an audit event records. Codes are stored as text and never renamed. */
public enum AuditAction {
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    ACCOUNT_LOCKED,
    LOGOUT,
    PASSWORD_CHANGED,
    PASSWORD_RESET,
    USER_CREATED,
    USER_UPDATED,
    USER_ENABLED,
    USER_DISABLED,
    USER_UNLOCKED,
    ROLES_CHANGED,
    TOKEN_CREATED,
    TOKEN_REVOKED,
    PII_READ,
    CUSTOMERS_MERGED,
    CUSTOMER_UNMERGED,
    CONFLICT_DISMISSED,
    WEBHOOK_SECRET_SET,
    WEBHOOK_SECRET_DELETED,
    AUDIT_EXPORTED
}
