package io.liuliang.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code liuliang.*}; each is also an environment variable ({@code LIULIANG_DATA_DIR},
 * {@code LIULIANG_DB_URL}, ...). See the README for the full list.
 *
 * @param dataDir where the embedded database, keys and generated files live
 * @param db the database connection
 */
@ConfigurationProperties("liuliang")
public record LiuliangProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Db db) {

    /**
     * @param url JDBC URL of an external PostgreSQL; when blank, an embedded PostgreSQL is started
     * @param user user name for the external database
     * @param password password for the external database
     * @param poolSize maximum connections in the pool
     * @param embeddedPort TCP port of the embedded PostgreSQL; 0 picks a free port
     * @param embeddedMemoryMb memory the embedded PostgreSQL is sized for (its shared buffers are a quarter of it,
     *                         its planner assumes the rest is cache); 0 sizes it from the machine (a quarter of the
     *                         physical memory, at most 8 GiB)
     */
    public record Db(String url, String user, String password, @DefaultValue("10") int poolSize,
                     @DefaultValue("0") int embeddedPort, @DefaultValue("0") int embeddedMemoryMb) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }
}
