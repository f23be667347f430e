package io.liuliang.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps uploaded import files in PostgreSQL large objects: streamed in (bounded memory, any size), streamed back
 * to a local temporary file by whichever instance runs the import, and deleted with the import's data.
 */
@Component
class ImportFileStore {

    private static final int BUFFER = 1 << 16;
    private final DataSource dataSource;
    private final TransactionTemplate tx;

    ImportFileStore(DataSource dataSource, TransactionTemplate tx) {
        this.dataSource = dataSource;
        this.tx = tx;
    }

    record Stored(long oid, long size, byte[] sha256) {
    }

    /** Streams {@code in} into a new large object; runs in the caller's transaction (required). */
    Stored store(InputStream in) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            LargeObjectManager lom = connection.unwrap(PGConnection.class).getLargeObjectAPI();
            long oid = lom.createLO(LargeObjectManager.READWRITE);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (LargeObject lo = lom.open(oid, LargeObjectManager.WRITE);
                 OutputStream out = lo.getOutputStream();
                 DigestInputStream source = new DigestInputStream(in, digest)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = source.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            return new Stored(oid, size, digest.digest());
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Could not store the uploaded file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Copies the large object to a local temporary file (the caller deletes it). */
    Path copyToTempFile(long oid, String suffix) {
        return tx.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                Path file = Files.createTempFile("liuliang-import-", suffix);
                LargeObjectManager lom = connection.unwrap(PGConnection.class).getLargeObjectAPI();
                try (LargeObject lo = lom.open(oid, LargeObjectManager.READ); InputStream in = lo.getInputStream()) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                return file;
            } catch (SQLException e) {
                throw new IllegalStateException("The uploaded file " + oid + " cannot be read: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    void delete(long oid) {
        tx.executeWithoutResult(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                connection.unwrap(PGConnection.class).getLargeObjectAPI().delete(oid);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }
}
