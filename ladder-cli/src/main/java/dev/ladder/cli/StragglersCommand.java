package dev.ladder.cli;

import dev.ladder.benchmarks.harness.LinePlot;
import dev.ladder.benchmarks.harness.StragglerStudy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Thesis 3.3.3 / Figure 3.2 in simulation: synchronous SHA against ASHA under stragglers and dropped jobs. */
@Command(name = "bench-stragglers", mixinStandardHelpOptions = true,
        description = "Reproduce thesis section 3.3.3 (Figure 3.2) in simulation: synchronous SHA vs ASHA, eta 4, r 1, "
                + "R 256, n 256, 25 workers, over a grid of straggler sigma and drop probability p.")
final class StragglersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sigmas", split = ",", defaultValue = "0,0.5,1,1.5,2", description = "Straggler sigmas (default ${DEFAULT-VALUE}).")
    double[] sigmas;

    @Option(names = "--drops", split = ",", defaultValue = "0,0.001,0.005", description = "Drop probabilities per time unit (default ${DEFAULT-VALUE}).")
    double[] drops;

    @Option(names = "--repetitions", defaultValue = "25", description = "Runs per cell and method (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--horizon", defaultValue = "2560", description = "Simulated time units per run, 10 x time(R) by default (default ${DEFAULT-VALUE}).")
    double horizon;

    @Option(names = "--out", defaultValue = "bench-runs/stragglers", description = "Folder for the table and plots (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        List<StragglerStudy.Cell> cells = new StragglerStudy(horizon, repetitions)
                .run(sigmas, drops, Runtime.getRuntime().availableProcessors());
        String table = StragglerStudy.table(cells, horizon, repetitions);
        Files.createDirectories(out);
        Files.writeString(out.resolve("stragglers.md"), table);
        plot(cells, true, out.resolve("configs-at-R.png"));
        plot(cells, false, out.resolve("time-to-first-R.png"));
        w.print(table);
        w.printf("%nFiles: %s (stragglers.md, configs-at-R.png, time-to-first-R.png)%n", out);
        w.flush();
        return 0;
    }

    private void plot(List<StragglerStudy.Cell> cells, boolean configs, Path file) {
        LinePlot plot = new LinePlot(configs ? "Configurations trained to R (mean)" : "Time until a configuration reaches R (mean)",
                "straggler sigma", configs ? "configurations" : "simulated time units");
        for (String method : List.of("sha", "asha")) {
            for (double p : drops) {
                double[] y = new double[sigmas.length];
                for (int i = 0; i < sigmas.length; i++) {
                    double s = sigmas[i];
                    StragglerStudy.Cell c = cells.stream().filter(x -> x.method().equals(method) && x.sigma() == s && x.p() == p)
                            .findFirst().orElseThrow();
                    y[i] = configs ? c.configsAtR() : c.firstAtR();
                }
                plot.add(new LinePlot.Series(String.format(Locale.ROOT, "%s, p=%s", method.equals("sha") ? "sync SHA" : "ASHA", p),
                        sigmas, y, null, null));
            }
        }
        plot.write(file);
    }
}
