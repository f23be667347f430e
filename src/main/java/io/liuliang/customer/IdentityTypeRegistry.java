package io.liuliang.customer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The identity types, read from {@code identity_type} (a handful of rows, read on each use). */
@Component
class IdentityTypeRegistry {

    private final JdbcClient jdbc;

    IdentityTypeRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<IdentityType> all() {
        return jdbc.sql("SELECT * FROM identity_type ORDER BY priority, code")
                .query((rs, n) -> new IdentityType(rs.getString("code"), rs.getString("display_name"),
                        rs.getInt("priority"), (Integer) rs.getObject("max_per_customer"), rs.getBoolean("shop_scoped"),
                        rs.getBoolean("pii"), rs.getBoolean("builtin")))
                .list();
    }

    Map<String, IdentityType> byCode() {
        return all().stream().collect(Collectors.toMap(IdentityType::code, Function.identity()));
    }

    /** A merchant's own identity type; never personal data (those are the built-in phone and e-mail). */
    record NewType(String code, String displayName, Integer priority, Integer maxPerCustomer, Boolean shopScoped) {
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("^[a-z][a-z0-9_]{1,39}$");
    private static final int MAX_PRIORITY = 1_000;
    private static final int NAME_MAX = 100;

    IdentityType create(NewType type) {
        java.util.List<io.liuliang.shared.FieldError> errors = new java.util.ArrayList<>();
        if (type.code() == null || !CODE.matcher(type.code()).matches()) {
            errors.add(new io.liuliang.shared.FieldError("code", "2 to 40 lower-case letters, digits or '_', starting with a letter"));
        }
        if (type.displayName() == null || type.displayName().isBlank() || type.displayName().strip().length() > NAME_MAX) {
            errors.add(new io.liuliang.shared.FieldError("displayName", "must be 1 to " + NAME_MAX + " characters"));
        }
        if (type.priority() == null || type.priority() < 1 || type.priority() > MAX_PRIORITY) {
            errors.add(new io.liuliang.shared.FieldError("priority", "must be between 1 (strongest) and " + MAX_PRIORITY));
        }
        if (type.maxPerCustomer() != null && type.maxPerCustomer() < 1) {
            errors.add(new io.liuliang.shared.FieldError("maxPerCustomer", "must be at least 1, or empty for no limit"));
        }
        if (type.shopScoped() == null) {
            errors.add(new io.liuliang.shared.FieldError("shopScoped", "is required"));
        }
        if (!errors.isEmpty()) {
            throw io.liuliang.shared.ApiProblemException.invalid(errors);
        }
        if (find(type.code()).isPresent()) {
            throw io.liuliang.shared.ApiProblemException.conflict("code", "the identity type " + type.code() + " exists");
        }
        jdbc.sql("INSERT INTO identity_type (code, display_name, priority, max_per_customer, shop_scoped, pii, builtin) "
                        + "VALUES (?, ?, ?, ?, ?, false, false)")
                .params(type.code(), type.displayName().strip(), type.priority(), type.maxPerCustomer(), type.shopScoped())
                .update();
        return find(type.code()).orElseThrow();
    }

    Optional<IdentityType> find(String code) {
        return Optional.ofNullable(byCode().get(code));
    }
}
