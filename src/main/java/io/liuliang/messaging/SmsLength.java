package io.liuliang.messaging;

/**
 * How many SMS segments a text takes. Texts of the GSM 03.38 alphabet take 160 characters in one message and 153 per
 * part of a longer one (characters of its extension table count twice); any other text (Chinese) is UCS-2: 70 in one
 * message, 67 per part. Characters are UTF-16 units, as carriers count them.
 */
final class SmsLength {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    private SmsLength() {
    }

    /** A text's length, encoding and segment count. */
    record Count(int characters, String encoding, int segments) {
    }

    static Count of(String text) {
        int gsm = 0;
        boolean ucs2 = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsm++;
            } else if (GSM_EXTENDED.indexOf(c) >= 0) {
                gsm += 2;
            } else {
                ucs2 = true;
                break;
            }
        }
        if (ucs2) {
            int n = text.length();
            return new Count(n, "ucs2", n <= 70 ? 1 : (n + 66) / 67);
        }
        return new Count(gsm, "gsm", gsm <= 160 ? 1 : (gsm + 152) / 153);
    }
}
