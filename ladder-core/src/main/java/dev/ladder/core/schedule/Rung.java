package dev.ladder.core.schedule;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The results recorded at one rung level, as losses (smaller is better; ties: lower trial id first).
 * All entries are ranked in a {@link RankedValues}; entries still waiting for promotion also sit in a
 * min-heap, from which promoted or retired entries are dropped lazily. Every operation is O(log n).
 * Invariant: the heap holds every waiting entry; an entry whose trial is in {@code gone} is not waiting.
 */
final class Rung {
    /** The best waiting entry, its rank (0 = best) among all entries, and the rung's size. */
    record Candidate(int trialId, double loss, int rank, int size) {
    }

    final long level;
    private final boolean trackWaiting;
    private RankedValues all = new RankedValues();
    private final BitSet members = new BitSet();
    private final BitSet gone = new BitSet();
    private double[] heapLoss = new double[0];
    private int[] heapId = new int[0];
    private int heapSize;
    /** Bumped by every change; {@link #promotable} remembers the version at which it last found nothing. */
    private long version;
    private long nothingAt = -1;

    Rung(long level, boolean trackWaiting) {
        this.level = level;
        this.trackWaiting = trackWaiting;
        if (trackWaiting) {
            heapLoss = new double[16];
            heapId = new int[16];
        }
    }

    int size() {
        return all.size();
    }

    boolean contains(int trialId) {
        return members.get(trialId);
    }

    void add(int trialId, double loss) {
        if (members.get(trialId)) {
            throw new IllegalStateException("trial " + trialId + " recorded twice at rung " + level);
        }
        members.set(trialId);
        version++;
        all.add(loss, trialId);
        if (trackWaiting) {
            push(loss, trialId);
        }
    }

    /** The number of entries better than trial {@code trialId}'s {@code loss}. */
    int rank(int trialId, double loss) {
        return all.countBefore(loss, trialId);
    }

    /** The loss with rank {@code k}, 0 being the best. */
    double lossAt(int k) {
        return all.valueAt(k);
    }

    /** The best waiting entry, if it lies in the top floor(size/eta). */
    Candidate promotable(long eta) {
        if (nothingAt == version) {
            return null; // nothing changed since the last look found nothing
        }
        while (heapSize > 0 && gone.get(heapId[0])) {
            pop();
        }
        int rank = heapSize == 0 ? Integer.MAX_VALUE : all.countBefore(heapLoss[0], heapId[0]);
        if (rank >= size() / eta) {
            nothingAt = version;
            return null;
        }
        return new Candidate(heapId[0], heapLoss[0], rank, size());
    }

    /**
     * How many waiting entries lie in the top floor(size/eta): the entries {@link #promotable} would hand
     * out one by one if nothing else changed. Read only; it walks the heap from its root and only into
     * entries ranked in that top, so it costs O(answer + entries taken out since the last promotion).
     */
    int promotableCount(long eta) {
        int top = (int) (size() / eta);
        if (top == 0 || heapSize == 0) {
            return 0;
        }
        double boundLoss = all.valueAt(top); // the first entry outside the top: top < size since eta >= 2
        int boundId = all.idAt(top);
        int count = 0;
        int[] stack = new int[16];
        int depth = 0;
        stack[depth++] = 0;
        while (depth > 0) {
            int i = stack[--depth];
            if (!less(heapLoss[i], heapId[i], boundLoss, boundId)) {
                continue; // the heap's order: nothing below i is in the top either
            }
            if (!gone.get(heapId[i])) {
                count++;
            }
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < heapSize; child++) {
                if (depth == stack.length) {
                    stack = Arrays.copyOf(stack, depth * 2);
                }
                stack[depth++] = child;
            }
        }
        return count;
    }

    /** Takes trial {@code trialId} out of the waiting entries (promoted, or its trial cannot run again). */
    void markPromoted(int trialId) {
        if (members.get(trialId)) {
            gone.set(trialId);
            version++;
        }
    }

    /** Takes trial {@code trialId} out of the rung altogether (excluded): the others rank as if it had never been in it. */
    void remove(int trialId) {
        if (!members.get(trialId)) {
            return;
        }
        all = all.without(trialId);
        members.clear(trialId);
        gone.set(trialId);
        version++;
    }

    private void push(double loss, int trialId) {
        if (heapSize == heapLoss.length) {
            heapLoss = Arrays.copyOf(heapLoss, heapSize * 2);
            heapId = Arrays.copyOf(heapId, heapSize * 2);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(loss, trialId, heapLoss[parent], heapId[parent])) {
                break;
            }
            heapLoss[i] = heapLoss[parent];
            heapId[i] = heapId[parent];
            i = parent;
        }
        heapLoss[i] = loss;
        heapId[i] = trialId;
    }

    private void pop() {
        double loss = heapLoss[--heapSize];
        int trialId = heapId[heapSize];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && less(heapLoss[child + 1], heapId[child + 1], heapLoss[child], heapId[child])) {
                child++;
            }
            if (!less(heapLoss[child], heapId[child], loss, trialId)) {
                break;
            }
            heapLoss[i] = heapLoss[child];
            heapId[i] = heapId[child];
            i = child;
        }
        heapLoss[i] = loss;
        heapId[i] = trialId;
    }

    private static boolean less(double a, int aId, double b, int bId) {
        int c = Double.compare(a, b);
        return c < 0 || (c == 0 && aId < bId);
    }
}
