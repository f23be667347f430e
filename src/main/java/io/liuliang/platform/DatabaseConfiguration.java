package io.liuliang.platform;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The one system of record: an external PostgreSQL when {@code LIULIANG_DB_URL} is set, otherwise the embedded
 * PostgreSQL under {@code <data dir>/pg}. The pool is sized for a small machine and closes before the embedded
 * server stops.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);
    private static final long CONNECTION_TIMEOUT_MS = 10_000;
    private static final int MIN_IDLE = 2;

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(LiuliangProperties properties) {
        LiuliangProperties.Db db = properties.db();
        DatabaseServer server = db.external()
                ? new DatabaseServer.External(db.url(), db.user(), db.password())
                : EmbeddedPostgresRegistry.acquire(properties.dataDir(), db.embeddedPort(),
                        EmbeddedPostgresTuning.of(db.embeddedMemoryMb(), EmbeddedPostgresTuning.physicalMemoryMb()));
        log.info("Database: {}", server.description());
        return server;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseServer server, LiuliangProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("liuliang");
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(properties.db().poolSize());
        config.setMinimumIdle(Math.min(MIN_IDLE, properties.db().poolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        return new HikariDataSource(config);
    }
}
