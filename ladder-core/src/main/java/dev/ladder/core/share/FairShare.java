package dev.ladder.core.share;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Weighted water-filling of slots over experiments: L. Li, "Towards Efficient Automated Machine Learning",
 * PhD thesis, CMU, 2020 (CMU-ML-20-104), section 3.5.3, "Cluster level resource allocation".
 * Each experiment gets slots in proportion to its weight, never more than its demand; what a capped
 * experiment leaves is shared among the others in proportion to their weights. Whole slots: the
 * fractional shares are rounded down and the slots left over go by largest remainder, ties by key.
 *
 * <p>Invariants, for every input: {@code 0 <= slots[i] <= maxSlots[i]}; the total is exactly
 * {@code min(capacity, sum of demands)}, so no slot stays idle while a demand is unmet; for an
 * experiment i whose demand is unmet and any j, {@code (slots[j] - 1) / w[j] < (slots[i] + 1) / w[i]}
 * (no one is more than one slot off its weighted share); the answer for a key does not depend on the
 * order of the list. Stateless: an experiment whose demand drops loses its slots at the next call.
 */
public final class FairShare {

    /**
     * One experiment's claim: a unique {@code key} (its name; it breaks ties), its {@code weight}
     * (priority, {@link #DEFAULT_WEIGHT} by default) and {@code maxSlots}, the most slots it can use now.
     */
    public record Demand(String key, double weight, int maxSlots) {
        /** The weight of an experiment without a priority. */
        public static final double DEFAULT_WEIGHT = 1;

        public Demand {
            Objects.requireNonNull(key, "the key of a demand");
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("experiment '" + key + "': weight must be a positive number, got " + weight);
            }
            if (maxSlots < 0) {
                throw new IllegalArgumentException("experiment '" + key + "': demand must be at least 0 slots, got " + maxSlots);
            }
        }

        public Demand(String key, int maxSlots) {
            this(key, DEFAULT_WEIGHT, maxSlots);
        }
    }

    private FairShare() {
    }

    /** The slots of each demand, in the order of {@code demands}. */
    public static int[] allocate(int capacity, List<Demand> demands) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be at least 0 slots, got " + capacity);
        }
        Set<String> keys = new HashSet<>();
        long total = 0;
        for (Demand d : demands) {
            if (!keys.add(d.key())) {
                throw new IllegalArgumentException("experiment '" + d.key() + "' has two demands; keys must be unique");
            }
            total += d.maxSlots();
        }
        // computed over the demands in key order, so that sums of weights (floating point) do not depend on the list's order
        List<Integer> byKey = new ArrayList<>();
        for (int i = 0; i < demands.size(); i++) {
            byKey.add(i);
        }
        byKey.sort(Comparator.comparing(i -> demands.get(i).key()));
        int[] sorted = inKeyOrder(capacity, byKey.stream().map(demands::get).toList(), total);
        int[] slots = new int[demands.size()];
        for (int k = 0; k < sorted.length; k++) {
            slots[byKey.get(k)] = sorted[k];
        }
        return slots;
    }

    /** {@link #allocate} over {@code demands} sorted by key, whose demands add up to {@code total}. */
    private static int[] inKeyOrder(int capacity, List<Demand> demands, long total) {
        int n = demands.size();
        int[] slots = new int[n];
        if (total <= capacity) {
            for (int i = 0; i < n; i++) {
                slots[i] = demands.get(i).maxSlots();
            }
            return slots;
        }
        double[] share = waterLevel(capacity, demands);
        long given = 0;
        for (int i = 0; i < n; i++) {
            slots[i] = (int) Math.min(demands.get(i).maxSlots(), Math.floor(share[i]));
            given += slots[i];
        }
        // the slots left over: one each by largest remainder (share - slots), ties by key
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -(share[i] - slots[i])).thenComparing(i -> demands.get(i).key()));
        while (given < capacity) { // a loop, not one pass: rounding of the shares may leave more than one per experiment
            boolean gave = false;
            for (int i : order) {
                if (given < capacity && slots[i] < demands.get(i).maxSlots()) {
                    slots[i]++;
                    given++;
                    gave = true;
                }
            }
            if (!gave) {
                break;
            }
        }
        return slots;
    }

    /**
     * The fractional shares min(d_i, w_i * lambda) summing to {@code capacity} (which is below the total
     * demand): experiments in increasing order of d_i / w_i are capped while their demand lies below the
     * level the rest would reach.
     */
    private static double[] waterLevel(int capacity, List<Demand> demands) {
        int n = demands.size();
        List<Integer> byLevel = new ArrayList<>();
        double weights = 0;
        for (int i = 0; i < n; i++) {
            byLevel.add(i);
            weights += demands.get(i).weight();
        }
        byLevel.sort(Comparator.<Integer>comparingDouble(i -> demands.get(i).maxSlots() / demands.get(i).weight())
                .thenComparing(i -> demands.get(i).key()));
        double[] share = new double[n];
        double left = capacity;
        int next = 0;
        for (; next < n; next++) {
            Demand d = demands.get(byLevel.get(next));
            if (d.maxSlots() > d.weight() * left / weights) {
                break; // this one and all after it are above the level
            }
            share[byLevel.get(next)] = d.maxSlots();
            left -= d.maxSlots();
            weights -= d.weight();
        }
        double level = left / weights;
        for (; next < n; next++) {
            int i = byLevel.get(next);
            share[i] = demands.get(i).weight() * level;
        }
        return share;
    }
}
