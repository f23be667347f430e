package io.liuliang.segment;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.customer.Customers;
import jakarta.servlet.http.HttpServletResponse;
import io.liuliang.iam.AuditAction;
import io.liuliang.iam.AuditLog;
import io.liuliang.iam.AuditRecord;
import io.liuliang.job.JobId;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Metrics and RFM")
class MetricsController {

    private static final int HISTORY = 20;

    private final MetricsReader reader;
    private final RfmQueries rfm;
    private final MetricsService metrics;
    private final MetricsSettingsStore settings;
    private final Customers customers;
    private final Jobs jobs;
    private final AuditLog audit;
    private final RfmScaleStore scales;

    MetricsController(MetricsReader reader, RfmQueries rfm, MetricsService metrics, MetricsSettingsStore settings,
                      Customers customers, Jobs jobs, AuditLog audit, RfmScaleStore scales) {
        this.scales = scales;
        this.reader = reader;
        this.rfm = rfm;
        this.metrics = metrics;
        this.settings = settings;
        this.customers = customers;
        this.jobs = jobs;
        this.audit = audit;
    }

    /** A customer's metrics with their lifecycle history; {@code metrics} is null until first computed. */
    record CustomerMetricsResponse(UUID customerId, MetricsView metrics, List<LifecycleStageChanged> lifecycleHistory) {
    }

    @GetMapping("/customers/{id}/metrics")
    @PreAuthorize("hasAuthority('customer.read')")
    @Operation(summary = "A customer's metrics, RFM scores, lifecycle stage and its history; a merged-away id redirects (307)")
    ResponseEntity<CustomerMetricsResponse> customerMetrics(@PathVariable UUID id) {
        CustomerId survivor = customers.survivorOf(new CustomerId(id))
                .orElseThrow(() -> ApiProblemException.notFound("Customer", id));
        if (!survivor.value().equals(id)) {
            return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
                    .location(URI.create("/api/v1/customers/" + survivor + "/metrics")).build();
        }
        return ResponseEntity.ok(new CustomerMetricsResponse(id, reader.of(survivor).orElse(null),
                reader.historyOf(survivor, HISTORY)));
    }

    @GetMapping("/rfm")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "RFM per customer as of a day (default today), for the merchant or one shop, cursor-paged, "
            + "optionally of one named segment and/or one R×F cell (r, f: 1..5); "
            + "with format=csv or Accept: text/csv the whole list as CSV")
    CursorPage<RfmQueries.RfmRow> rfm(@RequestParam(required = false) LocalDate asOf, @RequestParam(required = false) UUID shopId,
                                      @RequestParam(required = false) String segment, @RequestParam(required = false) Integer r,
                                      @RequestParam(required = false) Integer f, @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor, @RequestParam(required = false) String format,
                                      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                      HttpServletResponse response) throws IOException {
        if (format != null && !"csv".equalsIgnoreCase(format) && !"json".equalsIgnoreCase(format)) {
            throw ApiProblemException.invalid("format", "must be csv or json");
        }
        RfmQueries.Scope scope = rfm.scope(asOf, shopId);
        RfmQueries.RowFilter only = new RfmQueries.RowFilter(segment(segment), score("r", r), score("f", f));
        boolean csv = format == null ? accept != null && accept.contains("text/csv") : "csv".equalsIgnoreCase(format);
        if (csv) {
            writeCsv(scope, only, response);
            return null;
        }
        return rfm.page(scope, only, PageRequest.of(limit, cursor));
    }

    private void writeCsv(RfmQueries.Scope scope, RfmQueries.RowFilter only, HttpServletResponse response) throws IOException {
        String name = "rfm-" + scope.asOf() + (scope.shopId() == null ? "" : "-" + scope.shopId()) + ".csv";
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        Writer w = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        w.write("\uFEFFcustomer_id,display_name,recency_days,frequency,monetary,r,f,m,segment,quadrant\n");
        rfm.forEach(scope, row -> {
            if (!only.test(row)) {
                return;
            }
            try {
                w.write(row.customerId() + "," + io.liuliang.shared.Csv.cell(row.displayName()) + ","
                        + num(row.recencyDays()) + "," + row.frequency() + "," + row.monetary().toPlainString() + ","
                        + num(row.r()) + "," + num(row.f()) + "," + num(row.m()) + ","
                        + (row.segment() == null ? "" : row.segment().code()) + ","
                        + (row.quadrant() == null ? "" : row.quadrant().code()) + "\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        w.flush();
    }

    private static String num(Integer v) {
        return v == null ? "" : v.toString();
    }

    @GetMapping("/rfm/overview")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "The R×F heatmap (customers and revenue per cell), named segments, quadrants and the scale")
    RfmQueries.Overview overview(@RequestParam(required = false) LocalDate asOf, @RequestParam(required = false) UUID shopId) {
        return rfm.overview(rfm.scope(asOf, shopId));
    }

    @GetMapping("/rfm/migrations")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "Customers moving between named segments from one monthly snapshot to another (or to now)")
    RfmQueries.Migrations migrations(@RequestParam(required = false) YearMonth from,
                                     @RequestParam(required = false) YearMonth to) {
        return rfm.migrations(from, to);
    }

    record SnapshotTaken(YearMonth month, int customers) {
    }

    @PostMapping("/rfm/snapshots")
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Store everyone's RFM now as this month's snapshot (replacing the one taken at the month's first recompute)")
    SnapshotTaken snapshot() {
        YearMonth month = YearMonth.from(metrics.today());
        return new SnapshotTaken(month, metrics.takeSnapshot(month));
    }

    @GetMapping("/lifecycle/funnel")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "Customers per lifecycle stage")
    Map<LifecycleStage, Long> funnel() {
        return reader.funnel();
    }

    record SettingsResponse(MetricsSettings settings, RfmScale scale, MetricsSettings defaults) {
    }

    @GetMapping("/metrics/settings")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "RFM mode and thresholds, the segment grid, the quadrant split and lifecycle thresholds")
    SettingsResponse getSettings() {
        return new SettingsResponse(settings.get(), scales.current().orElse(null), MetricsSettings.defaults());
    }

    @PutMapping("/metrics/settings")
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Change the RFM and lifecycle settings; scores and stages are recomputed at once")
    SettingsResponse putSettings(@RequestBody MetricsSettings body) {
        if (body == null) {
            throw ApiProblemException.invalid("", "send the settings as a JSON object");
        }
        MetricsSettings valid = body.validated();
        settings.save(valid, actor());
        audit.record(AuditRecord.of(AuditAction.SETTINGS_CHANGED, "settings", "metrics", "RFM and lifecycle",
                "mode " + valid.rfm().mode().name().toLowerCase(java.util.Locale.ROOT)));
        MetricsService.Recompute recompute = metrics.recomputeAll(valid);
        return new SettingsResponse(valid, recompute.scale(), MetricsSettings.defaults());
    }

    record JobStarted(String jobId) {
    }

    @PostMapping("/metrics:recompute")
    @PreAuthorize("hasAuthority('segment.manage')")
    @Operation(summary = "Rebuild every customer's metrics from orders and events, then RFM and lifecycle (a job)")
    ResponseEntity<JobStarted> recompute() {
        JobId job = jobs.submit(new JobSubmission(MetricsRebuildJob.TYPE, "Rebuild customer metrics, RFM and lifecycle",
                "{}", null));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new JobStarted(job.toString()));
    }

    record Status(RfmScale scale, long pending, long customers, Map<LifecycleStage, Long> lifecycle) {
    }

    @GetMapping("/metrics/status")
    @PreAuthorize("hasAuthority('segment.read')")
    @Operation(summary = "The current RFM scale, customers waiting to be recomputed and the lifecycle counts")
    Status status() {
        return new Status(scales.current().orElse(null), metrics.pending(), metrics.liveCustomers(), reader.funnel());
    }

    private static RfmSegment segment(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return RfmSegment.ofCode(code.strip()).orElseThrow(() -> ApiProblemException.invalid("segment",
                "unknown segment; one of " + java.util.Arrays.stream(RfmSegment.values()).map(RfmSegment::code).toList()));
    }

    private static Integer score(String field, Integer value) {
        if (value != null && (value < 1 || value > MetricsSettings.SCORES)) {
            throw ApiProblemException.invalid(field, "must be between 1 and " + MetricsSettings.SCORES);
        }
        return value;
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
