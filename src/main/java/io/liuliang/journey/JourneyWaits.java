package io.liuliang.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.CustomerId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wakes enrolments waiting for an event: when what they wait for happens (after they started waiting), they move to
 * the wait node's {@code event} output and are due at once. Happenings are behaviour events and placed orders.
 */
@Component
class JourneyWaits {

    private final JdbcClient jdbc;
    private final JourneyCatalog catalog;
    private final JsonMapper json;

    JourneyWaits(JdbcClient jdbc, JourneyCatalog catalog, JsonMapper json) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.json = json;
    }

    /** Something a customer did: an event type (or {@code order_placed}), its custom name and properties, when. */
    record Happening(CustomerId customer, String type, String customName, JsonNode properties, Instant at) {
    }

    /** Wakes the enrolments the happenings satisfy; returns how many woke. */
    @Transactional(propagation = Propagation.REQUIRED)
    int wake(Collection<Happening> happenings) {
        if (happenings.isEmpty()) {
            return 0;
        }
        UUID[] customers = happenings.stream().map(h -> h.customer().value()).distinct().toArray(UUID[]::new);
        record Waiting(UUID id, UUID journeyId, int version, String node, Instant since, String spec, UUID customer) {
        }
        List<Waiting> waiting = jdbc.sql("SELECT id, journey_id, version, node_id, wait_since, wait_event::text, customer_id "
                        + "FROM journey_enrolment WHERE customer_id = ANY (?) AND wait_event IS NOT NULL AND state = 'active' "
                        + "ORDER BY id FOR UPDATE")
                .param(customers)
                .query((rs, n) -> new Waiting(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getObject(7, UUID.class)))
                .list();
        if (waiting.isEmpty()) {
            return 0;
        }
        NodeCounters counters = new NodeCounters();
        List<UUID> ids = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> fromNodes = new ArrayList<>();
        Set<UUID> woken = new HashSet<>();
        for (Waiting w : waiting) {
            JsonNode spec = json.readTree(w.spec());
            String type = spec.path("eventType").asString();
            String name = spec.path("customName").isString() ? spec.path("customName").asString() : null;
            List<JourneyDefinition.PropertyFilter> filters = new ArrayList<>();
            for (JsonNode f : spec.path("filters")) {
                filters.add(new JourneyDefinition.PropertyFilter(f.path("property").asString(),
                        JourneyEnums.ofCode(FilterOperator.class, f.path("operator").asString()).orElse(FilterOperator.EXISTS),
                        f.path("value").isNull() ? null : f.path("value").asString()));
            }
            for (Happening h : happenings) {
                if (!h.customer().value().equals(w.customer()) || !type.equals(h.type())
                        || name != null && !name.equals(h.customName()) || h.at().isBefore(w.since())
                        || h.properties() != null && !EventFilters.matches(filters, h.properties())
                        || h.properties() == null && !filters.isEmpty()) {
                    continue;
                }
                if (woken.add(w.id())) {
                    CompiledJourney journey = catalog.version(w.journeyId(), w.version());
                    ids.add(w.id());
                    fromNodes.add(w.node());
                    targets.add(journey.target(w.node(), JourneyDefinition.WaitConfig.EVENT));
                    counters.add(w.journeyId(), w.version(), w.node(), NodeCounters.Counter.PASSED);
                }
                break;
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        int n = jdbc.sql("UPDATE journey_enrolment e SET node_id = u.target, wait_since = NULL, wait_event = NULL, "
                        + "due_at = now(), attempts = 0 FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, target, node) "
                        + "WHERE e.id = u.id AND e.node_id = u.node AND e.wait_event IS NOT NULL")
                .params(ids.toArray(UUID[]::new), targets.toArray(String[]::new), fromNodes.toArray(String[]::new))
                .update();
        counters.flush(jdbc);
        return n;
    }
}
