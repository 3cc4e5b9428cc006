package dev.ladder.cli;

import dev.ladder.store.ExperimentRow;
import dev.ladder.store.Store;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** One line per experiment, its name first. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List the experiments, one per line: name, status, trials, best value, created. "
                + "An experiment whose process died while running shows as INTERRUPTED (resume it).")
final class LsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        try (Store store = storeOptions.openExisting()) {
            List<ExperimentRow> all = store.experiments();
            if (all.isEmpty()) {
                w.println("No experiments in " + storeOptions.where());
            }
            for (ExperimentRow e : all) {
                ExperimentSummary s = ExperimentSummary.of(store, e);
                w.printf("%s  %s  %d trials  best %s  created %s%n", e.name(), StoreOptions.status(e), s.trials().size(),
                        s.best() == null ? "-" : s.bestText(), TIME.format(e.createdAt()));
            }
        }
        return 0;
    }
}
