package dev.ladder.core.share;

import java.util.Objects;

/**
 * How many slots one training task gets: L. Li, "Towards Efficient Automated Machine Learning", PhD thesis,
 * CMU, 2020 (CMU-ML-20-104), sections 3.5.2 (an efficiency criterion on the predicted speedup limits the
 * slots per configuration: at 75% efficiency, at most 16 GPUs in the thesis's example) and 3.5.3 (kappa, that
 * limit, times the pending tasks |S| is the most a job can use). {@link #kappa} is the largest k up to
 * {@code maxSlots} whose efficiency {@code speedup(k) / k} is at least {@code efficiency}; a task started
 * while {@code pending} tasks wait (itself included) and {@code free} slots are free gets
 * {@code min(kappa, max(1, free / pending))}: one slot each while many tasks wait, more as fewer remain, as
 * at the end of an ASHA run where only the top rung's jobs are left.
 */
public record ParallelTraining(Speedup speedup, int maxSlots, double efficiency) {

    /** Every task on one slot: training that is not parallel. */
    public static final ParallelTraining NONE = new ParallelTraining(k -> 1, 1, 1);

    public ParallelTraining {
        Objects.requireNonNull(speedup, "speedup");
        if (maxSlots < 1) {
            throw new IllegalArgumentException("slots per task must be at least 1, got " + maxSlots);
        }
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("target efficiency must be in (0, 1], got " + efficiency);
        }
    }

    /** The most slots one task may use: the largest k <= maxSlots with speedup(k) / k >= efficiency (at least 1). */
    public int kappa() {
        int best = 1;
        for (int k = 2; k <= maxSlots; k++) {
            if (speedup.of(k) / k >= efficiency - 1e-12) {
                best = k;
            }
        }
        return best;
    }

    /** The slots of a task started now: {@code min(kappa, max(1, free / pending))}, and never more than {@code free}. */
    public int slotsFor(int pending, int free) {
        if (pending < 1) {
            throw new IllegalArgumentException("pending tasks include the one being started, so at least 1, got " + pending);
        }
        if (free < 1) {
            throw new IllegalArgumentException("a task needs a free slot to start, got " + free);
        }
        return Math.min(kappa(), Math.max(1, free / pending));
    }
}
