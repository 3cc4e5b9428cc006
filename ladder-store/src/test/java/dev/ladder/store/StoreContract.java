package dev.ladder.store;

import dev.ladder.core.Best;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Await;
import dev.ladder.core.TrialStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Store} database must show; subclasses supply a fresh database per test. */
abstract class StoreContract {
    static final Duration SHORT_LEASE = Duration.ofMillis(300);

    /** A JDBC URL (or path) of an empty database, the same for every call within one test. */
    abstract String location() throws Exception;

    JdbcStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = JdbcStore.open(location(), SHORT_LEASE);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static List<Event> events(long from, int n) {
        List<Event> out = new ArrayList<>();
        for (long s = from; s < from + n; s++) {
            out.add(new Event(s, "report", "{\"seq\":" + s + "}"));
        }
        return out;
    }

    @Test
    void experimentsRoundTrip() {
        long id = store.createExperiment("exp-a", "{\"metric\":\"loss\"}", 42);
        store.setStatus(id, dev.ladder.store.ExperimentStatus.RUNNING);
        ExperimentRow row = store.experiment("exp-a").orElseThrow();
        assertThat(row.id()).isEqualTo(id);
        assertThat(row.specJson()).isEqualTo("{\"metric\":\"loss\"}");
        assertThat(row.seed()).isEqualTo(42);
        assertThat(row.status()).isEqualTo(dev.ladder.store.ExperimentStatus.RUNNING);
        assertThat(row.owner()).isEmpty();
        assertThat(store.experiments()).extracting(ExperimentRow::name).containsExactly("exp-a");
        assertThat(store.experiment("missing")).isEmpty();
    }

    @Test
    void duplicateExperimentNamedInError() {
        store.createExperiment("exp-a", "{}", 1);
        assertThatThrownBy(() -> store.createExperiment("exp-a", "{}", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("experiment 'exp-a' already exists");
    }

    @Test
    void batchRoundTripsEventsTrialsAndResults() {
        long id = store.createExperiment("exp", "{}", 1);
        TrialRow t0 = new TrialRow(0, "{\"lr\":0.1}", TrialStatus.RUNNING, 0, null, "");
        store.append(id, new Batch(events(1, 2), List.of(t0), List.of()));
        TrialRow t0b = new TrialRow(0, "{\"lr\":0.1}", TrialStatus.PAUSED, 3, "/ckpt/0", "rung 1");
        ResultRow r = new ResultRow(0, 3, "{\"loss\":0.5}", 1.25);
        store.append(id, new Batch(events(3, 1), List.of(t0b), List.of(r)));

        assertThat(store.events(id, 1)).containsExactlyElementsOf(events(1, 3));
        assertThat(store.events(id, 2)).extracting(Event::seq).containsExactly(2L, 3L);
        assertThat(store.lastSeq(id)).isEqualTo(3);
        assertThat(store.trials(id)).containsExactly(t0b);
        assertThat(store.results(id)).containsExactly(r);
    }

    @Test
    void journalsAreIndependentPerExperiment() {
        long a = store.createExperiment("a", "{}", 1);
        long b = store.createExperiment("b", "{}", 1);
        store.append(a, events(1, 3));
        store.append(b, events(1, 1));
        assertThat(store.lastSeq(a)).isEqualTo(3);
        assertThat(store.events(b, 1)).hasSize(1);
    }

    @Test
    void gapAndDuplicateSeqRejected() {
        long id = store.createExperiment("exp", "{}", 1);
        store.append(id, events(1, 2));
        assertThatThrownBy(() -> store.append(id, events(4, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq 4 leaves a gap; the next seq is 3");
        assertThatThrownBy(() -> store.append(id, events(2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq 2 is already stored; the next seq is 3");
        assertThatThrownBy(() -> store.append(id, List.of(new Event(3, "x", "{}"), new Event(5, "x", "{}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be consecutive");
        assertThat(store.lastSeq(id)).isEqualTo(2);
    }

    @Test
    void failingRowLeavesNothingOfItsBatch() {
        long id = store.createExperiment("exp", "{}", 1);
        store.append(id, events(1, 1));
        // a result for a trial that does not exist violates the foreign key, after the events went in
        Batch bad = new Batch(events(2, 3), List.of(new TrialRow(0, "{}", TrialStatus.RUNNING, 0, null, "")),
                List.of(new ResultRow(99, 1, "{}", 0)));
        assertThatThrownBy(() -> store.append(id, bad)).isInstanceOf(StoreException.class);
        assertThat(store.lastSeq(id)).isEqualTo(1);
        assertThat(store.trials(id)).isEmpty();
        assertThat(store.results(id)).isEmpty();
        store.append(id, events(2, 1));
        assertThat(store.lastSeq(id)).isEqualTo(2);
    }

    @Test
    void secondProcessGetsClearErrorThenTakesOverStaleLease() throws Exception {
        store.createExperiment("exp", "{}", 1);
        // the leases' clock is moved by the test: a busy machine cannot age a lease between two statements
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());
        store.close();
        store = JdbcStore.open(location(), SHORT_LEASE, clock::get);
        try (JdbcStore other = JdbcStore.open(location(), SHORT_LEASE, clock::get)) {
            Lease first = store.acquire("exp", "111@host-a");
            assertThat(store.experiment("exp").orElseThrow().owner()).contains("111@host-a");
            assertThatThrownBy(() -> other.acquire("exp", "222@host-b"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("experiment exp is open in process 111@host-a since ");
            first.heartbeat();
            clock.addAndGet(SHORT_LEASE.toMillis() + 1); // process a died: no heartbeat for longer than the lease
            Lease second = other.acquire("exp", "222@host-b");
            assertThat(other.experiment("exp").orElseThrow().owner()).contains("222@host-b");
            assertThatThrownBy(first::heartbeat).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("taken over");
            first.close(); // does not release the new owner's lease
            assertThatThrownBy(() -> store.acquire("exp", "111@host-a")).isInstanceOf(IllegalStateException.class);
            second.close();
            store.acquire("exp", "111@host-a").close();
        }
    }

    @Test
    void aTakenOverLeaseMakesTheOldWritersNextCommitFailAndWriteNothing() throws Exception {
        long id = store.createExperiment("exp", "{}", 1);
        try (StoreLog old = StoreLog.open(store, "exp", Duration.ofHours(1))) { // no heartbeat: its lease ages
            old.commit(TrialLifeEvents.group(1, 7));
            List<TrialRow> trials = store.trials(id);
            List<ResultRow> results = store.results(id);
            // another process, a lease timeout later, takes the experiment over
            try (JdbcStore other = JdbcStore.open(location(), SHORT_LEASE, () -> System.currentTimeMillis() + 3_600_000)) {
                Lease taker = other.acquire("exp", "222@host-b");
                assertThat(taker.epoch()).isEqualTo(2);

                assertThatThrownBy(() -> old.commit(TrialLifeEvents.group(8, 5)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("cannot write events 8-12 of experiment exp to ")
                        .hasMessageContaining("nothing of them was stored: lease on experiment exp held by "
                                + Lease.processOwner() + " session ")
                        .hasMessageContaining("(lease epoch 1) was taken over by another process (now held by 222@host-b,"
                                + " lease epoch 2); this process no longer writes it");
                assertThat(store.lastSeq(id)).isEqualTo(7);
                assertThat(store.trials(id)).isEqualTo(trials);
                assertThat(store.results(id)).isEqualTo(results);
                old.close(); // does not release the new owner's lease
                assertThat(store.experiment("exp").orElseThrow().owner()).contains("222@host-b");
                taker.close();
            }
        }
    }

    /** Waits until some session of the database waits for a row lock; a no-op where that cannot be seen. */
    void awaitASessionWaitingForALock() throws Exception {
    }

    @Test
    void aCommitRacingATakeoverInFlightWaitsForItAndThenWritesNothing() throws Exception {
        long id = store.createExperiment("exp", "{}", 1);
        try (StoreLog old = StoreLog.open(store, "exp", Duration.ofHours(1));
             java.sql.Connection taker = java.sql.DriverManager.getConnection(store.url())) {
            old.commit(TrialLifeEvents.group(1, 5));
            taker.setAutoCommit(false); // a takeover, as Leases.acquire makes it, not yet committed
            try (java.sql.Statement s = taker.createStatement()) {
                s.executeUpdate("UPDATE experiments SET owner = '222@host-b', epoch = epoch + 1 WHERE name = 'exp'");
            }
            java.util.concurrent.CompletableFuture<Void> commit =
                    java.util.concurrent.CompletableFuture.runAsync(() -> old.commit(TrialLifeEvents.group(6, 5)));
            awaitASessionWaitingForALock(); // the commit's epoch check waits for the takeover to end
            taker.commit();
            assertThatThrownBy(() -> commit.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was taken over by another process (now held by 222@host-b, lease epoch 2)");
            assertThat(store.lastSeq(id)).isEqualTo(5);
            assertThat(store.results(id)).hasSize(3);
        }
    }

    @Test
    void aLeaseGrantedAgainFencesTheEarlierOneEvenForTheSameOwner() {
        long id = store.createExperiment("exp", "{}", 1);
        Lease first = store.acquire("exp", "111@host-a");
        store.append(id, Batch.of(events(1, 2)), first);
        Lease second = store.acquire("exp", "111@host-a");
        assertThat(second.epoch()).isEqualTo(first.epoch() + 1);
        assertThatThrownBy(() -> store.append(id, Batch.of(events(3, 1)), first))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("(lease epoch 1) was taken over");
        assertThatThrownBy(first::heartbeat).isInstanceOf(IllegalStateException.class).hasMessageContaining("taken over");
        store.append(id, Batch.of(events(3, 1)), second);
        second.close();
        assertThatThrownBy(() -> store.append(id, Batch.of(events(4, 1)), second))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was released");
        assertThat(store.events(id, 1)).containsExactlyElementsOf(events(1, 3));
    }

    @Test
    void aSeqWrittenBehindTheLeasesBackIsRejectedByThePrimaryKey() {
        long id = store.createExperiment("exp", "{}", 1);
        try (StoreLog log = StoreLog.open(store, "exp", Duration.ofHours(1))) {
            log.commit(TrialLifeEvents.group(1, 3));
            store.append(id, events(4, 1)); // a writer that ignores the lease; the log does not read the seq again
            assertThatThrownBy(() -> log.commit(TrialLifeEvents.group(4, 3)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot write events 4-6 of experiment exp")
                    .hasMessageContaining("experiment exp: events 4-6 are already stored in part: another writer wrote"
                            + " this journal behind the lease of " + Lease.processOwner());
            assertThat(store.events(id, 4)).containsExactlyElementsOf(events(4, 1));
            assertThat(store.results(id)).hasSize(2);
        }
    }

    @Test
    void aGroupLargerThanOneStatementIsStillOneAtomicCommitInOrder() {
        long id = store.createExperiment("exp", "{}", 1);
        int n = 2 * MultiRowInsert.MAX_ROWS + 15;
        try (StoreLog log = StoreLog.open(store, "exp", Duration.ofHours(1))) {
            log.commit(TrialLifeEvents.group(1, 10));
            log.commit(TrialLifeEvents.group(11, n));
            assertThatThrownBy(() -> log.commit(TrialLifeEvents.group(10 + n + 2, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("event seq " + (10 + n + 2) + " leaves a gap; the next seq is " + (10 + n + 1));
            log.commit(TrialLifeEvents.group(10 + n + 1, 1));
        }
        int total = 10 + n + 1;
        assertThat(store.events(id, 1)).extracting(Event::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
        int trials = (total + 4) / 5;
        assertThat(store.trials(id)).hasSize(trials).extracting(TrialRow::trialId)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, trials).boxed().toList());
        // the last state of each trial: all ended but the one whose start is the last event
        assertThat(store.trials(id).subList(0, trials - 1)).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(t.lastResource()).isEqualTo(3);
        });
        assertThat(store.trials(id).get(trials - 1).status()).isEqualTo(TrialStatus.RUNNING);
        assertThat(store.results(id)).hasSize(3 * (trials - 1))
                .extracting(ResultRow::resource).startsWith(1L, 2L, 3L, 1L, 2L, 3L);
    }

    @Test
    void aFailingRowInALaterStatementOfALargeGroupLeavesNothingOfIt() {
        long id = store.createExperiment("exp", "{}", 1);
        int n = MultiRowInsert.MAX_ROWS + 5;
        Batch bad = new Batch(events(1, n), List.of(new TrialRow(0, "{}", TrialStatus.RUNNING, 0, null, "")),
                List.of(new ResultRow(0, 1, "{}", 0), new ResultRow(99, 1, "{}", 0)));
        assertThatThrownBy(() -> store.append(id, bad)).isInstanceOf(StoreException.class);
        assertThat(store.lastSeq(id)).isZero();
        assertThat(store.trials(id)).isEmpty();
        assertThat(store.results(id)).isEmpty();
    }

    @Test
    void acquiringUnknownExperimentFails() {
        assertThatThrownBy(() -> store.acquire("nope", "1@h"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no experiment named 'nope'");
    }

    @Test
    void reopenKeepsEverything() throws Exception {
        long id = store.createExperiment("exp", "{\"k\":1}", 7);
        store.append(id, new Batch(events(1, 5), List.of(new TrialRow(3, "{}", TrialStatus.COMPLETED, 9, "c", "done")),
                List.of(new ResultRow(3, 9, "{\"loss\":1}", 2))));
        store.close();
        store = JdbcStore.open(location(), SHORT_LEASE);
        assertThat(store.experiment("exp").orElseThrow().seed()).isEqualTo(7);
        assertThat(store.events(id, 1)).containsExactlyElementsOf(events(1, 5));
        assertThat(store.trials(id)).hasSize(1);
        assertThat(store.results(id)).hasSize(1);
        store.append(id, events(6, 1));
        assertThat(store.lastSeq(id)).isEqualTo(6);
    }

    // ---- the tuner journaling into the store (StoreLog) ----

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path files;

    private static dev.ladder.core.tune.Tuner.Builder asha(int trials) {
        return dev.ladder.core.tune.Tuner.builder().scheduler(new dev.ladder.core.schedule.AshaScheduler(
                        new dev.ladder.core.search.RandomSearcher(dev.ladder.core.tune.QuadraticObjective.SPACE, 5),
                        dev.ladder.core.Metric.minimize("loss"), 1, 27, 3))
                .objective(new dev.ladder.core.tune.QuadraticObjective(0.05)).workers(1).maxTrials(trials);
    }

    private dev.ladder.core.tune.TuningResult run(String name, int trials, boolean resume) {
        dev.ladder.core.tune.Tuner.Builder b = asha(trials).log(StoreLog.open(store, name, Duration.ofMillis(100)),
                files.resolve(name), name);
        return (resume ? b.resume() : b).run();
    }

    @Test
    void aTunerJournalsTrialsAndResultsIntoTheStore() {
        long id = store.createExperiment("tuned", "{}", 5);
        dev.ladder.core.tune.TuningResult r = run("tuned", 30, false);

        ExperimentRow row = store.experiment("tuned").orElseThrow();
        assertThat(row.status()).isEqualTo(dev.ladder.store.ExperimentStatus.FINISHED);
        assertThat(row.owner()).isEmpty(); // the lease was released
        List<TrialRow> trials = store.trials(id);
        assertThat(trials).hasSize(30).extracting(TrialRow::status).doesNotContain(TrialStatus.RUNNING);
        for (dev.ladder.core.Trial t : r.trials()) {
            TrialRow stored = trials.get(t.id());
            assertThat(stored.status()).isEqualTo(t.status());
            assertThat(stored.lastResource()).isEqualTo(t.lastResource());
            // recorded relative to the experiment's checkpoint folder
            assertThat(stored.checkpoint()).isEqualTo(t.checkpoint().map(c -> files.resolve("tuned").relativize(c).toString()).orElse(null));
        }
        long resultEvents = store.events(id, 1).stream().filter(e -> e.type().equals("result")).count();
        assertThat(store.results(id)).hasSize((int) resultEvents);
        assertThat(store.results(id).stream().mapToLong(ResultRow::resource).max().orElseThrow()).isEqualTo(27);
    }

    @Test
    void theLeaseOfADeadProcessOfThisHostIsTakenOverAtOnce() throws Exception {
        store.createExperiment("e", "{}", 1);
        try (JdbcStore patient = JdbcStore.open(location(), Duration.ofHours(1))) {
            String here = Lease.processOwner();
            patient.acquire("e", "2147483646" + here.substring(here.indexOf('@')) + " session 1"); // no such pid
            assertThat(patient.acquire("e", here + " session 9").owner()).isEqualTo(here + " session 9");
            assertThatThrownBy(() -> patient.acquire("e", "1@elsewhere session 1")) // alive as far as we know
                    .hasMessageContaining("experiment e is open in process " + here + " session 9");
        }
    }

    @Test
    void aNameThatBreaksTheRuleCreatesNoExperiment() {
        for (String bad : List.of("..", ".hidden", "a/b", "z".repeat(300), "a\nb")) {
            assertThatThrownBy(() -> StoreLog.create(store, bad, "{}", 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not allowed");
        }
        assertThat(store.experiments()).isEmpty(); // no ghost RUNNING experiment that no resume can fix
    }

    @Test
    void aSecondProcessCannotOpenARunningExperiment() {
        store.createExperiment("busy", "{}", 1);
        try (StoreLog first = StoreLog.open(store, "busy")) {
            assertThatThrownBy(() -> StoreLog.open(store, "busy"))
                    .hasMessageContaining("experiment busy is open in process " + Lease.processOwner());
        }
    }

    @Test
    void aCorruptLastEventIsDeletedReportedAndTheExperimentResumed() throws Exception {
        store.createExperiment("full", "{}", 5);
        dev.ladder.core.tune.TuningResult full = run("full", 20, false);
        long id = store.createExperiment("torn", "{}", 5);
        run("torn", 20, false);
        long last = store.lastSeq(id);
        corrupt(id, last);

        List<String> notes = new ArrayList<>();
        dev.ladder.core.tune.TuningResult resumed = asha(20).log(StoreLog.open(store, "torn"), files.resolve("torn"), "torn")
                .resume().listener(new dev.ladder.core.tune.TunerListener() {
                    @Override
                    public void onNote(String message) {
                        notes.add(message);
                    }
                }).run();

        assertThat(notes).containsExactly("experiment torn: the last event (" + last + ", finish) is corrupt and was deleted; "
                + (last - 1) + " intact events recovered");
        assertThat(resumed.best()).isEqualTo(full.best());
        corrupt(id, 3);
        assertThatThrownBy(() -> asha(20).log(StoreLog.open(store, "torn"), files.resolve("torn"), "torn").resume().run())
                .hasMessageContaining("event 3 (").hasMessageContaining("cannot be replayed past event 2");
    }

    private void corrupt(long experiment, long seq) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(store.url());
             java.sql.PreparedStatement ps = c.prepareStatement("UPDATE events SET body = ? WHERE experiment_id = ? AND seq = ?")) {
            ps.setString(1, "{\"seq\": " + seq + ", \"type\": \"fin");
            ps.setLong(2, experiment);
            ps.setLong(3, seq);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void anotherProcessCanAskARunningExperimentToPause() {
        store.createExperiment("full", "{}", 5);
        dev.ladder.core.tune.TuningResult full = run("full", 40, false);
        store.createExperiment("p", "{}", 5);
        java.util.concurrent.atomic.AtomicInteger results = new java.util.concurrent.atomic.AtomicInteger();
        dev.ladder.core.tune.TuningResult paused = asha(40)
                .log(StoreLog.open(store, "p", Duration.ofMillis(50)), files.resolve("p"), "p")
                .listener(new dev.ladder.core.tune.TunerListener() {
                    @Override
                    public void onResult(dev.ladder.core.Trial t, dev.ladder.core.Result r, dev.ladder.core.schedule.Decision d,
                                         dev.ladder.core.Best b) {
                        if (results.incrementAndGet() == 10) {
                            try (JdbcStore other = JdbcStore.open(store.url())) { // as `ladder pause p` would
                                StoreLog.requestPause(other, "p");
                            }
                            // hold the tuner until the heartbeat has seen the request and handed it on (a later
                            // heartbeat means that beat returned): a state, so that the run cannot end first
                            Await.until("the heartbeat to notice the pause request",
                                    () -> store.experiment("p").orElseThrow().status() == dev.ladder.store.ExperimentStatus.PAUSING);
                            java.time.Instant seen = store.experiment("p").orElseThrow().heartbeatAt().orElseThrow();
                            Await.until("the heartbeat after it",
                                    () -> store.experiment("p").orElseThrow().heartbeatAt().orElseThrow().isAfter(seen));
                        }
                    }
                }).run();
        assertThat(paused.stopReason()).isEqualTo("paused");
        assertThat(store.experiment("p").orElseThrow().status()).isEqualTo(dev.ladder.store.ExperimentStatus.PAUSED);
        assertThat(paused.trials().size()).isLessThan(40);

        dev.ladder.core.tune.TuningResult resumed = run("p", 40, true);
        assertThat(resumed.best()).isEqualTo(full.best());
        assertThat(store.experiment("p").orElseThrow().status()).isEqualTo(dev.ladder.store.ExperimentStatus.FINISHED);
    }
}
