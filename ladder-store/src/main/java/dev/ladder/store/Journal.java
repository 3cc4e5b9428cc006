package dev.ladder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes one {@link Batch} per transaction. Invariant: an experiment's journal holds seqs
 * 1..n without gaps or duplicates; a batch whose first seq is not n+1, or whose seqs are not
 * consecutive, is rejected before anything is written. The primary key (experiment_id, seq)
 * backs this against a concurrent writer in another process, whose insert then fails.
 */
final class Journal {
    private static final String UPSERT_TRIAL = "INSERT INTO trials (experiment_id, trial_id, config, status,"
            + " last_resource, checkpoint, reason) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (experiment_id, trial_id) DO UPDATE SET config = excluded.config,"
            + " status = excluded.status, last_resource = excluded.last_resource,"
            + " checkpoint = excluded.checkpoint, reason = excluded.reason";

    private final Database db;

    Journal(Database db) {
        this.db = db;
    }

    /** Appends {@code batch}; with a {@code lease}, only while it is still held (renewing its heartbeat). */
    void append(long experiment, Batch batch, Lease lease) {
        checkConsecutive(experiment, batch.events());
        if (batch.isEmpty()) {
            return;
        }
        db.write(c -> {
            if (lease != null) {
                Leases.renew(c, lease, System.currentTimeMillis());
            }
            if (!batch.events().isEmpty()) {
                long expected = lastSeq(c, experiment) + 1;
                long first = batch.events().get(0).seq();
                if (first != expected) {
                    throw new IllegalArgumentException("experiment " + experiment + ": event seq " + first
                            + (first < expected ? " is already stored" : " leaves a gap")
                            + "; the next seq is " + expected);
                }
                insertEvents(c, experiment, batch.events());
            }
            upsertTrials(c, experiment, batch.trials());
            insertResults(c, experiment, batch.results());
            return null;
        });
    }

    private static void checkConsecutive(long experiment, List<Event> events) {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).seq() != events.get(i - 1).seq() + 1) {
                throw new IllegalArgumentException("experiment " + experiment + ": event seq " + events.get(i).seq()
                        + " follows " + events.get(i - 1).seq() + " in one group; seqs must be consecutive");
            }
        }
    }

    /** Removes the events after {@code seq} (a corrupt tail found when reading). */
    void deleteAfter(long experiment, long seq) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE experiment_id = ? AND seq > ?")) {
                ps.setLong(1, experiment);
                ps.setLong(2, seq);
                return ps.executeUpdate();
            }
        });
    }

    static long lastSeq(Connection c, long experiment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM events WHERE experiment_id = ?")) {
            ps.setLong(1, experiment);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insertEvents(Connection c, long experiment, List<Event> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO events (experiment_id, seq, type, body) VALUES (?, ?, ?, ?)")) {
            for (Event e : events) {
                ps.setLong(1, experiment);
                ps.setLong(2, e.seq());
                ps.setString(3, e.type());
                ps.setString(4, e.body());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void upsertTrials(Connection c, long experiment, List<TrialRow> trials) throws SQLException {
        if (trials.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_TRIAL)) {
            for (TrialRow t : trials) {
                ps.setLong(1, experiment);
                ps.setInt(2, t.trialId());
                ps.setString(3, t.configJson());
                ps.setString(4, t.status().name());
                ps.setLong(5, t.lastResource());
                ps.setString(6, t.checkpoint());
                ps.setString(7, t.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertResults(Connection c, long experiment, List<ResultRow> results) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO results (experiment_id, trial_id, resource, metrics, time_s) VALUES (?, ?, ?, ?, ?)")) {
            for (ResultRow r : results) {
                ps.setLong(1, experiment);
                ps.setInt(2, r.trialId());
                ps.setLong(3, r.resource());
                ps.setString(4, r.metricsJson());
                ps.setDouble(5, r.timeS());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
