package dev.ladder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.search.RandomSearcher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one-worker call protocol, driven with real schedulers on small N; no timings asserted. */
class DecisionDriverTest {

    static RecordingScheduler recording(String name, long seed) {
        return new RecordingScheduler(dev.ladder.core.schedule.SchedulerSpec.of(name).maxResource(81L)
                        .build(new RandomSearcher(DecisionBenchmark.space(), seed), DecisionBenchmark.METRIC));
    }

    @Test
    void fifoRunsEveryTrialTo81() {
        int n = 50;
        RecordingScheduler s = recording("fifo", 0);
        DecisionDriver driver = new DecisionDriver(s, n);
        DecisionDriver.Run run = driver.run();

        assertThat(run.trialsStarted()).isEqualTo(n);
        assertThat(run.decisions()).isEqualTo(81L * n).isEqualTo(run.latency().count());
        assertThat(run.trialsAtMax()).isEqualTo(n);
        assertThat(run.highestResource()).containsExactly(Map.entry(81, n));
        assertThat(driver.trials()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
        int best = IntStream.range(0, n).boxed().min((a, b) -> Double.compare(SyntheticWorkload.f(a, 81), SyntheticWorkload.f(b, 81))).orElseThrow();
        assertThat(run.bestTrial()).isEqualTo(best);
        assertThat(run.bestValue()).isEqualTo(SyntheticWorkload.f(best, 81));
        assertEveryEpochReportedOnceInOrder(s, driver);
    }

    @Test
    void ashaPromotionsReportEveryEpochOnce() {
        int n = 2000;
        RecordingScheduler s = recording("asha", 7);
        DecisionDriver driver = new DecisionDriver(s, n);
        DecisionDriver.Run run = driver.run();

        assertThat(run.trialsStarted()).isEqualTo(n);
        assertThat(s.startedIds).isEqualTo(IntStream.range(0, n).boxed().toList());
        List<Trial> trials = driver.trials();
        assertThat(trials).extracting(Trial::id).isEqualTo(IntStream.range(0, n).boxed().toList());
        long sumOfHighest = trials.stream().mapToLong(Trial::lastResource).sum();
        assertThat(run.decisions()).isEqualTo(sumOfHighest).isEqualTo(s.reports.size());
        assertThat(run.highestResource().keySet()).isSubsetOf(1, 3, 9, 27, 81);
        assertThat(run.highestResource().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
        assertThat(run.trialsAtMax()).isPositive().isEqualTo(run.highestResource().get(81));
        assertThat(run.highestResource().get(1)).isGreaterThan(run.highestResource().get(3));
        for (Trial t : trials) {
            assertThat(t.status()).as("trial %d", t.id())
                    .isEqualTo(t.lastResource() == 81 ? TrialStatus.COMPLETED : TrialStatus.PAUSED);
        }
        double best = Double.POSITIVE_INFINITY;
        int bestTrial = -1;
        for (Trial t : trials) {
            if (t.lastResource() == 81 && SyntheticWorkload.f(t.id(), 81) < best) {
                best = SyntheticWorkload.f(t.id(), 81);
                bestTrial = t.id();
            }
        }
        assertThat(run.bestTrial()).isEqualTo(bestTrial);
        assertThat(run.bestValue()).isEqualTo(best);
        assertEveryEpochReportedOnceInOrder(s, driver);
    }

    @Test
    void aStoppingSchedulerGoesThroughTheSameLoop() {
        int n = 300;
        ThresholdStopper stopper = new ThresholdStopper(0.6);
        DecisionDriver driver = new DecisionDriver(stopper, n);
        DecisionDriver.Run run = driver.run();

        assertThat(run.trialsStarted()).isEqualTo(n);
        assertThat(run.decisions()).isEqualTo(driver.trials().stream().mapToLong(Trial::lastResource).sum());
        for (Trial t : driver.trials()) {
            boolean stopped = IntStream.rangeClosed(3, 81).anyMatch(r -> SyntheticWorkload.f(t.id(), r) > 0.6);
            assertThat(t.status()).isEqualTo(stopped ? TrialStatus.STOPPED : TrialStatus.COMPLETED);
            assertThat(stopper.ended.get(t.id())).isEqualTo(t.status());
        }
        assertThat(run.highestResource()).containsOnlyKeys(3, 81);
    }

    @Test
    void runsAreReproducible() {
        DecisionDriver.Run a = new DecisionDriver(recording("asha", 3), 1000).run();
        DecisionDriver.Run b = new DecisionDriver(recording("asha", 3), 1000).run();
        assertThat(b.decisions()).isEqualTo(a.decisions());
        assertThat(b.highestResource()).isEqualTo(a.highestResource());
        assertThat(b.bestTrial()).isEqualTo(a.bestTrial());
    }

    @Test
    void protocolViolationsAreNamed() {
        Scheduler greedy = new ThresholdStopper(1.0) {
            @Override
            public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
                return Optional.of(new Suggestion.Start(Config.of(Map.of()), 81));
            }
        };
        assertThatThrownBy(() -> new DecisionDriver(greedy, 2).run())
                .hasMessageContaining("started a trial although 2 trials have started");

        Scheduler zombie = new ThresholdStopper(1.0) {
            @Override
            public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
                return mayStartNew ? super.suggest(nextTrialId, true) : Optional.of(new Suggestion.Resume(0, 81, "again"));
            }
        };
        assertThatThrownBy(() -> new DecisionDriver(zombie, 1).run())
                .hasMessageContaining("asked to resume trial 0 which is COMPLETED");

        Scheduler tooFar = new ThresholdStopper(1.0) {
            @Override
            public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
                return mayStartNew ? Optional.of(new Suggestion.Start(Config.of(Map.of()), 100)) : Optional.empty();
            }
        };
        assertThatThrownBy(() -> new DecisionDriver(tooFar, 1).run())
                .hasMessageContaining("asked to run trial 0 from r=1 up to r=100, outside 1..81");
    }

    @Test
    void aDriverRunsOnce() {
        DecisionDriver d = new DecisionDriver(recording("fifo", 0), 1);
        d.run();
        assertThatThrownBy(d::run).isInstanceOf(IllegalStateException.class);
    }

    /** Each trial's reports are r = 1, 2, ... without gaps or repeats, with the value of its own curve. */
    private static void assertEveryEpochReportedOnceInOrder(RecordingScheduler s, DecisionDriver driver) {
        Map<Integer, Long> last = new HashMap<>();
        for (RecordingScheduler.Report r : s.reports) {
            long expected = last.getOrDefault(r.trialId(), 0L) + 1;
            assertThat(r.resource()).as("trial %d", r.trialId()).isEqualTo(expected);
            assertThat(r.trialLastResource()).isEqualTo(r.resource());
            assertThat(r.value()).isEqualTo(SyntheticWorkload.f(r.trialId(), (int) r.resource()));
            last.put(r.trialId(), r.resource());
        }
        for (Trial t : driver.trials()) {
            assertThat(last.get(t.id())).isEqualTo(t.lastResource());
        }
    }

    /** Starts every trial up to 81 and stops it at r >= 3 once its value is above a threshold. */
    static class ThresholdStopper implements Scheduler {
        final double threshold;
        final Map<Integer, TrialStatus> ended = new HashMap<>();

        ThresholdStopper(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
            return mayStartNew ? Optional.of(new Suggestion.Start(Config.of(Map.of("x0", 0.5)), 81)) : Optional.empty();
        }

        @Override
        public Decision onResult(Trial trial, Result result) {
            return result.resource() >= 3 && result.value(metric()) > threshold ? Decision.stop("above " + threshold) : Decision.CONTINUE;
        }

        @Override
        public void onTrialEnd(Trial trial) {
            ended.put(trial.id(), trial.status());
        }

        @Override
        public Metric metric() {
            return DecisionBenchmark.METRIC;
        }
    }
}
