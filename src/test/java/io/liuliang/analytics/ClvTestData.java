package io.liuliang.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.liuliang.support.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders for the CLV tests, sent through the ingestion API as an integrator would. */
final class ClvTestData {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final int BATCH = 100;
    private static final double DROP_OUT = 0.25;

    private ClvTestData() {
    }

    static Map<String, Object> order(String shop, String buyer, Instant at, String status, double paid,
                                     List<Map<String, Object>> refunds) {
        Map<String, Object> o = new HashMap<>();
        o.put("shopId", shop);
        o.put("externalId", "O-" + UUID.randomUUID());
        o.put("status", status);
        o.put("orderedAt", at.toString());
        o.put("paidAmount", paid);
        if (buyer != null) {
            o.put("customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer))));
        }
        if (refunds != null) {
            o.put("refunds", refunds);
        }
        return o;
    }

    /** The buyer id of an order made by {@link #order}. */
    static String buyerOf(Map<String, Object> order) {
        return ((Map<?, ?>) ((List<?>) ((Map<?, ?>) order.get("customer")).get("identities")).get(0)).get("value").toString();
    }

    static void send(ApiClient operator, List<Map<String, Object>> orders) {
        for (int from = 0; from < orders.size(); from += BATCH) {
            ApiClient.Response r = operator.post("/api/v1/orders:batch",
                    orders.subList(from, Math.min(orders.size(), from + BATCH)));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("rejected").asInt()).as(r.body()).isZero();
        }
    }

    /**
     * A shop whose customers buy at random rates and drop out with a fixed chance after each purchase, over the last
     * 400 days (before today in Shanghai).
     */
    static List<Map<String, Object>> randomHistories(String shop, int customers, long seed) {
        Random random = new Random(seed);
        LocalDate today = LocalDate.now(SHANGHAI);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            String buyer = "clv-" + seed + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + c;
            double ratePerDay = 0.005 + random.nextDouble() * 0.05;
            double spend = 40 + random.nextDouble() * 260;
            LocalDate day = today.minusDays(400 - random.nextInt(300));
            while (!day.isAfter(today.minusDays(1))) {
                orders.add(order(shop, buyer, day.atTime(10 + random.nextInt(10), 0).atZone(SHANGHAI).toInstant(),
                        "completed", Math.round(spend * (0.6 + random.nextDouble() * 0.8) * 100) / 100.0, null));
                if (random.nextDouble() < DROP_OUT) {
                    break;
                }
                day = day.plusDays(1 + (long) (-Math.log(1 - random.nextDouble()) / ratePerDay));
            }
        }
        return orders;
    }
}
