package dev.ladder.core.share;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.share.FairShare.Demand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The invariants of {@link FairShare#allocate} on random capacities, weights and demands (zero demands included). */
class FairSharePropertiesTest {

    @Provide
    Arbitrary<List<Demand>> demands() {
        Arbitrary<Double> weight = Arbitraries.oneOf(Arbitraries.just(1.0), Arbitraries.of(0.5, 2.0, 3.0),
                Arbitraries.doubles().between(0.01, 100));
        Arbitrary<Integer> demand = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 10),
                Arbitraries.integers().between(0, 5000));
        return Combinators.combine(weight, demand).as((w, d) -> new double[] {w, d}).list().ofMaxSize(12).map(list -> {
            List<Demand> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(new Demand("e" + i, list.get(i)[0], (int) list.get(i)[1]));
            }
            return out;
        });
    }

    @Property(tries = 1000)
    void neverAboveDemandOrCapacityAndNoSlotIdleWhileADemandIsUnmet(
            @ForAll @IntRange(min = 0, max = 3000) int capacity, @ForAll("demands") List<Demand> demands) {
        int[] slots = FairShare.allocate(capacity, demands);
        assertThat(slots).hasSize(demands.size());
        long total = 0;
        long demanded = 0;
        for (int i = 0; i < slots.length; i++) {
            assertThat(slots[i]).isBetween(0, demands.get(i).maxSlots());
            total += slots[i];
            demanded += demands.get(i).maxSlots();
        }
        assertThat(total).isEqualTo(Math.min(capacity, demanded));
    }

    @Property(tries = 1000)
    void noExperimentIsMoreThanOneSlotOffItsWeightedShare(
            @ForAll @IntRange(min = 0, max = 3000) int capacity, @ForAll("demands") List<Demand> demands) {
        int[] slots = FairShare.allocate(capacity, demands);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == demands.get(i).maxSlots()) {
                continue; // satisfied: it may have less than the others
            }
            for (int j = 0; j < slots.length; j++) {
                double wi = demands.get(i).weight();
                double wj = demands.get(j).weight();
                assertThat((slots[j] - 1) / wj).as("%s got %d, unmet %s got %d", demands.get(j), slots[j], demands.get(i), slots[i])
                        .isLessThan((slots[i] + 1) / wi + 1e-9);
            }
        }
    }

    @Property(tries = 300)
    void theAnswerForAKeyDoesNotDependOnTheOrder(
            @ForAll @IntRange(min = 0, max = 3000) int capacity, @ForAll("demands") List<Demand> demands, @ForAll long seed) {
        int[] slots = FairShare.allocate(capacity, demands);
        List<Demand> shuffled = new ArrayList<>(demands);
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        int[] again = FairShare.allocate(capacity, shuffled);
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < slots.length; i++) {
            byKey.put(demands.get(i).key(), slots[i]);
        }
        for (int i = 0; i < again.length; i++) {
            assertThat(again[i]).as(shuffled.get(i).key()).isEqualTo(byKey.get(shuffled.get(i).key()));
        }
    }

    @Property(tries = 300)
    void equalWeightsAndUnmetDemandsSplitEvenly(@ForAll @IntRange(min = 0, max = 500) int capacity,
                                                @ForAll @IntRange(min = 1, max = 9) int experiments) {
        List<Demand> demands = new ArrayList<>();
        for (int i = 0; i < experiments; i++) {
            demands.add(new Demand("e" + i, 10_000));
        }
        int[] slots = FairShare.allocate(capacity, demands);
        for (int i = 0; i < experiments; i++) {
            // the first (capacity mod m) keys get one more
            assertThat(slots[i]).isEqualTo(capacity / experiments + (i < capacity % experiments ? 1 : 0));
        }
    }

    @Property(tries = 300)
    void moreWeightNeverMeansFewerSlots(@ForAll @IntRange(min = 0, max = 500) int capacity, @ForAll("demands") List<Demand> demands,
                                        @ForAll @IntRange(min = 2, max = 5) int factor) {
        if (demands.isEmpty()) {
            return;
        }
        Demand first = demands.get(0);
        List<Demand> heavier = new ArrayList<>(demands);
        heavier.set(0, new Demand(first.key(), first.weight() * factor, first.maxSlots()));
        assertThat(FairShare.allocate(capacity, heavier)[0]).isGreaterThanOrEqualTo(FairShare.allocate(capacity, demands)[0]);
    }
}
