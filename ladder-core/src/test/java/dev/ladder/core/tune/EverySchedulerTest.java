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
        SchedulerSpec spec = SchedulerSpec.of(name, 1, 27L, name.equals("adaptive") ? 4 : 3).withTrials(60);
        TuningResult r = Tuner.builder()
                .scheduler(Schedulers.create(spec, new RandomSearcher(TunerTest.SPACE, 4), Metric.minimize("loss")))
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
}
