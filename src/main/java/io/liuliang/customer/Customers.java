package io.liuliang.customer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.liuliang.shared.CustomerId;

/** The customer module's face to other modules: resolve records to customers, follow merges. */
public interface Customers {

    /** Resolves one record to a customer, creating or merging customers as One-ID requires. */
    Resolution identify(IdentifyRequest request);

    /**
     * Resolves many records (an import) in bulk: union-find over the records' identities, set-based look-ups of the
     * known ones, bulk creation of new customers; records whose resolution needs merges or a review are resolved one
     * by one with the same rules as {@link #identify}.
     */
    BulkResolution identifyAll(List<IdentifyRequest> requests);

    /** The customer that now stands for this id: itself, or the survivor it was merged into. */
    Optional<CustomerId> survivorOf(CustomerId id);

    /**
     * {@link #survivorOf} for many ids in one look-up: each known id mapped to the customer that now stands for it;
     * unknown ids are absent.
     */
    Map<CustomerId, CustomerId> survivorsOf(Collection<CustomerId> ids);

    /**
     * Gives a known customer (or their survivor) one more identity — an id another module issued, such as a loyalty
     * member number — without resolving or merging: false when the value is refused, or already names another
     * customer (the caller keeps it to itself then).
     */
    boolean attachIdentity(CustomerId customer, IdentityInput identity, String source);

    /**
     * Those of {@code among} whose birthday is on {@code day} (month and day; people born on 29 February count on the
     * 28th in other years when {@code leapDayOnThe28th}).
     */
    java.util.Set<CustomerId> bornOn(java.time.MonthDay day, boolean leapDayOnThe28th, Collection<CustomerId> among);

    /** The profile fields other modules may set (a journey's update_field action). */
    enum ProfileField {
        DISPLAY_NAME("display_name"), GENDER("gender"), PROVINCE("province"), CITY("city");

        private final String column;

        ProfileField(String column) {
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    /**
     * Sets one profile field of the customer (or their survivor); false when the customer is unknown or already has
     * that value. A gender must be female, male or unknown.
     *
     * @throws IllegalArgumentException for a value the field does not take
     */
    boolean updateProfileField(CustomerId customer, ProfileField field, String value);

    /** The display names of these customers (merged-away ids answer their own last name); unknown ids are absent. */
    Map<CustomerId, String> displayNamesOf(Collection<CustomerId> customers);

    /**
     * Live customers born on {@code day} (and, when {@code leapDayOnThe28th}, those born on 29 February), by id after
     * {@code after} (null: from the first), at most {@code limit}.
     */
    List<CustomerId> bornOnAfter(java.time.MonthDay day, boolean leapDayOnThe28th, CustomerId after, int limit);

    /**
     * How to reach the customer (or their survivor): display name, e-mail and E.164 phone, decrypted, for sending
     * messages; empty for an unknown customer. Never log or show the result.
     */
    Optional<Contact> contactOf(CustomerId customer);

    /** {@link #contactOf} for many customers at once (a few queries however many); unknown ids are absent. */
    Map<CustomerId, Contact> contactsOf(Collection<CustomerId> customers);

    /**
     * The customers (survivors) holding this phone number ({@link PiiKind#PHONE}, normalised to E.164 with region CN)
     * or e-mail address ({@link PiiKind#EMAIL}); none for a value that is not one.
     */
    List<CustomerId> withContact(PiiKind kind, String value);
}
