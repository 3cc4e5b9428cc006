package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Await;
import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.InProcessExecutor;
import dev.ladder.core.tune.Objective;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tuner and workers (threads of this JVM here; processes in the CLI's tests) coordinated through PostgreSQL. */
class RemoteWorkersTest {
    private static TestPostgres server;
    @TempDir
    Path dir;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        workers.forEach(Worker::stop);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }

    private static Tuner.Builder asha(long minResource) {
        return Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(QuadraticObjective.SPACE, 5),
                Metric.minimize("loss"), minResource, 27, 3));
    }

    private Worker worker(JdbcStore store, String name, int slots, Objective objective) {
        Worker w = new Worker(store, name, slots, Duration.ofSeconds(3), e -> new InProcessExecutor(objective, 1), log::add);
        Thread t = new Thread(() -> {
            try {
                w.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worker-" + name);
        t.start();
        workers.add(w);
        threads.add(t);
        return w;
    }

    @Test
    void workersRunAnExperimentAndOneSlotGivesTheDecisionsOfALocalRun() throws Exception {
        String url = server.freshDatabase("remote_same");
        try (JdbcStore store = JdbcStore.open(url)) {
            TuningResult local = asha(1).objective(new QuadraticObjective(0.05)).workers(1).maxTrials(20)
                    .log(StoreLog.create(store, "local", "{}", 5), dir.resolve("local"), "local").run();
            worker(store, "a", 2, new QuadraticObjective(0.05));
            worker(store, "b", 1, new QuadraticObjective(0.05));
            StoreLog log = StoreLog.create(store, "remote", "{}", 5);
            try (RemoteExecutor remote = new RemoteExecutor(store, log.experiment().id(), 1, this.log::add)) {
                TuningResult r = asha(1).executor(remote).maxTrials(20).log(log, dir.resolve("remote"), "remote").run();

                assertThat(r.best()).isEqualTo(local.best());
                assertThat(r.totalResource()).isEqualTo(local.totalResource());
                assertThat(r.trials()).extracting(Trial::status).doesNotContain(TrialStatus.RUNNING, TrialStatus.FAILED);
            }
            assertThat(count(url, "SELECT count(*) FROM jobs WHERE state NOT IN ('ENDED')")).isZero();
            assertThat(count(url, "SELECT count(*) FROM job_events WHERE answer IS NULL")).isZero();
        }
    }

    @Test
    void aWorkerThatStopsGivesItsJobBackAndTheTrialRunsElsewhereFromItsCheckpoint() throws Exception {
        String url = server.freshDatabase("remote_stop");
        try (JdbcStore store = JdbcStore.open(url)) {
            StoreLog log = StoreLog.create(store, "remote", "{}", 5);
            Worker first = worker(store, "first", 1, hangingAfterItsFirstReport(new QuadraticObjective(0.05)));
            try (RemoteExecutor remote = new RemoteExecutor(store, log.experiment().id(), 1, this.log::add)) {
                Thread stopper = new Thread(() -> {
                    Await.until("the first worker to run a job", () -> count(url, "SELECT count(*) FROM job_events") > 0);
                    first.stop();
                    worker(store, "second", 1, new QuadraticObjective(0.05));
                });
                stopper.start();
                TuningResult r = asha(3).executor(remote).maxTrials(6).log(log, dir.resolve("remote"), "remote").run();
                stopper.join();

                assertThat(r.trials()).extracting(Trial::status).doesNotContain(TrialStatus.RUNNING, TrialStatus.FAILED);
                assertThat(r.trials()).hasSize(6);
            }
            assertThat(count(url, "SELECT count(*) FROM jobs WHERE state = 'LOST'")).isEqualTo(1);
            assertThat(count(url, "SELECT count(*) FROM events WHERE type = 'restart' AND body LIKE '%gave it back%'")).isEqualTo(1);
            assertThat(count(url, "SELECT count(*) FROM jobs j JOIN workers w ON j.worker_id = w.id WHERE w.name = 'first'")).isEqualTo(1);
        }
    }

    @Test
    void workersShareTheirSlotsBetweenExperimentsByWeightAndLeaveNoSlotIdle() throws Exception {
        String url = server.freshDatabase("remote_share");
        try (JdbcStore store = JdbcStore.open(url)) {
            long a = store.createExperiment("a", "{}", 1);
            long b = store.createExperiment("b", "{}", 1);
            JobQueue q = new JobQueue(store.database());
            List<JobQueue.NewJob> jobs = new ArrayList<>();
            for (int t = 0; t < 10; t++) {
                jobs.add(new JobQueue.NewJob(a, t, "{}", 0, 1, "/a/" + t, 1));
            }
            q.queue(jobs);
            jobs.clear();
            for (int t = 0; t < 10; t++) {
                jobs.add(new JobQueue.NewJob(b, t, "{}", 0, 1, "/b/" + t, 3));
            }
            q.queue(jobs);
            long w = q.register("w", "h", 4, 10_000);

            List<JobQueue.Leased> first = q.lease(w, 4); // shares of 4 slots at weights 1:3
            assertThat(first).extracting(JobQueue.Leased::experiment).containsExactlyInAnyOrder(a, b, b, b);

            long other = q.register("v", "h", 4, 10_000);
            List<JobQueue.Leased> more = q.lease(other, 4); // 8 slots: 2 and 6, of which 1 and 3 run
            assertThat(more).extracting(JobQueue.Leased::experiment).containsExactlyInAnyOrder(a, b, b, b);
            // only a has jobs left beyond its share once b's are all leased: a slot never waits for b's share
            q.queue(List.of(new JobQueue.NewJob(a, 10, "{}", 0, 1, "/a/10", 1)));
            assertThat(q.lease(q.register("u", "h", 12, 10_000), 12)).extracting(JobQueue.Leased::experiment)
                    .containsOnly(a, b).hasSize(12);
        }
    }

    @Test
    void newJobsWakeOnlyTheWorkersWhoseFreeSlotsCoverThem() throws Exception {
        String url = server.freshDatabase("remote_wake");
        try (JdbcStore store = JdbcStore.open(url)) {
            long a = store.createExperiment("a", "{}", 1);
            JobQueue q = new JobQueue(store.database());
            long small = q.register("small", "h", 1, 10_000);
            long big = q.register("big", "h", 4, 10_000);
            long mid = q.register("mid", "h", 3, 10_000);
            long full = q.register("full", "h", 8, 10_000);
            q.queue(List.of(new JobQueue.NewJob(a, 0, "{}", 0, 1, "/a/0", 1)));
            assertThat(q.lease(big, 1)).hasSize(1); // big: 3 free now, as mid
            List<JobQueue.NewJob> jobs = new ArrayList<>();
            for (int t = 1; t <= 8; t++) {
                jobs.add(new JobQueue.NewJob(a, t, "{}", 0, 1, "/a/" + t, 1));
            }
            q.queue(jobs);
            assertThat(q.lease(full, 8)).hasSize(8); // full: no free slot
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(JobQueue.toWake(c, 1)).containsExactly(big);
                assertThat(JobQueue.toWake(c, 3)).containsExactly(big); // 3 free cover 3 jobs
                assertThat(JobQueue.toWake(c, 4)).containsExactly(big, mid);
                assertThat(JobQueue.toWake(c, 7)).containsExactly(big, mid, small);
                assertThat(JobQueue.toWake(c, 100)).containsExactly(big, mid, small);
            }
            q.stopped(mid);
            try (Connection c = DriverManager.getConnection(url)) {
                assertThat(JobQueue.toWake(c, 4)).containsExactly(big, small);
            }
        }
    }

    /** Reports once, then waits until its executor is closed (its thread interrupted). */
    private static Objective hangingAfterItsFirstReport(QuadraticObjective q) {
        return (config, ctx) -> q.run(config, new dev.ladder.core.tune.TrialContext() {
            public int trialId() { return ctx.trialId(); }
            public long resumeFrom() { return ctx.resumeFrom(); }
            public long maxResource() { return ctx.maxResource(); }
            public Path checkpointDir() { return ctx.checkpointDir(); }

            public boolean report(long resource, java.util.Map<String, Double> metrics) {
                boolean goOn = ctx.report(resource, metrics);
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted", e);
                }
                return goOn;
            }
        });
    }

    static long count(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
