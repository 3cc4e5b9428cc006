package dev.ladder.cli;

import dev.ladder.core.tune.ExperimentName;
import dev.ladder.store.ExperimentRow;
import dev.ladder.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The experiments the read commands see under {@code --out} (and {@code --storage}): those of the store, and
 * each folder {@code <out>/<name>/events.jsonl} (a journal written by {@code Tuner.output(out, name)}) whose
 * name the store does not have. Never creates a store: with neither a store nor a journal there, the error
 * says {@code no store at ...}.
 */
final class Experiments implements AutoCloseable {
    static final String JOURNAL = "events.jsonl";

    private final StoreOptions where;
    /** Null when there is no store (no {@code ladder.db} under {@code --out}). */
    private final Store store;
    private OpenFiles openFiles;

    private Experiments(StoreOptions where, Store store) {
        this.where = where;
        this.store = store;
    }

    static Experiments open(StoreOptions where) {
        return new Experiments(where, where.storeExists() ? where.openExisting() : null);
    }

    /**
     * Every experiment, the store's first; a journal that cannot be read is named to {@code unreadable} instead
     * (so one bad folder does not hide the others).
     */
    List<ExperimentView> all(Consumer<String> unreadable) {
        List<ExperimentView> all = new ArrayList<>();
        Set<String> stored = new HashSet<>();
        if (store != null) {
            for (ExperimentRow e : store.experiments()) {
                all.add(new StoredExperiment(store, e, where.where()));
                stored.add(e.name());
            }
        }
        List<Path> folders = journalFolders();
        if (store == null && folders.isEmpty()) {
            where.openExisting().close(); // fails: "no store at ..."
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            if (stored.contains(name)) {
                unreadable.accept(folder.resolve(JOURNAL) + " is not listed: the store has an experiment named " + name);
                continue;
            }
            try {
                all.add(JsonlExperiment.read(folder, this::openFiles));
            } catch (RuntimeException e) {
                unreadable.accept(e.getMessage());
            }
        }
        return all;
    }

    /**
     * Fails when {@code name} is only a JSON-lines experiment, which {@code command} cannot act on: {@code why}
     * says what to do instead. Otherwise returns, and the command goes on with the store.
     */
    static void requireStored(StoreOptions where, String name, String command, String why) {
        try (Experiments ex = open(where)) {
            Optional<Path> folder = ex.journalFolder(name);
            if (folder.isPresent() && (ex.store == null || ex.store.experiment(name).isEmpty())) {
                throw new IllegalArgumentException("experiment " + name + " is a JSON-lines journal ("
                        + folder.get().resolve(JOURNAL) + "), not in a store: ladder " + command + " cannot act on it; " + why);
            }
        }
    }

    /** The store's workers (none without a store). */
    List<dev.ladder.store.WorkerRow> workers() {
        return store == null ? List.of() : store.workers();
    }

    /** Experiment {@code name}: the store's, else the journal {@code <out>/<name>/events.jsonl}. */
    ExperimentView find(String name) {
        if (store != null) {
            Optional<ExperimentRow> row = store.experiment(name);
            if (row.isPresent()) {
                return new StoredExperiment(store, row.get(), where.where());
            }
        }
        Optional<Path> folder = journalFolder(name);
        if (folder.isPresent()) {
            return JsonlExperiment.read(folder.get(), this::openFiles);
        }
        if (store == null && journalFolders().isEmpty()) {
            where.openExisting().close(); // fails: "no store at ..."
        }
        Path journal = where.out.resolve(name).resolve(JOURNAL);
        throw new IllegalArgumentException(store != null
                ? "no experiment named '" + name + "' in " + where.where() + " (nor a journal " + journal + "; see ladder ls)"
                : "no experiment named '" + name + "' under " + where.out + ": no store " + where.where() + " and no journal "
                        + journal + " (see ladder ls)");
    }

    /** The folder of the journal {@code <out>/<name>/events.jsonl}, when {@code name} is a valid name and it exists. */
    Optional<Path> journalFolder(String name) {
        if (!validName(name)) {
            return Optional.empty(); // "../x" names no folder under --out
        }
        Path folder = where.out.resolve(name);
        return Files.isRegularFile(folder.resolve(JOURNAL)) ? Optional.of(folder) : Optional.empty();
    }

    private static boolean validName(String name) {
        try {
            ExperimentName.check(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<Path> journalFolders() {
        if (!Files.isDirectory(where.out)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(where.out)) {
            return dirs.filter(d -> validName(d.getFileName().toString()) && Files.isRegularFile(d.resolve(JOURNAL)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + where.out + ": " + e.getMessage(), e);
        }
    }

    private OpenFiles openFiles() {
        if (openFiles == null) {
            openFiles = OpenFiles.scan();
        }
        return openFiles;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
