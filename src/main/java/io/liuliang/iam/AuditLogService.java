package io.liuliang.iam;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.liuliang.shared.PageRequest;
import jakarta.servlet.http.HttpServletRequest;

/** The append-only audit log: the database refuses UPDATE, DELETE and TRUNCATE on its table. */
@Service
class AuditLogService implements AuditLog {

    private static final int USER_AGENT_MAX = 300;
    private final JdbcClient jdbc;

    AuditLogService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters of the audit log; each may be null. */
    record Filter(AuditAction action, String actor, Instant from, Instant to) {
    }

    record Event(long id, Instant occurredAt, AuditAction action, UUID actorId, String actorUsername,
                 String targetType, String targetId, String targetLabel, String ip, String detail) {
    }

    @Override
    public void record(AuditRecord record) {
        UUID actorId = record.actorId();
        String actorUsername = record.actorUsername();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (actorUsername == null && auth instanceof LiuliangAuthentication la) {
            actorId = la.getPrincipal().userId();
            actorUsername = la.getPrincipal().username();
        }
        String ip = null;
        String userAgent = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            ip = request.getRemoteAddr();
            userAgent = request.getHeader("User-Agent");
            if (userAgent != null && userAgent.length() > USER_AGENT_MAX) {
                userAgent = userAgent.substring(0, USER_AGENT_MAX);
            }
        }
        jdbc.sql("INSERT INTO iam_audit_event (action, actor_id, actor_username, target_type, target_id, target_label, "
                        + "ip, user_agent, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(record.action().name(), actorId, actorUsername, record.targetType(), record.targetId(),
                        record.targetLabel(), ip, userAgent, record.detail())
                .update();
    }

    List<Event> search(Filter filter, PageRequest page) {
        Query query = where(filter);
        if (page.cursorAsLong() != null) {
            query.sql.append(" AND id < ?");
            query.params.add(page.cursorAsLong());
        }
        query.sql.append(" ORDER BY id DESC LIMIT ?");
        query.params.add(page.fetchSize());
        return jdbc.sql("SELECT * FROM iam_audit_event" + query.sql).params(query.params).query(AuditLogService::map).list();
    }

    long count(Filter filter) {
        Query query = where(filter);
        return jdbc.sql("SELECT count(*) FROM iam_audit_event" + query.sql).params(query.params).query(Long.class).single();
    }

    /** Streams matching events oldest first, in id order from {@code afterId}, a batch at a time. */
    long forEachAfter(Filter filter, long afterId, int batchSize, Consumer<List<Event>> batchConsumer) {
        long last = afterId;
        while (true) {
            Query query = where(filter);
            query.sql.append(" AND id > ? ORDER BY id LIMIT ?");
            query.params.add(last);
            query.params.add(batchSize);
            List<Event> batch = jdbc.sql("SELECT * FROM iam_audit_event" + query.sql).params(query.params)
                    .query(AuditLogService::map).list();
            if (batch.isEmpty()) {
                return last;
            }
            batchConsumer.accept(batch);
            last = batch.get(batch.size() - 1).id();
        }
    }

    private record Query(StringBuilder sql, List<Object> params) {
    }

    private static Query where(Filter filter) {
        Query q = new Query(new StringBuilder(" WHERE true"), new ArrayList<>());
        if (filter.action() != null) {
            q.sql.append(" AND action = ?");
            q.params.add(filter.action().name());
        }
        if (filter.actor() != null && !filter.actor().isBlank()) {
            q.sql.append(" AND lower(actor_username) = lower(?)");
            q.params.add(filter.actor().strip());
        }
        if (filter.from() != null) {
            q.sql.append(" AND occurred_at >= ?");
            q.params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            q.sql.append(" AND occurred_at < ?");
            q.params.add(Timestamp.from(filter.to()));
        }
        return q;
    }

    private static Event map(ResultSet rs, int row) throws SQLException {
        return new Event(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                AuditAction.valueOf(rs.getString("action")), rs.getObject("actor_id", UUID.class),
                rs.getString("actor_username"), rs.getString("target_type"), rs.getString("target_id"),
                rs.getString("target_label"), rs.getString("ip"), rs.getString("detail"));
    }
}
