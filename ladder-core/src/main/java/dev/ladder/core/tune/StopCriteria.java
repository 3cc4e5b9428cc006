package dev.ladder.core.tune;

import java.time.Duration;

/**
 * When the tuner stops. {@code maxTrials} caps how many trials are started (paused ones may still be
 * resumed afterwards); the others end the experiment at once, stopping running trials.
 * A null field is no limit.
 */
public record StopCriteria(Integer maxTrials, Duration maxWallTime, Long maxTotalResource, Double targetValue) {
    public static final StopCriteria NONE = new StopCriteria(null, null, null, null);

    /** Rejects maxTrials or maxTotalResource below 1, a wall time that is not positive, a target that is not finite. */
    public StopCriteria {
        if (maxTrials != null && maxTrials < 1) {
            throw new IllegalArgumentException("max trials must be at least 1, got " + maxTrials);
        }
        if (maxWallTime != null && (maxWallTime.isNegative() || maxWallTime.isZero())) {
            throw new IllegalArgumentException("max wall time must be positive, got " + maxWallTime);
        }
        if (maxTotalResource != null && maxTotalResource < 1) {
            throw new IllegalArgumentException("max total resource must be at least 1, got " + maxTotalResource);
        }
        if (targetValue != null && !Double.isFinite(targetValue)) {
            throw new IllegalArgumentException("target value must be a finite number, got " + targetValue);
        }
    }

    /** These criteria with at most {@code n} trials started. */
    public StopCriteria withMaxTrials(int n) {
        return new StopCriteria(n, maxWallTime, maxTotalResource, targetValue);
    }

    /** These criteria ending the experiment after {@code d} of wall time. */
    public StopCriteria withMaxWallTime(Duration d) {
        return new StopCriteria(maxTrials, d, maxTotalResource, targetValue);
    }

    /** These criteria ending the experiment once the trials' resource adds up to {@code r}. */
    public StopCriteria withMaxTotalResource(long r) {
        return new StopCriteria(maxTrials, maxWallTime, r, targetValue);
    }

    /** These criteria ending the experiment at the first result at least as good as {@code v}. */
    public StopCriteria withTargetValue(double v) {
        return new StopCriteria(maxTrials, maxWallTime, maxTotalResource, v);
    }
}
