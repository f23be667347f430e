package io.liuliang.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.liuliang.job.JobId;
import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static io.liuliang.analytics.ClvTestData.order;
import static io.liuliang.analytics.ClvTestData.randomHistories;
import static io.liuliang.analytics.ClvTestData.send;
import static org.assertj.core.api.Assertions.assertThat;

/** The CLV API: fit as a job, the model, its history and distribution, customers' predictions, and bad requests. */
class ClvApiIntegrationTests extends IntegrationTest {

    private static final ZoneId SHANGHAI = ClvTestData.SHANGHAI;

    @Autowired
    private ClvHistories histories;

    @Autowired
    private ClvRefitScheduler scheduler;

    private String shop(ApiClient operator, String name) {
        return operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName(name))).json().path("id")
                .asString();
    }

    @Test
    void purchaseDaysAreShopLocalDaysWithSameDayOrdersMergedRefundsNettedAndCancelledOrdersIgnored() {
        ApiClient operator = signedIn("OPERATOR");
        String shop = shop(operator, "日界");
        String buyer = "days-" + UUID.randomUUID();
        String late = "late-" + UUID.randomUUID();
        // 2025-03-01 in Shanghai: two orders (merged), then 23:30 and 00:30 local are two different days
        send(operator, List.of(
                order(shop, buyer, Instant.parse("2025-03-01T02:00:00Z"), "completed", 100, null),
                order(shop, buyer, Instant.parse("2025-03-01T05:00:00Z"), "completed", 50, null),
                order(shop, buyer, Instant.parse("2025-03-10T15:30:00Z"), "completed", 70, null),
                order(shop, buyer, Instant.parse("2025-03-10T16:30:00Z"), "partially_refunded", 100,
                        List.of(Map.of("externalId", "R1", "amount", 40, "refundedAt", "2025-03-12T00:00:00Z"))),
                order(shop, buyer, Instant.parse("2025-03-13T02:00:00Z"), "cancelled", 999, null),
                order(shop, buyer, Instant.parse("2025-03-20T02:00:00Z"), "completed", 10, null),
                order(shop, buyer, Instant.parse("2025-03-21T02:00:00Z"), "cancelled", 10, null),
                order(shop, late, Instant.parse("2025-03-18T02:00:00Z"), "completed", 10, null),
                order(shop, null, Instant.parse("2025-03-05T02:00:00Z"), "completed", 10, null)));
        ClvScope scope = ClvScope.ofNullable(UUID.fromString(shop));
        assertThat(histories.firstPurchaseDay(scope)).contains(LocalDate.of(2025, 3, 1));
        assertThat(histories.repeaters(scope, LocalDate.of(2025, 3, 15), 20)).isEqualTo(1);
        assertThat(histories.repeaters(scope, LocalDate.of(2025, 3, 5), 20)).isZero();

        ClvHistories.Calibration c = histories.calibration(scope, LocalDate.of(2025, 3, 15), LocalDate.of(2025, 3, 31));
        // the buyer: days 03-01 (150), 03-10 (70), 03-11 (100 - 40); first 14 days before the end; one holdout day
        assertThat(c.groups()).containsExactly(new ClvHistories.Group(2, 10, 14, 1, 1));
        assertThat(c.spend().size()).isEqualTo(1);
        assertThat(c.spend().x(0)).isEqualTo(2);
        assertThat(c.spend().zbar(0)).isEqualTo((70 + 60) / 2.0);
    }

    @Test
    void badFitRequestsAreProblemsAndPermissionsHold() {
        ApiClient operator = signedIn("OPERATOR");
        ApiClient analyst = signedIn("ANALYST");
        String empty = shop(operator, "空店");
        String few = shop(operator, "小店");
        send(operator, List.of(
                order(few, "few-a-" + UUID.randomUUID(), Instant.parse("2025-01-01T02:00:00Z"), "completed", 10, null),
                order(few, "few-b-" + UUID.randomUUID(), Instant.parse("2025-01-02T02:00:00Z"), "completed", 10, null)));

        assertProblem(analyst.post("/api/v1/models/clv:fit", Map.of("shopId", UUID.randomUUID().toString())), 400, "shopId");
        assertProblem(analyst.post("/api/v1/models/clv:fit", Map.of("shopId", empty)), 400, "shopId");
        String tomorrow = LocalDate.now(SHANGHAI).plusDays(2).toString();
        assertProblem(analyst.post("/api/v1/models/clv:fit", Map.of("shopId", few, "calibrationEnd", tomorrow)), 400,
                "calibrationEnd");
        assertProblem(analyst.post("/api/v1/models/clv:fit", Map.of("shopId", few, "calibrationEnd", "2024-12-31")), 400,
                "calibrationEnd");
        assertProblem(analyst.post("/api/v1/models/clv:fit", Map.of("shopId", few, "calibrationEnd", "2025-06-01",
                "holdoutEnd", "2025-05-01")), 400, "holdoutEnd");
        ApiClient.Response tooFew = analyst.post("/api/v1/models/clv:fit", Map.of("shopId", few, "calibrationEnd", "2025-06-01"));
        assertProblem(tooFew, 400, "calibrationEnd");
        assertThat(tooFew.json().path("detail").asString()).contains("only 0 customers bought again");
        ApiClient.Response malformed = analyst.post("/api/v1/models/clv:fit", Map.of("calibrationEnd", "2025-13-45"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(analyst.get("/api/v1/models/clv?shopId=not-a-uuid").status()).isEqualTo(400);
        assertThat(analyst.get("/api/v1/models/clv/history?scope=galaxy").status()).isEqualTo(400);

        ApiClient.Response none = analyst.get("/api/v1/models/clv?shopId=" + few);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.problemSlug()).isEqualTo("not-found");

        assertThat(operator.post("/api/v1/models/clv:fit", Map.of("shopId", few)).status()).isEqualTo(403);
        ApiClient agent = signedIn("AGENT");
        assertThat(agent.get("/api/v1/models/clv?shopId=" + few).status()).isEqualTo(403);
        assertThat(agent.get("/api/v1/customers/" + UUID.randomUUID() + "/predictions").status()).isEqualTo(403);
        assertThat(analyst.get("/api/v1/customers/" + UUID.randomUUID() + "/predictions").status()).isEqualTo(404);
        assertThat(anonymous().get("/api/v1/models/clv").status()).isEqualTo(401);
    }

    private static void assertProblem(ApiClient.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemSlug()).isEqualTo("validation");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }

    @Test
    void aFitRunsAsAJobAndScoresEveryCustomerOfItsShop() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        ApiClient analyst = signedIn("ANALYST");
        String shop = shop(operator, "预测");
        List<Map<String, Object>> orders = randomHistories(shop, 100, 7);
        send(operator, orders);

        ApiClient.Response accepted = analyst.post("/api/v1/models/clv:fit", Map.of("shopId", shop));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        LocalDate today = LocalDate.now(SHANGHAI);
        assertThat(accepted.json().path("calibrationEnd").asString()).isEqualTo(today.minusWeeks(13).toString());
        assertThat(accepted.json().path("holdoutEnd").asString()).isEqualTo(today.toString());
        JsonNode job = ClvCdnowIntegrationTests.waitForJob(analyst, accepted.json().path("jobId").asString());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("type").asString()).isEqualTo("analytics.clv-fit");
        assertThat(job.path("percent").asDouble()).isEqualTo(100.0);

        ApiClient reader = signedIn("OPERATOR");
        JsonNode model = reader.get("/api/v1/models/clv?shopId=" + shop).json();
        assertThat(model.path("shopId").asString()).isEqualTo(shop);
        assertThat(model.path("jobId").asString()).isEqualTo(accepted.json().path("jobId").asString());
        for (String parameter : List.of("r", "alpha", "a", "b", "p", "q", "gamma")) {
            assertThat(model.path(parameter).asDouble()).as(parameter).isPositive();
        }
        assertThat(model.path("q").asDouble()).isGreaterThan(1);
        assertThat(model.path("logLikelihood").asDouble()).isNegative();
        assertThat(model.path("timeUnit").asString()).isEqualTo("week");
        long buyers = orders.stream().map(o -> o.get("customer").toString()).distinct().count();
        assertThat(model.path("scored").asLong()).isEqualTo(buyers);
        assertThat(model.path("calibration").size()).isPositive();
        assertThat(model.path("calibration").get(0).path("frequency").asInt()).isZero();

        JsonNode distribution = reader.get("/api/v1/models/clv/distribution?shopId=" + shop).json();
        assertThat(distribution.path("customers").asLong()).isEqualTo(buyers);
        long inDeciles = 0;
        for (JsonNode d : distribution.path("pAliveDeciles")) {
            inDeciles += d.asLong();
        }
        assertThat(inDeciles).isEqualTo(buyers);
        assertThat(distribution.path("meanExpectedPurchases90d").asDouble()).isPositive();
        assertThat(new BigDecimal(distribution.path("totalClv12m").asString())).isPositive();
        for (JsonNode bin : model.path("calibration")) {
            assertThat(bin.path("predicted").asDouble()).as(bin.toString()).isPositive();
        }

        // a customer's predictions, from the latest model of the shop
        String busiest = ClvTestData.buyerOf(orders.get(0));
        UUID customer = jdbc.sql("SELECT customer_id FROM customer_identity WHERE type = 'platform_buyer_id' "
                + "AND value_plain = ? AND scope_id = ?::uuid").params(busiest, shop).query(UUID.class).single();
        JsonNode predictions = reader.get("/api/v1/customers/" + customer + "/predictions").json();
        assertThat(predictions.size()).isEqualTo(1);
        JsonNode p = predictions.get(0);
        assertThat(p.path("scopeId").asString()).isEqualTo(shop);
        assertThat(p.path("pAlive").asDouble()).isBetween(0.0, 1.0);
        assertThat(p.path("expectedPurchases90d").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(new BigDecimal(p.path("expectedAvgSpend").asString())).isPositive();
        assertThat(p.path("churnRisk").asString()).isIn("low", "medium", "high");
        assertThat(p.path("churnRisk").asString()).isEqualTo(ChurnRisk.of(p.path("pAlive").asDouble()).code());

        // a refit replaces the predictions of the scope and keeps the old model in the history
        ApiClient.Response again = analyst.post("/api/v1/models/clv:fit", Map.of("shopId", shop,
                "calibrationEnd", today.minusWeeks(8).toString()));
        assertThat(again.status()).isEqualTo(202);
        assertThat(ClvCdnowIntegrationTests.waitForJob(analyst, again.json().path("jobId").asString())
                .path("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode refit = reader.get("/api/v1/models/clv?shopId=" + shop).json();
        assertThat(refit.path("id").asLong()).isGreaterThan(model.path("id").asLong());
        assertThat(refit.path("calibrationEnd").asString()).isEqualTo(today.minusWeeks(8).toString());
        assertThat(jdbc.sql("SELECT count(*) FROM customer_prediction WHERE scope_id = ?::uuid AND model_id = ?")
                .params(shop, refit.path("id").asLong()).query(Long.class).single()).isEqualTo(buyers);
        assertThat(jdbc.sql("SELECT count(*) FROM customer_prediction WHERE scope_id = ?::uuid")
                .param(shop).query(Long.class).single()).isEqualTo(buyers);
        JsonNode history = reader.get("/api/v1/models/clv/history?shopId=" + shop + "&limit=1").json();
        assertThat(history.path("items").get(0).path("id").asLong()).isEqualTo(refit.path("id").asLong());
        JsonNode older = reader.get("/api/v1/models/clv/history?shopId=" + shop + "&limit=1&cursor="
                + history.path("nextCursor").asString()).json();
        assertThat(older.path("items").get(0).path("id").asLong()).isEqualTo(model.path("id").asLong());
        assertThat(older.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void theScheduledRefitIsQueuedOncePerTickHoweverManyInstancesFire() {
        Instant tick = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(UUID.randomUUID().hashCode() & 0xffff, ChronoUnit.DAYS);
        List<JobId> first = scheduler.refit(tick);
        List<JobId> second = scheduler.refit(tick);
        assertThat(second).isEmpty();
        ApiClient admin = signedIn("ADMIN");
        for (JobId job : first) {
            JsonNode view = admin.get("/api/v1/jobs/" + job).json();
            assertThat(view.path("type").asString()).isEqualTo("analytics.clv-fit");
            admin.post("/api/v1/jobs/" + job + ":cancel", null);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM clv_refit_tick WHERE tick = ?").param(java.sql.Timestamp.from(tick))
                .query(Long.class).single()).isEqualTo(1);
    }
}
