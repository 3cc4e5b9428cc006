package dev.ladder.cli;

import dev.ladder.core.journal.ExperimentState;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.tune.EventLog;
import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Excludes a trial from an experiment's rankings without deleting it: an {@code exclude} event in its
 * journal. A running experiment's tuner journals it itself (asked through the store, as {@code ladder pause}
 * asks); an idle one gets the event appended under its lease (a JSON-lines journal: to its file).
 */
@Command(name = "exclude", mixinStandardHelpOptions = true,
        description = "Exclude a trial from an experiment's rankings (a NaN, a known bug in its run) without deleting it: "
                + "the journal records it, the best and the schedulers' rungs leave it out from then on, a job it runs stops, "
                + "and ladder show lists it as excluded with the reason. Works on a running experiment too.")
final class ExcludeCommand implements Callable<Integer> {
    /** How long to wait for a running experiment's tuner to journal the exclusion. */
    static final long WAIT_MS = 30_000;
    private static final Set<ExperimentStatus> RUNNING = Set.of(ExperimentStatus.RUNNING, ExperimentStatus.PAUSE_REQUESTED,
            ExperimentStatus.PAUSING);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT")
    String name;

    @Parameters(index = "1", paramLabel = "TRIAL", description = "The trial's number, as ladder show and export give it (7 or #7).")
    String trial;

    @Option(names = "--reason", required = true, description = "Why it is excluded (shown by ladder show and kept in the journal).")
    String reason;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws InterruptedException {
        int id = WhyCommand.trialNumber(trial);
        if (reason.isBlank()) {
            throw new IllegalArgumentException("--reason must say why trial " + id + " is excluded");
        }
        PrintWriter w = spec.commandLine().getOut();
        JournalEvent.Exclude event = new JournalEvent.Exclude(id, reason);
        String jsonlFile = null;
        try (Experiments experiments = Experiments.open(storeOptions)) {
            ExperimentView e = experiments.find(name);
            if (e.trials().stream().noneMatch(t -> t.trialId() == id)) {
                int n = e.trials().size();
                throw new IllegalArgumentException("experiment " + e.name() + " has no trial " + id
                        + (n == 0 ? " (it has started none yet)" : " (its trials are 0 to " + (n - 1) + ")"));
            }
            String before = e.excluded().get(id);
            if (before != null) {
                w.printf("Trial %d of %s is excluded already: %s%n", id, e.name(), before);
                return 0;
            }
            if (e instanceof JsonlExperiment) {
                if (RUNNING.contains(e.status())) {
                    throw new IllegalArgumentException("experiment " + name + " is a JSON-lines journal open in a running process: "
                            + "call Tuner.exclude(" + id + ", reason) in the program that runs it");
                }
                jsonlFile = e.where();
            }
        }
        if (jsonlFile != null) {
            appendToFile(jsonlFile, event);
            w.printf("Excluded trial %d of %s: %s%n", id, name, reason);
            return 0;
        }
        try (Store store = storeOptions.openExisting()) {
            StoreOptions.find(store, name, storeOptions.where());
            if (RUNNING.contains(StoreOptions.status(store.experiment(name).orElseThrow()))) {
                StoreLog.requestExclude(store, name, id, reason);
                w.printf("Asked the tuner running %s to exclude trial %d ...%n", name, id);
                w.flush();
                long until = System.currentTimeMillis() + WAIT_MS;
                while (System.currentTimeMillis() < until) {
                    if (excluded(store, id)) {
                        w.printf("Excluded trial %d of %s: %s%n", id, name, reason);
                        return 0;
                    }
                    if (!RUNNING.contains(StoreOptions.status(store.experiment(name).orElseThrow()))) {
                        break; // it ended before its tuner saw the request: append it here
                    }
                    Thread.sleep(200);
                }
                if (RUNNING.contains(StoreOptions.status(store.experiment(name).orElseThrow()))) {
                    throw new IllegalStateException("the tuner running " + name + " has not journaled the exclusion of trial "
                            + id + " within " + WAIT_MS / 1000 + " s; the request stays and it journals it when it sees it");
                }
            }
            if (!excluded(store, id)) {
                StoreLog.appendIdle(store, name, event, state -> { });
            }
            w.printf("Excluded trial %d of %s: %s%n", id, name, reason);
        }
        return 0;
    }

    private boolean excluded(Store store, int id) {
        long experiment = store.experiment(name).orElseThrow().id();
        return store.eventsOfType(experiment, "exclude").stream()
                .anyMatch(ev -> dev.ladder.core.journal.JournalCodec.decode(ev.body()).event().trialId() == id);
    }

    /** Appends {@code event} to the JSON-lines journal {@code file} of an experiment no process runs. */
    private static void appendToFile(String file, JournalEvent event) {
        try (EventLog log = EventLog.jsonl(Path.of(file))) {
            ExperimentState state = new ExperimentState(null, null);
            long n = log.read(entry -> state.apply(entry.event()));
            log.commit(List.of(new JournalEntry(n + 1, Instant.ofEpochMilli(System.currentTimeMillis()), event)));
        }
    }
}
