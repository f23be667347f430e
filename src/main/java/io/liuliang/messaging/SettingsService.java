package io.liuliang.messaging;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.iam.AuditAction;
import io.liuliang.iam.AuditLog;
import io.liuliang.iam.AuditRecord;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import tools.jackson.databind.json.JsonMapper;

/** Reads and replaces {@link MessagingSettings} (one row; the defaults until first saved). */
@Service
class SettingsService {

    static final int MAX_CAPS = 20;
    static final int MAX_PERIOD_DAYS = 365;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MessagingProperties properties;
    private final AuditLog audit;

    SettingsService(JdbcClient jdbc, JsonMapper json, MessagingProperties properties, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.audit = audit;
    }

    MessagingSettings defaults() {
        return new MessagingSettings("",
                List.of(new MessagingSettings.Cap("sms", 1, 1), new MessagingSettings.Cap("all", 4, 30)),
                List.of(new MessagingSettings.Quiet("sms", "21:00", "08:00")),
                new MessagingSettings.Retry(properties.maxAttempts(), (int) properties.retryBackoff().toSeconds()));
    }

    MessagingSettings current() {
        return jdbc.sql("SELECT settings::text FROM msg_settings WHERE id = 1").query(String.class).optional()
                .map(s -> json.readValue(s, MessagingSettings.class)).orElseGet(this::defaults);
    }

    @Transactional
    MessagingSettings replace(MessagingSettings in) {
        if (in == null) {
            throw ApiProblemException.invalid("body", "the settings are required");
        }
        MessagingSettings valid = validated(in);
        jdbc.sql("INSERT INTO msg_settings (id, settings, updated_at, updated_by) VALUES (1, ?::jsonb, now(), ?) "
                        + "ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, updated_at = now(), "
                        + "updated_by = excluded.updated_by")
                .params(json.writeValueAsString(valid), Actor.current()).update();
        audit.record(AuditRecord.of(AuditAction.SETTINGS_CHANGED, "messaging-settings", "1", "Messaging settings",
                json.writeValueAsString(valid)));
        return valid;
    }

    private MessagingSettings validated(MessagingSettings in) {
        List<FieldError> errors = new ArrayList<>();
        MessagingSettings d = defaults();
        String shop = in.shopName() == null ? "" : in.shopName().strip();
        if (shop.length() > 100) {
            errors.add(new FieldError("shopName", "must be at most 100 characters"));
        }
        List<MessagingSettings.Cap> caps = new ArrayList<>();
        List<MessagingSettings.Cap> givenCaps = in.caps() == null ? d.caps() : in.caps();
        if (givenCaps.size() > MAX_CAPS) {
            errors.add(new FieldError("caps", "at most " + MAX_CAPS + " caps"));
        }
        for (int i = 0; i < givenCaps.size(); i++) {
            MessagingSettings.Cap c = givenCaps.get(i);
            String at = "caps[" + i + "]";
            if (c == null) {
                errors.add(new FieldError(at, "must be a cap"));
                continue;
            }
            String channel = channel(c.channel(), at + ".channel", errors);
            if (c.count() == null || c.count() < 0 || c.count() > 10_000) {
                errors.add(new FieldError(at + ".count", "must be between 0 and 10000"));
            }
            if (c.periodDays() == null || c.periodDays() < 1 || c.periodDays() > MAX_PERIOD_DAYS) {
                errors.add(new FieldError(at + ".periodDays", "must be between 1 and " + MAX_PERIOD_DAYS));
            }
            caps.add(new MessagingSettings.Cap(channel, c.count(), c.periodDays()));
        }
        List<MessagingSettings.Quiet> quiet = new ArrayList<>();
        List<MessagingSettings.Quiet> givenQuiet = in.quietHours() == null ? d.quietHours() : in.quietHours();
        if (givenQuiet.size() > MAX_CAPS) {
            errors.add(new FieldError("quietHours", "at most " + MAX_CAPS + " windows"));
        }
        for (int i = 0; i < givenQuiet.size(); i++) {
            MessagingSettings.Quiet q = givenQuiet.get(i);
            String at = "quietHours[" + i + "]";
            if (q == null) {
                errors.add(new FieldError(at, "must be a window"));
                continue;
            }
            String channel = channel(q.channel(), at + ".channel", errors);
            LocalTime start = time(q.start(), at + ".start", errors);
            LocalTime end = time(q.end(), at + ".end", errors);
            if (start != null && start.equals(end)) {
                errors.add(new FieldError(at + ".end", "must differ from start"));
            }
            quiet.add(new MessagingSettings.Quiet(channel, q.start() == null ? null : q.start().strip(),
                    q.end() == null ? null : q.end().strip()));
        }
        MessagingSettings.Retry retry = in.retry() == null ? d.retry() : in.retry();
        int attempts = retry.maxAttempts() == null ? d.retry().maxAttempts() : retry.maxAttempts();
        int backoff = retry.backoffSeconds() == null ? d.retry().backoffSeconds() : retry.backoffSeconds();
        if (attempts < 1 || attempts > 20) {
            errors.add(new FieldError("retry.maxAttempts", "must be between 1 and 20"));
        }
        if (backoff < 1 || backoff > 86_400) {
            errors.add(new FieldError("retry.backoffSeconds", "must be between 1 and 86400"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return new MessagingSettings(shop, caps, quiet, new MessagingSettings.Retry(attempts, backoff));
    }

    private static String channel(String given, String field, List<FieldError> errors) {
        String c = given == null ? "" : given.strip().toLowerCase(Locale.ROOT);
        if (!c.equals("all") && Codes.parse(ChannelKind.class, c).isEmpty()) {
            errors.add(new FieldError(field, "must be all or one of " + Codes.list(ChannelKind.class)));
        }
        return c;
    }

    static LocalTime parseTime(String value) {
        return LocalTime.parse(value.strip());
    }

    private static LocalTime time(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required (HH:mm)"));
            return null;
        }
        try {
            return parseTime(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a time of day, HH:mm or HH:mm:ss"));
            return null;
        }
    }

    /** The quiet windows of marketing on this kind of channel. */
    static List<QuietHours.Window> quietWindows(MessagingSettings settings, ChannelKind kind) {
        return settings.quietHours().stream().filter(q -> q.channel().equals("all") || q.channel().equals(kind.code()))
                .map(q -> new QuietHours.Window(parseTime(q.start()), parseTime(q.end()))).toList();
    }

    /** The caps that count a marketing message on this kind of channel. */
    static List<MessagingSettings.Cap> capsOf(MessagingSettings settings, ChannelKind kind) {
        return settings.caps().stream().filter(c -> c.channel().equals("all") || c.channel().equals(kind.code())).toList();
    }
}
