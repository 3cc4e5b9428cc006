package dev.ladder.cli.bench;

import dev.ladder.core.schedule.Schedulers;
import dev.ladder.benchmarks.harness.LinePlot;
import dev.ladder.benchmarks.harness.Seeds;
import dev.ladder.benchmarks.harness.StragglerStudy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Thesis 3.3.3 / Figure 3.2 in simulation: synchronous SHA against ASHA under stragglers and dropped jobs. */
@Command(name = "bench-stragglers", mixinStandardHelpOptions = true,
        description = "Reproduce thesis section 3.3.3 (Figure 3.2) in simulation: synchronous SHA vs ASHA, eta 4, r 1, "
                + "R and n from the task (synthetic:256 by default: R 256, n 256), 25 workers, over a grid of straggler sigma "
                + "and drop probability p. Tasks: synthetic:R only (a job's time is its resource); seeds 25 by default.")
public final class StragglersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--sigmas", split = ",", defaultValue = "0,0.5,1,1.5,2", description = "Straggler sigmas (default ${DEFAULT-VALUE}).")
    double[] sigmas;

    @Option(names = "--drops", split = ",", defaultValue = "0,0.001,0.005", description = "Drop probabilities per time unit (default ${DEFAULT-VALUE}).")
    double[] drops;

    @Option(names = "--horizon", description = "Simulated time units per run (default: 10 x time(R), 2560 for synthetic:256).")
    Double horizon;

    @Option(names = "--out", defaultValue = "bench-runs/stragglers", description = "Folder for the table and plots (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        List<String> tasks = options.tasks(List.of(StragglerStudy.DEFAULT_TASK));
        Seeds seeds = options.seeds(new Seeds(0, 25));
        List<StragglerStudy> studies = new ArrayList<>();
        for (String task : tasks) { // fail on a wrong task before anything runs
            studies.add(new StragglerStudy(task, horizon != null ? horizon : StragglerStudy.defaultHorizon(task), seeds));
        }
        StringBuilder md = new StringBuilder();
        List<String> files = new ArrayList<>(List.of("stragglers.md"));
        Files.createDirectories(out);
        for (int i = 0; i < tasks.size(); i++) {
            List<StragglerStudy.Cell> cells = studies.get(i).run(sigmas, drops, options.threads());
            String suffix = tasks.size() == 1 ? "" : "-" + tasks.get(i).replaceAll("[^A-Za-z0-9]+", "-");
            md.append(tasks.size() == 1 ? "" : "\n## " + tasks.get(i) + "\n\n").append(studies.get(i).table(cells));
            plot(cells, true, out.resolve("configs-at-R" + suffix + ".png"));
            plot(cells, false, out.resolve("time-to-first-R" + suffix + ".png"));
            files.add("configs-at-R" + suffix + ".png");
            files.add("time-to-first-R" + suffix + ".png");
        }
        Files.writeString(out.resolve("stragglers.md"), md.toString());
        w.print(md);
        w.printf("%nFiles: %s (%s)%n", out, String.join(", ", files));
        w.flush();
        return 0;
    }

    private void plot(List<StragglerStudy.Cell> cells, boolean configs, Path file) {
        LinePlot plot = new LinePlot(configs ? "Configurations trained to R (mean over seeds)"
                : "Time until a configuration reaches R (median over seeds; runs that never did are left at the horizon)",
                "straggler sigma", configs ? "configurations" : "simulated time units");
        for (String method : List.of(Schedulers.SHA.name(), Schedulers.ASHA.name())) {
            for (double p : drops) {
                double[] y = new double[sigmas.length];
                for (int i = 0; i < sigmas.length; i++) {
                    double s = sigmas[i];
                    StragglerStudy.Cell c = cells.stream().filter(x -> x.method().equals(method) && x.sigma() == s && x.p() == p)
                            .findFirst().orElseThrow();
                    y[i] = configs ? c.configsAtR() : medianOrHorizon(c);
                }
                plot.add(new LinePlot.Series(String.format(Locale.ROOT, "%s, p=%s", method.equals(Schedulers.SHA.name()) ? "sync SHA" : "ASHA", p),
                        sigmas, y, null, null));
            }
        }
        plot.write(file);
    }

    /** The median time, or the horizon when half of the runs or more never reached R (the table says "> horizon"). */
    private static double medianOrHorizon(StragglerStudy.Cell c) {
        double m = c.firstAtR().median();
        return Double.isNaN(m) ? c.firstAtR().budget() : m;
    }
}
