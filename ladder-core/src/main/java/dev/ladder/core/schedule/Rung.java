package dev.ladder.core.schedule;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The results recorded at one rung level, ordered by loss (ties: lower trial id first), split into
 * entries still waiting for promotion and entries already promoted (or retired).
 * Invariant: every entry is in exactly one of the two sets.
 */
final class Rung {
    record Entry(double loss, int trialId) implements Comparable<Entry> {
        public int compareTo(Entry o) {
            int c = Double.compare(loss, o.loss);
            return c != 0 ? c : Integer.compare(trialId, o.trialId);
        }
    }

    /** The best waiting entry, its rank (0 = best) among all entries, and the rung's size. */
    record Candidate(int trialId, double loss, int rank, int size) {
    }

    final long level;
    private final NavigableSet<Entry> waiting = new TreeSet<>();
    private final NavigableSet<Entry> promoted = new TreeSet<>();
    private final Map<Integer, Entry> byTrial = new HashMap<>();

    Rung(long level) {
        this.level = level;
    }

    int size() {
        return byTrial.size();
    }

    boolean contains(int trialId) {
        return byTrial.containsKey(trialId);
    }

    void add(int trialId, double loss) {
        Entry e = new Entry(loss, trialId);
        if (byTrial.putIfAbsent(trialId, e) != null) {
            throw new IllegalStateException("trial " + trialId + " recorded twice at rung " + level);
        }
        waiting.add(e);
    }

    /** The number of entries strictly better than {@code loss} for trial {@code trialId}. */
    int rank(int trialId, double loss) {
        Entry e = new Entry(loss, trialId);
        return waiting.headSet(e, false).size() + promoted.headSet(e, false).size();
    }

    /**
     * The best entry not yet promoted, if it lies in the top floor(size/eta). Its rank equals the
     * number of promoted entries better than it, since every better entry has been promoted.
     */
    Candidate promotable(long eta) {
        if (waiting.isEmpty()) {
            return null;
        }
        Entry best = waiting.first();
        int rank = promoted.headSet(best, false).size();
        return rank < size() / eta ? new Candidate(best.trialId, best.loss, rank, size()) : null;
    }

    /** Takes the entry of {@code trialId} out of the waiting set (promoted, or its trial ended). */
    void markPromoted(int trialId) {
        Entry e = byTrial.get(trialId);
        if (e != null && waiting.remove(e)) {
            promoted.add(e);
        }
    }
}
