package dev.ladder.examples;

import dev.ladder.core.Config;
import dev.ladder.core.tune.TrialContext;
import dev.ladder.process.LadderTrial;
import java.nio.file.Path;
import java.util.Map;

/**
 * The XGBoost demo's training as a program of its own, for tuning through processes
 * ({@code examples/xgboost/experiment.yaml}): it reads its config and resource range from the
 * environment Ladder sets, trains on the bundled German credit data from its checkpoint (a paused
 * trial's booster) up to {@code LADDER_MAX_RESOURCE} rounds, prints a {@code LADDER_REPORT} line per
 * round and saves the booster when it reaches that resource. A stopped trial is ended by a signal.
 */
public final class XGBoostTrial {
    private XGBoostTrial() {
    }

    public static void main(String[] args) throws Exception {
        Split split = XGBoostDemo.creditSplit();
        XGBoostObjective.of(split).run(Config.of(LadderTrial.config()), new TrialContext() {
            public int trialId() { return LadderTrial.trialId(); }
            public long resumeFrom() { return LadderTrial.resumeFrom(); }
            public long maxResource() { return LadderTrial.maxResource(); }
            public Path checkpointDir() { return LadderTrial.checkpointDir(); }

            public boolean report(long resource, Map<String, Double> metrics) {
                LadderTrial.report(resource, metrics);
                return true; // the tuner's answer comes as a signal, when it is to stop
            }
        });
    }
}
