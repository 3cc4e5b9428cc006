package dev.ladder.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.TrialStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The {@link Store} over JDBC, one schema for SQLite and PostgreSQL (Flyway migrations under
 * {@code db/migration}, the key type a placeholder). Reads run with auto-commit; every write is one transaction.
 */
public final class JdbcStore implements Store {
    /** How long a lease lives without a heartbeat before another process may take it over. */
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPERIMENT_COLUMNS =
            "id, name, spec, seed, status, created_at, owner, owner_since, heartbeat_at";

    private final Database db;
    private final Journal journal;
    private final Leases leases;

    private JdbcStore(Database db, Duration leaseTimeout, LongSupplier clock) {
        this.db = db;
        this.journal = new Journal(db);
        this.leases = new Leases(db, leaseTimeout, clock);
    }

    /** Opens a store with the {@link #DEFAULT_LEASE_TIMEOUT}; see {@link Store#open}. */
    public static JdbcStore open(String jdbcUrlOrPath) {
        return open(jdbcUrlOrPath, DEFAULT_LEASE_TIMEOUT);
    }

    /** Opens a store whose experiment leases expire {@code leaseTimeout} after their holder's last heartbeat. */
    public static JdbcStore open(String jdbcUrlOrPath, Duration leaseTimeout) {
        return open(jdbcUrlOrPath, leaseTimeout, System::currentTimeMillis);
    }

    /** As {@link #open(String, Duration)}, with the leases' clock (epoch ms) given: tests move it instead of sleeping. */
    static JdbcStore open(String jdbcUrlOrPath, Duration leaseTimeout, LongSupplier clock) {
        return new JdbcStore(Database.open(jdbcUrlOrPath), leaseTimeout, clock);
    }

    /** The JDBC URL without its password (a {@code password=} parameter or {@code user:password@}). */
    @Override
    public String location() {
        return StoreLocation.masked(db.url);
    }

    /** Namespace of Ladder's advisory locks (the first key of PostgreSQL's two-key form). */
    private static final int TUNER_LOCKS = 0x1add;

    @Override
    public AutoCloseable tunerLock(long experiment, boolean wait) throws InterruptedException {
        if (db.dialect != Dialect.POSTGRESQL) {
            return () -> { };
        }
        try {
            java.sql.Connection c = Database.connect(db.url); // its keepalive frees the lock of a tuner whose machine vanished
            try (PreparedStatement ps = c.prepareStatement(wait ? "SELECT pg_advisory_lock(?, ?)" : "SELECT pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, TUNER_LOCKS);
                ps.setInt(2, Math.toIntExact(experiment));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!wait && !rs.getBoolean(1)) {
                        c.close();
                        return null;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            if (Thread.interrupted()) {
                c.close();
                throw new InterruptedException();
            }
            return c::close;
        } catch (SQLException e) {
            throw new StoreException("cannot take the tuner lock of experiment " + experiment + " in " + location() + ": "
                    + StoreFaults.cause(e), e);
        }
    }

    @Override
    public List<WorkerRow> workers() {
        return db.dialect == Dialect.POSTGRESQL ? new JobQueue(db).workers() : List.of();
    }

    @Override
    public java.util.Map<Integer, String> runningOn(long experiment) {
        return db.dialect == Dialect.POSTGRESQL ? new JobQueue(db).runningOn(experiment) : java.util.Map.of();
    }

    Database database() {
        return db;
    }

    /** The JDBC URL this store was opened on. */
    public String url() {
        return db.url;
    }

    @Override
    public long createExperiment(String name, String specJson, long seed) {
        try {
            JSON.readTree(specJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("experiment '" + name + "': spec is not valid JSON: "
                    + e.getOriginalMessage());
        }
        return db.write(c -> {
            Optional<ExperimentRow> existing = experiment(c, name);
            if (existing.isPresent()) {
                throw new IllegalArgumentException("experiment '" + name + "' already exists (id "
                        + existing.get().id() + ", created " + existing.get().createdAt() + ")");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO experiments"
                    + " (name, spec, seed, status, created_at) VALUES (?, ?, ?, 'CREATED', ?)")) {
                ps.setString(1, name);
                ps.setString(2, specJson);
                ps.setLong(3, seed);
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return experiment(c, name).orElseThrow().id();
        });
    }

    @Override
    public void append(long experiment, Batch batch) {
        journal.append(experiment, batch);
    }

    @Override
    public void append(long experiment, Batch batch, Lease lease) {
        journal.append(experiment, batch, lease);
    }

    @Override
    public void deleteEventsAfter(long experiment, long seq) {
        journal.deleteAfter(experiment, seq);
    }

    @Override
    public List<ExperimentRow> experiments() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + EXPERIMENT_COLUMNS + " FROM experiments ORDER BY id")) {
                return experimentRows(ps);
            }
        });
    }

    @Override
    public Optional<ExperimentRow> experiment(String name) {
        return db.read(c -> experiment(c, name));
    }

    private static Optional<ExperimentRow> experiment(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EXPERIMENT_COLUMNS + " FROM experiments WHERE name = ?")) {
            ps.setString(1, name);
            return experimentRows(ps).stream().findFirst();
        }
    }

    private static List<ExperimentRow> experimentRows(PreparedStatement ps) throws SQLException {
        List<ExperimentRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ExperimentRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        ExperimentStatus.valueOf(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)), Optional.ofNullable(rs.getString(7)),
                        instant(rs, 8), instant(rs, 9)));
            }
        }
        return out;
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    @Override
    public List<Event> events(long experiment, long fromSeq, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, type, body FROM events WHERE experiment_id = ? AND seq >= ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, experiment);
                ps.setLong(2, fromSeq);
                ps.setInt(3, limit);
                ps.setFetchSize(1000);
                return events(ps);
            }
        });
    }

    @Override
    public long lastSeq(long experiment) {
        return db.read(c -> Journal.lastSeq(c, experiment));
    }

    @Override
    public List<TrialRow> trials(long experiment) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT trial_id, config, status, last_resource,"
                    + " checkpoint, reason FROM trials WHERE experiment_id = ? ORDER BY trial_id")) {
                ps.setLong(1, experiment);
                List<TrialRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TrialRow(rs.getInt(1), rs.getString(2), TrialStatus.valueOf(rs.getString(3)),
                                rs.getLong(4), rs.getString(5), rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<ResultRow> results(long experiment) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT trial_id, resource, metrics, time_s"
                    + " FROM results WHERE experiment_id = ? ORDER BY id")) {
                ps.setLong(1, experiment);
                List<ResultRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ResultRow(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getDouble(4)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<Event> eventsOfType(long experiment, String type) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, type, body FROM events WHERE experiment_id = ? AND type = ? ORDER BY seq")) {
                ps.setLong(1, experiment);
                ps.setString(2, type);
                return events(ps);
            }
        });
    }

    /** The rows (seq, type, body) {@code ps} selects, as events. */
    private static List<Event> events(PreparedStatement ps) throws SQLException {
        List<Event> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    @Override
    public void request(long experiment, String kind, String body) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO requests (experiment_id, kind, body) VALUES (?, ?, ?)")) {
                ps.setLong(1, experiment);
                ps.setString(2, kind);
                ps.setString(3, body);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Request> requests(long experiment, long afterId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, kind, body FROM requests WHERE experiment_id = ? AND id > ? ORDER BY id")) {
                ps.setLong(1, experiment);
                ps.setLong(2, afterId);
                List<Request> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Request(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void setStatus(long experiment, ExperimentStatus status) {
        int n = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE experiments SET status = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setLong(2, experiment);
                return ps.executeUpdate();
            }
        });
        if (n != 1) {
            throw new IllegalArgumentException("no experiment with id " + experiment);
        }
    }

    @Override
    public Lease acquire(String experimentName, String ownerId) {
        return leases.acquire(experimentName, ownerId);
    }

    @Override
    public void close() {
        db.close();
    }
}
