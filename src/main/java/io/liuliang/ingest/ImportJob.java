package io.liuliang.ingest;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.customer.BulkResolution;
import io.liuliang.customer.CustomerTraits;
import io.liuliang.customer.Customers;
import io.liuliang.customer.IdentifyRequest;
import io.liuliang.customer.IdentityInput;
import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.customer.Resolution;
import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import io.liuliang.order.OrderStatus;
import io.liuliang.order.OrderUpsert;
import io.liuliang.order.Orders;
import io.liuliang.order.Shop;
import io.liuliang.order.Shops;
import io.liuliang.order.UpsertResult;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.ShopId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an import in three passes over the uploaded file:
 * <ol>
 * <li>read, map and validate every line; refused lines go to the rejects with their column and reason, good ones are
 * staged (personal data encrypted) with {@code COPY};</li>
 * <li>resolve the buyers of all lines at once with One-ID ({@link Customers#identifyAll});</li>
 * <li>assemble each order from its lines and upsert it (identical orders are recognised and left alone).</li>
 * </ol>
 * Re-running the job (after a crash) starts over from the file; every write is idempotent.
 */
@Component
class ImportJob implements JobHandler {

    static final String TYPE = "ingest.import";
    private static final Logger log = LoggerFactory.getLogger(ImportJob.class);
    private static final int COPY_BATCH = 5_000;
    private static final int REJECT_BATCH = 1_000;
    private static final int ORDER_BATCH = 500;
    private static final int FETCH = 5_000;

    private final ImportRunStore runs;
    private final ImportFileStore files;
    private final Shops shops;
    private final Customers customers;
    private final Orders orders;
    private final PersonalData vault;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    ImportJob(ImportRunStore runs, ImportFileStore files, Shops shops, Customers customers, Orders orders,
              PersonalData vault, JdbcTemplate jdbc, DataSource dataSource, TransactionTemplate tx, JsonMapper json) {
        this.runs = runs;
        this.files = files;
        this.shops = shops;
        this.customers = customers;
        this.orders = orders;
        this.vault = vault;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = tx;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    record Payload(UUID importId) {
    }

    @Override
    public void run(JobContext context) throws Exception {
        runImport(json.readValue(context.payload(), Payload.class).importId(), context);
    }

    /** Runs the import {@code importId} within the given job (also used by the demo loader). */
    void runImport(UUID importId, JobContext context) throws Exception {
        ImportRunStore.Run run = runs.find(importId).orElseThrow(() -> new IllegalStateException("import " + importId + " is gone"));
        runs.start(importId);
        Path file = files.copyToTempFile(run.fileOid(), ".import");
        try {
            ImportRunStore.Counters counters = execute(run, file, context);
            runs.counters(importId, counters);
            runs.finish(importId, ImportRunStore.Status.SUCCEEDED, null);
            log.info("Import {} done: {}", importId, counters);
        } catch (io.liuliang.job.JobCancelledException e) {
            runs.finish(importId, ImportRunStore.Status.CANCELLED, null);
            throw e;
        } catch (ImportFileException e) {
            runs.finish(importId, ImportRunStore.Status.FAILED, e.getMessage());
            throw e;
        } catch (Exception e) {
            runs.finish(importId, ImportRunStore.Status.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        } finally {
            jdbc.update("DELETE FROM import_line WHERE import_id = ?", importId);
            Files.deleteIfExists(file);
        }
    }

    private ImportRunStore.Counters execute(ImportRunStore.Run run, Path file, JobContext context) throws IOException, SQLException {
        Shop shop = shops.find(new ShopId(run.shopId())).orElseThrow(() -> new IllegalStateException("the import's shop is gone"));
        Map<String, UUID> shopsByName = new HashMap<>();
        shops.all().forEach(s -> shopsByName.put(s.name().toLowerCase(Locale.ROOT), s.id().value()));
        ImportProfile profile = ImportProfile.byId(run.profile())
                .orElseThrow(() -> new IllegalStateException("unknown profile " + run.profile()));

        // pass 1: read, validate, stage
        long started = System.nanoTime();
        long read = 0;
        long rejected = 0;
        try (RowReader reader = RowReader.open(file)) {
            ColumnMapping mapping = ImportMappings.resolve(profile, reader.header(), run.mapping(), json);
            ImportLineParser parser = new ImportLineParser(profile, mapping, shop.timezone(), run.shopId(),
                    shop.currency().getCurrencyCode(), shopsByName, vault);
            List<StagedLine> staged = new ArrayList<>(COPY_BATCH);
            List<Object[]> rejects = new ArrayList<>();
            for (ImportRow row : reader) {
                read++;
                ImportLineParser.Outcome outcome = parser.parse(row);
                if (outcome instanceof ImportLineParser.Parsed p) {
                    staged.add(p.line());
                    if (staged.size() == COPY_BATCH) {
                        copy(run.id(), staged);
                        staged.clear();
                    }
                } else if (outcome instanceof ImportLineParser.Refused r) {
                    rejected++;
                    rejects.add(new Object[] {run.id(), row.lineNumber(), r.column(), r.reason(), raw(row)});
                    if (rejects.size() == REJECT_BATCH) {
                        insertRejects(rejects);
                        rejects.clear();
                    }
                }
                if (read % COPY_BATCH == 0) {
                    context.checkCancelled();
                    context.progress(read, null);
                }
            }
            copy(run.id(), staged);
            insertRejects(rejects);
        }
        long accepted = read - rejected;
        long total = read + accepted;
        final long readLines = read;
        runs.counters(run.id(), new ImportRunStore.Counters(read, accepted, rejected, 0, 0, 0, 0, 0, 0));
        log.info("Import {}: {} lines read, {} rejected, staged in {} ms", run.id(), read, rejected, elapsed(started));
        long resolveStart = System.nanoTime();
        context.progress(read, total);

        // pass 2: One-ID for every buyer record at once
        List<String> recordKeys = new ArrayList<>();
        List<IdentifyRequest> requests = new ArrayList<>();
        stream("SELECT DISTINCT ON (record_key) record_key, payload, min(ordered_at) OVER (PARTITION BY record_key) "
                + "FROM import_line WHERE import_id = ? AND record_key IS NOT NULL "
                + "ORDER BY record_key, ordered_at DESC, line_no DESC", run.id(), rs -> {
            StagedLine line = json.readValue(rs.getBytes(2), StagedLine.class);
            Instant first = rs.getTimestamp(3).toInstant();
            IdentifyRequest latest = request(line, profile, "import:" + run.id());
            recordKeys.add(rs.getString(1));
            requests.add(latest);
            if (first.isBefore(line.orderedAt())) {
                // the buyer's first line: when the customer was first seen
                recordKeys.add(rs.getString(1));
                requests.add(new IdentifyRequest(latest.identities(), CustomerTraits.none(), first, latest.source()));
            }
        });
        BulkResolution resolution = customers.identifyAll(requests);
        log.info("Import {}: {} buyer records resolved in {} ms ({} customers created, {} merged)", run.id(),
                requests.size(), elapsed(resolveStart), resolution.customersCreated(), resolution.customersMerged());
        long ordersStart = System.nanoTime();
        Map<String, Resolution> byRecord = new HashMap<>(recordKeys.size() * 2);
        for (int i = 0; i < recordKeys.size(); i++) {
            byRecord.put(recordKeys.get(i), resolution.resolutions().get(i));
        }
        context.checkCancelled();

        // pass 3: orders
        OrderTally tally = new OrderTally();
        List<StagedLine> current = new ArrayList<>();
        List<List<StagedLine>> batch = new ArrayList<>();
        long[] processed = {0};
        stream("SELECT payload FROM import_line WHERE import_id = ? ORDER BY order_key, line_no", run.id(), rs -> {
            StagedLine line = json.readValue(rs.getBytes(1), StagedLine.class);
            if (!current.isEmpty() && !orderKey(current.get(0)).equals(orderKey(line))) {
                batch.add(new ArrayList<>(current));
                current.clear();
                if (batch.size() == ORDER_BATCH) {
                    processed[0] += upsert(batch, byRecord, run, tally);
                    batch.clear();
                    context.checkCancelled();
                    context.progress(readLines + processed[0], total);
                }
            }
            current.add(line);
        });
        if (!current.isEmpty()) {
            batch.add(new ArrayList<>(current));
        }
        processed[0] += upsert(batch, byRecord, run, tally);
        context.progress(total, total);
        log.info("Import {}: orders written in {} ms", run.id(), elapsed(ordersStart));
        return new ImportRunStore.Counters(read, accepted, rejected, resolution.customersCreated(),
                resolution.customersMerged(), tally.created, tally.updated, tally.unchanged, tally.refunds);
    }

    /** Reads rows of one import with a server-side cursor on a connection of its own (writes commit meanwhile). */
    private void stream(String sql, UUID importId, RowHandler handler) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var ps = connection.prepareStatement(sql)) {
                ps.setObject(1, importId);
                ps.setFetchSize(FETCH);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(java.sql.ResultSet rs) throws SQLException;
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static final class OrderTally {
        long created;
        long updated;
        long unchanged;
        long refunds;
    }

    private long upsert(List<List<StagedLine>> batch, Map<String, Resolution> byRecord, ImportRunStore.Run run,
                        OrderTally tally) {
        long lines = 0;
        for (List<StagedLine> order : batch) {
            lines += order.size();
        }
        tx.executeWithoutResult(status -> {
            for (List<StagedLine> order : batch) {
                UpsertResult result = orders.upsert(assemble(order, byRecord, run));
                switch (result.outcome()) {
                    case CREATED -> tally.created++;
                    case UPDATED -> tally.updated++;
                    case UNCHANGED -> tally.unchanged++;
                }
                tally.refunds += result.refundsCreated();
            }
        });
        return lines;
    }

    /** One order from its lines: order-level values from the first line that has them (Shopify fills only one). */
    private OrderUpsert assemble(List<StagedLine> lines, Map<String, Resolution> byRecord, ImportRunStore.Run run) {
        StagedLine head = lines.get(0);
        Resolution buyer = null;
        for (StagedLine l : lines) {
            if (l.recordKey() != null) {
                buyer = byRecord.get(l.recordKey());
                break;
            }
        }
        String status = first(lines, StagedLine::status);
        Instant paidAt = first(lines, StagedLine::paidAt);
        BigDecimal paid = first(lines, StagedLine::paidAmount);
        BigDecimal total = first(lines, StagedLine::totalAmount);
        BigDecimal discount = first(lines, StagedLine::discount);
        BigDecimal shipping = first(lines, StagedLine::shipping);
        BigDecimal refund = first(lines, StagedLine::refundAmount);
        OrderStatus orderStatus = OrderStatus.ofCode(status);
        if (paid == null && total != null && orderStatus != OrderStatus.CREATED && orderStatus != OrderStatus.CANCELLED) {
            paid = total;
        }
        List<OrderUpsert.Line> items = new ArrayList<>();
        for (StagedLine l : lines) {
            if (l.hasItem()) {
                items.add(new OrderUpsert.Line(l.sku(), l.productId(), l.productName(), l.category(),
                        l.quantity() == null ? 1 : l.quantity(), l.unitPrice(), null));
            }
        }
        List<OrderUpsert.Refund> refunds = refund != null && refund.signum() > 0
                ? List.of(new OrderUpsert.Refund("import", refund, null, head.orderedAt())) : List.of();
        String name = first(lines, StagedLine::nameEnc);
        String phone = first(lines, StagedLine::phoneEnc);
        String address = first(lines, StagedLine::addressEnc);
        OrderUpsert.EncryptedReceiver receiver = name == null && phone == null && address == null
                && first(lines, StagedLine::province) == null ? null
                : new OrderUpsert.EncryptedReceiver(bytes(name), bytes(phone), bytes(address),
                        masked(name, phone, address), first(lines, StagedLine::province), first(lines, StagedLine::city));
        return new OrderUpsert(new ShopId(head.shopId()), head.orderId(),
                buyer == null || !buyer.resolved() ? null : buyer.customerId(),
                buyer == null || !buyer.resolved() ? null : buyer.origin(), orderStatus, head.currency(), discount,
                shipping, paid, head.orderedAt(), paidAt, null, null, null,
                orderStatus == OrderStatus.CANCELLED ? head.orderedAt() : null, first(lines, StagedLine::buyerRemark),
                receiver, items, refunds, "import:" + run.id());
    }

    private String masked(String nameEnc, String phoneEnc, String addressEnc) {
        List<String> parts = new ArrayList<>();
        if (nameEnc != null) {
            parts.add(vault.mask(PiiKind.NAME, vault.decrypt(PiiKind.NAME, bytes(nameEnc))));
        }
        if (phoneEnc != null) {
            parts.add(vault.mask(PiiKind.PHONE, vault.decrypt(PiiKind.PHONE, bytes(phoneEnc))));
        }
        if (addressEnc != null) {
            parts.add(vault.mask(PiiKind.ADDRESS, vault.decrypt(PiiKind.ADDRESS, bytes(addressEnc))));
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private IdentifyRequest request(StagedLine line, ImportProfile profile, String source) {
        List<IdentityInput> identities = new ArrayList<>(3);
        if (line.buyerId() != null) {
            identities.add(new IdentityInput("platform_buyer_id", line.buyerId(), line.shopId()));
        }
        if (line.phoneEnc() != null) {
            identities.add(new IdentityInput("phone", vault.decrypt(PiiKind.PHONE, bytes(line.phoneEnc())), null));
        }
        if (line.emailEnc() != null) {
            identities.add(new IdentityInput("email", vault.decrypt(PiiKind.EMAIL, bytes(line.emailEnc())), null));
        }
        CustomerTraits traits = new CustomerTraits(null, null, null, line.province(), line.city(), null);
        return new IdentifyRequest(identities, traits, line.orderedAt(), source);
    }

    private static <T> T first(List<StagedLine> lines, java.util.function.Function<StagedLine, T> getter) {
        for (StagedLine l : lines) {
            T v = getter.apply(l);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static byte[] bytes(String base64) {
        return base64 == null ? null : Base64.getDecoder().decode(base64);
    }

    private static String orderKey(StagedLine line) {
        return line.shopId() + "|" + line.orderId();
    }

    private void copy(UUID importId, List<StagedLine> lines) throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder data = new StringBuilder(lines.size() * 400);
        for (StagedLine line : lines) {
            String recordKey = line.recordKey();
            data.append(importId).append('\t').append(line.lineNo()).append('\t').append(escape(orderKey(line)))
                    .append('\t').append(recordKey == null ? "\\N" : escape(recordKey)).append('\t')
                    .append(line.orderedAt()).append('\t').append("\\\\x")
                    .append(HexFormat.of().formatHex(json.writeValueAsBytes(line))).append('\n');
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY import_line (import_id, line_no, order_key, record_key, ordered_at, payload) FROM STDIN");
            byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** COPY text format: backslash, tab and newlines escaped. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private void insertRejects(List<Object[]> rejects) {
        if (!rejects.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO import_reject (import_id, line_no, column_name, reason, raw_line) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (import_id, line_no) DO NOTHING", rejects);
        }
    }

    private static final int RAW_MAX = 2_000;

    /** The rejected line as the merchant uploaded it (CSV-quoted), cut to a sane length. */
    private static String raw(ImportRow row) {
        StringWriter out = new StringWriter();
        for (int i = 0; i < row.size(); i++) {
            String f = row.field(i) == null ? "" : row.field(i);
            if (i > 0) {
                out.append(',');
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        String s = out.toString();
        return s.length() > RAW_MAX ? s.substring(0, RAW_MAX) : s;
    }
}
