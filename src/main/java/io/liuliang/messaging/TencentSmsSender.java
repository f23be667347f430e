package io.liuliang.messaging;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tencent Cloud SMS {@code SendSms} (API 3.0, version 2021-01-11), a JSON POST signed with TC3-HMAC-SHA256: the
 * canonical request {@code POST\n/\n\ncontent-type:…\nhost:…\nx-tc-action:sendsms\n\ncontent-type;host;x-tc-action\n}
 * and the hex SHA-256 of the body; the string to sign {@code TC3-HMAC-SHA256\n<timestamp>\n<date>/sms/tc3_request\n}
 * and the hex SHA-256 of the canonical request; the key {@code HMAC(HMAC(HMAC("TC3" + SecretKey, date), "sms"),
 * "tc3_request")}. {@code SessionContext} is the delivery id, the answer's {@code SerialNo} the provider's message
 * id.
 */
@Component
class TencentSmsSender implements ChannelSender {

    static final String DEFAULT_ENDPOINT = "https://sms.tencentcloudapi.com";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    static final String ACTION = "SendSms";
    static final String VERSION = "2021-01-11";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final ProviderHttp http;
    private final JsonMapper json;
    private final Clock clock;

    TencentSmsSender(ProviderHttp http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean sends(ChannelType type) {
        return type == ChannelType.SMS_TENCENT;
    }

    record Request(@JsonProperty("PhoneNumberSet") List<String> phoneNumberSet,
                   @JsonProperty("SmsSdkAppId") String smsSdkAppId, @JsonProperty("SignName") String signName,
                   @JsonProperty("TemplateId") String templateId,
                   @JsonProperty("TemplateParamSet") List<String> templateParamSet,
                   @JsonProperty("SessionContext") String sessionContext) {
    }

    @Override
    public SendResult send(Channel channel, OutgoingMessage message) {
        ChannelConfig.TencentSms config = (ChannelConfig.TencentSms) channel.config();
        String payload = json.writeValueAsString(new Request(List.of(message.address()), config.sdkAppId(),
                config.signName(), message.providerTemplate(), message.params().stream().map(SmsParam::value).toList(),
                message.deliveryId().toString()));
        URI uri = URI.create((config.endpoint() == null ? DEFAULT_ENDPOINT : config.endpoint()).replaceAll("/+$", "") + "/");
        long timestamp = clock.instant().getEpochSecond();
        String host = uri.getRawAuthority();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("X-TC-Action", ACTION);
        headers.put("X-TC-Timestamp", Long.toString(timestamp));
        headers.put("X-TC-Version", VERSION);
        headers.put("X-TC-Region", config.region() == null ? "ap-guangzhou" : config.region());
        headers.put("Authorization", authorization(config.secretId(), config.secretKey(), host, timestamp, payload));
        ProviderHttp.Answer answer;
        try {
            answer = http.post(uri, headers, payload);
        } catch (IOException e) {
            return ProviderHttp.unreachable(e);
        }
        JsonNode response;
        try {
            response = json.readTree(answer.body()).path("Response");
        } catch (RuntimeException e) {
            return ProviderHttp.refusedFor(answer.ok() ? new ProviderHttp.Answer(502, answer.body()) : answer);
        }
        if (!response.path("Error").isMissingNode()) {
            String code = response.path("Error").path("Code").asString("");
            boolean retryable = answer.status() >= 500 || code.startsWith("InternalError") || code.startsWith("RequestLimitExceeded");
            return new SendResult.Refused(code + ": " + response.path("Error").path("Message").asString(""),
                    answer.summary(), retryable);
        }
        if (!answer.ok()) {
            return ProviderHttp.refusedFor(answer);
        }
        JsonNode status = response.path("SendStatusSet").path(0);
        String code = status.path("Code").asString("");
        if ("Ok".equalsIgnoreCase(code)) {
            return new SendResult.Accepted(status.path("SerialNo").asString(null), answer.summary());
        }
        if (code.startsWith("InvalidParameterValue.IncorrectPhoneNumber")) {
            return new SendResult.BadAddress(code + ": " + status.path("Message").asString(""), answer.summary());
        }
        return new SendResult.Refused(code + ": " + status.path("Message").asString(""), answer.summary(), false);
    }

    /** The {@code Authorization} header of a request with this body sent to {@code host} at {@code timestamp}. */
    static String authorization(String secretId, String secretKey, String host, long timestamp, String payload) {
        String date = DATE.format(Instant.ofEpochSecond(timestamp));
        String signedHeaders = "content-type;host;x-tc-action";
        String canonicalRequest = "POST\n/\n\ncontent-type:" + CONTENT_TYPE + "\nhost:" + host + "\nx-tc-action:"
                + ACTION.toLowerCase(java.util.Locale.ROOT) + "\n\n" + signedHeaders + "\n" + Hmacs.sha256Hex(payload);
        String scope = date + "/sms/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Hmacs.sha256Hex(canonicalRequest);
        byte[] secretDate = Hmacs.hmacSha256(Hmacs.utf8("TC3" + secretKey), date);
        byte[] secretService = Hmacs.hmacSha256(secretDate, "sms");
        byte[] secretSigning = Hmacs.hmacSha256(secretService, "tc3_request");
        String signature = HexFormat.of().formatHex(Hmacs.hmacSha256(secretSigning, stringToSign));
        return "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }
}
