package dev.ladder.server;

import dev.ladder.core.journal.JournalCodec;
import dev.ladder.store.Event;
import dev.ladder.store.ExperimentRow;
import dev.ladder.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiments of a store as the dashboard shows them: one {@link ExperimentModel} each, kept up to date by
 * reading only the events appended since the last look (a page of at most {@value #PAGE} at a time), and the
 * listeners (the server-sent event streams) told of every experiment that changed.
 */
final class Catalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    static final int PAGE = 10_000;

    /** An experiment changed: its name, its status now and the seq of its last event. */
    record Change(String experiment, String status, long seq) {
    }

    private final Store store;
    private final Map<String, ExperimentModel> models = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService refresher;

    Catalog(Store store, Duration every) {
        this.store = store;
        refresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ladder-dashboard-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    Store store() {
        return store;
    }

    void listen(Consumer<Change> listener) {
        listeners.add(listener);
    }

    void unlisten(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("cannot read {}: {}", store.location(), e.getMessage());
        }
    }

    /** Reads the experiments' rows and the events appended since the last look; tells the listeners what changed. */
    synchronized void refresh() {
        for (ExperimentRow row : store.experiments()) {
            ExperimentModel m = models.computeIfAbsent(row.name(), n -> new ExperimentModel(row));
            String before = m.row().shownStatus().name();
            m.setRow(row);
            long from = m.lastSeq();
            if (!problems.containsKey(row.name())) {
                readNew(m, row);
            }
            String now = row.shownStatus().name();
            if (m.lastSeq() != from || !now.equals(before)) {
                Change c = new Change(row.name(), now, m.lastSeq());
                listeners.forEach(l -> l.accept(c));
            }
        }
    }

    private void readNew(ExperimentModel m, ExperimentRow row) {
        long last = store.lastSeq(row.id());
        while (m.lastSeq() < last) {
            List<Event> page = store.events(row.id(), m.lastSeq() + 1, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (Event e : page) {
                try {
                    m.apply(JournalCodec.decode(e.body()));
                } catch (RuntimeException bad) {
                    problems.put(row.name(), "event " + e.seq() + " (" + e.type() + ") cannot be read: " + bad.getMessage());
                    LOG.warn("experiment {}: {}", row.name(), problems.get(row.name()));
                    return;
                }
            }
        }
    }

    /** Experiment {@code name}, refreshed by the last look. */
    Optional<ExperimentModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The experiment {@code name}, or a {@link NotFound} naming it. */
    ExperimentModel get(String name) {
        return find(name).orElseThrow(() -> new NotFound("no experiment named '" + name + "' in " + store.location()));
    }

    /** Why experiment {@code name}'s journal is shown only up to some event, if it is. */
    Optional<String> problem(String name) {
        return Optional.ofNullable(problems.get(name));
    }

    /** All experiments, the newest first. */
    List<ExperimentModel> all() {
        List<ExperimentModel> all = new ArrayList<>(models.values());
        all.sort(Comparator.comparing((ExperimentModel m) -> m.row().createdAt()).reversed()
                .thenComparing(m -> m.row().name()));
        return all;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(10, TimeUnit.SECONDS); // a refresh under way ends before the store closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
