package io.liuliang.messaging;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;

/** Creates, changes and test-sends channels, validating each type's settings field by field. */
@Service
class ChannelService {

    static final int MAX_NAME = 100;
    static final int MAX_RATE = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelStore store;
    private final ChannelSenders senders;
    private final io.liuliang.iam.AuditLog audit;
    private final Clock clock;

    ChannelService(ChannelStore store, ChannelSenders senders, io.liuliang.iam.AuditLog audit, Clock clock) {
        this.store = store;
        this.senders = senders;
        this.audit = audit;
        this.clock = clock;
    }

    /** Channel changes are audited (they hold credentials); the detail never names a credential's value. */
    private void audited(Channel c, String what) {
        audit.record(io.liuliang.iam.AuditRecord.of(io.liuliang.iam.AuditAction.SETTINGS_CHANGED, "messaging-channel",
                c.id().toString(), c.name(), c.type().code() + " channel " + what));
    }

    /** A channel as a client writes it: the type's settings in the member named after it. */
    record ChannelInput(String type, String name, Boolean enabled, Integer ratePerSecond, ChannelConfig.Email email,
                        ChannelConfig.AliyunSms aliyunSms, ChannelConfig.TencentSms tencentSms,
                        ChannelConfig.WecomRobot wecomRobot, ChannelConfig.Webhook webhook) {
    }

    Channel get(UUID id) {
        return store.find(id).orElseThrow(() -> ApiProblemException.notFound("channel", id));
    }

    List<Channel> list() {
        return store.list();
    }

    @Transactional
    Channel create(ChannelInput input) {
        if (input == null) {
            throw ApiProblemException.invalid("body", "a channel is required");
        }
        Instant now = clock.instant();
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        Channel c = validated(UUID.randomUUID(), input, null, now,
                Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        store.insert(c);
        audited(c, "created");
        return c;
    }

    @Transactional
    Channel update(UUID id, ChannelInput input) {
        if (input == null) {
            throw ApiProblemException.invalid("body", "a channel is required");
        }
        Channel current = get(id);
        Channel c = validated(id, input, current, clock.instant(), current.callbackToken());
        store.update(c);
        audited(c, "changed");
        return get(id);
    }

    @Transactional
    Channel setEnabled(UUID id, boolean enabled) {
        Channel c = get(id);
        Channel changed = new Channel(c.id(), c.type(), c.name(), enabled, c.ratePerSecond(), c.config(),
                c.callbackToken(), c.createdAt(), c.createdBy(), clock.instant(), Actor.current());
        store.update(changed);
        audited(changed, enabled ? "enabled" : "disabled");
        return get(id);
    }

    /** What a test send answered. */
    record TestResult(boolean ok, String providerMessageId, String answer, String error) {
    }

    /** Sends a test message to {@code address} now, outside the queue, and reports what the provider said. */
    TestResult test(UUID id, String address, String text, String smsTemplateCode, List<SmsParam> smsParams) {
        Channel c = get(id);
        String to = address == null ? "" : address.strip();
        if (c.kind() == ChannelKind.EMAIL && !to.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiProblemException.invalid("address", "must be an e-mail address");
        }
        if (c.kind() == ChannelKind.SMS && !to.matches("\\+?[0-9 ()-]{6,20}")) {
            throw ApiProblemException.invalid("address", "must be a phone number");
        }
        String body = text == null || text.isBlank() ? "留量 Liuliang test message / 测试消息" : text.strip();
        String phone = c.kind() == ChannelKind.SMS ? Addresses.e164(to) : to;
        if (phone == null) {
            throw ApiProblemException.invalid("address", "must be a phone number");
        }
        if (c.kind() == ChannelKind.SMS && (smsTemplateCode == null || smsTemplateCode.isBlank())) {
            throw ApiProblemException.invalid("smsTemplateCode", "is required for an SMS test: providers send approved "
                    + "templates only");
        }
        OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), null, Purpose.SERVICE, phone,
                "留量 Liuliang test", c.kind() == ChannelKind.EMAIL ? "<p>" + HtmlEscape.of(body) + "</p>" : body,
                smsTemplateCode == null ? null : smsTemplateCode.strip(), smsParams == null ? List.of()
                : smsParams.stream().filter(p -> p != null && p.name() != null).toList(), null, "test", null);
        SendResult result = senders.send(c, message);
        if (result instanceof SendResult.Accepted a) {
            return new TestResult(true, a.providerMessageId(), a.answer(), null);
        }
        if (result instanceof SendResult.BadAddress b) {
            return new TestResult(false, null, b.answer(), b.error());
        }
        SendResult.Refused r = (SendResult.Refused) result;
        return new TestResult(false, null, r.answer(), r.error());
    }

    private Channel validated(UUID id, ChannelInput in, Channel current, Instant now, String callbackToken) {
        List<FieldError> errors = new ArrayList<>();
        ChannelType type = null;
        if (current != null) {
            type = current.type();
            if (in.type() != null && Codes.parse(ChannelType.class, in.type()).orElse(null) != type) {
                errors.add(new FieldError("type", "cannot change; create another channel instead"));
            }
        } else if (in.type() == null || in.type().isBlank()) {
            errors.add(new FieldError("type", "is required: " + Codes.list(ChannelType.class)));
        } else {
            type = Codes.parse(ChannelType.class, in.type()).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "must be one of " + Codes.list(ChannelType.class)));
            }
        }
        String name = in.name() == null ? (current == null ? "" : current.name()) : in.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        } else if (store.nameTaken(name, id)) {
            errors.add(new FieldError("name", "another channel is called " + name));
        }
        int rate = in.ratePerSecond() != null ? in.ratePerSecond() : current == null ? 10 : current.ratePerSecond();
        if (rate < 1 || rate > MAX_RATE) {
            errors.add(new FieldError("ratePerSecond", "must be between 1 and " + MAX_RATE));
        }
        ChannelConfig config = null;
        if (type != null) {
            config = switch (type) {
                case EMAIL -> email(in.email(), current == null ? null : (ChannelConfig.Email) current.config(), errors);
                case SMS_ALIYUN -> aliyun(in.aliyunSms(), current == null ? null : (ChannelConfig.AliyunSms) current.config(), errors);
                case SMS_TENCENT -> tencent(in.tencentSms(), current == null ? null : (ChannelConfig.TencentSms) current.config(), errors);
                case WECOM_ROBOT -> wecom(in.wecomRobot(), current == null ? null : (ChannelConfig.WecomRobot) current.config(), errors);
                case WEBHOOK, PUSH_WEBHOOK -> webhook(in.webhook(), current == null ? null : (ChannelConfig.Webhook) current.config(), errors);
            };
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        boolean enabled = in.enabled() != null ? in.enabled() : current == null || current.enabled();
        String actor = Actor.current();
        return new Channel(id, type, name, enabled, rate, config, callbackToken,
                current == null ? now : current.createdAt(), current == null ? actor : current.createdBy(), now, actor);
    }

    private static ChannelConfig.Email email(ChannelConfig.Email in, ChannelConfig.Email current, List<FieldError> errors) {
        if (in == null && current == null) {
            errors.add(new FieldError("email", "the SMTP settings are required for an email channel"));
            return null;
        }
        ChannelConfig.Email e = in == null ? current : in;
        String host = trim(e.host());
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            errors.add(new FieldError("email.host", "must be a host name or address"));
        }
        String security = e.security() == null ? "starttls" : e.security().strip().toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "ssl", "none").contains(security)) {
            errors.add(new FieldError("email.security", "must be starttls, ssl or none"));
        }
        int port = e.port() != null ? e.port() : "ssl".equals(security) ? 465 : 587;
        if (port < 1 || port > 65_535) {
            errors.add(new FieldError("email.port", "must be between 1 and 65535"));
        }
        String username = trim(e.username());
        String password = e.password() != null ? e.password() : current == null ? null : current.password();
        if (username != null && (password == null || password.isEmpty())) {
            errors.add(new FieldError("email.password", "is required with a username"));
        }
        String from = trim(e.fromAddress());
        if (from == null || !from.matches("[^@\\s]+@[^@\\s]+")) {
            errors.add(new FieldError("email.fromAddress", "must be an e-mail address"));
        }
        String fromName = trim(e.fromName());
        if (fromName != null && fromName.length() > MAX_NAME) {
            errors.add(new FieldError("email.fromName", "must be at most " + MAX_NAME + " characters"));
        }
        return new ChannelConfig.Email(host, port, username, username == null ? null : password, security, from, fromName);
    }

    private static ChannelConfig.AliyunSms aliyun(ChannelConfig.AliyunSms in, ChannelConfig.AliyunSms current,
                                                  List<FieldError> errors) {
        if (in == null && current == null) {
            errors.add(new FieldError("aliyunSms", "the Aliyun SMS settings are required for an sms_aliyun channel"));
            return null;
        }
        ChannelConfig.AliyunSms a = in == null ? current : in;
        String keyId = required(a.accessKeyId(), "aliyunSms.accessKeyId", errors);
        String secret = secret(a.accessKeySecret(), current == null ? null : current.accessKeySecret(),
                "aliyunSms.accessKeySecret", errors);
        String sign = signName(a.signName(), "aliyunSms.signName", errors);
        String endpoint = endpoint(a.endpoint(), AliyunSmsSender.DEFAULT_ENDPOINT, "aliyunSms.endpoint", errors);
        String region = trim(a.regionId()) == null ? "cn-hangzhou" : trim(a.regionId());
        return new ChannelConfig.AliyunSms(keyId, secret, sign, endpoint, region);
    }

    private static ChannelConfig.TencentSms tencent(ChannelConfig.TencentSms in, ChannelConfig.TencentSms current,
                                                    List<FieldError> errors) {
        if (in == null && current == null) {
            errors.add(new FieldError("tencentSms", "the Tencent SMS settings are required for an sms_tencent channel"));
            return null;
        }
        ChannelConfig.TencentSms t = in == null ? current : in;
        String secretId = required(t.secretId(), "tencentSms.secretId", errors);
        String secretKey = secret(t.secretKey(), current == null ? null : current.secretKey(), "tencentSms.secretKey", errors);
        String app = trim(t.sdkAppId());
        if (app == null || !app.matches("\\d{6,20}")) {
            errors.add(new FieldError("tencentSms.sdkAppId", "must be the SMS application's SdkAppId (digits)"));
        }
        String sign = signName(t.signName(), "tencentSms.signName", errors);
        String region = trim(t.region()) == null ? "ap-guangzhou" : trim(t.region());
        String endpoint = endpoint(t.endpoint(), TencentSmsSender.DEFAULT_ENDPOINT, "tencentSms.endpoint", errors);
        return new ChannelConfig.TencentSms(secretId, secretKey, app, sign, region, endpoint);
    }

    private static ChannelConfig.WecomRobot wecom(ChannelConfig.WecomRobot in, ChannelConfig.WecomRobot current,
                                                  List<FieldError> errors) {
        if (in == null && current == null) {
            errors.add(new FieldError("wecomRobot", "the robot's webhook URL is required for a wecom_robot channel"));
            return null;
        }
        ChannelConfig.WecomRobot w = in == null ? current : in;
        String url = w.webhookUrl() != null ? trim(w.webhookUrl()) : current == null ? null : current.webhookUrl();
        if (url == null || !isHttpUrl(url)) {
            errors.add(new FieldError("wecomRobot.webhookUrl",
                    "must be the robot's webhook URL (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…)"));
        }
        String type = w.messageType() == null ? "markdown" : w.messageType().strip().toLowerCase(Locale.ROOT);
        if (!type.equals("markdown") && !type.equals("text")) {
            errors.add(new FieldError("wecomRobot.messageType", "must be markdown or text"));
        }
        return new ChannelConfig.WecomRobot(url, type);
    }

    private static ChannelConfig.Webhook webhook(ChannelConfig.Webhook in, ChannelConfig.Webhook current,
                                                 List<FieldError> errors) {
        if (in == null && current == null) {
            errors.add(new FieldError("webhook", "the URL and secret are required for a webhook channel"));
            return null;
        }
        ChannelConfig.Webhook w = in == null ? current : in;
        String url = trim(w.url());
        if (url == null || !isHttpUrl(url)) {
            errors.add(new FieldError("webhook.url", "must be an http(s) URL"));
        }
        String secret = secret(w.secret(), current == null ? null : current.secret(), "webhook.secret", errors);
        if (secret != null && secret.length() < 16) {
            errors.add(new FieldError("webhook.secret", "must be at least 16 characters"));
        }
        return new ChannelConfig.Webhook(url, secret);
    }

    private static String required(String value, String field, List<FieldError> errors) {
        String v = trim(value);
        if (v == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (v.length() > 256) {
            errors.add(new FieldError(field, "must be at most 256 characters"));
        }
        return v;
    }

    private static String secret(String given, String current, String field, List<FieldError> errors) {
        String v = given != null ? given.strip() : current;
        if (v == null || v.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (v.length() > 512) {
            errors.add(new FieldError(field, "must be at most 512 characters"));
        }
        return v;
    }

    private static String signName(String value, String field, List<FieldError> errors) {
        String v = trim(value);
        if (v != null && v.startsWith("【") && v.endsWith("】")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v == null || v.isEmpty()) {
            errors.add(new FieldError(field, "is required (the approved 签名, without 【】)"));
        } else if (v.length() > 20) {
            errors.add(new FieldError(field, "must be at most 20 characters"));
        }
        return v;
    }

    private static String endpoint(String value, String fallback, String field, List<FieldError> errors) {
        String v = trim(value);
        if (v == null) {
            return fallback;
        }
        if (!isHttpUrl(v)) {
            errors.add(new FieldError(field, "must be an http(s) URL"));
        }
        return v.replaceAll("/+$", "");
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
