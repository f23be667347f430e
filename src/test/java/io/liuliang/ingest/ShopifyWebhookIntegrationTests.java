package io.liuliang.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shopify's order webhooks end to end: real HTTP without session, token or CSRF, signatures over the raw body, the
 * documented payloads (see {@code src/test/resources/shopify}), and what ends up in the database.
 */
class ShopifyWebhookIntegrationTests extends IntegrationTest {

    private static final String ORDER_ID = "5523619791128";
    private static final String FIXTURE_PHONE = "+16135550142";
    private static final String FIXTURE_EMAIL = "bob.norman@mail.example.com";
    private static final String UNVERIFIED = "The webhook signature could not be verified for this shop";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ApiClient operator;
    private String shop;
    private String secret;
    private String phone;
    private String email;

    @BeforeEach
    void aShopifyShopWithASecret() {
        operator = signedIn("OPERATOR");
        shop = createShop("shopify");
        secret = newSecret();
        ApiClient.Response set = operator.put(secretPath(shop), Map.of("secret", secret));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        // a buyer of this test only, so that One-ID does not join it with other tests' buyers
        phone = "+1613" + (2 + RANDOM.nextInt(8)) + "%06d".formatted(RANDOM.nextInt(1_000_000));
        // (example.com addresses are junk to One-ID, so the test's buyer has a real-looking domain)
        email = "buyer-" + UUID.randomUUID() + "@foxmail.com";
    }

    private String createShop(String platform) {
        ApiClient.Response created = operator.post("/api/v1/shops", Map.of("platform", platform,
                "name", uniqueName("Hangzhou Tea House " + platform), "currency", "USD", "timezone", "America/Toronto"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static String secretPath(String shopId) {
        return "/api/v1/shops/" + shopId + "/webhook-secret";
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A fixture's raw bytes, formatting kept, with this test's buyer in place of the documented one. */
    private byte[] fixture(String name) {
        try (InputStream in = getClass().getResourceAsStream("/shopify/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains(FIXTURE_PHONE, FIXTURE_EMAIL);
            return text.replace(FIXTURE_PHONE, phone).replace(FIXTURE_EMAIL, email).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Delivers a webhook as Shopify does, signed with the shop's secret. */
    private ApiClient.Response deliver(String topic, byte[] body) {
        return deliver(shop, topic, body, ShopifySignature.sign(secret, body), UUID.randomUUID().toString());
    }

    private ApiClient.Response deliver(String shopId, String topic, byte[] body, String signature, String webhookId) {
        return send(shopId, topic, signature, webhookId, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private ApiClient.Response send(String shopId, String topic, String signature, String webhookId,
                                    HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/webhooks/shopify/" + shopId))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Shop-Domain", "hangzhou-tea-house.myshopify.com")
                .header("X-Shopify-API-Version", "2026-01")
                .header("X-Shopify-Triggered-At", Instant.now().toString())
                .POST(body);
        if (topic != null) {
            request.header("X-Shopify-Topic", topic);
        }
        if (signature != null) {
            request.header("X-Shopify-Hmac-Sha256", signature);
        }
        if (webhookId != null) {
            request.header("X-Shopify-Webhook-Id", webhookId);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long ordersOf(String shopId) {
        return jdbc.sql("SELECT count(*) FROM sales_order WHERE shop_id = ?::uuid").param(shopId).query(Long.class).single();
    }

    private static void assertProblem(ApiClient.Response response, int status, String slug) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemSlug()).isEqualTo(slug);
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void aSignedOrderIsStoredWithItsItemsItsBuyerResolvedAndItsReceiverMasked() {
        String webhookId = UUID.randomUUID().toString();
        byte[] body = fixture("orders-create.json");
        ApiClient.Response response = deliver(shop, "orders/create", body, ShopifySignature.sign(secret, body), webhookId);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.path("webhookId").asString()).isEqualTo(webhookId);
        assertThat(result.path("topic").asString()).isEqualTo("orders/create");
        assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
        String orderId = result.path("orderId").asString();
        String customerId = result.path("customerId").asString();
        assertThat(customerId).isNotBlank();

        Map<String, Object> row = jdbc.sql("SELECT * FROM sales_order WHERE id = ?::uuid").param(orderId).query().singleRow();
        assertThat(row.get("shop_id").toString()).isEqualTo(shop);
        assertThat(row.get("external_id")).isEqualTo(ORDER_ID);
        assertThat(row.get("source")).isEqualTo("shopify-webhook");
        assertThat(row.get("status")).isEqualTo("paid");
        assertThat(row.get("currency")).isEqualTo("USD");
        assertThat((BigDecimal) row.get("item_total")).isEqualByComparingTo("84.50");
        assertThat((BigDecimal) row.get("discount")).isEqualByComparingTo("8.45");
        assertThat((BigDecimal) row.get("shipping")).isEqualByComparingTo("12.00");
        assertThat((BigDecimal) row.get("paid_amount")).isEqualByComparingTo("88.05");
        assertThat(row.get("buyer_remark")).isEqualTo("Please gift-wrap the gaiwan.");
        assertThat(((java.sql.Timestamp) row.get("ordered_at")).toInstant()).isEqualTo(Instant.parse("2026-03-14T14:21:07Z"));
        assertThat(((java.sql.Timestamp) row.get("paid_at")).toInstant()).isEqualTo(Instant.parse("2026-03-14T14:21:07Z"));
        assertThat(row.get("receiver_province")).isEqualTo("Ontario");
        assertThat(row.get("receiver_city")).isEqualTo("Ottawa");
        assertThat(new String((byte[]) row.get("receiver_address_enc"), StandardCharsets.ISO_8859_1)).doesNotContain("Carrieres");

        JsonNode view = operator.get("/api/v1/customers/" + customerId).json();
        assertThat(view.path("displayName").asString()).isEqualTo("Bob Norman");
        assertThat(view.path("province").asString()).isEqualTo("Ontario");
        assertThat(view.path("city").asString()).isEqualTo("Ottawa");
        List<String> types = new ArrayList<>();
        for (JsonNode identity : view.path("identities")) {
            types.add(identity.path("type").asString());
            if (identity.path("type").asString().equals("platform_buyer_id")) {
                assertThat(identity.path("value").asString()).isEqualTo("7391044247832");
                assertThat(identity.path("shopId").asString()).isEqualTo(shop);
            }
            assertThat(identity.path("value").asString()).as("masked for a caller without customer.pii.read")
                    .doesNotContain(email).doesNotContain(phone.substring(5));
        }
        assertThat(types).containsExactlyInAnyOrder("platform_buyer_id", "email", "phone");

        JsonNode order = view.path("recentOrders").get(0);
        assertThat(order.path("externalId").asString()).isEqualTo(ORDER_ID);
        assertThat(order.path("status").asString()).isEqualTo("paid");
        assertThat(order.path("receiverMasked").asString()).contains("B******").contains("****")
                .doesNotContain("Carrieres").doesNotContain("Norman").doesNotContain(phone.substring(5));
        assertThat(order.path("items").size()).isEqualTo(2);
        assertThat(order.path("items").get(0).path("sku").asString()).isEqualTo("LJ-100-TIN");
        assertThat(order.path("items").get(0).path("productName").asString())
                .isEqualTo("West Lake Longjing Green Tea - 100 g tin");
        assertThat(order.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(order.path("items").get(1).path("productName").asString()).isEqualTo("Jingdezhen Porcelain Gaiwan");
        assertThat(jdbc.sql("SELECT product_id FROM order_item WHERE order_id = ?::uuid AND line_no = 1").param(orderId)
                .query(String.class).single()).isEqualTo("8912345501464");
        assertThat(view.path("summary").path("orderCount").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(view.path("summary").path("totalSpent").asString())).isEqualByComparingTo("88.05");
    }

    @Test
    void aRedeliveryOfTheSameWebhookChangesNothing() {
        byte[] body = fixture("orders-create.json");
        String signature = ShopifySignature.sign(secret, body);
        String webhookId = UUID.randomUUID().toString();
        JsonNode first = deliver(shop, "orders/create", body, signature, webhookId).json();
        Map<String, Object> before = jdbc.sql("SELECT updated_at, content_hash, customer_id FROM sales_order WHERE id = ?::uuid")
                .param(first.path("orderId").asString()).query().singleRow();

        ApiClient.Response again = deliver(shop, "orders/create", body, signature, webhookId);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(again.json().path("orderId").asString()).isEqualTo(first.path("orderId").asString());
        assertThat(again.json().path("customerId").asString()).isEqualTo(first.path("customerId").asString());
        assertThat(again.json().path("webhookId").asString()).isEqualTo(webhookId);

        Map<String, Object> after = jdbc.sql("SELECT updated_at, content_hash, customer_id FROM sales_order WHERE id = ?::uuid")
                .param(first.path("orderId").asString()).query().singleRow();
        assertThat(after.get("updated_at")).isEqualTo(before.get("updated_at"));
        assertThat((byte[]) after.get("content_hash")).isEqualTo((byte[]) before.get("content_hash"));
        assertThat(ordersOf(shop)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM order_item WHERE order_id = ?::uuid").param(first.path("orderId").asString())
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anUpdateWithARefundUpdatesTheOrderAndAddsTheRefundOnce() {
        JsonNode created = deliver("orders/create", fixture("orders-create.json")).json();
        byte[] update = fixture("orders-updated-refunded.json");

        ApiClient.Response updated = deliver("orders/updated", update);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("topic").asString()).isEqualTo("orders/updated");
        assertThat(updated.json().path("outcome").asString()).isEqualTo("UPDATED");
        assertThat(updated.json().path("orderId").asString()).isEqualTo(created.path("orderId").asString());
        assertThat(updated.json().path("customerId").asString()).isEqualTo(created.path("customerId").asString());

        Map<String, Object> row = jdbc.sql("SELECT * FROM sales_order WHERE id = ?::uuid")
                .param(created.path("orderId").asString()).query().singleRow();
        assertThat(row.get("status")).isEqualTo("partially_refunded");
        assertThat((BigDecimal) row.get("refunded_amount")).isEqualByComparingTo("32.85");
        assertThat(((java.sql.Timestamp) row.get("shipped_at")).toInstant()).isEqualTo(Instant.parse("2026-03-15T12:30:00Z"));
        Map<String, Object> refund = jdbc.sql("SELECT * FROM refund WHERE order_id = ?::uuid")
                .param(created.path("orderId").asString()).query().singleRow();
        assertThat(refund.get("external_id")).isEqualTo("902345678901");
        assertThat((BigDecimal) refund.get("amount")).isEqualByComparingTo("32.85");
        assertThat(refund.get("reason")).isEqualTo("Gaiwan arrived cracked");
        assertThat(((java.sql.Timestamp) refund.get("refunded_at")).toInstant()).isEqualTo(Instant.parse("2026-03-20T13:12:44Z"));

        ApiClient.Response redelivered = deliver("orders/updated", update);
        assertThat(redelivered.json().path("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(jdbc.sql("SELECT count(*) FROM refund WHERE order_id = ?::uuid").param(created.path("orderId").asString())
                .query(Long.class).single()).isEqualTo(1);
        JsonNode view = operator.get("/api/v1/customers/" + created.path("customerId").asString()).json();
        assertThat(new BigDecimal(view.path("summary").path("totalSpent").asString())).isEqualByComparingTo("55.20");
    }

    @Test
    void webhooksWhoseSignatureCannotBeVerifiedAreRefusedAlikeAndStoreNothing() {
        byte[] body = fixture("orders-create.json");
        String signed = ShopifySignature.sign(secret, body);
        String shopWithoutSecret = createShop("shopify");
        String unknownShop = UUID.randomUUID().toString();
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"88.05\"", "\"0.01\"")
                .getBytes(StandardCharsets.UTF_8);

        List<ApiClient.Response> refused = List.of(
                deliver(shop, "orders/create", body, ShopifySignature.sign(newSecret(), body), "wrong-secret"),
                deliver(shop, "orders/create", body, null, "no-signature"),
                deliver(shop, "orders/create", body, "", "empty-signature"),
                deliver(shop, "orders/create", body, "%%% not base64 %%%", "garbage-signature"),
                deliver(shop, "orders/create", tampered, signed, "tampered-body"),
                deliver(unknownShop, "orders/create", body, signed, "unknown-shop"),
                deliver("not-a-shop-id", "orders/create", body, signed, "not-a-shop-id"),
                deliver(shopWithoutSecret, "orders/create", body, signed, "shop-without-secret"),
                deliver(shop, "products/update", body, null, "unsigned-other-topic"));
        for (ApiClient.Response response : refused) {
            assertProblem(response, 401, "unauthenticated");
            assertThat(response.json().path("detail").asString()).as("the same answer whatever the cause")
                    .isEqualTo(UNVERIFIED);
        }
        assertThat(ordersOf(shop)).isZero();
        assertThat(ordersOf(shopWithoutSecret)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM sales_order WHERE external_id = ? AND source = 'shopify-webhook' "
                + "AND shop_id IN (?::uuid, ?::uuid)").params(ORDER_ID, shop, shopWithoutSecret).query(Long.class).single())
                .isZero();
    }

    @Test
    void aShopOfAnotherPlatformIsABadRequest() {
        String tmall = createShop("tmall");
        String tmallSecret = newSecret();
        assertThat(operator.put(secretPath(tmall), Map.of("secret", tmallSecret)).json().path("platform").asString())
                .isEqualTo("tmall");
        byte[] body = fixture("orders-create.json");
        ApiClient.Response response = deliver(tmall, "orders/create", body, ShopifySignature.sign(tmallSecret, body), "x");
        assertProblem(response, 400, "validation");
        assertThat(response.json().path("detail").asString()).contains("tmall").contains("Shopify");
        assertThat(ordersOf(tmall)).isZero();
    }

    @Test
    void otherTopicsAreAcknowledgedAndIgnored() {
        byte[] body = "{\"id\":632910392,\"title\":\"West Lake Longjing Green Tea\",\"vendor\":\"Hangzhou Tea House\"}"
                .getBytes(StandardCharsets.UTF_8);
        ApiClient.Response response = deliver(shop, "products/update", body, ShopifySignature.sign(secret, body), "p-1");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().path("webhookId").asString()).isEqualTo("p-1");
        assertThat(response.json().path("topic").asString()).isEqualTo("products/update");
        assertThat(response.json().path("outcome").asString()).isEqualTo("IGNORED");
        assertThat(response.json().path("detail").asString()).contains("not handled").contains("nothing was done");
        assertThat(ordersOf(shop)).isZero();
    }

    @Test
    void badBodiesWithAValidSignatureAreClientErrors() {
        for (String malformed : List.of("{\"id\": 5523619791128, \"line_items\": [", "[1, 2, 3]", "",
                "{\"id\": \"not a number\"}")) {
            byte[] body = malformed.getBytes(StandardCharsets.UTF_8);
            assertProblem(deliver("orders/create", body), 400, "malformed-request");
        }
        byte[] undated = "{\"id\": 1001, \"financial_status\": \"paid\"}".getBytes(StandardCharsets.UTF_8);
        ApiClient.Response invalid = deliver("orders/create", undated);
        assertProblem(invalid, 400, "validation");
        assertThat(invalid.json().path("errors").get(0).path("field").asString()).isEqualTo("orderedAt");

        byte[] noTopic = fixture("orders-create.json");
        assertProblem(deliver(shop, null, noTopic, ShopifySignature.sign(secret, noTopic), "no-topic"), 400, "validation");
        assertThat(ordersOf(shop)).isZero();
    }

    @Test
    void bodiesOverTwoMebibytesAreRefusedWhetherDeclaredOrStreamed() {
        byte[] huge = new byte[WebhookBodyLimit.MAX_BYTES + 512];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        String signature = ShopifySignature.sign(secret, huge);

        assertProblem(deliver(shop, "orders/create", huge, signature, "declared"), 413, "payload-too-large");
        ApiClient.Response chunked = send(shop, "orders/create", signature, "chunked",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)));
        assertProblem(chunked, 413, "payload-too-large");

        byte[] order = fixture("orders-create.json");
        byte[] padded = java.util.Arrays.copyOf(order, WebhookBodyLimit.MAX_BYTES);
        java.util.Arrays.fill(padded, order.length, padded.length, (byte) ' ');
        ApiClient.Response fits = send(shop, "orders/create", ShopifySignature.sign(secret, padded), "exactly-2-MiB",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded)));
        assertThat(fits.status()).as(fits.body()).isEqualTo(200);
    }

    @Test
    void theSecretIsSetShownOnlyAsAHintReplacedAndRemoved() {
        String username = operator.get("/api/v1/auth/me").json().path("username").asString();
        JsonNode shown = operator.get(secretPath(shop)).json();
        assertThat(shown.path("shopId").asString()).isEqualTo(shop);
        assertThat(shown.path("platform").asString()).isEqualTo("shopify");
        assertThat(shown.path("hint").asString()).isEqualTo("••••" + secret.substring(secret.length() - 4));
        assertThat(shown.path("updatedAt").asString()).isNotBlank();
        assertThat(shown.has("secret")).isFalse();
        assertThat(shown.toString()).doesNotContain(secret);
        Map<String, Object> stored = jdbc.sql("SELECT secret_enc, updated_by FROM shop_webhook_secret WHERE shop_id = ?::uuid")
                .param(shop).query().singleRow();
        assertThat(new String((byte[]) stored.get("secret_enc"), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(stored.get("updated_by")).isEqualTo(username);

        String replacement = "  " + newSecret() + "\n";
        ApiClient.Response replaced = operator.put(secretPath(shop), Map.of("secret", replacement));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().path("hint").asString()).isEqualTo("••••" + replacement.strip().substring(60));
        assertThat(replaced.body()).doesNotContain(replacement.strip());
        byte[] body = fixture("orders-create.json");
        assertThat(deliver(shop, "orders/create", body, ShopifySignature.sign(secret, body), "old").status())
                .as("the old secret no longer verifies").isEqualTo(401);
        assertThat(deliver(shop, "orders/create", body, ShopifySignature.sign(replacement.strip(), body), "new").status())
                .isEqualTo(200);

        assertProblem(operator.put(secretPath(shop), Map.of("secret", "short")), 400, "validation");
        assertProblem(operator.put(secretPath(shop), Map.of("secret", "x".repeat(257))), 400, "validation");
        assertProblem(operator.put(secretPath(shop), Map.of()), 400, "validation");
        assertThat(operator.put(secretPath(shop), Map.of("secret", "x".repeat(256))).status()).isEqualTo(200);
        assertProblem(operator.put(secretPath(UUID.randomUUID().toString()), Map.of("secret", newSecret())), 404, "not-found");
        assertProblem(operator.get(secretPath(UUID.randomUUID().toString())), 404, "not-found");

        ApiClient analyst = signedIn("ANALYST");
        assertProblem(analyst.put(secretPath(shop), Map.of("secret", newSecret())), 403, "forbidden");
        assertProblem(analyst.get(secretPath(shop)), 403, "forbidden");
        assertProblem(analyst.delete(secretPath(shop)), 403, "forbidden");
        assertProblem(anonymous().get(secretPath(shop)), 401, "unauthenticated");

        assertThat(operator.delete(secretPath(shop)).status()).isEqualTo(204);
        assertProblem(operator.get(secretPath(shop)), 404, "not-found");
        assertProblem(operator.delete(secretPath(shop)), 404, "not-found");
        assertThat(jdbc.sql("SELECT count(*) FROM shop_webhook_secret WHERE shop_id = ?::uuid").param(shop)
                .query(Long.class).single()).isZero();
        assertProblem(deliver(shop, "orders/create", body, ShopifySignature.sign(replacement.strip(), body), "gone"), 401,
                "unauthenticated");
    }
}
