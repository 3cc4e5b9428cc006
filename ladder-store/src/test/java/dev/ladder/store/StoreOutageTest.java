package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.LadderIoFailure;
import dev.ladder.core.tune.Objective;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.TrialContext;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * A real PostgreSQL server stopped in the middle of a run (at a report held back until it is down):
 * back within the retry window, the run goes on with nothing lost and no trial failed; down for longer,
 * the session ends with the driver's message and resuming once it is back finishes the experiment with
 * the decisions of an uninterrupted run (one worker). And when the store still answers, a storage
 * failure releases the lease.
 */
class StoreOutageTest {
    private static final int TRIALS = 20;
    private static final int HELD_REPORT = 25;
    private static TestPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.startRestartable();
    }

    @org.junit.jupiter.api.AfterEach
    void serverUp() throws Exception {
        try {
            postgres.startServer(); // a test that failed while it was down
        } catch (IllegalStateException running) {
            // it is up
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** Holds the objective at report number {@code at} until released; the tuner meanwhile waits for it. */
    private static final class Gate {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
        final AtomicInteger reports = new AtomicInteger();
        final int at;

        Gate(int at) {
            this.at = at;
        }

        void pass() {
            if (reports.incrementAndGet() == at) {
                reached.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static Tuner.Builder asha(Gate gate) {
        QuadraticObjective q = new QuadraticObjective(0.05);
        Objective held = (config, ctx) -> q.run(config, new TrialContext() {
            public int trialId() { return ctx.trialId(); }
            public long resumeFrom() { return ctx.resumeFrom(); }
            public long maxResource() { return ctx.maxResource(); }
            public Path checkpointDir() { return ctx.checkpointDir(); }

            public boolean report(long resource, Map<String, Double> metrics) {
                gate.pass();
                return ctx.report(resource, metrics);
            }
        });
        return Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(QuadraticObjective.SPACE, 5),
                Metric.minimize("loss"), 1, 27, 3)).objective(held).workers(1).maxTrials(TRIALS);
    }

    private String url(String db) throws Exception {
        return postgres.freshDatabase(db) + "&password=s3cret"; // trust authentication ignores it; messages must too
    }

    @Test
    void aServerBackWithinTheRetryWindowLosesNothingAndFailsNoTrial() throws Exception {
        String url = url("outage_a");
        try (JdbcStore store = JdbcStore.open(url)) {
            asha(new Gate(0)).log(StoreLog.create(store, "reference", "{}", 5), dir.resolve("ref"), "reference").run();
            Gate gate = new Gate(HELD_REPORT);
            Queue<String> notes = new ConcurrentLinkedQueue<>();
            StoreLog log = StoreLog.create(store, "outage", "{}", 5).retryFor(Duration.ofSeconds(120));
            CompletableFuture<TuningResult> run = CompletableFuture.supplyAsync(() -> asha(gate)
                    .log(log, dir.resolve("outage"), "outage").listener(notesTo(notes, null)).run());

            assertThat(gate.reached.await(60, TimeUnit.SECONDS)).isTrue();
            postgres.stopServer();
            gate.released.countDown(); // its report cannot be committed now
            waitUntil(() -> notes.stream().anyMatch(n -> n.startsWith("lost the connection to the store")), run);
            postgres.startServer();
            TuningResult result = run.get(2, TimeUnit.MINUTES);

            assertThat(notes).anyMatch(n -> n.startsWith("the store answers again"));
            assertThat(notes).noneMatch(n -> n.contains("s3cret"));
            assertThat(result.trials()).hasSize(TRIALS);
            long id = store.experiment("outage").orElseThrow().id();
            long ref = store.experiment("reference").orElseThrow().id();
            assertThat(store.experiment("outage").orElseThrow().status()).isEqualTo(dev.ladder.store.ExperimentStatus.FINISHED);
            assertThat(store.trials(id)).extracting(TrialRow::status).doesNotContain(TrialStatus.FAILED, TrialStatus.RUNNING);
            assertThat(KillAndResumeTest.decisions(store, id)).isEqualTo(KillAndResumeTest.decisions(store, ref));
            assertThat(KillAndResumeTest.resultKeys(store, id)).isEqualTo(KillAndResumeTest.resultKeys(store, ref)); // none lost, none twice
        }
    }

    @Test
    void aServerDownPastTheWindowEndsTheSessionWithItsCauseAndResumeFinishes() throws Exception {
        String url = url("outage_b");
        try (JdbcStore store = JdbcStore.open(url)) {
            asha(new Gate(0)).log(StoreLog.create(store, "reference", "{}", 5), dir.resolve("ref"), "reference").run();
            Gate gate = new Gate(HELD_REPORT);
            AtomicReference<LadderIoFailure> heard = new AtomicReference<>();
            StoreLog log = StoreLog.create(store, "outage", "{}", 5).retryFor(Duration.ofSeconds(2));
            CompletableFuture<TuningResult> run = CompletableFuture.supplyAsync(() -> asha(gate)
                    .log(log, dir.resolve("outage"), "outage").listener(notesTo(new ConcurrentLinkedQueue<>(), heard)).run());

            assertThat(gate.reached.await(60, TimeUnit.SECONDS)).isTrue();
            postgres.stopServer();
            gate.released.countDown();
            Throwable thrown = null;
            try {
                run.get(2, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                thrown = e.getCause();
            }
            postgres.startServer();

            assertThat((Object) thrown).isInstanceOf(LadderIoFailure.class).isSameAs(heard.get());
            PSQLException driver = psql(thrown);
            assertThat((Object) driver).as("the driver's exception is the cause").isNotNull();
            assertThat(thrown.getMessage())
                    .startsWith("cannot write events ")
                    .contains("of experiment outage to jdbc:postgresql://localhost:" + postgres.port())
                    .contains("password=***").doesNotContain("s3cret")
                    .contains(driver.getMessage())
                    .contains("retry window 2 s");
            long id = store.experiment("outage").orElseThrow().id();
            assertThat(store.trials(id)).extracting(TrialRow::status).doesNotContain(TrialStatus.FAILED);

            // the lease of the ended session could not be released while the server was down: it lapses
            try (JdbcStore again = JdbcStore.open(url, Duration.ofSeconds(1))) {
                StoreLog resumed = openOnceTheLeaseLapses(again, "outage");
                TuningResult result = asha(new Gate(0)).log(resumed, dir.resolve("outage"), "outage").resume().run();
                assertThat(result.trials()).hasSize(TRIALS);
            }
            long ref = store.experiment("reference").orElseThrow().id();
            assertThat(store.experiment("outage").orElseThrow().status()).isEqualTo(dev.ladder.store.ExperimentStatus.FINISHED);
            assertThat(store.trials(id)).extracting(TrialRow::status).doesNotContain(TrialStatus.FAILED, TrialStatus.RUNNING);
            assertThat(KillAndResumeTest.decisions(store, id)).isEqualTo(KillAndResumeTest.decisions(store, ref));
            assertThat(KillAndResumeTest.resultKeys(store, id)).isEqualTo(KillAndResumeTest.resultKeys(store, ref));
        }
    }

    @Test
    void aStorageFailureWhileTheStoreAnswersReleasesTheLease() throws Exception {
        Files.writeString(dir.resolve("a-file"), "not a folder");
        try (JdbcStore store = JdbcStore.open(dir.resolve("ladder.db").toString())) {
            StoreLog log = StoreLog.create(store, "blocked", "{}", 5);
            Throwable thrown = null;
            try {
                asha(new Gate(0)).log(log, dir.resolve("a-file").resolve("checkpoints"), "blocked").run();
            } catch (LadderIoFailure e) {
                thrown = e;
            }

            assertThat(thrown).hasMessageContaining("not a directory at " + dir.resolve("a-file"));
            assertThat(store.experiment("blocked").orElseThrow().owner()).isEmpty();
        }
    }

    private static StoreLog openOnceTheLeaseLapses(JdbcStore store, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return StoreLog.open(store, name);
            } catch (IllegalStateException held) {
                if (System.nanoTime() > deadline) {
                    throw held;
                }
                Thread.sleep(100);
            }
        }
    }

    private static TunerListener notesTo(Queue<String> notes, AtomicReference<LadderIoFailure> failure) {
        return new TunerListener() {
            @Override
            public void onNote(String message) {
                notes.add(message);
            }

            @Override
            public void onStorageFailure(LadderIoFailure f) {
                if (failure != null) {
                    failure.set(f);
                }
            }
        };
    }

    private static PSQLException psql(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof PSQLException p) {
                return p;
            }
        }
        return null;
    }

    /** Waits for {@code state} while {@code run} goes on; fails at once with its outcome if it ends first. */
    private static void waitUntil(BooleanSupplier state, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!state.getAsBoolean()) {
            if (run.isDone()) {
                throw new AssertionError("the run ended before the awaited state", run.handle((r, e) -> e).get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the awaited state");
            }
            Thread.sleep(20);
        }
    }
}
