package dev.ladder.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable storage of experiments, trials, results and the per-experiment event journal.
 * Every write is one transaction: when a write method returns, what it wrote is committed, so a
 * decision taken on an event may be acted on only after the {@link #append} carrying it returned.
 */
public interface Store extends AutoCloseable {

    /**
     * Opens (and migrates) a store: {@code jdbc:postgresql:...} for PostgreSQL, {@code jdbc:sqlite:...}
     * or a plain path for SQLite; a path that is a folder (or has no {@code .db} suffix), such as
     * {@code ladder-runs}, means the file {@code <folder>/ladder.db}.
     */
    static Store open(String jdbcUrlOrPath) {
        return JdbcStore.open(jdbcUrlOrPath);
    }

    /** Creates an experiment with status {@code CREATED}; fails naming it if the name is taken. */
    long createExperiment(String name, String specJson, long seed);

    /** Appends a group of events in one transaction (see {@link #append(long, Batch)}). */
    default void append(long experiment, List<Event> group) {
        append(experiment, Batch.of(group));
    }

    /**
     * Commits a batch in one transaction: its events must carry the next seqs of the journal
     * (last stored + 1, + 2, ...), else nothing is written and an {@link IllegalArgumentException}
     * says which seq was expected; trial rows are upserted before result rows are inserted.
     */
    void append(long experiment, Batch batch);

    /**
     * Appends {@code batch} in one transaction only while {@code lease} is the experiment's (its epoch is checked
     * in the transaction; the lease is renewed by its holder's heartbeat, not here). The caller, as the lease's
     * holder the journal's only writer, keeps the next seq: the store does not read it again, and a seq already
     * stored is rejected by the journal's primary key ({@link IllegalStateException}), nothing written.
     */
    void append(long experiment, Batch batch, Lease lease);

    /** Deletes the journal after {@code seq}: for cutting off a corrupt tail found when reading. */
    void deleteEventsAfter(long experiment, long seq);

    /** Every experiment of the store, in the order they were created. */
    List<ExperimentRow> experiments();

    /** The experiment called {@code name}, if the store has one. */
    Optional<ExperimentRow> experiment(String name);

    /** The journal from {@code fromSeq} on, in seq order. */
    default List<Event> events(long experiment, long fromSeq) {
        return events(experiment, fromSeq, Integer.MAX_VALUE);
    }

    /** At most {@code limit} events of the journal from {@code fromSeq} on, in seq order. */
    List<Event> events(long experiment, long fromSeq, int limit);

    /** The seq of the last stored event, 0 when the journal is empty. */
    long lastSeq(long experiment);

    /** The experiment's trials, by trial id, as its journal last left them. */
    List<TrialRow> trials(long experiment);

    /** Results in the order they were stored. */
    List<ResultRow> results(long experiment);

    /** Sets the experiment's status (RUNNING, PAUSED, FINISHED, ...), as {@code ladder ls} shows it. */
    void setStatus(long experiment, ExperimentStatus status);

    /** The events of type {@code type} of {@code experiment}, in order (the few {@code exclude} events, say). */
    default List<Event> eventsOfType(long experiment, String type) {
        List<Event> out = new java.util.ArrayList<>();
        events(experiment, 1).stream().filter(e -> e.type().equals(type)).forEach(out::add);
        return out;
    }

    /** Adds a request of {@code kind} with JSON {@code body} for the tuner running {@code experiment}. */
    default void request(long experiment, String kind, String body) {
        throw new UnsupportedOperationException(location() + " takes no requests");
    }

    /** The requests for {@code experiment} with an id above {@code afterId}, oldest first. */
    default List<Request> requests(long experiment, long afterId) {
        return List.of();
    }

    /**
     * Takes the exclusive lease on an experiment for {@code ownerId} (e.g. {@link Lease#processOwner()}).
     * Throws {@link IllegalStateException} "experiment X is open in process P since T" while another
     * owner holds a lease whose last heartbeat is younger than the lease timeout; an older lease is
     * taken over. The same owner may acquire again.
     */
    Lease acquire(String experimentName, String ownerId);

    /** The workers of this store ({@code ladder worker}), alive or stopped within the last hour; none but on PostgreSQL. */
    default List<WorkerRow> workers() {
        return List.of();
    }

    /** The trials of {@code experiment} that workers run now: trial id to the worker's name. */
    default Map<Integer, String> runningOn(long experiment) {
        return Map.of();
    }

    /**
     * The tuner lock of experiment {@code experiment} (PostgreSQL: a session-level advisory lock on a connection
     * of its own, released when closed or when the process dies): with {@code wait}, blocks until it is free; without,
     * returns null when another session holds it. Other databases have none: a no-op is returned at once.
     */
    default AutoCloseable tunerLock(long experiment, boolean wait) throws InterruptedException {
        return () -> { };
    }

    /** Where this store is, for messages: never with a password. */
    default String location() {
        return "the store";
    }

    @Override
    void close();
}
