package io.liuliang.customer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.shared.TimeOrderedIds;
import io.liuliang.shared.CopyRows;
import io.liuliang.shared.CustomerId;
import tools.jackson.databind.json.JsonMapper;

/**
 * One-ID for imports. Records are grouped by union-find over their identities; known identities are looked up in
 * batches; a group that names no known customer and at most one account becomes one new customer (inserted in
 * batches); a group that names no known customer but several accounts, each record carrying one, linked by shared
 * contacts, becomes a family ({@link AccountFamily}: a customer per account, merged into the oldest with reversible
 * merge records, written in batches); and a group that only adds contact details to one known customer extends it.
 * Every other group — one that links known customers (a merge of customers who may own orders and more), exceeds a
 * type's limit, or carries a shared contact — is resolved record by record by {@link IdentityResolver}, with the
 * same rules as the API.
 */
@Component
class BulkIdentityResolver {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BulkIdentityResolver.class);
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final int LOOKUP_BATCH = 5_000;
    private static final int WRITE_BATCH = 1_000;
    /** Families written per transaction (each a few customers, identities and merge records). */
    private static final int FAMILY_BATCH = 500;
    private static final String FAMILY_MERGE_REASON = "the import linked both accounts through a shared identity";
    private static final String DEVICE = "device_id";

    private final IdentityResolver single;
    private final IdentityNormalizer normalizer;
    private final IdentityTypeRegistry types;
    private final CustomerStore store;
    private final IdentityProperties properties;
    private final TransactionTemplate tx;
    private final PiiCipher cipher;
    private final PiiMasker masker;

    private final TraitRuleService traitRules;
    private final JsonMapper json;
    private final DataSource dataSource;

    BulkIdentityResolver(IdentityResolver single, IdentityNormalizer normalizer, IdentityTypeRegistry types,
                         CustomerStore store, IdentityProperties properties, TransactionTemplate tx,
                         PiiCipher cipher, PiiMasker masker, TraitRuleService traitRules, JsonMapper json,
                         DataSource dataSource) {
        this.traitRules = traitRules;
        this.dataSource = dataSource;
        this.json = json;
        this.single = single;
        this.normalizer = normalizer;
        this.types = types;
        this.store = store;
        this.properties = properties;
        this.tx = tx;
        this.cipher = cipher;
        this.masker = masker;
    }

    BulkResolution resolve(List<IdentifyRequest> requests) {
        PassClock clock = new PassClock();
        Map<String, IdentityType> typeMap = types.byCode();
        TraitMergeRules rules = traitRules.current();
        int n = requests.size();
        List<List<NormalizedIdentity>> identities = new ArrayList<>(n);
        List<List<Resolution.IgnoredIdentity>> ignored = new ArrayList<>(n);
        Map<String, NormalizedIdentity> allKeys = new LinkedHashMap<>();
        List<IdentityInput> previous = null;
        for (IdentifyRequest request : requests) {
            List<IdentityInput> inputs = request.identities() == null ? List.of() : request.identities();
            if (inputs.equals(previous)) {
                // the same identities as the record before (an import sends a buyer's first and latest line): the
                // same outcome, without normalising, hashing and encrypting them again
                identities.add(identities.get(identities.size() - 1));
                ignored.add(ignored.get(ignored.size() - 1));
                continue;
            }
            previous = inputs;
            List<NormalizedIdentity> accepted = new ArrayList<>();
            List<Resolution.IgnoredIdentity> refused = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < inputs.size(); i++) {
                IdentityNormalizer.Outcome outcome = normalizer.normalize(i, inputs.get(i), typeMap);
                if (outcome instanceof IdentityNormalizer.Accepted a) {
                    if (seen.add(a.identity().lookupKey())) {
                        accepted.add(a.identity());
                        allKeys.putIfAbsent(a.identity().lookupKey(), a.identity());
                    }
                } else if (outcome instanceof IdentityNormalizer.Refused r) {
                    refused.add(new Resolution.IgnoredIdentity(i, inputs.get(i) == null ? null : inputs.get(i).type(),
                            r.reason()));
                }
            }
            identities.add(accepted);
            ignored.add(refused);
        }

        clock.lap("normalise");
        // what is known already
        Map<String, IdentityRow> owned = new HashMap<>();
        Set<String> flagged = new HashSet<>();
        List<NormalizedIdentity> keyList = new ArrayList<>(allKeys.values());
        for (int from = 0; from < keyList.size(); from += LOOKUP_BATCH) {
            for (IdentityRow row : store.findIdentities(keyList.subList(from, Math.min(keyList.size(), from + LOOKUP_BATCH)))) {
                if (row.flagged()) {
                    flagged.add(row.lookupKey());
                } else {
                    owned.put(row.lookupKey(), row);
                }
            }
        }
        // contacts seen with too many distinct accounts in this file (or before) are shared: they link no one
        Map<String, Set<String>> accountsPerContact = new HashMap<>();
        for (List<NormalizedIdentity> record : identities) {
            for (NormalizedIdentity contact : record) {
                if (!isAccount(contact.type())) {
                    for (NormalizedIdentity account : record) {
                        if (isAccount(account.type())) {
                            accountsPerContact.computeIfAbsent(contact.lookupKey(), k -> new HashSet<>()).add(account.lookupKey());
                        }
                    }
                }
            }
        }
        Set<String> shared = new HashSet<>(flagged);
        accountsPerContact.forEach((contact, accounts) -> {
            IdentityRow row = owned.get(contact);
            int already = row == null ? 0 : row.seenCustomers();
            if (accounts.size() + Math.max(0, already - 1) > properties.maxCustomersPerIdentity()) {
                shared.add(contact);
            }
        });

        clock.lap("look up");
        // union-find over the identities that link
        UnionFind groups = new UnionFind();
        for (List<NormalizedIdentity> record : identities) {
            String first = null;
            for (NormalizedIdentity i : record) {
                if (shared.contains(i.lookupKey())) {
                    continue;
                }
                groups.add(i.lookupKey());
                if (first == null) {
                    first = i.lookupKey();
                } else {
                    groups.union(first, i.lookupKey());
                }
            }
        }
        Map<String, List<Integer>> recordsByGroup = new LinkedHashMap<>();
        List<Integer> unlinked = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            String anchor = identities.get(r).stream().map(NormalizedIdentity::lookupKey).filter(k -> !shared.contains(k))
                    .findFirst().orElse(null);
            if (anchor == null) {
                unlinked.add(r);
            } else {
                recordsByGroup.computeIfAbsent(groups.find(anchor), k -> new ArrayList<>()).add(r);
            }
        }

        Resolution[] results = new Resolution[n];
        long created = 0;
        long merged = 0;
        List<NewCustomer> newCustomers = new ArrayList<>();
        List<Extension> extensions = new ArrayList<>();
        List<AccountFamily> families = new ArrayList<>();
        List<Integer> oneByOne = new ArrayList<>(unlinked);
        for (List<Integer> group : recordsByGroup.values()) {
            Map<String, NormalizedIdentity> groupKeys = new LinkedHashMap<>();
            for (int r : group) {
                identities.get(r).stream().filter(i -> !shared.contains(i.lookupKey()))
                        .forEach(i -> groupKeys.putIfAbsent(i.lookupKey(), i));
            }
            Set<UUID> owners = new HashSet<>();
            groupKeys.keySet().forEach(k -> {
                IdentityRow row = owned.get(k);
                if (row != null) {
                    owners.add(row.customerId());
                }
            });
            long newAccounts = groupKeys.values().stream().filter(i -> isAccount(i.type()) && !owned.containsKey(i.lookupKey()))
                    .count();
            boolean withinLimits = IdentityResolver.breach(List.of(), new ArrayList<>(groupKeys.values()), typeMap).isEmpty();
            boolean hasShared = group.stream().anyMatch(r -> identities.get(r).stream().anyMatch(i -> shared.contains(i.lookupKey())));
            if (owners.isEmpty() && newAccounts <= 1 && withinLimits && !hasShared) {
                newCustomers.add(new NewCustomer(TimeOrderedIds.next(), group, new ArrayList<>(groupKeys.values())));
            } else if (owners.isEmpty() && withinLimits && !hasShared) {
                // a new person with several accounts linked by their contacts: one customer per account, merged
                java.util.Optional<AccountFamily> family = AccountFamily.plan(group, identities::get,
                        BulkIdentityResolver::isAccount, records -> traitsOf(records, requests, rules),
                        IdentityType::priority, rules, TimeOrderedIds::next);
                if (family.isPresent()) {
                    families.add(family.get());
                } else {
                    oneByOne.addAll(group);
                }
            } else if (owners.size() == 1 && newAccounts == 0 && !hasShared) {
                UUID owner = owners.iterator().next();
                List<NormalizedIdentity> additions = groupKeys.values().stream()
                        .filter(i -> !owned.containsKey(i.lookupKey())).toList();
                IdentityRow strongest = groupKeys.keySet().stream().map(owned::get).filter(java.util.Objects::nonNull)
                        .min(java.util.Comparator.comparingInt(r -> typeMap.get(r.type()).priority())).orElseThrow();
                if (additions.isEmpty()) {
                    extensions.add(new Extension(owner, strongest.originCustomerId(), group, List.of()));
                } else {
                    extensions.add(new Extension(owner, strongest.originCustomerId(), group, additions));
                }
            } else {
                oneByOne.addAll(group);
            }
        }

        clock.lap("group");
        // bulk writes
        for (int from = 0; from < newCustomers.size(); from += WRITE_BATCH) {
            List<NewCustomer> batch = newCustomers.subList(from, Math.min(newCustomers.size(), from + WRITE_BATCH));
            tx.executeWithoutResult(status -> insertCustomers(batch, requests, identities, rules));
        }
        for (NewCustomer c : newCustomers) {
            for (int r : c.records()) {
                results[r] = new Resolution(new CustomerId(c.id()), new CustomerId(c.id()), r == c.records().get(0),
                        List.of(), null, ignored.get(r));
            }
        }
        created += newCustomers.size();
        clock.lap("new customers");
        for (int from = 0; from < extensions.size(); from += WRITE_BATCH) {
            List<Extension> batch = extensions.subList(from, Math.min(extensions.size(), from + WRITE_BATCH));
            tx.executeWithoutResult(status -> extend(batch, requests, rules));
        }
        for (Extension e : extensions) {
            for (int r : e.records()) {
                results[r] = new Resolution(new CustomerId(e.owner()), new CustomerId(e.origin()), false, List.of(), null,
                        ignored.get(r));
            }
        }
        clock.lap("extensions");
        for (int from = 0; from < families.size(); from += FAMILY_BATCH) {
            List<AccountFamily> batch = families.subList(from, Math.min(families.size(), from + FAMILY_BATCH));
            tx.executeWithoutResult(status -> insertFamilies(batch, requests, identities));
        }
        for (AccountFamily family : families) {
            UUID survivor = family.survivor().id();
            for (AccountFamily.Member m : family.members()) {
                for (int r : m.records()) {
                    boolean first = r == m.firstRecord();
                    results[r] = new Resolution(new CustomerId(survivor), new CustomerId(m.id()),
                            first && m == family.survivor(),
                            first && m != family.survivor() ? List.of(new CustomerId(m.id())) : List.of(), null,
                            ignored.get(r));
                }
            }
            created++;
            merged += family.merges().size();
        }
        clock.lap("families");
        oneByOne.sort(null);
        for (int r : oneByOne) {
            Resolution resolution = single.identify(requests.get(r));
            List<Resolution.IgnoredIdentity> all = new ArrayList<>(ignored.get(r));
            resolution.ignored().stream().filter(i -> !all.contains(i)).forEach(all::add);
            results[r] = new Resolution(resolution.customerId(), resolution.origin(), resolution.created(),
                    resolution.merged(), resolution.conflictId(), all);
            created += resolution.created() ? 1 : 0;
            merged += resolution.merged().size();
        }
        clock.lap("one by one");
        log.info("One-ID for {} records: {} new customers, {} extended, {} families of accounts, {} records one by one; "
                + "{}", n, newCustomers.size(), extensions.size(), families.size(), oneByOne.size(), clock);
        return new BulkResolution(List.of(results), created, merged);
    }

    private record NewCustomer(UUID id, List<Integer> records, List<NormalizedIdentity> identities) {
    }

    private record Extension(UUID owner, UUID origin, List<Integer> records, List<NormalizedIdentity> additions) {
    }

    private void insertCustomers(List<NewCustomer> batch, List<IdentifyRequest> requests,
                                 List<List<NormalizedIdentity>> identities, TraitMergeRules rules) {
        List<Object[]> customers = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (NewCustomer c : batch) {
            TraitSnapshot traits = traitsOf(c.records(), requests, rules);
            customers.add(customerRow(c.id(), traits, source(requests.get(c.records().get(0))), null, null));
            for (NormalizedIdentity i : c.identities()) {
                Instant[] span = span(c.records(), requests, identities, i.lookupKey());
                rows.add(identityRow(c.id(), c.id(), i, false, 1, source(requests.get(c.records().get(0))), span));
            }
        }
        insertCustomerRows(customers);
        insertIdentities(rows);
    }

    /** Writes rows with one COPY on the transaction's connection (the new rows of a batch: no conflicts). */
    private void copy(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            CopyRows.copy(dataSource, sql, out -> {
                for (Object[] row : rows) {
                    out.row(row);
                }
            });
        }
    }

    private static Object[] customerRow(UUID id, TraitSnapshot traits, String source, UUID mergedInto, Timestamp mergedAt) {
        return new Object[] {id, traits.displayName(), traits.gender(),
                traits.birthday() == null ? null : java.sql.Date.valueOf(traits.birthday()), traits.province(),
                traits.city(), traits.realNameEnc() == null ? null : java.util.Base64.getDecoder().decode(traits.realNameEnc()),
                traits.realNameMasked(), Timestamp.from(traits.firstSeenAt()), Timestamp.from(traits.lastSeenAt()),
                source, mergedInto, mergedAt};
    }

    private void insertCustomerRows(List<Object[]> customers) {
        copy("COPY customer (id, display_name, gender, birthday, province, city, real_name_enc, real_name_masked, "
                + "first_seen_at, last_seen_at, source, merged_into, merged_at) FROM STDIN", customers);
    }

    /**
     * Writes families: each member a customer (the merged ones pointing at their survivor), their identities held by
     * the survivor with the member they came from as origin, and a merge record per merged member with the
     * survivor's traits just before it, as {@link MergeService#merge} keeps them, so that an unmerge gives each
     * account back with what came with it. The members own nothing else yet (their orders are stored after the
     * resolution, with these origins): no other module has anything to move, and the survivors are announced with
     * their orders.
     */
    private void insertFamilies(List<AccountFamily> batch, List<IdentifyRequest> requests,
                                List<List<NormalizedIdentity>> identities) {
        List<Object[]> survivors = new ArrayList<>();
        List<Object[]> mergedCustomers = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> records = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (AccountFamily family : batch) {
            UUID survivor = family.survivor().id();
            String source = source(requests.get(family.survivor().firstRecord()));
            List<Integer> all = new ArrayList<>();
            for (AccountFamily.Member m : family.members()) {
                boolean isSurvivor = m == family.survivor();
                TraitSnapshot traits = isSurvivor ? family.traits() : m.traits();
                Object[] row = customerRow(m.id(), traits, source(requests.get(m.firstRecord())),
                        isSurvivor ? null : survivor, isSurvivor ? null : now);
                (isSurvivor ? survivors : mergedCustomers).add(row);
                rows.add(identityRow(survivor, m.id(), m.account(), false, 1, source,
                        span(m.records(), requests, identities, m.account().lookupKey())));
                all.addAll(m.records());
            }
            for (AccountFamily.Contact c : family.contacts().values()) {
                rows.add(identityRow(survivor, c.origin().id(), c.identity(), false, c.members(), source,
                        span(all, requests, identities, c.identity().lookupKey())));
            }
            for (AccountFamily.Merge m : family.merges()) {
                records.add(new Object[] {survivor, m.merged().id(), m.via().type().code(), m.via().masked(),
                        FAMILY_MERGE_REASON, source, json.writeValueAsString(m.survivorBefore()), now});
            }
        }
        insertCustomerRows(survivors);
        insertCustomerRows(mergedCustomers);
        insertIdentities(rows);
        copy("COPY customer_merge (survivor_id, merged_id, identity_type, identity_masked, reason, source, "
                + "survivor_before, merged_at) FROM STDIN", records);
    }

    private void extend(List<Extension> batch, List<IdentifyRequest> requests, TraitMergeRules rules) {
        List<Object[]> rows = new ArrayList<>();
        // the owners' traits, read at once and kept current (a customer may own several groups of the batch)
        Map<UUID, TraitSnapshot> owners = new HashMap<>();
        store.findAll(batch.stream().map(Extension::owner).distinct().toList()).forEach(c -> owners.put(c.id(), c.traits()));
        for (Extension e : batch) {
            TraitSnapshot current = owners.get(e.owner());
            if (current == null) {
                throw new IllegalStateException("customer " + e.owner() + " is gone");
            }
            TraitSnapshot traits = current.fold(traitsOf(e.records(), requests, rules), rules);
            if (!sameIgnoringCiphertext(traits, current)) {
                store.updateTraits(e.owner(), traits);
                owners.put(e.owner(), traits);
            }
            for (NormalizedIdentity i : e.additions()) {
                rows.add(identityRow(e.owner(), e.origin(), i, false, 1, source(requests.get(e.records().get(0))),
                        new Instant[] {traits.lastSeenAt(), traits.lastSeenAt()}));
            }
        }
        insertIdentities(rows);
    }

    /** Equal traits, comparing the real name by its masked form (each encryption of it differs). */
    private static boolean sameIgnoringCiphertext(TraitSnapshot a, TraitSnapshot b) {
        return java.util.Objects.equals(a.displayName(), b.displayName()) && java.util.Objects.equals(a.gender(), b.gender())
                && java.util.Objects.equals(a.birthday(), b.birthday()) && java.util.Objects.equals(a.province(), b.province())
                && java.util.Objects.equals(a.city(), b.city()) && java.util.Objects.equals(a.realNameMasked(), b.realNameMasked())
                && java.util.Objects.equals(a.firstSeenAt(), b.firstSeenAt()) && java.util.Objects.equals(a.lastSeenAt(), b.lastSeenAt());
    }

    private void insertIdentities(List<Object[]> rows) {
        copy("COPY customer_identity (customer_id, origin_customer_id, type, scope_id, value_key, value_enc, "
                + "value_plain, value_masked, flagged, seen_customers, source, first_seen_at, last_seen_at) FROM STDIN",
                rows);
    }

    private static Object[] identityRow(UUID customer, UUID origin, NormalizedIdentity i, boolean flagged,
                                        int seenCustomers, String source, Instant[] span) {
        return new Object[] {customer, origin, i.type().code(), i.scopeId(), i.key(), i.encrypted(), i.plain(), i.masked(),
                flagged, seenCustomers, source, Timestamp.from(span[0]), Timestamp.from(span[1])};
    }

    private static Instant[] span(List<Integer> records, List<IdentifyRequest> requests,
                                  List<List<NormalizedIdentity>> identities, String key) {
        Instant first = null;
        Instant last = null;
        for (int r : records) {
            boolean carries = identities.get(r).stream().anyMatch(i -> i.lookupKey().equals(key));
            Instant seen = requests.get(r).seenAt();
            if (carries && seen != null) {
                first = first == null || seen.isBefore(first) ? seen : first;
                last = last == null || seen.isAfter(last) ? seen : last;
            }
        }
        Instant now = Instant.now();
        return new Instant[] {first == null ? now : first, last == null ? now : last};
    }

    /** The traits of a group's records folded oldest first, each trait by its strategy. */
    private TraitSnapshot traitsOf(List<Integer> records, List<IdentifyRequest> requests, TraitMergeRules rules) {
        List<Integer> ordered = new ArrayList<>(records);
        ordered.sort(java.util.Comparator.comparing(r -> requests.get(r).seenAt() == null ? Instant.EPOCH : requests.get(r).seenAt()));
        TraitSnapshot folded = null;
        for (int r : ordered) {
            TraitSnapshot t = snapshot(requests.get(r));
            folded = folded == null ? t : folded.fold(t, rules);
        }
        return folded;
    }

    private TraitSnapshot snapshot(IdentifyRequest request) {
        CustomerTraits t = request.traits() == null ? CustomerTraits.none() : request.traits();
        Instant seen = request.seenAt() == null ? Instant.now() : request.seenAt();
        String realName = t.realName() == null || t.realName().isBlank() ? null : t.realName().strip();
        return new TraitSnapshot(blank(t.displayName()), IdentityResolver.normalizeGender(t.gender()), t.birthday(),
                blank(t.province()), blank(t.city()),
                realName == null ? null : java.util.Base64.getEncoder().encodeToString(cipher.encrypt(PiiKind.NAME, realName)),
                realName == null ? null : masker.name(realName), seen, seen);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String source(IdentifyRequest request) {
        return request.source() == null || request.source().isBlank() ? "import" : request.source();
    }

    private static boolean isAccount(IdentityType type) {
        return !type.pii() && !DEVICE.equals(type.code());
    }

    /** Milliseconds spent in each step of a resolution, for the log. */
    private static final class PassClock {
        private final StringBuilder laps = new StringBuilder();
        private long last = System.nanoTime();

        void lap(String step) {
            long now = System.nanoTime();
            laps.append(laps.length() == 0 ? "" : ", ").append(step).append(' ').append((now - last) / NANOS_PER_MILLI)
                    .append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return laps.toString();
        }
    }

    /** Disjoint sets over identity keys, with path halving and union by size. */
    static final class UnionFind {
        private final Map<String, String> parent = new HashMap<>();
        private final Map<String, Integer> size = new HashMap<>();

        void add(String key) {
            if (parent.putIfAbsent(key, key) == null) {
                size.put(key, 1);
            }
        }

        String find(String key) {
            String k = key;
            while (!parent.get(k).equals(k)) {
                String grand = parent.get(parent.get(k));
                parent.put(k, grand);
                k = grand;
            }
            return k;
        }

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (ra.equals(rb)) {
                return;
            }
            if (size.get(ra) < size.get(rb)) {
                String t = ra;
                ra = rb;
                rb = t;
            }
            parent.put(rb, ra);
            size.put(ra, size.get(ra) + size.get(rb));
        }
    }
}
