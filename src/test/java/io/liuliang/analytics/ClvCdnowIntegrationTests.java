package io.liuliang.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.ImportRuns;
import io.liuliang.support.Datasets;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The CDNOW reproduction through the real data path: the raw 1/10 sample imported as a shop's orders (generic
 * import template), fitted through the API with the calibration period of Fader, Hardie &amp; Lee (2005) (to
 * 1997-09-30, 39 weeks) and checked against their published estimates.
 */
class ClvCdnowIntegrationTests extends IntegrationTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

    @Test
    void theCdnowSampleImportedAsOrdersReproducesThePublishedFit() throws Exception {
        List<String> sample = Files.readAllLines(Datasets.require("cdnow/CDNOW_sample.txt"), StandardCharsets.US_ASCII);
        assertThat(sample).hasSize(6_919);
        ApiClient operator = signedIn("OPERATOR");
        String shop = operator.post("/api/v1/shops", Map.of("platform", "other", "name", uniqueName("CDNOW"),
                "timezone", "America/New_York", "currency", "USD")).json().path("id").asString();
        JsonNode imported = importAndWait(operator, shop, generic(sample));
        assertThat(imported.path("status").asString()).as(imported.toString()).isEqualTo("SUCCEEDED");
        assertThat(imported.path("linesAccepted").asLong()).isEqualTo(6_919);
        assertThat(imported.path("customersCreated").asLong()).isEqualTo(2_357);

        ApiClient analyst = signedIn("ANALYST");
        ApiClient.Response fit = analyst.post("/api/v1/models/clv:fit", Map.of("shopId", shop,
                "calibrationEnd", CALIBRATION_END.toString(), "holdoutEnd", HOLDOUT_END.toString()));
        assertThat(fit.status()).as(fit.body()).isEqualTo(202);
        JsonNode job = waitForJob(analyst, fit.json().path("jobId").asString());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");

        JsonNode model = analyst.get("/api/v1/models/clv?shopId=" + shop).json();
        assertThat(model.path("timeUnit").asString()).isEqualTo("week");
        assertThat(model.path("calibrationEnd").asString()).isEqualTo("1997-09-30");
        assertThat(model.path("customers").asInt()).isEqualTo(2_357);
        assertThat(model.path("repeaters").asInt()).isEqualTo(946);
        assertThat(model.path("r").asDouble()).isCloseTo(0.243, within(0.01));
        assertThat(model.path("alpha").asDouble()).isCloseTo(4.414, within(0.01));
        assertThat(model.path("a").asDouble()).isCloseTo(0.793, within(0.01));
        assertThat(model.path("b").asDouble()).isCloseTo(2.426, within(0.01));
        assertThat(model.path("logLikelihood").asDouble()).isCloseTo(-9582.4, within(0.5));
        assertThat(model.path("p").asDouble()).isCloseTo(6.25, within(0.05));
        assertThat(model.path("q").asDouble()).isCloseTo(3.74, within(0.05));
        assertThat(model.path("gamma").asDouble()).isCloseTo(15.44, within(0.05));
        assertThat(model.path("fittedBy").asString()).startsWith("analyst");
        assertThat(model.path("fittedAt").asString()).isNotBlank();

        BgNbd fitted = new BgNbd(model.path("r").asDouble(), model.path("alpha").asDouble(), model.path("a").asDouble(),
                model.path("b").asDouble());
        assertThat(fitted.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.005));
        assertThat(fitted.probabilityOfPurchases(0, 39)).isCloseTo(0.5737864, within(0.003));

        // calibration/holdout chart: 8 groups of calibration frequency; 1,411 customers made no repeat purchase
        JsonNode chart = model.path("calibration");
        assertThat(chart.size()).isEqualTo(8);
        assertThat(chart.get(0).path("frequency").asInt()).isZero();
        assertThat(chart.get(0).path("customers").asLong()).isEqualTo(1_411);
        assertThat(chart.get(7).path("orMore").asBoolean()).isTrue();
        long total = 0;
        for (JsonNode bin : chart) {
            total += bin.path("customers").asLong();
            // the model tracks the holdout: predicted within a purchase of the actual mean in every group
            assertThat(bin.path("predicted").asDouble()).isCloseTo(bin.path("actual").asDouble(), within(1.0));
        }
        assertThat(total).isEqualTo(2_357);
        // more calibration purchases, more holdout purchases (actual and predicted)
        assertThat(chart.get(5).path("predicted").asDouble()).isGreaterThan(chart.get(1).path("predicted").asDouble());
        assertThat(chart.get(5).path("actual").asDouble()).isGreaterThan(chart.get(0).path("actual").asDouble());

        // every customer is scored as of the holdout end
        assertThat(model.path("scored").asInt()).isEqualTo(2_357);
        JsonNode distribution = analyst.get("/api/v1/models/clv/distribution?shopId=" + shop).json();
        assertThat(distribution.path("customers").asLong()).isEqualTo(2_357);
        assertThat(distribution.path("low").asLong() + distribution.path("medium").asLong()
                + distribution.path("high").asLong()).isEqualTo(2_357);

        // customer 0001 bought on 1997-01-01, 01-18, 08-02 and 12-12: as of 1998-06-30 x = 3
        UUID customer = jdbc.sql("SELECT customer_id FROM customer_identity WHERE type = 'platform_buyer_id' "
                        + "AND value_plain = 'cdnow-0001' AND scope_id = ?::uuid")
                .param(shop).query(UUID.class).single();
        double tx = (LocalDate.of(1997, 12, 12).toEpochDay() - LocalDate.of(1997, 1, 1).toEpochDay()) / 7.0;
        double t = (HOLDOUT_END.toEpochDay() - LocalDate.of(1997, 1, 1).toEpochDay()) / 7.0;
        GammaGamma spend = new GammaGamma(model.path("p").asDouble(), model.path("q").asDouble(),
                model.path("gamma").asDouble());
        double zbar = (29.73 + 14.96 + 26.48) / 3;
        JsonNode predictions = analyst.get("/api/v1/customers/" + customer + "/predictions").json();
        assertThat(predictions.size()).isEqualTo(1);
        JsonNode p = predictions.get(0);
        assertThat(p.path("shopId").asString()).isEqualTo(shop);
        assertThat(p.path("modelId").asLong()).isEqualTo(model.path("id").asLong());
        assertThat(p.path("pAlive").asDouble()).isCloseTo(fitted.pAlive(3, tx, t), within(1e-9));
        assertThat(p.path("expectedPurchases90d").asDouble())
                .isCloseTo(fitted.conditionalExpectedPurchases(90 / 7.0, 3, tx, t), within(1e-9));
        assertThat(new BigDecimal(p.path("expectedAvgSpend").asString())).isEqualByComparingTo(
                BigDecimal.valueOf(spend.conditionalExpectedSpend(3, zbar)).setScale(2, RoundingMode.HALF_UP));
        ClvValuation valuation = new ClvValuation(model.path("annualDiscountRate").asDouble());
        assertThat(new BigDecimal(p.path("clv12m").asString())).isCloseTo(BigDecimal.valueOf(
                valuation.value(fitted, spend, 3, tx, t, zbar).clv12m()), within(new BigDecimal("0.01")));
        assertThat(p.path("churnRisk").asString()).isEqualTo(ChurnRisk.of(fitted.pAlive(3, tx, t)).code());
    }

    /** The sample as our generic import template: one order per line, the buyer by its sample id, noon local time. */
    private static byte[] generic(List<String> sample) {
        StringBuilder csv = new StringBuilder("order_id,customer_id,ordered_at,status,total_amount,currency,sku,quantity,unit_price\n");
        int line = 0;
        for (String raw : sample) {
            String[] f = raw.trim().split("\\s+");
            LocalDate day = LocalDate.parse(f[2], YYYYMMDD);
            int cds = Integer.parseInt(f[3]);
            BigDecimal dollars = new BigDecimal(f[4]);
            csv.append("CD-").append(++line).append(",cdnow-").append(f[1]).append(',').append(day).append(" 12:00:00")
                    .append(",completed,").append(dollars).append(",USD,CD,").append(cds).append(',')
                    .append(dollars.divide(BigDecimal.valueOf(cds), 4, RoundingMode.HALF_UP)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode importAndWait(ApiClient client, String shop, byte[] file) throws InterruptedException {
        ApiClient.Response upload = client.postMultipart("/api/v1/imports", Map.of("shopId", shop), "cdnow.csv", file);
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        return ImportRuns.await(client, upload.json().path("id").asString(), TIMEOUT);
    }

    static JsonNode waitForJob(ApiClient client, String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        JsonNode job;
        do {
            Thread.sleep(200);
            job = client.get("/api/v1/jobs/" + jobId).json();
        } while (!Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.path("status").asString())
                && Instant.now().isBefore(deadline));
        return job;
    }
}
