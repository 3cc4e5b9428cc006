package dev.ladder.core.schedule;

import java.util.Objects;

/**
 * A scheduler by name with its parameters, as the CLI and YAML give them. Each default sits here:
 * min resource 1, eta 3 (the adaptive scheduler's own default is 4), promotion-based brackets chosen
 * by looping on one shared rung system, 3 samples before the median rule stops anything, early-stopping
 * rate 0 for SHA.
 */
public record SchedulerSpec(String name, long minResource, Long maxResource, long eta, Integer trials,
                            AdaptiveScheduler.Mode mode, RungScheduler.BracketSelection brackets,
                            boolean rungsPerBracket, long seed, int minSamples, int earlyStoppingRate,
                            java.util.List<dev.ladder.core.Config> arms) {

    public SchedulerSpec {
        Objects.requireNonNull(name, "scheduler name");
        arms = arms == null ? java.util.List.of() : java.util.List.copyOf(arms);
    }

    public static SchedulerSpec of(String name, long minResource, Long maxResource, long eta) {
        return new SchedulerSpec(name, minResource, maxResource, eta, null, AdaptiveScheduler.Mode.STANDARD,
                RungScheduler.BracketSelection.LOOP, false, 0, 3, 0, null);
    }

    public SchedulerSpec withTrials(Integer n) {
        return new SchedulerSpec(name, minResource, maxResource, eta, n, mode, brackets, rungsPerBracket, seed, minSamples, earlyStoppingRate, arms);
    }

    public SchedulerSpec withMode(AdaptiveScheduler.Mode m) {
        return new SchedulerSpec(name, minResource, maxResource, eta, trials, m, brackets, rungsPerBracket, seed, minSamples, earlyStoppingRate, arms);
    }

    public SchedulerSpec withBrackets(RungScheduler.BracketSelection b, boolean perBracket, long bracketSeed) {
        return new SchedulerSpec(name, minResource, maxResource, eta, trials, mode, b, perBracket, bracketSeed, minSamples, earlyStoppingRate, arms);
    }

    /** RUSH's transferred configurations (the task store's arms), started first. */
    public SchedulerSpec withArms(java.util.List<dev.ladder.core.Config> transferred) {
        return new SchedulerSpec(name, minResource, maxResource, eta, trials, mode, brackets, rungsPerBracket, seed, minSamples,
                earlyStoppingRate, transferred);
    }

    /** The maximum resource; fails naming the scheduler when it has none (only ASHA allows an infinite horizon). */
    long requireMax() {
        if (maxResource == null) {
            throw new IllegalArgumentException("scheduler '" + name + "' needs a max resource");
        }
        return maxResource;
    }
}
