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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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
import io.liuliang.order.BulkUpsertResult;
import io.liuliang.shared.CopyBuffer;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.ShopId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs an import in three passes over the uploaded file:
 * <ol>
 * <li>read, map and validate every line; refused lines go to the rejects with their column and reason, good ones are
 * staged (personal data encrypted) with {@code COPY};</li>
 * <li>resolve the buyers of all lines at once with One-ID ({@link Customers#identifyAll});</li>
 * <li>assemble each order from its lines and upsert them in batches, set-based ({@link Orders#upsertAll}; identical
 * orders are recognised and left alone), assembling the next batch while the previous two are written; the customers
 * whose orders changed are announced once, at the end, not once per batch.</li>
 * </ol>
 * Re-running the job (after a crash) starts over from the file; every write is idempotent.
 */
@Component
class ImportJob implements JobHandler {

    static final String TYPE = "ingest.import";
    private static final Logger log = LoggerFactory.getLogger(ImportJob.class);
    private static final int COPY_BATCH = 5_000;
    /** About the size of a staged row, for buffers. */
    private static final int STAGED_ROW_BYTES = 320;
    private static final int REJECT_BATCH = 1_000;
    private static final int ORDER_BATCH = 5_000;
    /**
     * Batches written at the same time, each on a connection of its own: storing items is the database's work, and
     * one backend uses one core. The batches hold different orders (the lines come sorted by order), so they never
     * touch the same rows.
     */
    private static final int WRITERS = 2;
    private static final int LINE_BATCH = 50_000;
    private static final int FETCH = 5_000;
    /** Decimals of a derived unit price (order_item.unit_price is numeric(18, 4)). */
    private static final int UNIT_PRICE_SCALE = 4;
    /**
     * Memory for sorting the staged lines when they are read back (by order, by buyer record): the lines of a
     * several-hundred-thousand-line file sort in memory; larger files spill to disk, still bounded.
     */
    private static final String SORT_MEMORY = "256MB";
    /** The temporary table of an import's staged lines, on the connection that runs it. */
    private static final String STAGED = "import_staged";

    private final ImportRunStore runs;
    private final ImportFileStore files;
    private final Shops shops;
    private final Customers customers;
    private final Orders orders;
    private final PersonalData vault;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final ImportPrivacy privacy;

    ImportJob(ImportRunStore runs, ImportFileStore files, Shops shops, Customers customers, Orders orders,
              PersonalData vault, JdbcTemplate jdbc, DataSource dataSource, JsonMapper json, ImportPrivacy privacy) {
        this.privacy = privacy;
        this.runs = runs;
        this.files = files;
        this.shops = shops;
        this.customers = customers;
        this.orders = orders;
        this.vault = vault;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
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
        } catch (io.liuliang.job.JobLostException e) {
            // another attempt runs this import now: the run's status is its to record
            throw e;
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
            Files.deleteIfExists(file);
        }
    }

    /**
     * Runs the passes with the staged lines in a temporary table of a connection held for the whole import: it needs
     * no WAL, no shared buffers, no index and no delete afterwards (dropped at the end, and by the database with the
     * session if the application dies), and it is invisible to every other import.
     */
    private ImportRunStore.Counters execute(ImportRunStore.Run run, Path file, JobContext context) throws Exception {
        try (Connection staged = dataSource.getConnection()) {
            try (var statement = staged.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS pg_temp." + STAGED);
                statement.execute("CREATE TEMP TABLE " + STAGED + " (line_no bigint NOT NULL, order_key text NOT NULL, "
                        + "record_key text, ordered_us bigint NOT NULL, payload text NOT NULL)");
            }
            try {
                return execute(run, file, context, staged);
            } finally {
                try (var statement = staged.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS pg_temp." + STAGED);
                } catch (SQLException e) {
                    log.warn("Import {}: could not drop its staged lines ({}); they go with the session", run.id(), e.getMessage());
                }
            }
        }
    }

    private ImportRunStore.Counters execute(ImportRunStore.Run run, Path file, JobContext context, Connection staged)
            throws Exception {
        Shop shop = shops.find(new ShopId(run.shopId())).orElseThrow(() -> new IllegalStateException("the import's shop is gone"));
        Map<String, UUID> shopsByName = new HashMap<>();
        shops.all().forEach(s -> shopsByName.put(s.name().toLowerCase(Locale.ROOT), s.id().value()));
        ImportProfile profile = ImportProfile.byId(run.profile())
                .orElseThrow(() -> new IllegalStateException("unknown profile " + run.profile()));

        // pass 1: read, validate, stage
        long started = System.nanoTime();
        long read = 0;
        long rejected = 0;
        try (RowReader reader = RowReader.open(file); StagingCopy staging = new StagingCopy(staged)) {
            ColumnMapping mapping = ImportMappings.resolve(profile, reader.header(), run.mapping(), json);
            ImportLineParser parser = new ImportLineParser(profile, mapping, shop.timezone(), run.shopId(),
                    shop.currency().getCurrencyCode(), shopsByName, vault);
            List<Object[]> rejects = new ArrayList<>();
            Map<Integer, PiiKind> personal = privacy.personalColumns(reader.header(), mapping);
            for (ImportRow row : reader) {
                read++;
                ImportLineParser.Outcome outcome = parser.parse(row);
                if (outcome instanceof ImportLineParser.Parsed p) {
                    staging.add(p.line());
                } else if (outcome instanceof ImportLineParser.Refused r) {
                    rejected++;
                    rejects.add(new Object[] {run.id(), row.lineNumber(), r.column(), r.reason(),
                            raw(privacy.mask(row.fields(), personal))});
                    if (rejects.size() == REJECT_BATCH) {
                        insertRejects(rejects);
                        rejects.clear();
                    }
                }
                if (read % COPY_BATCH == 0) {
                    context.checkCancelled();
                    context.progress(read, estimatedTotal(read, reader));
                }
            }
            staging.finish();
            insertRejects(rejects);
        }
        // the staged lines are new to the planner (temporary tables are never analysed automatically): without
        // statistics it may plan the passes' sorts and joins for an empty table
        try (var statement = staged.createStatement()) {
            statement.execute("ANALYZE " + STAGED);
        }
        long accepted = read - rejected;
        long total = read + accepted;
        final long readLines = read;
        long stageMillis = elapsed(started);
        runs.counters(run.id(), new ImportRunStore.Counters(read, accepted, rejected, 0, 0, 0, 0, 0, 0,
                stageMillis, null, null));
        log.info("Import {}: {} lines read, {} rejected, staged in {} ms", run.id(), read, rejected, stageMillis);
        long resolveStart = System.nanoTime();
        context.progress(read, total);

        // pass 2: One-ID for every buyer record at once (its latest line, and its first when that is older)
        List<String> recordKeys = new ArrayList<>();
        List<IdentifyRequest> requests = new ArrayList<>();
        // each record's latest line (the greatest order time, then line number) and first order time, in one hashed
        // pass over the staged lines instead of a sort of them; the records come ordered by key (compared byte by
        // byte, COLLATE "C") for a repeatable resolution
        stream(staged, "SELECT k.record_key, l.payload, k.first_us FROM (SELECT record_key, "
                + "(max(ARRAY[ordered_us, line_no]))[2] AS line_no, min(ordered_us) AS first_us FROM " + STAGED
                + " WHERE record_key IS NOT NULL GROUP BY record_key) k "
                + "JOIN " + STAGED + " l ON l.line_no = k.line_no ORDER BY k.record_key COLLATE \"C\"", rs -> {
            StagedLine line = StagedLineCodec.decode(rs.getString(2));
            Instant first = fromMicros(rs.getLong(3));
            IdentifyRequest latest = request(line, profile, "import:" + run.id());
            recordKeys.add(rs.getString(1));
            requests.add(latest);
            if (micros(first) < micros(line.orderedAt())) {
                // the buyer's first line: when the customer was first seen
                recordKeys.add(rs.getString(1));
                requests.add(new IdentifyRequest(latest.identities(), CustomerTraits.none(), first, latest.source()));
            }
        });
        BulkResolution resolution = customers.identifyAll(requests);
        long resolveMillis = elapsed(resolveStart);
        log.info("Import {}: {} buyer records resolved in {} ms ({} customers created, {} merged)", run.id(),
                requests.size(), resolveMillis, resolution.customersCreated(), resolution.customersMerged());
        long ordersStart = System.nanoTime();
        Map<String, Resolution> byRecord = new HashMap<>(recordKeys.size() * 2);
        for (int i = 0; i < recordKeys.size(); i++) {
            byRecord.put(recordKeys.get(i), resolution.resolutions().get(i));
        }
        recordKeys.clear();
        requests.clear();
        context.checkCancelled();

        // pass 3: orders, assembled here while the previous batches are written set-based by the order module, two at
        // a time
        OrderTally tally = new OrderTally();
        List<StagedLine> current = new ArrayList<>();
        List<OrderUpsert> batch = new ArrayList<>(ORDER_BATCH);
        long[] batchLines = {0};
        ExecutorService writer = Executors.newFixedThreadPool(WRITERS, r -> new Thread(r, "import-writer"));
        java.util.ArrayDeque<Future<?>> pending = new java.util.ArrayDeque<>(WRITERS);
        try {
            stream(staged, "SELECT payload FROM " + STAGED + " ORDER BY order_key COLLATE \"C\", line_no", rs -> {
                StagedLine line = StagedLineCodec.decode(rs.getString(1));
                if (!current.isEmpty() && !sameOrder(current.get(0), line)) {
                    batch.add(assemble(current, byRecord, run));
                    batchLines[0] += current.size();
                    current.clear();
                    if (batch.size() == ORDER_BATCH || batchLines[0] >= LINE_BATCH) {
                        if (pending.size() == WRITERS) {
                            await(pending.poll());
                        }
                        context.checkCancelled();
                        context.progress(readLines + tally.lines(), total);
                        pending.add(submit(writer, new ArrayList<>(batch), batchLines[0], tally));
                        batch.clear();
                        batchLines[0] = 0;
                    }
                }
                current.add(line);
            });
            if (!current.isEmpty()) {
                batch.add(assemble(current, byRecord, run));
                batchLines[0] += current.size();
            }
            pending.add(submit(writer, batch, batchLines[0], tally));
            while (!pending.isEmpty()) {
                await(pending.poll());
            }
        } finally {
            writer.shutdownNow();
        }
        // the batches touched the same buyers again and again: the other modules (metrics, segments) hear of each
        // changed customer once, now. A restarted attempt may have written orders before it was lost and then find
        // them unchanged, so it announces every buyer of the file.
        if (context.attempt() > 1) {
            byRecord.values().stream().filter(Resolution::resolved).map(Resolution::customerId).forEach(tally.changed::add);
        }
        orders.announceChanged(tally.changed);
        context.progress(total, total);
        long storeMillis = elapsed(ordersStart);
        log.info("Import {}: orders written in {} ms", run.id(), storeMillis);
        return new ImportRunStore.Counters(read, accepted, rejected, resolution.customersCreated(),
                resolution.customersMerged(), tally.created, tally.updated, tally.unchanged, tally.refunds,
                stageMillis, resolveMillis, storeMillis);
    }

    /**
     * The job's total while the file is still being read: its lines so far extrapolated from how much of the file
     * they took, twice (every line is read, then stored); null when the reader cannot tell (xlsx).
     */
    private static Long estimatedTotal(long read, RowReader reader) {
        java.util.OptionalDouble fraction = reader.progress();
        if (fraction.isEmpty() || fraction.getAsDouble() <= 0) {
            return null;
        }
        long lines = Math.max(read, Math.round(read / Math.min(1.0, fraction.getAsDouble())));
        return 2 * lines;
    }

    private Future<?> submit(ExecutorService writer, List<OrderUpsert> batch, long lines, OrderTally tally) {
        return writer.submit(() -> {
            if (!batch.isEmpty()) {
                tally.add(orders.upsertAll(batch, Orders.Announcement.BY_CALLER), lines);
            } else {
                tally.add(null, lines);
            }
            return null;
        });
    }

    private static void await(Future<?> future) throws SQLException {
        if (future == null) {
            return;
        }
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing orders", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static boolean sameOrder(StagedLine a, StagedLine b) {
        return a.shopId().equals(b.shopId()) && a.orderId().equals(b.orderId());
    }

    /**
     * Reads staged rows with a server-side cursor on the connection that holds them (the writers commit meanwhile on
     * connections of their own).
     */
    private static void stream(Connection connection, String sql, RowHandler handler) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (var memory = connection.createStatement()) {
                memory.execute("SET LOCAL work_mem = '" + SORT_MEMORY + "'");
            }
            try (var ps = connection.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.handle(rs);
                    }
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void handle(java.sql.ResultSet rs) throws SQLException;
    }

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final long NANOS_PER_MICRO = 1_000;

    /** An order time as staged: microseconds since the epoch, the precision of {@code timestamptz}. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), MICROS_PER_SECOND), t.getNano() / NANOS_PER_MICRO);
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** What the writers stored, added up as their batches finish (from several threads). */
    private static final class OrderTally {
        long created;
        long updated;
        long unchanged;
        long refunds;
        private long lines;
        final java.util.Set<CustomerId> changed = new java.util.HashSet<>();

        synchronized void add(BulkUpsertResult result, long batchLines) {
            if (result != null) {
                changed.addAll(result.changedCustomers());
                created += result.created();
                updated += result.updated();
                unchanged += result.unchanged();
                refunds += result.refundsCreated();
            }
            lines += batchLines;
        }

        synchronized long lines() {
            return lines;
        }
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
        BigDecimal unpricedUnit = unpricedUnitPrice(lines, total != null ? total : paid, discount, shipping);
        List<OrderUpsert.Line> items = new ArrayList<>();
        for (StagedLine l : lines) {
            if (l.hasItem()) {
                items.add(new OrderUpsert.Line(l.sku(), l.productId(), l.productName(), l.category(),
                        l.quantity() == null ? 1 : l.quantity(), l.unitPrice() != null ? l.unitPrice() : unpricedUnit,
                        null));
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
                        masked(name == null ? null : first(lines, StagedLine::nameMasked),
                                phone == null ? null : first(lines, StagedLine::phoneMasked),
                                address == null ? null : first(lines, StagedLine::addressMasked)),
                        first(lines, StagedLine::province), first(lines, StagedLine::city));
        return new OrderUpsert(new ShopId(head.shopId()), head.orderId(),
                buyer == null || !buyer.resolved() ? null : buyer.customerId(),
                buyer == null || !buyer.resolved() ? null : buyer.origin(), orderStatus, head.currency(), discount,
                shipping, paid, head.orderedAt(), paidAt, null, null, null,
                orderStatus == OrderStatus.CANCELLED ? head.orderedAt() : null, first(lines, StagedLine::buyerRemark),
                receiver, items, refunds, "import:" + run.id());
    }

    /**
     * The unit price of an order's items that came without one (an order-level export): the goods amount (the order
     * total less shipping, plus the discount) less the priced items, shared by quantity; {@code null} when every item
     * has its price.
     */
    static BigDecimal unpricedUnitPrice(List<StagedLine> lines, BigDecimal total, BigDecimal discount, BigDecimal shipping) {
        BigDecimal priced = BigDecimal.ZERO;
        long unpricedUnits = 0;
        for (StagedLine l : lines) {
            if (!l.hasItem()) {
                continue;
            }
            int quantity = l.quantity() == null ? 1 : l.quantity();
            if (l.unitPrice() == null) {
                unpricedUnits += quantity;
            } else {
                priced = priced.add(l.unitPrice().multiply(BigDecimal.valueOf(quantity)));
            }
        }
        if (unpricedUnits == 0) {
            return null;
        }
        BigDecimal goods = (total == null ? BigDecimal.ZERO : total)
                .subtract(shipping == null ? BigDecimal.ZERO : shipping)
                .add(discount == null ? BigDecimal.ZERO : discount)
                .subtract(priced);
        return goods.signum() <= 0 ? BigDecimal.ZERO
                : goods.divide(BigDecimal.valueOf(unpricedUnits), UNIT_PRICE_SCALE, java.math.RoundingMode.HALF_UP);
    }

    /** The receiver's masked name, phone and address, as one line for display. */
    private static String masked(String name, String phone, String address) {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] {name, phone, address}) {
            if (part != null) {
                sb.append(sb.length() == 0 ? "" : " ").append(part);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
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

    /**
     * Stages the accepted lines with one {@code COPY} for the whole file into the import's temporary table, sent in
     * chunks: the database stores a chunk while the next lines are parsed. Rows are written straight to UTF-8 bytes in
     * a buffer reused for every chunk.
     */
    private final class StagingCopy implements AutoCloseable {
        private final CopyIn copy;
        private final CopyBuffer data = new CopyBuffer(COPY_BATCH * STAGED_ROW_BYTES);
        private final StringBuilder scratch = new StringBuilder(STAGED_ROW_BYTES);
        private UUID lastShop;
        private String lastShopText;
        private int buffered;
        private boolean finished;

        StagingCopy(Connection connection) throws SQLException {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + STAGED + " (line_no, order_key, record_key, ordered_us, payload) FROM STDIN");
        }

        void add(StagedLine line) throws SQLException {
            data.number(line.lineNo()).tab();
            scratch.setLength(0);
            data.text(StagedLine.orderKey(scratch, line.orderId(), shop(line.shopId()))).tab();
            scratch.setLength(0);
            if (line.recordKey(scratch, shop(line.shopId()))) {
                data.text(scratch);
            } else {
                data.nul();
            }
            data.tab().number(micros(line.orderedAt())).tab();
            scratch.setLength(0);
            StagedLineCodec.encode(line, scratch);
            data.text(scratch).endRow();
            if (++buffered == COPY_BATCH) {
                flush();
            }
        }

        /** The lines of a file are nearly always of one shop: its id is written out once. */
        private String shop(UUID shop) {
            if (!shop.equals(lastShop)) {
                lastShop = shop;
                lastShopText = shop.toString();
            }
            return lastShopText;
        }

        private void flush() throws SQLException {
            data.writeTo(copy);
            buffered = 0;
        }

        void finish() throws SQLException {
            flush();
            copy.endCopy();
            finished = true;
        }

        @Override
        public void close() throws SQLException {
            if (!finished && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void insertRejects(List<Object[]> rejects) {
        if (!rejects.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO import_reject (import_id, line_no, column_name, reason, raw_line) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (import_id, line_no) DO NOTHING", rejects);
        }
    }

    private static final int RAW_MAX = 2_000;

    /** The rejected line as the merchant uploaded it (CSV-quoted, personal data masked), cut to a sane length. */
    private static String raw(List<String> cells) {
        StringWriter out = new StringWriter();
        for (int i = 0; i < cells.size(); i++) {
            String f = cells.get(i) == null ? "" : cells.get(i);
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
