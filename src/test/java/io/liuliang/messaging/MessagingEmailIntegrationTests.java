package io.liuliang.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.liuliang.support.ApiClient;
import io.liuliang.support.LocalSmtp;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail through an in-process SMTP server (GreenMail): rendering, the unsubscribe link and header, open and click
 * tracking, consent and suppression, idempotent sends, channel and template validation, previews.
 */
class MessagingEmailIntegrationTests extends MessagingTestSupport {

    private static GreenMail smtp;
    private static int smtpPort;
    private static final HttpClient PLAIN = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String channel;

    @BeforeAll
    static void startSmtp() {
        smtp = LocalSmtp.start();
        smtpPort = smtp.getSmtp().getPort();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void setUp() {
        operator = signedIn("OPERATOR");
        channel = createChannel(Map.of("type", "email", "name", uniqueName("邮件"), "ratePerSecond", 50,
                "email", Map.of("host", "127.0.0.1", "port", smtpPort, "security", "none",
                        "fromAddress", "hello@liuliang-shop.cn", "fromName", "留量小店"))).path("id").asString();
    }

    private static String email() {
        return "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@liuliang-buyers.cn";
    }

    private List<MimeMessage> to(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    private MimeMessage awaitMail(String address) throws Exception {
        for (int i = 0; i < 150 && to(address).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(to(address)).as("a mail to " + address).hasSize(1);
        return to(address).get(0);
    }

    private HttpResponse<String> plain(String method, String pathAndQuery, String formBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery));
        if (formBody != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(formBody));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return PLAIN.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    @Test
    void aMarketingEmailArrivesRenderedWithAWorkingUnsubscribeAndTrackedOpensAndClicks() throws Exception {
        String address = email();
        String customer = customer("林小雨", address, null);
        String template = createTemplate(channel, "marketing", "{{customer.name}}，送您一张券",
                "<p>亲爱的 {{customer.name}}：</p><p>券码 <b>{{coupon.code}}</b></p>"
                        + "<p><a href=\"https://shop.liuliang.cn/sale?x=1&amp;y=2\">去看看</a></p>", null, null);
        String key = "email-" + UUID.randomUUID();
        JsonNode queued = send(template, customer, key);
        assertThat(queued.path("outcome").asString()).as(queued.toString()).isEqualTo("queued");
        String delivery = queued.path("deliveryId").asString();
        // the same key again queues nothing new
        JsonNode again = send(template, customer, key);
        assertThat(again.path("outcome").asString()).isEqualTo("already_queued");
        assertThat(again.path("deliveryId").asString()).isEqualTo(delivery);

        MimeMessage mail = awaitMail(address);
        assertThat(mail.getSubject()).isEqualTo("林小雨，送您一张券");
        String body = GreenMailUtil.getBody(mail);
        String html = decodedHtml(mail);
        assertThat(html).contains("亲爱的 林小雨", "QUAN-8888");
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).startsWith("<").endsWith(">").contains("/u/");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(html).contains(unsubscribe.substring(1, unsubscribe.length() - 1));
        assertThat(body).isNotEmpty();
        JsonNode sent = awaitStatus(delivery, "sent");
        assertThat(sent.path("providerMessageId").asString()).isNotBlank();
        assertThat(sent.path("address").asString()).isEqualTo("b***@liuliang-buyers.cn");
        // the daily figures count it today (by where it is now), with a zero-filled row per day
        JsonNode daily = operator.get("/api/v1/messaging/deliveries/daily?days=7").json();
        assertThat(daily.size()).isEqualTo(7);
        JsonNode today = daily.get(6);
        assertThat(today.path("sent").asLong() + today.path("delivered").asLong()).isPositive();
        assertThat(operator.get("/api/v1/messaging/deliveries/daily?days=0").status()).isEqualTo(400);

        // the open pixel and the click redirect are recorded; the click goes only where the message pointed
        Matcher pixel = Pattern.compile("src=\"([^\"]*/t/o/[^\"]+)\"").matcher(html);
        assertThat(pixel.find()).isTrue();
        HttpResponse<String> open = plain("GET", pathOf(pixel.group(1)), null);
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.headers().firstValue("Content-Type").orElse("")).startsWith("image/gif");
        assertThat(delivery(delivery).path("openedAt").isNull()).isFalse();
        Matcher link = Pattern.compile("href=\"([^\"]*/t/c/[^\"]+)\"").matcher(html);
        assertThat(link.find()).isTrue();
        HttpResponse<String> click = plain("GET", pathOf(link.group(1)), null);
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location").orElse("")).isEqualTo("https://shop.liuliang.cn/sale?x=1&y=2");
        assertThat(delivery(delivery).path("clickedAt").isNull()).isFalse();
        String token = link.group(1).substring(link.group(1).lastIndexOf('/') + 1);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((delivery + "\nhttps://evil.example")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        assertThat(plain("GET", "/t/c/" + forged, null).statusCode()).isEqualTo(404);

        // the unsubscribe page does not unsubscribe; the one-click POST (no session, no CSRF token) does
        String unsubscribePath = pathOf(unsubscribe.substring(1, unsubscribe.length() - 1));
        HttpResponse<String> page = plain("GET", unsubscribePath, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(consent(customer, "email", "marketing").path("status").asString()).isEqualTo("allowed_by_default");
        HttpResponse<String> oneClick = plain("POST", unsubscribePath, "List-Unsubscribe=One-Click");
        assertThat(oneClick.statusCode()).as(oneClick.body()).isEqualTo(200);
        JsonNode consent = consent(customer, "email", "marketing");
        assertThat(consent.path("status").asString()).isEqualTo("opted_out");
        assertThat(consent.path("source").asString()).isEqualTo("unsubscribe_link");
        assertThat(plain("POST", "/u/bad." + "x", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);

        // the next marketing e-mail is skipped, and nothing arrives
        JsonNode skipped = send(template, customer, "email-" + UUID.randomUUID());
        assertThat(skipped.path("outcome").asString()).isEqualTo("skipped");
        assertThat(skipped.path("skipReason").asString()).isEqualTo("opted_out");
        Thread.sleep(1_500);
        assertThat(to(address)).hasSize(1);
        // a service e-mail still goes out
        String service = createTemplate(channel, "service", "订单已发货", "<p>{{customer.name}}，您的订单已发货</p>", null, null);
        JsonNode serviceSend = send(service, customer, "svc-" + UUID.randomUUID());
        assertThat(serviceSend.path("outcome").asString()).isEqualTo("queued");
        awaitStatus(serviceSend.path("deliveryId").asString(), "sent");
        assertThat(to(address)).hasSize(2);
        assertThat(to(address).get(1).getHeader("List-Unsubscribe")).isNull();
        // the customer's messages for the 360° page
        JsonNode messages = operator.get("/api/v1/customers/" + customer + "/messages").json();
        assertThat(messages.path("items").size()).isEqualTo(3);
    }

    private JsonNode consent(String customer, String channel, String purpose) {
        JsonNode all = operator.get("/api/v1/messaging/consents?customerId=" + customer).json();
        for (JsonNode c : all.path("consents")) {
            if (c.path("channel").asString().equals(channel) && c.path("purpose").asString().equals(purpose)) {
                return c;
            }
        }
        throw new AssertionError("no consent " + channel + "/" + purpose + " in " + all);
    }

    private static String decodedHtml(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        StringBuilder out = new StringBuilder();
        collect(content, out);
        return out.toString();
    }

    private static void collect(Object content, StringBuilder out) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/html")) {
                    out.append(part.getContent());
                } else {
                    collect(part.getContent(), out);
                }
            }
        }
    }

    @Test
    void optedOutAndSuppressedCustomersGetNoMarketingAndHardBouncesNoServiceEither() throws Exception {
        String template = createTemplate(channel, "marketing", "上新", "<p>{{customer.name}}，新品到了</p>", null, null);
        String service = createTemplate(channel, "service", "发货", "<p>已发货</p>", null, null);
        String optedOutAddress = email();
        String optedOut = customer("周一", optedOutAddress, null);
        ApiClient.Response put = operator.put("/api/v1/customers/" + optedOut + "/consents/email/marketing",
                Map.of("status", "opted_out", "source", "store"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(send(template, optedOut, UUID.randomUUID().toString()).path("skipReason").asString()).isEqualTo("opted_out");
        JsonNode history = operator.get("/api/v1/messaging/consents?customerId=" + optedOut).json().path("history");
        assertThat(history.get(0).path("source").asString()).isEqualTo("store");

        String suppressedAddress = email();
        String suppressed = customer("吴二", suppressedAddress, null);
        ApiClient.Response add = operator.post("/api/v1/messaging/suppressions", Map.of("channel", "email",
                "address", suppressedAddress.toUpperCase(), "reason", "complaint", "source", "postmaster"));
        assertThat(add.status()).as(add.body()).isEqualTo(201);
        assertThat(add.json().path("address").asString()).doesNotContain("buyer-");
        JsonNode skipped = send(template, suppressed, UUID.randomUUID().toString());
        assertThat(skipped.path("skipReason").asString()).isEqualTo("suppressed");
        // a complaint does not stop service messages; a hard bounce does
        JsonNode complained = send(service, suppressed, UUID.randomUUID().toString());
        assertThat(complained.path("outcome").asString()).isEqualTo("queued");
        String bouncedAddress = email();
        String bounced = customer("郑三", bouncedAddress, null);
        operator.post("/api/v1/messaging/suppressions", Map.of("channel", "email", "address", bouncedAddress, "reason", "hard_bounce"));
        assertThat(send(service, bounced, UUID.randomUUID().toString()).path("skipReason").asString()).isEqualTo("suppressed");
        // the list finds it by the exact address; removing it lets mail through again
        JsonNode found = operator.get("/api/v1/messaging/suppressions?q=" + bouncedAddress).json();
        assertThat(found.path("items").size()).isEqualTo(1);
        assertThat(operator.delete("/api/v1/messaging/suppressions/" + found.path("items").get(0).path("id").asLong())
                .status()).isEqualTo(204);
        JsonNode unbounced = send(service, bounced, UUID.randomUUID().toString());
        assertThat(unbounced.path("outcome").asString()).isEqualTo("queued");
        awaitStatus(complained.path("deliveryId").asString(), "sent");
        awaitStatus(unbounced.path("deliveryId").asString(), "sent");
        assertThat(to(optedOutAddress)).isEmpty();
        assertThat(to(bouncedAddress)).hasSize(1);
        assertThat(to(suppressedAddress)).hasSize(1);
        // skips are in the log with their reason
        JsonNode skippedLog = operator.get("/api/v1/messaging/deliveries?status=skipped&customerId=" + suppressed).json();
        assertThat(skippedLog.path("items").get(0).path("skipReason").asString()).isEqualTo("suppressed");
        // a customer without an e-mail address
        String noMail = customer("王四", null, null);
        assertThat(send(template, noMail, UUID.randomUUID().toString()).path("skipReason").asString()).isEqualTo("no_address");
    }

    /** A delivery status notification as RFC 3464 lays it out, returning the headers of the original message. */
    private static String bounceReport(String recipient, String action, String status, String diagnostic,
                                       String originalMessageId, String deliveryId) {
        String boundary = "dsn-" + UUID.randomUUID();
        return "From: MAILER-DAEMON@mx.liuliang-buyers.cn\r\n"
                + "To: hello@liuliang-shop.cn\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is the mail system at host mx.liuliang-buyers.cn. Your message could not be delivered.\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.liuliang-buyers.cn\r\n"
                + "Arrival-Date: Thu, 3 Dec 2026 16:00:00 +0800\r\n"
                + "\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\n"
                + "Original-Recipient: rfc822;" + recipient + "\r\n"
                + "Action: " + action + "\r\n"
                + "Status: " + status + "\r\n"
                + "Remote-MTA: dns; mx.liuliang-buyers.cn\r\n"
                + "Diagnostic-Code: smtp; " + diagnostic + "\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/rfc822-headers\r\n\r\n"
                + "From: =?UTF-8?B?55WZ6YeP5bCP5bqX?= <hello@liuliang-shop.cn>\r\n"
                + "To: " + recipient + "\r\n"
                + "Message-ID: " + originalMessageId + "\r\n"
                + "X-Liuliang-Delivery: " + deliveryId + "\r\n"
                + "Subject: hi\r\n"
                + "\r\n"
                + "--" + boundary + "--\r\n";
    }

    private HttpResponse<String> postBounce(String path, String report) throws Exception {
        return PLAIN.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBounceReportFromTheMailServerFailsTheDeliveryAndSuppressesTheAddress() throws Exception {
        String service = createTemplate(channel, "service", "发货", "<p>{{customer.name}}，已发货</p>", null, null);
        String address = email();
        String customer = customer("秦五", address, null);
        String delivery = send(service, customer, UUID.randomUUID().toString()).path("deliveryId").asString();
        JsonNode sent = awaitStatus(delivery, "sent");
        awaitMail(address);
        String messageId = jdbc.sql("SELECT provider_message_id FROM msg_delivery WHERE id = ?::uuid").param(delivery)
                .query(String.class).single();
        assertThat(messageId).isEqualTo(sent.path("providerMessageId").asString());

        String url = operator.get("/api/v1/messaging/channels/" + channel + "/callbacks").json().path("bounces").asString();
        assertThat(url).contains("/api/v1/webhooks/messaging/" + channel + "/").endsWith("/bounces");
        String path = URI.create(url).getPath();
        // a wrong token is refused, and so is the channel's token on an SMS path
        HttpResponse<String> wrong = postBounce(path.replace("/bounces", "x/bounces"),
                bounceReport(address, "failed", "5.1.1", "550 5.1.1 user unknown", messageId, delivery));
        assertThat(wrong.statusCode()).isEqualTo(401);
        // a delay is no bounce: nothing changes
        HttpResponse<String> delayed = postBounce(path, bounceReport(address, "delayed", "4.4.1",
                "451 4.4.1 try again later", messageId, delivery));
        assertThat(delayed.statusCode()).as(delayed.body()).isEqualTo(200);
        assertThat(delivery(delivery).path("status").asString()).isEqualTo("sent");

        HttpResponse<String> failed = postBounce(path, bounceReport(address.toUpperCase(java.util.Locale.ROOT), "failed",
                "5.1.1", "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown", messageId, delivery));
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
        assertThat(failed.body()).contains("\"recipients\":1").contains("\"matched\":1").contains("\"suppressed\":1");
        JsonNode bounced = delivery(delivery);
        assertThat(bounced.path("status").asString()).isEqualTo("failed");
        assertThat(bounced.path("error").asString()).contains("5.1.1").contains("User unknown");
        JsonNode suppression = operator.get("/api/v1/messaging/suppressions?q=" + address).json().path("items");
        assertThat(suppression.size()).isEqualTo(1);
        assertThat(suppression.get(0).path("reason").asString()).isEqualTo("hard_bounce");
        // a hard bounce stops service mail to the address too
        assertThat(send(service, customer, UUID.randomUUID().toString()).path("skipReason").asString()).isEqualTo("suppressed");
        // the Message-ID alone finds the delivery when the server returned no X-Liuliang-Delivery header
        HttpResponse<String> byMessageId = postBounce(path, bounceReport(address, "failed", "5.1.1", "550 user unknown",
                messageId, "not-a-delivery-id"));
        assertThat(byMessageId.body()).contains("\"matched\":1");
        // a message that is no delivery status notification changes nothing
        HttpResponse<String> plain = postBounce(path, "From: someone@example.com\r\nSubject: hello\r\n\r\nhello\r\n");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).contains("\"recipients\":0");
        assertThat(postBounce(path, "").statusCode()).isEqualTo(400);
    }

    @Test
    void channelsNeverAnswerTheirSecretsAndTestSendsReportTheProvidersAnswer() throws Exception {
        JsonNode created = createChannel(Map.of("type", "sms_aliyun", "name", uniqueName("阿里云"),
                "aliyunSms", Map.of("accessKeyId", "LTAI-test", "accessKeySecret", "very-secret-value-1234", "signName", "【留量】")));
        assertThat(created.toString()).doesNotContain("very-secret-value");
        assertThat(created.path("aliyunSms").path("accessKeySecretSet").asBoolean()).isTrue();
        assertThat(created.path("aliyunSms").path("accessKeySecretHint").asString()).isEqualTo("••••1234");
        assertThat(created.path("aliyunSms").path("signName").asString()).isEqualTo("留量");
        assertThat(created.path("aliyunSms").path("endpoint").asString()).isEqualTo("https://dysmsapi.aliyuncs.com");
        String id = created.path("id").asString();
        ApiClient.Response renamed = operator.put("/api/v1/messaging/channels/" + id, Map.of("name", uniqueName("阿里云2"),
                "aliyunSms", Map.of("accessKeyId", "LTAI-test", "signName", "留量")));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("aliyunSms").path("accessKeySecretHint").asString()).isEqualTo("••••1234");
        assertThat(jdbc.sql("SELECT encode(config_enc, 'escape') FROM msg_channel WHERE id = ?::uuid").param(id)
                .query(String.class).single()).doesNotContain("very-secret-value");
        assertThat(jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE target_type = 'messaging-channel' AND target_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(2);
        JsonNode callbacks = operator.get("/api/v1/messaging/channels/" + id + "/callbacks").json();
        assertThat(callbacks.path("receipts").asString()).contains("/api/v1/webhooks/messaging/" + id + "/").endsWith("/receipts");

        ApiClient.Response bad = operator.post("/api/v1/messaging/channels", Map.of("type", "email", "name", " ",
                "email", Map.of("host", "bad host!", "port", 70000, "security", "tls9", "username", "u")));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("name", "email.host", "email.port", "email.security", "email.password",
                "email.fromAddress");
        assertThat(operator.post("/api/v1/messaging/channels", Map.of("type", "fax", "name", "x")).json()
                .path("errors").get(0).path("field").asString()).isEqualTo("type");

        String address = email();
        ApiClient.Response test = operator.post("/api/v1/messaging/channels/" + channel + ":test",
                Map.of("address", address, "text", "通道测试"));
        assertThat(test.status()).as(test.body()).isEqualTo(200);
        assertThat(test.json().path("ok").asBoolean()).as(test.body()).isTrue();
        assertThat(awaitMail(address).getSubject()).contains("test");
        assertThat(signedIn("ANALYST").post("/api/v1/messaging/channels/" + channel + ":test",
                Map.of("address", address)).status()).isEqualTo(403);

        // a disabled channel skips new sends
        assertThat(operator.post("/api/v1/messaging/channels/" + channel + ":disable", null).json()
                .path("enabled").asBoolean()).isFalse();
        String template = createTemplate(channel, "service", "s", "<p>x</p>", null, null);
        assertThat(send(template, customer("钱五", email(), null), UUID.randomUUID().toString()).path("skipReason")
                .asString()).isEqualTo("channel_disabled");
    }

    @Test
    void templatesAreCheckedAndPreviewedWithARealCustomer() {
        ApiClient.Response syntax = operator.post("/api/v1/messaging/templates", Map.of("channelId", channel,
                "purpose", "marketing", "name", uniqueName("坏"), "subject", "hi", "body", "<p>第一行</p>\n{{#customer.name}}没有结束"));
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.json().path("errors").get(0).path("field").asString()).isEqualTo("body");
        assertThat(syntax.json().path("errors").get(0).path("message").asString()).contains("line 2");
        ApiClient.Response unknown = operator.post("/api/v1/messaging/templates", Map.of("channelId", channel,
                "purpose", "marketing", "name", uniqueName("坏"), "subject", "{{customer.age}}", "body", "<p>{{points.balance}}</p>"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("subject");
        assertThat(unknown.json().path("errors").get(0).path("message").asString()).contains("unknown variable {{customer.age}}");
        ApiClient.Response noPurpose = operator.post("/api/v1/messaging/templates", Map.of("channelId", channel,
                "name", uniqueName("坏"), "body", "x", "smsTemplateCode", "SMS_1"));
        List<String> fields = new ArrayList<>();
        noPurpose.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("purpose", "subject", "smsTemplateCode");

        String address = email();
        String customer = customer("赵六六", address, null);
        String template = createTemplate(channel, "marketing", "{{customer.name}}的专属券",
                "<p>{{customer.name}} {{coupon.code}} <a href=\"{{links.unsubscribe}}\">退订</a></p>", null, null);
        JsonNode masked = operator.post("/api/v1/messaging/templates/" + template + ":preview",
                Map.of("customerId", customer)).json();
        assertThat(masked.path("piiRevealed").asBoolean()).isFalse();
        assertThat(masked.path("address").asString()).isEqualTo("b***@liuliang-buyers.cn");
        assertThat(masked.path("subject").asString()).isEqualTo("赵**的专属券");
        assertThat(masked.path("body").asString()).contains("/u/").doesNotContain("/t/o/");
        JsonNode revealed = signedIn("ADMIN").post("/api/v1/messaging/templates/" + template + ":preview",
                Map.of("customerId", customer, "couponCode", "VIP-1")).json();
        assertThat(revealed.path("piiRevealed").asBoolean()).as(revealed.toString()).isTrue();
        assertThat(revealed.path("address").asString()).isEqualTo(address);
        assertThat(revealed.path("subject").asString()).isEqualTo("赵六六的专属券");
        assertThat(revealed.path("body").asString()).contains("VIP-1");
        assertThat(operator.post("/api/v1/messaging/templates/" + template + ":preview",
                Map.of("customerId", UUID.randomUUID().toString())).status()).isEqualTo(404);
    }
}
