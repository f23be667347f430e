package io.liuliang.customer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerId;

/** Reads a customer's contact data for sending messages, and finds customers by a phone or an e-mail address. */
@Component
class CustomerContacts {

    private final JdbcClient jdbc;
    private final CustomerStore store;
    private final PiiCipher cipher;
    private final IdentityTypeRegistry types;
    private final IdentityNormalizer normalizer;

    CustomerContacts(JdbcClient jdbc, CustomerStore store, PiiCipher cipher, IdentityTypeRegistry types,
                     IdentityNormalizer normalizer) {
        this.jdbc = jdbc;
        this.store = store;
        this.cipher = cipher;
        this.types = types;
        this.normalizer = normalizer;
    }

    Optional<Contact> contactOf(CustomerId id) {
        Optional<UUID> survivor = store.survivorOf(id.value());
        if (survivor.isEmpty()) {
            return Optional.empty();
        }
        UUID customer = survivor.get();
        String name = jdbc.sql("SELECT display_name FROM customer WHERE id = ?").param(customer)
                .query(String.class).optional().orElse(null);
        return Optional.of(new Contact(new CustomerId(customer), name, latest(customer, IdentityType.EMAIL, PiiKind.EMAIL),
                latest(customer, IdentityType.PHONE, PiiKind.PHONE)));
    }

    /**
     * The contacts of many customers at once (two queries however many): each given id maps to its survivor's
     * contact; unknown ids are absent.
     */
    java.util.Map<CustomerId, Contact> contactsOf(java.util.Collection<CustomerId> ids) {
        java.util.Map<CustomerId, Contact> contacts = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return contacts;
        }
        java.util.Map<UUID, UUID> survivors = store.survivorsOf(ids.stream().map(CustomerId::value).distinct().toList());
        java.util.Map<UUID, Contact> bySurvivor = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT c.id, c.display_name,
                            (SELECT value_enc FROM customer_identity WHERE customer_id = c.id AND type = ? AND NOT flagged
                                AND value_enc IS NOT NULL ORDER BY last_seen_at DESC, id DESC LIMIT 1),
                            (SELECT value_enc FROM customer_identity WHERE customer_id = c.id AND type = ? AND NOT flagged
                                AND value_enc IS NOT NULL ORDER BY last_seen_at DESC, id DESC LIMIT 1)
                        FROM customer c WHERE c.id = ANY (?::uuid[])""")
                .params(IdentityType.EMAIL, IdentityType.PHONE, CustomerStore.uuidArray(survivors.values()))
                .query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    byte[] email = rs.getBytes(3);
                    byte[] phone = rs.getBytes(4);
                    bySurvivor.put(id, new Contact(new CustomerId(id), rs.getString(2),
                            email == null ? null : cipher.decrypt(PiiKind.EMAIL, email),
                            phone == null ? null : cipher.decrypt(PiiKind.PHONE, phone)));
                });
        survivors.forEach((given, survivor) -> {
            Contact contact = bySurvivor.get(survivor);
            if (contact != null) {
                contacts.put(new CustomerId(given), contact);
            }
        });
        return contacts;
    }

    private String latest(UUID customer, String type, PiiKind kind) {
        return jdbc.sql("SELECT value_enc FROM customer_identity WHERE customer_id = ? AND type = ? AND NOT flagged "
                        + "AND value_enc IS NOT NULL ORDER BY last_seen_at DESC, id DESC LIMIT 1")
                .params(customer, type).query((rs, n) -> rs.getBytes(1)).optional()
                .map(enc -> cipher.decrypt(kind, enc)).orElse(null);
    }

    List<CustomerId> withContact(PiiKind kind, String value) {
        String type = switch (kind) {
            case PHONE -> IdentityType.PHONE;
            case EMAIL -> IdentityType.EMAIL;
            default -> throw new IllegalArgumentException("customers are found by phone or e-mail, not by " + kind);
        };
        IdentityType identityType = types.byCode().get(type);
        Optional<byte[]> key = identityType == null ? Optional.empty() : normalizer.searchKey(identityType, value);
        if (key.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT c.id FROM customer_identity ci JOIN customer c ON c.id = ci.customer_id "
                        + "WHERE ci.type = ? AND ci.value_key = ? AND c.merged_into IS NULL")
                .params(type, key.get()).query((rs, n) -> new CustomerId(rs.getObject(1, UUID.class))).list();
    }
}
