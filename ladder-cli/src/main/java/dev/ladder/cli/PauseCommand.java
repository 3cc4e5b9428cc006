package dev.ladder.cli;

import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Asks the process running an experiment (on any machine sharing the store) to pause it. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause a running experiment: its process notices within a few seconds; running trials save "
                + "their checkpoints at their next report and pause. Resume with ladder resume.")
final class PauseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT")
    String name;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Experiments.requireStored(storeOptions, name, "pause", "a JSON-lines journal has no lease to carry the request: "
                + "call Tuner.pause() in the program that runs it (e.g. from its signal handler)");
        try (Store store = storeOptions.openExisting()) {
            StoreOptions.find(store, name, storeOptions.where());
            StoreLog.requestPause(store, name);
        }
        spec.commandLine().getOut().printf("Asked %s to pause; ladder ls shows PAUSED once its trials have saved.%n", name);
        return 0;
    }
}
