package dev.ladder.core.tune;

import dev.ladder.core.Config;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test objective over x in [0,1]: loss(x, r) = (x - 0.3)^2 + 1/r (+ noise * sin(997x + 13r), which
 * reorders trials across r). Its checkpoint holds the resource trained so far; it trains on from the
 * checkpoint (from scratch without one), fails a trial whose checkpoint is ahead of the resume point,
 * and records where each job started and every epoch.
 */
public final class QuadraticObjective implements Objective {
    /** Its search space: x uniform in [0, 1]. */
    public static final dev.ladder.core.space.SearchSpace SPACE = dev.ladder.core.space.SearchSpace.builder().real("x", 0, 1).build();
    public final Map<Integer, List<Long>> resumedFrom = new ConcurrentHashMap<>();
    public final AtomicInteger epochsTrained = new AtomicInteger();
    private final double noise;

    public QuadraticObjective() {
        this(0);
    }

    public QuadraticObjective(double noise) {
        this.noise = noise;
    }

    @Override
    public void run(Config config, TrialContext ctx) {
        long done = ctx.loadCheckpoint().map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
        if (done > ctx.resumeFrom()) {
            throw new IllegalStateException("trial " + ctx.trialId() + ": checkpoint at " + done
                    + " is ahead of the resume point " + ctx.resumeFrom());
        }
        resumedFrom.computeIfAbsent(ctx.trialId(), k -> Collections.synchronizedList(new ArrayList<>())).add(done);
        double x = config.getDouble("x");
        for (long r = done + 1; r <= ctx.maxResource(); r++) {
            epochsTrained.incrementAndGet();
            double loss = (x - 0.3) * (x - 0.3) + 1.0 / r + noise * Math.sin(997 * x + 13 * r);
            boolean goOn = ctx.report(r, Map.of("loss", loss));
            ctx.saveCheckpoint(ByteBuffer.allocate(8).putLong(r).array());
            if (!goOn) {
                return;
            }
        }
    }
}
