package dev.ladder.benchmarks.journal;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Objective;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workload of issue 14, the same as {@code docs/scripts/optuna_bench.py} runs in Optuna: x0, x1 real
 * in [0, 1], epochs 1..27, {@code value(epoch) = (x0-0.3)^2 + (x1-0.7)^2 + 1/(epoch+1) + N(0, 0.02^2)} with
 * the noise seeded by the trial id, ASHA with stopping at rungs 1, 3, 9, 27 (eta 3), random search. The
 * objective counts every report it makes, so a run's reports per second need no journal to count them.
 */
public final class ReportsWorkload {
    public static final SearchSpace SPACE = SearchSpace.builder().real("x0", 0, 1).real("x1", 0, 1).build();
    public static final Metric METRIC = Metric.minimize("value");
    public static final long EPOCHS = 27;
    public static final long ETA = 3;
    public static final double NOISE_SD = 0.02;

    private final AtomicLong reports = new AtomicLong();

    /** The scheduler of one run: {@code asha-stopping} over a {@link RandomSearcher} seeded with {@code seed}. */
    public static Scheduler scheduler(long seed) {
        return Schedulers.ashaStopping().maxResource((long) EPOCHS).eta(ETA).build(new RandomSearcher(SPACE, seed), METRIC);
    }

    /** The value after {@code epoch} epochs, before noise. */
    public static double value(double x0, double x1, long epoch) {
        return (x0 - 0.3) * (x0 - 0.3) + (x1 - 0.7) * (x1 - 0.7) + 1.0 / (epoch + 1);
    }

    /** The objective: reports every epoch from where the job starts until the scheduler says stop or pause. */
    public Objective objective() {
        return (config, ctx) -> {
            double x0 = config.getDouble("x0");
            double x1 = config.getDouble("x1");
            Random noise = new Random(ctx.trialId());
            for (long epoch = 1; epoch <= ctx.resumeFrom(); epoch++) {
                noise.nextGaussian(); // a resumed job draws the same noise per epoch as an uninterrupted one
            }
            for (long epoch = ctx.resumeFrom() + 1; epoch <= ctx.maxResource(); epoch++) {
                reports.incrementAndGet();
                double v = value(x0, x1, epoch) + NOISE_SD * noise.nextGaussian();
                if (!ctx.report(epoch, Map.of(METRIC.name(), v))) {
                    return;
                }
            }
        };
    }

    /** Reports made so far by every objective this workload gave out. */
    public long reports() {
        return reports.get();
    }
}
