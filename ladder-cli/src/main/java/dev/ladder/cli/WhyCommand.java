package dev.ladder.cli;

import dev.ladder.core.journal.TrialPath;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** One trial's path up the ladder, told by {@link TrialPath} from the experiment's journal. */
@Command(name = "why", mixinStandardHelpOptions = true,
        description = "Why a trial went where it did: its path up the ladder from the experiment's journal, one line per "
                + "decision (the rung, its rank there, the rung's size, the cutoff or rule that applied, and what happened "
                + "next: paused, promoted, stopped, completed, failed, suspended, restarted).")
final class WhyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT")
    String name;

    @Parameters(index = "1", paramLabel = "TRIAL", description = "The trial's number, as ladder show and export give it (7 or #7).")
    String trial;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        int id = trialNumber(trial);
        PrintWriter w = spec.commandLine().getOut();
        try (Experiments experiments = Experiments.open(storeOptions)) {
            ExperimentView e = experiments.find(name);
            TrialPath path = new TrialPath(id);
            e.readJournal(path::add);
            if (!path.found()) {
                int n = e.trials().size();
                throw new IllegalArgumentException("experiment " + e.name() + " has no trial " + id
                        + (n == 0 ? " (it has started none yet)" : " (its trials are 0 to " + (n - 1) + "; see ladder show " + e.name() + ")"));
            }
            JournalHeader h = e.header();
            w.printf("Trial %d of %s (%s; %s, %s)%n", id, e.name(), h.scheduler().isEmpty() ? "scheduler unknown" : h.scheduler(),
                    h.metric().name(), h.metric().mode().name().toLowerCase());
            e.trials().stream().filter(t -> t.trialId() == id).findFirst()
                    .ifPresent(t -> w.printf("  config  %s%n  now     %s at r=%d%n", t.configJson(), t.status().name().toLowerCase(), t.lastResource()));
            path.lines().forEach(line -> w.println("  " + line));
            e.problem().ifPresent(p -> w.printf("  journal %s%n", p));
        }
        return 0;
    }

    /** 7 or #7; anything else is refused, naming it. */
    static int trialNumber(String text) {
        String digits = text.startsWith("#") ? text.substring(1) : text;
        if (!digits.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("TRIAL must be a trial number such as 7 (as ladder show and export give it), got '" + text + "'");
        }
        return Integer.parseInt(digits);
    }
}
