package io.liuliang.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.TimeOrderedIds;
import io.liuliang.shared.CustomerId;

/**
 * One-ID for single records (the API and webhooks): finds the customers a record's identities already belong to
 * and creates, extends or merges customers accordingly.
 * <ul>
 * <li>No known identity: a new customer.</li>
 * <li>One customer: the record's new identities join it.</li>
 * <li>Several customers: they merge into the oldest, unless the result would hold more values of a type than the
 * type allows (two UnionIDs, say); then nothing merges, the record joins the customer of its strongest identity and
 * a conflict goes to the review queue.</li>
 * <li>A contact identity (phone, email, device) that would link more distinct people than
 * {@code liuliang.identity.max-customers-per-identity} is flagged as shared and links no one.</li>
 * </ul>
 * Concurrent records touching the same identity values are serialised by transaction-scoped advisory locks.
 */
@Service
class IdentityResolver implements Customers {

    private static final String DEVICE = "device_id";

    private final CustomerStore store;
    private final IdentityTypeRegistry types;
    private final IdentityNormalizer normalizer;
    private final MergeService merges;
    private final ConflictService conflicts;
    private final IdentityProperties properties;
    private final PiiCipher cipher;
    private final PiiMasker masker;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<BulkIdentityResolver> bulk;
    private final CustomerContacts contacts;

    private final TraitRuleService traitRules;

    IdentityResolver(CustomerStore store, IdentityTypeRegistry types, IdentityNormalizer normalizer, MergeService merges,
                     ConflictService conflicts, IdentityProperties properties, PiiCipher cipher, PiiMasker masker,
                     JdbcClient jdbc, Clock clock, org.springframework.beans.factory.ObjectProvider<BulkIdentityResolver> bulk,
                     CustomerContacts contacts, TraitRuleService traitRules) {
        this.traitRules = traitRules;
        this.bulk = bulk;
        this.contacts = contacts;
        this.store = store;
        this.types = types;
        this.normalizer = normalizer;
        this.merges = merges;
        this.conflicts = conflicts;
        this.properties = properties;
        this.cipher = cipher;
        this.masker = masker;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Contact> contactOf(CustomerId customer) {
        return contacts.contactOf(customer);
    }

    @Override
    public Map<CustomerId, Contact> contactsOf(java.util.Collection<CustomerId> customers) {
        return contacts.contactsOf(customers);
    }

    @Override
    public List<CustomerId> withContact(PiiKind kind, String value) {
        return contacts.withContact(kind, value);
    }

    @Override
    public Optional<CustomerId> survivorOf(CustomerId id) {
        return store.survivorOf(id.value()).map(CustomerId::new);
    }

    @Override
    public Map<CustomerId, CustomerId> survivorsOf(java.util.Collection<CustomerId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<CustomerId, CustomerId> survivors = new HashMap<>();
        store.survivorsOf(ids.stream().map(CustomerId::value).toList())
                .forEach((id, survivor) -> survivors.put(new CustomerId(id), new CustomerId(survivor)));
        return survivors;
    }

    @Override
    public java.util.Set<CustomerId> bornOn(java.time.MonthDay day, boolean leapDayOnThe28th,
                                           java.util.Collection<CustomerId> among) {
        java.util.Set<CustomerId> born = new java.util.HashSet<>();
        if (among.isEmpty()) {
            return born;
        }
        jdbc.sql("SELECT id FROM customer WHERE id = ANY (?::uuid[]) AND merged_into IS NULL AND birthday IS NOT NULL "
                        + "AND ((extract(month FROM birthday) = ? AND extract(day FROM birthday) = ?) "
                        + "OR (? AND extract(month FROM birthday) = 2 AND extract(day FROM birthday) = 29))")
                .params(among.stream().map(CustomerId::value).toArray(java.util.UUID[]::new), day.getMonthValue(),
                        day.getDayOfMonth(), leapDayOnThe28th)
                .query((rs, n) -> new CustomerId(rs.getObject(1, java.util.UUID.class))).list().forEach(born::add);
        return born;
    }

    static final java.util.Set<String> GENDERS = java.util.Set.of("female", "male", "unknown");

    @Override
    @Transactional
    public boolean updateProfileField(CustomerId customer, ProfileField field, String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException(field + " must be a text of 1 to 200 characters");
        }
        if (field == ProfileField.GENDER && !GENDERS.contains(value)) {
            throw new IllegalArgumentException("gender must be female, male or unknown");
        }
        Optional<CustomerId> survivor = survivorOf(customer);
        if (survivor.isEmpty()) {
            return false;
        }
        return jdbc.sql("UPDATE customer SET " + field.column() + " = ?, updated_at = now() WHERE id = ? AND "
                        + field.column() + " IS DISTINCT FROM ?")
                .params(value.trim(), survivor.get().value(), value.trim()).update() > 0;
    }

    @Override
    public Map<CustomerId, String> displayNamesOf(java.util.Collection<CustomerId> customers) {
        Map<CustomerId, String> names = new java.util.HashMap<>();
        if (customers.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, display_name FROM customer WHERE id = ANY (?::uuid[])")
                .param(customers.stream().map(CustomerId::value).distinct().toArray(java.util.UUID[]::new))
                .query(rs -> {
                    names.put(new CustomerId(rs.getObject(1, java.util.UUID.class)), rs.getString(2));
                });
        return names;
    }

    @Override
    public List<CustomerId> bornOnAfter(java.time.MonthDay day, boolean leapDayOnThe28th, CustomerId after, int limit) {
        return jdbc.sql("SELECT id FROM customer WHERE merged_into IS NULL AND birthday IS NOT NULL AND id > ? "
                        + "AND ((extract(month FROM birthday) = ? AND extract(day FROM birthday) = ?) "
                        + "OR (? AND extract(month FROM birthday) = 2 AND extract(day FROM birthday) = 29)) "
                        + "ORDER BY id LIMIT ?")
                .params(after == null ? new java.util.UUID(0, 0) : after.value(), day.getMonthValue(), day.getDayOfMonth(),
                        leapDayOnThe28th, limit)
                .query((rs, n) -> new CustomerId(rs.getObject(1, java.util.UUID.class))).list();
    }

    @Override
    @Transactional
    public boolean attachIdentity(CustomerId customer, IdentityInput identity, String source) {
        Optional<CustomerId> survivor = survivorOf(customer);
        if (survivor.isEmpty()) {
            return false;
        }
        IdentityNormalizer.Outcome outcome = normalizer.normalize(0, identity, types.byCode());
        if (!(outcome instanceof IdentityNormalizer.Accepted a)) {
            return false;
        }
        NormalizedIdentity value = a.identity();
        lockValues(Set.of(value.lookupKey()));
        Instant now = clock.instant();
        List<IdentityRow> rows = store.findIdentities(List.of(value));
        for (IdentityRow row : rows) {
            if (row.customerId().equals(survivor.get().value())) {
                store.touchIdentity(row.id(), now);
                return true;
            }
        }
        if (!rows.isEmpty()) {
            return false;
        }
        store.insertIdentity(survivor.get().value(), survivor.get().value(), value, false, source, now);
        return true;
    }

    @Override
    public BulkResolution identifyAll(List<IdentifyRequest> requests) {
        return bulk.getObject().resolve(requests);
    }

    @Override
    @Transactional
    public Resolution identify(IdentifyRequest request) {
        Instant seen = request.seenAt() == null ? clock.instant() : request.seenAt();
        String source = request.source() == null || request.source().isBlank() ? "api" : request.source();
        Map<String, IdentityType> typeMap = types.byCode();
        List<Resolution.IgnoredIdentity> ignored = new ArrayList<>();
        Map<String, NormalizedIdentity> accepted = new LinkedHashMap<>();
        List<IdentityInput> inputs = request.identities() == null ? List.of() : request.identities();
        for (int i = 0; i < inputs.size(); i++) {
            IdentityInput input = inputs.get(i);
            IdentityNormalizer.Outcome outcome = normalizer.normalize(i, input, typeMap);
            if (outcome instanceof IdentityNormalizer.Accepted a) {
                accepted.putIfAbsent(a.identity().lookupKey(), a.identity());
            } else if (outcome instanceof IdentityNormalizer.Refused r) {
                ignored.add(new Resolution.IgnoredIdentity(i, input == null ? null : input.type(), r.reason()));
            }
        }
        if (accepted.isEmpty()) {
            return new Resolution(null, null, false, List.of(), null, ignored);
        }
        lockValues(accepted.keySet());

        Map<String, List<IdentityRow>> rowsByKey = new HashMap<>();
        for (IdentityRow row : store.findIdentities(accepted.values())) {
            rowsByKey.computeIfAbsent(row.lookupKey(), k -> new ArrayList<>()).add(row);
        }
        Set<String> flagged = new HashSet<>();
        Map<String, IdentityRow> owned = new HashMap<>();
        rowsByKey.forEach((key, rows) -> {
            Optional<IdentityRow> holder = rows.stream().filter(r -> !r.flagged()).findFirst();
            if (holder.isPresent()) {
                owned.put(key, holder.get());
            } else {
                flagged.add(key);
            }
        });

        // a contact identity that links an account it does not already hold is seen on one more person
        List<IdentityRow> linking = new ArrayList<>();
        for (NormalizedIdentity contact : accepted.values()) {
            IdentityRow row = owned.get(contact.lookupKey());
            if (row == null || isAccount(contact.type())) {
                continue;
            }
            boolean linksAnotherAccount = accepted.values().stream().filter(a -> isAccount(a.type())).anyMatch(a -> {
                IdentityRow other = owned.get(a.lookupKey());
                return other == null || !other.customerId().equals(row.customerId());
            });
            if (!linksAnotherAccount) {
                continue;
            }
            if (row.seenCustomers() + 1 > properties.maxCustomersPerIdentity()) {
                store.flag(contact);
                owned.remove(contact.lookupKey());
                flagged.add(contact.lookupKey());
                ignored.add(new Resolution.IgnoredIdentity(contact.index(), contact.type().code(),
                        "shared by more than " + properties.maxCustomersPerIdentity() + " people: flagged, links no one"));
            } else {
                linking.add(row);
            }
        }

        Set<UUID> ownerIds = new HashSet<>();
        owned.values().forEach(r -> ownerIds.add(r.customerId()));
        List<NormalizedIdentity> unowned = accepted.values().stream()
                .filter(i -> !owned.containsKey(i.lookupKey()) && !flagged.contains(i.lookupKey())).toList();
        TraitSnapshot incoming = incomingTraits(request.traits(), seen);

        UUID target;
        UUID origin;
        boolean created = false;
        List<CustomerId> mergedIds = new ArrayList<>();
        Long conflictId = null;
        boolean keptApart = false;
        boolean newAccount = unowned.stream().anyMatch(i -> isAccount(i.type()));
        if (ownerIds.isEmpty() || newAccount) {
            // a new account is a person of its own until its contact identities link it to others (a merge, which
            // an unmerge can undo)
            target = TimeOrderedIds.next();
            origin = target;
            created = true;
            store.insert(target, incoming, source);
            for (NormalizedIdentity i : unowned) {
                store.insertIdentity(target, origin, i, false, source, seen);
            }
            unowned = List.of();
        } else {
            IdentityRow strongest = owned.values().stream()
                    .min(Comparator.comparingInt((IdentityRow r) -> typeMap.get(r.type()).priority())
                            .thenComparingLong(IdentityRow::id))
                    .orElseThrow();
            target = strongest.customerId();
            origin = strongest.originCustomerId();
        }
        Set<UUID> involved = new HashSet<>(ownerIds);
        involved.add(target);
        if (involved.size() > 1) {
            List<CustomerRow> customers = new ArrayList<>(store.lock(involved));
            customers.sort(CustomerRow.OLDEST_FIRST);
            Optional<String> apart = keptApart(involved);
            Optional<LimitBreach> breach = apart.isPresent() ? Optional.empty()
                    : breach(store.identitiesOf(involved), List.of(), typeMap);
            if (apart.isPresent()) {
                // a person separated these customers: the record does not join them again, and no conflict is
                // raised again either; the identities that would have linked them say why
                keptApart = true;
                UUID holder = target;
                owned.values().stream().filter(r -> !r.customerId().equals(holder))
                        .map(r -> accepted.get(r.lookupKey()))
                        .forEach(i -> ignored.add(new Resolution.IgnoredIdentity(i.index(), i.type().code(), apart.get())));
            } else if (breach.isEmpty()) {
                CustomerRow survivor = customers.get(0);
                for (CustomerRow merged : customers.subList(1, customers.size())) {
                    IdentityRow via = owned.values().stream()
                            .filter(r -> r.customerId().equals(merged.id()) || r.customerId().equals(survivor.id()))
                            .min(Comparator.comparingInt(r -> typeMap.get(r.type()).priority())).orElseThrow();
                    merges.merge(store.find(survivor.id()).orElseThrow(), merged, new MergeService.MergeReason(
                            via.type(), via.valueMasked(), "a record carried identities of both customers", source, null));
                    mergedIds.add(new CustomerId(merged.id()));
                }
                target = survivor.id();
            } else {
                conflictId = conflicts.open(new ArrayList<>(involved), breach.get().type(), breach.get().reason(), source);
            }
        }
        if (!created && conflictId == null && !keptApart) {
            CustomerRow current = store.find(target).orElseThrow();
            store.updateTraits(target, current.traits().fold(incoming, traitRules.current()));
        }
        List<NormalizedIdentity> attachable = new ArrayList<>();
        for (NormalizedIdentity i : unowned) {
            List<NormalizedIdentity> candidate = new ArrayList<>(attachable);
            candidate.add(i);
            Optional<LimitBreach> breach = breach(store.identitiesOf(List.of(target)), candidate, typeMap);
            if (breach.isPresent()) {
                ignored.add(new Resolution.IgnoredIdentity(i.index(), i.type().code(), breach.get().reason()));
            } else {
                attachable.add(i);
            }
        }
        unowned = attachable;
        for (NormalizedIdentity i : unowned) {
            store.insertIdentity(target, origin, i, false, source, seen);
        }
        final UUID resolved = target;
        for (String key : flagged) {
            NormalizedIdentity i = accepted.get(key);
            boolean alreadyThere = rowsByKey.getOrDefault(key, List.of()).stream()
                    .anyMatch(r -> r.customerId().equals(resolved));
            if (!alreadyThere) {
                store.insertIdentity(target, origin, i, true, source, seen);
            }
        }
        for (IdentityRow row : owned.values()) {
            store.touchIdentity(row.id(), seen);
        }
        if (conflictId == null && !keptApart) {
            linking.forEach(r -> store.incrementSeenCustomers(r.id()));
        }
        // a customer made for the record and merged at once into an older one was not, in the end, a new customer
        boolean isNew = created && mergedIds.stream().noneMatch(m -> m.value().equals(origin));
        return new Resolution(new CustomerId(target), new CustomerId(origin), isNew, mergedIds, conflictId, ignored);
    }

    /**
     * Why the customers must not be merged by One-ID, if a person kept two of them apart: an unmerge of one from the
     * other, or a dismissed conflict naming both. Merging them again is a person's decision (a manual merge).
     */
    private Optional<String> keptApart(Set<UUID> customers) {
        UUID[] ids = customers.toArray(UUID[]::new);
        Optional<String> unmerged = jdbc.sql("SELECT unmerged_by FROM customer_merge WHERE merged_id = ANY (?::uuid[]) "
                        + "AND survivor_id = ANY (?::uuid[]) AND unmerged_at IS NOT NULL LIMIT 1")
                .params(ids, ids).query((rs, n) -> "an unmerge by " + rs.getString(1)
                        + " keeps these customers apart: not merged again").optional();
        if (unmerged.isPresent()) {
            return unmerged;
        }
        return jdbc.sql("SELECT id, customer_ids FROM identity_conflict WHERE status = 'DISMISSED' "
                        + "AND customer_ids && ?::uuid[] ORDER BY id")
                .param(ids)
                .query((rs, n) -> {
                    long named = java.util.Arrays.stream((UUID[]) rs.getArray(2).getArray()).filter(customers::contains).count();
                    return named >= 2 ? "conflict " + rs.getLong(1) + " was dismissed: these customers stay apart" : null;
                })
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** A type whose limit a customer would exceed. */
    record LimitBreach(String type, String reason) {
    }

    /** Would the customers holding {@code held}, plus {@code added}, hold more values of a type than it allows? */
    static Optional<LimitBreach> breach(List<IdentityRow> held, List<NormalizedIdentity> added,
                                        Map<String, IdentityType> typeMap) {
        Map<String, Set<String>> valuesByTypeAndScope = new HashMap<>();
        for (IdentityRow r : held) {
            if (!r.flagged()) {
                valuesByTypeAndScope.computeIfAbsent(r.type() + "|" + r.scopeId(), k -> new HashSet<>()).add(r.lookupKey());
            }
        }
        for (NormalizedIdentity i : added) {
            valuesByTypeAndScope.computeIfAbsent(i.type().code() + "|" + i.scopeId(), k -> new HashSet<>())
                    .add(i.lookupKey());
        }
        for (Map.Entry<String, Set<String>> e : valuesByTypeAndScope.entrySet()) {
            String type = e.getKey().substring(0, e.getKey().indexOf('|'));
            Integer max = typeMap.get(type).maxPerCustomer();
            if (max != null && e.getValue().size() > max) {
                return Optional.of(new LimitBreach(type, "one customer would hold " + e.getValue().size() + " values of "
                        + type + " (at most " + max + " allowed)"));
            }
        }
        return Optional.empty();
    }

    /** Account identities name an account (member number, UnionID, OpenID, platform buyer id, custom ids). */
    private static boolean isAccount(IdentityType type) {
        return !type.pii() && !DEVICE.equals(type.code());
    }

    private void lockValues(Set<String> lookupKeys) {
        lookupKeys.stream().sorted().forEach(key ->
                jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param(key).query((rs, n) -> 1).list());
    }

    private TraitSnapshot incomingTraits(CustomerTraits traits, Instant seen) {
        CustomerTraits t = traits == null ? CustomerTraits.none() : traits;
        String realName = t.realName() == null || t.realName().isBlank() ? null : t.realName().strip();
        return new TraitSnapshot(blankToNull(t.displayName()), normalizeGender(t.gender()), t.birthday(),
                blankToNull(t.province()), blankToNull(t.city()),
                realName == null ? null : java.util.Base64.getEncoder().encodeToString(cipher.encrypt(PiiKind.NAME, realName)),
                realName == null ? null : masker.name(realName), seen, seen);
    }

    static String normalizeGender(String gender) {
        if (gender == null || gender.isBlank()) {
            return null;
        }
        return switch (gender.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "f", "female", "女", "woman", "w" -> "female";
            case "m", "male", "男", "man" -> "male";
            default -> "unknown";
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
