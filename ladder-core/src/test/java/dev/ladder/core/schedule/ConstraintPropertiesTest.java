package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Best;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.pareto.ParetoFront;
import dev.ladder.core.search.RandomSearcher;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Constraints: rungs filled with random losses and random feasibility, results and promotions interleaved at
 * random. No infeasible trial is promoted out of a rung while a feasible one waits there; the best and the
 * Pareto front hold feasible results only.
 */
class ConstraintPropertiesTest {
    static final Metric ONE = Metric.minimize("loss").withConstraint("excess");
    static final Metric TWO = Metric.minimize("loss").withObjectives(Metric.maximize("accuracy")).withConstraint("excess");

    @Provide
    Arbitrary<String> promoting() {
        return Arbitraries.of("asha", "async-hyperband", "mo-asha", "mo-asha-two-objectives");
    }

    @Property(tries = 120)
    void noInfeasiblePromotionPassesOverAFeasibleEntry(@ForAll("promoting") String name,
                                                       @ForAll @IntRange(min = 1, max = 200) int trials,
                                                       @ForAll @IntRange(min = 0, max = 100) int infeasiblePercent,
                                                       @ForAll long seed) {
        Metric metric = name.endsWith("two-objectives") ? TWO : ONE;
        Scheduler s = SchedulerSpec.of(name.replace("-two-objectives", "")).maxResource(27L).trials(trials)
                .build(new RandomSearcher(RungSchedulerPropertiesTest.SPACE, seed), metric);
        SplittableRandom rng = new SplittableRandom(seed);
        Map<Integer, Trial> all = new HashMap<>();
        Map<Long, Set<Integer>> waitingFeasible = new HashMap<>(); // rung level -> feasible trials paused there, not promoted
        Map<Integer, Map<String, Double>> lastMetrics = new HashMap<>();
        Map<String, Map<String, Double>> reported = new HashMap<>(); // "trial@resource" -> metrics
        Map<Integer, Long> running = new HashMap<>(); // trial -> resource it runs to
        Best best = null;
        ParetoFront.Builder front = new ParetoFront.Builder(metric);
        while (true) {
            boolean mayStart = all.size() < trials && rng.nextInt(3) > 0;
            Optional<Suggestion> next = s.suggest(all.size(), mayStart);
            if (next.isEmpty() && running.isEmpty() && all.size() >= trials) {
                break;
            }
            if (next.isPresent() && next.get() instanceof Suggestion.Start start) {
                Trial t = new Trial(all.size(), start.config());
                all.put(t.id(), t);
                t.setStatus(TrialStatus.RUNNING, "");
                running.put(t.id(), start.resource());
            } else if (next.isPresent() && next.get() instanceof Suggestion.Resume r) {
                Trial t = all.get(r.trialId());
                long from = t.lastResource();
                boolean feasible = metric.feasible(lastMetrics.get(t.id()));
                Set<Integer> waiting = waitingFeasible.getOrDefault(from, Set.of());
                assertThat(feasible || waiting.isEmpty())
                        .as("%s promoted infeasible trial %d from r=%d while feasible %s wait there", name, t.id(), from, waiting).isTrue();
                waitingFeasible.getOrDefault(from, new HashSet<>()).remove(t.id());
                t.setStatus(TrialStatus.RUNNING, "");
                running.put(t.id(), r.resource());
            }
            if (running.isEmpty()) {
                if (!mayStart && all.size() < trials) {
                    continue;
                }
                break;
            }
            // one running job reports at its target (a rung or the top) and gets its decision
            int id = running.keySet().stream().sorted().toList().get(rng.nextInt(running.size()));
            long resource = running.remove(id);
            Trial t = all.get(id);
            Map<String, Double> m = new HashMap<>();
            m.put("loss", Math.round(rng.nextDouble() * 20) / 20.0 + 1.0 / resource);
            m.put("accuracy", rng.nextDouble());
            m.put("excess", rng.nextInt(100) < infeasiblePercent ? rng.nextDouble() + 0.01 : -rng.nextDouble());
            Result result = new Result(id, resource, m);
            Decision d = s.onResult(t, result);
            t.setLastResource(resource);
            lastMetrics.put(id, m);
            reported.put(id + "@" + resource, m);
            best = Best.update(best, t, result, metric);
            front.add(id, resource, m, 0);
            if (d instanceof Decision.Pause) {
                t.setStatus(TrialStatus.PAUSED, d.reason());
                if (metric.feasible(m)) {
                    waitingFeasible.computeIfAbsent(resource, k -> new HashSet<>()).add(id);
                }
            } else {
                t.setStatus(TrialStatus.COMPLETED, "");
            }
            s.onTrialEnd(t);
        }
        boolean anyFeasible = reported.values().stream().anyMatch(metric::feasible);
        assertThat(best != null).isEqualTo(anyFeasible);
        if (best != null) {
            assertThat(metric.feasible(reported.get(best.trialId() + "@" + best.resource()))).isTrue();
        }
        ParetoFront f = front.build();
        assertThat(f.members().isEmpty()).isEqualTo(!anyFeasible);
        for (ParetoFront.Member member : f.members()) {
            assertThat(metric.feasible(reported.get(member.trialId() + "@" + f.resource()))).as("trial %d on the front", member.trialId()).isTrue();
        }
    }
}
