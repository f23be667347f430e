package io.liuliang.iam;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.shared.FieldError;

/**
 * On the first start (no users at all) creates {@code admin}. Its password is {@code LIULIANG_ADMIN_PASSWORD} when
 * given (taken as chosen), otherwise a random one, printed once and written to {@code <data dir>/initial-admin-password},
 * that must be changed at first login. An advisory lock keeps instances starting together from racing.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final long BOOTSTRAP_LOCK = 0x4c49554c49414e47L; // "LIULIANG"

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final InitialAdminPassword initialPassword;
    private final String configuredPassword;

    AdminBootstrap(UserRepository users, PasswordEncoder encoder, JdbcClient jdbc, TransactionTemplate tx,
                   InitialAdminPassword initialPassword, @Value("${liuliang.admin-password:}") String configuredPassword) {
        this.users = users;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.tx = tx;
        this.initialPassword = initialPassword;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(BOOTSTRAP_LOCK).query((rs, n) -> 1).list();
            if (users.anyExists()) {
                return;
            }
            boolean chosen = configuredPassword != null && !configuredPassword.isBlank();
            if (chosen) {
                List<FieldError> problems = PasswordPolicy.check("LIULIANG_ADMIN_PASSWORD", configuredPassword,
                        InitialAdminPassword.ADMIN);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("LIULIANG_ADMIN_PASSWORD " + problems.get(0).message());
                }
            }
            String password = chosen ? configuredPassword : PasswordPolicy.generate();
            users.insert(new UserRecord(UUID.randomUUID(), InitialAdminPassword.ADMIN, "Administrator", null,
                    encoder.encode(password), List.of(Role.ADMIN), true, !chosen, 0, null, null, null, null, null));
            if (chosen) {
                log.info("Created the user 'admin' with the password from LIULIANG_ADMIN_PASSWORD");
            } else {
                initialPassword.write(password);
                log.warn("""

                        ************************************************************
                          Liuliang created the first user.
                            user name: admin
                            password:  {}
                          (also written to {})
                          You must change this password when you first log in.
                        ************************************************************""", password, initialPassword.file());
            }
        });
    }
}
