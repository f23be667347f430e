package io.liuliang.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A message template of one channel: its purpose, subject (e-mail), Mustache body and, for SMS, the provider's template. */
record Template(UUID id, UUID channelId, Purpose purpose, String name, String subject, String body,
                String smsTemplateCode, List<SmsParam> smsParams, boolean active, Instant createdAt, String createdBy,
                Instant updatedAt, String updatedBy) {

    Template {
        smsParams = smsParams == null ? List.of() : List.copyOf(smsParams);
    }
}
