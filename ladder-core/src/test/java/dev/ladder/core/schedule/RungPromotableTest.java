package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link RungScheduler#promotable()} and {@link RungScheduler#started()} against a brute-force model of ASHA's rungs. */
class RungPromotableTest {

    @Property(tries = 60)
    void promotableCountsTheUnpromotedEntriesInTheTopOfEveryRungBelowTheTop(
            @ForAll @IntRange(min = 1, max = 6) int workers, @ForAll @IntRange(min = 1, max = 150) int trials,
            @ForAll long seed, @ForAll boolean coarse) {
        RungScheduler asha = (RungScheduler) RungSchedulerPropertiesTest.create("asha", seed, trials);
        Map<Long, List<double[]>> rungs = new HashMap<>(); // level -> {loss, id}
        Set<String> promoted = new HashSet<>();
        Map<Integer, Long> pausedAt = new HashMap<>();
        int[] checks = {0, 0};
        new SchedulerDriver(asha).run(workers, trials, RungSchedulerPropertiesTest.curve(seed, coarse), seed,
                new SchedulerDriver.Observer() {
                    @Override
                    public void decided(Trial t, Result r, Decision d) {
                        if (d instanceof Decision.Pause) {
                            rungs.computeIfAbsent(r.resource(), k -> new ArrayList<>())
                                    .add(new double[] {r.value(RungSchedulerPropertiesTest.LOSS), t.id()});
                            pausedAt.put(t.id(), r.resource());
                        }
                        check();
                    }

                    @Override
                    public void resumed(Suggestion.Resume s, Map<Integer, Trial> all) {
                        promoted.add(pausedAt.get(s.trialId()) + "#" + s.trialId());
                        check();
                    }

                    private void check() {
                        long model = 0;
                        for (Map.Entry<Long, List<double[]>> e : rungs.entrySet()) {
                            List<double[]> rung = e.getValue();
                            for (double[] x : rung) {
                                long better = rung.stream().filter(y -> y[0] < x[0] || (y[0] == x[0] && y[1] < x[1])).count();
                                if (better < rung.size() / 3 && !promoted.contains(e.getKey() + "#" + (int) x[1])) {
                                    model++;
                                }
                            }
                        }
                        assertThat(asha.promotable()).as("rungs %s", rungs.keySet()).isEqualTo(model);
                        checks[0]++;
                        checks[1] += model > 0 ? 1 : 0;
                    }
                });
        assertThat(asha.started()).isEqualTo(trials);
        assertThat(asha.promotable()).as("a finished run leaves nothing promotable").isZero();
        if (trials >= 30 && workers >= 3) {
            assertThat(checks[1]).as("some check saw promotable entries").isPositive();
        }
    }

    @Property(tries = 20)
    void theStoppingTypeNeverHasPromotableEntries(@ForAll @IntRange(min = 1, max = 80) int trials, @ForAll long seed) {
        RungScheduler asha = (RungScheduler) RungSchedulerPropertiesTest.create("asha-stopping", seed, trials);
        new SchedulerDriver(asha).run(3, trials, RungSchedulerPropertiesTest.curve(seed, false), seed, new SchedulerDriver.Observer() {
            @Override
            public void decided(Trial t, Result r, Decision d) {
                assertThat(asha.promotable()).isZero();
            }
        });
        assertThat(asha.started()).isEqualTo(trials);
    }
}
