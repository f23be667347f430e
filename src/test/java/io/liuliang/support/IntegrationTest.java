package io.liuliang.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Base of the integration tests: the whole application on a random port over the one embedded PostgreSQL of the
 * test JVM (its data directory is set per build by Surefire). Tests work through the HTTP API as a client would,
 * and never touch the {@code admin} account, which the browser test signs in with for the first time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "liuliang.jobs.poll-interval=200ms", "liuliang.jobs.heartbeat-interval=500ms", "liuliang.jobs.stale-after=3s"})
public abstract class IntegrationTest {

    public static final String PASSWORD = "Correct-Horse-42";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private PasswordEncoder encoder;

    /** A user name no other test uses. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** Creates a user directly in the database (test set-up only) and returns its id. */
    protected UUID createUser(String username, List<String> roles, boolean mustChangePassword) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO iam_user (id, username, display_name, password_hash, roles, must_change_password) "
                        + "VALUES (?, ?, ?, ?, ?::text[], ?)")
                .params(id, username, "Test " + username, encoder.encode(PASSWORD), "{" + String.join(",", roles) + "}",
                        mustChangePassword)
                .update();
        return id;
    }

    /** A signed-in client of a fresh user holding the given roles. */
    protected ApiClient signedIn(String... roles) {
        String username = uniqueName(roles.length == 0 ? "user" : roles[0].toLowerCase());
        createUser(username, List.of(roles), false);
        ApiClient client = new ApiClient(port);
        ApiClient.Response response = client.login(username, PASSWORD);
        if (response.status() != 200) {
            throw new IllegalStateException("test login failed: " + response.body());
        }
        return client;
    }

    protected ApiClient anonymous() {
        return new ApiClient(port);
    }
}
