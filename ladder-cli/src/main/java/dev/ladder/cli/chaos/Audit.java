package dev.ladder.cli.chaos;

import dev.ladder.core.TrialStatus;
import dev.ladder.store.TrialRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a killed-and-resumed run with the uninterrupted run of the same spec and seed and turns
 * what differs into {@link Figures}, keeping the evidence (at most {@link #EVIDENCE} lines per kind).
 */
final class Audit {
    static final int EVIDENCE = 5;

    private final List<String> details = new ArrayList<>();

    private Audit() {
    }

    /**
     * @param orphans one line per orphan process tree ({@link OrphanWatch})
     * @param conflicts the lines of the trial wrapper's conflicts file: "FOLDER PID OTHER_PID WHEN"
     */
    static Figures of(String workload, int workers, int kills, int planned, RunRecord ref, RunRecord chaos, List<String> orphans,
                      List<String> conflicts, String status) {
        Audit a = new Audit();
        Set<String> seen = new LinkedHashSet<>();
        int duplicated = 0;
        Map<Integer, TreeSet<Long>> resources = new TreeMap<>();
        for (RunRecord.Result r : chaos.results()) {
            if (!seen.add(r.key())) {
                duplicated++;
                a.note("duplicated", r.key() + " recorded again (" + r.decision() + ")");
            }
            resources.computeIfAbsent(r.trial(), t -> new TreeSet<>()).add(r.resource());
        }
        Set<String> lost = new LinkedHashSet<>();
        resources.forEach((trial, rs) -> {
            for (long r = 1; r < rs.last(); r++) {
                if (!rs.contains(r) && lost.add("trial " + trial + " @ " + r)) {
                    a.note("lost", "trial " + trial + " @ " + r + " missing below its highest recorded resource " + rs.last());
                }
            }
        });
        String decisions = "n/a";
        if (workers == 1) {
            for (RunRecord.Result r : ref.results()) {
                if (!seen.contains(r.key()) && lost.add(r.key())) {
                    a.note("lost", r.key() + " recorded by the uninterrupted run, not by this one");
                }
            }
            decisions = a.decisions(ref, chaos);
        }
        int belowTarget = 0;
        int zombies = 0;
        int failed = 0;
        for (TrialRow t : chaos.trials()) {
            long target = chaos.targets().getOrDefault(t.trialId(), -1L);
            long reached = resources.getOrDefault(t.trialId(), new TreeSet<>(Set.of(0L))).last();
            if (t.status() == TrialStatus.COMPLETED && (t.lastResource() < target || reached < target)) {
                belowTarget++;
                a.note("below-target", "trial " + t.trialId() + " COMPLETED at resource " + t.lastResource()
                        + " (highest result " + reached + "), its last job's target was " + target);
            }
            if (t.status() == TrialStatus.RUNNING) {
                zombies++;
                a.note("zombie", "trial " + t.trialId() + " RUNNING at resource " + t.lastResource());
            }
            if (t.status() == TrialStatus.FAILED) {
                failed++;
                a.note("failed", "trial " + t.trialId() + " FAILED: " + t.reason().lines().findFirst().orElse(""));
            }
        }
        int[] mismatched = new int[1];
        int compared = a.values(ref, chaos, mismatched);
        orphans.forEach(o -> a.note("orphan", o));
        Set<String> folders = new TreeSet<>();
        conflicts.forEach(c -> {
            if (folders.add(c.split(" ")[0])) {
                a.note("shared-ckpt", c);
            }
        });
        return new Figures(workload, workers, kills, planned, lost.size(), duplicated, orphans.size(), zombies, folders.size(),
                belowTarget, failed, mismatched[0], compared, decisions, status, List.copyOf(a.details));
    }

    /** Metrics of each first result against the uninterrupted run's for the same config and resource. */
    private int values(RunRecord ref, RunRecord chaos, int[] mismatched) {
        Map<String, RunRecord.Result> expected = new HashMap<>();
        for (RunRecord.Result r : ref.results()) {
            expected.putIfAbsent(ref.configs().get(r.trial()) + "@" + r.resource(), r);
        }
        Set<String> done = new java.util.HashSet<>();
        int compared = 0;
        for (RunRecord.Result r : chaos.results()) {
            RunRecord.Result e = expected.get(chaos.configs().get(r.trial()) + "@" + r.resource());
            if (e != null && done.add(r.key())) {
                compared++;
                if (!e.metrics().equals(r.metrics())) {
                    mismatched[0]++;
                    note("mismatched", r.key() + " " + r.metrics() + ", uninterrupted run (trial " + e.trial() + ") "
                            + e.metrics());
                }
            }
        }
        return compared;
    }

    /** "same", or "differ at N/M" with the first differing decision as evidence. */
    private String decisions(RunRecord ref, RunRecord chaos) {
        List<String> a = ref.results().stream().map(r -> r.key() + " " + r.metrics() + " " + r.decision()).toList();
        List<String> b = chaos.results().stream().map(r -> r.key() + " " + r.metrics() + " " + r.decision()).toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(none)";
            String y = i < b.size() ? b.get(i) : "(none)";
            if (!x.equals(y)) {
                note("decisions", "result " + (i + 1) + ": uninterrupted " + x + "; killed and resumed " + y);
                return "differ at " + (i + 1) + "/" + a.size();
            }
        }
        return "same";
    }

    private void note(String kind, String line) {
        long already = details.stream().filter(d -> d.startsWith(kind + ":")).count();
        if (already < EVIDENCE) {
            details.add(kind + ": " + line);
        } else if (already == EVIDENCE) {
            details.add(kind + ": ...");
        }
    }
}
