package dev.ladder.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.search.GridSearcher;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes (bash scripts and a Java main) run through the real tuner. */
class ProcessExecutorTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    static final Metric LOSS = Metric.minimize("loss");
    static final Duration GRACE = Duration.ofMillis(500);

    /**
     * A well-behaved trial: trains from its checkpoint (a file holding the last resource), reports
     * loss = x at every resource up to LADDER_MAX_RESOURCE and saves its checkpoint after each report.
     * Each start is recorded in $OUT/starts.txt as "trial resume_from checkpoint". {@code misbehave}
     * runs first, as bash code, with $ID set.
     */
    static String trial(String misbehave) {
        return """
                set -u
                ID=$LADDER_TRIAL_ID
                x="$1"
                %s
                ck="$LADDER_CHECKPOINT_DIR/checkpoint.bin"
                start=0
                if [ -f "$ck" ]; then start=$(cat "$ck"); fi
                echo "$ID $LADDER_RESUME_FROM $start" >> "$OUT/starts.txt"
                echo "trial $ID training from $start" >&2
                for ((r = start + 1; r <= LADDER_MAX_RESOURCE; r++)); do
                  echo "epoch $r of trial $ID"
                  echo "LADDER_REPORT {\\"resource\\": $r, \\"loss\\": $x}"
                  echo "$r" > "$ck.tmp" && mv "$ck.tmp" "$ck"
                done
                """.formatted(misbehave);
    }

    @TempDir
    Path dir;

    Path script(String body) throws IOException {
        Path s = dir.resolve("trial.sh");
        Files.writeString(s, body);
        return s;
    }

    ProcessExecutor.Builder bash(String body) throws IOException {
        return ProcessExecutor.builder(List.of("bash", script(body).toString(), "{x}"))
                .workers(2).env("OUT", dir.toString()).logRoot(dir.resolve("logs")).gracePeriod(GRACE).workingDir(dir);
    }

    static Scheduler asha(long seed) {
        return new AshaScheduler(new RandomSearcher(SPACE, seed), LOSS, 1, 9, 3);
    }

    TuningResult run(ProcessExecutor.Builder executor, int trials) {
        return Tuner.builder().scheduler(asha(3)).executor(executor.build()).maxTrials(trials).run();
    }

    /** The one trial that misbehaved failed with {@code message}; every other one did fine. */
    static void onlyFailed(TuningResult r, int failed, String... message) {
        assertThat(r.trials()).hasSizeGreaterThan(failed + 1);
        for (Trial t : r.trials()) {
            if (t.id() == failed) {
                assertThat(t.status()).as("trial %d", t.id()).isEqualTo(TrialStatus.FAILED);
                assertThat(t.reason()).as("reason of trial %d", t.id()).contains(message);
            } else {
                assertThat(t.status()).as("trial %d: %s", t.id(), t.reason()).isIn(TrialStatus.PAUSED, TrialStatus.COMPLETED);
                assertThat(t.lastResource()).isIn(1L, 3L, 9L);
            }
        }
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isEqualTo(1);
    }

    List<String[]> starts() throws IOException {
        return Files.readAllLines(dir.resolve("starts.txt")).stream().map(l -> l.split(" ")).toList();
    }

    @Test
    void aShellTrialRunsEndToEndAndResumesFromItsCheckpoint() throws IOException {
        TuningResult r = run(bash(trial("")), 10);
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isZero();
        assertThat(r.countByStatus().get(TrialStatus.COMPLETED)).isPositive();
        assertThat(r.countByStatus().get(TrialStatus.PAUSED)).isPositive();
        // the best trial is the one with the smallest x, at the top rung
        double minX = r.trials().stream().mapToDouble(t -> t.config().getDouble("x")).min().orElseThrow();
        assertThat(r.best().orElseThrow().resource()).isEqualTo(9);
        assertThat(r.best().orElseThrow().value()).isEqualTo(minX);
        // every job started from its checkpoint, which was where the tuner said it resumes from
        List<String[]> starts = starts();
        assertThat(starts).allSatisfy(s -> assertThat(s[2]).isEqualTo(s[1]));
        assertThat(starts.stream().map(s -> s[1]).distinct()).containsExactlyInAnyOrder("0", "1", "3");
        assertThat(starts).hasSize(r.trials().size() + (int) starts.stream().filter(s -> !s[1].equals("0")).count());
        long promotions = starts.stream().filter(s -> !s[1].equals("0")).count();
        assertThat(promotions).isGreaterThanOrEqualTo(4); // 3 trials to rung 3, 1 to rung 9
        // every epoch trained was reported once and recorded once: no retraining from zero
        assertThat(r.totalResource()).isEqualTo(r.trials().stream().mapToLong(Trial::lastResource).sum());
        // logs: reports and other output in stdout.log, the program's stderr and the executor's notes in stderr.log
        Path logs = dir.resolve("logs/trial-0");
        assertThat(Files.readString(logs.resolve("stdout.log"))).contains("epoch 1 of trial 0", "LADDER_REPORT {\"resource\": 1");
        assertThat(Files.readString(logs.resolve("stderr.log"))).contains("trial 0 training from 0", "[ladder ", "trial 0: start [bash, ");
    }

    @Test
    void aProgramThatExitsNonZeroFailsItsTrialWithItsStderr() throws IOException {
        TuningResult r = run(bash(trial("if [ $ID = 1 ]; then echo 'CUDA out of memory' >&2; exit 2; fi")), 5);
        onlyFailed(r, 1, "trial 1: command exited with code 2; last stderr lines: CUDA out of memory");
    }

    @Test
    void aJobThatKeepsReportingButRunsTooLongIsKilledAfterTheJobTimeout() throws IOException {
        // trial 1 reports resource 0 forever (the tuner ignores reports at or below the resume point), so no report timeout fires
        TuningResult r = run(bash(trial("if [ $ID = 1 ]; then while true; do echo 'LADDER_REPORT {\"resource\": 0, \"loss\": 1}';"
                + " sleep 0.1; done; fi")).reportTimeout(Duration.ofSeconds(1)).jobTimeout(Duration.ofSeconds(2)), 5);
        onlyFailed(r, 1, "trial 1: its job ran longer than 2 s (job timeout); its process tree was ended");
    }

    @Test
    void aProgramThatHangsIsKilledAfterTheReportTimeout() throws IOException {
        long t0 = System.nanoTime();
        TuningResult r = run(bash(trial("if [ $ID = 1 ]; then echo $$ > \"$OUT/hung.pid\"; sleep 60; fi"))
                .reportTimeout(Duration.ofSeconds(2)), 5);
        onlyFailed(r, 1, "trial 1: no report for 2 s (report timeout); its process tree was ended");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertGone(Long.parseLong(Files.readString(dir.resolve("hung.pid")).strip()));
    }

    @Test
    void malformedReportLinesFailTheirTrialNamingTheLine() throws IOException {
        String bad = """
                case $ID in
                  1) echo 'LADDER_REPORT {"resource": 1, "loss": 0.5'; sleep 5 ;;
                  2) echo 'LADDER_REPORT {"loss": 0.5}'; sleep 5 ;;
                  3) echo 'LADDER_REPORT {"resource": "one", "loss": 0.5}'; sleep 5 ;;
                esac
                """;
        TuningResult r = run(bash(trial(bad)), 7);
        Map<Integer, Trial> byId = r.trials().stream().collect(Collectors.toMap(Trial::id, t -> t));
        assertThat(byId.get(1).reason()).startsWith("trial 1: malformed report line 'LADDER_REPORT {\"resource\": 1, \"loss\": 0.5': invalid JSON");
        assertThat(byId.get(2).reason()).isEqualTo("trial 2: malformed report line 'LADDER_REPORT {\"loss\": 0.5}': no resource key 'resource'");
        assertThat(byId.get(3).reason()).isEqualTo("trial 3: malformed report line 'LADDER_REPORT {\"resource\": \"one\", \"loss\": 0.5}': "
                + "resource 'resource' must be a non-negative integer, got \"one\"");
        for (Trial t : r.trials()) {
            assertThat(t.status()).isEqualTo(t.id() >= 1 && t.id() <= 3 ? TrialStatus.FAILED : TrialStatus.PAUSED);
        }
    }

    @Test
    void aNaNOrAMissingMetricIsPassedOnAndTheTunerFailsTheTrial() throws IOException {
        String bad = """
                case $ID in
                  1) echo 'LADDER_REPORT {"resource": 1, "loss": NaN}'; exit 0 ;;
                  2) echo 'LADDER_REPORT {"resource": 1, "accuracy": 0.9}'; exit 0 ;;
                esac
                """;
        TuningResult r = run(bash(trial(bad)), 6);
        Map<Integer, Trial> byId = r.trials().stream().collect(Collectors.toMap(Trial::id, t -> t));
        assertThat(byId.get(1).status()).isEqualTo(TrialStatus.FAILED);
        assertThat(byId.get(1).reason()).isEqualTo("metric 'loss' is NaN at resource 1");
        assertThat(byId.get(2).status()).isEqualTo(TrialStatus.FAILED);
        assertThat(byId.get(2).reason()).isEqualTo("reported no 'loss' at resource 1 (it reported [accuracy])");
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isEqualTo(2);
        assertThat(r.countByStatus().get(TrialStatus.PAUSED)).isEqualTo(4);
    }

    @Test
    void aProgramIgnoringSigtermIsKilledAfterTheGracePeriod() throws IOException {
        String bad = """
                if [ $ID = 1 ]; then
                  trap '' TERM
                  sleep 60 &
                  echo $! > "$OUT/child.pid"
                  echo 'LADDER_REPORT {"resource": 1, "loss": 0.5}'
                  while true; do sleep 0.05; done
                fi
                """;
        long t0 = System.nanoTime();
        TuningResult r = run(bash(trial(bad)), 4);
        onlyFailed(r, 1, "trial 1: the tuner ended the job at resource 1 but the process did not exit within 0.5 s of SIGTERM "
                + "and was killed with SIGKILL");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertGone(Long.parseLong(Files.readString(dir.resolve("child.pid")).strip()));
        assertThat(Files.readString(dir.resolve("logs/trial-1/stderr.log"))).contains("sending SIGTERM");
    }

    @Test
    void aCommandThatDoesNotExistFailsItsTrials() throws IOException {
        SearchSpace space = SearchSpace.builder().real("x", 0, 1).choice("prog", "bash", "ladder-no-such-command").build();
        ProcessExecutor e = ProcessExecutor.builder(List.of("{prog}", script(trial("")).toString(), "{x}"))
                .workers(2).env("OUT", dir.toString()).logRoot(dir.resolve("logs")).gracePeriod(GRACE).build();
        TuningResult r = Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(space, 5), LOSS, 1, 9, 3))
                .executor(e).maxTrials(8).run();
        assertThat(r.trials()).hasSize(8).allSatisfy(t -> {
            if (t.config().getString("prog").equals("bash")) {
                assertThat(t.status()).isIn(TrialStatus.PAUSED, TrialStatus.COMPLETED);
            } else {
                assertThat(t.status()).isEqualTo(TrialStatus.FAILED);
                assertThat(t.reason()).isEqualTo("trial " + t.id() + ": cannot start [ladder-no-such-command, " + dir.resolve("trial.sh")
                        + ", " + t.config().get("x") + "]: No such file or directory");
            }
        });
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isBetween(1, 7);
    }

    @Test
    void valuesReachTheProgramVerbatimAsSeparateArgumentsWithoutAShell() throws IOException {
        List<Object> nasty = List.of("two words", "$(touch injected1)", "; touch injected2", "`touch injected3`",
                "\"double\" 'single'", "*", "a\\b $HOME ${PATH} && touch injected4 | cat > injected5", "");
        SearchSpace space = SearchSpace.builder().choice("arg", nasty.toArray()).build();
        Path argv = script("""
                for a in "$@"; do printf '%s\\0' "$a"; done > "$OUT/argv-$LADDER_TRIAL_ID"
                echo 'LADDER_REPORT {"resource": 1, "loss": 1}'
                """);
        ProcessExecutor e = ProcessExecutor.builder(List.of("bash", argv.toString(), "{arg}", "--tag={arg}!", "plain"))
                .workers(2).env("OUT", dir.toString()).logRoot(dir.resolve("logs")).workingDir(dir).build();
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(space, 1), LOSS, 1)).executor(e).run();
        assertThat(r.trials()).hasSize(nasty.size()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
        for (Trial t : r.trials()) {
            String value = t.config().getString("arg");
            String raw = Files.readString(dir.resolve("argv-" + t.id()), StandardCharsets.UTF_8);
            List<String> got = Arrays.asList(raw.split("\0", -1)).subList(0, 3);
            assertThat(got).containsExactly(value, "--tag=" + value + "!", "plain");
            assertThat(raw.split("\0", -1)).hasSize(4); // three arguments, each ended by NUL
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("injected"));
        }
    }

    @Test
    void stoppingATrialEndsItsWholeProcessTree() throws IOException {
        String body = """
                sleep 1000 &
                echo $! > "$OUT/child-$LADDER_TRIAL_ID.pid"
                r=0
                while true; do r=$((r + 1)); echo "LADDER_REPORT {\\"resource\\": $r, \\"loss\\": 1}"; sleep 0.05; done
                """;
        ProcessExecutor e = ProcessExecutor.builder(List.of("bash", script(body).toString()))
                .workers(2).env("OUT", dir.toString()).logRoot(dir.resolve("logs")).gracePeriod(Duration.ofSeconds(5)).build();
        long t0 = System.nanoTime();
        // the experiment ends after 10 units of resource: the running trials are stopped mid-way, by SIGTERM
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 2), LOSS, 1000))
                .executor(e).maxTotalResource(10).run();
        assertThat(r.trials()).hasSize(2).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.STOPPED);
            assertThat(t.reason()).contains("max total resource 10 used");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("SIGTERM at once, no grace wait").isLessThan(Duration.ofSeconds(4));
        for (Trial t : r.trials()) {
            assertGone(Long.parseLong(Files.readString(dir.resolve("child-" + t.id() + ".pid")).strip()));
        }
    }

    @Test
    void aFailedJobIsRestartedFromTheLastAcceptedResourceUpToMaxRestarts() throws IOException {
        // trial 0 crashes once after reporting 2 of 4; trial 1 crashes every time before its first report
        String bad = """
                if [ $ID = 0 ] && [ ! -f "$OUT/crashed" ]; then
                  echo 'LADDER_REPORT {"resource": 1, "loss": 0.5}'
                  echo 'LADDER_REPORT {"resource": 2, "loss": 0.4}'
                  echo 2 > "$LADDER_CHECKPOINT_DIR/checkpoint.bin"
                  sleep 0.2
                  touch "$OUT/crashed"; echo 'segmentation fault' >&2; exit 139
                fi
                if [ $ID = 1 ]; then echo "crash $LADDER_RESUME_FROM" >&2; exit 1; fi
                """;
        ProcessExecutor e = bash(trial(bad)).maxRestarts(2).build();
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 3), LOSS, 4)).executor(e).run();
        Map<Integer, Trial> byId = r.trials().stream().collect(Collectors.toMap(Trial::id, t -> t));
        assertThat(byId.get(0).status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(byId.get(0).lastResource()).isEqualTo(4);
        assertThat(byId.get(1).status()).isEqualTo(TrialStatus.FAILED);
        assertThat(byId.get(1).reason()).isEqualTo("trial 1: command exited with code 1; last stderr lines: crash 0 (after 2 restarts)");
        assertThat(byId.get(2).status()).isEqualTo(TrialStatus.COMPLETED);
        // trial 0 restarted with LADDER_RESUME_FROM = 2, the last resource the tuner recorded
        assertThat(starts().stream().filter(s -> s[0].equals("0")).map(s -> s[1] + "/" + s[2])).containsExactly("2/2");
        assertThat(r.totalResource()).isEqualTo(8);
        assertThat(Files.readString(dir.resolve("logs/trial-0/stderr.log")))
                .contains("trial 0: command exited with code 139 (signal 11); last stderr lines: segmentation fault; restart 1 of 2 from resource 2",
                        "trial 0: restart 1: [bash, ");
        assertThat(Files.readString(dir.resolve("logs/trial-1/stderr.log"))).contains("restart 2 of 2 from resource 0");
    }

    @Test
    void aProgramThatExitsZeroBeforeItsTargetFailsItsTrial() throws IOException {
        TuningResult silent = run(bash(trial("if [ $ID = 1 ]; then exit 0; fi")), 5);
        onlyFailed(silent, 1, "trial 1: its job ended without any report before reaching its target resource 1");

        ProcessExecutor e = bash(trial("if [ $ID = 1 ]; then echo 'LADDER_REPORT {\"resource\": 2, \"loss\": 0.5}'; exit 0; fi"))
                .build();
        TuningResult early = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 3), LOSS, 4)).executor(e).run();
        assertThat(early.trials()).extracting(Trial::status)
                .containsExactly(TrialStatus.COMPLETED, TrialStatus.FAILED, TrialStatus.COMPLETED);
        assertThat(early.trials().get(1).reason())
                .isEqualTo("trial 1: its job ended at resource 2 before reaching its target resource 4");
    }

    /**
     * Any cost as the resource (issue 19, part 4): a report past the job's target is judged at every rung it
     * reached (here rungs 1 and 3 at once) and ends the job there; it no longer fails the trial.
     */
    @Test
    void aReportPastItsTargetIsJudgedAtTheRungsItReachedAndEndsItsJob() throws IOException {
        TuningResult r = run(bash(trial("if [ $ID = 1 ] && [ $LADDER_RESUME_FROM = 0 ]; then "
                + "echo 'LADDER_REPORT {\"resource\": 5, \"loss\": 0.5}'; sleep 30; fi")), 5);
        assertThat(r.trials()).extracting(Trial::status).doesNotContain(TrialStatus.FAILED);
        assertThat(r.trials().get(1).lastResource()).isGreaterThanOrEqualTo(5);
        assertThat(r.elapsed()).as("its job was ended at the report, not left to sleep").isLessThan(java.time.Duration.ofSeconds(25));
    }

    /**
     * A process runs on while the tuner decides: here it saves a checkpoint at 2 and reports 1 and 2
     * at once, and the experiment is paused by the answer to 1. Its folder holds more than the journal
     * recorded, so it must not count: the resumed job gets no checkpoint ahead of LADDER_RESUME_FROM.
     */
    @Test
    void aCheckpointSavedPastTheLastAnsweredReportDoesNotCount() throws IOException {
        String ahead = """
                if [ ! -f "$OUT/ran-ahead" ]; then
                  touch "$OUT/ran-ahead"
                  echo 2 > "$LADDER_CHECKPOINT_DIR/checkpoint.bin"
                  printf 'LADDER_REPORT {"resource": 1, "loss": 0.5}\nLADDER_REPORT {"resource": 2, "loss": 0.5}\n'
                  exec sleep 60
                fi
                """;
        Path out = dir.resolve("runs");
        java.util.concurrent.atomic.AtomicReference<Tuner> first = new java.util.concurrent.atomic.AtomicReference<>();
        first.set(Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 1), LOSS, 3))
                .executor(bash(trial(ahead)).workers(1).build()).output(out, "e")
                .listener(new dev.ladder.core.tune.TunerListener() {
                    @Override
                    public void onTrialStart(Trial trial, dev.ladder.core.schedule.Suggestion s) {
                        first.get().pause(); // the answer to its first report suspends the job
                    }
                }).build());
        assertThat(first.get().run().stopReason()).isEqualTo("paused");

        TuningResult resumed = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 1), LOSS, 3))
                .executor(bash(trial(ahead)).workers(1).build()).output(out, "e").resume().run();

        assertThat(resumed.trials()).singleElement().satisfies(t -> {
            assertThat(t.status()).as(t.reason()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(t.lastResource()).isEqualTo(3);
        });
        // the resumed job was told to resume from 1 (recorded) and found no checkpoint, not the unrecorded one at 2
        assertThat(starts()).extracting(s -> s[1] + "/" + s[2]).containsExactly("1/0");
    }

    @Test
    void aJavaTrialUsesTheHelper() {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessExecutor e = ProcessExecutor.builder(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), JavaTrial.class.getName()))
                .workers(2).resourceName("epoch").logRoot(dir.resolve("logs")).build();
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 2), LOSS, 3)).executor(e).run();
        assertThat(r.trials()).hasSize(2).allSatisfy(t -> {
            assertThat(t.status()).as(t.reason()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(t.lastResource()).isEqualTo(3);
        });
        assertThat(r.best().orElseThrow().value()).isEqualTo(0.3 * 0.3 + 1.0 / 3);
    }

    @Test
    void logsGoNextToTheCheckpointsByDefault() throws IOException {
        ProcessExecutor e = ProcessExecutor.builder(List.of("bash", script(trial("")).toString(), "{x}"))
                .env("OUT", dir.toString()).build();
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 2), LOSS, 2)).executor(e)
                .output(dir.resolve("runs"), "exp").run();
        assertThat(r.trials()).hasSize(2).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
        Path exp = dir.resolve("runs/exp");
        assertThat(Files.readString(exp.resolve("logs/trial-1/stdout.log"))).contains("LADDER_REPORT {\"resource\": 2, \"loss\": 1.0}");
        Path checkpoint = r.trials().get(1).checkpoint().orElseThrow(); // the folder of its last job, as recorded
        assertThat(checkpoint.getParent()).isEqualTo(exp.resolve("checkpoints/trial-1"));
        assertThat(checkpoint.resolve("checkpoint.bin")).hasContent("2");
        try (Stream<Path> inCheckpoints = Files.list(checkpoint)) {
            assertThat(inCheckpoints.map(p -> p.getFileName().toString())).containsExactly("checkpoint.bin");
        }
    }

    @Test
    void closeEndsEveryRunningProcessTreeAndPostsNothingMore() throws Exception {
        Path s = script("""
                sleep 1000 &
                echo "$$ $!" > "$OUT/pids-$LADDER_TRIAL_ID.tmp" && mv "$OUT/pids-$LADDER_TRIAL_ID.tmp" "$OUT/pids-$LADDER_TRIAL_ID"
                wait
                """);
        ProcessExecutor e = ProcessExecutor.builder(List.of("bash", s.toString())).workers(2).env("OUT", dir.toString())
                .logRoot(dir.resolve("logs")).gracePeriod(GRACE).build();
        List<TrialEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Files.createDirectories(dir.resolve("ck"));
        for (int i = 0; i < 2; i++) {
            e.start(new Job(i, Config.of(Map.of()), 0, 10, dir.resolve("ck")), events::add);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(dir.resolve("pids-0")) && Files.exists(dir.resolve("pids-1"))) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        e.close();
        for (int i = 0; i < 2; i++) {
            for (String pid : Files.readString(dir.resolve("pids-" + i)).strip().split(" ")) {
                assertGone(Long.parseLong(pid));
            }
        }
        Thread.sleep(300);
        assertThat(events).isEmpty();
    }

    /** The process has ended (a zombie left to an init that does not reap counts as ended). */
    static void assertGone(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> assertThat(ProcessTree.running(h)).as("process %d still runs", pid).isFalse());
    }

}
