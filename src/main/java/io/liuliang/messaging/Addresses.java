package io.liuliang.messaging;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** Phone numbers as providers and callbacks give them, to E.164 (mainland China when no country code is given). */
final class Addresses {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Addresses() {
    }

    static String e164(String raw) {
        return inRegion(raw, "CN").orElse(null);
    }

    static Optional<String> inRegion(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            var number = PHONES.parse(raw.strip(), region);
            return PHONES.isValidNumber(number) ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** A number given as a national number and a country calling code (Tencent's {@code nationcode}). */
    static String fromNational(String nationCode, String national) {
        if (national == null) {
            return null;
        }
        String code = nationCode == null || nationCode.isBlank() ? "86" : nationCode.strip().replace("+", "");
        return e164("+" + code + national.strip().replaceFirst("^\\+" + code, ""));
    }
}
