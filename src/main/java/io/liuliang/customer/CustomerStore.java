package io.liuliang.customer;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL over customers, identities and merge records. */
@Repository
class CustomerStore {

    private final JdbcClient jdbc;

    CustomerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- customers

    Optional<CustomerRow> find(UUID id) {
        return jdbc.sql("SELECT * FROM customer WHERE id = ?").param(id).query(CustomerStore::customer).optional();
    }

    /** A customer with the open identity conflicts that name it (ids ascending), as the 360° view shows them. */
    record WithConflicts(CustomerRow customer, List<Long> openConflicts) {
    }

    /** {@link #find} and the customer's open conflicts, in one query. */
    Optional<WithConflicts> findWithOpenConflicts(UUID id) {
        return jdbc.sql("""
                        SELECT c.*, ARRAY(SELECT f.id FROM identity_conflict f
                                          WHERE f.status = 'OPEN' AND f.customer_ids @> ARRAY[c.id] ORDER BY f.id) AS open_conflicts
                        FROM customer c WHERE c.id = ?""")
                .param(id)
                .query((rs, n) -> new WithConflicts(customer(rs, n), longs(rs.getArray("open_conflicts"))))
                .optional();
    }

    private static List<Long> longs(java.sql.Array array) throws SQLException {
        try {
            return List.of((Long[]) array.getArray());
        } finally {
            array.free();
        }
    }

    /** The customers with these ids (in no particular order), read in one query. */
    List<CustomerRow> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM customer WHERE id = ANY (?::uuid[])").param(uuidArray(ids))
                .query(CustomerStore::customer).list();
    }

    /** Locks the customers (in id order, so concurrent merges cannot deadlock) and returns them. */
    List<CustomerRow> lock(Collection<UUID> ids) {
        return jdbc.sql("SELECT * FROM customer WHERE id = ANY (?::uuid[]) ORDER BY id FOR UPDATE")
                .param(uuidArray(ids)).query(CustomerStore::customer).list();
    }

    void insert(UUID id, TraitSnapshot t, String source) {
        jdbc.sql("INSERT INTO customer (id, display_name, gender, birthday, province, city, real_name_enc, real_name_masked, "
                        + "first_seen_at, last_seen_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, t.displayName(), t.gender(), t.birthday() == null ? null : Date.valueOf(t.birthday()),
                        t.province(), t.city(), decode(t.realNameEnc()), t.realNameMasked(),
                        Timestamp.from(t.firstSeenAt()), Timestamp.from(t.lastSeenAt()), source)
                .update();
    }

    void updateTraits(UUID id, TraitSnapshot t) {
        jdbc.sql("UPDATE customer SET display_name = ?, gender = ?, birthday = ?, province = ?, city = ?, real_name_enc = ?, "
                        + "real_name_masked = ?, first_seen_at = ?, last_seen_at = ?, updated_at = now() WHERE id = ?")
                .params(t.displayName(), t.gender(), t.birthday() == null ? null : Date.valueOf(t.birthday()),
                        t.province(), t.city(), decode(t.realNameEnc()), t.realNameMasked(),
                        Timestamp.from(t.firstSeenAt()), Timestamp.from(t.lastSeenAt()), id)
                .update();
    }

    void markMerged(UUID merged, UUID survivor) {
        jdbc.sql("UPDATE customer SET merged_into = ?, merged_at = now(), updated_at = now() WHERE id = ?")
                .params(survivor, merged).update();
    }

    void clearMerged(UUID id) {
        jdbc.sql("UPDATE customer SET merged_into = NULL, merged_at = NULL, updated_at = now() WHERE id = ?").param(id)
                .update();
    }

    /** The customer that stands for {@code id} now: follows merged_into to the end. */
    Optional<UUID> survivorOf(UUID id) {
        return jdbc.sql("""
                        WITH RECURSIVE chain(id, merged_into, depth) AS (
                            SELECT id, merged_into, 0 FROM customer WHERE id = ?
                            UNION ALL
                            SELECT c.id, c.merged_into, chain.depth + 1 FROM customer c JOIN chain ON c.id = chain.merged_into
                            WHERE chain.depth < 100)
                        SELECT id FROM chain WHERE merged_into IS NULL""")
                .param(id).query(UUID.class).optional();
    }

    /** {@link #survivorOf} for many ids in one query; unknown ids are absent from the answer. */
    java.util.Map<UUID, UUID> survivorsOf(Collection<UUID> ids) {
        java.util.Map<UUID, UUID> survivors = new java.util.HashMap<>();
        jdbc.sql("""
                        WITH RECURSIVE chain(start, id, merged_into, depth) AS (
                            SELECT c.id, c.id, c.merged_into, 0 FROM customer c WHERE c.id = ANY (?::uuid[])
                            UNION ALL
                            SELECT chain.start, c.id, c.merged_into, chain.depth + 1
                            FROM customer c JOIN chain ON c.id = chain.merged_into
                            WHERE chain.depth < 100)
                        SELECT start, id FROM chain WHERE merged_into IS NULL""")
                .param(uuidArray(ids))
                .query(rs -> {
                    survivors.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                });
        return survivors;
    }

    /** {@code id} and every customer merged (directly or not) into it. */
    List<UUID> subtree(UUID id) {
        return jdbc.sql("""
                        WITH RECURSIVE tree(id, depth) AS (
                            SELECT ?::uuid, 0
                            UNION ALL
                            SELECT c.id, tree.depth + 1 FROM customer c JOIN tree ON c.merged_into = tree.id
                            WHERE tree.depth < 100)
                        SELECT id FROM tree""")
                .param(id).query(UUID.class).list();
    }

    // ---- identities

    /** Every row (flagged or not) holding one of these identity values. */
    List<IdentityRow> findIdentities(Collection<NormalizedIdentity> identities) {
        if (identities.isEmpty()) {
            return List.of();
        }
        String types = "{" + String.join(",", identities.stream().map(i -> i.type().code()).toList()) + "}";
        String scopes = uuidArray(identities.stream().map(NormalizedIdentity::scopeId).toList());
        String keys = "{" + String.join(",", identities.stream().map(i -> HexFormat.of().formatHex(i.key())).toList()) + "}";
        return jdbc.sql("""
                        SELECT ci.* FROM unnest(?::text[], ?::uuid[], ?::text[]) AS k(type, scope_id, key_hex)
                        JOIN customer_identity ci
                          ON ci.type = k.type AND ci.scope_id = k.scope_id AND ci.value_key = decode(k.key_hex, 'hex')""")
                .params(types, scopes, keys).query(CustomerStore::identity).list();
    }

    List<IdentityRow> identitiesOf(Collection<UUID> customerIds) {
        return jdbc.sql("SELECT * FROM customer_identity WHERE customer_id = ANY (?::uuid[]) ORDER BY id")
                .param(uuidArray(customerIds)).query(CustomerStore::identity).list();
    }

    void insertIdentity(UUID customer, UUID origin, NormalizedIdentity i, boolean flagged, String source, Instant seen) {
        jdbc.sql("INSERT INTO customer_identity (customer_id, origin_customer_id, type, scope_id, value_key, value_enc, "
                        + "value_plain, value_masked, flagged, source, first_seen_at, last_seen_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(customer, origin, i.type().code(), i.scopeId(), i.key(), i.encrypted(), i.plain(), i.masked(),
                        flagged, source, Timestamp.from(seen), Timestamp.from(seen))
                .update();
    }

    void touchIdentity(long id, Instant seen) {
        jdbc.sql("UPDATE customer_identity SET last_seen_at = greatest(last_seen_at, ?) WHERE id = ?")
                .params(Timestamp.from(seen), id).update();
    }

    void incrementSeenCustomers(long id) {
        jdbc.sql("UPDATE customer_identity SET seen_customers = seen_customers + 1 WHERE id = ?").param(id).update();
    }

    /** Marks an identity value as shared: every row of it stops linking people. */
    void flag(NormalizedIdentity i) {
        jdbc.sql("UPDATE customer_identity SET flagged = true WHERE type = ? AND scope_id = ? AND value_key = ?")
                .params(i.type().code(), i.scopeId(), i.key()).update();
    }

    void moveIdentities(UUID from, UUID to) {
        jdbc.sql("UPDATE customer_identity SET customer_id = ? WHERE customer_id = ?").params(to, from).update();
    }

    void restoreIdentities(Collection<UUID> origins, UUID from, UUID to) {
        jdbc.sql("UPDATE customer_identity SET customer_id = ? WHERE customer_id = ? AND origin_customer_id = ANY (?::uuid[])")
                .params(to, from, uuidArray(origins)).update();
    }

    // ---- helpers

    static String uuidArray(Collection<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }

    private static byte[] decode(String base64) {
        return base64 == null ? null : java.util.Base64.getDecoder().decode(base64);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static CustomerRow customer(ResultSet rs, int n) throws SQLException {
        Date birthday = rs.getDate("birthday");
        return new CustomerRow(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("gender"),
                birthday == null ? null : birthday.toLocalDate(), rs.getString("province"), rs.getString("city"),
                rs.getBytes("real_name_enc"), rs.getString("real_name_masked"), instant(rs, "first_seen_at"),
                instant(rs, "last_seen_at"), rs.getString("source"), rs.getObject("merged_into", UUID.class),
                instant(rs, "merged_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static IdentityRow identity(ResultSet rs, int n) throws SQLException {
        return new IdentityRow(rs.getLong("id"), rs.getObject("customer_id", UUID.class),
                rs.getObject("origin_customer_id", UUID.class), rs.getString("type"), rs.getObject("scope_id", UUID.class),
                rs.getBytes("value_key"), rs.getBytes("value_enc"), rs.getString("value_plain"),
                rs.getString("value_masked"), rs.getBoolean("flagged"), rs.getInt("seen_customers"),
                rs.getString("source"), instant(rs, "first_seen_at"), instant(rs, "last_seen_at"));
    }
}
