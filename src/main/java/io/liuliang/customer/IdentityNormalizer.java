package io.liuliang.customer;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Turns raw identities into {@link NormalizedIdentity}s: phones to E.164 (default region CN), emails lower-cased,
 * other ids trimmed; junk values (empty, {@code null}, {@code -}, placeholder phones, test emails, the blocklist)
 * are refused so that they never link people.
 */
@Component
class IdentityNormalizer {

    static final int MAX_VALUE_LENGTH = 256;
    private static final String DEFAULT_REGION = "CN";

    private final PiiNormalizer pii;
    private final BlindIndex blindIndex;
    private final PiiCipher cipher;
    private final PiiMasker masker;

    IdentityNormalizer(PiiNormalizer pii, BlindIndex blindIndex, PiiCipher cipher, PiiMasker masker) {
        this.pii = pii;
        this.blindIndex = blindIndex;
        this.cipher = cipher;
        this.masker = masker;
    }

    /** A normalized identity, or the reason it cannot be used. */
    sealed interface Outcome permits Accepted, Refused {
    }

    record Accepted(NormalizedIdentity identity) implements Outcome {
    }

    record Refused(String reason) implements Outcome {
    }

    Outcome normalize(int index, IdentityInput input, Map<String, IdentityType> types) {
        if (input == null || input.type() == null || input.type().isBlank()) {
            return new Refused("the identity type is missing");
        }
        IdentityType type = types.get(input.type().strip());
        if (type == null) {
            return new Refused("unknown identity type '" + input.type() + "'");
        }
        if (type.shopScoped() && input.shopId() == null) {
            return new Refused(type.code() + " is shop-scoped: shopId is required");
        }
        UUID scope = type.shopScoped() ? input.shopId() : NormalizedIdentity.NO_SCOPE;
        String raw = input.value();
        if (raw == null || raw.isBlank() || PiiNormalizer.isJunk(raw)) {
            return new Refused("'" + (raw == null ? "" : raw) + "' is empty or a placeholder, not an identity");
        }
        if (raw.length() > MAX_VALUE_LENGTH) {
            return new Refused("longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return switch (type.code()) {
            case IdentityType.PHONE -> pii.phone(raw, DEFAULT_REGION)
                    .<Outcome>map(e164 -> new Accepted(new NormalizedIdentity(index, type, scope,
                            blindIndex.of(PiiKind.PHONE, e164), cipher.encrypt(PiiKind.PHONE, e164), null,
                            masker.phone(e164))))
                    .orElseGet(() -> new Refused("not a valid phone number, or a placeholder one"));
            case IdentityType.EMAIL -> pii.email(raw)
                    .<Outcome>map(email -> new Accepted(new NormalizedIdentity(index, type, scope,
                            blindIndex.of(PiiKind.EMAIL, email), cipher.encrypt(PiiKind.EMAIL, email), null,
                            masker.email(email))))
                    .orElseGet(() -> new Refused("not a valid email address, or a test one"));
            default -> plain(index, type, scope, raw.strip());
        };
    }

    private Outcome plain(int index, IdentityType type, UUID scope, String value) {
        if (value.chars().allMatch(c -> c == '0')) {
            return new Refused("'" + value + "' is all zeros, not an identity");
        }
        return new Accepted(new NormalizedIdentity(index, type, scope, blindIndex.of("identity:" + type.code(), value),
                null, value, value));
    }

    /** The blind-index key of a value typed by a person searching (exact match), if it is a usable identity. */
    Optional<byte[]> searchKey(IdentityType type, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return switch (type.code()) {
            case IdentityType.PHONE -> pii.phone(raw, DEFAULT_REGION).map(v -> blindIndex.of(PiiKind.PHONE, v));
            case IdentityType.EMAIL -> pii.email(raw).map(v -> blindIndex.of(PiiKind.EMAIL, v));
            default -> Optional.of(blindIndex.of("identity:" + type.code(), raw.strip()));
        };
    }
}
