package io.liuliang.iam;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import io.liuliang.shared.FieldError;

/** Rules every new password must meet, checked the same way for users, resets and the first admin. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    private static final int GENERATED_LENGTH = 20;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordPolicy() {
    }

    static List<FieldError> check(String field, String password, String username) {
        List<FieldError> errors = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            errors.add(new FieldError(field, "must be at least " + MIN_LENGTH + " characters"));
        } else if (password.length() > MAX_LENGTH) {
            errors.add(new FieldError(field, "must be at most " + MAX_LENGTH + " characters"));
        } else if (username != null && password.equalsIgnoreCase(username)) {
            errors.add(new FieldError(field, "must not be the username"));
        } else if (password.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        }
        return errors;
    }

    static String generate() {
        StringBuilder sb = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
