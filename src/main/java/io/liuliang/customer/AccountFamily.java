package io.liuliang.customer;

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
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * One person new to the merchant whose accounts on several platforms (or shops) an import links through shared
 * contacts: a buyer id on Tmall and one on JD with the same phone, say. Resolved as the single-record path would
 * resolve the records one after another, but planned here for the whole group at once: each account becomes a customer
 * of its own (so that an unmerge can give it back), the oldest of them survives, and the others are merged into it,
 * each with a merge record naming the contact that linked it.
 * <p>
 * Only groups whose every record carries exactly one account identity are planned here; the caller resolves any other
 * group record by record.
 */
record AccountFamily(Member survivor, List<Merge> merges, Map<String, Contact> contacts, TraitSnapshot traits) {

    /** One account's customer: its id, its account identity, its records (in input order) and their traits. */
    record Member(UUID id, NormalizedIdentity account, List<Integer> records, TraitSnapshot traits) {

        int firstRecord() {
            return records.get(0);
        }
    }

    /** A member merged into the survivor, by the contact that linked it, and the survivor's traits just before. */
    record Merge(Member merged, NormalizedIdentity via, TraitSnapshot survivorBefore) {
    }

    /**
     * A contact identity of the family: the earliest seen member carrying it (its origin, which an unmerge follows)
     * and how many of the members carry it (the people it links).
     */
    record Contact(NormalizedIdentity identity, Member origin, int members) {
    }

    /** Members by when they were first seen, then by their first record. */
    private static final Comparator<Member> EARLIEST = Comparator.comparing((Member m) -> m.traits().firstSeenAt())
            .thenComparingInt(Member::firstRecord);

    /** Every member, the survivor first. */
    List<Member> members() {
        List<Member> all = new ArrayList<>(merges.size() + 1);
        all.add(survivor);
        merges.forEach(m -> all.add(m.merged()));
        return all;
    }

    /**
     * Plans the family of {@code group} (record indexes in input order), or nothing when a record carries no account
     * or several, or when the group names a single account.
     *
     * @param identities each record's accepted identities
     * @param isAccount  which identity types name an account
     * @param traitsOf   the traits of some records, folded oldest first
     * @param priority   the priority of an identity type (lower is stronger)
     * @param ids        new customer ids, in the order the customers would have been created
     */
    static Optional<AccountFamily> plan(List<Integer> group, IntFunction<List<NormalizedIdentity>> identities,
                                        Predicate<IdentityType> isAccount,
                                        Function<List<Integer>, TraitSnapshot> traitsOf,
                                        ToIntFunction<IdentityType> priority,
                                        TraitMergeRules rules, Supplier<UUID> ids) {
        Map<String, NormalizedIdentity> accounts = new LinkedHashMap<>();
        Map<String, List<Integer>> recordsByAccount = new LinkedHashMap<>();
        for (int r : group) {
            NormalizedIdentity account = null;
            for (NormalizedIdentity i : identities.apply(r)) {
                if (isAccount.test(i.type())) {
                    if (account != null) {
                        return Optional.empty();
                    }
                    account = i;
                }
            }
            if (account == null) {
                return Optional.empty();
            }
            accounts.putIfAbsent(account.lookupKey(), account);
            recordsByAccount.computeIfAbsent(account.lookupKey(), k -> new ArrayList<>()).add(r);
        }
        if (accounts.size() < 2) {
            return Optional.empty();
        }
        // the customers in the order the single-record path would create them: by each account's first record
        List<Member> members = new ArrayList<>();
        Map<Integer, Member> memberOfRecord = new HashMap<>();
        recordsByAccount.forEach((key, records) -> {
            Member m = new Member(ids.get(), accounts.get(key), List.copyOf(records), traitsOf.apply(records));
            members.add(m);
            records.forEach(r -> memberOfRecord.put(r, m));
        });
        Member survivor = members.stream().min(EARLIEST).orElseThrow();

        // contacts: the earliest seen member carrying each (its origin), and the members carrying it
        Map<String, Contact> contacts = new LinkedHashMap<>();
        Map<String, Set<UUID>> carriers = new HashMap<>();
        Map<UUID, List<NormalizedIdentity>> contactsOfMember = new HashMap<>();
        for (int r : group) {
            Member m = memberOfRecord.get(r);
            for (NormalizedIdentity i : identities.apply(r)) {
                if (isAccount.test(i.type())) {
                    continue;
                }
                contacts.merge(i.lookupKey(), new Contact(i, m, 0),
                        (known, other) -> EARLIEST.compare(other.origin(), known.origin()) < 0 ? other : known);
                if (carriers.computeIfAbsent(i.lookupKey(), k -> new HashSet<>()).add(m.id())) {
                    contactsOfMember.computeIfAbsent(m.id(), k -> new ArrayList<>()).add(i);
                }
            }
        }
        contacts.replaceAll((key, c) -> new Contact(c.identity(), c.origin(), carriers.get(key).size()));

        List<Merge> merges = new ArrayList<>();
        TraitSnapshot traits = survivor.traits();
        for (Member m : members) {
            if (m == survivor) {
                continue;
            }
            NormalizedIdentity via = contactsOfMember.getOrDefault(m.id(), List.of()).stream()
                    .filter(i -> carriers.get(i.lookupKey()).size() > 1)
                    .min(Comparator.comparingInt((NormalizedIdentity i) -> priority.applyAsInt(i.type())))
                    .orElseThrow(() -> new IllegalStateException("an account of the group shares no contact"));
            merges.add(new Merge(m, via, traits));
            traits = traits.fold(m.traits(), rules);
        }
        return Optional.of(new AccountFamily(survivor, List.copyOf(merges), contacts, traits));
    }
}
