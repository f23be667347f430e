package io.liuliang.messaging;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.liuliang.shared.CustomerId;
import io.liuliang.support.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS (Aliyun, Tencent Cloud), WeCom robot and signed webhooks against a local stand-in that checks each request's
 * signature the way the providers document it (computed here independently); receipts and replies through the
 * callbacks; retries and dead letters; frequency caps (also under concurrency) and quiet hours.
 */
class MessagingProviderIntegrationTests extends MessagingTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALIYUN_SECRET = "aliyun-secret-0123456789";
    private static final String TENCENT_SECRET = "tencent-secret-0123456789";
    private static final String WEBHOOK_SECRET = "webhook-secret-0123456789";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @org.springframework.beans.factory.annotation.Autowired
    private Messaging messaging;

    private ProviderStandIn standIn;
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        operator = signedIn("OPERATOR");
        standIn = new ProviderStandIn();
    }

    @AfterEach
    void tearDown() {
        standIn.close();
    }

    private static Map<String, Object> noQuietHours() {
        return Map.of("quietHours", List.of());
    }

    // ---- Aliyun: the RPC signature, computed as Aliyun documents it

    private static String aliyunEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void verifyAliyun(Map<String, String> params) throws Exception {
        Map<String, String> sorted = new TreeMap<>(params);
        String signature = sorted.remove("Signature");
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            canonical.append(canonical.length() == 0 ? "" : "&").append(aliyunEncode(e.getKey())).append('=')
                    .append(aliyunEncode(e.getValue()));
        }
        String stringToSign = "GET&" + aliyunEncode("/") + "&" + aliyunEncode(canonical.toString());
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec((ALIYUN_SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        if (!expected.equals(signature)) {
            throw new AssertionError("bad Aliyun signature " + signature + ", expected " + expected);
        }
        assertThat(params).containsEntry("SignatureMethod", "HMAC-SHA1").containsEntry("SignatureVersion", "1.0")
                .containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25").containsKey("SignatureNonce");
        assertThat(params.get("Timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    private String aliyunChannel() {
        return createChannel(Map.of("type", "sms_aliyun", "name", uniqueName("阿里云短信"), "ratePerSecond", 100,
                "aliyunSms", Map.of("accessKeyId", "LTAI5tTest", "accessKeySecret", ALIYUN_SECRET, "signName", "留量",
                        "endpoint", standIn.url()))).path("id").asString();
    }

    private List<ProviderStandIn.Request> smsTo(String nationalNumber) {
        return standIn.requests.stream().filter(r -> r.rawQuery() != null
                && nationalNumber.equals(query(r.rawQuery()).get("PhoneNumbers"))).toList();
    }

    private JsonNode callbacks(String channel) {
        return operator.get("/api/v1/messaging/channels/" + channel + "/callbacks").json();
    }

    private static String pathOf(String url) {
        return java.net.URI.create(url).getRawPath();
    }

    private ApiClient.Response callback(String url, String body) {
        return anonymous().withoutCsrf().postRaw(pathOf(url), body);
    }

    @Test
    void aliyunSmsIsSignedAsDocumentedAndItsReceiptsAndATdReplyComeBack() throws Exception {
        String badNumber = randomMobile();
        standIn.responder = r -> {
            try {
                Map<String, String> params = query(r.rawQuery());
                verifyAliyun(params);
                if (params.get("PhoneNumbers").equals(badNumber)) {
                    return new ProviderStandIn.Answer(200, "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号\","
                            + "\"RequestId\":\"r-1\"}");
                }
                return new ProviderStandIn.Answer(200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"biz-"
                        + ids.incrementAndGet() + "\",\"RequestId\":\"r-2\"}");
            } catch (Exception e) {
                throw new AssertionError(e.getMessage());
            }
        };
        String channel = aliyunChannel();
        // a test send goes to the provider now and reports its answer; SMS needs the approved template
        ApiClient.Response test = operator.post("/api/v1/messaging/channels/" + channel + ":test", Map.of("address",
                randomMobile(), "smsTemplateCode", "SMS_TEST", "smsParams", List.of(Map.of("name", "code", "value", "1234"))));
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().path("ok").asBoolean()).as(test.body()).isTrue();
        assertThat(test.json().path("providerMessageId").asString()).startsWith("biz-");
        assertThat(operator.post("/api/v1/messaging/channels/" + channel + ":test", Map.of("address", randomMobile()))
                .json().path("errors").get(0).path("field").asString()).isEqualTo("smsTemplateCode");
        String template = createTemplate(channel, "marketing", null, "{{customer.name}}，您的券 {{coupon.code}} 已到账",
                "SMS_123456", List.of(Map.of("name", "name", "value", "{{customer.name}}"),
                        Map.of("name", "code", "value", "{{coupon.code}}")));
        String phone = randomMobile();
        String customer = customer("孙七", null, phone);
        withSettings(noQuietHours(), () -> {
            String delivery = send(template, customer, "ali-" + UUID.randomUUID()).path("deliveryId").asString();
            JsonNode sent = awaitStatus(delivery, "sent");
            assertThat(sent.path("providerMessageId").asString()).startsWith("biz-");
            assertThat(sent.path("body").asString()).isEqualTo("【留量】孙七，您的券 QUAN-8888 已到账 回T退订");
            assertThat(sent.path("address").asString()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
            Map<String, String> params = query(smsTo(phone).get(0).rawQuery());
            assertThat(params).containsEntry("SignName", "留量").containsEntry("TemplateCode", "SMS_123456")
                    .containsEntry("OutId", delivery).containsEntry("AccessKeyId", "LTAI5tTest");
            assertThat(JSON.readTree(params.get("TemplateParam")))
                    .isEqualTo(JSON.readTree("{\"name\":\"孙七\",\"code\":\"QUAN-8888\"}"));

            // the delivery receipt (Aliyun SmsReport)
            JsonNode urls = callbacks(channel);
            ApiClient.Response receipt = callback(urls.path("receipts").asString(), "[{\"phone_number\":\"" + phone
                    + "\",\"send_time\":\"2026-12-03 10:00:00\",\"report_time\":\"2026-12-03 10:00:05\",\"success\":true,"
                    + "\"err_code\":\"DELIVERED\",\"err_msg\":\"用户接收成功\",\"sms_size\":\"1\",\"biz_id\":\""
                    + sent.path("providerMessageId").asString() + "\",\"out_id\":\"" + delivery + "\"}]");
            assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
            assertThat(receipt.json().path("code").asInt()).isZero();
            JsonNode delivered = delivery(delivery);
            assertThat(delivered.path("status").asString()).isEqualTo("delivered");
            assertThat(delivered.path("providerReceipt").asString()).contains("DELIVERED");
            // a wrong token is refused
            String forged = urls.path("receipts").asString().replaceAll("/[^/]+/receipts$", "/not-the-token/receipts");
            assertThat(callback(forged, "[]").status()).isEqualTo(401);

            // the customer replies TD (Aliyun SmsUp): opted out of marketing SMS, the number suppressed
            ApiClient.Response reply = callback(urls.path("replies").asString(), "[{\"phone_number\":\"" + phone
                    + "\",\"send_time\":\"2026-12-03 10:01:00\",\"content\":\" td \",\"sign_name\":\"留量\","
                    + "\"dest_code\":\"1234\",\"sequence_id\":1234567890}]");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode consents = operator.get("/api/v1/messaging/consents?customerId=" + customer).json();
            assertThat(consents.toString()).contains("\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"opted_out\"");
            assertThat(operator.get("/api/v1/messaging/suppressions?channel=sms&q=" + phone).json().path("items")
                    .get(0).path("source").asString()).isEqualTo("sms_reply:sms_aliyun");
            JsonNode skipped = send(template, customer, "ali-" + UUID.randomUUID());
            assertThat(skipped.path("skipReason").asString()).isIn("opted_out", "suppressed");

            // a refusal that no retry can fix is dead at once, with the provider's code
            String other = customer("李八", null, badNumber);
            String refused = send(template, other, "ali-" + UUID.randomUUID()).path("deliveryId").asString();
            JsonNode dead = awaitStatus(refused, "dead");
            assertThat(dead.path("error").asString()).contains("isv.MOBILE_NUMBER_ILLEGAL");
            assertThat(dead.path("attempts").asInt()).isEqualTo(1);
            // and the number is suppressed as invalid: nothing is sent to it again
            assertThat(operator.get("/api/v1/messaging/suppressions?channel=sms&q=" + badNumber).json().path("items")
                    .get(0).path("reason").asString()).isEqualTo("invalid");
            assertThat(operator.get("/api/v1/messaging/deliveries?status=dead&channel=sms&customerId=" + other).json()
                    .path("items").size()).isEqualTo(1);
        });
    }

    // ---- Tencent: TC3-HMAC-SHA256, computed as Tencent Cloud documents it

    private static byte[] hmac256(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static void verifyTencent(ProviderStandIn.Request r) throws Exception {
        String authorization = r.header("Authorization");
        long timestamp = Long.parseLong(r.header("X-TC-Timestamp"));
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(timestamp));
        assertThat(r.header("X-TC-Action")).isEqualTo("SendSms");
        assertThat(r.header("X-TC-Version")).isEqualTo("2021-01-11");
        String signedHeaders = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String h : signedHeaders.split(";")) {
            canonicalHeaders.append(h).append(':').append(r.header(h).trim().toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        String canonicalRequest = "POST\n/\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + sha256(r.body());
        String scope = date + "/sms/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + sha256(canonicalRequest);
        byte[] key = hmac256(hmac256(hmac256(("TC3" + TENCENT_SECRET).getBytes(StandardCharsets.UTF_8), date), "sms"),
                "tc3_request");
        String expected = "TC3-HMAC-SHA256 Credential=AKIDtest/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + HexFormat.of().formatHex(hmac256(key, stringToSign));
        if (!expected.equals(authorization)) {
            throw new AssertionError("bad TC3 signature " + authorization + ", expected " + expected);
        }
    }

    @Test
    void tencentSmsIsSignedWithTc3AndAFailedReceiptAndATReplyComeBack() throws Exception {
        standIn.responder = r -> {
            try {
                verifyTencent(r);
                JsonNode body = JSON.readTree(r.body());
                return new ProviderStandIn.Answer(200, "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"sn-"
                        + ids.incrementAndGet() + "\",\"PhoneNumber\":\"" + body.path("PhoneNumberSet").get(0).asString()
                        + "\",\"Fee\":1,\"SessionContext\":\"" + body.path("SessionContext").asString()
                        + "\",\"Code\":\"Ok\",\"Message\":\"send success\",\"IsoCode\":\"CN\"}],\"RequestId\":\"req-1\"}}");
            } catch (Exception e) {
                throw new AssertionError(e.getMessage());
            }
        };
        String channel = createChannel(Map.of("type", "sms_tencent", "name", uniqueName("腾讯云短信"),
                "tencentSms", Map.of("secretId", "AKIDtest", "secretKey", TENCENT_SECRET, "sdkAppId", "1400000001",
                        "signName", "留量", "endpoint", standIn.url()))).path("id").asString();
        String template = createTemplate(channel, "marketing", null, "{{customer.name}}，积分 {{points.balance}} 即将过期",
                "1234567", List.of(Map.of("name", "1", "value", "{{customer.name}}"), Map.of("name", "2", "value", "{{coupon.code}}")));
        String phone = randomMobile();
        String customer = customer("钱九", null, phone);
        withSettings(noQuietHours(), () -> {
            String delivery = send(template, customer, "tc-" + UUID.randomUUID()).path("deliveryId").asString();
            JsonNode sent = awaitStatus(delivery, "sent");
            assertThat(sent.path("providerMessageId").asString()).startsWith("sn-");
            JsonNode request = JSON.readTree(standIn.requests.get(0).body());
            assertThat(request.path("PhoneNumberSet").get(0).asString()).isEqualTo("+86" + phone);
            assertThat(request.path("SmsSdkAppId").asString()).isEqualTo("1400000001");
            assertThat(request.path("SignName").asString()).isEqualTo("留量");
            assertThat(request.path("TemplateId").asString()).isEqualTo("1234567");
            assertThat(request.path("TemplateParamSet").toString()).isEqualTo("[\"钱九\",\"QUAN-8888\"]");
            assertThat(request.path("SessionContext").asString()).isEqualTo(delivery);

            JsonNode urls = callbacks(channel);
            ApiClient.Response receipt = callback(urls.path("receipts").asString(), "[{\"user_receive_time\":"
                    + "\"2026-12-03 18:03:04\",\"nationcode\":\"86\",\"mobile\":\"" + phone + "\",\"report_status\":\"FAIL\","
                    + "\"errmsg\":\"MK:0001\",\"description\":\"用户关机\",\"sid\":\"" + sent.path("providerMessageId").asString()
                    + "\"}]");
            assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
            assertThat(receipt.json().path("result").asInt()).isZero();
            JsonNode failed = delivery(delivery);
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            assertThat(failed.path("error").asString()).contains("MK:0001");

            ApiClient.Response reply = callback(urls.path("replies").asString(), "{\"extend\":\"\",\"mobile\":\"" + phone
                    + "\",\"nationcode\":\"86\",\"sign\":\"留量\",\"text\":\"T\",\"time\":1764756000}");
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(operator.get("/api/v1/messaging/consents?customerId=" + customer).json().toString())
                    .contains("\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"opted_out\"");
            // a reply that is no opt-out word changes nothing
            String other = randomMobile();
            String otherCustomer = customer("周十", null, other);
            callback(urls.path("replies").asString(), "{\"mobile\":\"" + other + "\",\"nationcode\":\"86\",\"text\":\"好的谢谢\"}");
            assertThat(operator.get("/api/v1/messaging/consents?customerId=" + otherCustomer).json().toString())
                    .doesNotContain("\"status\":\"opted_out\"");
        });
    }

    // ---- WeCom robot and signed webhooks

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void wecomRobotAndSignedWebhooksCarryAVerifiableSignature() throws Exception {
        standIn.responder = r -> {
            if (r.path().startsWith("/cgi-bin/webhook/send")) {
                return new ProviderStandIn.Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
            return new ProviderStandIn.Answer(204, "");
        };
        String robot = createChannel(Map.of("type", "wecom_robot", "name", uniqueName("企微机器人"),
                "wecomRobot", Map.of("webhookUrl", standIn.url() + "/cgi-bin/webhook/send?key=robot-key-1", "messageType",
                        "markdown"))).path("id").asString();
        JsonNode hook = createChannel(Map.of("type", "webhook", "name", uniqueName("Webhook"),
                "webhook", Map.of("url", standIn.url() + "/hooks/liuliang", "secret", WEBHOOK_SECRET)));
        assertThat(hook.toString()).doesNotContain(WEBHOOK_SECRET);
        String push = createChannel(Map.of("type", "push_webhook", "name", uniqueName("App push"),
                "webhook", Map.of("url", standIn.url() + "/push", "secret", WEBHOOK_SECRET))).path("id").asString();
        String customer = customer("吴十一", null, null);
        String robotTemplate = createTemplate(robot, "service", null, "**新订单** 客户 {{customer.name}} 下单了", null, null);
        String hookTemplate = createTemplate(hook.path("id").asString(), "service", "订单", "{{customer.name}} 的订单已发货", null, null);
        String pushTemplate = createTemplate(push, "service", "发货啦", "{{customer.name}}，包裹已发出", null, null);
        String a = send(robotTemplate, customer, "wc-" + UUID.randomUUID()).path("deliveryId").asString();
        String b = send(hookTemplate, customer, "wh-" + UUID.randomUUID()).path("deliveryId").asString();
        String c = send(pushTemplate, customer, "ph-" + UUID.randomUUID()).path("deliveryId").asString();
        awaitStatus(a, "sent");
        awaitStatus(b, "sent");
        awaitStatus(c, "sent");
        ProviderStandIn.Request wecom = standIn.requests.stream().filter(r -> r.path().startsWith("/cgi-bin")).findFirst().orElseThrow();
        assertThat(wecom.rawQuery()).isEqualTo("key=robot-key-1");
        JsonNode markdown = JSON.readTree(wecom.body());
        assertThat(markdown.path("msgtype").asString()).isEqualTo("markdown");
        assertThat(markdown.path("markdown").path("content").asString()).isEqualTo("**新订单** 客户 吴十一 下单了");
        for (String path : List.of("/hooks/liuliang", "/push")) {
            ProviderStandIn.Request r = standIn.requests.stream().filter(x -> x.path().equals(path)).findFirst().orElseThrow();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(r.header("X-Liuliang-Signature"))
                    .isEqualTo("sha256=" + hex(mac.doFinal(r.body().getBytes(StandardCharsets.UTF_8))));
            JsonNode body = JSON.readTree(r.body());
            assertThat(r.header("X-Liuliang-Delivery")).isEqualTo(body.path("deliveryId").asString());
            assertThat(body.path("customerId").asString()).isEqualTo(customer);
            assertThat(body.path("type").asString()).isEqualTo(path.equals("/push") ? "push" : "message");
        }
        assertThat(JSON.readTree(standIn.requests.stream().filter(x -> x.path().equals("/push")).findFirst().orElseThrow()
                .body()).path("body").asString()).isEqualTo("吴十一，包裹已发出");
    }

    @Test
    void failuresAreRetriedWithBackoffThenDeadAndADeadDeliveryCanBeRetried() throws Exception {
        AtomicInteger status = new AtomicInteger(500);
        standIn.responder = r -> new ProviderStandIn.Answer(status.get(), "{\"error\":\"boom\"}");
        String hook = createChannel(Map.of("type", "webhook", "name", uniqueName("Flaky"),
                "webhook", Map.of("url", standIn.url() + "/flaky", "secret", WEBHOOK_SECRET))).path("id").asString();
        String template = createTemplate(hook, "service", "x", "{{customer.name}}", null, null);
        String customer = customer("郑十二", null, null);
        withSettings(Map.of("retry", Map.of("maxAttempts", 3, "backoffSeconds", 1)), () -> {
            String delivery = send(template, customer, "retry-" + UUID.randomUUID()).path("deliveryId").asString();
            JsonNode failed = awaitDelivery(delivery, d -> d.path("status").asString().equals("failed"), Duration.ofSeconds(10));
            assertThat(failed.path("nextAttemptAt").isNull()).isFalse();
            assertThat(failed.path("error").asString()).contains("HTTP 500");
            JsonNode dead = awaitDelivery(delivery, d -> d.path("status").asString().equals("dead"), Duration.ofSeconds(20));
            assertThat(dead.path("attempts").asInt()).isEqualTo(3);
            List<ProviderStandIn.Request> tries = standIn.requests.stream().filter(r -> r.path().equals("/flaky")).toList();
            assertThat(tries).hasSize(3);
            assertThat(tries).allMatch(r -> delivery.equals(r.header("X-Liuliang-Delivery")));
            // the dead-letter view, and a retry once the receiver is back
            assertThat(operator.get("/api/v1/messaging/deliveries?status=dead&customerId=" + customer).json()
                    .path("items").get(0).path("id").asString()).isEqualTo(delivery);
            status.set(200);
            ApiClient.Response retry = operator.post("/api/v1/messaging/deliveries/" + delivery + ":retry", null);
            assertThat(retry.status()).as(retry.body()).isEqualTo(200);
            awaitStatus(delivery, "sent");
            assertThat(operator.post("/api/v1/messaging/deliveries/" + delivery + ":retry", null).status()).isEqualTo(409);
        });
    }

    // ---- caps and quiet hours

    @Test
    void frequencyCapsHoldAlsoForConcurrentSends() throws Exception {
        standIn.responder = r -> new ProviderStandIn.Answer(200, r.path().equals("/") || r.rawQuery() != null
                ? "{\"Code\":\"OK\",\"BizId\":\"biz-" + ids.incrementAndGet() + "\"}" : "{}");
        String sms = createTemplate(aliyunChannel(), "marketing", null, "{{customer.name}} 上新啦", "SMS_1", List.of());
        String hook = createChannel(Map.of("type", "webhook", "name", uniqueName("营销 webhook"), "ratePerSecond", 100,
                "webhook", Map.of("url", standIn.url() + "/marketing", "secret", WEBHOOK_SECRET))).path("id").asString();
        String webhookMarketing = createTemplate(hook, "marketing", "x", "{{customer.name}}", null, null);
        withSettings(Map.of("quietHours", List.of(), "caps", List.of(Map.of("channel", "sms", "count", 1, "periodDays", 1),
                Map.of("channel", "all", "count", 4, "periodDays", 30))), () -> {
            String phone = randomMobile();
            String a = customer("冯一", null, phone);
            assertThat(send(sms, a, UUID.randomUUID().toString()).path("outcome").asString()).isEqualTo("queued");
            JsonNode second = send(sms, a, UUID.randomUUID().toString());
            assertThat(second.path("outcome").asString()).isEqualTo("skipped");
            assertThat(second.path("skipReason").asString()).isEqualTo("frequency_capped");

            // eight sends at once for one customer: one passes the cap of one SMS a day
            String concurrentPhone = randomMobile();
            String b = customer("陈二", null, concurrentPhone);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonNode>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<JsonNode> task = () -> {
                    start.await();
                    return send(sms, b, UUID.randomUUID().toString());
                };
                outcomes.add(pool.submit(task));
            }
            start.countDown();
            List<JsonNode> results = new ArrayList<>();
            for (Future<JsonNode> f : outcomes) {
                results.add(f.get());
            }
            pool.shutdown();
            List<JsonNode> queued = results.stream().filter(r -> r.path("outcome").asString().equals("queued")).toList();
            assertThat(queued).as(results.toString()).hasSize(1);
            assertThat(results.stream().filter(r -> r.path("skipReason").asString().equals("frequency_capped")).count())
                    .isEqualTo(7);
            awaitStatus(queued.get(0).path("deliveryId").asString(), "sent");
            assertThat(smsTo(concurrentPhone)).hasSize(1);

            // four marketing touches in 30 days across channels: the SMS and three webhooks, then no more
            String c = customer("褚三", null, randomMobile());
            assertThat(send(sms, c, UUID.randomUUID().toString()).path("outcome").asString()).isEqualTo("queued");
            for (int i = 0; i < 3; i++) {
                assertThat(send(webhookMarketing, c, UUID.randomUUID().toString()).path("outcome").asString()).isEqualTo("queued");
            }
            assertThat(send(webhookMarketing, c, UUID.randomUUID().toString()).path("skipReason").asString())
                    .isEqualTo("frequency_capped");
        });
    }

    @Test
    void aBatchOfSendsChecksEachMessageAsIfTheyWereSentOneAfterAnother() throws Exception {
        standIn.responder = r -> new ProviderStandIn.Answer(200, r.path().equals("/") || r.rawQuery() != null
                ? "{\"Code\":\"OK\",\"BizId\":\"biz-" + ids.incrementAndGet() + "\"}" : "{}");
        UUID sms = UUID.fromString(createTemplate(aliyunChannel(), "marketing", null, "{{customer.name}} 上新啦", "SMS_1",
                List.of()));
        UUID service = UUID.fromString(createTemplate(aliyunChannel(), "service", null, "{{customer.name}} 已发货", "SMS_3",
                List.of()));
        withSettings(Map.of("quietHours", List.of(), "caps", List.of(Map.of("channel", "sms", "count", 1, "periodDays", 1))),
                () -> {
            String phone = randomMobile();
            CustomerId a = new CustomerId(UUID.fromString(customer("蒋五", null, phone)));
            CustomerId optedOut = new CustomerId(UUID.fromString(customer("沈六", null, randomMobile())));
            operator.put("/api/v1/customers/" + optedOut.value() + "/consents/sms/marketing",
                    Map.of("status", "opted_out", "source", "store"));
            CustomerId noPhone = new CustomerId(UUID.fromString(customer("韩七", null, null)));
            String batch = UUID.randomUUID().toString();
            List<SendRequest> requests = List.of(
                    new SendRequest(a, sms, batch + ":1", "test", null, null),
                    new SendRequest(a, sms, batch + ":2", "test", null, null),
                    new SendRequest(optedOut, sms, batch + ":3", "test", null, null),
                    new SendRequest(noPhone, sms, batch + ":4", "test", null, null),
                    new SendRequest(a, sms, batch + ":1", "test", null, null),
                    new SendRequest(a, service, batch + ":5", "test", null, null));
            List<SendOutcome> first = messaging.sendAll(requests);
            assertThat(first.get(0)).isInstanceOf(SendOutcome.Queued.class);
            UUID queued = ((SendOutcome.Queued) first.get(0)).deliveryId();
            // the second marketing SMS of the day counts the first one of the same batch
            assertThat(first.get(1)).isEqualTo(new SendOutcome.Skipped(SkipReason.FREQUENCY_CAPPED));
            assertThat(first.get(2)).isEqualTo(new SendOutcome.Skipped(SkipReason.OPTED_OUT));
            assertThat(first.get(3)).isEqualTo(new SendOutcome.Skipped(SkipReason.NO_ADDRESS));
            assertThat(first.get(4)).isEqualTo(new SendOutcome.AlreadyQueued(queued));
            // service messages are not capped
            assertThat(first.get(5)).isInstanceOf(SendOutcome.Queued.class);
            UUID serviceDelivery = ((SendOutcome.Queued) first.get(5)).deliveryId();

            // the same batch again queues nothing new and answers what the first one did
            List<SendOutcome> again = messaging.sendAll(requests);
            assertThat(again).containsExactly(new SendOutcome.AlreadyQueued(queued),
                    new SendOutcome.Skipped(SkipReason.FREQUENCY_CAPPED), new SendOutcome.Skipped(SkipReason.OPTED_OUT),
                    new SendOutcome.Skipped(SkipReason.NO_ADDRESS), new SendOutcome.AlreadyQueued(queued),
                    new SendOutcome.AlreadyQueued(serviceDelivery));
            awaitStatus(queued.toString(), "sent");
            awaitStatus(serviceDelivery.toString(), "sent");
            assertThat(smsTo(phone)).hasSize(2);
            assertThat(jdbc.sql("SELECT count(*) FROM msg_delivery WHERE idempotency_key LIKE ?").param(batch + ":%")
                    .query(Long.class).single()).isEqualTo(5);
        });
    }

    @Test
    void aMarketingSmsDueInQuietHoursIsDeferredToTheirEndAndThenDelivered() throws Exception {
        standIn.responder = r -> new ProviderStandIn.Answer(200, "{\"Code\":\"OK\",\"BizId\":\"biz-" + ids.incrementAndGet() + "\"}");
        String channel = aliyunChannel();
        String marketing = createTemplate(channel, "marketing", null, "{{customer.name}} 晚安特惠", "SMS_2", List.of());
        String service = createTemplate(channel, "service", null, "{{customer.name}} 您的订单已发货", "SMS_3", List.of());
        LocalTime now = LocalTime.now(SHANGHAI).truncatedTo(ChronoUnit.SECONDS);
        LocalTime end = now.plusSeconds(6);
        Instant expectedEnd = LocalDate.now(SHANGHAI).atTime(end).atZone(SHANGHAI).toInstant();
        if (end.isBefore(now)) {
            expectedEnd = expectedEnd.plus(Duration.ofDays(1));
        }
        Instant deferredTo = expectedEnd;
        withSettings(Map.of("quietHours", List.of(Map.of("channel", "sms", "start", now.minusMinutes(1).toString(),
                "end", end.toString()))), () -> {
            String phone = randomMobile();
            String customer = customer("卫四", null, phone);
            JsonNode queued = send(marketing, customer, UUID.randomUUID().toString());
            assertThat(queued.path("outcome").asString()).isEqualTo("queued");
            assertThat(Instant.parse(queued.path("notBefore").asString())).isEqualTo(deferredTo);
            // service messages ignore quiet hours
            String svc = send(service, customer, UUID.randomUUID().toString()).path("deliveryId").asString();
            awaitStatus(svc, "sent");
            String deferred = queued.path("deliveryId").asString();
            assertThat(delivery(deferred).path("status").asString()).isEqualTo("queued");
            JsonNode sent = awaitDelivery(deferred, d -> d.path("status").asString().equals("sent"), Duration.ofSeconds(20));
            assertThat(Instant.parse(sent.path("sentAt").asString())).isAfterOrEqualTo(deferredTo);
            assertThat(smsTo(phone)).hasSize(2);
        });
    }
}
