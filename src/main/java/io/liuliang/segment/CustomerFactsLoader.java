package io.liuliang.segment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Loads {@link CustomerFacts} of a few live customers, for in-memory evaluation. */
@Component
class CustomerFactsLoader {

    private final JdbcClient jdbc;
    private final PredictionTable predictions;
    private final JsonMapper json;

    CustomerFactsLoader(JdbcClient jdbc, PredictionTable predictions, JsonMapper json) {
        this.jdbc = jdbc;
        this.predictions = predictions;
        this.json = json;
    }

    /** Facts of the live customers among {@code ids}, with their events of the last {@code eventDays} days. */
    Map<UUID, CustomerFacts> load(Collection<UUID> ids, int eventDays, Instant asOf) {
        UUID[] array = ids.toArray(UUID[]::new);
        boolean withPredictions = predictions.available();
        List<ConditionField> fields = ConditionFields.scalars().stream()
                .filter(f -> withPredictions || f.source() != ConditionField.Source.PREDICTION).toList();
        StringBuilder sql = new StringBuilder("SELECT c.id");
        for (int i = 0; i < fields.size(); i++) {
            sql.append(", ").append(fields.get(i).sql()).append(" AS f").append(i);
        }
        sql.append(" FROM customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id");
        if (withPredictions) {
            sql.append(" LEFT JOIN customer_prediction p ON p.customer_id = c.id AND p.scope_id = '")
                    .append(ConditionSql.NIL_SCOPE).append("'::uuid");
        }
        sql.append(" WHERE c.id = ANY (?) AND c.merged_into IS NULL");
        Map<UUID, Map<String, Object>> values = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).param(array).query(rs -> {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                Object v = read(rs, "f" + i, fields.get(i).type());
                if (v != null) {
                    row.put(fields.get(i).key(), v);
                }
            }
            values.put(rs.getObject("id", UUID.class), row);
        });
        UUID[] live = values.keySet().toArray(UUID[]::new);
        Map<UUID, java.util.Set<String>> identities = pairs(
                "SELECT customer_id, type FROM customer_identity WHERE customer_id = ANY (?)", live,
                rs -> rs.getString(2));
        Map<UUID, java.util.Set<UUID>> tags = pairs(
                "SELECT customer_id, tag_id FROM customer_tag WHERE customer_id = ANY (?)", live,
                rs -> rs.getObject(2, UUID.class));
        Map<UUID, java.util.Set<UUID>> segments = pairs(
                "SELECT customer_id, segment_id FROM segment_member WHERE customer_id = ANY (?)", live,
                rs -> rs.getObject(2, UUID.class));
        Map<UUID, List<CustomerFacts.OrderFact>> orders = orders(live);
        Map<UUID, List<CustomerFacts.EventFact>> events = new HashMap<>();
        jdbc.sql("SELECT customer_id, type, custom_name, occurred_at, properties::text AS properties FROM behaviour_event "
                        + "WHERE customer_id = ANY (?) AND occurred_at >= ?")
                .params(live, OffsetDateTime.ofInstant(ConditionSql.daysBefore(asOf, eventDays), java.time.ZoneOffset.UTC))
                .query(rs -> {
                    events.computeIfAbsent(rs.getObject("customer_id", UUID.class), k -> new ArrayList<>())
                            .add(new CustomerFacts.EventFact(rs.getString("type"), rs.getString("custom_name"),
                                    rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                                    json.readTree(rs.getString("properties"))));
                });
        Map<UUID, CustomerFacts> facts = new LinkedHashMap<>();
        values.forEach((id, row) -> facts.put(id, new CustomerFacts(id, row,
                identities.getOrDefault(id, java.util.Set.of()), tags.getOrDefault(id, java.util.Set.of()),
                segments.getOrDefault(id, java.util.Set.of()), orders.getOrDefault(id, List.of()),
                events.getOrDefault(id, List.of()))));
        return facts;
    }

    private Map<UUID, List<CustomerFacts.OrderFact>> orders(UUID[] customers) {
        record Row(UUID customer, UUID id, CustomerFacts.OrderFact order) {
        }
        List<Row> rows = jdbc.sql("SELECT id, customer_id, shop_id, status, ordered_at, paid_amount, refunded_amount "
                        + "FROM sales_order WHERE customer_id = ANY (?)")
                .param(customers)
                .query((rs, n) -> new Row(rs.getObject("customer_id", UUID.class), rs.getObject("id", UUID.class),
                        new CustomerFacts.OrderFact(rs.getObject("shop_id", UUID.class), rs.getString("status"),
                                rs.getObject("ordered_at", OffsetDateTime.class).toInstant(),
                                rs.getBigDecimal("paid_amount"), rs.getBigDecimal("refunded_amount"), new ArrayList<>())))
                .list();
        Map<UUID, CustomerFacts.OrderFact> byId = rows.stream().collect(Collectors.toMap(Row::id, Row::order));
        jdbc.sql("SELECT order_id, sku, category FROM order_item WHERE order_id = ANY (?)")
                .param(byId.keySet().toArray(UUID[]::new))
                .query(rs -> {
                    byId.get(rs.getObject("order_id", UUID.class)).items()
                            .add(new CustomerFacts.ItemFact(rs.getString("sku"), rs.getString("category")));
                });
        return rows.stream().collect(Collectors.groupingBy(Row::customer,
                Collectors.mapping(Row::order, Collectors.toList())));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Map<UUID, java.util.Set<T>> pairs(String sql, UUID[] customers, Column<T> column) {
        Map<UUID, java.util.Set<T>> out = new HashMap<>();
        jdbc.sql(sql).param(customers).query(rs -> {
            out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>()).add(column.read(rs));
        });
        return out;
    }

    private static Object read(ResultSet rs, String column, ConditionField.Type type) throws SQLException {
        switch (type) {
            case NUMBER:
                BigDecimal n = rs.getBigDecimal(column);
                return n;
            case DATE:
                return rs.getObject(column, LocalDate.class);
            case TIMESTAMP:
                OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            default:
                return rs.getString(column);
        }
    }

}
