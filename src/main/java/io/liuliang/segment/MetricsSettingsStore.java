package io.liuliang.segment;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** The merchant's RFM and lifecycle settings (defaults until someone saves their own). */
@Component
class MetricsSettingsStore {

    static final UUID MERCHANT = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MetricsSettingsStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    MetricsSettings get() {
        return jdbc.sql("SELECT settings::text FROM metrics_settings WHERE scope_id = ?").param(MERCHANT)
                .query(String.class).optional()
                .map(s -> json.readValue(s, MetricsSettings.class))
                .orElseGet(MetricsSettings::defaults);
    }

    void save(MetricsSettings settings, String actor) {
        jdbc.sql("INSERT INTO metrics_settings (scope_id, settings, updated_by) VALUES (?, ?::jsonb, ?) "
                        + "ON CONFLICT (scope_id) DO UPDATE SET settings = excluded.settings, updated_at = now(), "
                        + "updated_by = excluded.updated_by")
                .params(MERCHANT, json.writeValueAsString(settings), actor).update();
    }
}
