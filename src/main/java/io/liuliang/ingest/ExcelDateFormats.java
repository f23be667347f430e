package io.liuliang.ingest;

/**
 * Tells whether an Excel number format shows a date or time, from its built-in id or its format code, so that
 * serial numbers in such cells are read as date-times.
 */
final class ExcelDateFormats {

    private ExcelDateFormats() {
    }

    /**
     * Whether a cell with this format shows a date or time.
     *
     * @param id   the number format id, or {@code null}
     * @param code the format code (such as {@code yyyy"年"m"月"d"日"}), or {@code null}
     */
    static boolean isDate(Integer id, String code) {
        if (code != null && !code.isBlank()) {
            return isDateCode(code);
        }
        return id != null && isBuiltInDate(id);
    }

    /** Built-in date and time formats, including the East Asian ones (27–36, 50–58). */
    static boolean isBuiltInDate(int id) {
        return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
    }

    /** Whether the first section of a format code has date or time placeholders outside literals and brackets. */
    static boolean isDateCode(String code) {
        String lower = code.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("general") || lower.equals("@")) {
            return false;
        }
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (quoted) {
                quoted = c != '"';
                continue;
            }
            if (bracket) {
                if (c == ']') {
                    bracket = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> quoted = true;
                case '\\', '_', '*' -> i++;
                case '[' -> {
                    // elapsed time such as [h]:mm is a time; colours, conditions and locales are not
                    if (i + 1 < lower.length() && "hms".indexOf(lower.charAt(i + 1)) >= 0) {
                        return true;
                    }
                    bracket = true;
                }
                case ';' -> {
                    return false;
                }
                case 'y', 'm', 'd', 'h', 's' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }
}
