package io.liuliang.shared;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The rows of one {@code COPY … FROM STDIN} in PostgreSQL's text format, streamed in chunks of
 * {@value #CHUNK_BYTES} bytes, so a batch of hundreds of thousands of rows never sits in memory as one text; the
 * COPY starts with the first chunk, and nothing is sent when there are no rows. Values: null, {@code byte[]}
 * (bytea), {@link BigDecimal}, {@link UUID}, integers, {@link Instant} and {@link Timestamp} (ISO 8601), booleans,
 * and anything else as its text. Not thread-safe.
 */
public final class CopyRows {

    private static final int CHUNK_BYTES = 256 * 1024;

    private final String sql;
    private final Connection connection;
    private final CopyBuffer out = new CopyBuffer(CHUNK_BYTES + CHUNK_BYTES / 4);
    private CopyIn copy;
    private long rows;

    private CopyRows(String sql, Connection connection) {
        this.sql = sql;
        this.connection = connection;
    }

    /** Writes the rows of one COPY. */
    @FunctionalInterface
    public interface Writer {
        void write(CopyRows out) throws SQLException;
    }

    /**
     * Runs {@code sql} (a {@code COPY … FROM STDIN}) on the connection of the caller's transaction (or a connection of
     * its own outside one) with the rows {@code rows} writes; returns how many rows were written.
     */
    public static long copy(DataSource dataSource, String sql, Writer rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyRows out = new CopyRows(sql, connection);
        try {
            rows.write(out);
            out.finish();
            return out.rows;
        } catch (SQLException e) {
            out.abandon();
            throw new IllegalStateException("COPY into " + sql.substring("COPY ".length(), sql.indexOf(' ', "COPY ".length()))
                    + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One row, its values in the COPY's column order. */
    public void row(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.tab();
            }
            value(values[i]);
        }
        out.endRow();
        rows++;
        if (out.size() >= CHUNK_BYTES) {
            send();
        }
    }

    private void value(Object v) {
        if (v == null) {
            out.nul();
        } else if (v instanceof byte[] bytes) {
            out.bytea(bytes);
        } else if (v instanceof BigDecimal d) {
            out.decimal(d);
        } else if (v instanceof UUID id) {
            out.uuid(id);
        } else if (v instanceof Integer || v instanceof Long) {
            out.number(((Number) v).longValue());
        } else if (v instanceof Timestamp t) {
            out.text(t.toInstant().toString());
        } else if (v instanceof Boolean b) {
            out.ascii(b ? 't' : 'f');
        } else {
            out.text(v.toString());
        }
    }

    private void send() throws SQLException {
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        }
        out.writeTo(copy);
    }

    /** Ends a COPY that failed part-way, so the connection can go on (to roll back, say). */
    private void abandon() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the server has ended the COPY already: its error is the one reported
            }
        }
    }

    private void finish() throws SQLException {
        if (out.size() > 0) {
            send();
        }
        if (copy != null) {
            copy.endCopy();
        }
    }
}
