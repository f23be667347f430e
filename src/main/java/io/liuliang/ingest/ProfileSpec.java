package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a profile declares, as data: header aliases per field (in priority order), required fields, the fields
 * that count for detection, defaults, date-time patterns and the status vocabulary. Built with {@link Builder} in
 * {@link ProfileCatalog}.
 */
record ProfileSpec(
        Map<ImportField, List<String>> aliases,
        Set<ImportField> required,
        Set<ImportField> detectionFields,
        ProfileDefaults defaults,
        List<String> dateTimePatterns,
        Map<String, ImportedOrderStatus> statuses) {

    ProfileSpec {
        aliases = Collections.unmodifiableMap(new EnumMap<>(aliases));
        required = Collections.unmodifiableSet(EnumSet.copyOf(required));
        detectionFields = Collections.unmodifiableSet(EnumSet.copyOf(detectionFields));
        dateTimePatterns = List.copyOf(dateTimePatterns);
        statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
        if (!aliases.keySet().containsAll(required)) {
            throw new IllegalArgumentException("a required field has no alias");
        }
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects a profile's declarations. */
    static final class Builder {

        private final Map<ImportField, List<String>> aliases = new EnumMap<>(ImportField.class);
        private final Set<ImportField> required = EnumSet.noneOf(ImportField.class);
        private final Set<ImportField> notScored = EnumSet.noneOf(ImportField.class);
        private final Map<String, ImportedOrderStatus> statuses = new LinkedHashMap<>();
        private final List<String> patterns = new ArrayList<>();
        private ProfileDefaults defaults = ProfileDefaults.of(null, null);

        /** Header names for {@code field}, the preferred one first. */
        Builder field(ImportField field, String... names) {
            aliases.computeIfAbsent(field, f -> new ArrayList<>()).addAll(List.of(names));
            return this;
        }

        /** Like {@link #field}, and the field must be mapped for an import to run. */
        Builder required(ImportField field, String... names) {
            required.add(field);
            return field(field, names);
        }

        /** Like {@link #field}, but the field does not count towards the detection score. */
        Builder extra(ImportField field, String... names) {
            notScored.add(field);
            return field(field, names);
        }

        Builder defaults(ProfileDefaults value) {
            this.defaults = value;
            return this;
        }

        Builder dateTimes(List<String> values) {
            patterns.addAll(values);
            return this;
        }

        /** Status texts that mean {@code status}. */
        Builder status(ImportedOrderStatus status, String... texts) {
            for (String text : texts) {
                statuses.put(text, status);
            }
            return this;
        }

        ProfileSpec build() {
            Set<ImportField> scored = EnumSet.noneOf(ImportField.class);
            scored.addAll(aliases.keySet());
            scored.removeAll(notScored);
            scored.addAll(required);
            return new ProfileSpec(aliases, required,
                    scored, defaults, patterns, statuses);
        }
    }
}
