package dev.ladder.cli;

import dev.ladder.store.ExperimentRow;
import dev.ladder.store.JdbcStore;
import dev.ladder.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Where experiments live: the flags shared by every command that touches them. */
final class StoreOptions {
    @Option(names = "--out", defaultValue = "ladder-runs",
            description = "Folder of the experiments: the SQLite store ladder.db (unless --storage) and each "
                    + "experiment's checkpoints (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--storage", description = "JDBC URL of the store instead of <out>/ladder.db, "
            + "e.g. jdbc:postgresql://host/db?user=u&password=p; checkpoints stay under --out.")
    String storage;

    Store open() {
        return Store.open(storage != null ? storage : out.toString());
    }

    String where() {
        return storage != null ? storage : out.resolve("ladder.db").toString();
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
    static String status(ExperimentRow e) {
        boolean live = e.heartbeatAt().map(h -> h.isAfter(Instant.now().minus(JdbcStore.DEFAULT_LEASE_TIMEOUT))).orElse(false);
        if ((e.status().equals("RUNNING") || e.status().startsWith("PAUS") && !e.status().equals("PAUSED")) && !live) {
            return "INTERRUPTED";
        }
        return e.status();
    }
}
