package dev.ladder.process;

import java.util.Set;

/**
 * A Slurm job's state as {@code squeue} or {@code sacct} reports it.
 *
 * @param state Slurm's base state (RUNNING, COMPLETED, CANCELLED, PREEMPTED, NODE_FAIL, ...); {@code UNKNOWN}
 *     for a job that neither command knows any more
 * @param exitCode the batch script's exit code (0 without one)
 * @param signal the signal that ended it (0 for none)
 */
record SlurmJobState(String state, int exitCode, int signal) {
    /** States after which the job runs no more (COMPLETING is not one: its processes are still being ended). */
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "PREEMPTED", "NODE_FAIL",
            "BOOT_FAIL", "OUT_OF_MEMORY", "DEADLINE", "SPECIAL_EXIT", "REVOKED", "UNKNOWN");
    /** States of a job lost through no fault of its program. */
    private static final Set<String> LOST = Set.of("PREEMPTED", "NODE_FAIL", "BOOT_FAIL", "REVOKED", "UNKNOWN");
    /** States of a job that waits to run (again, after a requeue). */
    private static final Set<String> WAITING = Set.of("PENDING", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESV_DEL_HOLD",
            "CONFIGURING", "SUSPENDED", "STOPPED", "RESIZING");

    static final SlurmJobState UNKNOWN = new SlurmJobState("UNKNOWN", 0, 0);

    boolean ended() {
        return FINAL.contains(state);
    }

    boolean lost() {
        return LOST.contains(state);
    }

    boolean waiting() {
        return WAITING.contains(state);
    }

    /**
     * From squeue's {@code %T} (e.g. {@code RUNNING}) and {@code exit_code} (a wait status, e.g. 768 for exit
     * code 3, 15 for SIGTERM).
     */
    static SlurmJobState fromSqueue(String state, String waitStatus) {
        int status = waitStatus == null || waitStatus.isBlank() ? 0 : Integer.parseInt(waitStatus.strip());
        return new SlurmJobState(state.strip(), (status >> 8) & 0xff, status & 0x7f);
    }

    /** From sacct's {@code State} (e.g. {@code CANCELLED by 0}) and {@code ExitCode} ({@code code:signal}). */
    static SlurmJobState fromSacct(String state, String exitCode) {
        String base = state.strip().split("\\s+")[0];
        String[] parts = exitCode.strip().split(":");
        int code = parts[0].isEmpty() ? 0 : Integer.parseInt(parts[0]);
        int signal = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : 0;
        return new SlurmJobState(base, code, signal);
    }
}
