package dev.ladder.core.pareto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ParetoRankingTest {

    /** The fronts by binary search equal the fronts by peeling off the non-dominated points again and again. */
    @Property(tries = 60)
    void frontsMatchRepeatedPeeling(@ForAll @IntRange(min = 2, max = 4) int k, @ForAll @IntRange(min = 1, max = 120) int n,
                                    @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(6); // few distinct values: ties and duplicates
        }
        int[] members = new int[n];
        Arrays.setAll(members, i -> i);
        int[][] fronts = NonDominatedSort.fronts(x, k, members, n);
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            left.add(i);
        }
        for (int[] front : fronts) {
            List<Integer> nonDominated = left.stream()
                    .filter(p -> left.stream().noneMatch(q -> Points.dominates(x, k, q, p))).toList();
            assertThat(Arrays.stream(front).boxed().sorted().toList()).isEqualTo(nonDominated);
            left.removeAll(nonDominated);
            for (int p : front) {
                assertThat(NonDominatedSort.dominates(x, k, front, Arrays.copyOfRange(x, p * k, p * k + k))).isFalse();
            }
        }
        assertThat(left).isEmpty();
    }

    /** rankNear is exact where it says so, and otherwise a bound on the same side of the cut as rankOf. */
    @Property(tries = 200)
    void rankNearAgreesWithRankOfAboutTheCut(@ForAll @IntRange(min = 2, max = 4) int k, @ForAll @IntRange(min = 1, max = 150) int n,
                                             @ForAll @IntRange(min = 0, max = 160) int cut, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * k];
        double[] violation = new double[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < k; m++) {
                x[i * k + m] = rng.nextInt(8);
            }
            violation[i] = rng.nextInt(6) == 0 ? 1 + rng.nextInt(3) : 0;
            ids[i] = i;
        }
        ParetoRanking ranking = new ParetoRanking(x, k, violation, ids, n);
        for (int t = 0; t < 20; t++) {
            double[] p = new double[k];
            for (int m = 0; m < k; m++) {
                p[m] = rng.nextInt(8);
            }
            double v = rng.nextInt(6) == 0 ? 1 + rng.nextInt(3) : 0;
            int exact = ranking.rankOf(p, v);
            int[] near = ranking.rankNear(p, v, cut);
            switch (near[1]) {
                case ParetoRanking.EXACT -> assertThat(near[0]).isEqualTo(exact);
                case ParetoRanking.AT_MOST -> assertThat(exact).isLessThanOrEqualTo(near[0]).isLessThanOrEqualTo(cut);
                default -> assertThat(exact).isGreaterThanOrEqualTo(near[0]).isGreaterThan(cut);
            }
            assertThat(near[0] <= cut).isEqualTo(exact <= cut);
        }
    }

    @Test
    void feasiblePointsFirstByFrontThenCrowdingThenInfeasibleByViolation() {
        // losses (2 objectives): 0..3 on the first front, 4 dominated, 5 and 6 infeasible (the best losses)
        double[] x = {0, 4, 1, 3, 2, 1.5, 4, 0, 3, 3, -1, -1, -2, -2};
        double[] violation = {0, 0, 0, 0, 0, 2, 1};
        int[] ids = {10, 11, 12, 13, 14, 15, 16};
        ParetoRanking r = new ParetoRanking(x, 2, violation, ids, 7);
        // extremes 0 and 3 (infinite distance), then 2 (3/4 + 3/4) before 1 (2/4 + 2.5/4)
        assertThat(Arrays.stream(new int[] {0, 1, 2, 3, 4, 5, 6}).map(r::at).toArray()).containsExactly(0, 3, 2, 1, 4, 6, 5);
        assertThat(r.feasible()).isEqualTo(5);
        assertThat(r.first()).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(r.rankOf(new double[] {-5, -5}, 0)).isZero(); // a new extreme of the first front
        assertThat(r.rankOf(new double[] {3.5, 2.5}, 0)).isEqualTo(4); // dominated by the first front, an extreme of the second
        assertThat(r.rankOf(new double[] {9, 9}, 0)).isEqualTo(5); // dominated by both: a new front after them
        assertThat(r.rankOf(new double[] {-9, -9}, 0.5)).isEqualTo(5); // infeasible: after every feasible point
        assertThat(r.rankOf(new double[] {-9, -9}, 1.5)).isEqualTo(6);
    }

    @Test
    void hypervolumeOfKnownSets() {
        double[] ref = {4, 4};
        assertThat(Hypervolume.of(List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1}), ref)).isEqualTo(6.0);
        assertThat(Hypervolume.of(List.of(new double[] {1, 3}, new double[] {2, 3.5}, new double[] {5, 0}), ref)).isEqualTo(3.0);
        assertThat(Hypervolume.of(List.of(new double[] {0, 0, 0}), new double[] {1, 2, 3})).isEqualTo(6.0);
        double hv = Hypervolume.of(List.of(new double[] {0, 1, 1}, new double[] {1, 0, 1}, new double[] {1, 1, 0}), new double[] {2, 2, 2});
        assertThat(hv).isCloseTo(3 * 2 - 3 * 1 + 1, within(1e-12)); // 3 boxes of 2, pairwise overlaps 1, triple overlap 1
    }

    @Test
    void anExcludedTrialLeavesTheFrontAndTheFrontsResource() {
        dev.ladder.core.Metric metric = dev.ladder.core.Metric.minimize("a").withObjectives(dev.ladder.core.Metric.minimize("b"));
        ParetoFront.Builder b = new ParetoFront.Builder(metric)
                .add(1, 9, java.util.Map.of("a", 1.0, "b", 3.0), 10)
                .add(2, 9, java.util.Map.of("a", 2.0, "b", 2.0), 20)
                .add(3, 27, java.util.Map.of("a", 0.5, "b", 0.5), 30); // alone at the highest resource
        assertThat(b.build().members()).extracting(ParetoFront.Member::trialId).containsExactly(3);
        b.exclude(3);
        ParetoFront front = b.build();
        assertThat(front.resource()).isEqualTo(9);
        assertThat(front.members()).extracting(ParetoFront.Member::trialId).containsExactly(1, 2);
        b.exclude(1);
        assertThat(b.build().members()).extracting(ParetoFront.Member::trialId).containsExactly(2);
    }
}
