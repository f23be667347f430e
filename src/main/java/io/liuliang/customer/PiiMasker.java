package io.liuliang.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.stereotype.Component;

/**
 * Masks personal data for callers without the PII permission. Every method returns {@code null} for
 * {@code null} and never reveals more than:
 * <ul>
 * <li><b>phone</b> (E.164): a Chinese mobile as its 11 digits with the middle four masked,
 * {@code +8613812345678 → 138****5678}; any other number as its country code, the first 3 and the last 2
 * digits of its national number, one {@code *} per hidden digit, {@code +442071234567 → +44 207*****67}
 * (a national number shorter than 8 digits keeps only its last 2). Text that is not E.164 is masked the
 * same way from its digits.</li>
 * <li><b>e-mail</b>: the first character of the local part, {@code ***} and the domain,
 * {@code zhang@qq.com → z***@qq.com}.</li>
 * <li><b>name</b>: the first character and one {@code *} per further character, at most six,
 * {@code 张三丰 → 张**}, {@code Ann Lee → A******}; a one-character name becomes {@code *}.</li>
 * <li><b>address</b>: the first 6 characters and {@code ****}, {@code 浙江省杭州市西湖区文三路 → 浙江省杭州市****};
 * an address of 6 characters or fewer keeps only its first half.</li>
 * <li><b>secret</b> (a credential such as a webhook signing secret): {@code ••••} and the last 4 characters,
 * {@code 6f1c2e8a9b4d7e3f → ••••7e3f}; a secret shorter than 12 characters shows only {@code ••••}, so that a
 * hint never gives away more than a third of it.</li>
 * </ul>
 * Characters are Unicode code points, so names outside the Basic Multilingual Plane are never split.
 * Thread-safe.
 */
@Component
class PiiMasker {

    private static final String CN_MOBILE_STARS = "****";
    private static final int MAX_NAME_STARS = 6;
    private static final int ADDRESS_KEPT = 6;
    private static final String SECRET_DOTS = "••••";
    private static final int SECRET_KEPT = 4;
    private static final int SECRET_MIN_FOR_HINT = 12;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /** The masked form of a value of the given kind. */
    String mask(PiiKind kind, String value) {
        return switch (kind) {
            case PHONE -> phone(value);
            case EMAIL -> email(value);
            case NAME -> name(value);
            case ADDRESS -> address(value);
            case SECRET -> secret(value);
        };
    }

    /** {@code +8613812345678 → 138****5678}, {@code +442071234567 → +44 207*****67}. */
    String phone(String e164) {
        if (e164 == null) {
            return null;
        }
        String s = e164.strip();
        if (s.startsWith("+")) {
            try {
                PhoneNumber number = phones.parse(s, "ZZ");
                String national = phones.getNationalSignificantNumber(number);
                if (number.getCountryCode() == 86 && isChineseMobile(national)) {
                    return maskChineseMobile(national);
                }
                return "+" + number.getCountryCode() + " " + maskNational(national);
            } catch (NumberParseException e) {
                // not E.164 after all: mask its digits below
            }
        }
        String digits = s.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return s.isEmpty() ? s : CN_MOBILE_STARS;
        }
        return isChineseMobile(digits) ? maskChineseMobile(digits) : maskNational(digits);
    }

    /** {@code zhang@qq.com → z***@qq.com}. */
    String email(String email) {
        if (email == null) {
            return null;
        }
        String s = email.strip();
        if (s.isEmpty()) {
            return s;
        }
        int at = s.lastIndexOf('@');
        String local = at < 0 ? s : s.substring(0, at);
        String domain = at < 0 ? "" : s.substring(at);
        return firstCodePoint(local) + "***" + domain;
    }

    /** {@code 张三丰 → 张**}, {@code Ann Lee → A******}. */
    String name(String name) {
        if (name == null) {
            return null;
        }
        String s = name.strip();
        int length = s.codePointCount(0, s.length());
        if (length <= 1) {
            return length == 0 ? s : "*";
        }
        return firstCodePoint(s) + "*".repeat(Math.min(length - 1, MAX_NAME_STARS));
    }

    /** {@code 浙江省杭州市西湖区文三路 → 浙江省杭州市****}. */
    String address(String address) {
        if (address == null) {
            return null;
        }
        String s = address.strip();
        int length = s.codePointCount(0, s.length());
        if (length == 0) {
            return s;
        }
        int kept = length > ADDRESS_KEPT ? ADDRESS_KEPT : length / 2;
        return s.substring(0, s.offsetByCodePoints(0, kept)) + "****";
    }

    /** {@code 6f1c2e8a9b4d7e3f → ••••7e3f}; under 12 characters only {@code ••••}. */
    String secret(String secret) {
        if (secret == null) {
            return null;
        }
        int length = secret.codePointCount(0, secret.length());
        if (length < SECRET_MIN_FOR_HINT) {
            return SECRET_DOTS;
        }
        return SECRET_DOTS + secret.substring(secret.offsetByCodePoints(0, length - SECRET_KEPT));
    }

    private static boolean isChineseMobile(String national) {
        return national.length() == 11 && national.charAt(0) == '1';
    }

    private static String maskChineseMobile(String national) {
        return national.substring(0, 3) + CN_MOBILE_STARS + national.substring(7);
    }

    /** First 3 and last 2 digits, one {@code *} per hidden digit; under 8 digits only the last 2. */
    private static String maskNational(String digits) {
        int n = digits.length();
        if (n <= 2) {
            return "*".repeat(n);
        }
        if (n < 8) {
            return "*".repeat(n - 2) + digits.substring(n - 2);
        }
        return digits.substring(0, 3) + "*".repeat(n - 5) + digits.substring(n - 2);
    }

    private static String firstCodePoint(String s) {
        return s.isEmpty() ? "" : s.substring(0, s.offsetByCodePoints(0, 1));
    }
}
