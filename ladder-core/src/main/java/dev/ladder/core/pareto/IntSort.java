package dev.ladder.core.pareto;

/** A stable merge sort of an int array under a comparator of ints, without boxing. */
final class IntSort {
    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    private IntSort() {
    }

    static void sort(int[] a, int from, int to, IntComparator c) {
        if (to - from < 2) {
            return;
        }
        int[] buffer = new int[to - from];
        sort(a, buffer, from, to, c);
    }

    private static void sort(int[] a, int[] buffer, int from, int to, IntComparator c) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && c.compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, buffer, from, mid, c);
        sort(a, buffer, mid, to, c);
        if (c.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, buffer, 0, mid - from);
        int i = 0;
        int iEnd = mid - from;
        int j = mid;
        int k = from;
        while (i < iEnd && j < to) {
            a[k++] = c.compare(a[j], buffer[i]) < 0 ? a[j++] : buffer[i++];
        }
        while (i < iEnd) {
            a[k++] = buffer[i++];
        }
    }
}
