package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Exclusion invariant of the rung schedulers and the median rule (issue 19, part 5). Two schedulers are fed one fixed sequence
 * of reports at irregular resources: A sees every trial and excludes the trials E after the p-th report, B
 * never sees E at all. What holds: every decision A takes on a report after the exclusion, for a trial not
 * in E, equals B's decision on that report, reason included (the reason carries the trial's rank and the
 * rung's size, so the rungs rank exactly as if E had never been there). Decisions before the exclusion may
 * differ, as they should: E was there then.
 */
class ExclusionPropertiesTest {
    private static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    private static final Metric LOSS = Metric.minimize("loss");

    private record Report(int trial, long resource, double loss) {
    }

    @Property(tries = 200)
    void afterAnExclusionTheRungsDecideAsIfTheExcludedTrialsHadNeverBeen(
            @ForAll @IntRange(min = 0, max = 4) int kind, @ForAll @IntRange(min = 2, max = 40) int trials,
            @ForAll @IntRange(min = 0, max = 100) int excludeAtPercent, @ForAll long seed, @ForAll boolean coarse) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Report> reports = reports(rng, trials, coarse);
        Set<Integer> excluded = new HashSet<>();
        for (int t = 0; t < trials; t++) {
            if (rng.nextInt(4) == 0) {
                excluded.add(t);
            }
        }
        int at = reports.size() * excludeAtPercent / 100;
        Scheduler a = scheduler(kind, seed);
        Scheduler b = scheduler(kind, seed);
        Map<Integer, Trial> byId = new java.util.HashMap<>();
        for (int t = 0; t < trials; t++) {
            Suggestion s = a.suggest(t, true).orElseThrow();
            byId.put(t, new Trial(t, ((Suggestion.Start) s).config()));
            if (!excluded.contains(t)) {
                b.suggest(t, true).orElseThrow();
            }
        }
        for (int i = 0; i <= reports.size(); i++) {
            if (i == at) {
                excluded.forEach(a::exclude);
            }
            if (i == reports.size()) {
                break;
            }
            Report r = reports.get(i);
            Result result = new Result(r.trial(), r.resource(), Map.of("loss", r.loss()));
            Decision da = a.onResult(byId.get(r.trial()), result);
            if (excluded.contains(r.trial())) {
                if (i >= at) {
                    assertThat(da).as("an excluded trial enters no rung").isEqualTo(Decision.CONTINUE);
                }
                continue;
            }
            Decision db = b.onResult(byId.get(r.trial()), result);
            if (i >= at) {
                assertThat(da.name() + " " + da.reason()).as("report %d: %s", i, r).isEqualTo(db.name() + " " + db.reason());
            }
        }
    }

    /**
     * ASHA with promotion, ASHA's stopping rule, the median rule (min samples 2), MO-ASHA with promotion and
     * stopping (one objective: its rungs of at most 40 entries are ranked afresh at every use), over levels 1, 3, 9, 27.
     */
    private static Scheduler scheduler(int kind, long seed) {
        return kind >= 3 ? new MoAshaScheduler(new RandomSearcher(SPACE, seed), LOSS, 1, 27, 3,
                kind == 3 ? RungScheduler.Type.PROMOTION : RungScheduler.Type.STOPPING)
                : kind == 2 ? new MedianStoppingRule(new RandomSearcher(SPACE, seed), LOSS, 1, 27, 3, 2)
                : new AshaScheduler(new RandomSearcher(SPACE, seed), LOSS, 1, 27L, 3,
                kind == 0 ? RungScheduler.Type.PROMOTION : RungScheduler.Type.STOPPING);
    }

    /** Each trial reports at increasing, irregular resources (steps of 1 to 10, past 27 at most once), interleaved at random. */
    private static List<Report> reports(SplittableRandom rng, int trials, boolean coarse) {
        List<List<Report>> per = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            List<Report> own = new ArrayList<>();
            double quality = rng.nextDouble();
            for (long r = 1 + rng.nextInt(4); ; r += 1 + rng.nextInt(10)) {
                double loss = quality + 1.0 / r + 0.05 * rng.nextDouble();
                own.add(new Report(t, r, coarse ? Math.round(loss * 4) / 4.0 : loss));
                if (r >= 27) {
                    break;
                }
            }
            per.add(own);
        }
        List<Report> all = new ArrayList<>();
        int[] next = new int[trials];
        int left = per.stream().mapToInt(List::size).sum();
        while (left-- > 0) {
            int t;
            do {
                t = rng.nextInt(trials);
            } while (next[t] == per.get(t).size());
            all.add(per.get(t).get(next[t]++));
        }
        return all;
    }
}
