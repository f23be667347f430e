package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;

/**
 * Keeps personal data out of what an import keeps for display: the preview's sample rows and the rejected lines.
 * They are masked before they are stored, as the vault masks them ({@code 138****5678}, {@code z***@qq.com},
 * {@code 张**}), so plain values never reach {@code import_run} or {@code import_reject} and no role sees them there.
 * A cell is masked when its column is a name, phone, e-mail or address column by the mapping in use or by the header
 * names of any profile, and wherever it stands when it looks like a Chinese mobile number or an e-mail address.
 */
@Component
class ImportPrivacy {

    private static final Pattern MOBILE = Pattern.compile("(?:\\+?86[- ]?)?1[3-9]\\d{9}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Map<ImportField, PiiKind> PERSONAL = Map.of(ImportField.NAME, PiiKind.NAME,
            ImportField.PHONE, PiiKind.PHONE, ImportField.EMAIL, PiiKind.EMAIL, ImportField.ADDRESS, PiiKind.ADDRESS);

    private final PersonalData vault;

    ImportPrivacy(PersonalData vault) {
        this.vault = vault;
    }

    /** The personal columns of a file with this header and what they hold: by every profile, then by {@code inUse}. */
    Map<Integer, PiiKind> personalColumns(List<String> header, ColumnMapping inUse) {
        Map<Integer, PiiKind> columns = new HashMap<>();
        for (ImportProfile profile : ImportProfile.values()) {
            add(columns, ColumnMapping.auto(profile, header));
        }
        if (inUse != null) {
            add(columns, inUse);
        }
        return columns;
    }

    private static void add(Map<Integer, PiiKind> columns, ColumnMapping mapping) {
        PERSONAL.forEach((field, kind) -> mapping.column(field).ifPresent(column -> columns.put(column, kind)));
    }

    /** The cells of one row with their personal data masked. */
    List<String> mask(List<String> cells, Map<Integer, PiiKind> personalColumns) {
        List<String> masked = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            masked.add(maskCell(cells.get(i), personalColumns.get(i)));
        }
        return masked;
    }

    private String maskCell(String cell, PiiKind kind) {
        if (cell == null || cell.isBlank()) {
            return cell;
        }
        String value = ImportText.clean(cell);
        if (value.isEmpty()) {
            return cell;
        }
        if (kind != null) {
            return vault.mask(kind, value);
        }
        if (MOBILE.matcher(value).matches()) {
            return vault.mask(PiiKind.PHONE, value);
        }
        if (EMAIL.matcher(value).matches()) {
            return vault.mask(PiiKind.EMAIL, value);
        }
        return cell;
    }
}
