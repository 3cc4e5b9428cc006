package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rung engine's three hooks, each overridden alone, over ASHA's settings (levels 1, 3, 9, 27). */
class RungHooksTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    static final Metric LOSS = Metric.minimize("loss");
    static final SchedulerDriver.Curve CURVE = RungSchedulerPropertiesTest.curve(7, false);

    static RungScheduler.Settings asha(RungScheduler.Type type) {
        return AshaScheduler.settings(1, 27L, 3, type);
    }

    static List<Suggestion.Resume> resumes(SchedulerDriver driver) {
        List<Suggestion.Resume> out = new ArrayList<>();
        for (SchedulerDriver.Call c : driver.log) {
            if (c instanceof SchedulerDriver.Call.Suggest s && s.answer().orElse(null) instanceof Suggestion.Resume r) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void nothingIsPromotedOutOfTheTopRungTheHookNames() {
        RungScheduler held = new RungScheduler(new RandomSearcher(SPACE, 1), LOSS, asha(RungScheduler.Type.PROMOTION)) {
            @Override
            protected int topRung() {
                return 1; // r = 3
            }
        };
        SchedulerDriver driver = new SchedulerDriver(held);
        driver.run(3, 60, CURVE, 1, new SchedulerDriver.Observer() { });

        assertThat(resumes(driver)).isNotEmpty().allSatisfy(r -> assertThat(r.resource()).isEqualTo(3));
        assertThat(driver.trials.values()).allSatisfy(t -> assertThat(t.lastResource()).isLessThanOrEqualTo(3));
        // the same run without the hook promotes up to r_max
        SchedulerDriver plain = new SchedulerDriver(new AshaScheduler(new RandomSearcher(SPACE, 1), LOSS, 1, 27, 3));
        plain.run(3, 60, CURVE, 1, new SchedulerDriver.Observer() { });
        assertThat(resumes(plain)).anySatisfy(r -> assertThat(r.resource()).isEqualTo(27));
    }

    @Test
    void aPromotionTheHookRefusesLeavesTheTrialPausedAndTheNextCandidateIsTaken() {
        List<Integer> refused = new ArrayList<>();
        RungScheduler odd = new RungScheduler(new RandomSearcher(SPACE, 1), LOSS, asha(RungScheduler.Type.PROMOTION)) {
            @Override
            protected boolean mayPromote(int trialId, int rung, double loss) {
                if (trialId % 2 == 0) {
                    refused.add(trialId);
                    return false;
                }
                return true;
            }
        };
        SchedulerDriver driver = new SchedulerDriver(odd);
        driver.run(2, 60, CURVE, 3, new SchedulerDriver.Observer() { });

        assertThat(refused).isNotEmpty().doesNotHaveDuplicates(); // a refused entry is retired, not offered again
        assertThat(resumes(driver)).isNotEmpty().allSatisfy(r -> assertThat(r.trialId() % 2).isOne());
        assertThat(refused).allSatisfy(id -> assertThat(driver.trials.get(id).status()).isEqualTo(TrialStatus.PAUSED));
    }

    @Test
    void aTrialTheHookStopsAtARungEndsThereAndAHookThatLoosensADecisionIsRefused() {
        RungScheduler strict = new RungScheduler(new RandomSearcher(SPACE, 1), LOSS, asha(RungScheduler.Type.STOPPING)) {
            @Override
            protected Decision decideAtRung(Entry e, Decision ruled) {
                return e.rung() == 1 ? Decision.stop("no trial passes r=" + e.level()) : ruled;
            }
        };
        SchedulerDriver driver = new SchedulerDriver(strict);
        driver.run(2, 30, CURVE, 5, new SchedulerDriver.Observer() { });
        assertThat(driver.trials.values()).allSatisfy(t -> assertThat(t.lastResource()).isLessThanOrEqualTo(3));
        assertThat(driver.trials.values()).anySatisfy(t -> assertThat(t.reason()).isEqualTo("no trial passes r=3"));

        RungScheduler loose = new RungScheduler(new RandomSearcher(SPACE, 1), LOSS, asha(RungScheduler.Type.STOPPING)) {
            @Override
            protected Decision decideAtRung(Entry e, Decision ruled) {
                return Decision.CONTINUE;
            }
        };
        RushSchedulerTest.Hand h = new RushSchedulerTest.Hand(loose);
        h.start();
        h.start();
        assertThat(h.report(0, 1, 0.1)).isEqualTo(Decision.CONTINUE);
        assertThatThrownBy(() -> h.report(1, 1, 0.3)) // rank 2 of 2 is not in the top 1/3: the rule stops it
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decideAtRung turned stop into continue for trial 1 at rung 0");
    }
}
