package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.RandomSearcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoAshaSchedulerTest {
    static final Metric METRIC = Metric.minimize("loss").withObjectives(Metric.minimize("size")).withConstraint("excess");

    /**
     * A feasible entry that arrived after the rung's last sort (too few arrivals to sort again) is not passed
     * over: before an infeasible entry is promoted the rung is sorted again.
     */
    @Test
    void aFeasibleEntryWaitingUnsortedIsPromotedBeforeAnInfeasibleOne() {
        MoAshaScheduler s = new MoAshaScheduler(new RandomSearcher(RungSchedulerPropertiesTest.SPACE, 1), METRIC, 1, 9, 3,
                RungScheduler.Type.PROMOTION);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            Suggestion.Start start = (Suggestion.Start) s.suggest(i, true).orElseThrow();
            trials.add(new Trial(i, start.config()));
        }
        for (int i = 0; i < 64; i++) { // all infeasible: the better the loss, the smaller the violation
            report(s, trials.get(i), Map.of("loss", (double) i, "size", 64.0 - i, "excess", 1.0 + i));
        }
        Suggestion.Resume first = (Suggestion.Resume) s.suggest(65, false).orElseThrow(); // sorts 64 entries
        assertThat(first.trialId()).isZero(); // no feasible entry anywhere: the least infeasible goes on
        report(s, trials.get(64), Map.of("loss", 100.0, "size", 100.0, "excess", -1.0)); // 1 < 64/32 new entries: no sort due
        Suggestion.Resume second = (Suggestion.Resume) s.suggest(65, false).orElseThrow();
        assertThat(second.trialId()).isEqualTo(64);
        assertThat(second.reason()).contains("rank 1 of 65");
    }

    @Test
    void theStoppingRuleKeepsTheFrontAndStopsWhatItDominates() {
        MoAshaScheduler s = new MoAshaScheduler(new RandomSearcher(RungSchedulerPropertiesTest.SPACE, 1),
                Metric.minimize("loss").withObjectives(Metric.minimize("size")), 1, 9, 3, RungScheduler.Type.STOPPING);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Suggestion.Start start = (Suggestion.Start) s.suggest(i, true).orElseThrow();
            assertThat(start.resource()).isEqualTo(9);
            trials.add(new Trial(i, start.config()));
        }
        // a front of three (a trade-off), then one dominated by all of them: 4th of 4, outside the top 1/3 (the front
        // that holds the cut dominates it, so its place behind that front is all the rule needs to know)
        assertThat(report(s, trials.get(0), Map.of("loss", 1.0, "size", 3.0))).isEqualTo(Decision.CONTINUE);
        assertThat(report(s, trials.get(1), Map.of("loss", 3.0, "size", 1.0))).isEqualTo(Decision.CONTINUE);
        Decision third = report(s, trials.get(2), Map.of("loss", 2.0, "size", 2.0)); // rank 3 of 3: stops
        assertThat(third).isInstanceOf(Decision.Stop.class);
        Decision dominated = report(s, trials.get(3), Map.of("loss", 4.0, "size", 4.0));
        assertThat(dominated).isInstanceOf(Decision.Stop.class);
        assertThat(dominated.reason()).contains("rank 4 or lower of 4 by front and crowding").contains("continuing needs top 1/3");
    }

    private static Decision report(MoAshaScheduler s, Trial t, Map<String, Double> metrics) {
        t.setStatus(TrialStatus.RUNNING, "");
        Decision d = s.onResult(t, new Result(t.id(), 1, metrics));
        t.setLastResource(1);
        t.setStatus(d instanceof Decision.Pause ? TrialStatus.PAUSED : d instanceof Decision.Stop ? TrialStatus.STOPPED
                : TrialStatus.RUNNING, d.reason());
        if (!(d instanceof Decision.Continue)) {
            s.onTrialEnd(t);
        }
        return d;
    }
}
