package io.liuliang.ingest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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

/** The UCI Online Retail dataset, imported as it is published, checked against its published figures. */
class OnlineRetailImportIntegrationTests extends IntegrationTest {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(20);

    @Test
    void theOnlineRetailDatasetImportsCompletelyAndASecondImportChangesNothing() throws Exception {
        byte[] file = Files.readAllBytes(Datasets.onlineRetail());
        ApiClient operator = signedIn("OPERATOR");
        String shop = operator.post("/api/v1/shops", Map.of("platform", "other", "name", uniqueName("UK online retailer"),
                "timezone", "Europe/London", "currency", "GBP")).json().path("id").asString();

        JsonNode first = importAndWait(operator, shop, file);
        assertThat(first.path("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.path("profile").asString()).isEqualTo("online_retail");
        long read = first.path("linesRead").asLong();
        assertThat(read).isEqualTo(541_909);
        assertThat(first.path("linesAccepted").asLong() + first.path("linesRejected").asLong()).isEqualTo(read);
        assertThat(first.path("customersCreated").asLong()).isEqualTo(4_372);
        assertThat(first.path("ordersCreated").asLong()).isEqualTo(25_900);
        // every rejection has its reason
        assertThat(jdbc.sql("SELECT count(*) FROM import_reject WHERE import_id = ?::uuid AND (reason IS NULL OR reason = '')")
                .param(first.path("id").asString()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM import_reject WHERE import_id = ?::uuid").param(first.path("id").asString())
                .query(Long.class).single()).isEqualTo(first.path("linesRejected").asLong());

        assertThat(count("SELECT count(*) FROM sales_order WHERE shop_id = ?::uuid", shop)).isEqualTo(25_900);
        assertThat(count("SELECT count(*) FROM sales_order WHERE shop_id = ?::uuid AND external_id LIKE 'C%'", shop))
                .isEqualTo(3_836);
        assertThat(count("SELECT count(DISTINCT customer_id) FROM sales_order WHERE shop_id = ?::uuid", shop)).isEqualTo(4_372);
        assertThat(count("SELECT count(*) FROM order_item i JOIN sales_order o ON o.id = i.order_id "
                + "WHERE o.shop_id = ?::uuid AND o.customer_id IS NULL", shop)).isEqualTo(135_080);
        assertThat(count("SELECT count(*) FROM order_item i JOIN sales_order o ON o.id = i.order_id WHERE o.shop_id = ?::uuid",
                shop)).isEqualTo(first.path("linesAccepted").asLong());

        BigDecimal revenue = jdbc.sql("SELECT sum(i.amount) FROM order_item i JOIN sales_order o ON o.id = i.order_id "
                + "WHERE o.shop_id = ?::uuid").param(java.util.UUID.fromString(shop)).query(BigDecimal.class).single();
        assertThat(revenue).isEqualByComparingTo(netRevenueOfTheFile());

        // a customer is first seen at its first invoice (17850's first is 2010-12-01 08:26 in London, GMT then)
        assertThat(jdbc.sql("SELECT c.first_seen_at FROM customer c JOIN customer_identity i ON i.customer_id = c.id "
                        + "WHERE i.type = 'platform_buyer_id' AND i.value_plain = '17850' AND i.scope_id = ?::uuid")
                .param(shop).query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        // the rejected lines download (a streamed response) completes
        ApiClient.Response rejects = operator.get("/api/v1/imports/" + first.path("id").asString() + "/rejects");
        assertThat(rejects.status()).isEqualTo(200);
        assertThat(rejects.body()).startsWith("\uFEFFline,column,reason,raw");
        assertThat(rejects.body().lines().count()).isEqualTo(1 + first.path("linesRejected").asLong());

        JsonNode second = importAndWait(operator, shop, file);
        assertThat(second.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.path("customersCreated").asLong()).isZero();
        assertThat(second.path("customersMerged").asLong()).isZero();
        assertThat(second.path("ordersCreated").asLong()).isZero();
        assertThat(second.path("ordersUpdated").asLong()).isZero();
        assertThat(second.path("ordersUnchanged").asLong()).isEqualTo(25_900);
        assertThat(count("SELECT count(*) FROM sales_order WHERE shop_id = ?::uuid", shop)).isEqualTo(25_900);
    }

    private long count(String sql, String shop) {
        return jdbc.sql(sql).param(shop).query(Long.class).single();
    }

    private JsonNode importAndWait(ApiClient client, String shop, byte[] file) throws InterruptedException {
        ApiClient.Response upload = client.postMultipart("/api/v1/imports", Map.of("shopId", shop), "online_retail.csv.gz", file);
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        return ImportRuns.await(client, upload.json().path("id").asString(), IMPORT_TIMEOUT);
    }

    /** Σ Quantity × UnitPrice over every line of the published file, computed independently of the import. */
    private static BigDecimal netRevenueOfTheFile() throws Exception {
        BigDecimal sum = BigDecimal.ZERO;
        Set<String> seen = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Datasets.onlineRetail())), StandardCharsets.UTF_8));
             CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(in)) {
            boolean header = true;
            for (CsvRecord record : csv) {
                if (header) {
                    header = false;
                    continue;
                }
                sum = sum.add(new BigDecimal(record.getField(3)).multiply(new BigDecimal(record.getField(5))));
                seen.add(record.getField(0));
            }
        }
        assertThat(seen).hasSize(25_900);
        return sum;
    }
}
