package dev.ladder.core.schedule;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * One opened bracket of {@link SynchronousHyperband}: Successive Halving (Li, "Towards Efficient
 * Automated Machine Learning", PhD thesis, CMU, 2020, section 3.3.1, Algorithm 2) run one
 * rung at a time. Exactly one rung is current; it holds {@code size} slots, each either running
 * (assigned, no result yet), recorded (a result with its loss), dead (its trial failed, stopped or
 * ended without reaching the rung: done, worst value, never promoted) or a pending promotion.
 * Invariants: {@code done <= size}; a trial is in at most one of running, recorded and pending; rung
 * i+1 gets its members only once all slots of rung i are done; {@code release} is called once for
 * every trial the bracket stops tracking (loser, dead, or finished at the top rung).
 */
final class SyncBracket {
    /** A promotion out of the previous rung, not yet handed to a worker. */
    record Promotion(int trialId, long resource, String reason) {
    }

    private record Entry(int trialId, double loss) {
    }

    /** By loss, ties broken by the lower trial id. */
    private static final Comparator<Entry> ORDER =
            Comparator.comparingDouble(Entry::loss).thenComparingInt(Entry::trialId);

    final long number;
    final int s;
    private final long[] resources;
    private final long eta;
    private final IntConsumer release;

    private int rung;
    /** Slots of the current rung; for rung 0 the planned n while its base is open. */
    private long size;
    private boolean baseOpen = true;
    private long assigned;
    private long done;
    private final Set<Integer> running = new HashSet<>();
    private final Map<Integer, Double> recorded = new HashMap<>();
    private final LinkedHashMap<Integer, Promotion> pending = new LinkedHashMap<>();
    private boolean finished;

    SyncBracket(long number, SynchronousHyperband.Bracket plan, long eta, IntConsumer release) {
        this.number = number;
        this.s = plan.s();
        this.resources = plan.rungs().stream().mapToLong(SynchronousHyperband.RungSize::resource).toArray();
        this.size = plan.rungs().get(0).configs();
        this.eta = eta;
        this.release = release;
    }

    boolean finished() {
        return finished;
    }

    boolean needsStart() {
        return rung == 0 && baseOpen && assigned < size;
    }

    boolean hasPromotion() {
        return !pending.isEmpty();
    }

    boolean hasJob() {
        return hasPromotion() || needsStart();
    }

    long baseResource() {
        return resources[0];
    }

    /** A new configuration, trial {@code trialId}, joins the base rung. */
    void start(int trialId) {
        if (!needsStart()) {
            throw new IllegalStateException(where() + " takes no new configuration");
        }
        running.add(trialId);
        assigned++;
        baseOpen = assigned < size;
    }

    /** Hands out the best pending promotion; its trial now runs towards the current rung. */
    Promotion nextPromotion() {
        Iterator<Promotion> it = pending.values().iterator();
        Promotion p = it.next();
        it.remove();
        running.add(p.trialId());
        return p;
    }

    /** The base rung takes no more configurations: its size becomes the number started so far. */
    void closeBase() {
        if (rung == 0 && baseOpen) {
            baseOpen = false;
            size = assigned;
            advance();
        }
    }

    Decision onResult(int trialId, Result result, Metric metric) {
        if (!running.contains(trialId)) {
            return recorded.containsKey(trialId) ? Decision.pause(waiting()) : Decision.CONTINUE;
        }
        if (result.resource() < resources[rung]) {
            return Decision.CONTINUE;
        }
        double loss = metric.rankLoss(result);
        running.remove(trialId);
        done++;
        if (rung == resources.length - 1) {
            release.accept(trialId);
            advance();
            return Decision.CONTINUE; // the top rung: the job ends at its target and the trial is complete
        }
        recorded.put(trialId, loss);
        if (done < size) {
            return Decision.pause(waiting());
        }
        String where = where();
        long n = size;
        long k = promotions(n);
        long next = resources[rung + 1];
        List<Entry> cut = advance();
        int rank = 1;
        for (Entry e : cut) {
            if (e.trialId() == trialId) {
                break;
            }
            rank++;
        }
        return Decision.pause(String.format("%s: all %d results in; rank %d of %d, %s", where, n, rank, n,
                rank <= k ? "promoted to r=" + next + " (top " + k + ")" : "not in the top " + k));
    }

    /** The trial cannot run again (failed, stopped, or ended short of its rung): done, worst, never promoted. */
    void onDead(int trialId) {
        if (running.remove(trialId) || pending.remove(trialId) != null) {
            done++;
            release.accept(trialId);
            advance();
        } else if (recorded.remove(trialId) != null) {
            release.accept(trialId); // already counted as done
        }
    }

    /**
     * Cuts every completed rung, until a rung still waits or the top rung is done; returns the sorted
     * entries of the first rung cut (empty when none was).
     */
    private List<Entry> advance() {
        List<Entry> first = null;
        while (!finished && done == size) {
            if (rung == resources.length - 1) {
                finished = true;
                running.forEach(release::accept); // empty when every slot is done; kept for safety
                running.clear();
                break;
            }
            List<Entry> sorted = cut();
            first = first == null ? sorted : first;
        }
        return first == null ? List.of() : first;
    }

    /** Rung {@code rung} is complete: its top k go on, the rest are released and stay paused. */
    private List<Entry> cut() {
        List<Entry> sorted = new ArrayList<>(recorded.size());
        recorded.forEach((id, loss) -> sorted.add(new Entry(id, loss)));
        sorted.sort(ORDER);
        long k = promotions(size);
        int promote = (int) Math.min(k, sorted.size());
        long next = resources[rung + 1];
        for (int i = 0; i < sorted.size(); i++) {
            int id = sorted.get(i).trialId();
            if (i < promote) {
                pending.put(id, new Promotion(id, next, String.format(
                        "promoted from %s to r=%d: rank %d of %d, top %d go on", where(), next, i + 1, size, k)));
            } else {
                release.accept(id);
            }
        }
        recorded.clear();
        rung++;
        size = k;
        assigned = k;
        done = k - promote; // slots of dead trials that would have been promoted: done, worst value
        return sorted;
    }

    /** Algorithm 1 line 7: the top floor(n_i / eta); at least 1, so a shrunken bracket still reaches R. */
    private long promotions(long rungSize) {
        return Math.max(1, rungSize / eta);
    }

    private String where() {
        return String.format("bracket #%d (s=%d) rung %d (r=%d)", number, s, rung, resources[rung]);
    }

    private String waiting() {
        return String.format("%s: %d of %d results in; the rung waits for all %d before promoting the top %d",
                where(), done, size, size, promotions(size));
    }
}
