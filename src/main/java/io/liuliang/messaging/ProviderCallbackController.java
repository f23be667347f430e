package io.liuliang.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.customer.Customers;
import io.liuliang.customer.PiiKind;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS providers' callbacks: delivery receipts and customers' replies. The URL names the channel and carries its
 * callback token (see {@code GET /api/v1/messaging/channels/{id}/callbacks}); a wrong token is refused. Formats:
 * <ul>
 * <li>Aliyun receipts (SmsReport): {@code [{phone_number, success, err_code, err_msg, biz_id, out_id, report_time}]};
 * replies (SmsUp): {@code [{phone_number, content, send_time, sign_name, sequence_id}]}; answered
 * {@code {"code":0,"msg":"成功"}}.</li>
 * <li>Tencent receipts: {@code [{mobile, nationcode, report_status SUCCESS|FAIL, errmsg, description, sid,
 * user_receive_time}]}; replies: {@code {mobile, nationcode, text, sign, time}} (or an array); answered
 * {@code {"result":0,"errmsg":"OK"}}.</li>
 * </ul>
 * A reply of T, TD, 退订, STOP, N or UNSUBSCRIBE opts the number's customers out of marketing SMS and suppresses the
 * number. E-mail channels take the mail server's bounce reports (RFC 3464) at {@code /bounces}.
 */
@RestController
@RequestMapping("/api/v1/webhooks/messaging/{channelId}/{token}")
@Tag(name = "Messaging callbacks", description = "SMS delivery receipts and replies from Aliyun and Tencent Cloud; e-mail bounce reports")
class ProviderCallbackController {

    static final int MAX_BOUNCE_BYTES = 5 * 1024 * 1024;
    static final Set<String> OPT_OUT_WORDS = Set.of("T", "TD", "退订", "STOP", "N", "UNSUBSCRIBE");

    private final ChannelStore channels;
    private final DeliveryService deliveries;
    private final Suppressions suppressions;
    private final Consents consents;
    private final Customers customers;
    private final JsonMapper json;

    ProviderCallbackController(ChannelStore channels, DeliveryService deliveries, Suppressions suppressions,
                               Consents consents, Customers customers, JsonMapper json) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.consents = consents;
        this.customers = customers;
        this.json = json;
    }

    record AliyunAnswer(int code, String msg) {
    }

    record TencentAnswer(int result, String errmsg) {
    }

    @PostMapping("/receipts")
    @Operation(summary = "Delivery receipts (Aliyun SmsReport or Tencent status callback, by the channel's type)")
    ResponseEntity<?> receipts(@PathVariable UUID channelId, @PathVariable String token, @RequestBody String body) {
        Channel channel = authenticated(channelId, token);
        List<DeliveryService.Receipt> receipts = new ArrayList<>();
        for (JsonNode r : items(body)) {
            if (channel.type() == ChannelType.SMS_ALIYUN) {
                String outId = r.path("out_id").asString("");
                receipts.add(new DeliveryService.Receipt(r.path("biz_id").asString(null), uuid(outId),
                        r.path("success").asBoolean(false), r.path("err_code").asString(null),
                        r.path("err_msg").asString(null), r.toString()));
            } else {
                receipts.add(new DeliveryService.Receipt(r.path("sid").asString(null), null,
                        "SUCCESS".equalsIgnoreCase(r.path("report_status").asString("")),
                        r.path("errmsg").asString(null), r.path("description").asString(null), r.toString()));
            }
        }
        deliveries.receipts(channel.id(), receipts);
        return answer(channel);
    }

    @PostMapping("/replies")
    @Operation(summary = "Customers' SMS replies (Aliyun SmsUp or Tencent reply callback); T/TD/退订/STOP/N opt out")
    ResponseEntity<?> replies(@PathVariable UUID channelId, @PathVariable String token, @RequestBody String body) {
        Channel channel = authenticated(channelId, token);
        for (JsonNode r : items(body)) {
            String phone;
            String text;
            if (channel.type() == ChannelType.SMS_ALIYUN) {
                phone = Addresses.e164(r.path("phone_number").asString(""));
                text = r.path("content").asString("");
            } else {
                phone = Addresses.fromNational(r.path("nationcode").asString("86"), r.path("mobile").asString(""));
                text = r.path("text").asString("");
            }
            if (phone == null || !OPT_OUT_WORDS.contains(text.strip().toUpperCase(Locale.ROOT))) {
                continue;
            }
            String source = "sms_reply:" + channel.type().code();
            suppressions.suppress(ChannelKind.SMS, phone, SuppressionReason.UNSUBSCRIBED, source, null);
            customers.withContact(PiiKind.PHONE, phone).forEach(customer ->
                    consents.set(customer, ChannelKind.SMS, Purpose.MARKETING, ConsentStatus.OPTED_OUT, source));
        }
        return answer(channel);
    }

    /** What a bounce report changed: the recipients it named, the deliveries it matched, the addresses suppressed. */
    record BounceAnswer(int recipients, int matched, int suppressed) {
    }

    @PostMapping("/bounces")
    @Operation(summary = "E-mail bounce reports (RFC 3464 delivery status notifications, posted as the raw message): "
            + "a permanent failure suppresses the address and marks the delivery failed")
    BounceAnswer bounces(@PathVariable UUID channelId, @PathVariable String token, @RequestBody byte[] body) {
        Channel channel = authenticated(channelId, token, ChannelType.EMAIL);
        if (body == null || body.length == 0) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "the body must be the bounce message (message/rfc822)");
        }
        if (body.length > MAX_BOUNCE_BYTES) {
            throw new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE, "a bounce report may be at most "
                    + MAX_BOUNCE_BYTES / (1024 * 1024) + " MiB");
        }
        List<BounceReports.Bounce> bounces;
        try {
            bounces = BounceReports.parse(body);
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, e.getMessage());
        }
        List<DeliveryService.Receipt> receipts = new ArrayList<>();
        int suppressed = 0;
        for (BounceReports.Bounce b : bounces) {
            String summary = "action=" + b.action() + " status=" + b.status() + " recipient=" + b.recipient()
                    + (b.diagnostic() == null ? "" : " diagnostic=" + b.diagnostic());
            if ("delivered".equals(b.action())) {
                receipts.add(new DeliveryService.Receipt(b.originalMessageId(), b.deliveryId(), true, b.status(), null, summary));
            } else if (b.permanent()) {
                receipts.add(new DeliveryService.Receipt(b.originalMessageId(), b.deliveryId(), false, b.status(),
                        b.diagnostic(), summary));
                String normalized = Suppressions.normalized(ChannelKind.EMAIL, b.recipient());
                if (normalized != null) {
                    suppressions.suppress(ChannelKind.EMAIL, normalized, SuppressionReason.HARD_BOUNCE,
                            "bounce:" + channel.type().code(), null);
                    suppressed++;
                }
            }
            // delayed, relayed, expanded, or a temporary failure: the server is still trying
        }
        int matched = receipts.isEmpty() ? 0 : deliveries.receipts(channel.id(), receipts);
        return new BounceAnswer(bounces.size(), matched, suppressed);
    }

    private Channel authenticated(UUID channelId, String token) {
        return authenticated(channelId, token, ChannelType.SMS_ALIYUN, ChannelType.SMS_TENCENT);
    }

    private Channel authenticated(UUID channelId, String token, ChannelType... types) {
        Channel channel = channels.find(channelId).orElse(null);
        boolean ok = channel != null && java.util.Arrays.asList(types).contains(channel.type())
                && MessageDigest.isEqual(channel.callbackToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new ApiProblemException(ProblemType.UNAUTHENTICATED, "unknown "
                    + (types[0] == ChannelType.EMAIL ? "e-mail" : "SMS") + " channel or wrong callback token");
        }
        return channel;
    }

    private List<JsonNode> items(String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (RuntimeException e) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "the callback body is not JSON");
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else if (root.isObject()) {
            items.add(root);
        } else {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "the callback body is not a JSON object or array");
        }
        return items;
    }

    private static ResponseEntity<?> answer(Channel channel) {
        return ResponseEntity.ok(channel.type() == ChannelType.SMS_ALIYUN ? new AliyunAnswer(0, "成功")
                : new TencentAnswer(0, "OK"));
    }

    private static UUID uuid(String s) {
        try {
            return s == null || s.isBlank() ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
