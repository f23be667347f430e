package io.liuliang.customer;

import org.springframework.stereotype.Component;

@Component
class PersonalDataVault implements PersonalData {

    private static final String DEFAULT_REGION = "CN";
    private final PiiCipher cipher;
    private final PiiMasker masker;
    private final PiiNormalizer normalizer;
    private final BlindIndex blindIndex;

    PersonalDataVault(PiiCipher cipher, PiiMasker masker, PiiNormalizer normalizer, BlindIndex blindIndex) {
        this.blindIndex = blindIndex;
        this.cipher = cipher;
        this.masker = masker;
        this.normalizer = normalizer;
    }

    @Override
    public byte[] encrypt(PiiKind kind, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return cipher.encrypt(kind, normalized(kind, value));
    }

    @Override
    public String mask(PiiKind kind, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return masker.mask(kind, normalized(kind, value));
    }

    @Override
    public String fingerprint(PiiKind kind, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normalized = kind == PiiKind.EMAIL ? normalizer.email(value).orElse(value.strip().toLowerCase(java.util.Locale.ROOT))
                : normalized(kind, value);
        return java.util.HexFormat.of().formatHex(blindIndex.of(kind, normalized));
    }

    @Override
    public String decrypt(PiiKind kind, byte[] ciphertext) {
        return cipher.decrypt(kind, ciphertext);
    }

    private String normalized(PiiKind kind, String value) {
        return kind == PiiKind.PHONE ? normalizer.phone(value, DEFAULT_REGION).orElse(value.strip()) : value.strip();
    }
}
