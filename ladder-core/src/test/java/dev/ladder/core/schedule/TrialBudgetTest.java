package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 19, part 6: a trial budget that brings no trial to the maximum resource is said plainly, with the trials it needs. */
class TrialBudgetTest {
    private static SchedulerSpec rungs(SchedulerSpec s) {
        return s.minResource(1).maxResource(27L).eta(3);
    }

    @Test
    void ashaWithTwentyTrialsOverFourRungsReachesNine() {
        Optional<TrialBudget> b = TrialBudget.check(rungs(Schedulers.asha()), 20);
        assertThat(b.orElseThrow().message()).isEqualTo("warning: with max trials 20, asha brings no trial to the maximum "
                + "resource 27 if every promotion is right (the highest it reaches is 9): one trial gets there with at least "
                + "27 trials; a best at a lower resource is not a finished search");
        assertThat(TrialBudget.check(rungs(Schedulers.asha()), 27)).isEmpty();
        assertThat(TrialBudget.check(rungs(Schedulers.ashaStopping()), 26).orElseThrow().needed()).isEqualTo(27);
        assertThat(TrialBudget.check(rungs(Schedulers.pasha()), 8).orElseThrow().needed()).isEqualTo(27);
    }

    @Test
    void eachKindHasItsOwnCount() {
        // synchronous Hyperband fills its most aggressive bracket (27 configurations) first
        assertThat(TrialBudget.check(rungs(Schedulers.hyperband()), 20).orElseThrow().needed()).isEqualTo(27);
        // sha with early-stopping rate 1 starts at r = 3: eta^(rungs-1-s) = 9
        assertThat(TrialBudget.check(rungs(Schedulers.sha()).earlyStoppingRate(1), 5).orElseThrow().needed()).isEqualTo(9);
        // async Hyperband's loop sends the 4th trial to the bracket that starts at the maximum
        assertThat(TrialBudget.check(rungs(Schedulers.asyncHyperband()), 3).orElseThrow().needed()).isEqualTo(4);
        assertThat(TrialBudget.check(rungs(Schedulers.asyncHyperband()), 4)).isEmpty();
        // fifo and the median rule run every trial to the maximum
        assertThat(TrialBudget.check(Schedulers.fifo().maxResource(27L), 1)).isEmpty();
        assertThat(TrialBudget.check(rungs(Schedulers.median()), 1)).isEmpty();
        // no maximum resource: nothing to reach
        assertThat(TrialBudget.check(Schedulers.asha().maxResource(null), 1)).isEmpty();
    }
}
