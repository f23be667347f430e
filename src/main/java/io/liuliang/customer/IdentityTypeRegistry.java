package io.liuliang.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ProblemType;

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

    /**
     * A merchant's own identity type; never personal data (those are the built-in phone and e-mail). The numbers are
     * read as longs, so that a value beyond an int is refused as out of range at its field rather than as an
     * unreadable request.
     */
    record NewType(String code, String displayName, Long priority, Long maxPerCustomer, Boolean shopScoped) {
    }

    static final int CODE_MIN = 2;
    static final int CODE_MAX = 40;
    private static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9_]{" + (CODE_MIN - 1) + "," + (CODE_MAX - 1) + "}$");
    static final int NAME_MAX = 100;
    /** The strongest priority. */
    static final int PRIORITY_MIN = 1;
    static final int PRIORITY_MAX = 1_000;
    static final int LIMIT_MIN = 1;
    /** More identities of one type than this on one person is not a limit but none: leave it empty. */
    static final int LIMIT_MAX = 1_000;

    /**
     * Adds the type, or refuses it: a 400 with each field's problem, or a 409 when another type holds its code (also
     * when one was added at the same moment).
     */
    IdentityType create(NewType type) {
        List<FieldError> errors = problems(type);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        int added = jdbc.sql("INSERT INTO identity_type (code, display_name, priority, max_per_customer, shop_scoped, pii, "
                        + "builtin) VALUES (?, ?, ?, ?, ?, false, false) ON CONFLICT (code) DO NOTHING")
                .params(type.code(), type.displayName().strip(), type.priority(), type.maxPerCustomer(), type.shopScoped())
                .update();
        if (added == 0) {
            String detail = "the identity type " + type.code() + " exists";
            throw new ApiProblemException(ProblemType.CONFLICT, detail,
                    List.of(IdentityTypeProblem.CODE_TAKEN.at("code", detail, "code", type.code())), Map.of());
        }
        return find(type.code()).orElseThrow();
    }

    /** What is wrong with a new type, at most one problem per field. */
    private static List<FieldError> problems(NewType type) {
        List<FieldError> errors = new ArrayList<>();
        String codeRule = CODE_MIN + " to " + CODE_MAX + " lower-case letters, digits or '_', starting with a letter";
        if (type.code() == null || type.code().isEmpty()) {
            errors.add(IdentityTypeProblem.REQUIRED.at("code", codeRule));
        } else if (!CODE.matcher(type.code()).matches()) {
            errors.add(IdentityTypeProblem.CODE_FORMAT.at("code", codeRule, "min", CODE_MIN, "max", CODE_MAX));
        }
        String nameRule = "must be 1 to " + NAME_MAX + " characters";
        if (type.displayName() == null || type.displayName().isBlank()) {
            errors.add(IdentityTypeProblem.REQUIRED.at("displayName", nameRule));
        } else if (type.displayName().strip().length() > NAME_MAX) {
            errors.add(IdentityTypeProblem.NAME_TOO_LONG.at("displayName", nameRule, "max", NAME_MAX));
        }
        String priorityRule = "must be between " + PRIORITY_MIN + " (strongest) and " + PRIORITY_MAX;
        if (type.priority() == null) {
            errors.add(IdentityTypeProblem.REQUIRED.at("priority", priorityRule));
        } else if (type.priority() < PRIORITY_MIN || type.priority() > PRIORITY_MAX) {
            errors.add(IdentityTypeProblem.PRIORITY_RANGE.at("priority", priorityRule, "min", PRIORITY_MIN, "max",
                    PRIORITY_MAX));
        }
        if (type.maxPerCustomer() != null && (type.maxPerCustomer() < LIMIT_MIN || type.maxPerCustomer() > LIMIT_MAX)) {
            errors.add(IdentityTypeProblem.LIMIT_RANGE.at("maxPerCustomer",
                    "must be between " + LIMIT_MIN + " and " + LIMIT_MAX + ", or empty for no limit", "min", LIMIT_MIN,
                    "max", LIMIT_MAX));
        }
        if (type.shopScoped() == null) {
            errors.add(IdentityTypeProblem.REQUIRED.at("shopScoped", "is required"));
        }
        return errors;
    }

    Optional<IdentityType> find(String code) {
        return Optional.ofNullable(byCode().get(code));
    }
}
