package dev.ladder.core.pareto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume of a set of loss vectors: the volume dominated by the set and bounded by a reference point
 * (points not better than the reference in every objective add nothing). Two objectives by a sweep in
 * O(n log n); more by slicing along the last objective (the HSO scheme of While, Hingston, Barone, Huband,
 * "A faster algorithm for calculating hypervolume", IEEE TEVC 2006), fine for the fronts of an experiment.
 */
public final class Hypervolume {
    private Hypervolume() {
    }

    /**
     * The volume dominated by {@code points} (losses, one array per point, all of the reference's length) and
     * bounded by {@code reference}; points not better than the reference in every loss add nothing.
     */
    public static double of(List<double[]> points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != reference.length) {
                throw new IllegalArgumentException("a point has " + p.length + " objectives, the reference " + reference.length);
            }
            boolean in = true;
            for (int m = 0; m < p.length && in; m++) {
                in = p[m] < reference[m];
            }
            if (in) {
                inside.add(p);
            }
        }
        return volume(inside, reference, reference.length);
    }

    private static double volume(List<double[]> points, double[] ref, int k) {
        if (points.isEmpty()) {
            return 0;
        }
        if (k == 1) {
            return ref[0] - points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        }
        if (k == 2) {
            List<double[]> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
            double hv = 0;
            double low = ref[1];
            for (double[] p : sorted) {
                if (p[1] < low) {
                    hv += (ref[0] - p[0]) * (low - p[1]);
                    low = p[1];
                }
            }
            return hv;
        }
        int last = k - 1;
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[last]));
        double hv = 0;
        List<double[]> slice = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            slice.add(sorted.get(i));
            double top = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : ref[last];
            double depth = top - sorted.get(i)[last];
            if (depth > 0) {
                hv += depth * volume(slice, ref, last);
            }
        }
        return hv;
    }
}
