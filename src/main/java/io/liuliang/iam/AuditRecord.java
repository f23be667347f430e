package io.liuliang.iam;

import java.util.UUID;

/**
 * One audit entry to append. The acting user, IP address and user agent are taken from the current request
 * unless {@code actorUsername} is given (for example the name tried in a failed login, or the user who just
 * signed in).
 */
public record AuditRecord(AuditAction action, String targetType, String targetId, String targetLabel, String detail,
                          UUID actorId, String actorUsername) {

    public static AuditRecord of(AuditAction action, String targetType, String targetId, String targetLabel,
                                 String detail) {
        return new AuditRecord(action, targetType, targetId, targetLabel, detail, null, null);
    }
}
