package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.pareto.ParetoFront;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An experiment with two objectives and a constraint, run on three threads, then its journal replayed. */
class MultiObjectiveReplayTest {
    static final Metric METRIC = Metric.minimize("error").withObjectives(Metric.minimize("size")).withConstraint("excess");

    /** error falls with x and with the resource, size grows with x: a trade-off; x above 0.8 is infeasible. */
    static final Objective TRADE_OFF = (Config c, TrialContext ctx) -> {
        double x = c.getDouble("x");
        for (long r = ctx.resumeFrom() + 1; r <= ctx.maxResource(); r++) {
            if (!ctx.report(r, Map.of("error", 1 - x + 1.0 / r, "size", x * x, "excess", x - 0.8))) {
                return;
            }
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"mo-asha", "mo-asha-stopping"})
    void replayingTheJournalGivesTheSameDecisionsAndTheFrontIsFeasible(String name, @TempDir Path out) {
        Supplier<Scheduler> fresh = () -> Schedulers.entry(name).factory().create(
                dev.ladder.core.schedule.SchedulerSpec.of(name).maxResource(27L), new RandomSearcher(TunerTest.SPACE, 5), METRIC);
        TuningResult r = Tuner.builder().scheduler(fresh.get()).objective(TRADE_OFF).workers(3).maxTrials(60)
                .output(out, "e").run();
        JournalReplay replay = JournalReplay.replay(out.resolve("e/events.jsonl"), fresh.get());
        EverySchedulerTest.assertReplayRebuilds(r, replay);
        ParetoFront front = r.front().orElseThrow();
        assertThat(front.resource()).isEqualTo(27);
        assertThat(front.objectives()).containsExactly("error", "size");
        assertThat(front.members()).hasSizeGreaterThan(1);
        for (ParetoFront.Member m : front.members()) {
            double x = r.trials().get(m.trialId()).config().getDouble("x");
            assertThat(x).isLessThanOrEqualTo(0.8);
            assertThat(m.values()[1]).isEqualTo(x * x);
        }
        assertThat(front.hypervolume()).isPositive();
        assertThat(replay.state().front().orElseThrow().members()).extracting(ParetoFront.Member::trialId)
                .isEqualTo(front.members().stream().map(ParetoFront.Member::trialId).toList());
        assertThat(r.best()).isPresent();
        assertThat(r.trials().get(r.best().get().trialId()).config().getDouble("x")).isLessThanOrEqualTo(0.8);
    }
}
