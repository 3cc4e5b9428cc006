package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.search.GridSearcher;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    static final Metric LOSS = Metric.minimize("loss");

    static Scheduler asha(long seed) {
        return new AshaScheduler(new RandomSearcher(SPACE, seed), LOSS, 1, 27, 3);
    }

    @Test
    void fifoRunsEveryTrialToTheMaximum() {
        QuadraticObjective q = new QuadraticObjective();
        TuningResult r = Tuner.builder()
                .scheduler(new FifoScheduler(new GridSearcher(SPACE, 5), LOSS, 4))
                .objective(q).workers(2).run();
        assertThat(r.trials()).hasSize(5).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(t.lastResource()).isEqualTo(4);
        });
        assertThat(r.totalResource()).isEqualTo(20);
        assertThat(r.best().orElseThrow().config().getDouble("x")).isEqualTo(0.25);
        assertThat(r.stopReason()).contains("no more work");
    }

    @Test
    void ashaPausesAtRungsAndResumesFromTheLastResource() {
        QuadraticObjective q = new QuadraticObjective();
        TuningResult r = Tuner.builder().scheduler(asha(1)).objective(q).workers(2).maxTrials(27).run();
        Map<TrialStatus, Integer> counts = r.countByStatus();
        assertThat(counts.get(TrialStatus.FAILED)).isZero();
        assertThat(counts.get(TrialStatus.COMPLETED)).isPositive();
        assertThat(counts.get(TrialStatus.PAUSED)).isPositive();
        // a promoted trial resumes where it paused: 0, then 1, then 3, never retraining from zero
        List<List<Long>> resumed = q.resumedFrom.values().stream().filter(l -> l.size() > 1).toList();
        assertThat(resumed).isNotEmpty().allSatisfy(l -> assertThat(l).isSubsetOf(0L, 1L, 3L, 9L).doesNotHaveDuplicates());
        // every epoch trained was reported exactly once
        assertThat(r.totalResource()).isEqualTo(q.epochsTrained.get());
        for (Trial t : r.trials()) {
            assertThat(t.lastResource()).isIn(1L, 3L, 9L, 27L);
            if (t.status() == TrialStatus.COMPLETED) {
                assertThat(t.lastResource()).isEqualTo(27);
            }
            assertThat(t.checkpoint()).isEmpty(); // no output folder: checkpoints were temporary
        }
        assertThat(r.best().orElseThrow().resource()).isEqualTo(27);
        assertThat(Math.abs(r.best().orElseThrow().config().getDouble("x") - 0.3)).isLessThan(0.2);
    }

    /** A trial promoted while its paused job is still saving waits for that job; one trial never runs twice at once. */
    @Test
    void aPromotionWaitsForThePausedJobToFinishSaving() throws Exception {
        Set<Integer> active = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        QuadraticObjective q = new QuadraticObjective();
        Path out = Files.createTempDirectory("ladder-defer");
        TuningResult r = Tuner.builder().scheduler(asha(9)).workers(2).maxTrials(40)
                .objective((config, ctx) -> {
                    if (!active.add(ctx.trialId())) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        q.run(config, ctx);
                        Thread.sleep(20); // a slow checkpoint save after the pause decision
                    } finally {
                        active.remove(ctx.trialId());
                    }
                }).output(out, "e").run();
        assertThat(overlaps.get()).isZero();
        // the case under test happened: a resume was journaled while the trial's last job was still ending
        Map<Integer, String> lastType = new java.util.HashMap<>();
        int early = 0;
        for (String line : Files.readAllLines(out.resolve("e/events.jsonl"))) {
            var e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            if (e.has("trial")) {
                int t = e.get("trial").asInt();
                early += e.get("type").asText().equals("resume") && "result".equals(lastType.get(t)) ? 1 : 0;
                lastType.put(t, e.get("type").asText());
            }
        }
        assertThat(early).isPositive();
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isZero();
        assertThat(r.countByStatus().get(TrialStatus.COMPLETED)).isPositive();
        assertThat(r.totalResource()).isEqualTo(q.epochsTrained.get());
    }

    @Test
    void aThrowingObjectiveFailsItsTrialAndTheExperimentStopsAfterMaxFailures() {
        AtomicInteger calls = new AtomicInteger();
        TuningResult r = Tuner.builder().scheduler(asha(2)).maxFailures(3).maxTrials(50).workers(1)
                .objective((config, ctx) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("out of memory in layer 3");
                }).run();
        assertThat(r.trials()).hasSize(3).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.FAILED);
            assertThat(t.reason()).isEqualTo("IllegalStateException: out of memory in layer 3");
        });
        assertThat(r.stopReason()).startsWith("3 trials failed (max failures 3)");
    }

    @Test
    void someFailuresDoNotStopTheExperiment() {
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 6), LOSS, 2))
                .maxFailures(5).workers(2)
                .objective((config, ctx) -> {
                    if (config.getDouble("x") > 0.5) {
                        throw new RuntimeException("diverged");
                    }
                    ctx.report(1, Map.of("loss", 1.0));
                    ctx.report(2, Map.of("loss", 0.5));
                }).run();
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isEqualTo(3);
        assertThat(r.countByStatus().get(TrialStatus.COMPLETED)).isEqualTo(3);
    }

    @Test
    void nanOrMissingMetricsFailTheTrialWithAClearReason() {
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 2), LOSS, 3))
                .objective((config, ctx) -> {
                    if (config.getDouble("x") == 0.0) {
                        ctx.report(1, Map.of("loss", Double.NaN));
                    } else {
                        ctx.report(1, Map.of("accuracy", 0.5));
                    }
                }).run();
        assertThat(r.trials().get(0).status()).isEqualTo(TrialStatus.FAILED);
        assertThat(r.trials().get(0).reason()).isEqualTo("metric 'loss' is NaN at resource 1");
        assertThat(r.trials().get(1).status()).isEqualTo(TrialStatus.FAILED);
        assertThat(r.trials().get(1).reason()).isEqualTo("reported no 'loss' at resource 1 (it reported [accuracy])");
    }

    @Test
    void stopsAtTheTargetValue() {
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 11), LOSS, 5))
                .targetValue(0.3).objective(new QuadraticObjective()).run();
        // x = 0.0: 0.09 + 1/r reaches <= 0.3 at r = 5; the running trial is stopped there
        assertThat(r.stopReason()).startsWith("target loss 0.3 reached");
        assertThat(r.trials()).hasSize(1);
        assertThat(r.trials().get(0).lastResource()).isEqualTo(5);
    }

    @Test
    void stopsAtTheTotalResourceAndStopsRunningTrials() {
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new RandomSearcher(SPACE, 3), LOSS, 10))
                .maxTotalResource(25).objective(new QuadraticObjective()).run();
        assertThat(r.totalResource()).isEqualTo(25);
        assertThat(r.stopReason()).isEqualTo("max total resource 25 used");
        assertThat(r.trials()).hasSize(3);
        assertThat(r.trials().get(2).status()).isEqualTo(TrialStatus.STOPPED);
        assertThat(r.trials().get(2).reason()).isEqualTo("experiment ended: max total resource 25 used");
    }

    @Test
    void stopsAtTheWallTime() {
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new RandomSearcher(SPACE, 3), LOSS, 1_000_000))
                .maxWallTime(Duration.ofMillis(300)).workers(2)
                .objective((config, ctx) -> {
                    for (long e = 1; ; e++) {
                        Thread.sleep(5);
                        if (!ctx.report(e, Map.of("loss", 1.0 / e))) {
                            return;
                        }
                    }
                }).run();
        assertThat(r.stopReason()).startsWith("max wall time");
        assertThat(r.trials()).hasSize(2).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.STOPPED));
        assertThat(r.elapsed()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    }

    @Test
    void maxTrialsCapsStartsButPausedTrialsStillGetPromoted() {
        TuningResult r = Tuner.builder().scheduler(asha(5)).objective(new QuadraticObjective()).maxTrials(9).run();
        assertThat(r.trials()).hasSize(9);
        // one worker, 9 trials, rungs 1, 3, 9, 27: as in SHA, 9 -> 3 -> 1 reach rungs 1, 3 and 9
        assertThat(r.trials().stream().filter(t -> t.lastResource() >= 3).count()).isEqualTo(3);
        assertThat(r.trials().stream().filter(t -> t.lastResource() >= 9).count()).isEqualTo(1);
        assertThat(r.stopReason()).contains("no more work");
    }

    @Test
    void writesJournalResultsAndCheckpoints(@TempDir Path out) throws Exception {
        TuningResult r = Tuner.builder().scheduler(asha(7)).objective(new QuadraticObjective()).maxTrials(6)
                .output(out, "exp").run();
        Path dir = out.resolve("exp");
        assertThat(r.directory()).contains(dir);
        List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
        assertThat(events.get(0)).contains("\"type\":\"experiment\"").contains("asha(levels=[1, 3, 9, 27]");
        assertThat(events.get(events.size() - 1)).contains("\"type\":\"finish\"");
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"decision\":\"pause\"")
                .contains("reached rung 0 (r=1)"));
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertThat(csv.get(0)).isEqualTo("trial,resource,seconds,loss,x");
        assertThat(csv).hasSize(1 + (int) r.totalResource());
        assertThat(r.trials()).allSatisfy(t -> {
            assertThat(t.checkpoint()).get().extracting(Path::getParent).isEqualTo(dir.resolve("checkpoints/trial-" + t.id()));
            assertThat(t.checkpoint().get().resolve(TrialContext.CHECKPOINT_FILE)).exists();
        });
        assertThatThrownBy(() -> Tuner.builder().scheduler(asha(7)).objective(new QuadraticObjective()).output(out, "exp").run())
                .hasMessageContaining("experiment 'exp' already exists");
    }

    /**
     * Group commit: the tuner answers reports while a commit is still running, and a checkpoint folder
     * that a later one replaced is deleted only once the event recording the replacement is committed.
     */
    @Test
    void theTunerGoesOnWhileTheJournalCommitsButDeletesNothingBeforeIt(@TempDir Path out) throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger committed = new AtomicInteger();
        EventLog held = new EventLog() { // every commit waits until the test releases them
            @Override
            public long read(java.util.function.Consumer<dev.ladder.core.journal.JournalEntry> action) {
                return 0;
            }

            @Override
            public void commit(dev.ladder.core.journal.JournalBatch batch) {
                List<dev.ladder.core.journal.JournalEntry> group = batch.entries();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                committed.addAndGet(group.size());
            }
        };
        QuadraticObjective objective = new QuadraticObjective();
        Path checkpoints = out.resolve("checkpoints");
        java.util.concurrent.CompletableFuture<TuningResult> run = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                Tuner.builder().scheduler(asha(5)).objective(objective).maxTrials(30).log(held, checkpoints, "held").run());

        dev.ladder.core.Await.until("results answered while the first commit waits", Duration.ofMinutes(1),
                () -> objective.epochsTrained.get() >= 40, () -> objective.epochsTrained + " epochs");
        assertThat(committed).hasValue(0);
        long promoted = objective.resumedFrom.values().stream().mapToLong(l -> l.stream().filter(r -> r > 0).count()).sum();
        assertThat(promoted).as("trials promoted from a checkpoint").isPositive();
        long jobsRun = objective.resumedFrom.values().stream().mapToLong(List::size).sum(); // counted first: both only grow
        assertThat(jobFolders(checkpoints)).as("no folder deleted before its replacement is committed")
                .isGreaterThanOrEqualTo(jobsRun);

        release.countDown();
        TuningResult r = run.get(1, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(committed.get()).isPositive();
        assertThat(jobFolders(checkpoints)).as("one folder per trial once every group is committed").isEqualTo(r.trials().size());
    }

    private static long jobFolders(Path checkpoints) throws java.io.IOException {
        try (java.util.stream.Stream<Path> dirs = Files.walk(checkpoints, 2)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("job-")).count();
        }
    }

    /** With one worker and a fixed seed, two runs write the same journal apart from timestamps, elapsed seconds and folders. */
    @Test
    void theJournalIsAFunctionOfTheSeed(@TempDir Path out) throws Exception {
        for (String name : List.of("a", "b", "c")) {
            long seed = name.equals("c") ? 12 : 11;
            Tuner.builder().scheduler(asha(seed)).objective(new QuadraticObjective()).maxTrials(30).output(out, name).run();
        }
        List<String> a = withoutTimes(out.resolve("a/events.jsonl"));
        List<String> b = withoutTimes(out.resolve("b/events.jsonl"));
        List<String> c = withoutTimes(out.resolve("c/events.jsonl"));
        assertThat(a.size()).isGreaterThan(100);
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    private static List<String> withoutTimes(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .map(l -> l.replaceAll(",\"time\":\"[^\"]*\"", "").replaceAll(",\"seconds\":[0-9.E-]+", "")
                        .replaceAll("\"checkpoint\":\"[^\"]*/(trial-[0-9]+)\"", "\"checkpoint\":\"$1\"")
                        .replaceAll("\"name\":\"[abc]\"", "")).toList();
    }

    @Test
    void withoutTheResultsTableOnlyTheJournalIsWrittenAndItHoldsEveryResult(@TempDir Path out) throws java.io.IOException {
        TuningResult r = Tuner.builder().scheduler(asha(4)).objective(new QuadraticObjective()).maxTrials(8)
                .output(out, "e").resultsTable(false).run();

        assertThat(out.resolve("e/events.jsonl")).exists();
        assertThat(out.resolve("e/results.csv")).doesNotExist();
        long results = java.nio.file.Files.readAllLines(out.resolve("e/events.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"result\"")).count();
        assertThat(results).isEqualTo(r.trials().stream().mapToLong(t -> t.lastResource()).sum());
    }
}
