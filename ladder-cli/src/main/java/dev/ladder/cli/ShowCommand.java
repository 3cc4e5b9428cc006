package dev.ladder.cli;

import dev.ladder.core.TrialStatus;
import dev.ladder.core.pareto.ParetoFront;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** One experiment in detail. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show an experiment of the store or a JSON-lines journal <out>/<name>/events.jsonl: status, "
                + "metric and scheduler (from the journal), best trial and its config, the Pareto front and its hypervolume (several objectives), trials by status and by resource "
                + "reached, resource used, checkpoints on disk.")
final class ShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT")
    String name;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        try (Experiments experiments = Experiments.open(storeOptions)) {
            ExperimentView e = experiments.find(name);
            ExperimentSummary s = ExperimentSummary.of(e);
            String scheduler = e.header().scheduler();
            w.printf("Experiment %s (%s)%n", e.name(), e.where());
            w.printf("  status     %s%s%n", e.status(), e.holder().map(o -> ", held by " + o).orElse(""));
            w.printf("  created    %s%s%s%n", e.created().map(Object::toString).orElse("-"),
                    e.seed().isPresent() ? "; seed " + e.seed().getAsLong() : "",
                    scheduler.isEmpty() ? "" : "; scheduler " + scheduler);
            if (s.metric().multiObjective() || s.metric().constraint() != null) {
                w.printf("  objectives %s%n", FrontOf.objectivesText(s.metric()));
            } else {
                w.printf("  metric     %s (%s)%n", s.metric().name(), s.metric().mode().name().toLowerCase());
            }
            FrontOf.of(e).ifPresent(f -> {
                w.printf(Locale.ROOT, "  front      %d trials at r=%d; hypervolume %.6g (reference %s in losses), %d points over time%n",
                        f.members().size(), f.resource(), f.hypervolume(), Arrays.toString(f.reference()), f.hypervolumeOverTime().size());
                for (ParetoFront.Member m : f.members()) {
                    StringBuilder v = new StringBuilder();
                    for (int i = 0; i < m.values().length; i++) {
                        v.append(i == 0 ? "" : ", ").append(f.objectives().get(i)).append(' ').append(String.format(Locale.ROOT, "%.4g", m.values()[i]));
                    }
                    w.printf("             trial %d: %s%n", m.trialId(), v);
                }
            });
            if (s.best() != null) {
                w.printf("  best       %s%n", s.bestText());
                s.trials().stream().filter(t -> t.trialId() == s.best().trialId()).findFirst()
                        .ifPresent(t -> w.printf("  config     %s%n", t.configJson()));
            }
            Map<TrialStatus, Integer> by = s.byStatus();
            w.printf("  trials     %d:", s.trials().size());
            by.forEach((st, n) -> w.printf(" %d %s", n, st.name().toLowerCase()));
            w.println();
            w.print("  reached   ");
            s.reached().forEach((level, n) -> w.printf(" %d trials >= %d;", n, level));
            w.println();
            w.printf("  resource   %,d used%n", s.resourceUsed());
            s.excluded().forEach((trial, reason) -> w.printf("  excluded   trial %d: %s%n", trial, reason));
            if (e instanceof StoredExperiment stored) {
                Map<Integer, String> on = stored.store().runningOn(stored.row().id());
                if (!on.isEmpty()) {
                    w.printf("  workers   ");
                    on.forEach((trial, worker) -> w.printf(" trial %d on %s;", trial, worker));
                    w.println();
                }
            }
            Path dir = storeOptions.checkpoints(e.name());
            long[] usage = diskUsage(dir);
            long withCheckpoint = s.trials().stream().filter(t -> t.checkpoint() != null).count();
            w.printf("  checkpoints %d trials have one; %s in %d files under %s%n", withCheckpoint, bytes(usage[1]), usage[0], dir);
            e.problem().ifPresent(p -> w.printf("  journal    %s%n", p));
        }
        return 0;
    }

    /** {files, bytes} under {@code dir} (zeros when it does not exist). */
    static long[] diskUsage(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new long[2];
        }
        long[] out = new long[2];
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                out[0]++;
                out[1] += f.toFile().length();
            });
        }
        return out;
    }

    static String bytes(long n) {
        return n < 1024 ? n + " B" : n < 1 << 20 ? String.format("%.1f KiB", n / 1024.0) : String.format("%.1f MiB", n / 1048576.0);
    }
}
