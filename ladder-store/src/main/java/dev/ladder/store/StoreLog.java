package dev.ladder.store;

import dev.ladder.core.journal.JournalBatch;
import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.tune.EventLog;
import dev.ladder.core.tune.ExperimentName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An experiment's journal in a {@link Store}, held under its exclusive lease. Each group of events is
 * one transaction of a few statements whatever its size (the lease's epoch checked once, then one
 * multi-row INSERT each for the events, the trial rows the group leaves and its result rows), and only
 * while the lease is still this process's. The next seq is kept here, read once when the log opens: the
 * lease makes this the only writer. A background thread renews the lease and watches for a pause asked
 * by another process ({@link #requestPause}). Reading checks every event: a last event whose body is
 * not a valid event is deleted and reported through {@link #repair()}; a bad one before it is an
 * error naming its seq.
 */
public final class StoreLog implements EventLog {
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final int PAGE = 10_000;
    private static final java.util.concurrent.atomic.AtomicInteger SESSIONS = new java.util.concurrent.atomic.AtomicInteger();

    private final Store store;
    private final ExperimentRow experiment;
    private final Lease lease;
    /** The trial rows as the events so far leave them. */
    private final JournalRows rows = new JournalRows();
    private final ScheduledExecutorService heartbeat;
    private volatile Runnable onPauseRequest = () -> { };
    private volatile java.util.function.BiConsumer<Integer, String> onExcludeRequest = (t, r) -> { };
    /** The id of the last request handed to the tuner: each is handed over once per session. */
    private long lastRequest;
    private static final com.fasterxml.jackson.databind.ObjectMapper REQUEST_JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private volatile java.util.function.Consumer<String> note = n -> { };
    private StoreRetry retry = new StoreRetry(StoreRetry.configuredWindow(), n -> note.accept(n));
    private volatile RuntimeException heartbeatError;
    private String repair;
    /** The experiment's tuner lock while this log holds it (see {@link Store#tunerLock}), else null. */
    private AutoCloseable tunerLock;
    /** The seq the next committed event must carry. */
    private long nextSeq;

    private StoreLog(Store store, ExperimentRow experiment, Lease lease, Duration every) {
        this.store = store;
        this.experiment = experiment;
        this.lease = lease;
        this.nextSeq = store.lastSeq(experiment.id()) + 1; // after the lease is taken: nobody else appends now
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ladder-lease-" + experiment.name());
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens experiment {@code name} for writing: takes its lease (failing with "experiment X is open in
     * process P since T" while another live process holds it) and marks it RUNNING.
     */
    public static StoreLog open(Store store, String name) {
        return open(store, name, HEARTBEAT);
    }

    /** As {@link #open(Store, String)}, renewing the lease (and looking for pause requests) every {@code heartbeat}. */
    public static StoreLog open(Store store, String name, Duration heartbeat) {
        ExperimentRow row = store.experiment(name)
                .orElseThrow(() -> new IllegalArgumentException("no experiment named '" + name + "'"));
        Lease lease = store.acquire(name, Lease.processOwner() + " session " + SESSIONS.incrementAndGet());
        store.setStatus(row.id(), ExperimentStatus.RUNNING);
        StoreLog log = new StoreLog(store, row, lease, heartbeat);
        try {
            log.tunerLock = store.tunerLock(row.id(), false); // a standby waiting for it wakes when this process dies
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StoreException e) {
            log.close();
            throw e;
        }
        return log;
    }

    /** Thrown by {@link #openStandby} when the experiment finished while the standby waited. */
    public static final class FinishedWhileWaiting extends RuntimeException {
        FinishedWhileWaiting(String name) {
            super("experiment " + name + " finished while this standby waited; nothing to take over");
        }
    }

    /**
     * Opens experiment {@code name} as a hot standby of the process running it: waits on its tuner lock
     * (PostgreSQL) until that process is gone, then for its lease (at once when it was a process of this
     * host, else once its heartbeat is older than the lease timeout: a tuner that only lost its connection
     * keeps its experiment), and takes over. {@code note} hears once that it waits.
     *
     * @throws FinishedWhileWaiting when the experiment finished meanwhile
     */
    public static StoreLog openStandby(Store store, String name, java.util.function.Consumer<String> note) throws InterruptedException {
        ExperimentRow row = store.experiment(name)
                .orElseThrow(() -> new IllegalArgumentException("no experiment named '" + name + "'"));
        AutoCloseable lock = store.tunerLock(row.id(), true);
        boolean told = false;
        try {
            while (true) {
                if (store.experiment(name).orElseThrow().status() == ExperimentStatus.FINISHED) {
                    throw new FinishedWhileWaiting(name);
                }
                try {
                    StoreLog log = open(store, name);
                    closeQuietly(log.tunerLock);
                    log.tunerLock = lock;
                    return log;
                } catch (IllegalStateException held) {
                    if (!told) {
                        note.accept(held.getMessage() + "; waiting to take over");
                        told = true;
                    }
                    Thread.sleep(500);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // a lock whose connection is gone is released already
            }
        }
    }

    /**
     * Creates experiment {@code name} with its spec (JSON) and seed and opens it; fails if the name is taken
     * or breaks the {@link ExperimentName} rule (then nothing is written).
     */
    public static StoreLog create(Store store, String name, String specJson, long seed) {
        ExperimentName.check(name); // before the row: a name the tuner refuses would leave a ghost experiment
        store.createExperiment(name, specJson, seed);
        return open(store, name);
    }

    /** Asks the process running experiment {@code name} to pause; it notices within a few seconds. */
    public static void requestPause(Store store, String name) {
        ExperimentRow row = store.experiment(name)
                .orElseThrow(() -> new IllegalArgumentException("no experiment named '" + name + "'"));
        if (row.status() != ExperimentStatus.RUNNING) {
            throw new IllegalStateException("experiment " + name + " is " + row.status() + ", not RUNNING");
        }
        store.setStatus(row.id(), ExperimentStatus.PAUSE_REQUESTED);
    }

    /**
     * Asks the tuner running experiment {@code name} to exclude trial {@code trial}; its log hands the
     * request over at its next heartbeat (within a few seconds) and the tuner journals it.
     */
    public static void requestExclude(Store store, String name, int trial, String reason) {
        ExperimentRow row = store.experiment(name)
                .orElseThrow(() -> new IllegalArgumentException("no experiment named '" + name + "'"));
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("trial", trial).put("reason", reason);
        store.request(row.id(), "exclude", body.toString());
    }

    /**
     * Appends {@code event} to the journal of experiment {@code name} while no process runs it: takes its
     * lease (failing while a live process holds it), checks {@code check} against the state its journal
     * leaves (it throws to refuse), commits the event and gives the experiment back its status.
     */
    public static void appendIdle(Store store, String name, JournalEvent event,
                                  Consumer<dev.ladder.core.journal.ExperimentState> check) {
        ExperimentRow row = store.experiment(name)
                .orElseThrow(() -> new IllegalArgumentException("no experiment named '" + name + "'"));
        try (StoreLog log = open(store, name)) {
            dev.ladder.core.journal.ExperimentState state = new dev.ladder.core.journal.ExperimentState(null, null);
            log.read(e -> state.apply(e.event()));
            check.accept(state);
            log.commit(List.of(new JournalEntry(log.nextSeq, java.time.Instant.ofEpochMilli(System.currentTimeMillis()), event)));
        } finally {
            store.setStatus(row.id(), row.status());
        }
    }

    @Override
    public void onExcludeRequest(java.util.function.BiConsumer<Integer, String> exclude) {
        this.onExcludeRequest = exclude;
    }

    /** Runs {@code action} when another process asks this experiment to pause. */
    @Override
    public void onPauseRequest(Runnable action) {
        this.onPauseRequest = action;
    }

    /**
     * How long a commit retries, with backoff, while the database connection is lost (a PostgreSQL
     * restart) before the session ends with {@link dev.ladder.core.tune.LadderIoFailure} (the experiment
     * is then resumable); default 60 s, or the system property {@code ladder.store.retry} in seconds.
     */
    public StoreLog retryFor(Duration window) {
        this.retry = new StoreRetry(window, n -> note.accept(n));
        return this;
    }

    @Override
    public void onNote(java.util.function.Consumer<String> note) {
        this.note = note;
    }

    /** The experiment this log journals to, as it was when the log was opened. */
    public ExperimentRow experiment() {
        return experiment;
    }

    private void beat() {
        try {
            lease.heartbeat();
            Optional<ExperimentRow> now = store.experiment(experiment.name());
            if (now.isPresent() && now.get().status() == ExperimentStatus.PAUSE_REQUESTED) {
                store.setStatus(experiment.id(), ExperimentStatus.PAUSING);
                onPauseRequest.run();
            }
            for (Request r : store.requests(experiment.id(), lastRequest)) {
                lastRequest = r.id();
                if (r.kind().equals("exclude")) {
                    com.fasterxml.jackson.databind.JsonNode body = REQUEST_JSON.readTree(r.body());
                    onExcludeRequest.accept(body.path("trial").asInt(), body.path("reason").asText(""));
                }
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            heartbeatError = e instanceof RuntimeException r ? r : new IllegalStateException(e); // the next commit fails on the lease check and says why
        }
    }

    @Override
    public long read(Consumer<JournalEntry> action) {
        long last = store.lastSeq(experiment.id());
        long n = 0;
        for (long from = 1; from <= last; ) {
            List<Event> page = store.events(experiment.id(), from, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (Event e : page) {
                JournalEntry entry = parse(e);
                if (entry == null) {
                    if (e.seq() != last) {
                        throw new IllegalStateException("experiment " + experiment.name() + ": event " + e.seq()
                                + " (" + e.type() + ") is corrupt and more events follow it; the journal cannot be"
                                + " replayed past event " + (e.seq() - 1));
                    }
                    store.deleteEventsAfter(experiment.id(), e.seq() - 1);
                    nextSeq = e.seq();
                    repair = "experiment " + experiment.name() + ": the last event (" + e.seq() + ", " + e.type()
                            + ") is corrupt and was deleted; " + n + " intact events recovered";
                    return n;
                }
                derive(entry, null);
                action.accept(entry);
                n++;
            }
            from = page.get(page.size() - 1).seq() + 1;
        }
        nextSeq = last + 1;
        return n;
    }

    /** The event in {@code e}'s body, or null when the body is not the event stored under its seq and type. */
    private static JournalEntry parse(Event e) {
        try {
            JournalEntry entry = JournalCodec.decode(e.body());
            return entry.seq() == e.seq() && JournalCodec.type(entry.event()).equals(e.type()) ? entry : null;
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    @Override
    public void commit(JournalBatch batch) {
        List<JournalEntry> group = batch.entries();
        if (group.isEmpty()) {
            return;
        }
        long first = group.get(0).seq();
        if (first != nextSeq) {
            throw new IllegalArgumentException("experiment " + experiment.name() + ": event seq " + first
                    + (first < nextSeq ? " is already stored" : " leaves a gap") + "; the next seq is " + nextSeq);
        }
        List<Event> events = new ArrayList<>(group.size());
        List<ResultRow> results = new ArrayList<>();
        Map<Integer, TrialRow> changed = new LinkedHashMap<>();
        ExperimentStatus status = null;
        List<String> bodies = batch.bodies();
        for (int i = 0; i < group.size(); i++) {
            JournalEntry e = group.get(i);
            events.add(new Event(e.seq(), JournalCodec.type(e.event()), bodies.get(i)));
            derive(e, changed);
            if (e.event() instanceof JournalEvent.Result r) {
                results.add(JournalRows.result(r));
            } else if (e.event() instanceof JournalEvent.Finish) {
                status = ExperimentStatus.FINISHED;
            } else if (e.event() instanceof JournalEvent.Paused) {
                status = ExperimentStatus.PAUSED;
            }
        }
        Batch rows = new Batch(events, new ArrayList<>(changed.values()), results);
        long last = events.get(events.size() - 1).seq();
        String what = "write events " + first + "-" + last + " of experiment " + experiment.name() + " to " + store.location();
        try {
            retry.run(what, attempt -> {
                // a lost connection may hide a commit that went through: then it is not made twice
                if (attempt == 0 || store.lastSeq(experiment.id()) < last) {
                    store.append(experiment.id(), rows, lease);
                }
                return null;
            });
        } catch (IllegalStateException e) {
            RuntimeException beat = heartbeatError;
            throw new IllegalStateException("cannot " + what + ", nothing of them was stored: " + e.getMessage()
                    + (beat == null ? "" : " (last heartbeat error: " + beat.getMessage() + ")"), e);
        }
        nextSeq = last + 1;
        if (status != null) {
            ExperimentStatus to = status;
            retry.run("mark experiment " + experiment.name() + " " + to + " in " + store.location(), attempt -> {
                store.setStatus(experiment.id(), to);
                return null;
            });
        }
    }

    /** Updates the trial rows for event {@code e}; {@code changed} (if given) collects the rows it touched. */
    private void derive(JournalEntry e, Map<Integer, TrialRow> changed) {
        TrialRow row = rows.apply(e);
        if (row != null && changed != null) {
            changed.put(row.trialId(), row);
        }
    }

    @Override
    public Optional<String> repair() {
        return Optional.ofNullable(repair);
    }

    /** Stops the heartbeat and releases the lease; a second call does nothing. */
    @Override
    public void close() {
        if (heartbeat.isShutdown()) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease.close();
        closeQuietly(tunerLock);
    }
}
