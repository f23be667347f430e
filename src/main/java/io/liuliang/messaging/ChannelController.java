package io.liuliang.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/messaging/channels")
@Tag(name = "Messaging channels", description = "E-mail (SMTP), Aliyun and Tencent SMS, WeCom robot, signed webhook and push webhook")
class ChannelController {

    private final ChannelService channels;
    private final PersonalData vault;
    private final MessagingProperties properties;

    ChannelController(ChannelService channels, PersonalData vault, MessagingProperties properties) {
        this.channels = channels;
        this.vault = vault;
        this.properties = properties;
    }

    record EmailView(String host, int port, String username, boolean passwordSet, String security, String fromAddress,
                     String fromName) {
    }

    record AliyunSmsView(String accessKeyId, boolean accessKeySecretSet, String accessKeySecretHint, String signName,
                         String endpoint, String regionId) {
    }

    record TencentSmsView(String secretId, boolean secretKeySet, String secretKeyHint, String sdkAppId, String signName,
                          String region, String endpoint) {
    }

    record WecomRobotView(String webhookUrlHint, String messageType) {
    }

    record WebhookView(String url, boolean secretSet, String secretHint) {
    }

    /** A channel without its credentials: a secret shows only whether it is set and a hint of its last characters. */
    record ChannelView(UUID id, String type, String channel, String name, boolean enabled, int ratePerSecond,
                       EmailView email, AliyunSmsView aliyunSms, TencentSmsView tencentSms, WecomRobotView wecomRobot,
                       WebhookView webhook, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
    }

    ChannelView view(Channel c) {
        EmailView email = null;
        AliyunSmsView aliyun = null;
        TencentSmsView tencent = null;
        WecomRobotView wecom = null;
        WebhookView webhook = null;
        ChannelConfig config = c.config();
        if (config instanceof ChannelConfig.Email e) {
            email = new EmailView(e.host(), e.port(), e.username(), e.password() != null, e.security(), e.fromAddress(),
                    e.fromName());
        } else if (config instanceof ChannelConfig.AliyunSms a) {
            aliyun = new AliyunSmsView(a.accessKeyId(), a.accessKeySecret() != null, hint(a.accessKeySecret()),
                    a.signName(), a.endpoint(), a.regionId());
        } else if (config instanceof ChannelConfig.TencentSms t) {
            tencent = new TencentSmsView(t.secretId(), t.secretKey() != null, hint(t.secretKey()), t.sdkAppId(),
                    t.signName(), t.region(), t.endpoint());
        } else if (config instanceof ChannelConfig.WecomRobot w) {
            wecom = new WecomRobotView(hint(w.webhookUrl()), w.messageType());
        } else if (config instanceof ChannelConfig.Webhook w) {
            webhook = new WebhookView(w.url(), w.secret() != null, hint(w.secret()));
        }
        return new ChannelView(c.id(), c.type().code(), c.kind().code(), c.name(), c.enabled(), c.ratePerSecond(), email,
                aliyun, tencent, wecom, webhook, c.createdAt(), c.createdBy(), c.updatedAt(), c.updatedBy());
    }

    private String hint(String secret) {
        return secret == null ? null : vault.mask(PiiKind.SECRET, secret);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('messaging.read')")
    @Operation(summary = "All channels by name, without their credentials")
    List<ChannelView> list() {
        return channels.list().stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('messaging.read')")
    ChannelView get(@PathVariable UUID id) {
        return view(channels.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Create a channel: type email, sms_aliyun, sms_tencent, wecom_robot, webhook or push_webhook, "
            + "with its settings in the member email, aliyunSms, tencentSms, wecomRobot or webhook")
    ChannelView create(@RequestBody ChannelService.ChannelInput input) {
        return view(channels.create(input));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Change a channel; a credential left out (null) keeps the stored one")
    ChannelView update(@PathVariable UUID id, @RequestBody ChannelService.ChannelInput input) {
        return view(channels.update(id, input));
    }

    @PostMapping("/{id}:enable")
    @PreAuthorize("hasAuthority('messaging.manage')")
    ChannelView enable(@PathVariable UUID id) {
        return view(channels.setEnabled(id, true));
    }

    @PostMapping("/{id}:disable")
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Disable a channel: new sends are skipped (channel_disabled), queued ones wait until it is enabled")
    ChannelView disable(@PathVariable UUID id) {
        return view(channels.setEnabled(id, false));
    }

    /** For SMS also the provider's approved template and its parameters (providers send nothing else). */
    record TestRequest(String address, String text, String smsTemplateCode, List<SmsParam> smsParams) {
    }

    @PostMapping("/{id}:test")
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Send a test message now to an address (e-mail, phone; ignored by robots and webhooks) and "
            + "answer what the provider said")
    ChannelService.TestResult test(@PathVariable UUID id, @RequestBody TestRequest request) {
        return request == null ? channels.test(id, null, null, null, List.of())
                : channels.test(id, request.address(), request.text(), request.smsTemplateCode(), request.smsParams());
    }

    /**
     * The URLs that carry the channel's callback token: for SMS, delivery receipts and replies to give the provider;
     * for e-mail, where the mail server posts its bounce reports. The others are null.
     */
    record CallbackUrls(String receipts, String replies, String bounces) {
    }

    @GetMapping("/{id}/callbacks")
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "The callback URLs: receipts and replies for the SMS provider, bounce reports for the mail server")
    CallbackUrls callbacks(@PathVariable UUID id) {
        Channel c = channels.get(id);
        String base = properties.base() + "/api/v1/webhooks/messaging/" + c.id() + "/" + c.callbackToken();
        if (c.type() == ChannelType.EMAIL) {
            return new CallbackUrls(null, null, base + "/bounces");
        }
        return new CallbackUrls(base + "/receipts", base + "/replies", null);
    }
}
