package dev.ladder.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Grants, renews and releases experiment leases with conditional UPDATEs on the experiment row,
 * which both databases serialise (a row lock in PostgreSQL, the write lock in SQLite), and fences
 * writes by the lease's epoch. Invariants: at most one owner holds a lease whose heartbeat is younger
 * than {@code timeout}; every grant adds one to the row's epoch, so only the latest lease's epoch
 * matches and {@link #fence} lets no earlier holder write.
 */
final class Leases {
    private final Database db;
    private final Duration timeout;
    private final LongSupplier clock;

    Leases(Database db, Duration timeout, LongSupplier clock) {
        this.db = db;
        this.timeout = timeout;
        this.clock = clock;
    }

    Lease acquire(String name, String owner) {
        return db.write(c -> {
            long now = clock.getAsLong();
            String holder = holder(c, name);
            // no need to wait out the timeout of a process of this host that is gone
            String dead = holder != null && deadHereNow(holder) ? holder : null;
            try (PreparedStatement ps = c.prepareStatement("UPDATE experiments SET owner = ?,"
                    + " owner_since = CASE WHEN owner = ? THEN owner_since ELSE ? END, heartbeat_at = ?, epoch = epoch + 1"
                    + " WHERE name = ? AND (owner IS NULL OR owner = ? OR heartbeat_at < ? OR owner = ?)")) {
                ps.setString(1, owner);
                ps.setString(2, owner);
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setString(5, name);
                ps.setString(6, owner);
                ps.setLong(7, now - timeout.toMillis());
                ps.setString(8, dead);
                if (ps.executeUpdate() == 1) {
                    long[] idAndEpoch = idAndEpoch(c, name);
                    return new Lease(this, idAndEpoch[0], name, owner, idAndEpoch[1]);
                }
            }
            throw refusal(c, name);
        });
    }

    private static String holder(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner FROM experiments WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** True when {@code owner} ("pid@host ...") names a process of this host that no longer runs. */
    static boolean deadHereNow(String owner) {
        String here = Lease.processOwner();
        String host = here.substring(here.indexOf('@') + 1);
        int at = owner.indexOf('@');
        if (at < 1) {
            return false;
        }
        String rest = owner.substring(at + 1);
        int space = rest.indexOf(' ');
        String ownerHost = space < 0 ? rest : rest.substring(0, space);
        try {
            long pid = Long.parseLong(owner.substring(0, at));
            return ownerHost.equals(host) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private RuntimeException refusal(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT owner, owner_since, heartbeat_at FROM experiments WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new IllegalArgumentException("no experiment named '" + name + "'");
                }
                return new IllegalStateException("experiment " + name + " is open in process " + rs.getString(1)
                        + " since " + Instant.ofEpochMilli(rs.getLong(2)) + " (last heartbeat "
                        + Instant.ofEpochMilli(rs.getLong(3)) + "; its lease can be taken over once it is "
                        + timeout.toSeconds() + " s old)");
            }
        }
    }

    private static long[] idAndEpoch(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, epoch FROM experiments WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    void heartbeat(Lease lease) {
        db.write(c -> {
            renew(c, lease, clock.getAsLong());
            return null;
        });
    }

    /** Renews {@code lease} in the transaction of {@code c}; throws when another owner took it over. */
    private static void renew(Connection c, Lease lease, long now) throws SQLException {
        if (update(c, "UPDATE experiments SET heartbeat_at = ? WHERE id = ? AND epoch = ?", now, lease) != 1) {
            throw takenOver(c, lease);
        }
    }

    /**
     * Lets the transaction of {@code c} write for {@code lease} only while the lease is still the experiment's
     * (the row's epoch is the lease's), else throws. One statement per transaction: the row is read under a
     * share lock on PostgreSQL, so a takeover waits for this transaction to end (and this one for a takeover
     * in flight, then seeing the new epoch); on SQLite the transaction already holds the database's write lock.
     */
    static void fence(Connection c, Dialect dialect, Lease lease) throws SQLException {
        if (lease.released()) {
            throw new IllegalStateException("lease on experiment " + lease.experimentName() + " held by "
                    + lease.owner() + " was released; this session no longer writes it");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch FROM experiments WHERE id = ?"
                + (dialect == Dialect.POSTGRESQL ? " FOR SHARE" : ""))) {
            ps.setLong(1, lease.experimentId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) == lease.epoch()) {
                    return;
                }
            }
        }
        throw takenOver(c, lease);
    }

    private static IllegalStateException takenOver(Connection c, Lease lease) throws SQLException {
        String now = "";
        try (PreparedStatement ps = c.prepareStatement("SELECT owner, epoch FROM experiments WHERE id = ?")) {
            ps.setLong(1, lease.experimentId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    now = " (now " + (rs.getString(1) == null ? "released" : "held by " + rs.getString(1))
                            + ", lease epoch " + rs.getLong(2) + ")";
                }
            }
        }
        return new IllegalStateException("lease on experiment " + lease.experimentName() + " held by " + lease.owner()
                + " (lease epoch " + lease.epoch() + ") was taken over by another process" + now
                + "; this process no longer writes it");
    }

    void release(Lease lease) {
        db.write(c -> update(c, "UPDATE experiments SET owner = NULL, owner_since = NULL, heartbeat_at = NULL"
                + " WHERE id = ? AND epoch = ?", null, lease));
    }

    private static int update(Connection c, String sql, Long now, Lease lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (now != null) {
                ps.setLong(i++, now);
            }
            ps.setLong(i++, lease.experimentId());
            ps.setLong(i, lease.epoch());
            return ps.executeUpdate();
        }
    }
}
