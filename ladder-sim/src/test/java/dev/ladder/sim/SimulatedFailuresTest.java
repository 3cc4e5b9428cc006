package dev.ladder.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Stragglers, dropped jobs and determinism of whole simulated runs (thesis section 3.3.3). */
class SimulatedFailuresTest {
    static final Pattern DROPPED = Pattern.compile("dropped at t=(\\d+\\.\\d{3})s \\(simulated failure\\)");

    /** Per job: its duration divided by its duration without stragglers. */
    static List<Double> stretches(FailureModel failures) {
        TimedBlackbox box = TimedBlackbox.linear(5);
        SimulatedExecutor exec = new SimulatedExecutor(box, 3, 1, failures);
        Recorder rec = new Recorder(exec);
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new RandomSearcher(box.space(), 2), box.metric(), 5))
                .executor(exec).listener(rec).maxTrials(40).run();
        assertThat(r.countByStatus().get(TrialStatus.COMPLETED)).isEqualTo(40);
        List<Double> out = new ArrayList<>();
        for (Recorder.Segment s : rec.segments) {
            out.add(s.charge() / (r.trials().get(s.trial()).config().getDouble("d") * 5));
        }
        return out;
    }

    @Test
    void stragglersStretchJobsReproducibly() {
        List<Double> stretched = stretches(FailureModel.stragglers(0.5, 9));
        assertThat(stretched).hasSize(40).allSatisfy(f -> assertThat(f).isGreaterThanOrEqualTo(1.0 - 1e-12));
        assertThat(stretched.stream().filter(f -> f > 1.1).count()).isGreaterThan(20);
        assertThat(stretches(FailureModel.stragglers(0.5, 9))).isEqualTo(stretched);
        assertThat(stretches(FailureModel.stragglers(0.5, 10))).isNotEqualTo(stretched);
    }

    @Test
    void withoutStragglersJobsTakeExactlyTheirTime() {
        assertThat(stretches(FailureModel.NONE)).hasSize(40).allSatisfy(f -> assertThat(f).isCloseTo(1.0, within(1e-12)));
    }

    @Test
    void droppedJobsFailWithTheirDropTimeAndTheExperimentGoesOn() {
        SyntheticBlackbox box = new SyntheticBlackbox(27, 1);
        SimulatedExecutor exec = new SimulatedExecutor(box, 4, 1, FailureModel.drops(0.05, 4));
        Recorder rec = new Recorder(exec);
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new RandomSearcher(box.space(), 4), box.metric(), 27))
                .executor(exec).listener(rec).maxTrials(400).maxFailures(1_000_000).run();

        assertThat(r.stopReason()).contains("no more work");
        int failed = r.countByStatus().get(TrialStatus.FAILED);
        int completed = r.countByStatus().get(TrialStatus.COMPLETED);
        assertThat(failed + completed).isEqualTo(400);
        // a job of 27 s survives with probability 0.95^27 = 0.25
        assertThat(completed / 400.0).isCloseTo(Math.pow(0.95, 27), within(0.07));
        for (Recorder.Segment s : rec.segments) {
            if (s.status() == TrialStatus.FAILED) {
                Matcher m = DROPPED.matcher(s.reason());
                assertThat(m.matches()).as(s.reason()).isTrue();
                assertThat(Double.parseDouble(m.group(1))).isCloseTo(s.end(), within(0.0005));
                assertThat(s.to()).isLessThan(27).isEqualTo((long) Math.floor(s.end() - s.start()));
            }
        }
    }

    /** Every report of an ASHA run with stragglers and drops on 4 workers, with its time and decision. */
    static List<String> trace(long failureSeed) {
        SyntheticBlackbox box = new SyntheticBlackbox(81, 1);
        SimulatedExecutor exec = new SimulatedExecutor(box, 4, 5, new FailureModel(0.7, 0.002, failureSeed));
        Recorder rec = new Recorder(exec);
        TuningResult r = Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(box.space(), 5), box.metric(), 1, 81, 3))
                .executor(exec).listener(rec).maxTrials(300).maxFailures(1000).run();
        List<String> out = new ArrayList<>();
        rec.reports.forEach(x -> out.add(x.toString()));
        r.trials().forEach(t -> out.add(t.toString() + " " + t.reason()));
        out.add(r.elapsed() + " " + r.best() + " " + exec.reports());
        return out;
    }

    @Test
    void aRunIsAPureFunctionOfItsSeeds() {
        List<String> first = trace(8);
        assertThat(first.stream().filter(s -> s.contains("simulated failure")).count()).isPositive();
        assertThat(trace(8)).isEqualTo(first);
        assertThat(trace(9)).isNotEqualTo(first);
    }
}
