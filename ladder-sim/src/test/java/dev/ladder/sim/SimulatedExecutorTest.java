package dev.ladder.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedExecutorTest {
    static final Metric LOSS = Metric.minimize("loss");

    static FifoScheduler fifo(long max, double... durations) {
        List<Config> configs = new ArrayList<>();
        for (double d : durations) {
            configs.add(TimedBlackbox.config(d));
        }
        return new FifoScheduler(new ListSearcher(configs), LOSS, max);
    }

    static Recorder.Report report(int trial, long resource, double time) {
        return new Recorder.Report(trial, resource, time, "Continue");
    }

    @Test
    void oneWorkerRunsJobsBackToBackAndTheClockIsTheSumOfTheirDurations() {
        SimulatedExecutor exec = new SimulatedExecutor(TimedBlackbox.linear(2), 1, 1, FailureModel.NONE);
        Recorder rec = new Recorder(exec);
        TuningResult r = Tuner.builder().scheduler(fifo(2, 3, 1, 2)).executor(exec).listener(rec).run();

        assertThat(rec.reports).extracting(Recorder.Report::time).containsExactly(3.0, 6.0, 7.0, 8.0, 10.0, 12.0);
        assertThat(exec.now()).isEqualTo(2 * (3 + 1 + 2));
        assertThat(r.elapsed()).isEqualTo(Duration.ofSeconds(12));
        assertThat(exec.reports()).isEqualTo(6);
        assertThat(r.trials()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
    }

    @Test
    void twoWorkersDeliverReportsInSimulatedTimeOrderWithTiesInSchedulingOrder() {
        SimulatedExecutor exec = new SimulatedExecutor(TimedBlackbox.linear(2), 2, 1, FailureModel.NONE);
        Recorder rec = new Recorder(exec);
        TuningResult r = Tuner.builder().scheduler(fifo(2, 3, 1, 2, 1)).executor(exec).listener(rec).run();

        // trial 2 starts at 2 on the worker trial 1 freed; trial 3 at 6, when trial 0 ends. At t = 6 trial
        // 0's last report (scheduled at 3) comes before trial 2's (scheduled at 4), and both before trial 0's end.
        assertThat(rec.reports).containsExactly(
                report(1, 1, 1), report(1, 2, 2), report(0, 1, 3), report(2, 1, 4),
                report(0, 2, 6), report(2, 2, 6), report(3, 1, 7), report(3, 2, 8));
        assertThat(rec.segments).extracting(Recorder.Segment::trial, Recorder.Segment::start, Recorder.Segment::end)
                .containsExactly(
                        tuple(1, 0.0, 2.0), tuple(0, 0.0, 6.0),
                        tuple(2, 2.0, 6.0), tuple(3, 6.0, 8.0));
        assertThat(r.elapsed()).isEqualTo(Duration.ofSeconds(8));
        assertThat(r.elapsed().toNanos()).isEqualTo(exec.nanoTime());
    }

    @Test
    void aResumedTrialIsChargedOnlyForTheTrainingItHasNotDone() {
        // seconds(r) = d r^2: restarting from 0 would cost d 81 for 0..9, resuming from 3 costs d (81 - 9)
        TimedBlackbox box = new TimedBlackbox(1, 9, (d, r) -> d * r * r);
        SimulatedExecutor exec = new SimulatedExecutor(box, 1, 1, FailureModel.NONE);
        Recorder rec = new Recorder(exec);
        TuningResult r = Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(box.space(), 5), LOSS, 1, 9, 3))
                .executor(exec).listener(rec).maxTrials(27).run();

        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isZero();
        double total = 0;
        for (Recorder.Segment s : rec.segments) {
            double d = r.trials().get(s.trial()).config().getDouble("d");
            assertThat(s.charge()).as("segment %s", s).isCloseTo(d * (s.to() * s.to() - s.from() * s.from()), within(1e-9));
            total += s.charge();
        }
        assertThat(rec.segments).anySatisfy(s -> {
            assertThat(s.from()).isEqualTo(3);
            assertThat(s.to()).isEqualTo(9);
        });
        assertThat(exec.now()).isCloseTo(total, within(1e-6));
        assertThat(r.elapsed().toNanos()).isEqualTo(exec.nanoTime());
    }

    @Test
    void aSingleFidelityBlackboxReportsOnlyAtItsOneLevel() {
        TimedBlackbox box = new TimedBlackbox(10, 10, (d, r) -> d * r);
        SimulatedExecutor exec = new SimulatedExecutor(box, 2, 1, FailureModel.NONE);
        Recorder rec = new Recorder(exec);
        Tuner.builder().scheduler(fifo(10, 1, 2)).executor(exec).listener(rec).run();

        assertThat(rec.reports).containsExactly(report(0, 10, 10), report(1, 10, 20));
    }

    @Test
    void aJobAboveTheBlackboxMaximumStopsAtItsLastLevel() {
        SimulatedExecutor exec = new SimulatedExecutor(TimedBlackbox.linear(3), 1, 1, FailureModel.NONE);
        TuningResult r = Tuner.builder().scheduler(fifo(100, 1)).executor(exec).run();

        assertThat(r.trials().get(0).status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(r.trials().get(0).lastResource()).isEqualTo(3);
        assertThat(exec.now()).isEqualTo(3.0);
    }

    @Test
    void aJobBelowTheBlackboxMinimumFailsNamingTheLevels() {
        TimedBlackbox box = new TimedBlackbox(10, 10, (d, r) -> d * r);
        SimulatedExecutor exec = new SimulatedExecutor(box, 1, 1, FailureModel.NONE);
        TuningResult r = Tuner.builder().scheduler(fifo(3, 1)).executor(exec).run();

        assertThat(r.trials().get(0).status()).isEqualTo(TrialStatus.FAILED);
        assertThat(r.trials().get(0).reason()).isEqualTo(
                "job from resource 0 to 3 holds no resource level of blackbox timed(10..10) (10..10)");
    }

    @Test
    void anAnswerInsideTheDeliveryIsHandledAndASecondAnswerIsRefused() {
        SimulatedExecutor exec = new SimulatedExecutor(TimedBlackbox.linear(3), 1, 1, FailureModel.NONE);
        List<String> seen = new ArrayList<>();
        List<TrialEvent.Reported> unanswered = new ArrayList<>();
        exec.start(new Job(0, TimedBlackbox.config(2), 0, 3, Path.of(".")), e -> {
            seen.add(e.getClass().getSimpleName() + "@" + exec.now());
            if (e instanceof TrialEvent.Reported rep) {
                rep.reply().send(true); // re-entrant: the answer arrives before accept returns
                unanswered.add(rep);
            }
        });
        for (int i = 0; i < 4; i++) {
            exec.awaitingEvent();
        }
        assertThat(seen).containsExactly("Reported@2.0", "Reported@4.0", "Reported@6.0", "Ended@6.0");
        assertThatThrownBy(() -> unanswered.get(0).reply().send(true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("second answer");
        exec.awaitingEvent(); // nothing pending: posts nothing
        assertThat(seen).hasSize(4);
    }

    @Test
    void refusesMoreJobsThanWorkersAndTwoJobsOfOneTrial() {
        SimulatedExecutor exec = new SimulatedExecutor(TimedBlackbox.linear(3), 1, 1, FailureModel.NONE);
        exec.start(new Job(0, TimedBlackbox.config(1), 0, 3, Path.of(".")), e -> { });
        assertThatThrownBy(() -> exec.start(new Job(1, TimedBlackbox.config(1), 0, 3, Path.of(".")), e -> { }))
                .hasMessageContaining("all 1 simulated workers are busy");
        SimulatedExecutor two = new SimulatedExecutor(TimedBlackbox.linear(3), 2, 1, FailureModel.NONE);
        two.start(new Job(0, TimedBlackbox.config(1), 0, 3, Path.of(".")), e -> { });
        assertThatThrownBy(() -> two.start(new Job(0, TimedBlackbox.config(1), 0, 3, Path.of(".")), e -> { }))
                .hasMessageContaining("previous job still runs");
        assertThatThrownBy(() -> new SimulatedExecutor(TimedBlackbox.linear(3), 0, 1, FailureModel.NONE))
                .hasMessageContaining("workers must be at least 1");
    }

    @Test
    void aWallTimeLimitIsSimulatedTime() {
        SyntheticBlackbox box = new SyntheticBlackbox(81, 1);
        SimulatedExecutor exec = new SimulatedExecutor(box, 4, 3, FailureModel.NONE);
        long realStart = System.nanoTime();
        TuningResult r = Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(box.space(), 3), box.metric(), 1, 81, 3))
                .executor(exec).maxWallTime(Duration.ofHours(2)).run();
        Duration real = Duration.ofNanos(System.nanoTime() - realStart);

        assertThat(r.stopReason()).startsWith("max wall time PT2H reached");
        // the limit fires at the first event at or after 2 h; running jobs stop at their next report, 1 s later at most
        assertThat(r.elapsed()).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusSeconds(1));
        assertThat(r.trials()).noneMatch(t -> t.status() == TrialStatus.RUNNING);
        assertThat(real).as("real time of 2 simulated hours").isLessThan(Duration.ofSeconds(30));
    }
}
