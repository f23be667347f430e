package io.liuliang.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code clv_model}: the fits, newest last. */
@Repository
class ClvModelStore {

    private static final TypeReference<List<CalibrationBin>> BINS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ClvModelStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A fit to store (its id, scored count and time come from the database). */
    record NewModel(ClvScope scope, BgNbd bgNbd, GammaGamma gammaGamma, double bgNbdLogLikelihood,
                    double ggLogLikelihood, LocalDate calibrationEnd, LocalDate holdoutEnd, long customers,
                    long repeaters, double annualDiscountRate, List<CalibrationBin> calibration, UUID jobId,
                    String fittedBy) {
    }

    long insert(NewModel m) {
        return jdbc.sql("""
                        INSERT INTO clv_model (shop_id, r, alpha, a, b, p, q, gamma, bgnbd_log_likelihood, gg_log_likelihood,
                                               calibration_end, holdout_end, customers, repeaters, annual_discount_rate,
                                               time_unit, calibration, job_id, fitted_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) RETURNING id""")
                .params(m.scope().shopId(), m.bgNbd().r(), m.bgNbd().alpha(), m.bgNbd().a(), m.bgNbd().b(),
                        m.gammaGamma().p(), m.gammaGamma().q(), m.gammaGamma().gamma(), m.bgNbdLogLikelihood(),
                        m.ggLogLikelihood(), m.calibrationEnd(), m.holdoutEnd(), Math.toIntExact(m.customers()),
                        Math.toIntExact(m.repeaters()), m.annualDiscountRate(), ClvModel.TIME_UNIT,
                        json.writeValueAsString(m.calibration()), m.jobId(), m.fittedBy())
                .query(Long.class).single();
    }

    /** Serialises fits of one scope: a transaction-level advisory lock on the key's hash. */
    void lock(String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param(key).query((rs, n) -> 1).single();
    }

    void scored(long modelId, long scored) {
        jdbc.sql("UPDATE clv_model SET scored = ? WHERE id = ?").params(Math.toIntExact(scored), modelId).update();
    }

    Optional<ClvModel> latest(ClvScope scope) {
        return jdbc.sql("SELECT * FROM clv_model WHERE scope_id = ? ORDER BY id DESC LIMIT 1").param(scope.id())
                .query(this::map).optional();
    }

    Optional<ClvModel> find(long id) {
        return jdbc.sql("SELECT * FROM clv_model WHERE id = ?").param(id).query(this::map).optional();
    }

    /** Fits newest first, of one scope or (scope null) of all; {@code beforeId} is the keyset cursor. */
    List<ClvModel> history(ClvScope scope, Long beforeId, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT * FROM clv_model WHERE true");
        List<Object> params = new ArrayList<>();
        if (scope != null) {
            sql.append(" AND scope_id = ?");
            params.add(scope.id());
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    /** Shops that have been fitted on their own (the scheduled refit keeps them current). */
    List<UUID> fittedShops() {
        return jdbc.sql("SELECT DISTINCT shop_id FROM clv_model WHERE shop_id IS NOT NULL").query(UUID.class).list();
    }

    private ClvModel map(ResultSet rs, int row) throws SQLException {
        return new ClvModel(rs.getLong("id"), rs.getObject("shop_id", UUID.class),
                new BgNbd(rs.getDouble("r"), rs.getDouble("alpha"), rs.getDouble("a"), rs.getDouble("b")),
                new GammaGamma(rs.getDouble("p"), rs.getDouble("q"), rs.getDouble("gamma")),
                rs.getDouble("bgnbd_log_likelihood"), rs.getDouble("gg_log_likelihood"),
                rs.getObject("calibration_end", LocalDate.class), rs.getObject("holdout_end", LocalDate.class),
                rs.getInt("customers"), rs.getInt("repeaters"), rs.getInt("scored"), rs.getDouble("annual_discount_rate"),
                rs.getString("time_unit"), json.readValue(rs.getString("calibration"), BINS),
                rs.getObject("job_id", UUID.class), rs.getString("fitted_by"),
                rs.getTimestamp("fitted_at").toInstant());
    }
}
