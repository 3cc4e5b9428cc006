package dev.ladder.sim;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.space.SearchSpace;
import java.util.Map;

/** A test blackbox whose config "d" sets the training time: seconds(r) = time.seconds(d, r); loss = d + 1/r. */
final class TimedBlackbox implements Blackbox {
    static final SearchSpace SPACE = SearchSpace.builder().real("d", 1, 3).build();

    interface Time {
        double seconds(double d, long resource);
    }

    private final long min;
    private final long max;
    private final Time time;

    TimedBlackbox(long min, long max, Time time) {
        this.min = min;
        this.max = max;
        this.time = time;
    }

    /** seconds(r) = d * r. */
    static TimedBlackbox linear(long max) {
        return new TimedBlackbox(1, max, (d, r) -> d * r);
    }

    static Config config(double d) {
        return Config.of(Map.of("d", d));
    }

    @Override
    public String name() {
        return "timed(" + min + ".." + max + ")";
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public Metric metric() {
        return Metric.minimize("loss");
    }

    @Override
    public long minResource() {
        return min;
    }

    @Override
    public long maxResource() {
        return max;
    }

    @Override
    public LearningCurve curve(Config config, long seed) {
        double d = config.getDouble("d");
        return new LearningCurve() {
            @Override
            public Map<String, Double> metrics(long resource) {
                if (resource < min || resource > max) {
                    throw new IllegalArgumentException("resource " + resource + " outside " + min + ".." + max);
                }
                return Map.of("loss", d + 1.0 / resource);
            }

            @Override
            public double seconds(long resource) {
                return time.seconds(d, resource);
            }
        };
    }
}
