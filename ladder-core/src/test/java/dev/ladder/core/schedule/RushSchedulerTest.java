package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RushSchedulerTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    static final Metric LOSS = Metric.minimize("loss");
    static final Config ARM = Config.of(Map.of("x", 0.3));
    static final Config ARM2 = Config.of(Map.of("x", 0.7));
    static final RungScheduler.Type PROMOTION = RungScheduler.Type.PROMOTION;
    static final RungScheduler.Type STOPPING = RungScheduler.Type.STOPPING;

    /** Trial i gets config {i: i}, so the values below belong to known trials. */
    static final Searcher NUMBERED = id -> Optional.of(Config.of(Map.of("i", id)));

    /** Drives a scheduler by hand: suggestions, reports and job ends, as the tuner would. */
    static final class Hand {
        final Scheduler s;
        final Map<Integer, Trial> trials = new HashMap<>();

        Hand(Scheduler s) {
            this.s = s;
        }

        Optional<Suggestion> suggest(boolean mayStart) {
            Optional<Suggestion> next = s.suggest(trials.size(), mayStart);
            next.ifPresent(sug -> {
                Trial t = sug instanceof Suggestion.Start st ? new Trial(trials.size(), st.config())
                        : trials.get(((Suggestion.Resume) sug).trialId());
                trials.put(t.id(), t);
                t.setStatus(TrialStatus.RUNNING, "");
            });
            return next;
        }

        int start() {
            Suggestion sug = suggest(true).orElseThrow();
            assertThat(sug).isInstanceOf(Suggestion.Start.class);
            return trials.size() - 1;
        }

        /** Reports and, on a pause or stop, ends the job at once unless {@code endLater}. */
        Decision report(int id, long r, double v, boolean endLater) {
            Trial t = trials.get(id);
            t.setLastResource(r);
            Decision d = s.onResult(t, new Result(id, r, Map.of("loss", v)));
            if (!endLater && !(d instanceof Decision.Continue)) {
                end(id, d instanceof Decision.Pause ? TrialStatus.PAUSED : TrialStatus.STOPPED, d.reason());
            }
            return d;
        }

        Decision report(int id, long r, double v) {
            return report(id, r, v, false);
        }

        void end(int id, TrialStatus status, String reason) {
            trials.get(id).setStatus(status, reason);
            s.onTrialEnd(trials.get(id));
        }
    }

    /** Starts ARM (trial 0) and runs it to r = 9 with values 0.5 at r=1, 0.4 at r=3, 0.3 at r=9. */
    static Hand withArmRunToTheTop(RungScheduler.Type type) {
        RushScheduler rush = new RushScheduler(NUMBERED, LOSS, 1, 9, 3, type, List.of(ARM));
        Hand h = new Hand(rush);
        Suggestion first = h.suggest(true).orElseThrow();
        assertThat(first).isEqualTo(new Suggestion.Start(ARM, 9));
        double[] values = {0, 0.5, 0.45, 0.4, 0.35, 0.35, 0.35, 0.35, 0.35, 0.3};
        for (int r = 1; r <= 9; r++) {
            assertThat(h.report(0, r, values[r])).isEqualTo(Decision.CONTINUE);
        }
        h.end(0, TrialStatus.COMPLETED, "reached resource 9");
        assertThat(rush.thresholds()).containsExactly(Map.entry(1L, 0.5), Map.entry(3L, 0.4), Map.entry(9L, 0.3));
        return h;
    }

    @Test
    void promotionStopsATrialWorseThanTheBestTransferredArmAtItsRungAndLetsTiesPass() {
        Hand h = withArmRunToTheTop(PROMOTION);
        int worse = h.start();
        Decision d = h.report(worse, 1, 0.6);
        assertThat(d).isInstanceOf(Decision.Stop.class);
        assertThat(d.reason()).isEqualTo("reached rung 0 (r=1): rank 1 of 1, promotion needs top 0; loss 0.6 is worse than "
                + "the best transferred configuration's 0.5 (trial 0) at r=1, so it is never promoted");
        int tie = h.start();
        assertThat(h.report(tie, 1, 0.5)).isInstanceOf(Decision.Pause.class);
        int better = h.start();
        assertThat(h.report(better, 1, 0.45)).isInstanceOf(Decision.Pause.class);
        // rung 0 holds 0.45, 0.5, 0.6: the top third is trial 3, which passes the threshold
        assertThat(h.suggest(false)).contains(new Suggestion.Resume(better, 3,
                "promoted from rung 0 (r=1): rank 1 of 3, top 1 promotable"));
        assertThat(h.report(better, 2, 0.42)).isEqualTo(Decision.CONTINUE);
        Decision at3 = h.report(better, 3, 0.41);
        assertThat(at3).isInstanceOf(Decision.Stop.class);
        assertThat(at3.reason()).contains("0.41 is worse than the best transferred configuration's 0.4 (trial 0) at r=3");
        assertThat(h.suggest(false)).isEmpty();
    }

    @Test
    void stoppingStopsWhereAshaWouldContinueAndLetsTiesPass() {
        Hand h = withArmRunToTheTop(STOPPING);
        int worse = h.start();
        Decision d = h.report(worse, 1, 0.6); // plain ASHA: rank 1 of 1 continues
        assertThat(d).isInstanceOf(Decision.Stop.class);
        assertThat(d.reason()).isEqualTo("at rung 0 (r=1): loss 0.6 is worse than the best transferred configuration's 0.5 "
                + "(trial 0) at r=1, continuing needs at least as good");
        int tie = h.start();
        assertThat(h.report(tie, 1, 0.5)).isEqualTo(Decision.CONTINUE);
        assertThat(h.report(tie, 2, 0.45)).isEqualTo(Decision.CONTINUE); // not a rung
        assertThat(h.report(tie, 3, 0.41)).isInstanceOf(Decision.Stop.class);
        int good = h.start();
        assertThat(h.report(good, 1, 0.3)).isEqualTo(Decision.CONTINUE);
        assertThat(h.report(good, 3, 0.4)).isEqualTo(Decision.CONTINUE); // tie at r=3
        assertThat(h.report(good, 9, 0.29)).isEqualTo(Decision.CONTINUE); // the top: complete
        h.end(good, TrialStatus.COMPLETED, "reached resource 9");
        RushScheduler rush = (RushScheduler) h.s;
        assertThat(rush.bestConfig()).contains(Config.of(Map.of("i", good)));
        assertThat(rush.bestConfigs(5)).containsExactly(Config.of(Map.of("i", good)), ARM);
    }

    /** A trial paused before the threshold was known is never promoted once it is known to be worse. */
    @Test
    void aPromotionOfATrialWorseThanALaterThresholdIsVetoed() {
        RushScheduler rush = new RushScheduler(NUMBERED, LOSS, 1, 9, 3, PROMOTION, List.of(ARM));
        Hand h = new Hand(rush);
        int arm = h.start();
        int early = h.start();
        assertThat(h.report(early, 1, 0.6)).isInstanceOf(Decision.Pause.class); // no threshold yet
        assertThat(h.report(arm, 1, 0.5)).isEqualTo(Decision.CONTINUE);
        int second = h.start();
        int third = h.start();
        assertThat(h.report(second, 1, 0.7)).isInstanceOf(Decision.Stop.class);
        assertThat(h.report(third, 1, 0.8)).isInstanceOf(Decision.Stop.class);
        // plain ASHA would now promote trial 1 (rank 1 of 3): it is worse than 0.5
        assertThat(h.suggest(false)).isEmpty();
        assertThat(rush.vetoes()).isEqualTo(1);
        assertThat(h.trials.get(early).status()).isEqualTo(TrialStatus.PAUSED);
        assertThat(h.suggest(true).orElseThrow()).isInstanceOf(Suggestion.Start.class);
    }

    /** A trial told to stop whose job has not ended yet is never offered for promotion (the tuner would reject it). */
    @Test
    void aStoppedTrialWhoseJobIsStillEndingIsNotPromoted() {
        Hand h = withArmRunToTheTop(PROMOTION);
        int a = h.start();
        int b = h.start();
        int c = h.start();
        assertThat(h.report(a, 1, 0.6, true)).isInstanceOf(Decision.Stop.class);
        assertThat(h.report(b, 1, 0.7, true)).isInstanceOf(Decision.Stop.class);
        assertThat(h.report(c, 1, 0.8, true)).isInstanceOf(Decision.Stop.class);
        assertThat(h.suggest(false)).isEmpty(); // trial a tops rung 0, but is stopping
        h.end(a, TrialStatus.STOPPED, "");
        h.end(b, TrialStatus.STOPPED, "");
        h.end(c, TrialStatus.STOPPED, "");
        assertThat(h.suggest(false)).isEmpty();
    }

    @Test
    void duplicateArmsAreDroppedAndToStringNamesTheWrappedScheduler() {
        RushScheduler rush = new RushScheduler(new RandomSearcher(SPACE, 1), LOSS, 1, 27, 3, PROMOTION, List.of(ARM, ARM2, ARM));
        assertThat(rush.transferredArms()).containsExactly(ARM, ARM2);
        assertThat(rush).hasToString("rush(asha, levels=[1, 3, 9, 27], eta=3, arms=2, searcher=random(seed=1))");
        assertThat(new RushScheduler(new RandomSearcher(SPACE, 1), LOSS, 1, 27, 3, STOPPING, List.of()))
                .hasToString("rush(asha-stopping, levels=[1, 3, 9, 27], eta=3, arms=0, searcher=random(seed=1))");
        assertThat(RushScheduler.hyperband(new RandomSearcher(SPACE, 1), LOSS, 1, 27, 3,
                RungScheduler.BracketSelection.LOOP, false, 0, List.of(ARM)))
                .hasToString("rush(async-hyperband, levels=[1, 3, 9, 27], eta=3, brackets=4 by loop, shared rungs, arms=1, "
                        + "searcher=random(seed=1))");
        assertThat(rush.bestConfig()).isEmpty();
        assertThatThrownBy(() -> rush.bestConfigs(0)).hasMessageContaining("at least 1");
    }

    // ---- against the simulated driver ----

    static final List<String> NAMES = List.of("asha", "asha-stopping", "async-hyperband", "async-hyperband-sample",
            "async-hyperband-per-bracket");

    /** The plain scheduler {@code name}, as {@link Schedulers} builds it, and RUSH over it with {@code arms}. */
    static Scheduler plain(String name, long seed) {
        return RungSchedulerPropertiesTest.create(name, seed, 1);
    }

    static RushScheduler rush(String name, long seed, List<Config> arms) {
        RandomSearcher searcher = new RandomSearcher(SPACE, seed);
        return switch (name) {
            case "asha" -> new RushScheduler(searcher, LOSS, 1, 27, 3, PROMOTION, arms);
            case "asha-stopping" -> new RushScheduler(searcher, LOSS, 1, 27, 3, STOPPING, arms);
            default -> RushScheduler.hyperband(searcher, LOSS, 1, 27, 3,
                    name.endsWith("-sample") ? RungScheduler.BracketSelection.SAMPLE : RungScheduler.BracketSelection.LOOP,
                    name.endsWith("-per-bracket"), seed, arms);
        };
    }

    static List<Config> arms(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5eed);
        List<Config> arms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            arms.add(SPACE.sample(rng));
        }
        return arms;
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    @Property(tries = 80)
    void withAnEmptyTaskStoreRushDecidesExactlyAsThePlainScheduler(
            @ForAll("names") String name, @ForAll @IntRange(min = 1, max = 6) int workers,
            @ForAll @IntRange(min = 1, max = 150) int trials, @ForAll long seed, @ForAll boolean coarse) {
        SchedulerDriver rushed = new SchedulerDriver(rush(name, seed, List.of()));
        rushed.run(workers, trials, RungSchedulerPropertiesTest.curve(seed, coarse), seed, new SchedulerDriver.Observer() { });
        SchedulerDriver reference = new SchedulerDriver(plain(name, seed));
        reference.run(workers, trials, RungSchedulerPropertiesTest.curve(seed, coarse), seed, new SchedulerDriver.Observer() { });
        assertThat(rushed.log).isEqualTo(reference.log);
    }

    /**
     * Checks every answer against a model: the thresholds are the best arm value at each level so far;
     * a non-arm trial is stopped at a rung exactly when the plain rule or the threshold says so
     * (stopping), pauses only when not worse than the threshold and is stopped only when worse
     * (promotion), and is promoted only when its rung value is not worse than the threshold.
     */
    @Property(tries = 80)
    void noTrialWorseThanTheBestTransferredArmPassesARung(
            @ForAll("names") String name, @ForAll @IntRange(min = 0, max = 3) int armCount,
            @ForAll @IntRange(min = 1, max = 5) int workers, @ForAll @IntRange(min = 1, max = 120) int trials,
            @ForAll long seed, @ForAll boolean coarse) {
        RushScheduler rush = rush(name, seed, arms(armCount, seed));
        int m = rush.transferredArms().size();
        List<Long> levels = List.of(1L, 3L, 9L, 27L);
        Map<Long, Double> threshold = new HashMap<>();
        Map<Long, List<double[]>> rungs = new HashMap<>();
        Map<Integer, double[]> pausedAt = new HashMap<>(); // trial -> {level, loss}
        new SchedulerDriver(rush).run(workers, trials, RungSchedulerPropertiesTest.curve(seed, coarse), seed,
                new SchedulerDriver.Observer() {
                    @Override
                    public void decided(Trial t, Result r, Decision d) {
                        long level = r.resource();
                        double v = r.value(LOSS);
                        if (t.id() < m) {
                            assertThat(d).as("arm %d at %d", t.id(), level).isEqualTo(Decision.CONTINUE);
                            if (levels.contains(level)) {
                                threshold.merge(level, v, Math::min);
                            }
                            return;
                        }
                        Double th = threshold.get(level);
                        boolean worse = th != null && v > th;
                        if (name.equals("asha-stopping")) {
                            if (!levels.contains(level) || level == 27) {
                                assertThat(d).isEqualTo(Decision.CONTINUE);
                                return;
                            }
                            List<double[]> rung = rungs.computeIfAbsent(level, k -> new ArrayList<>());
                            rung.add(new double[] {v, t.id()});
                            long better = rung.stream().filter(e -> e[0] < v || (e[0] == v && e[1] < t.id())).count();
                            boolean top = better * 3 < rung.size();
                            assertThat(d instanceof Decision.Continue).as("rank %d of %d, threshold %s, value %s",
                                    better, rung.size(), th, v).isEqualTo(top && !worse);
                            return;
                        }
                        if (d instanceof Decision.Stop) {
                            assertThat(worse).as("stopped at %d with %s, threshold %s", level, v, th).isTrue();
                        } else if (d instanceof Decision.Pause) {
                            assertThat(worse).as("paused at %d with %s, threshold %s", level, v, th).isFalse();
                            pausedAt.put(t.id(), new double[] {level, v});
                        }
                    }

                    @Override
                    public void resumed(Suggestion.Resume s, Map<Integer, Trial> all) {
                        assertThat(s.trialId()).isGreaterThanOrEqualTo(m);
                        double[] at = pausedAt.get(s.trialId());
                        Double th = threshold.get((long) at[0]);
                        assertThat(th == null || at[1] <= th).as("promoted with %s at %s, threshold %s", at[1], at[0], th)
                                .isTrue();
                    }
                });
    }

    @ParameterizedTest
    @EnumSource(RungScheduler.Type.class)
    void transferredArmsStartFirstInOrderAndRunToTheMaximum(RungScheduler.Type type) {
        RushScheduler rush = new RushScheduler(new RandomSearcher(SPACE, 3), LOSS, 1, 27, 3, type, List.of(ARM, ARM2));
        SchedulerDriver driver = new SchedulerDriver(rush);
        driver.run(3, 40, RungSchedulerPropertiesTest.curve(3, false), 3, new SchedulerDriver.Observer() { });
        List<SchedulerDriver.Call> starts = driver.log.stream()
                .filter(c -> c instanceof SchedulerDriver.Call.Suggest s && s.answer().isPresent()).limit(2).toList();
        assertThat(starts).containsExactly(
                new SchedulerDriver.Call.Suggest(0, true, Optional.of(new Suggestion.Start(ARM, 27))),
                new SchedulerDriver.Call.Suggest(1, true, Optional.of(new Suggestion.Start(ARM2, 27))));
        for (int arm = 0; arm < 2; arm++) {
            Trial t = driver.trials.get(arm);
            assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(t.lastResource()).isEqualTo(27);
            int id = arm;
            assertThat(driver.log).filteredOn(c -> c instanceof SchedulerDriver.Call.Report r && r.trial() == id)
                    .hasSize(27).allMatch(c -> ((SchedulerDriver.Call.Report) c).answer() instanceof Decision.Continue);
        }
        // every level's threshold is the better arm's value there
        SchedulerDriver.Curve curve = RungSchedulerPropertiesTest.curve(3, false);
        for (long level : new long[] {1, 3, 9, 27}) {
            assertThat(rush.thresholds().get(level)).isEqualTo(Math.min(curve.value(0, level), curve.value(1, level)));
        }
        assertThat(driver.trials).hasSize(40);
    }

    @Property(tries = 60)
    void replayingTheEventsIntoAFreshRushSchedulerGivesTheSameAnswers(
            @ForAll("names") String name, @ForAll @IntRange(min = 0, max = 3) int armCount,
            @ForAll @IntRange(min = 1, max = 5) int workers, @ForAll @IntRange(min = 1, max = 100) int trials,
            @ForAll long seed) {
        RushScheduler original = rush(name, seed, arms(armCount, seed));
        SchedulerDriver driver = new SchedulerDriver(original);
        driver.run(workers, trials, RungSchedulerPropertiesTest.curve(seed, true), seed, new SchedulerDriver.Observer() { });
        RushScheduler fresh = rush(name, seed, arms(armCount, seed));
        assertThat(SchedulerDriver.replay(driver.log, fresh)).isEqualTo(driver.log);
        assertThat(fresh.bestConfigs(3)).isEqualTo(original.bestConfigs(3));
        assertThat(fresh.thresholds()).isEqualTo(original.thresholds());
    }

    // ---- the in-rungs variant (the algorithm box: A* inside the successive-halving rungs) ----

    /** Arms in ASHA's rungs: they pause and are promoted like any trial, and only where they are recorded is there a threshold. */
    @Test
    void inRungsThresholdsComeFromArmsRecordedInTheRungsAndBindArmsToo() {
        RushScheduler rush = RushScheduler.inRungs(NUMBERED, LOSS, 1, 9, 3, PROMOTION, List.of(ARM, ARM2, ARM));
        assertThat(rush.armsInRungs()).isTrue();
        assertThat(rush.transferredArms()).containsExactly(ARM, ARM2);
        Hand h = new Hand(rush);
        assertThat(h.suggest(true)).contains(new Suggestion.Start(ARM, 1)); // bottom rung, as any ASHA trial
        assertThat(h.suggest(true)).contains(new Suggestion.Start(ARM2, 1));
        assertThat(h.report(0, 1, 0.5)).isInstanceOf(Decision.Pause.class); // the arm pauses like anyone
        assertThat(rush.thresholds()).containsExactly(Map.entry(1L, 0.5));
        Decision arm2 = h.report(1, 1, 0.55); // a transferred arm worse than the best one is stopped too
        assertThat(arm2).isInstanceOf(Decision.Stop.class);
        assertThat(arm2.reason()).contains("0.55 is worse than the best transferred configuration's 0.5 (trial 0) at r=1");
        int worse = h.start();
        assertThat(h.report(worse, 1, 0.52)).isInstanceOf(Decision.Stop.class);
        assertThat(rush.thresholds()).containsExactly(Map.entry(1L, 0.5)); // nothing above the arm's rung
        // rung 0 holds 0.5 (arm), 0.52, 0.55: ASHA promotes its top third, the arm
        assertThat(h.suggest(false)).contains(new Suggestion.Resume(0, 3, "promoted from rung 0 (r=1): rank 1 of 3, top 1 promotable"));
        assertThat(h.report(0, 2, 0.45)).isEqualTo(Decision.CONTINUE);
        assertThat(h.report(0, 3, 0.4)).isInstanceOf(Decision.Pause.class);
        assertThat(rush.thresholds()).containsExactly(Map.entry(1L, 0.5), Map.entry(3L, 0.4));
        int a = h.start();
        int b = h.start();
        int c = h.start();
        assertThat(h.report(a, 1, 0.3)).isInstanceOf(Decision.Pause.class);
        assertThat(h.report(b, 1, 0.2)).isInstanceOf(Decision.Pause.class);
        assertThat(h.report(c, 1, 0.1)).isInstanceOf(Decision.Pause.class);
        assertThat(h.suggest(false)).contains(new Suggestion.Resume(c, 3, "promoted from rung 0 (r=1): rank 1 of 6, top 2 promotable"));
        Decision at3 = h.report(c, 3, 0.41);
        assertThat(at3).isInstanceOf(Decision.Stop.class);
        assertThat(at3.reason()).contains("0.41 is worse than the best transferred configuration's 0.4 (trial 0) at r=3");
        assertThat(h.suggest(false)).contains(new Suggestion.Resume(b, 3, "promoted from rung 0 (r=1): rank 2 of 6, top 2 promotable"));
        assertThat(h.report(b, 3, 0.4)).isInstanceOf(Decision.Pause.class); // a tie passes
        // rung 1 holds 0.4 (arm), 0.4, 0.41: the arm (tie to the lower id) goes on to r=9 like any trial
        assertThat(h.suggest(false)).contains(new Suggestion.Resume(0, 9, "promoted from rung 1 (r=3): rank 1 of 3, top 1 promotable"));
        assertThat(h.report(0, 9, 0.35)).isEqualTo(Decision.CONTINUE);
        assertThat(rush.thresholds()).containsExactly(Map.entry(1L, 0.5), Map.entry(3L, 0.4), Map.entry(9L, 0.35));
    }

    /** An arm that ASHA does not promote past its rung leaves every rung above it without a threshold: plain ASHA there. */
    @Test
    void inRungsAnArmThatIsNotPromotedGivesNoThresholdAboveItsRung() {
        RushScheduler rush = RushScheduler.inRungs(NUMBERED, LOSS, 1, 9, 3, PROMOTION, List.of(ARM));
        Hand h = new Hand(rush);
        int arm = h.start();
        int a = h.start();
        int b = h.start();
        assertThat(h.report(arm, 1, 0.5)).isInstanceOf(Decision.Pause.class);
        assertThat(h.report(a, 1, 0.2)).isInstanceOf(Decision.Pause.class);
        assertThat(h.report(b, 1, 0.3)).isInstanceOf(Decision.Pause.class);
        assertThat(h.suggest(false)).contains(new Suggestion.Resume(a, 3, "promoted from rung 0 (r=1): rank 1 of 3, top 1 promotable"));
        assertThat(h.report(a, 3, 0.9)).isInstanceOf(Decision.Pause.class); // however bad: no arm reached r=3
        assertThat(rush.thresholds()).containsExactly(Map.entry(1L, 0.5));
        assertThat(h.trials.get(arm).status()).isEqualTo(TrialStatus.PAUSED);
        assertThat(rush).hasToString("rush-in-rungs(asha, levels=[1, 3, 9], eta=3, arms=1, searcher=" + NUMBERED + ")");
    }

    @Test
    void inRungsStoppingStopsWhereAshaWouldContinueAndLetsTiesPass() {
        RushScheduler rush = RushScheduler.inRungs(NUMBERED, LOSS, 1, 9, 3, STOPPING, List.of(ARM));
        Hand h = new Hand(rush);
        assertThat(h.suggest(true)).contains(new Suggestion.Start(ARM, 9));
        assertThat(h.report(0, 1, 0.5)).isEqualTo(Decision.CONTINUE);
        for (double v : new double[] {0.6, 0.7, 0.8}) {
            int t = h.start();
            assertThat(h.report(t, 1, v).reason()).contains("continuing needs top 1/3"); // ASHA's own stop
        }
        int worse = h.start();
        Decision d = h.report(worse, 1, 0.55); // rank 2 of 5: plain ASHA continues
        assertThat(d).isInstanceOf(Decision.Stop.class);
        assertThat(d.reason()).isEqualTo("at rung 0 (r=1): loss 0.55 is worse than the best transferred configuration's 0.5 "
                + "(trial 0) at r=1, continuing needs at least as good");
        int tie = h.start();
        assertThat(h.report(tie, 1, 0.5)).isEqualTo(Decision.CONTINUE);
        assertThat(h.report(0, 3, 0.4)).isEqualTo(Decision.CONTINUE);
        assertThat(rush.thresholds()).containsExactly(Map.entry(1L, 0.5), Map.entry(3L, 0.4));
        assertThat(h.report(tie, 3, 0.41)).isInstanceOf(Decision.Stop.class); // ASHA: rank 2 of 2
        assertThat(h.report(0, 9, 0.3)).isEqualTo(Decision.CONTINUE);
        h.end(0, TrialStatus.COMPLETED, "reached resource 9");
        assertThat(rush.bestConfig()).contains(ARM);
    }

    @Provide
    Arbitrary<RungScheduler.Type> types() {
        return Arbitraries.of(RungScheduler.Type.class);
    }

    @Property(tries = 80)
    void inRungsWithAnEmptyTaskStoreDecidesExactlyAsAsha(
            @ForAll("types") RungScheduler.Type type, @ForAll @IntRange(min = 1, max = 6) int workers,
            @ForAll @IntRange(min = 1, max = 150) int trials, @ForAll long seed, @ForAll boolean coarse) {
        SchedulerDriver rushed = new SchedulerDriver(RushScheduler.inRungs(new RandomSearcher(SPACE, seed), LOSS, 1, 27, 3,
                type, List.of()));
        rushed.run(workers, trials, RungSchedulerPropertiesTest.curve(seed, coarse), seed, new SchedulerDriver.Observer() { });
        SchedulerDriver reference = new SchedulerDriver(plain(type == PROMOTION ? "asha" : "asha-stopping", seed));
        reference.run(workers, trials, RungSchedulerPropertiesTest.curve(seed, coarse), seed, new SchedulerDriver.Observer() { });
        assertThat(rushed.log).isEqualTo(reference.log);
    }

    /**
     * The in-rungs variant against a model: arms start first in order at the bottom rung; the thresholds
     * are the best arm value recorded at each rung so far; any trial (arm or not) is stopped at a rung
     * exactly when the plain rule or the threshold says so (stopping), pauses at a rung below the top
     * exactly when not worse than the threshold (promotion), and is promoted only when not worse.
     */
    @Property(tries = 80)
    void inRungsNoTrialWorseThanTheBestTransferredArmPassesARung(
            @ForAll("types") RungScheduler.Type type, @ForAll @IntRange(min = 0, max = 3) int armCount,
            @ForAll @IntRange(min = 1, max = 5) int workers, @ForAll @IntRange(min = 1, max = 120) int trials,
            @ForAll long seed, @ForAll boolean coarse) {
        List<Config> arms = arms(armCount, seed);
        RushScheduler rush = RushScheduler.inRungs(new RandomSearcher(SPACE, seed), LOSS, 1, 27, 3, type, arms);
        int m = rush.transferredArms().size();
        List<Long> levels = List.of(1L, 3L, 9L, 27L);
        Map<Long, Double> threshold = new HashMap<>();
        Map<Long, List<double[]>> rungs = new HashMap<>();
        Map<Integer, double[]> pausedAt = new HashMap<>(); // trial -> {level, loss}
        SchedulerDriver driver = new SchedulerDriver(rush);
        driver.run(workers, trials, RungSchedulerPropertiesTest.curve(seed, coarse), seed, new SchedulerDriver.Observer() {
            @Override
            public void decided(Trial t, Result r, Decision d) {
                long level = r.resource();
                double v = r.value(LOSS);
                if (!levels.contains(level) || level == 27) {
                    assertThat(d).isEqualTo(Decision.CONTINUE);
                    return;
                }
                if (t.id() < m) {
                    threshold.merge(level, v, Math::min);
                }
                Double th = threshold.get(level);
                boolean worse = th != null && v > th;
                if (type == STOPPING) {
                    List<double[]> rung = rungs.computeIfAbsent(level, k -> new ArrayList<>());
                    rung.add(new double[] {v, t.id()});
                    long better = rung.stream().filter(e -> e[0] < v || (e[0] == v && e[1] < t.id())).count();
                    assertThat(d instanceof Decision.Continue).as("rank %d of %d, threshold %s, value %s",
                            better, rung.size(), th, v).isEqualTo(better * 3 < rung.size() && !worse);
                    return;
                }
                assertThat(d instanceof Decision.Stop).as("at %d with %s, threshold %s", level, v, th).isEqualTo(worse);
                if (d instanceof Decision.Pause) {
                    pausedAt.put(t.id(), new double[] {level, v});
                }
            }

            @Override
            public void resumed(Suggestion.Resume s, Map<Integer, Trial> all) {
                double[] at = pausedAt.get(s.trialId());
                Double th = threshold.get((long) at[0]);
                assertThat(th == null || at[1] <= th).as("promoted with %s at %s, threshold %s", at[1], at[0], th).isTrue();
            }
        });
        for (int i = 0; i < Math.min(m, driver.trials.size()); i++) {
            assertThat(driver.trials.get(i).config()).isEqualTo(rush.transferredArms().get(i));
        }
    }

    @Property(tries = 40)
    void inRungsReplayingTheEventsIntoAFreshSchedulerGivesTheSameAnswers(
            @ForAll("types") RungScheduler.Type type, @ForAll @IntRange(min = 0, max = 3) int armCount,
            @ForAll @IntRange(min = 1, max = 5) int workers, @ForAll @IntRange(min = 1, max = 100) int trials,
            @ForAll long seed) {
        RushScheduler original = RushScheduler.inRungs(new RandomSearcher(SPACE, seed), LOSS, 1, 27, 3, type, arms(armCount, seed));
        SchedulerDriver driver = new SchedulerDriver(original);
        driver.run(workers, trials, RungSchedulerPropertiesTest.curve(seed, true), seed, new SchedulerDriver.Observer() { });
        RushScheduler fresh = RushScheduler.inRungs(new RandomSearcher(SPACE, seed), LOSS, 1, 27, 3, type, arms(armCount, seed));
        assertThat(SchedulerDriver.replay(driver.log, fresh)).isEqualTo(driver.log);
        assertThat(fresh.bestConfigs(3)).isEqualTo(original.bestConfigs(3));
        assertThat(fresh.thresholds()).isEqualTo(original.thresholds());
    }

    // ---- the task store ----

    @Test
    void theTaskStoreRoundTripsThroughJson(@TempDir Path dir) throws Exception {
        TaskStore store = new TaskStore(2);
        Config mixed = Config.of(Map.of("lr", 0.001, "layers", 3, "act", "relu", "bn", true, "wd", 1.0));
        Config other = Config.of(Map.of("lr", 0.1, "layers", 2, "act", "tanh", "bn", false, "wd", 0.0));
        Config third = Config.of(Map.of("lr", 1e-7, "layers", 9, "act", "gelu", "bn", false, "wd", 5e-4));
        store.finishTask("adult", List.of(mixed, other, third)); // top 2 kept
        store.finishTask("higgs", List.of(other, third));
        assertThat(store.arms()).containsExactly(mixed, other, third);
        assertThat(store.bestOf("adult")).containsExactly(mixed, other);
        Path file = dir.resolve("sub/store.json");
        store.save(file);
        TaskStore back = TaskStore.load(file);
        assertThat(back).isEqualTo(store);
        assertThat(back.topK()).isEqualTo(2);
        assertThat(back.tasks()).containsExactly("adult", "higgs");
        assertThat(back.arms().get(0).get("layers")).isEqualTo(3L);
        assertThat(back.arms().get(0).get("wd")).isEqualTo(1.0);
        assertThat(back.arms().get(0).get("bn")).isEqualTo(true);
        assertThat(back.arms().get(2).get("lr")).isEqualTo(1e-7);
        store.save(file); // overwrites
        assertThat(TaskStore.load(file)).isEqualTo(store);
        assertThat(Files.list(file.getParent())).containsExactly(file); // no temporary file left

        assertThat(TaskStore.loadOrEmpty(dir.resolve("none.json"), 3)).isEqualTo(new TaskStore(3));
        assertThatThrownBy(() -> TaskStore.load(dir.resolve("none.json"))).hasMessageContaining("none.json does not exist");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"arms\": [{\"x\": [1, 2]}]}");
        assertThatThrownBy(() -> TaskStore.load(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("arms[0]: parameter 'x' has unsupported value [1,2]");
        Files.writeString(bad, "{\"arms\": ");
        assertThatThrownBy(() -> TaskStore.load(bad)).hasMessageContaining("bad.json is not valid JSON");
        Files.writeString(bad, "{\"version\": 2, \"arms\": []}");
        assertThatThrownBy(() -> TaskStore.load(bad)).hasMessageContaining("unsupported version 2");
        assertThatThrownBy(() -> new TaskStore(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> store.bestOf("covtype")).hasMessageContaining("no task 'covtype'");
    }

    @Test
    void aTasksBestArmJoinsTheStoreOnlyIfItIsNotAlreadyThere(@TempDir Path dir) {
        Path file = dir.resolve("store.json");
        // task a: optimum at 0.3, empty store (plain ASHA)
        RushScheduler a = runTask(TaskStore.loadOrEmpty(file, 1), 0.3, 11);
        TaskStore store = TaskStore.loadOrEmpty(file, 1);
        Config bestA = a.bestConfig().orElseThrow();
        store.finishTask("a", a.bestConfigs(store.topK()));
        assertThat(store.arms()).containsExactly(bestA);
        store.save(file);

        // task b: the optimum is exactly the transferred arm, which stays best: A* does not grow
        double xa = bestA.getDouble("x");
        RushScheduler b = runTask(TaskStore.load(file), xa, 12);
        assertThat(b.transferredArms()).containsExactly(bestA);
        assertThat(b.bestConfig()).contains(bestA);
        store = TaskStore.load(file);
        store.finishTask("b", b.bestConfigs(store.topK()));
        assertThat(store.arms()).containsExactly(bestA);
        assertThat(store.bestOf("b")).containsExactly(bestA);
        store.save(file);

        // task c: the optimum moved far away, a new configuration wins and joins A*
        double optC = xa < 0.5 ? 0.95 : 0.05;
        RushScheduler c = runTask(TaskStore.load(file), optC, 13);
        Config bestC = c.bestConfig().orElseThrow();
        assertThat(bestC).isNotEqualTo(bestA);
        assertThat(Math.abs(bestC.getDouble("x") - optC)).isLessThan(Math.abs(xa - optC));
        store = TaskStore.load(file);
        store.finishTask("c", c.bestConfigs(store.topK()));
        assertThat(store.arms()).containsExactly(bestA, bestC);
        store.save(file);
        assertThat(TaskStore.load(file).tasks()).containsExactly("a", "b", "c");
    }

    /** One task: loss (x - optimum)^2 + 1/r, 40 trials on 2 simulated workers, RUSH over ASHA with the store's arms. */
    static RushScheduler runTask(TaskStore store, double optimum, long seed) {
        RushScheduler rush = new RushScheduler(new RandomSearcher(SPACE, seed), LOSS, 1, 27, 3, PROMOTION, store.arms());
        SchedulerDriver driver = new SchedulerDriver(rush);
        driver.run(2, 40, (id, r) -> {
            double x = driver.trials.get(id).config().getDouble("x");
            return (x - optimum) * (x - optimum) + 1.0 / r;
        }, seed, new SchedulerDriver.Observer() { });
        return rush;
    }

    // ---- end to end through the real tuner ----

    @ParameterizedTest
    @EnumSource(RungScheduler.Type.class)
    void aStoreHoldingOneGoodArmTrainsFewerEpochsThanPlainAshaThroughTheTuner(RungScheduler.Type type) {
        QuadraticObjective plainQ = new QuadraticObjective();
        TuningResult plain = Tuner.builder()
                .scheduler(new AshaScheduler(new RandomSearcher(SPACE, 7), LOSS, 1, 27L, 3, type))
                .objective(plainQ).workers(3).maxTrials(60).run();
        QuadraticObjective rushQ = new QuadraticObjective();
        RushScheduler rush = new RushScheduler(new RandomSearcher(SPACE, 7), LOSS, 1, 27, 3, type, List.of(ARM));
        TuningResult r = Tuner.builder().scheduler(rush).objective(rushQ).workers(3).maxTrials(60).run();

        assertThat(r.countByStatus().get(TrialStatus.FAILED)).as(r.stopReason()).isZero();
        assertThat(plain.countByStatus().get(TrialStatus.FAILED)).isZero();
        assertThat(r.trials()).hasSize(60);
        assertThat(r.totalResource()).isEqualTo(rushQ.epochsTrained.get());
        assertThat(rushQ.epochsTrained.get()).as("rush %d vs asha %d epochs", rushQ.epochsTrained.get(), plainQ.epochsTrained.get())
                .isLessThan(plainQ.epochsTrained.get());
        Trial arm = r.trials().get(0);
        assertThat(arm.config()).isEqualTo(ARM);
        assertThat(arm.status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(arm.lastResource()).isEqualTo(27);
        assertThat(rush.bestConfig()).contains(ARM);
        assertThat(r.best().orElseThrow().config()).isEqualTo(ARM);
        for (Trial t : r.trials()) {
            assertThat(t.status()).isIn(TrialStatus.PAUSED, TrialStatus.STOPPED, TrialStatus.COMPLETED);
        }
    }

    @org.junit.jupiter.api.Test
    void inRungsThresholdsCanStartAtALaterRung() {
        double[] loss = {0.1, 0.9, 0.8, 0.2}; // trial 0 is the transferred arm
        for (int first : new int[] {0, 1}) {
            RushScheduler rush = RushScheduler.inRungs(numbered(), LOSS, 1, 9, 3, RungScheduler.Type.STOPPING,
                    List.of(Config.of(Map.of("x", 0.3))), first);
            Decision last = null;
            for (int id = 0; id < loss.length; id++) {
                Suggestion.Start s = (Suggestion.Start) rush.suggest(id, true).orElseThrow();
                last = rush.onResult(new Trial(id, s.config()), new Result(id, 1, Map.of("loss", loss[id])));
            }
            // trial 3 ranks 2nd of 4 at rung 0: ASHA lets it go on (1 * 3 < 4) but it is worse than the arm
            if (first == 0) {
                assertThat(last).isInstanceOf(Decision.Stop.class);
            } else {
                assertThat(last).isEqualTo(Decision.CONTINUE);
                assertThat(rush.toString()).contains("thresholds from rung 1");
            }
        }
        assertThatThrownBy(() -> RushScheduler.inRungs(numbered(), LOSS, 1, 9, 3, RungScheduler.Type.STOPPING, List.of(), -1))
                .hasMessageContaining("first threshold rung");
    }

    private static Searcher numbered() {
        return id -> java.util.Optional.of(Config.of(Map.of("x", 0.5 + id / 1000.0)));
    }
}
