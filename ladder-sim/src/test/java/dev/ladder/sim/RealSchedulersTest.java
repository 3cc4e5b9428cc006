package dev.ladder.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schedulers of live runs, unchanged, over the synthetic blackbox on 4 simulated workers. */
class RealSchedulersTest {

    @ParameterizedTest
    @ValueSource(strings = {"asha", "hyperband"})
    void runsToTheEndWithoutFailures(String name) {
        SyntheticBlackbox box = new SyntheticBlackbox(81, 1);
        SimulatedExecutor exec = new SimulatedExecutor(box, 4, 1, FailureModel.NONE);
        TuningResult r = Tuner.builder()
                .scheduler(dev.ladder.core.schedule.SchedulerSpec.of(name).maxResource(81L).build(new RandomSearcher(box.space(), 1), box.metric()))
                .executor(exec).maxTrials(300).run();

        assertThat(r.stopReason()).contains("no more work");
        assertThat(r.trials()).hasSize(300);
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isZero();
        assertThat(r.countByStatus().get(TrialStatus.RUNNING)).isZero();
        assertThat(r.trials()).anyMatch(t -> t.lastResource() == 81 && t.status() == TrialStatus.COMPLETED);
        assertThat(r.best().orElseThrow().resource()).isEqualTo(81);
        assertThat(r.best().orElseThrow().value()).isLessThan(0.1);
        assertThat(exec.reports()).isEqualTo(r.totalResource()); // one report per unit of resource
        // 4 workers are busy most of the time: the elapsed time is not far above the total resource / 4
        assertThat(exec.now()).isGreaterThanOrEqualTo(r.totalResource() / 4.0);
    }
}
