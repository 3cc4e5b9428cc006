package dev.ladder.core.share;

import dev.ladder.core.schedule.RungScheduler;

/**
 * The demand of an ASHA experiment: L. Li, "Towards Efficient Automated Machine Learning", PhD thesis,
 * CMU, 2020 (CMU-ML-20-104), section 3.5.3, "Algorithm level resource allocation": with n the number of
 * configurations (the trial limit) and kappa the most slots one training task may use, the maximum
 * parallelism is kappa |S|, where the stack S of pending tasks holds the configurations of the bottom
 * rung not started yet and the configurations promotable now. Ladder asks for the slots its running
 * jobs hold on top: those are busy for the experiment and leave only when their jobs end.
 */
public final class AshaDemand {

    private AshaDemand() {
    }

    /** |S|: configurations not started yet up to {@code trialLimit}, plus those promotable now. */
    public static int pendingTasks(RungScheduler scheduler, int trialLimit) {
        if (trialLimit < 0) {
            throw new IllegalArgumentException("trial limit must be at least 0, got " + trialLimit);
        }
        long notStarted = Math.max(0, trialLimit - scheduler.started());
        return (int) Math.min(Integer.MAX_VALUE, notStarted + scheduler.promotable());
    }

    /** The experiment's demand: {@code busySlots + kappa |S|} slots, at most {@link Integer#MAX_VALUE}. */
    public static FairShare.Demand of(String key, double weight, RungScheduler scheduler, int trialLimit, int kappa,
                                      int busySlots) {
        if (kappa < 1) {
            throw new IllegalArgumentException("experiment '" + key + "': kappa (slots per task) must be at least 1, got " + kappa);
        }
        if (busySlots < 0) {
            throw new IllegalArgumentException("experiment '" + key + "': busy slots must be at least 0, got " + busySlots);
        }
        long slots = busySlots + (long) kappa * pendingTasks(scheduler, trialLimit);
        return new FairShare.Demand(key, weight, (int) Math.min(Integer.MAX_VALUE, slots));
    }
}
