package io.liuliang.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ShopId;

/** Shops: creation, editing and archiving, with validated time zones and currencies. */
@Service
class ShopService implements Shops {

    private final JdbcClient jdbc;

    ShopService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a client sends to create or change a shop; strings are validated here. */
    record ShopInput(String platform, String name, String timezone, String currency, String platformShopId,
                     Boolean archived) {
    }

    @Override
    public Optional<Shop> find(ShopId id) {
        return jdbc.sql("SELECT * FROM shop WHERE id = ?").param(id.value()).query(ShopService::map).optional();
    }

    @Override
    public List<Shop> all() {
        return jdbc.sql("SELECT * FROM shop ORDER BY archived, lower(name)").query(ShopService::map).list();
    }

    @Override
    public Shop create(Platform platform, String name, ZoneId timezone, Currency currency) {
        return create(new ShopInput(platform.code(), name, timezone.getId(), currency.getCurrencyCode(), null, false));
    }

    Shop get(ShopId id) {
        return find(id).orElseThrow(() -> ApiProblemException.notFound("Shop", id));
    }

    @Transactional
    Shop create(ShopInput input) {
        Validated v = validate(input);
        ShopId id = ShopId.random();
        try {
            jdbc.sql("INSERT INTO shop (id, platform, name, timezone, currency, platform_shop_id) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(id.value(), v.platform.code(), v.name, v.zone.getId(), v.currency.getCurrencyCode(),
                            v.platformShopId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicate(e, v);
        }
        return get(id);
    }

    @Transactional
    Shop update(ShopId id, ShopInput input) {
        get(id);
        Validated v = validate(input);
        try {
            jdbc.sql("UPDATE shop SET platform = ?, name = ?, timezone = ?, currency = ?, platform_shop_id = ?, "
                            + "archived = ?, updated_at = now() WHERE id = ?")
                    .params(v.platform.code(), v.name, v.zone.getId(), v.currency.getCurrencyCode(), v.platformShopId,
                            input.archived() != null && input.archived(), id.value())
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicate(e, v);
        }
        return get(id);
    }

    private record Validated(Platform platform, String name, ZoneId zone, Currency currency, String platformShopId) {
    }

    private static final int NAME_MAX = 100;
    private static final String DEFAULT_ZONE = "Asia/Shanghai";
    private static final String DEFAULT_CURRENCY = "CNY";

    private static Validated validate(ShopInput input) {
        List<FieldError> errors = new ArrayList<>();
        Platform platform = null;
        if (input.platform() == null || input.platform().isBlank()) {
            errors.add(new FieldError("platform", "is required"));
        } else {
            try {
                platform = Platform.ofCode(input.platform().strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("platform", e.getMessage()));
            }
        }
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > NAME_MAX) {
            errors.add(new FieldError("name", "must be 1 to " + NAME_MAX + " characters"));
        }
        ZoneId zone = null;
        try {
            zone = ZoneId.of(input.timezone() == null || input.timezone().isBlank() ? DEFAULT_ZONE : input.timezone().strip());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timezone", "'" + input.timezone() + "' is not a time zone such as Asia/Shanghai"));
        }
        Currency currency = null;
        try {
            currency = Currency.getInstance(input.currency() == null || input.currency().isBlank()
                    ? DEFAULT_CURRENCY : input.currency().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("currency", "'" + input.currency() + "' is not an ISO 4217 currency code"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        String platformShopId = input.platformShopId() == null || input.platformShopId().isBlank()
                ? null : input.platformShopId().strip();
        return new Validated(platform, name, zone, currency, platformShopId);
    }

    private static ApiProblemException duplicate(DuplicateKeyException e, Validated v) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("shop_platform_id_uq")) {
            return ApiProblemException.conflict("platformShopId",
                    "another " + v.platform.code() + " shop already has the platform id " + v.platformShopId);
        }
        return ApiProblemException.conflict("name", "a shop named '" + v.name + "' already exists");
    }

    private static Shop map(ResultSet rs, int row) throws SQLException {
        return new Shop(new ShopId(rs.getObject("id", UUID.class)), Platform.ofCode(rs.getString("platform")),
                rs.getString("name"), ZoneId.of(rs.getString("timezone")), Currency.getInstance(rs.getString("currency")),
                rs.getString("platform_shop_id"), rs.getBoolean("archived"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
