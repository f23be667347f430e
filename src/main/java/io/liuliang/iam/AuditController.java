package io.liuliang.iam;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.job.JobId;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@PreAuthorize("hasAuthority('audit.read')")
@Tag(name = "Audit log", description = "Append-only log of security events")
class AuditController {

    private final AuditLogService audit;
    private final Jobs jobs;
    private final JsonMapper json;

    AuditController(AuditLogService audit, Jobs jobs, JsonMapper json) {
        this.audit = audit;
        this.jobs = jobs;
        this.json = json;
    }

    /** Filters of the audit log, as query parameters or as an export request body. */
    record AuditQuery(AuditAction action, String actor, Instant from, Instant to) {

        AuditLogService.Filter toFilter() {
            if (from != null && to != null && !from.isBefore(to)) {
                throw ApiProblemException.invalid("to", "must be after from");
            }
            return new AuditLogService.Filter(action, actor, from, to);
        }
    }

    record ExportStarted(UUID jobId) {
    }

    @GetMapping("/audit-events")
    @Operation(summary = "Search the audit log, newest first (cursor pagination)")
    CursorPage<AuditLogService.Event> list(@RequestParam(required = false) AuditAction action,
                                           @RequestParam(required = false) String actor,
                                           @RequestParam(required = false) Instant from,
                                           @RequestParam(required = false) Instant to,
                                           @RequestParam(required = false) Integer limit,
                                           @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return CursorPage.of(audit.search(new AuditQuery(action, actor, from, to).toFilter(), page), page.limit(),
                e -> PageRequest.encode(Long.toString(e.id())));
    }

    @GetMapping("/audit-events/actions")
    @Operation(summary = "The action codes the audit log records")
    List<AuditAction> actions() {
        return Arrays.asList(AuditAction.values());
    }

    @PostMapping("/audit-events:export")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Export matching events to CSV as a background job")
    ExportStarted export(@RequestBody(required = false) AuditQuery query) {
        AuditQuery effective = query == null ? new AuditQuery(null, null, null, null) : query;
        effective.toFilter();
        JobId id = jobs.submit(new JobSubmission(AuditExportJob.TYPE, "Audit log export",
                json.writeValueAsString(effective), Permission.AUDIT_READ.code()));
        audit.record(AuditRecord.of(AuditAction.AUDIT_EXPORTED, "job", id.toString(), "audit export",
                describe(effective)));
        return new ExportStarted(id.value());
    }

    private static String describe(AuditQuery q) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (q.action() != null) {
            parts.add("action=" + q.action());
        }
        if (q.actor() != null && !q.actor().isBlank()) {
            parts.add("actor=" + q.actor());
        }
        if (q.from() != null) {
            parts.add("from=" + q.from());
        }
        if (q.to() != null) {
            parts.add("to=" + q.to());
        }
        return parts.isEmpty() ? "all events" : String.join(", ", parts);
    }
}
