package dev.ladder.cli;

import dev.ladder.store.ExperimentRow;
import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where experiments live: the flags shared by every command that touches them. */
final class StoreOptions {
    @Option(names = "--out", defaultValue = "ladder-runs",
            description = "Folder of the experiments: the SQLite store ladder.db (unless --storage), each "
                    + "experiment's checkpoints, and the JSON-lines journals <name>/events.jsonl that ls, show and "
                    + "export also read (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--storage", description = "JDBC URL of the store instead of <out>/ladder.db, "
            + "e.g. jdbc:postgresql://host/db?user=u&password=p; checkpoints stay under --out.")
    String storage;

    /** Opens the store, creating it when it does not exist yet (for commands that start an experiment). */
    Store open() {
        return Store.open(location());
    }

    /**
     * Opens a store that must already exist (for commands that look at experiments): a mistyped --out
     * gets "no store at ..." instead of a new empty store.
     */
    Store openExisting() {
        Optional<Path> file = sqliteFile();
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new IllegalArgumentException("no store at " + file.get() + ": nothing has run there yet (give the --out"
                    + " or --storage the experiments ran with; ladder ls --out DIR lists them)");
        }
        return Store.open(location());
    }

    /** False when the store is a SQLite file that does not exist (nothing ran there with a store). */
    boolean storeExists() {
        return sqliteFile().map(Files::isRegularFile).orElse(true);
    }

    /** The SQLite file of the store, empty for another database. */
    Optional<Path> sqliteFile() {
        return StoreLocation.sqliteFile(location());
    }

    private String location() {
        return storage != null ? storage : out.toString();
    }

    /** The store as shown to the user, its password masked. */
    String where() {
        return StoreLocation.masked(storage != null ? storage : out.resolve("ladder.db").toString());
    }

    /** The checkpoint folder of experiment {@code name}. */
    Path checkpoints(String name) {
        return out.resolve(name).resolve("checkpoints");
    }

    static ExperimentRow find(Store store, String name, String where) {
        return store.experiment(name).orElseThrow(() -> new IllegalArgumentException(
                "no experiment named '" + name + "' in " + where + " (see ladder ls)"));
    }

    /** The status to show: a RUNNING experiment whose process is gone shows as INTERRUPTED. */
    static ExperimentStatus status(ExperimentRow e) {
        return e.shownStatus();
    }

    /** True while a pause was asked for or is under way (PAUSE_REQUESTED, PAUSING) but not done. */
    static boolean pausing(ExperimentRow e) {
        return e.status().pausing();
    }

    /** True when a live process holds the experiment's lease (see {@link ExperimentRow#held()}). */
    static boolean held(ExperimentRow e) {
        return e.held();
    }
}
