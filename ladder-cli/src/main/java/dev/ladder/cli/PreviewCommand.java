package dev.ladder.cli;

import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.schedule.RungLevels;
import dev.ladder.core.schedule.TrialBudget;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Prints a scheduler's rungs and brackets without running anything. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Show a scheduler's brackets, the configurations each rung holds and the total resource, without running anything.")
final class PreviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SchedulerOptions scheduler;

    @Option(names = "--max-trials", description = "Trials to plan for (default: eta^(rungs-1), enough for one to reach the maximum).")
    Integer maxTrials;

    @Override
    public Integer call() {
        SchedulerSpec s = scheduler.spec(1, null);
        scheduler.searcherSpec(); // its flags are checked too
        if (s.maxResource() == null) {
            throw new IllegalArgumentException("preview needs --max-resource");
        }
        long eta = s.entry().has(Schedulers.ETA.name()) ? s.eta() : (Long) Schedulers.ETA.defaultValue();
        // sha's bracket starts s rungs up, so its fewest trials that reach the maximum are eta^(rungs-1-s)
        long skipped = s.entry().has(Schedulers.EARLY_STOPPING_RATE.name())
                ? s.parameters().integer(Schedulers.EARLY_STOPPING_RATE.name()) : 0;
        int trials = maxTrials != null ? maxTrials
                : (int) Math.max(1, defaultTrials(s.minResource(), s.maxResource(), eta) / (long) Math.pow(eta, skipped));
        spec.commandLine().getOut().printf("%s", s.trials(trials).preview(trials).render());
        TrialBudget.check(s, trials).ifPresent(b -> spec.commandLine().getOut().printf("%s%n", b.message()));
        return 0;
    }

    /** eta^(number of rungs - 1): the fewest trials with which one reaches the maximum resource. */
    static int defaultTrials(long min, long max, long eta) {
        int rungs = RungLevels.of(min, max, eta).length; // validates the three numbers
        long n = 1;
        for (int i = 1; i < rungs && n <= Integer.MAX_VALUE / eta; i++) {
            n *= eta;
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }
}
