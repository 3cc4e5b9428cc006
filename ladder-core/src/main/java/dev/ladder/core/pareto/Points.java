package dev.ladder.core.pareto;

/** Loss vectors stored flat: point i's objective m is {@code x[i * k + m]}. */
final class Points {
    private Points() {
    }

    /** True when point a dominates point b: no worse in every objective, better in one. */
    static boolean dominates(double[] x, int k, int a, int b) {
        boolean better = false;
        for (int m = 0; m < k; m++) {
            double u = x[a * k + m];
            double v = x[b * k + m];
            if (u > v) {
                return false;
            }
            better |= u < v;
        }
        return better;
    }

    /** True when vector a dominates vector b. */
    static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int m = 0; m < a.length; m++) {
            if (a[m] > b[m]) {
                return false;
            }
            better |= a[m] < b[m];
        }
        return better;
    }

    /** Lexicographic order of the vectors, ties by index. */
    static int lex(double[] x, int k, int a, int b) {
        for (int m = 0; m < k; m++) {
            int c = Double.compare(x[a * k + m], x[b * k + m]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a, b);
    }
}
