package io.liuliang.ingest;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;

/**
 * Parses amounts and quantities from the text of platform exports. Never throws for bad input: every method returns
 * a {@link ParseResult}, blank for an empty cell (or a lone dash, which Chinese exports use for "none").
 */
final class ImportValues {

    /** Amounts keep up to this many decimals (unit prices such as 0.001 exist); more is rejected. */
    static final int MAX_AMOUNT_SCALE = 4;

    /** numeric(18,2): at most 16 digits before the decimal point. */
    static final int MAX_AMOUNT_INTEGER_DIGITS = 16;

    /** Currency marks that may precede or follow an amount, longest first. */
    private static final List<String> CURRENCY_MARKS = List.of(
            "US$", "HK$", "NT$", "RMB", "CNY", "USD", "GBP", "EUR", "HKD", "JPY", "¥", "$", "€", "£", "元");

    private ImportValues() {
    }

    /**
     * An amount of money: {@code ¥1,234.50}, {@code 1234.5}, {@code -3.00}, {@code (3.00)}, {@code 12.00元},
     * {@code CNY 8}. The result has at least 2 decimals ({@code 1234.5} → {@code 1234.50}) and at most
     * {@value #MAX_AMOUNT_SCALE}. A comma is only accepted as a thousands separator.
     */
    static ParseResult<BigDecimal> amount(String raw) {
        String s = ImportText.clean(raw);
        if (isNone(s)) {
            return ParseResult.blank();
        }
        if (isPlainDecimal(s)) {
            return scaled(new BigDecimal(s), false, s);
        }
        String original = s;
        if (!ImportText.isAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC).replace('−', '-');
        }
        boolean negative = false;
        if (s.length() >= 2 && s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')') {
            negative = true;
            s = s.substring(1, s.length() - 1).strip();
        }
        Signed signed = sign(s);
        negative ^= signed.negative();
        s = stripCurrency(signed.rest());
        if (!signed.signed()) {
            signed = sign(s);
            negative ^= signed.negative();
            s = signed.rest();
        }
        String digits = groupedDigits(s);
        if (digits == null) {
            return ParseResult.rejected(Rejection.NOT_A_NUMBER, original);
        }
        if (digits.isEmpty()) {
            return ParseResult.rejected(Rejection.AMBIGUOUS_NUMBER, original);
        }
        return scaled(new BigDecimal(digits), negative, original);
    }

    /** {@code value} with 2 to {@value #MAX_AMOUNT_SCALE} decimals, or why it cannot be an amount. */
    private static ParseResult<BigDecimal> scaled(BigDecimal value, boolean negative, String original) {
        if (value.scale() > 2) {
            value = value.stripTrailingZeros();
            if (value.scale() > MAX_AMOUNT_SCALE) {
                return ParseResult.rejected(Rejection.TOO_MANY_DECIMALS, original);
            }
        }
        if (value.scale() < 2) {
            value = value.setScale(2);
        }
        if (value.precision() - value.scale() > MAX_AMOUNT_INTEGER_DIGITS) {
            return ParseResult.rejected(Rejection.OUT_OF_RANGE, original);
        }
        return ParseResult.ok(negative ? value.negate() : value);
    }

    /** Whether {@code s} is digits with at most one decimal point and a digit first: the common case. */
    private static boolean isPlainDecimal(String s) {
        int n = s.length();
        if (n == 0 || n > 20 || s.charAt(0) < '0' || s.charAt(0) > '9') {
            return false;
        }
        boolean dot = false;
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A whole quantity, possibly negative (returns, stock adjustments): {@code 3}, {@code -12}, {@code 1,000},
     * and {@code 2.0} as Excel sometimes writes it. {@code 2.5} is rejected.
     */
    static ParseResult<Integer> quantity(String raw) {
        String s = ImportText.clean(raw);
        if (isNone(s)) {
            return ParseResult.blank();
        }
        String original = s;
        if (!ImportText.isAscii(s)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFKC).replace('−', '-');
        }
        Signed signed = sign(s);
        String digits = groupedDigits(signed.rest());
        if (digits == null) {
            return ParseResult.rejected(Rejection.NOT_A_NUMBER, original);
        }
        if (digits.isEmpty()) {
            return ParseResult.rejected(Rejection.AMBIGUOUS_NUMBER, original);
        }
        int dot = digits.indexOf('.');
        if (dot >= 0) {
            for (int i = dot + 1; i < digits.length(); i++) {
                if (digits.charAt(i) != '0') {
                    return ParseResult.rejected(Rejection.NOT_AN_INTEGER, original);
                }
            }
            digits = digits.substring(0, dot);
            if (digits.isEmpty()) {
                digits = "0";
            }
        }
        if (digits.length() > 10) {
            return ParseResult.rejected(Rejection.OUT_OF_RANGE, original);
        }
        long value = Long.parseLong(digits);
        if (signed.negative()) {
            value = -value;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            return ParseResult.rejected(Rejection.OUT_OF_RANGE, original);
        }
        return ParseResult.ok((int) value);
    }

    /** Whether a cleaned cell means "no value": empty, or a dash placeholder. */
    static boolean isNone(String cleaned) {
        return cleaned.isEmpty() || cleaned.equals("-") || cleaned.equals("--") || cleaned.equals("—")
                || cleaned.equals("/");
    }

    /** A leading sign taken off {@code s}. */
    private record Signed(boolean signed, boolean negative, String rest) {
    }

    private static Signed sign(String s) {
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            return new Signed(true, s.charAt(0) == '-', s.substring(1).strip());
        }
        return new Signed(false, false, s);
    }

    private static String stripCurrency(String s) {
        for (String mark : CURRENCY_MARKS) {
            if (s.regionMatches(true, 0, mark, 0, mark.length())) {
                return s.substring(mark.length()).strip();
            }
        }
        for (String mark : CURRENCY_MARKS) {
            if (s.length() > mark.length() && s.regionMatches(true, s.length() - mark.length(), mark, 0,
                    mark.length())) {
                return s.substring(0, s.length() - mark.length()).strip();
            }
        }
        return s;
    }

    /**
     * {@code s} without thousands separators, as plain digits with at most one decimal point; {@code null} if it
     * has other characters, {@code ""} if its commas are not thousands separators.
     */
    private static String groupedDigits(String s) {
        int n = s.length();
        if (n == 0) {
            return null;
        }
        StringBuilder digits = new StringBuilder(n);
        int dot = -1;
        int lastComma = -1;
        int firstComma = -1;
        int digitCount = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                digitCount++;
            } else if (c == '.') {
                if (dot >= 0) {
                    return null;
                }
                dot = i;
                digits.append(c);
            } else if (c == ',') {
                if (dot >= 0) {
                    return "";
                }
                if (firstComma < 0) {
                    if (i == 0 || i > 3) {
                        return "";
                    }
                    firstComma = i;
                } else if (i - lastComma != 4) {
                    return "";
                }
                lastComma = i;
            } else {
                return null;
            }
        }
        if (digitCount == 0) {
            return null;
        }
        if (lastComma >= 0) {
            int groupEnd = dot >= 0 ? dot : n;
            if (groupEnd - lastComma != 4) {
                return "";
            }
        }
        return digits.toString();
    }
}
