package io.liuliang.messaging;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerDataOwner;
import io.liuliang.shared.CustomerId;

/**
 * Deliveries, consents and their history follow One-ID. On a merge an opt-out of either customer wins (a choice
 * not to be contacted is never lost); otherwise the later choice stays. An unmerge gives back the deliveries and
 * history first recorded for the restored customers, and their latest choice per channel and purpose.
 */
@Component
class MessagingCustomerData implements CustomerDataOwner {

    private final JdbcClient jdbc;

    MessagingCustomerData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void reassign(CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE msg_delivery SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value()).update();
        jdbc.sql("UPDATE msg_consent_change SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value())
                .update();
        jdbc.sql("""
                        INSERT INTO msg_consent (customer_id, origin_customer_id, channel, purpose, status, source, changed_at, changed_by)
                        SELECT ?, origin_customer_id, channel, purpose, status, source, changed_at, changed_by
                        FROM msg_consent WHERE customer_id = ?
                        ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET
                            status = CASE WHEN msg_consent.status = 'opted_out' OR excluded.status = 'opted_out' THEN 'opted_out'
                                          ELSE excluded.status END,
                            source = CASE WHEN msg_consent.status = 'opted_out' THEN msg_consent.source
                                          WHEN excluded.status = 'opted_out' OR excluded.changed_at > msg_consent.changed_at
                                          THEN excluded.source ELSE msg_consent.source END,
                            changed_at = greatest(msg_consent.changed_at, excluded.changed_at)""")
                .params(to.value(), from.value()).update();
        jdbc.sql("DELETE FROM msg_consent WHERE customer_id = ?").param(from.value()).update();
    }

    @Override
    public void restore(Collection<CustomerId> origins, CustomerId from, CustomerId to) {
        UUID[] ids = origins.stream().map(CustomerId::value).toArray(UUID[]::new);
        jdbc.sql("UPDATE msg_delivery SET customer_id = ? WHERE customer_id = ? AND origin_customer_id = ANY (?::uuid[])")
                .params(to.value(), from.value(), ids).update();
        jdbc.sql("UPDATE msg_consent_change SET customer_id = ? WHERE customer_id = ? AND origin_customer_id = ANY (?::uuid[])")
                .params(to.value(), from.value(), ids).update();
        jdbc.sql("""
                        INSERT INTO msg_consent (customer_id, origin_customer_id, channel, purpose, status, source, changed_at, changed_by)
                        SELECT DISTINCT ON (channel, purpose) ?, origin_customer_id, channel, purpose, status, source, changed_at,
                               changed_by
                        FROM msg_consent_change WHERE customer_id = ? ORDER BY channel, purpose, id DESC
                        ON CONFLICT (customer_id, channel, purpose) DO NOTHING""")
                .params(to.value(), to.value()).update();
    }
}
