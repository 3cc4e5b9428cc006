package dev.ladder.core.schedule;

import dev.ladder.core.schedule.SynchronousHyperband.Bracket;
import dev.ladder.core.schedule.SynchronousHyperband.RungSize;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a trial budget lets any trial reach the maximum resource, read off the scheduler's own
 * {@link Preview} (so each kind's rule is its preview's): a rung scheduler promotes one in eta, so a bracket
 * of n configurations over k rungs brings floor(n / eta^(k-1)) to the top (ASHA, PASHA, RUSH: eta^(rungs-1)
 * trials; sha with early-stopping rate s: eta^(rungs-1-s); async Hyperband: each bracket s over its share of
 * the trials, the last bracket starting at the maximum; adaptive: its split); synchronous Hyperband fills its
 * brackets in order; fifo and the median rule run every trial to the maximum. {@code needed} is the fewest
 * trials with which one reaches it, found by search over the same count.
 */
public record TrialBudget(String scheduler, int trials, long maxResource, long highestReached, long needed) {

    /** Empty when {@code trials} bring at least one trial to the maximum resource (or there is none). */
    public static Optional<TrialBudget> check(SchedulerSpec spec, int trials) {
        Long max = spec.maxResource();
        if (max == null || reachingMax(spec, trials, max) > 0) {
            return Optional.empty();
        }
        long lo = trials;
        long hi = Math.max(2L * trials, 2);
        while (reachingMax(spec, (int) Math.min(hi, Integer.MAX_VALUE), max) == 0) {
            if (hi >= Integer.MAX_VALUE) {
                return Optional.of(new TrialBudget(spec.name(), trials, max, highest(spec, trials), -1));
            }
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1) { // reachingMax(lo) == 0 < reachingMax(hi)
            long mid = (lo + hi) >>> 1;
            if (reachingMax(spec, (int) mid, max) > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Optional.of(new TrialBudget(spec.name(), trials, max, highest(spec, trials), hi));
    }

    /**
     * One plain line: what the budget reaches and how many trials it would need. The counts are those of the
     * preview, which assume every promotion is right: an asynchronous scheduler may still take a trial further
     * when an early promotion turns out wrong, which is no finished search either.
     */
    public String message() {
        return String.format(Locale.ROOT, "warning: with max trials %d, %s brings no trial to the maximum resource %d "
                + "if every promotion is right (the highest it reaches is %d): one trial gets there with at least %s trials; "
                + "a best at a lower resource is not a finished search",
                trials, scheduler, maxResource, highestReached, needed < 0 ? "more than 2^31" : Long.toString(needed));
    }

    private static long reachingMax(SchedulerSpec spec, int trials, long max) {
        long n = 0;
        for (Bracket b : brackets(spec, trials)) {
            RungSize top = b.rungs().get(b.rungs().size() - 1);
            n += top.resource() == max ? top.configs() : 0;
        }
        return n;
    }

    private static long highest(SchedulerSpec spec, int trials) {
        long r = 0;
        for (Bracket b : brackets(spec, trials)) {
            for (RungSize s : b.rungs()) {
                if (s.configs() > 0) {
                    r = Math.max(r, s.resource());
                }
            }
        }
        return r;
    }

    /** The preview's brackets with {@code trials} trials; synchronous Hyperband's filled in order, sha's cut to them. */
    private static List<Bracket> brackets(SchedulerSpec spec, int trials) {
        SchedulerSpec s = spec.trials(trials);
        if (spec.name().equals(Schedulers.HYPERBAND.name()) || spec.name().equals(Schedulers.SHA.name())) {
            List<Bracket> planned = spec.name().equals(Schedulers.SHA.name())
                    ? List.of(SynchronousHyperband.shaBracket(Long.MAX_VALUE / 2, s.minResource(), s.requireMax(), s.eta(),
                    Math.toIntExact(s.parameters().integer(Schedulers.EARLY_STOPPING_RATE.name()))))
                    : SynchronousHyperband.hyperbandBrackets(s.minResource(), s.requireMax(), s.eta());
            long left = trials;
            List<Bracket> filled = new java.util.ArrayList<>();
            for (Bracket b : planned) {
                long n = Math.min(left, b.rungs().get(0).configs());
                left -= n;
                filled.add(halving(b, n, s.eta()));
            }
            return filled;
        }
        return s.preview(trials).brackets();
    }

    /** {@code b}'s rungs with {@code n} configurations at its base, floor(n / eta^i) at rung i. */
    private static Bracket halving(Bracket b, long n, long eta) {
        List<RungSize> rungs = new java.util.ArrayList<>();
        long count = n;
        for (RungSize r : b.rungs()) {
            rungs.add(new RungSize(r.resource(), count));
            count /= eta;
        }
        return new Bracket(b.s(), rungs);
    }
}
