package io.liuliang.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Aliyun SMS {@code SendSms} (dysmsapi, version 2017-05-25) as an RPC-style GET: the parameters sorted by name,
 * each name and value percent-encoded (RFC 3986: UTF-8, space as {@code %20}, {@code *} as {@code %2A}, {@code ~}
 * kept), joined to the canonical query; the string to sign is {@code GET&%2F&} and the percent-encoded canonical
 * query; the signature is the base64 of its HMAC-SHA1 keyed with {@code AccessKeySecret + "&"}. {@code OutId} is the
 * delivery id, {@code BizId} of the answer the provider's message id.
 */
@Component
class AliyunSmsSender implements ChannelSender {

    static final String DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ProviderHttp http;
    private final JsonMapper json;
    private final Clock clock;

    AliyunSmsSender(ProviderHttp http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean sends(ChannelType type) {
        return type == ChannelType.SMS_ALIYUN;
    }

    @Override
    public SendResult send(Channel channel, OutgoingMessage message) {
        ChannelConfig.AliyunSms config = (ChannelConfig.AliyunSms) channel.config();
        Map<String, String> templateParam = new LinkedHashMap<>();
        message.params().forEach(p -> templateParam.put(p.name(), p.value()));
        Map<String, String> params = new TreeMap<>();
        params.put("AccessKeyId", config.accessKeyId());
        params.put("Action", "SendSms");
        params.put("Format", "JSON");
        params.put("OutId", message.deliveryId().toString());
        params.put("PhoneNumbers", phoneNumber(message.address()));
        params.put("RegionId", config.regionId() == null ? "cn-hangzhou" : config.regionId());
        params.put("SignName", config.signName());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("SignatureVersion", "1.0");
        params.put("TemplateCode", message.providerTemplate());
        params.put("TemplateParam", json.writeValueAsString(templateParam));
        params.put("Timestamp", TIMESTAMP.format(clock.instant()));
        params.put("Version", "2017-05-25");
        String query = canonicalQuery(params);
        String signature = sign(config.accessKeySecret(), query);
        String endpoint = config.endpoint() == null ? DEFAULT_ENDPOINT : config.endpoint();
        URI uri = URI.create(endpoint.replaceAll("/+$", "") + "/?Signature=" + percentEncode(signature) + "&" + query);
        ProviderHttp.Answer answer;
        try {
            answer = http.get(uri);
        } catch (IOException e) {
            return ProviderHttp.unreachable(e);
        }
        JsonNode body;
        try {
            body = json.readTree(answer.body());
        } catch (RuntimeException e) {
            return ProviderHttp.refusedFor(answer.ok() ? new ProviderHttp.Answer(502, answer.body()) : answer);
        }
        String code = body.path("Code").asString("");
        if (answer.ok() && "OK".equals(code)) {
            return new SendResult.Accepted(body.path("BizId").asString(null), answer.summary());
        }
        if (answer.status() >= 500 || code.startsWith("Throttling") || code.equals("isp.SYSTEM_ERROR")) {
            return new SendResult.Refused(code.isEmpty() ? "HTTP " + answer.status() : code + ": "
                    + body.path("Message").asString(""), answer.summary(), true);
        }
        if (code.equals("isv.MOBILE_NUMBER_ILLEGAL") || code.equals("isv.BLACK_KEY_CONTROL_LIMIT")) {
            return new SendResult.BadAddress(code + ": " + body.path("Message").asString(""), answer.summary());
        }
        return new SendResult.Refused(code + ": " + body.path("Message").asString(""), answer.summary(), false);
    }

    /** Chinese mobiles without {@code +86}, other numbers as their digits with the country code. */
    static String phoneNumber(String e164) {
        if (e164.startsWith("+86")) {
            return e164.substring(3);
        }
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    static String canonicalQuery(Map<String, String> sortedParams) {
        StringBuilder query = new StringBuilder();
        sortedParams.forEach((k, v) -> {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(percentEncode(k)).append('=').append(percentEncode(v));
        });
        return query.toString();
    }

    static String sign(String accessKeySecret, String canonicalQuery) {
        String stringToSign = "GET&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
        return Base64.getEncoder().encodeToString(Hmacs.hmac("HmacSHA1", Hmacs.utf8(accessKeySecret + "&"), stringToSign));
    }

    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
