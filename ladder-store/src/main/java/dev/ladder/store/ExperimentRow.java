package dev.ladder.store;

import java.time.Instant;
import java.util.Optional;

/**
 * An experiment as stored: its spec (JSON), seed and status, when it was created, and who holds
 * its lease ({@code owner} empty when nobody does) since when and last heartbeat.
 */
public record ExperimentRow(long id, String name, String specJson, long seed, ExperimentStatus status,
                            Instant createdAt, Optional<String> owner, Optional<Instant> ownerSince,
                            Optional<Instant> heartbeatAt) {

    /**
     * True when a live process holds the experiment's lease: its heartbeat is recent and its owner is not
     * a process of this host that is gone (the same check that lets a lease be taken over at once).
     */
    public boolean held() {
        boolean beating = heartbeatAt.map(h -> h.isAfter(Instant.now().minus(JdbcStore.DEFAULT_LEASE_TIMEOUT))).orElse(false);
        return beating && owner.map(o -> !Lease.isDeadLocalProcess(o)).orElse(false);
    }

    /** The status to show: a RUNNING (or pausing) experiment whose process is gone shows as INTERRUPTED. */
    public ExperimentStatus shownStatus() {
        if ((status == ExperimentStatus.RUNNING || status.pausing()) && !held()) {
            return ExperimentStatus.INTERRUPTED;
        }
        return status;
    }
}
