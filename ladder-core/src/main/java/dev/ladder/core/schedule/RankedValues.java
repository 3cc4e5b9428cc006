package dev.ladder.core.schedule;

import java.util.Arrays;

/**
 * An insert-only multiset of (value, trial id) pairs ordered by value, ties by id, answering
 * "how many entries are better than this one" and "which entry has rank k" in O(log n) expected
 * time: a treap over parallel arrays (about 28 bytes per entry, no object per entry). Priorities
 * are a fixed hash of the insertion index, so the shape, and the cost, are deterministic.
 */
final class RankedValues {
    private static final int NIL = -1;
    private double[] value = new double[16];
    private int[] id = new int[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private int[] size = new int[16];
    private int[] priority = new int[16];
    private int root = NIL;
    private int count;

    int size() {
        return count;
    }

    void add(double v, int trialId) {
        if (count == value.length) {
            grow();
        }
        int node = count++;
        value[node] = v;
        id[node] = trialId;
        left[node] = NIL;
        right[node] = NIL;
        size[node] = 1;
        priority[node] = (int) mix(node + 0x9E3779B97F4A7C15L);
        root = insert(root, node);
    }

    /** The number of entries strictly before (v, trialId) in the order. */
    int countBefore(double v, int trialId) {
        int n = 0;
        int t = root;
        while (t != NIL) {
            if (before(t, v, trialId)) {
                n += sizeOf(left[t]) + 1;
                t = right[t];
            } else {
                t = left[t];
            }
        }
        return n;
    }

    /** The value of the entry with rank {@code k} (0 = best). */
    double valueAt(int k) {
        return value[nodeAt(k)];
    }

    /** The trial id of the entry with rank {@code k} (0 = best). */
    int idAt(int k) {
        return id[nodeAt(k)];
    }

    private int nodeAt(int k) {
        if (k < 0 || k >= count) {
            throw new IndexOutOfBoundsException("rank " + k + " of " + count);
        }
        int t = root;
        while (true) {
            int l = sizeOf(left[t]);
            if (k < l) {
                t = left[t];
            } else if (k == l) {
                return t;
            } else {
                k -= l + 1;
                t = right[t];
            }
        }
    }

    /** Inserts node x below t by descending to its place and rotating it up while its priority is higher. */
    private int insert(int t, int x) {
        if (t == NIL) {
            return x;
        }
        size[t]++;
        if (before(x, value[t], id[t])) {
            left[t] = insert(left[t], x);
            if (priority[left[t]] > priority[t]) {
                t = rotateRight(t);
            }
        } else {
            right[t] = insert(right[t], x);
            if (priority[right[t]] > priority[t]) {
                t = rotateLeft(t);
            }
        }
        return t;
    }

    private int rotateRight(int t) {
        int l = left[t];
        left[t] = right[l];
        right[l] = t;
        size[l] = size[t];
        size[t] = sizeOf(left[t]) + sizeOf(right[t]) + 1;
        return l;
    }

    private int rotateLeft(int t) {
        int r = right[t];
        right[t] = left[r];
        left[r] = t;
        size[r] = size[t];
        size[t] = sizeOf(left[t]) + sizeOf(right[t]) + 1;
        return r;
    }

    private boolean before(int node, double v, int trialId) {
        int c = Double.compare(value[node], v);
        return c < 0 || (c == 0 && id[node] < trialId);
    }

    private int sizeOf(int node) {
        return node == NIL ? 0 : size[node];
    }

    private void grow() {
        int n = value.length * 2;
        value = Arrays.copyOf(value, n);
        id = Arrays.copyOf(id, n);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
        size = Arrays.copyOf(size, n);
        priority = Arrays.copyOf(priority, n);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
