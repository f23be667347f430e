package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCommitterTests {

    private static final int WAITING = 5;
    private static final long TIMEOUT_SECONDS = 10;

    private final ExecutorService clients = Executors.newCachedThreadPool();
    private EventCommitter committer;

    @AfterEach
    void tearDown() {
        if (committer != null) {
            committer.stop();
        }
        clients.shutdownNow();
    }

    private static List<RawEvent> events(String... ids) {
        List<RawEvent> items = new ArrayList<>();
        for (String id : ids) {
            items.add(new RawEvent(true, id, "page_view", null, "2026-01-01T00:00:00Z", null, null, "anon", null, false, null));
        }
        return items;
    }

    /** Set once the committer's first group is being stored. */
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    /** Lets the groups being stored finish. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** The requests in each group the committer stored, in order. */
    private final List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());

    /**
     * Starts a committer with one commit thread whose groups wait for {@link #release}, recording their sizes; a group
     * holding a request whose first event id {@code refused} accepts fails as a whole, as a refused insert would.
     */
    private void startGated(int maxGroupEvents, java.util.function.Predicate<String> refused) {
        committer = new EventCommitter(group -> {
            groupSizes.add(group.size());
            firstStarted.countDown();
            await(release);
            group.stream().map(s -> s.items().get(0).eventId()).filter(refused).findFirst().ifPresent(id -> {
                throw new IllegalArgumentException("the database refused " + id);
            });
            return group.stream().map(EventCommitterTests::resultOf).toList();
        }, 1, maxGroupEvents);
        committer.start();
    }

    /** A result naming the request's first event, so that each answer can be matched to its request. */
    private static EventIngestion.Result resultOf(EventIngestion.Submission s) {
        return new EventIngestion.Result(s.items().size(), 0, 0, List.of(new EventIngestion.ItemResult(0,
                s.items().get(0).eventId(), EventIngestion.Status.STORED, null, List.of())));
    }

    @Test
    void requestsArrivingWhileAGroupCommitsAreStoredTogetherAndEachGetsItsOwnAnswer() throws Exception {
        startGated(1_000, id -> false);

        Future<EventIngestion.Result> first = clients.submit(() -> committer.ingest(events("first"), "api"));
        assertThat(firstStarted.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        List<Future<EventIngestion.Result>> waiting = new ArrayList<>();
        for (int i = 0; i < WAITING; i++) {
            String id = "w" + i;
            waiting.add(clients.submit(() -> committer.ingest(events(id, id + "-2"), "api")));
        }
        Thread.sleep(300); // let them queue behind the group being committed
        assertThat(waiting).noneMatch(Future::isDone);
        release.countDown();

        assertThat(first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).results().get(0).eventId()).isEqualTo("first");
        for (int i = 0; i < WAITING; i++) {
            EventIngestion.Result r = waiting.get(i).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(r.results().get(0).eventId()).isEqualTo("w" + i);
            assertThat(r.stored()).isEqualTo(2);
        }
        assertThat(groupSizes).containsExactly(1, WAITING);
    }

    @Test
    void whenAGroupFailsEachRequestIsStoredAloneSoOnlyTheFaultyOneFails() throws Exception {
        startGated(1_000, "bad"::equals);

        Future<EventIngestion.Result> blocker = clients.submit(() -> committer.ingest(events("blocker"), "api"));
        assertThat(firstStarted.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        Future<EventIngestion.Result> good1 = clients.submit(() -> committer.ingest(events("good1"), "api"));
        Future<EventIngestion.Result> bad = clients.submit(() -> committer.ingest(events("bad"), "api"));
        Future<EventIngestion.Result> good2 = clients.submit(() -> committer.ingest(events("good2"), "api"));
        Thread.sleep(300);
        release.countDown();

        assertThat(blocker.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).results().get(0).eventId()).isEqualTo("blocker");
        assertThat(good1.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).results().get(0).eventId()).isEqualTo("good1");
        assertThat(good2.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).results().get(0).eventId()).isEqualTo("good2");
        assertThatThrownBy(() -> bad.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused bad");
        // the group of three, then each of them alone
        assertThat(groupSizes).containsExactly(1, 3, 1, 1, 1);
    }

    @Test
    void aGroupStopsTakingRequestsOnceItHoldsTheMostEvents() throws Exception {
        startGated(4, id -> false);
        Future<EventIngestion.Result> first = clients.submit(() -> committer.ingest(events("first"), "api"));
        assertThat(firstStarted.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        List<Future<EventIngestion.Result>> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "w" + i;
            waiting.add(clients.submit(() -> committer.ingest(events(id, id + "-2"), "api")));
            Thread.sleep(50); // in this order
        }
        release.countDown();
        first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (Future<EventIngestion.Result> w : waiting) {
            w.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        // 2 + 2 events reach the limit of 4
        assertThat(groupSizes).containsExactly(1, 2, 2);
    }

    @Test
    void withoutCommitThreadsOrOnceStoppedEachRequestIsStoredInItsOwnThread() {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        committer = new EventCommitter(group -> {
            threads.add(Thread.currentThread().getName());
            return group.stream().map(EventCommitterTests::resultOf).toList();
        }, 0, 1_000);
        committer.start();
        assertThat(committer.isRunning()).isFalse();
        assertThat(committer.ingest(events("inline"), "api").results().get(0).eventId()).isEqualTo("inline");

        EventCommitter stopped = new EventCommitter(group -> {
            threads.add(Thread.currentThread().getName());
            return group.stream().map(EventCommitterTests::resultOf).toList();
        }, 2, 1_000);
        stopped.start();
        stopped.stop();
        assertThat(stopped.ingest(events("after-stop"), "api").results().get(0).eventId()).isEqualTo("after-stop");
        assertThat(threads).containsOnly(Thread.currentThread().getName());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
