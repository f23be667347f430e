package io.liuliang.ingest;

import java.text.Normalizer;

/**
 * Text clean-up shared by header matching, vocabulary look-ups and value parsing.
 */
final class ImportText {

    private ImportText() {
    }

    /**
     * A key for comparing header names and status texts loosely: compatibility-normalised (full-width
     * {@code （），：} become ASCII), lower-cased, without white space, byte-order marks, {@code _}, {@code -} and
     * {@code *} (a required-column marker in some templates). {@code "Lineitem SKU"}, {@code "lineitem_sku"} and
     * {@code " lineitem sku "} all give {@code "lineitemsku"}.
     */
    static String key(String text) {
        if (text == null) {
            return "";
        }
        String s = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\uFEFF' || cp == '_' || cp == '-' || cp == '*' || Character.isWhitespace(cp)
                    || Character.isSpaceChar(cp)) {
                continue;
            }
            key.appendCodePoint(Character.toLowerCase(cp));
        }
        return key.toString();
    }

    /**
     * A cell's value as the merchant meant it: stripped of surrounding white space (exports pad with tabs to stop
     * Excel from turning long ids into numbers), of an Excel text formula wrapper ({@code ="1234567890"}) and of a
     * text-prefix apostrophe before a number ({@code '13812345678}). Never null.
     */
    static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip();
        int n = s.length();
        if (n >= 3 && s.charAt(0) == '=' && s.charAt(1) == '"' && s.charAt(n - 1) == '"') {
            s = s.substring(2, n - 1).strip();
            n = s.length();
        }
        if (n >= 2 && s.charAt(0) == '\'' && (Character.isDigit(s.charAt(1)) || s.charAt(1) == '+')) {
            s = s.substring(1);
        }
        return s;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
