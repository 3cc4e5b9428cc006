package dev.ladder.cli.chaos;

import java.util.List;

/**
 * The chaos figures of one workload (target: 0 in every count), with the evidence behind each
 * non-zero count (trial ids, resources, pids, folders) in {@code details}.
 *
 * @param kills the SIGKILLs made; fewer than {@code planned} when the run finished before the later moments
 * @param lost (trial, resource) pairs missing: a gap below a trial's highest recorded resource (the
 *             chaos workloads report every unit of resource), and with one worker also every pair the
 *             uninterrupted run recorded that this run did not
 * @param duplicated result events beyond the first for the same (trial, resource)
 * @param orphans trial process trees alive {@link OrphanWatch#GRACE} after their Ladder died
 * @param zombies trials RUNNING in the store after the last resume finished
 * @param sharedFolders checkpoint folders a second process took over while the first still ran
 * @param belowTarget COMPLETED trials whose last recorded resource is below their last job's target
 * @param failed trials FAILED (the uninterrupted runs fail none)
 * @param mismatched results whose metrics differ from the uninterrupted run's for the same config and resource
 * @param compared results that had such a counterpart
 * @param decisions with one worker: "same" or where the decision sequence first differs; else "n/a"
 * @param status the experiment's status at the end (FINISHED), or why the last resume failed
 */
record Figures(String workload, int workers, int kills, int planned, int lost, int duplicated, int orphans, int zombies,
               int sharedFolders, int belowTarget, int failed, int mismatched, int compared, String decisions,
               String status, List<String> details) {

    static final String HEADER = String.format("%-8s %7s %6s %4s %10s %7s %7s %13s %12s %6s %10s %-14s %s",
            "workload", "workers", "kills", "lost", "duplicated", "orphans", "zombies", "shared-ckpt", "below-target",
            "failed", "mismatched", "decisions", "status");

    /** True when every count is 0, the decisions (one worker) are the same and the experiment FINISHED. */
    boolean clean() {
        return lost == 0 && duplicated == 0 && orphans == 0 && zombies == 0 && sharedFolders == 0 && belowTarget == 0
                && failed == 0 && mismatched == 0 && !decisions.startsWith("differ") && status.equals("FINISHED");
    }

    String row() {
        return String.format("%-8s %7d %6s %4d %10d %7d %7d %13d %12d %6d %10s %-14s %s", workload, workers, kills + "/" + planned, lost,
                duplicated, orphans, zombies, sharedFolders, belowTarget, failed, mismatched + "/" + compared, decisions,
                status);
    }

    /** The row as a Markdown table row, for docs/benchmarks.md. */
    String markdown() {
        return String.format("| %s | %d | %d/%d | %d | %d | %d | %d | %d | %d | %d | %d/%d | %s | %s |", workload, workers, kills, planned,
                lost, duplicated, orphans, zombies, sharedFolders, belowTarget, failed, mismatched, compared, decisions, status);
    }
}
