package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scheduler name runs end to end through the real tuner on worker threads. */
class EverySchedulerTest {

    static java.util.List<String> names() {
        return Schedulers.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void runsWithThreeWorkersAndResumesFromCheckpoints(String name) {
        QuadraticObjective q = new QuadraticObjective();
        SchedulerSpec spec = SchedulerSpec.of(name).maxResource(27L).trials(60);
        TuningResult r = Tuner.builder()
                .scheduler(spec.build(new RandomSearcher(TunerTest.SPACE, 4), Metric.minimize("loss")))
                .objective(q).workers(3).maxTrials(60).run();
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).as(r.stopReason()).isZero();
        assertThat(r.trials()).hasSizeBetween(1, 60);
        assertThat(r.totalResource()).isEqualTo(q.epochsTrained.get()); // no epoch trained twice
        assertThat(r.best()).isPresent();
        for (Trial t : r.trials()) {
            assertThat(t.status()).isIn(TrialStatus.PAUSED, TrialStatus.STOPPED, TrialStatus.COMPLETED);
            if (t.status() == TrialStatus.COMPLETED) {
                assertThat(t.lastResource()).isEqualTo(27);
            }
        }
    }

    /** The journal of a run on three threads, replayed into a fresh scheduler, gives every answer again. */
    @ParameterizedTest
    @MethodSource("names")
    void replayingTheJournalRebuildsTheSchedulersDecisions(String name, @org.junit.jupiter.api.io.TempDir java.nio.file.Path out) {
        SchedulerSpec spec = SchedulerSpec.of(name).maxResource(27L).trials(40);
        java.util.function.Supplier<dev.ladder.core.schedule.Scheduler> fresh = () ->
                spec.build(new RandomSearcher(TunerTest.SPACE, 8), Metric.minimize("loss"));
        TuningResult r = Tuner.builder().scheduler(fresh.get()).objective(new QuadraticObjective(0.02)).workers(3)
                .maxTrials(40).output(out, "e").run();
        assertReplayRebuilds(r, JournalReplay.replay(out.resolve("e/events.jsonl"), fresh.get()));
    }

    /** Every trial of {@code r} again in {@code replay}: config, status, last resource and the reason of its last decision. */
    static void assertReplayRebuilds(TuningResult r, JournalReplay replay) {
        assertThat(replay.calls()).isGreaterThan(r.trials().size());
        for (Trial t : r.trials()) {
            Trial again = replay.state().trial(t.id());
            assertThat(again.config()).isEqualTo(t.config());
            assertThat(again.status()).isEqualTo(t.status());
            assertThat(again.lastResource()).isEqualTo(t.lastResource());
            assertThat(again.reason()).isEqualTo(t.reason());
        }
    }

    @org.junit.jupiter.api.Test
    void aReplayIntoADifferentlySeededSchedulerIsCaught(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) {
        Tuner.builder().scheduler(Schedulers.asha().maxResource(9L).build(new RandomSearcher(TunerTest.SPACE, 1), Metric.minimize("loss")))
                .objective(new QuadraticObjective()).maxTrials(10).output(out, "e").run();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalReplay.replay(out.resolve("e/events.jsonl"),
                        Schedulers.asha().maxResource(9L).build(new RandomSearcher(TunerTest.SPACE, 2), Metric.minimize("loss"))))
                .hasMessageContaining("replay diverged at").hasMessageContaining("events.jsonl: replay diverged at event 2 (start)");
    }
}
