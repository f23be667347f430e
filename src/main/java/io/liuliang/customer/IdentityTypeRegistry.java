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

    Optional<IdentityType> find(String code) {
        return Optional.ofNullable(byCode().get(code));
    }
}
