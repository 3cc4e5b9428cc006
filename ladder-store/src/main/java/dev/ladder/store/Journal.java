package dev.ladder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes one {@link Batch} per transaction, in one multi-row INSERT per table. Invariant: an experiment's
 * journal holds seqs 1..n without gaps or duplicates. A batch whose seqs are not consecutive is rejected
 * before anything is written; without a lease, so is one whose first seq is not n+1 (read in the
 * transaction). Under a lease the writer keeps n itself (it is the only one), so the transaction checks
 * only the lease's epoch; the primary key (experiment_id, seq) still rejects a seq already stored, should
 * two writers ever race.
 */
final class Journal {
    private static final MultiRowInsert EVENTS =
            new MultiRowInsert("INSERT INTO events (experiment_id, seq, type, body)", 4, "");
    private static final MultiRowInsert TRIALS = new MultiRowInsert("INSERT INTO trials (experiment_id, trial_id, config,"
            + " status, last_resource, checkpoint, reason)", 7, " ON CONFLICT (experiment_id, trial_id) DO UPDATE SET"
            + " config = excluded.config, status = excluded.status, last_resource = excluded.last_resource,"
            + " checkpoint = excluded.checkpoint, reason = excluded.reason");
    private static final MultiRowInsert RESULTS =
            new MultiRowInsert("INSERT INTO results (experiment_id, trial_id, resource, metrics, time_s)", 5, "");

    private final Database db;

    Journal(Database db) {
        this.db = db;
    }

    /** Appends {@code batch} after the journal's last stored seq, which is read in the same transaction. */
    void append(long experiment, Batch batch) {
        checkConsecutive(experiment, batch.events());
        if (batch.isEmpty()) {
            return;
        }
        db.write(c -> {
            if (!batch.events().isEmpty()) {
                long expected = lastSeq(c, experiment) + 1;
                long first = batch.events().get(0).seq();
                if (first != expected) {
                    throw new IllegalArgumentException("experiment " + experiment + ": event seq " + first
                            + (first < expected ? " is already stored" : " leaves a gap")
                            + "; the next seq is " + expected);
                }
            }
            insert(c, experiment, batch);
            return null;
        });
    }

    /**
     * Appends {@code batch} only while {@code lease} is the experiment's (its epoch, checked once in the
     * transaction); the caller, the lease's holder, gives the next seqs. A seq already stored (a writer
     * that bypassed the lease) fails with {@link IllegalStateException} naming it, and nothing is written.
     */
    void append(long experiment, Batch batch, Lease lease) {
        checkConsecutive(experiment, batch.events());
        if (batch.isEmpty()) {
            return;
        }
        db.write(c -> {
            Leases.fence(c, db.dialect, lease);
            try {
                insert(c, experiment, batch);
            } catch (SQLException e) {
                if (!batch.events().isEmpty() && StoreFaults.duplicateKey(e)) {
                    throw new IllegalStateException("experiment " + lease.experimentName() + ": events "
                            + batch.events().get(0).seq() + "-" + batch.events().get(batch.events().size() - 1).seq()
                            + " are already stored in part: another writer wrote this journal behind the lease of "
                            + lease.owner() + " (" + StoreFaults.cause(e) + ")", e);
                }
                throw e;
            }
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

    /** Events, then trial rows (upserted), then result rows (which refer to the trial rows). */
    private static void insert(Connection c, long experiment, Batch batch) throws SQLException {
        EVENTS.run(c, batch.events(), (ps, p, e) -> {
            ps.setLong(p, experiment);
            ps.setLong(p + 1, e.seq());
            ps.setString(p + 2, e.type());
            ps.setString(p + 3, e.body());
        });
        TRIALS.run(c, batch.trials(), (ps, p, t) -> {
            ps.setLong(p, experiment);
            ps.setInt(p + 1, t.trialId());
            ps.setString(p + 2, t.configJson());
            ps.setString(p + 3, t.status().name());
            ps.setLong(p + 4, t.lastResource());
            ps.setString(p + 5, t.checkpoint());
            ps.setString(p + 6, t.reason());
        });
        RESULTS.run(c, batch.results(), (ps, p, r) -> {
            ps.setLong(p, experiment);
            ps.setInt(p + 1, r.trialId());
            ps.setLong(p + 2, r.resource());
            ps.setString(p + 3, r.metricsJson());
            ps.setDouble(p + 4, r.timeS());
        });
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
}
