package io.liuliang.coupon;

import java.security.SecureRandom;

/**
 * Coupon codes: 16 characters of Crockford's base-32 alphabet (digits and letters without I, L, O and U), 80 random
 * bits from a {@link SecureRandom}, so codes cannot be guessed or enumerated. Read back in any case, with or without
 * dashes and spaces, and with the look-alikes O for 0 and I or L for 1.
 */
final class CouponCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CouponCodes() {
    }

    static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** The stored form of what a person or a checkout typed: upper case, without separators. */
    static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(typed.length());
        for (char c : typed.toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char u = Character.toUpperCase(c);
            sb.append(u == 'O' ? '0' : u == 'I' || u == 'L' ? '1' : u);
        }
        return sb.toString();
    }

    /** Whether a normalised code could have been issued here (right length, letters of the alphabet). */
    static boolean wellFormed(String normalised) {
        if (normalised.length() != LENGTH) {
            return false;
        }
        for (char c : normalised.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
