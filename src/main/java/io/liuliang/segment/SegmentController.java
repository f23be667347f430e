package io.liuliang.segment;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.event.EventType;
import io.liuliang.iam.AuditAction;
import io.liuliang.iam.AuditLog;
import io.liuliang.iam.AuditRecord;
import io.liuliang.job.JobId;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Segments", description = "Customer segments from a condition tree: preview, members, entries and exits, export")
class SegmentController {

    private final SegmentService segments;
    private final Jobs jobs;
    private final AuditLog audit;
    private final JsonMapper json;
    private final PredictionTable predictions;

    SegmentController(SegmentService segments, Jobs jobs, AuditLog audit, JsonMapper json, PredictionTable predictions) {
        this.predictions = predictions;
        this.segments = segments;
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
    }

    record SegmentView(UUID id, String name, String kind, String description, JsonNode condition, long memberCount,
                       Instant lastRefreshedAt, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy,
                       List<Long> trend, UUID refreshJobId) {
    }

    private SegmentView view(SegmentRow r, List<Long> trend, JobId job) {
        return new SegmentView(r.id(), r.name(), r.kind().code(), r.description(), json.readTree(r.condition()),
                r.memberCount(), r.lastRefreshedAt(), r.createdAt(), r.createdBy(), r.updatedAt(), r.updatedBy(), trend,
                job == null ? null : job.value());
    }

    /** The field catalog the segment builder offers. */
    record FieldView(String key, String group, String type, List<String> operators, List<String> options, boolean nullable) {
    }

    record Catalog(List<FieldView> fields, List<String> eventTypes, List<String> orderMeasures,
                   List<String> orderOperators, List<String> propertyOperators, boolean predictionsAvailable) {
    }

    @GetMapping("/segments/fields")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "The condition catalog: fields with their type, operators and options; event types; order measures")
    Catalog fields() {
        return new Catalog(ConditionFields.all().stream()
                .map(f -> new FieldView(f.key(), f.group(), f.type().code(),
                        f.operators().stream().map(ConditionOperator::code).toList(), f.options(), f.nullable()))
                .toList(),
                Arrays.stream(EventType.values()).map(EventType::code).toList(),
                Arrays.stream(Condition.OrderMeasure.values()).map(Condition.OrderMeasure::code).toList(),
                List.of("gte", "gt", "eq", "neq", "lte", "lt", "between"),
                List.of("eq", "neq", "contains", "in", "gt", "gte", "lt", "lte"),
                predictions.available());
    }

    @GetMapping("/segments")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "Segments by name, with member counts and a size trend; search by name, filter by kind")
    CursorPage<SegmentView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String kind,
                                 @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return segments.list(q, kind, PageRequest.of(limit, cursor)).map(l -> view(l.segment(), l.trend(), null));
    }

    @PostMapping("/segments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Create a segment (dynamic: kept current; static: a snapshot); a job fills it")
    SegmentView create(@RequestBody SegmentService.SegmentInput input) {
        SegmentService.Saved saved = segments.create(input);
        return view(saved.segment(), List.of(), saved.refreshJob());
    }

    @PostMapping("/segments:preview")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "Count the customers a condition matches now, with 20 of them (personal data masked)")
    SegmentService.Preview preview(@RequestBody PreviewRequest request) {
        return segments.preview(request == null ? null : request.condition());
    }

    record PreviewRequest(JsonNode condition) {
    }

    @GetMapping("/segments/{id}")
    @PreAuthorize("hasAuthority('segment.read')")
    SegmentView get(@PathVariable UUID id) {
        return view(segments.get(id), List.of(), null);
    }

    @PutMapping("/segments/{id}")
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Change a segment's name, description or condition; a job recomputes its members")
    SegmentView update(@PathVariable UUID id, @RequestBody SegmentService.SegmentInput input) {
        SegmentService.Saved saved = segments.update(id, input);
        return view(saved.segment(), List.of(), saved.refreshJob());
    }

    @DeleteMapping("/segments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('segment.manage')")
    void delete(@PathVariable UUID id) {
        segments.delete(id);
    }

    record JobStarted(UUID jobId) {
    }

    @PostMapping("/segments/{id}:refresh")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Recompute the members now (also re-takes a static segment's snapshot), as a job")
    JobStarted refresh(@PathVariable UUID id) {
        SegmentRow row = segments.get(id);
        return new JobStarted(segments.submitRefresh(row.id(), row.name()).value());
    }

    @PostMapping("/segments/{id}:export")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "Export the members to CSV as a job; phones and e-mails are masked unless you hold customer.pii.read")
    JobStarted export(@PathVariable UUID id) {
        SegmentRow row = segments.get(id);
        boolean reveal = SegmentActor.holds(SegmentActor.PII_READ);
        if (reveal) {
            audit.record(AuditRecord.of(AuditAction.PII_READ, "segment", id.toString(), row.name(),
                    "segment export with personal data"));
        }
        JobId job = jobs.submit(new JobSubmission(SegmentExportJob.TYPE, "Export segment " + row.name(),
                "{\"segmentId\":\"" + id + "\",\"reveal\":" + reveal + "}", reveal ? SegmentActor.PII_READ : null));
        return new JobStarted(job.value());
    }

    @GetMapping("/segments/{id}/members")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "The members (cursor-paged by customer id; personal data masked)")
    CursorPage<SegmentStore.Member> members(@PathVariable UUID id, @RequestParam(required = false) Integer limit,
                                            @RequestParam(required = false) String cursor) {
        return segments.members(id, PageRequest.of(limit, cursor));
    }

    @GetMapping("/segments/{id}/changes")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "Entries and exits, newest first")
    CursorPage<SegmentStore.Change> changes(@PathVariable UUID id, @RequestParam(required = false) Integer limit,
                                            @RequestParam(required = false) String cursor) {
        return segments.changes(id, PageRequest.of(limit, cursor));
    }

    @GetMapping("/segments/{id}/sizes")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "Size history over the last days (default 90)")
    List<SegmentStore.SizePoint> sizes(@PathVariable UUID id, @RequestParam(required = false) Integer days) {
        return segments.sizes(id, days);
    }

}
