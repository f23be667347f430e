package io.liuliang.segment;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.liuliang.support.ApiClient;
import io.liuliang.support.ImportRuns;
import io.liuliang.support.Datasets;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The must-hold: on Online Retail as of 2011-12-10, every customer's recency, frequency and monetary from
 * {@code GET /api/v1/rfm} equal an independent computation over the published file with the definitions: recency =
 * whole days from the last non-cancelled invoice to the as-of day, frequency = distinct non-cancelled invoices,
 * monetary = Σ Quantity × UnitPrice with cancellations ({@code C…} invoices) subtracted.
 */
class OnlineRetailRfmIntegrationTests extends IntegrationTest {

    private static final LocalDate AS_OF = LocalDate.of(2011, 12, 10);
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(20);

    private record Expected(Integer recency, int frequency, BigDecimal monetary) {
    }

    @Test
    void rfmOfEveryOnlineRetailCustomerEqualsAnIndependentComputation() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String shop = operator.post("/api/v1/shops", Map.of("platform", "other", "name", uniqueName("UK gifts RFM"),
                "timezone", "Europe/London", "currency", "GBP")).json().path("id").asString();
        ApiClient.Response upload = operator.postMultipart("/api/v1/imports", Map.of("shopId", shop, "profile", "online_retail"),
                "online_retail.csv.gz", Files.readAllBytes(Datasets.onlineRetail()));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        JsonNode run = ImportRuns.await(operator, upload.json().path("id").asString(), IMPORT_TIMEOUT);
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");

        Map<String, UUID> customerOf = new HashMap<>();
        jdbc.sql("SELECT value_plain, customer_id FROM customer_identity WHERE type = 'platform_buyer_id' AND scope_id = ?::uuid")
                .param(shop).query(rs -> {
                    customerOf.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        Map<String, Expected> expected = independently();
        assertThat(expected).hasSize(4_372);
        assertThat(customerOf).hasSize(4_372);

        Map<UUID, JsonNode> actual = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = operator.get("/api/v1/rfm?asOf=" + AS_OF + "&shopId=" + shop + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(item -> actual.put(UUID.fromString(item.path("customerId").asString()), item));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(actual).hasSize(4_372);

        int compared = 0;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            JsonNode row = actual.get(customerOf.get(e.getKey()));
            assertThat(row).as("customer %s", e.getKey()).isNotNull();
            Expected want = e.getValue();
            String who = "customer " + e.getKey() + ": " + row;
            if (want.recency() == null) {
                assertThat(row.path("recencyDays").isNull()).as(who).isTrue();
                assertThat(row.path("r").isNull()).as(who).isTrue();
            } else {
                assertThat(row.path("recencyDays").asInt()).as(who).isEqualTo(want.recency());
                assertThat(row.path("r").asInt()).as(who).isBetween(1, 5);
                assertThat(row.path("segment").asString()).as(who).isNotBlank();
            }
            assertThat(row.path("frequency").asInt()).as(who).isEqualTo(want.frequency());
            assertThat(row.path("monetary").decimalValue()).as(who).isEqualByComparingTo(want.monetary());
            compared++;
        }
        assertThat(compared).isEqualTo(4_372);

        // the same as CSV: a header and one line per customer
        ApiClient.Response csv = operator.get("/api/v1/rfm?asOf=" + AS_OF + "&shopId=" + shop + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFFcustomer_id,display_name,recency_days,frequency,monetary,r,f,m,segment,quadrant");
        assertThat(csv.body().lines().count()).isEqualTo(1 + 4_372);
    }

    private static Map<String, Expected> independently() throws Exception {
        Map<String, Set<String>> invoices = new HashMap<>();
        Map<String, LocalDate> last = new HashMap<>();
        Map<String, BigDecimal> money = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Datasets.onlineRetail())), StandardCharsets.UTF_8));
             CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(in)) {
            boolean header = true;
            for (CsvRecord r : csv) {
                if (header) {
                    header = false;
                    continue;
                }
                String customer = r.getField(6).strip();
                if (customer.isEmpty()) {
                    continue;
                }
                String invoice = r.getField(0).strip();
                BigDecimal amount = new BigDecimal(r.getField(3).strip()).multiply(new BigDecimal(r.getField(5).strip()));
                money.merge(customer, amount, BigDecimal::add);
                invoices.computeIfAbsent(customer, k -> new HashSet<>());
                if (!invoice.startsWith("C")) {
                    invoices.get(customer).add(invoice);
                    LocalDate day = LocalDate.parse(r.getField(4).strip().substring(0, 10));
                    last.merge(customer, day, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        Map<String, Expected> result = new HashMap<>();
        for (String customer : money.keySet()) {
            LocalDate l = last.get(customer);
            result.put(customer, new Expected(l == null ? null : (int) ChronoUnit.DAYS.between(l, AS_OF),
                    invoices.get(customer).size(), money.get(customer).setScale(2, RoundingMode.HALF_UP)));
        }
        return result;
    }
}
