package dev.ladder.cli.chaos;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ladder chaos}: SIGKILLs running experiments at seeded moments, resumes them, and counts what went wrong. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Chaos test: runs each workload once uninterrupted, then again in a child JVM killed with SIGKILL "
                + "at --kills seeded moments spread over the run and resumed after each; prints results lost or "
                + "duplicated, orphan trial processes, trials left RUNNING, checkpoint folders written by two "
                + "processes and COMPLETED trials below their target (target: 0 in every column). Exits 1 when a "
                + "count is not 0. Run it from the repository root (it reads examples/).")
public final class ChaosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kills", defaultValue = "30", description = "SIGKILLs per workload (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the kill moments (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workloads", split = ",", defaultValue = "shell,xgboost,demo",
            description = "Any of shell (examples/quadratic), xgboost (examples/xgboost), demo (in-process XGBoost); "
                    + "default ${DEFAULT-VALUE}.")
    List<String> workloads;

    @Option(names = "--workers", split = ",", defaultValue = "2", description = "Worker counts to run each workload "
            + "with (default ${DEFAULT-VALUE}); with 1 the decisions are also compared one by one.")
    List<Integer> workers;

    @Option(names = "--examples", defaultValue = "examples", description = "The examples folder (default ${DEFAULT-VALUE}).")
    Path examples;

    @Option(names = "--dir", defaultValue = "chaos-runs", description = "Where each run's folder goes (default ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (kills < 0) {
            throw new IllegalArgumentException("--kills must be >= 0, got " + kills);
        }
        workers.forEach(w -> {
            if (w < 1) {
                throw new IllegalArgumentException("--workers must be >= 1, got " + w);
            }
        });
        List<Workload> list = new ArrayList<>();
        for (String name : workloads) {
            for (int w : workers) {
                list.add(Workload.standard(name, w));
            }
        }
        if (list.stream().anyMatch(Workload::processTrials) && !Files.isDirectory(examples)) {
            throw new IllegalArgumentException("--examples " + examples + ": no such folder (run from the repository root)");
        }
        PrintWriter w = spec.commandLine().getOut();
        Path base = dir.resolve("seed" + seed + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<Figures> figures = new ArrayList<>();
        for (Workload workload : list) {
            w.printf("%s: %d trials up to resource %d on %d workers, %d kills, seed %d%n", workload.name(), workload.trials(),
                    workload.maxResource(), workload.workers(), kills, seed);
            w.flush();
            figures.add(ChaosRun.run(workload, examples, base.resolve(workload.name() + "-" + workload.workers() + "w"),
                    kills, seed, w));
        }
        print(w, figures);
        w.printf("Runs, logs and journals: %s%n", base);
        boolean clean = figures.stream().allMatch(Figures::clean);
        w.println(clean ? "Target met: 0 in every column." : "Target NOT met: see the evidence above.");
        return clean ? 0 : 1;
    }

    static void print(PrintWriter w, List<Figures> figures) {
        w.println();
        w.println(Figures.HEADER);
        figures.forEach(f -> w.println(f.row()));
        for (Figures f : figures) {
            if (!f.details().isEmpty()) {
                w.printf("%nEvidence, %s on %d workers:%n", f.workload(), f.workers());
                f.details().forEach(d -> w.println("  " + d));
            }
        }
        w.println();
        figures.forEach(f -> w.println(f.markdown()));
        w.flush();
    }
}
