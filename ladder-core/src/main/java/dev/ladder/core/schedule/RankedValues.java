package dev.ladder.core.schedule;

/**
 * An insert-only multiset of (value, trial id) pairs ordered by value, ties by id, answering "how
 * many entries come before this one" and "which entry has rank k" in O(log n): a counted B+ tree
 * with up to {@value #M} entries per node, so a million entries sit four levels deep and a query
 * touches a few contiguous arrays per level instead of one scattered node per level.
 * Invariant: an inner node's {@code count[c]} is the number of entries below child c, and
 * {@code maxValue[c], maxId[c]} is child c's largest entry.
 */
final class RankedValues {
    static final int M = 64;

    private abstract static class Node {
        int n;
        final double[] maxValue = new double[M];
        final int[] maxId = new int[M];
    }

    /** Entries in order: (maxValue[i], maxId[i]) is entry i itself. */
    private static final class Leaf extends Node {
    }

    private static final class Inner extends Node {
        final Node[] child = new Node[M];
        final int[] count = new int[M];
    }

    private Node root = new Leaf();
    private int size;

    int size() {
        return size;
    }

    void add(double v, int trialId) {
        Node sibling = insert(root, v, trialId);
        if (sibling != null) {
            Inner top = new Inner();
            top.n = 2;
            link(top, 0, root, total(root));
            link(top, 1, sibling, total(sibling));
            root = top;
        }
        size++;
    }

    /** A copy without trial {@code trialId}'s entries (an excluded trial): O(n log n), for the rare exclusion. */
    RankedValues without(int trialId) {
        RankedValues kept = new RankedValues();
        for (int k = 0; k < size; k++) {
            if (idAt(k) != trialId) {
                kept.add(valueAt(k), idAt(k));
            }
        }
        return kept;
    }

    /** The number of entries strictly before (v, trialId) in the order. */
    int countBefore(double v, int trialId) {
        int before = 0;
        Node node = root;
        while (node instanceof Inner in) {
            int c = Math.min(firstNotBefore(in, v, trialId), in.n - 1);
            for (int i = 0; i < c; i++) {
                before += in.count[i];
            }
            node = in.child[c];
        }
        return before + firstNotBefore(node, v, trialId);
    }

    /** The value of the entry with rank {@code k} (0 = best). */
    double valueAt(int k) {
        Slot s = locate(k);
        return s.leaf.maxValue[s.index];
    }

    /** The trial id of the entry with rank {@code k} (0 = best). */
    int idAt(int k) {
        Slot s = locate(k);
        return s.leaf.maxId[s.index];
    }

    private record Slot(Node leaf, int index) {
    }

    private Slot locate(int k) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("rank " + k + " of " + size);
        }
        Node node = root;
        while (node instanceof Inner in) {
            int c = 0;
            while (k >= in.count[c]) {
                k -= in.count[c++];
            }
            node = in.child[c];
        }
        return new Slot(node, k);
    }

    /** Inserts below {@code node}; returns the new right sibling when {@code node} split. */
    private static Node insert(Node node, double v, int id) {
        int pos = firstNotBefore(node, v, id);
        if (node instanceof Inner in) {
            int c = Math.min(pos, in.n - 1);
            Node sibling = insert(in.child[c], v, id);
            in.count[c]++;
            if (before(in.maxValue[c], in.maxId[c], v, id)) {
                in.maxValue[c] = v;
                in.maxId[c] = id;
            }
            if (sibling == null) {
                return null;
            }
            int moved = total(sibling);
            link(in, c, in.child[c], in.count[c] - moved);
            shift(in, c + 1);
            in.child[c + 1] = null;
            link(in, c + 1, sibling, moved);
            in.n++;
        } else {
            shift(node, pos);
            node.maxValue[pos] = v;
            node.maxId[pos] = id;
            node.n++;
        }
        return node.n == M ? split(node) : null;
    }

    /** Opens a hole at index {@code at}. */
    private static void shift(Node node, int at) {
        int len = node.n - at;
        System.arraycopy(node.maxValue, at, node.maxValue, at + 1, len);
        System.arraycopy(node.maxId, at, node.maxId, at + 1, len);
        if (node instanceof Inner in) {
            System.arraycopy(in.child, at, in.child, at + 1, len);
            System.arraycopy(in.count, at, in.count, at + 1, len);
        }
    }

    /** Moves the upper half of a full node into a new sibling. */
    private static Node split(Node node) {
        int keep = M / 2;
        int move = M - keep;
        Node sibling = node instanceof Inner ? new Inner() : new Leaf();
        System.arraycopy(node.maxValue, keep, sibling.maxValue, 0, move);
        System.arraycopy(node.maxId, keep, sibling.maxId, 0, move);
        if (node instanceof Inner in) {
            Inner s = (Inner) sibling;
            System.arraycopy(in.child, keep, s.child, 0, move);
            System.arraycopy(in.count, keep, s.count, 0, move);
            java.util.Arrays.fill(in.child, keep, M, null);
        }
        node.n = keep;
        sibling.n = move;
        return sibling;
    }

    private static void link(Inner parent, int c, Node child, int count) {
        parent.child[c] = child;
        parent.count[c] = count;
        parent.maxValue[c] = child.maxValue[child.n - 1];
        parent.maxId[c] = child.maxId[child.n - 1];
    }

    private static int total(Node node) {
        if (node instanceof Inner in) {
            int t = 0;
            for (int i = 0; i < in.n; i++) {
                t += in.count[i];
            }
            return t;
        }
        return node.n;
    }

    /** The first index whose (max) entry is not before (v, id): binary search. */
    private static int firstNotBefore(Node node, double v, int id) {
        int lo = 0;
        int hi = node.n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before(node.maxValue[mid], node.maxId[mid], v, id)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean before(double a, int aId, double b, int bId) {
        int c = Double.compare(a, b);
        return c < 0 || (c == 0 && aId < bId);
    }
}
