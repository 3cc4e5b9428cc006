package dev.ladder.cli;

import dev.ladder.core.tune.ExperimentName;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Draws the PNGs of {@link ExperimentPlots} for a stored experiment. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw an experiment's charts as PNG files: the best value so far against time (" + ExperimentPlots.BEST
                + ") and the learning curves of its trials, coloured by status (" + ExperimentPlots.CURVES + "). demo, run "
                + "and resume draw them at the end by themselves.")
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--to", paramLabel = "DIR", description = "The folder to write into (default: <out>/<name>, beside the checkpoints).")
    Path to;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws IOException {
        ExperimentName.check(name);
        PrintWriter w = spec.commandLine().getOut();
        try (Experiments experiments = Experiments.open(storeOptions)) {
            ExperimentView e = experiments.find(name);
            List<Path> files = ExperimentPlots.write(e, to != null ? to : storeOptions.out.resolve(name), storeOptions.sqliteFile());
            files.forEach(f -> w.println("Wrote " + f));
        }
        return 0;
    }
}
