package dev.ladder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.store.ExperimentRow;
import java.nio.file.Path;
import dev.ladder.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Continues an experiment from its journal: after a crash, a pause, or to extend a finished one. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume an experiment: its journal is replayed into fresh schedulers, trials that were running "
                + "restart from their last checkpoint, paused ones wait for promotion as before. With a larger "
                + "--max-trials a finished experiment is extended (ASHA's bottom rung grows wider).")
final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment's name (see ladder ls).")
    String name;

    @Option(names = "--max-trials", description = "New limit on trials started (default: the experiment's).")
    Integer maxTrials;

    @Option(names = "--workers", description = "Trials run at once (default: the experiment's).")
    Integer workers;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws Exception {
        JsonNode experiment;
        try (Store store = storeOptions.open()) {
            ExperimentRow row = StoreOptions.find(store, name, storeOptions.where());
            experiment = DemoCommand.JSON.readTree(row.specJson());
        }
        String kind = experiment.path("kind").asText();
        if (workers != null) {
            ObjectNode target = kind.equals("process") ? (ObjectNode) experiment.get("spec") : (ObjectNode) experiment;
            target.put("workers", workers);
        }
        if (kind.equals("process")) {
            ExperimentSpec s = ExperimentSpec.parse(experiment.get("spec").toString(), Path.of("."), "experiment " + name);
            int limit = maxTrials != null ? maxTrials : s.stop().maxTrials() == null ? Integer.MAX_VALUE : s.stop().maxTrials();
            return RunCommand.run(spec.commandLine().getOut(), storeOptions, name, experiment, s, limit);
        }
        if (!kind.equals("demo")) {
            throw new IllegalArgumentException("experiment " + name + " is of kind '" + kind
                    + "'; resume it with the program that made it (its Java API: Tuner.builder()...resume())");
        }
        int limit = maxTrials != null ? maxTrials : experiment.get("max_trials").asInt();
        return DemoCommand.run(spec.commandLine().getOut(), storeOptions, name, experiment, limit);
    }
}
