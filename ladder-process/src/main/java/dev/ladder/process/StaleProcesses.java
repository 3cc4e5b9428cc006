package dev.ladder.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The trial processes that an earlier owner of an experiment left running: every process whose
 * environment names the experiment ({@link Owner#EXPERIMENT_VARIABLE}) and another {@link Owner} than
 * this JVM. Descendants inherit both variables, so the scan finds whole trees, however they were
 * re-parented.
 */
final class StaleProcesses {
    /** How long {@link #end} waits for SIGKILLed processes to go. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One stale process: its pid, its trial (as its environment says) and its owner. */
    record Stale(long pid, String trial, String owner) {
        @Override
        public String toString() {
            return "pid " + pid + " (trial " + trial + ", owner " + owner + ")";
        }
    }

    private StaleProcesses() {
    }

    /** The running processes of experiment {@code checkpointRoot} owned by another process than this JVM. */
    static List<Stale> find(Path checkpointRoot) {
        if (!Proc.AVAILABLE) {
            return List.of();
        }
        String experiment = Owner.experimentKey(checkpointRoot);
        String self = Owner.current().toString();
        long me = ProcessHandle.current().pid();
        List<Stale> out = new ArrayList<>();
        for (long pid : Proc.pids()) {
            if (pid == me) {
                continue;
            }
            Map<String, String> env = Proc.environ(pid);
            if (experiment.equals(env.get(Owner.EXPERIMENT_VARIABLE)) && !self.equals(env.get(Owner.VARIABLE))) {
                out.add(new Stale(pid, env.getOrDefault("LADDER_TRIAL_ID", "?"), env.getOrDefault(Owner.VARIABLE, "none")));
            }
        }
        return out;
    }

    /**
     * SIGKILLs every stale process of the experiment and returns once none is left.
     *
     * @throws IllegalStateException naming the processes and their trials when some still run after {@link #TIMEOUT}
     */
    static void end(Path checkpointRoot) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<Stale> stale = find(checkpointRoot);
            if (stale.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot end the trial processes that an earlier run of the experiment in "
                        + checkpointRoot + " left running: " + stale.stream().map(Stale::toString).collect(Collectors.joining(", "))
                        + "; end them and resume again");
            }
            stale.forEach(s -> ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while ending the trial processes of an earlier run", e);
            }
        }
    }
}
