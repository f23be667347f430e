package io.liuliang.customer;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Normalises phones and e-mails before they are encrypted, indexed or compared, and throws away junk
 * that must never link two people together. Empty means "no usable value": the caller keeps no identity.
 *
 * <h2>Junk, for every kind</h2>
 * {@code null}, empty or blank text, and (ignoring case and surrounding white space) {@code null},
 * {@code none}, {@code nil}, {@code undefined}, {@code -}, {@code --}, {@code n/a}, {@code #N/A},
 * {@code 无}, {@code 空}, {@code 暂无}, {@code 未知}; any value containing {@code *} (a platform export
 * that was already masked, such as {@code 138****5678}); and any value on the configured blocklist
 * ({@code liuliang.identity.blocklist}, comma-separated, compared with the normalised value: e-mails
 * lower-cased, phones in E.164; blocklisted phones without a country code are read as Chinese numbers).
 *
 * <h2>Phones</h2>
 * Parsed with libphonenumber in the given default region (used when the number has no {@code +} or
 * international prefix; {@code +86}, {@code 0086} and a leading {@code 86} before an 11-digit Chinese
 * mobile are understood, as are spaces, dashes, brackets, full-width digits and {@code tel:}), and kept
 * only when {@code isValidNumber} holds. The result is E.164, e.g. {@code +8613812345678}. Also junk:
 * <ul>
 * <li>numbers of a type that belongs to businesses, not people: toll-free ({@code 800}), shared-cost
 * ({@code 400}), premium-rate, UAN, pager and voicemail numbers;</li>
 * <li>a national number whose digits are all the same ({@code 00000000000});</li>
 * <li>a national number of at least 7 digits that is a run of consecutive ascending or descending digits,
 * wrapping from 9 to 0 ({@code 12345678901}, {@code +1 234-567-8901}, {@code 9876543210});</li>
 * <li>a Chinese mobile (11 digits starting with {@code 1}) whose last eight digits, the subscriber
 * number, are all the same: {@code 13800000000}, {@code 13333333333}, {@code 18888888888}. Such vanity
 * numbers exist, but in shop data they are overwhelmingly typed as fillers, and one shared filler would
 * merge thousands of customers;</li>
 * <li>the well-known placeholders {@code 13800000000}, {@code 13800138000}, {@code 12345678901} and
 * {@code 11111111111}, with or without a country code.</li>
 * </ul>
 *
 * <h2>E-mails</h2>
 * NFKC-normalised (full-width {@code ＠} becomes {@code @}), trimmed and lower-cased, then kept only if it
 * is one address: exactly one {@code @}; a local part of letters, digits and {@code !#$%&'+/=?^_`{|}~.-},
 * not starting or ending with a dot and without {@code ..}; a domain of at least two dot-separated labels
 * of letters, digits and hyphens, the last of at least two letters (or an {@code xn--} IDN label). Also junk: addresses at
 * {@code example.com}, {@code example.org}, {@code example.net}, {@code test.com}, {@code test.cn},
 * {@code localhost} or {@code localhost.localdomain} (or a subdomain of one), and local parts (ignoring a
 * {@code +tag}) {@code test}, {@code noreply}, {@code no-reply}, {@code no_reply}, {@code donotreply},
 * {@code do-not-reply}.
 * <p>
 * Thread-safe.
 */
@Component
class PiiNormalizer {

    static final Set<String> JUNK_TOKENS = Set.of("null", "none", "nil", "undefined", "-", "--", "n/a", "#n/a",
            "无", "空", "暂无", "未知");
    static final Set<String> PLACEHOLDER_PHONE_DIGITS = Set.of("13800000000", "13800138000", "12345678901",
            "11111111111");
    static final Set<String> JUNK_EMAIL_DOMAINS = Set.of("example.com", "example.org", "example.net", "test.com",
            "test.cn", "localhost", "localhost.localdomain");
    static final Set<String> JUNK_EMAIL_LOCAL_PARTS = Set.of("test", "noreply", "no-reply", "no_reply",
            "donotreply", "do-not-reply");
    private static final Set<PhoneNumberType> BUSINESS_TYPES = Set.of(PhoneNumberType.TOLL_FREE,
            PhoneNumberType.SHARED_COST, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.UAN, PhoneNumberType.PAGER,
            PhoneNumberType.VOICEMAIL);
    private static final String UNKNOWN_REGION = "ZZ";
    private static final String BLOCKLIST_PHONE_REGION = "CN";
    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}!#$%&'+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'+/=?^_`{|}~-]+)*"
                    + "@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:\\p{L}{2,}|xn--[a-z0-9-]+)");

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final Set<String> blocklist;

    /**
     * @param blocklist comma-separated exact values that never count as an identity, from
     *        {@code liuliang.identity.blocklist} ({@code LIULIANG_IDENTITY_BLOCKLIST})
     */
    @Autowired
    PiiNormalizer(@Value("${liuliang.identity.blocklist:}") String blocklist) {
        this(blocklist == null ? List.of() : Arrays.asList(blocklist.split(",")));
    }

    /** @param blocklist exact values that never count as an identity; blank entries are ignored */
    PiiNormalizer(Collection<String> blocklist) {
        Set<String> entries = new HashSet<>();
        for (String entry : blocklist) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String e = Normalizer.normalize(entry, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
            entries.add(e);
            if (!e.contains("@")) {
                parse(e, BLOCKLIST_PHONE_REGION).ifPresent(p -> entries.add(phones.format(p, PhoneNumberFormat.E164)));
            }
        }
        this.blocklist = Set.copyOf(entries);
    }

    /**
     * The phone number in E.164 ({@code +8613812345678}), or empty if it is not a valid, personal number.
     *
     * @param raw the number as typed or exported
     * @param defaultRegion the ISO 3166 region ({@code "CN"}) of numbers written without a country code;
     *        null means such numbers are not accepted
     */
    Optional<String> phone(String raw, String defaultRegion) {
        if (isJunk(raw)) {
            return Optional.empty();
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? UNKNOWN_REGION
                : defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (PLACEHOLDER_PHONE_DIGITS.contains(digits(raw))) {
            return Optional.empty();
        }
        Optional<PhoneNumber> parsed = parse(raw, region);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        PhoneNumber number = parsed.get();
        if (!phones.isValidNumber(number) || BUSINESS_TYPES.contains(phones.getNumberType(number))) {
            return Optional.empty();
        }
        String national = phones.getNationalSignificantNumber(number);
        if (allSame(national) || isRun(national) || PLACEHOLDER_PHONE_DIGITS.contains(national)
                || (number.getCountryCode() == 86 && isFillerChineseMobile(national))) {
            return Optional.empty();
        }
        String e164 = phones.format(number, PhoneNumberFormat.E164);
        return blocklist.contains(e164) ? Optional.empty() : Optional.of(e164);
    }

    /** The e-mail address trimmed and lower-cased, or empty if it is not one usable address. */
    Optional<String> email(String raw) {
        if (isJunk(raw)) {
            return Optional.empty();
        }
        String email = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            return Optional.empty();
        }
        int at = email.indexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        int plus = local.indexOf('+');
        String baseLocal = plus > 0 ? local.substring(0, plus) : local;
        if (JUNK_EMAIL_LOCAL_PARTS.contains(baseLocal) || isJunkDomain(domain) || blocklist.contains(email)) {
            return Optional.empty();
        }
        return Optional.of(email);
    }

    /**
     * Whether {@code raw} carries no information whatever its kind: null, blank, a junk token such as
     * {@code "null"}, {@code "-"} or {@code "未知"}, or an already masked value (containing {@code *}).
     */
    static boolean isJunk(String raw) {
        if (raw == null) {
            return true;
        }
        String s = raw.replace('\u00a0', ' ').strip();
        return s.isEmpty() || s.indexOf('*') >= 0 || s.indexOf('＊') >= 0
                || JUNK_TOKENS.contains(s.toLowerCase(Locale.ROOT));
    }

    private Optional<PhoneNumber> parse(String raw, String region) {
        try {
            return Optional.of(phones.parse(raw, region));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isJunkDomain(String domain) {
        for (String junk : JUNK_EMAIL_DOMAINS) {
            if (domain.equals(junk) || domain.endsWith("." + junk)) {
                return true;
            }
        }
        return false;
    }

    /** A Chinese mobile (11 digits starting with 1) whose last eight digits are all the same. */
    private static boolean isFillerChineseMobile(String national) {
        return national.length() == 11 && national.charAt(0) == '1' && allSame(national.substring(3));
    }

    private static boolean allSame(String digits) {
        return digits.chars().distinct().count() == 1;
    }

    /** At least 7 digits, each one more (or each one less) than the one before, 9 wrapping to 0. */
    private static boolean isRun(String digits) {
        if (digits.length() < 7) {
            return false;
        }
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < digits.length(); i++) {
            int step = Math.floorMod(digits.charAt(i) - digits.charAt(i - 1), 10);
            up &= step == 1;
            down &= step == 9;
        }
        return up || down;
    }

    private static String digits(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        raw.codePoints().filter(Character::isDigit).forEach(c -> b.append(Character.forDigit(Character.digit(c, 10), 10)));
        return b.toString();
    }
}
