package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which column of a file holds each {@link ImportField}, for one header. Made automatically from a profile's
 * aliases ({@link #auto}), optionally adjusted by the user ({@link #withOverrides}); read per row with
 * {@link #value}. Immutable.
 */
final class ColumnMapping {

    private static final int UNMAPPED = -1;

    private final ImportProfile profile;
    private final List<String> header;
    private final int[] columns;

    private ColumnMapping(ImportProfile profile, List<String> header, int[] columns) {
        this.profile = profile;
        this.header = List.copyOf(header);
        this.columns = columns;
    }

    /**
     * Maps each of the profile's fields to the first column matching its highest-priority alias (compared by
     * {@link ImportText#key}). One column may serve several fields (Shopify's Email is the buyer id and the email).
     */
    static ColumnMapping auto(ImportProfile profile, List<String> header) {
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            byKey.putIfAbsent(ImportText.key(header.get(i)), i);
        }
        int[] columns = new int[ImportField.values().length];
        Arrays.fill(columns, UNMAPPED);
        for (ImportField field : profile.fields()) {
            for (String alias : profile.aliasKeys(field)) {
                Integer column = byKey.get(alias);
                if (column != null) {
                    columns[field.ordinal()] = column;
                    break;
                }
            }
        }
        return new ColumnMapping(profile, header, columns);
    }

    /**
     * The automatic mapping adjusted by the user's choices, validated. Keys name fields ({@code order_id} or
     * {@code ORDER_ID}); values name header columns, exactly or loosely (by {@link ImportText#key}); a blank value
     * unmaps the field. Errors name each unknown field, each column not in the header, and each required field
     * left unmapped.
     */
    static MappingResult withOverrides(ImportProfile profile, List<String> header, Map<String, String> overrides) {
        return apply(profile, header, auto(profile, header).columns.clone(), overrides);
    }

    /**
     * Only the user's choices, validated like {@link #withOverrides}: fields the user does not name stay unmapped.
     * For a saved mapping that must not pick up columns by itself.
     */
    static MappingResult explicit(ImportProfile profile, List<String> header, Map<String, String> choices) {
        int[] columns = new int[ImportField.values().length];
        Arrays.fill(columns, UNMAPPED);
        return apply(profile, header, columns, choices);
    }

    private static MappingResult apply(ImportProfile profile, List<String> header, int[] columns,
            Map<String, String> overrides) {
        List<MappingError> errors = new ArrayList<>();
        Set<ImportField> seen = EnumSet.noneOf(ImportField.class);
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            String fieldName = entry.getKey();
            ImportField field = ImportField.byKey(fieldName).orElse(null);
            if (field == null) {
                errors.add(new MappingError(MappingError.Kind.UNKNOWN_FIELD, fieldName, entry.getValue(),
                        "There is no field '" + fieldName + "'; the fields are " + Arrays.stream(ImportField.values())
                                .map(ImportField::key).collect(Collectors.joining(", ")) + "."));
                continue;
            }
            if (!seen.add(field)) {
                errors.add(new MappingError(MappingError.Kind.DUPLICATE_FIELD, field.key(), entry.getValue(),
                        "The field " + field.key() + " is mapped more than once."));
                continue;
            }
            String columnName = entry.getValue();
            if (columnName == null || columnName.isBlank()) {
                columns[field.ordinal()] = UNMAPPED;
                continue;
            }
            int column = find(header, columnName);
            if (column == UNMAPPED) {
                errors.add(new MappingError(MappingError.Kind.UNKNOWN_COLUMN, field.key(), columnName,
                        "The column '" + columnName.strip() + "' chosen for " + field.key()
                                + " is not in the file's header."));
                continue;
            }
            columns[field.ordinal()] = column;
        }
        ColumnMapping mapping = new ColumnMapping(profile, header, columns);
        errors.addAll(mapping.missingRequiredErrors());
        return errors.isEmpty() ? new MappingResult.Valid(mapping) : new MappingResult.Invalid(errors);
    }

    /** This mapping, or the errors for the profile's required fields it leaves unmapped. */
    MappingResult validate() {
        List<MappingError> errors = missingRequiredErrors();
        return errors.isEmpty() ? new MappingResult.Valid(this) : new MappingResult.Invalid(errors);
    }

    private List<MappingError> missingRequiredErrors() {
        List<MappingError> errors = new ArrayList<>();
        for (ImportField field : missingRequired()) {
            errors.add(new MappingError(MappingError.Kind.MISSING_REQUIRED, field.key(), null,
                    "The required field " + field.key() + " has no column; choose the column that holds it ("
                            + profile.displayName() + " exports call it " + String.join(" or ", profile.aliases(field))
                            + ")."));
        }
        return errors;
    }

    private static int find(List<String> header, String name) {
        String stripped = name.strip();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equals(stripped)) {
                return i;
            }
        }
        String key = ImportText.key(name);
        for (int i = 0; i < header.size(); i++) {
            if (ImportText.key(header.get(i)).equals(key)) {
                return i;
            }
        }
        return UNMAPPED;
    }

    ImportProfile profile() {
        return profile;
    }

    List<String> header() {
        return header;
    }

    /** The column index of {@code field}, if mapped. */
    OptionalInt column(ImportField field) {
        int column = columns[field.ordinal()];
        return column == UNMAPPED ? OptionalInt.empty() : OptionalInt.of(column);
    }

    boolean has(ImportField field) {
        return columns[field.ordinal()] != UNMAPPED;
    }

    /** The header name of {@code field}'s column, or {@code null}. */
    String columnName(ImportField field) {
        int column = columns[field.ordinal()];
        return column == UNMAPPED ? null : header.get(column);
    }

    /**
     * {@code field}'s value in {@code row}, cleaned by {@link ImportText#clean} (padding, {@code ="…"} and text
     * apostrophes removed); {@code null} when the field is unmapped, the row too short, or the cell blank.
     */
    String value(ImportRow row, ImportField field) {
        int column = columns[field.ordinal()];
        if (column == UNMAPPED) {
            return null;
        }
        String raw = row.field(column);
        if (raw == null) {
            return null;
        }
        String cleaned = ImportText.clean(raw);
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** The mapped fields and their columns, in field order. */
    Map<ImportField, Integer> columns() {
        Map<ImportField, Integer> map = new EnumMap<>(ImportField.class);
        for (ImportField field : ImportField.values()) {
            if (columns[field.ordinal()] != UNMAPPED) {
                map.put(field, columns[field.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The mapped fields and their header names, keyed by {@link ImportField#key()}: what the console shows. */
    Map<String, String> describe() {
        Map<String, String> map = new LinkedHashMap<>();
        columns().forEach((field, column) -> map.put(field.key(), header.get(column)));
        return Collections.unmodifiableMap(map);
    }

    /** The profile's required fields that have no column. */
    Set<ImportField> missingRequired() {
        Set<ImportField> missing = EnumSet.noneOf(ImportField.class);
        for (ImportField field : profile.required()) {
            if (columns[field.ordinal()] == UNMAPPED) {
                missing.add(field);
            }
        }
        return missing;
    }

    @Override
    public String toString() {
        return "ColumnMapping[" + profile.id() + " " + describe() + "]";
    }
}
