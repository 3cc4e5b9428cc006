package dev.ladder.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TrialPath} on real journals written by the tuner for each scheduler family: every decision the journal
 * records for a trial is a step, and the rank and rung size it gives equal those counted here, independently, from
 * the results the journal recorded before the decision.
 */
class TrialPathTest {
    private static final Metric LOSS = Metric.minimize("loss");

    @TempDir
    Path out;

    private List<JournalEntry> run(String scheduler, int trials) throws IOException {
        SchedulerSpec spec = SchedulerSpec.of(scheduler).maxResource(27L).trials(trials);
        Tuner.builder().scheduler(spec.build(new RandomSearcher(QuadraticObjective.SPACE, 5), LOSS))
                .objective(new QuadraticObjective(0.05)).workers(1).maxTrials(trials).output(out, scheduler).run();
        return Files.readAllLines(out.resolve(scheduler).resolve("events.jsonl")).stream().map(JournalCodec::decode).toList();
    }

    /**
     * Rank (1 = best) and count of the results at {@code resource} recorded at or before {@code seq} (before, when
     * {@code strict}); with {@code decided}, only those a decision was taken on (recorded at a rung: asynchronous
     * Hyperband's trials of higher brackets pass lower rung levels without entering the rung).
     */
    private static int[] counted(List<JournalEntry> journal, int trial, long resource, long seq, boolean strict, boolean decided) {
        double own = Double.NaN;
        int size = 0;
        int better = 0;
        for (JournalEntry e : journal) {
            if (e.event() instanceof JournalEvent.Result r && r.resource() == resource && r.trialId() == trial) {
                own = r.metrics().get("loss");
            }
        }
        for (JournalEntry e : journal) {
            if (e.seq() > seq || (strict && e.seq() == seq)) {
                break;
            }
            if (e.event() instanceof JournalEvent.Result r && r.resource() == resource && (!decided || !r.decision().equals("continue"))) {
                size++;
                better += r.metrics().get("loss") < own ? 1 : 0;
            }
        }
        return new int[] {better + 1, size};
    }

    private static TrialPath.Step stepAt(List<TrialPath.Step> steps, long seq) {
        return steps.stream().filter(s -> s.seq() == seq).findFirst()
                .orElseThrow(() -> new AssertionError("no step at seq " + seq + " in " + steps));
    }

    /** Each pause and promotion of every trial: rank, rung size and the cutoff size/eta, as counted from the results. */
    @ParameterizedTest
    @ValueSource(strings = {"asha", "pasha", "rush", "async-hyperband"})
    void promotionSchedulersGiveTheRankRungSizeAndCutoffOfEveryDecision(String scheduler) throws IOException {
        List<JournalEntry> journal = run(scheduler, 40);
        int decisions = 0;
        int promotions = 0;
        for (int trial = 0; trial < 40; trial++) {
            List<TrialPath.Step> steps = TrialPath.of(journal, trial).steps();
            assertThat(steps.get(0).kind()).isEqualTo(TrialPath.Kind.START);
            long from = 0;
            for (JournalEntry e : journal) {
                if (e.event() instanceof JournalEvent.Result r && r.trialId() == trial && !r.decision().equals("continue")) {
                    TrialPath.Step s = stepAt(steps, e.seq());
                    int[] c = counted(journal, trial, r.resource(), e.seq(), false, true);
                    assertThat(s.standing().rank()).as(s.text()).isEqualTo(c[0]);
                    assertThat(s.standing().size()).as(s.text()).isEqualTo(c[1]);
                    assertThat(s.standing().reconstructed()).isFalse();
                    assertThat(s.text()).contains("ranked " + TrialPath.ordinal(c[0]) + " of " + c[1])
                            .contains(r.decision().equals("pause") ? ": paused" : ": stopped");
                    if (r.reason().contains("promotion needs top")) {
                        assertThat(s.text()).contains("promotion needs the top 1/3 of " + c[1] + " = " + c[1] / 3);
                        assertThat(s.text()).contains(c[0] <= c[1] / 3 ? "in the top " + c[1] / 3 : "not in the top " + c[1] / 3);
                    }
                    decisions++;
                } else if (e.event() instanceof JournalEvent.Resume r && r.trialId() == trial) {
                    TrialPath.Step s = stepAt(steps, e.seq());
                    int[] c = counted(journal, trial, r.from(), e.seq(), true, true);
                    assertThat(s.kind()).isEqualTo(TrialPath.Kind.PROMOTED);
                    assertThat(s.standing().rank()).as(s.text()).isEqualTo(c[0]);
                    assertThat(s.standing().size()).as(s.text()).isEqualTo(c[1]);
                    assertThat(s.text()).contains("the top 1/3 of " + c[1] + " = " + c[1] / 3 + " are promotable")
                            .contains("resumes from its checkpoint at r=" + r.from() + ", to run to r=" + r.resource());
                    assertThat(c[0]).isLessThanOrEqualTo(c[1] / 3);
                    assertThat(r.from()).isGreaterThan(from);
                    from = r.from();
                    promotions++;
                }
            }
            TrialPath.Step last = steps.get(steps.size() - 1);
            assertThat(last.kind()).as(last.text()).isIn(TrialPath.Kind.NOW, TrialPath.Kind.COMPLETED, TrialPath.Kind.STOPPED);
        }
        assertThat(decisions).isGreaterThan(25);
        assertThat(promotions).isGreaterThan(5);
    }

    /** ASHA's stopping type records no reason for a continue: its rank at each rung level is counted from the results. */
    @Test
    void stoppingAshaTellsEachRungContinueAndStop() throws IOException {
        List<JournalEntry> journal = run("asha-stopping", 30);
        int continues = 0;
        int stops = 0;
        for (int trial = 0; trial < 30; trial++) {
            List<TrialPath.Step> steps = TrialPath.of(journal, trial).steps();
            for (JournalEntry e : journal) {
                if (e.event() instanceof JournalEvent.Result r && r.trialId() == trial && (r.resource() == 3 || r.resource() == 9)) {
                    TrialPath.Step s = stepAt(steps, e.seq());
                    int[] c = counted(journal, trial, r.resource(), e.seq(), false, false);
                    assertThat(s.standing().rank()).as(s.text()).isEqualTo(c[0]);
                    assertThat(s.standing().size()).as(s.text()).isEqualTo(c[1]);
                    if (r.decision().equals("stop")) {
                        assertThat(s.text()).endsWith("continuing needs top 1/3: stopped");
                        assertThat((c[0] - 1) * 3).isGreaterThanOrEqualTo(c[1]); // the rule the scheduler applies
                        stops++;
                    } else {
                        assertThat(s.text()).contains("(counted from the recorded results)").endsWith(": continues");
                        assertThat((c[0] - 1) * 3).isLessThan(c[1]);
                        continues++;
                    }
                }
            }
        }
        assertThat(stops).isGreaterThan(3);
        assertThat(continues).isGreaterThan(3);
    }

    /** The median rule records the median and the number of others, not the rank: the rank is counted and said so. */
    @Test
    void medianStoppingGivesTheRuleAndACountedRank() throws IOException {
        List<JournalEntry> journal = run("median", 30);
        int stops = 0;
        for (JournalEntry e : journal) {
            if (e.event() instanceof JournalEvent.Result r && r.decision().equals("stop")) {
                TrialPath.Step s = stepAt(TrialPath.of(journal, r.trialId()).steps(), e.seq());
                int[] c = counted(journal, r.trialId(), r.resource(), e.seq(), false, false);
                assertThat(s.standing().reconstructed()).isTrue();
                assertThat(s.standing().rank()).isEqualTo(c[0]);
                assertThat(s.text()).startsWith("r=" + r.resource() + ": loss ")
                        .contains("ranked " + TrialPath.ordinal(c[0]) + " of the " + c[1] + " results at r=" + r.resource())
                        .contains(r.reason().replaceFirst("^at r=\\d+ ", "")).endsWith(": stopped");
                stops++;
            }
        }
        assertThat(stops).isGreaterThan(3);
    }

    /**
     * Synchronous successive halving: a trial waiting in a rung learns its rank when another trial's result
     * completes the rung; those in the top k are promoted, the others stay paused for good.
     */
    @Test
    void synchronousHalvingTellsEachWaitingTrialWhereTheRungCutLeftIt() throws IOException {
        List<JournalEntry> journal = run("sha", 27);
        Pattern cut = Pattern.compile("^(bracket #\\d+ \\(s=\\d+\\) rung \\d+ \\(r=(\\d+)\\)): all (\\d+) results in; rank \\d+ of \\d+, .*top (\\d+)");
        int cuts = 0;
        for (JournalEntry e : journal) {
            Matcher m = e.event() instanceof JournalEvent.Result r ? cut.matcher(r.reason()) : null;
            if (m == null || !m.find()) {
                continue;
            }
            long level = Long.parseLong(m.group(2));
            int top = Integer.parseInt(m.group(4));
            for (JournalEntry w : journal) {
                if (w.seq() < e.seq() && w.event() instanceof JournalEvent.Result r && r.reason().startsWith(m.group(1) + ": ")) {
                    List<TrialPath.Step> steps = TrialPath.of(journal, r.trialId()).steps();
                    int[] c = counted(journal, r.trialId(), level, e.seq(), false, false);
                    TrialPath.Step s = stepAt(steps, e.seq());
                    assertThat(s.kind()).isEqualTo(TrialPath.Kind.CUT);
                    assertThat(s.standing().rank()).as(s.text()).isEqualTo(c[0]);
                    assertThat(s.text()).contains("all " + m.group(3) + " results in")
                            .endsWith(c[0] <= top ? "go on: promoted" : "not promoted, it stays paused for good");
                    boolean promoted = steps.stream().anyMatch(p -> p.kind() == TrialPath.Kind.PROMOTED && p.seq() > e.seq());
                    assertThat(promoted).as(s.text()).isEqualTo(c[0] <= top);
                    cuts++;
                }
            }
        }
        assertThat(cuts).isGreaterThan(5);
    }

    /** FIFO decides nothing: each trial starts and completes at the maximum resource. */
    @Test
    void fifoTrialsStartAndComplete() throws IOException {
        List<JournalEntry> journal = run("fifo", 4);
        for (int trial = 0; trial < 4; trial++) {
            List<TrialPath.Step> steps = TrialPath.of(journal, trial).steps();
            assertThat(steps).extracting(TrialPath.Step::kind).containsExactly(TrialPath.Kind.START, TrialPath.Kind.COMPLETED);
            assertThat(steps.get(1).text()).startsWith("completed at r=27");
        }
    }

    /** Paused by the experiment's end: the last line says so. */
    @Test
    void aTrialLeftPausedSaysTheExperimentFinishedWithIt() throws IOException {
        List<JournalEntry> journal = run("asha", 12);
        TrialStatus[] last = new TrialStatus[12];
        journal.forEach(e -> {
            if (e.event() instanceof JournalEvent.End end) {
                last[end.trialId()] = end.status();
            }
        });
        int paused = 0;
        for (int trial = 0; trial < 12; trial++) {
            List<String> lines = TrialPath.of(journal, trial).lines();
            if (last[trial] == TrialStatus.PAUSED) {
                assertThat(lines.get(lines.size() - 1)).contains("the experiment finished (no more work")
                        .contains("with it paused at r=");
                paused++;
            }
            assertThat(lines.get(0)).matches("seq \\d+ +started from scratch, to run to r=1");
        }
        assertThat(paused).isGreaterThan(3);
        assertThat(TrialPath.of(journal, 12).found()).isFalse();
        assertThat(TrialPath.of(journal, 12).steps()).isEmpty();
    }

    private Tuner.Builder asha(String name) {
        return Tuner.builder().scheduler(SchedulerSpec.of("asha").maxResource(27L).trials(20)
                        .build(new RandomSearcher(QuadraticObjective.SPACE, 5), LOSS))
                .objective(new QuadraticObjective(0.05)).workers(1).maxTrials(20).output(out, name);
    }

    private List<JournalEntry> read(String name) throws IOException {
        return Files.readAllLines(out.resolve(name).resolve("events.jsonl")).stream().map(JournalCodec::decode).toList();
    }

    /** A process killed while a job ran: the resumed experiment restarts the job, and the path says so. */
    @Test
    void aJobLostInACrashIsRestartedAndThePathSaysSo() throws IOException {
        asha("full").run();
        List<String> lines = Files.readAllLines(out.resolve("full/events.jsonl"));
        int cut = 0; // just after the first result of a trial's second job: the crash loses that job
        for (int i = 0; i < lines.size() && cut == 0; i++) {
            if (JournalCodec.decode(lines.get(i)).event() instanceof JournalEvent.Resume) {
                cut = i + 2;
            }
        }
        Files.createDirectories(out.resolve("crashed"));
        Files.write(out.resolve("crashed/events.jsonl"), lines.subList(0, cut));
        int trial = JournalCodec.decode(lines.get(cut - 2)).event().trialId();
        asha("crashed").resume().run();
        List<TrialPath.Step> steps = TrialPath.of(read("crashed"), trial).steps();
        TrialPath.Step restart = steps.stream().filter(s -> s.kind() == TrialPath.Kind.RESTARTED).findFirst()
                .orElseThrow(() -> new AssertionError("no restart in " + steps));
        JournalEvent.Restart recorded = read("crashed").stream().map(JournalEntry::event).filter(e -> e instanceof JournalEvent.Restart r
                && r.trialId() == trial).map(e -> (JournalEvent.Restart) e).findFirst().orElseThrow();
        assertThat(restart.text()).startsWith("restarted ").contains("to run to r=" + recorded.resource())
                .endsWith(": " + recorded.reason());
        assertThat(steps.indexOf(restart)).isGreaterThan(steps.indexOf(steps.stream()
                .filter(s -> s.kind() == TrialPath.Kind.PROMOTED).findFirst().orElseThrow()));
    }

    /**
     * A job suspended by a pause of the experiment (the events the tuner writes when a pause arrives while the scheduler
     * still counts a job as running), restarted on resume, then completed; and a failure.
     */
    @Test
    void suspendedRestartedCompletedAndFailedJobsAreTold() {
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        List<JournalEvent> events = List.of(
                new JournalEvent.Experiment("e", "asha(levels=[1, 3, 9], eta=3, searcher=random(seed=1))", LOSS, 1, null),
                new JournalEvent.Start(0, 9, dev.ladder.core.Config.of(Map.of("x", 0.5))),
                new JournalEvent.Result(0, 1, Map.of("loss", 0.5), "continue", "", true, null, 0.1),
                new JournalEvent.Suspend(0, 9, "experiment paused", new JournalEvent.CheckpointRef("trial-0/job-2", 1L)),
                new JournalEvent.Paused(new JournalEvent.Summary("paused", 1, 1, 0, 0.5)),
                new JournalEvent.Resumed(5, List.of(), List.of(0)),
                new JournalEvent.Restart(0, 1, 9, true, "suspended by a pause of the experiment"),
                new JournalEvent.Result(0, 9, Map.of("loss", 0.25), "continue", "", true,
                        new JobEnding(TrialStatus.COMPLETED, "reached resource 9"), 0.2),
                new JournalEvent.End(0, TrialStatus.COMPLETED, 9, "reached resource 9", JournalEvent.CheckpointRef.NONE),
                new JournalEvent.Start(1, 1, dev.ladder.core.Config.of(Map.of("x", 0.1))),
                new JournalEvent.End(1, TrialStatus.FAILED, 0, "objective threw java.lang.IllegalStateException: boom",
                        JournalEvent.CheckpointRef.NONE));
        List<JournalEntry> journal = new java.util.ArrayList<>();
        for (JournalEvent e : events) {
            journal.add(new JournalEntry(journal.size() + 1, t.plusSeconds(journal.size()), e));
        }
        List<String> paused = TrialPath.of(journal.subList(0, 5), 0).lines();
        assertThat(paused).containsExactly(
                "seq 2      started from scratch, to run to r=9",
                "seq 3      r=1, a rung level: loss 0.5000 ranked 1st of the 1 results at r=1 so far (counted from the recorded results): continues",
                "seq 4      its job towards r=9 was suspended at r=1 (experiment paused); it runs again when the experiment resumes",
                "seq 5      paused at r=1; the experiment paused (paused): it may still be promoted as the experiment goes on");
        assertThat(TrialPath.of(journal, 0).lines()).containsExactly(
                "seq 2      started from scratch, to run to r=9",
                "seq 3      r=1, a rung level: loss 0.5000 ranked 1st of the 1 results at r=1 so far (counted from the recorded results): continues",
                "seq 4      its job towards r=9 was suspended at r=1 (experiment paused); it runs again when the experiment resumes",
                "seq 7      restarted from its checkpoint at r=1, to run to r=9: suspended by a pause of the experiment",
                "seq 9      completed at r=9: reached resource 9");
        assertThat(TrialPath.of(journal, 1).lines()).containsExactly(
                "seq 10     started from scratch, to run to r=1",
                "seq 11     failed at r=0: objective threw java.lang.IllegalStateException: boom");
    }

    @Test
    void ordinals() {
        assertThat(Map.of(1, "1st", 2, "2nd", 3, "3rd", 4, "4th", 11, "11th", 12, "12th", 13, "13th", 21, "21st", 102, "102nd"))
                .allSatisfy((n, text) -> assertThat(TrialPath.ordinal(n)).isEqualTo(text));
    }
}
