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
 * which both databases serialise (a row lock in PostgreSQL, the write lock in SQLite). Invariant:
 * at most one owner holds a lease whose heartbeat is younger than {@code timeout}.
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
                    + " owner_since = CASE WHEN owner = ? THEN owner_since ELSE ? END, heartbeat_at = ?"
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
                    return new Lease(this, idOf(c, name), name, owner);
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

    private static long idOf(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM experiments WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
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
    static void renew(Connection c, Lease lease, long now) throws SQLException {
        if (update(c, "UPDATE experiments SET heartbeat_at = ? WHERE id = ? AND owner = ?", now, lease) != 1) {
            throw new IllegalStateException("lease on experiment " + lease.experimentName() + " held by "
                    + lease.owner() + " was taken over by another process");
        }
    }

    void release(Lease lease) {
        db.write(c -> update(c, "UPDATE experiments SET owner = NULL, owner_since = NULL, heartbeat_at = NULL"
                + " WHERE id = ? AND owner = ?", null, lease));
    }

    private static int update(Connection c, String sql, Long now, Lease lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (now != null) {
                ps.setLong(i++, now);
            }
            ps.setLong(i++, lease.experimentId());
            ps.setString(i, lease.owner());
            return ps.executeUpdate();
        }
    }
}
