package dev.ladder.store;

import java.lang.management.ManagementFactory;

/**
 * Exclusive ownership of one experiment, held in its row ({@code owner}, {@code owner_since},
 * {@code heartbeat_at}, {@code epoch}). The holder calls {@link #heartbeat()} well within the store's lease
 * timeout; a lease whose heartbeat is older than the timeout counts as left by a dead process and
 * may be taken over. Every grant adds one to the row's epoch, and writes under this lease go through only
 * while the row still holds its {@link #epoch()}: a holder whose lease was taken over cannot write.
 * Closing releases it.
 */
public final class Lease implements AutoCloseable {
    private final Leases leases;
    private final long experimentId;
    private final String experimentName;
    private final String owner;
    private final long epoch;
    private volatile boolean released;

    Lease(Leases leases, long experimentId, String experimentName, String owner, long epoch) {
        this.leases = leases;
        this.experimentId = experimentId;
        this.experimentName = experimentName;
        this.owner = owner;
        this.epoch = epoch;
    }

    /** An owner id naming this process: {@code pid@host}. */
    public static String processOwner() {
        return ManagementFactory.getRuntimeMXBean().getName();
    }

    /**
     * True when {@code owner} (as stored in an experiment row: "pid@host ...") names a process of this
     * host that no longer runs: its lease is dead at once, without waiting out the timeout.
     */
    public static boolean isDeadLocalProcess(String owner) {
        return Leases.deadHereNow(owner);
    }

    /** The id of the leased experiment's row. */
    public long experimentId() { return experimentId; }
    /** The leased experiment's name. */
    public String experimentName() { return experimentName; }
    /** Who holds it, as stored in the experiment row: {@code pid@host} of the holding process first. */
    public String owner() { return owner; }
    /** The lease's generation: the experiment row's epoch when it was granted. */
    public long epoch() { return epoch; }

    boolean released() { return released; }

    /** Renews the lease; throws {@link IllegalStateException} if another owner took it over. */
    public void heartbeat() {
        leases.heartbeat(this);
    }

    /** Releases the lease (no-op when it was taken over meanwhile). */
    @Override
    public void close() {
        if (!released) {
            released = true;
            leases.release(this);
        }
    }
}
