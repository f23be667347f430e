package io.liuliang.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Contact;
import io.liuliang.customer.Customers;
import io.liuliang.customer.PersonalData;
import io.liuliang.iam.AuditAction;
import io.liuliang.iam.AuditLog;
import io.liuliang.iam.AuditRecord;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;

/** Creates, changes, lists and previews templates, checking their Mustache and their channel's needs. */
@Service
class TemplateService {

    static final int MAX_NAME = 100;
    static final int MAX_SUBJECT = 500;
    static final int MAX_BODY = 100_000;
    static final int MAX_SMS_BODY = 1_000;
    static final int MAX_PARAMS = 20;
    static final String PII_READ = "customer.pii.read";

    private final TemplateStore store;
    private final ChannelStore channels;
    private final Customers customers;
    private final MessageComposer composer;
    private final SettingsService settings;
    private final Suppressions suppressions;
    private final PersonalData vault;
    private final AuditLog audit;
    private final Clock clock;

    TemplateService(TemplateStore store, ChannelStore channels, Customers customers, MessageComposer composer,
                    SettingsService settings, Suppressions suppressions, PersonalData vault, AuditLog audit, Clock clock) {
        this.store = store;
        this.channels = channels;
        this.customers = customers;
        this.composer = composer;
        this.settings = settings;
        this.suppressions = suppressions;
        this.vault = vault;
        this.audit = audit;
        this.clock = clock;
    }

    /** A template as a client writes it. {@code status}: active (default) or archived. */
    record TemplateInput(UUID channelId, String purpose, String name, String subject, String body,
                         String smsTemplateCode, List<SmsParam> smsParams, String status) {
    }

    Template get(UUID id) {
        return store.find(id).orElseThrow(() -> ApiProblemException.notFound("template", id));
    }

    CursorPage<Template> list(String q, UUID channel, String purpose, PageRequest page) {
        Purpose p = purpose == null || purpose.isBlank() ? null : Codes.parse(Purpose.class, purpose)
                .orElseThrow(() -> ApiProblemException.invalid("purpose", "must be marketing or service"));
        PageRequest.After<String> after = page.cursorAsValueAndId('\u0000', s -> s);
        return CursorPage.of(store.list(q, channel, p, after == null ? null : after.value(), after == null ? null : after.id(),
                page.fetchSize()), page.limit(), t -> PageRequest.encode(t.name().toLowerCase(), '\u0000', t.id()));
    }

    @Transactional
    Template create(TemplateInput input) {
        if (input == null) {
            throw ApiProblemException.invalid("body", "a template is required");
        }
        Template t = validated(UUID.randomUUID(), input, null, clock.instant());
        store.insert(t);
        return t;
    }

    @Transactional
    Template update(UUID id, TemplateInput input) {
        if (input == null) {
            throw ApiProblemException.invalid("body", "a template is required");
        }
        Template current = get(id);
        Template t = validated(id, input, current, clock.instant());
        store.update(t);
        return get(id);
    }

    private Template validated(UUID id, TemplateInput in, Template current, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Channel channel = null;
        UUID channelId = in.channelId() != null ? in.channelId() : current == null ? null : current.channelId();
        if (channelId == null) {
            errors.add(new FieldError("channelId", "is required"));
        } else {
            channel = channels.find(channelId).orElse(null);
            if (channel == null) {
                errors.add(new FieldError("channelId", "no channel " + channelId));
            }
        }
        Purpose purpose = null;
        if (in.purpose() == null) {
            purpose = current == null ? null : current.purpose();
            if (purpose == null) {
                errors.add(new FieldError("purpose", "is required: marketing or service"));
            }
        } else {
            purpose = Codes.parse(Purpose.class, in.purpose()).orElse(null);
            if (purpose == null) {
                errors.add(new FieldError("purpose", "must be marketing or service"));
            }
        }
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        String subject = in.subject() == null || in.subject().isBlank() ? null : in.subject().strip();
        String body = in.body() == null ? "" : in.body();
        ChannelKind kind = channel == null ? null : channel.kind();
        if (kind == ChannelKind.EMAIL && subject == null) {
            errors.add(new FieldError("subject", "is required for e-mail"));
        }
        if (subject != null && subject.length() > MAX_SUBJECT) {
            errors.add(new FieldError("subject", "must be at most " + MAX_SUBJECT + " characters"));
        }
        if (body.isBlank()) {
            errors.add(new FieldError("body", "is required"));
        } else if (body.length() > (kind == ChannelKind.SMS ? MAX_SMS_BODY : MAX_BODY)) {
            errors.add(new FieldError("body", "must be at most " + (kind == ChannelKind.SMS ? MAX_SMS_BODY : MAX_BODY)
                    + " characters"));
        }
        errors.addAll(TemplateRenderer.check("subject", subject));
        errors.addAll(TemplateRenderer.check("body", body));
        String code = in.smsTemplateCode() == null || in.smsTemplateCode().isBlank() ? null : in.smsTemplateCode().strip();
        List<SmsParam> params = new ArrayList<>();
        if (kind == ChannelKind.SMS) {
            if (code == null) {
                errors.add(new FieldError("smsTemplateCode", "is required for SMS: the provider's approved template "
                        + "(Aliyun SMS_123456789, Tencent a numeric TemplateId)"));
            } else if (channel.type() == ChannelType.SMS_TENCENT && !code.matches("\\d{1,20}")) {
                errors.add(new FieldError("smsTemplateCode", "must be the numeric TemplateId of Tencent Cloud SMS"));
            } else if (code.length() > 64) {
                errors.add(new FieldError("smsTemplateCode", "must be at most 64 characters"));
            }
            List<SmsParam> given = in.smsParams() == null ? List.of() : in.smsParams();
            if (given.size() > MAX_PARAMS) {
                errors.add(new FieldError("smsParams", "at most " + MAX_PARAMS + " parameters"));
            }
            for (int i = 0; i < given.size(); i++) {
                SmsParam p = given.get(i);
                String at = "smsParams[" + i + "]";
                if (p == null || p.name() == null || !p.name().strip().matches("[A-Za-z0-9_]{1,40}")) {
                    errors.add(new FieldError(at + ".name", "must be the provider template's parameter name (letters, digits, _)"));
                    continue;
                }
                if (p.value() == null || p.value().isBlank()) {
                    errors.add(new FieldError(at + ".value", "is required, e.g. {{coupon.code}}"));
                    continue;
                }
                errors.addAll(TemplateRenderer.check(at + ".value", p.value()));
                params.add(new SmsParam(p.name().strip(), p.value().strip()));
            }
        } else {
            if (code != null) {
                errors.add(new FieldError("smsTemplateCode", "applies to SMS channels only"));
            }
            if (in.smsParams() != null && !in.smsParams().isEmpty()) {
                errors.add(new FieldError("smsParams", "applies to SMS channels only"));
            }
        }
        boolean active = current == null || current.active();
        if (in.status() != null) {
            if (in.status().equals("active") || in.status().equals("archived")) {
                active = in.status().equals("active");
            } else {
                errors.add(new FieldError("status", "must be active or archived"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        String actor = Actor.current();
        return new Template(id, channelId, purpose, name, subject, body, code, params, active,
                current == null ? now : current.createdAt(), current == null ? actor : current.createdBy(), now, actor);
    }

    /** SMS facts of a preview. */
    record SmsPreview(String text, int characters, String encoding, int segments) {
    }

    /** A template rendered for a customer (without tracking). */
    record Preview(UUID templateId, UUID customerId, String channel, String purpose, String address, boolean piiRevealed,
                   String subject, String body, List<SmsParam> smsParams, SmsPreview sms, String unsubscribeUrl) {
    }

    Preview preview(UUID id, UUID customerId, String couponCode) {
        Template t = get(id);
        if (customerId == null) {
            throw ApiProblemException.invalid("customerId", "is required");
        }
        CustomerId customer = customers.survivorOf(new CustomerId(customerId))
                .orElseThrow(() -> ApiProblemException.notFound("Customer", customerId));
        Channel channel = channels.find(t.channelId()).orElseThrow();
        boolean reveal = Actor.holds(PII_READ);
        Contact contact = customers.contactOf(customer).orElse(new Contact(customer, null, null, null));
        MessageComposer.Composed m = composer.compose(t, channel, contact, couponCode == null ? "COUPON-CODE" : couponCode,
                settings.current().shopName(), null, !reveal);
        String normalized = m.address() == null ? null : Suppressions.normalized(channel.kind(), m.address());
        String address = normalized == null ? null : reveal ? normalized : suppressions.masked(channel.kind(), normalized);
        if (reveal && normalized != null && Suppressions.piiKind(channel.kind()) != null) {
            audit.record(AuditRecord.of(AuditAction.PII_READ, "customer", customer.toString(), contact.displayName(),
                    "message template preview with the " + channel.kind().code() + " address"));
        }
        SmsPreview sms = null;
        if (channel.kind() == ChannelKind.SMS) {
            SmsLength.Count count = SmsLength.of(m.body());
            sms = new SmsPreview(m.body(), count.characters(), count.encoding(), count.segments());
        }
        return new Preview(t.id(), customer.value(), channel.kind().code(), Codes.of(t.purpose()), address, reveal,
                m.subject(), m.body(), m.params(), sms, m.unsubscribeUrl() == null ? null : "(the customer's own link)");
    }
}
