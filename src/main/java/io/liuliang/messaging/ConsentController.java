package io.liuliang.messaging;

import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Messaging consent", description = "Opt-in and opt-out per customer, channel and purpose, with history")
class ConsentController {

    private final Consents consents;
    private final MessagingProperties properties;

    ConsentController(Consents consents, MessagingProperties properties) {
        this.consents = consents;
        this.properties = properties;
    }

    /** Every channel and purpose of the customer (status opted_in, opted_out, allowed_by_default or not_opted_in) and the history. */
    record ConsentsView(UUID customerId, String marketingDefault, List<Consents.Effective> consents,
                        List<Consents.Consent> history) {
    }

    @GetMapping("/messaging/consents")
    @PreAuthorize("hasAnyAuthority('messaging.read', 'customer.read')")
    @Operation(summary = "A customer's consents per channel (email, sms, wecom, push, webhook) and purpose (marketing, "
            + "service), and their history, newest first")
    ConsentsView list(@RequestParam UUID customerId) {
        CustomerId id = new CustomerId(customerId);
        List<Consents.Effective> current = consents.of(id);
        return new ConsentsView(customerId, Codes.of(properties.marketingDefault()), current, consents.history(id));
    }

    /** {@code status}: opted_in or opted_out; {@code source}: where the choice was made (console, store, form, ...). */
    record ConsentBody(String status, String source) {
    }

    @PutMapping("/customers/{id}/consents/{channel}/{purpose}")
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Record the customer's choice for a channel and purpose")
    Consents.Consent put(@PathVariable UUID id, @PathVariable String channel, @PathVariable String purpose,
                         @RequestBody ConsentBody body) {
        List<FieldError> errors = new java.util.ArrayList<>();
        ChannelKind kind = Codes.parse(ChannelKind.class, channel).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("channel", "must be one of " + Codes.list(ChannelKind.class)));
        }
        Purpose p = Codes.parse(Purpose.class, purpose).orElse(null);
        if (p == null) {
            errors.add(new FieldError("purpose", "must be marketing or service"));
        }
        ConsentStatus status = body == null ? null : Codes.parse(ConsentStatus.class, body.status()).orElse(null);
        if (status == null) {
            errors.add(new FieldError("status", "must be opted_in or opted_out"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return consents.set(new CustomerId(id), kind, p, status, body.source() == null ? "console" : body.source());
    }
}
