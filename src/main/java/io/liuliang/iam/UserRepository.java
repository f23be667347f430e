package io.liuliang.iam;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.liuliang.shared.PageRequest;

/** Plain SQL over {@code iam_user}. */
@Repository
class UserRepository {

    private static final String COLUMNS = "id, username, display_name, email, password_hash, roles, enabled, "
            + "must_change_password, failed_logins, locked_until, last_login_at, sessions_valid_after, created_at, updated_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<UserRecord> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_user WHERE id = ?").param(id).query(UserRepository::map).optional();
    }

    Optional<UserRecord> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM iam_user WHERE lower(username) = lower(?)").param(username)
                .query(UserRepository::map).optional();
    }

    boolean anyExists() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM iam_user)").query(Boolean.class).single();
    }

    void insert(UserRecord u) {
        jdbc.sql("INSERT INTO iam_user (id, username, display_name, email, password_hash, roles, enabled, "
                        + "must_change_password) VALUES (:id, :username, :displayName, :email, :hash, :roles::text[], :enabled, :mustChange)")
                .param("id", u.id()).param("username", u.username()).param("displayName", u.displayName())
                .param("email", u.email()).param("hash", u.passwordHash()).param("roles", rolesLiteral(u.roles()))
                .param("enabled", u.enabled()).param("mustChange", u.mustChangePassword())
                .update();
    }

    void updateProfile(UUID id, String displayName, String email, List<Role> roles, boolean enabled) {
        jdbc.sql("UPDATE iam_user SET display_name = :displayName, email = :email, roles = :roles::text[], "
                        + "enabled = :enabled, updated_at = now(), "
                        + "sessions_valid_after = CASE WHEN :enabled THEN sessions_valid_after ELSE now() END WHERE id = :id")
                .param("id", id).param("displayName", displayName).param("email", email)
                .param("roles", rolesLiteral(roles)).param("enabled", enabled).update();
    }

    /** Sets a new password; {@code endSessions} signs the user out everywhere (an administrator's reset). */
    void updatePassword(UUID id, String hash, boolean mustChange, boolean endSessions) {
        jdbc.sql("UPDATE iam_user SET password_hash = :hash, must_change_password = :mustChange, failed_logins = 0, "
                        + "locked_until = NULL, updated_at = now(), "
                        + "sessions_valid_after = CASE WHEN :endSessions THEN now() ELSE sessions_valid_after END WHERE id = :id")
                .param("id", id).param("hash", hash).param("mustChange", mustChange).param("endSessions", endSessions)
                .update();
    }

    /** Counts a failed login atomically and returns the new count. */
    int incrementFailedLogins(UUID id) {
        return jdbc.sql("UPDATE iam_user SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins")
                .param(id).query(Integer.class).single();
    }

    void lock(UUID id, Instant until) {
        jdbc.sql("UPDATE iam_user SET locked_until = ?, failed_logins = 0 WHERE id = ?")
                .param(Timestamp.from(until)).param(id).update();
    }

    void unlock(UUID id) {
        jdbc.sql("UPDATE iam_user SET locked_until = NULL, failed_logins = 0, updated_at = now() WHERE id = ?")
                .param(id).update();
    }

    void recordLogin(UUID id) {
        jdbc.sql("UPDATE iam_user SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = ?")
                .param(id).update();
    }

    List<UserRecord> search(String q, Role role, Boolean enabled, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM iam_user WHERE true");
        List<Object> params = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            sql.append(" AND (username ILIKE ? OR display_name ILIKE ? OR email ILIKE ?)");
            String like = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (role != null) {
            sql.append(" AND ? = ANY (roles)");
            params.add(role.name());
        }
        if (enabled != null) {
            sql.append(" AND enabled = ?");
            params.add(enabled);
        }
        if (page.cursorKey() != null) {
            sql.append(" AND lower(username) > lower(?)");
            params.add(page.cursorKey());
        }
        sql.append(" ORDER BY lower(username) LIMIT ?");
        params.add(page.fetchSize());
        return jdbc.sql(sql.toString()).params(params).query(UserRepository::map).list();
    }

    private static String rolesLiteral(List<Role> roles) {
        return "{" + String.join(",", roles.stream().map(Role::name).toList()) + "}";
    }

    private static UserRecord map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        List<Role> roleList = Arrays.stream((String[]) roles.getArray()).map(Role::valueOf).toList();
        return new UserRecord(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), rs.getString("password_hash"), roleList, rs.getBoolean("enabled"),
                rs.getBoolean("must_change_password"), rs.getInt("failed_logins"), instant(rs, "locked_until"),
                instant(rs, "last_login_at"), instant(rs, "sessions_valid_after"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
