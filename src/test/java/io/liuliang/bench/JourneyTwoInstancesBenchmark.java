package io.liuliang.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.liuliang.LiuliangApplication;

/**
 * {@link JourneyBenchmark} with a second app instance over the same database (started here on the test JVM's
 * embedded PostgreSQL): both instances' engines, feeds, job runners and dispatchers share the work. Writes
 * {@code bench/results/journey-engine-2-instances.json}.
 */
class JourneyTwoInstancesBenchmark extends JourneyBenchmark {

    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(LiuliangApplication.class)
                // command-line arguments, so they win over application.yml (which sets the port to 8080)
                .run("--server.port=0", "--liuliang.jobs.poll-interval=200ms", "--liuliang.jobs.heartbeat-interval=500ms",
                        "--liuliang.jobs.stale-after=3s");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Override
    protected int instances() {
        return 2;
    }

    @Override
    protected String resultFile() {
        return "journey-engine-2-instances.json";
    }
}
