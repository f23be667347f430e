package io.liuliang.iam;

/** Appends to the append-only audit log. */
public interface AuditLog {

    void record(AuditRecord record);
}
