package io.liuliang.ingest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.liuliang.shared.CursorPage;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "Platform export files (Taobao/Tmall, JD, Douyin, Youzan, Shopify, UCI Online Retail, generic)")
class ImportController {

    private final ImportService imports;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ImportController(ImportService imports, JdbcTemplate jdbc, JsonMapper json) {
        this.imports = imports;
        this.jdbc = jdbc;
        this.json = json;
    }

    record ImportView(UUID id, UUID shopId, String status, String profile, JsonNode mapping, UUID jobId, String fileName,
                      long fileSize, String format, long linesRead, long linesAccepted, long linesRejected,
                      long customersCreated, long customersMerged, long ordersCreated, long ordersUpdated,
                      long ordersUnchanged, long refundsCreated, String error, String createdBy, Instant createdAt,
                      Instant startedAt, Instant finishedAt, ImportRunStore.Timings timings,
                      ImportService.Preview preview) {
    }

    record StartRequest(String profile, JsonNode mapping) {
    }

    record ProfileView(String id, String name, List<String> requiredFields, List<String> fields) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('order.write')")
    @Operation(summary = "Upload an export file (CSV in UTF-8/GBK, xlsx, or gzip of either) for a shop. With start=true "
            + "(default) the import is queued at once; with start=false it waits, with a preview, for POST {id}:start. "
            + "mapping is an optional JSON object of field → column name.")
    ResponseEntity<ImportView> upload(@RequestPart("file") MultipartFile file, @RequestParam("shopId") UUID shopId,
                                      @RequestParam(value = "profile", required = false) String profile,
                                      @RequestParam(value = "mapping", required = false) String mapping,
                                      @RequestParam(value = "start", defaultValue = "true") boolean start) {
        UUID id = imports.upload(file, shopId, profile, mapping, start);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(imports.get(id)));
    }

    @PostMapping("/{id}:start")
    @PreAuthorize("hasAuthority('order.write')")
    @Operation(summary = "Start an uploaded import, optionally with another profile or mapping")
    ImportView start(@PathVariable UUID id, @RequestBody(required = false) StartRequest request) {
        String mapping = request == null || request.mapping() == null || request.mapping().isNull() ? null
                : json.writeValueAsString(request.mapping());
        imports.start(id, request == null ? null : request.profile(), mapping);
        return view(imports.get(id));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('order.read')")
    @Operation(summary = "An import with its report: lines read/accepted/rejected, customers created/merged, orders created/updated, refunds")
    ImportView get(@PathVariable UUID id) {
        return view(imports.get(id));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('order.read')")
    CursorPage<ImportView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        PageRequest.After<Instant> before = page.cursorAsValueAndId('|', Instant::parse);
        List<ImportRunStore.Run> rows = imports.list(before == null ? null : before.value(),
                before == null ? null : before.id(), page.fetchSize());
        return CursorPage.of(rows, page.limit(), r -> PageRequest.encode(r.createdAt().toString(), '|', r.id()))
                .map(this::view);
    }

    @GetMapping("/{id}/rejects")
    @PreAuthorize("hasAuthority('order.read')")
    @Operation(summary = "The rejected lines as CSV: line number, column, reason, the line as uploaded")
    ResponseEntity<StreamingResponseBody> rejects(@PathVariable UUID id) {
        imports.get(id);
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write("\uFEFFline,column,reason,raw\n");
            jdbc.query(con -> {
                var ps = con.prepareStatement("SELECT line_no, column_name, reason, raw_line FROM import_reject "
                        + "WHERE import_id = ? ORDER BY line_no");
                ps.setObject(1, id);
                return ps;
            }, rs -> {
                try {
                    writer.write(rs.getLong(1) + "," + csv(rs.getString(2)) + "," + csv(rs.getString(3)) + ","
                            + csv(rs.getString(4)) + "\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("import-" + id + "-rejects.csv").build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(body);
    }

    @GetMapping("/profiles")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The import profiles and their fields")
    List<ProfileView> profiles() {
        return Arrays.stream(ImportProfile.values())
                .map(p -> new ProfileView(p.id(), p.displayName(),
                        p.required().stream().map(ImportField::key).sorted().toList(),
                        p.fields().stream().map(ImportField::key).sorted().toList()))
                .toList();
    }

    @GetMapping(value = "/template", produces = "text/csv")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The generic import template, with two example lines")
    ResponseEntity<String> template() {
        String csv = "\uFEFForder_id,customer_id,ordered_at,status,total_amount,currency,sku,product_name,category,quantity,"
                + "unit_price,name,phone,email,province,city,shop,paid_at,discount,shipping,refund_amount\n"
                + "SO-1001,buyer_001,2026-06-18 20:01:02,completed,189.80,CNY,MILK-900,婴儿奶粉 3段 900g,母婴,2,89.90,"
                + "张三,13912345678,zhangsan@example.cn,浙江,杭州,,2026-06-18 20:02:10,0,10,0\n"
                + "SO-1001,buyer_001,2026-06-18 20:01:02,completed,189.80,CNY,WIPE-80,湿巾 80抽,母婴,1,0.00,"
                + "张三,13912345678,zhangsan@example.cn,浙江,杭州,,2026-06-18 20:02:10,0,10,0\n";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("liuliang-import-template.csv").build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(csv);
    }

    private ImportView view(ImportRunStore.Run r) {
        JsonNode mapping = r.mapping() == null ? null : json.readTree(r.mapping());
        ImportService.Preview preview = r.header() == null ? null : imports.previewOf(r.id());
        return new ImportView(r.id(), r.shopId(), r.status().name(), r.profile(), mapping, r.jobId(), r.fileName(),
                r.fileSize(), r.format(), r.linesRead(), r.linesAccepted(), r.linesRejected(), r.customersCreated(),
                r.customersMerged(), r.ordersCreated(), r.ordersUpdated(), r.ordersUnchanged(), r.refundsCreated(),
                r.error(), r.createdBy(), r.createdAt(), r.startedAt(), r.finishedAt(), r.timings(), preview);
    }

    private static String csv(String value) {
        return io.liuliang.shared.Csv.cell(value);
    }
}
