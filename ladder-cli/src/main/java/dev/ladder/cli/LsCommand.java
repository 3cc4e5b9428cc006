package dev.ladder.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import dev.ladder.store.WorkerRow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** One line per experiment, its name first. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List the experiments, one per line: name, status, trials, best value, created. "
                + "Lists the store's experiments and every JSON-lines journal <out>/<name>/events.jsonl "
                + "(written by the Java API's Tuner.output(dir, name)). "
                + "An experiment whose process died while running shows as INTERRUPTED (resume it). "
                + "On PostgreSQL, then the workers: state, host, slots, the trials they run, last heartbeat.")
final class LsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Experiments experiments = Experiments.open(storeOptions)) {
            List<ExperimentView> all = experiments.all(problem -> err.println("ladder: " + problem));
            if (all.isEmpty()) {
                w.println("No experiments in " + storeOptions.where());
            }
            for (ExperimentView e : all) {
                ExperimentSummary s = ExperimentSummary.of(e);
                w.printf("%s  %s  %d trials  best %s  created %s%s%n", e.name(), e.status(), s.trials().size(),
                        s.best() == null ? "-" : s.bestText(), e.created().map(TIME::format).orElse("-"),
                        e instanceof JsonlExperiment ? "  journal " + e.where() : "");
                e.problem().ifPresent(p -> err.println("ladder: " + p));
            }
            List<WorkerRow> workers = experiments.workers();
            if (!workers.isEmpty()) {
                w.printf("%nWorkers (alive, lost, or stopped within the hour):%n");
                for (WorkerRow r : workers) {
                    w.printf("%s  %s  on %s  %d slots  running %s  last heartbeat %s%n", r.name(), r.state(), r.host(), r.slots(),
                            r.running().isEmpty() ? "nothing" : String.join(", ", r.running()), TIME.format(r.heartbeat()));
                }
            }
        }
        return 0;
    }
}
