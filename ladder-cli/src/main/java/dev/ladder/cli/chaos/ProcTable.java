package dev.ladder.cli.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of the Linux process table ({@code /proc}, read through ladder-process's {@code Proc}):
 * every process's parent, start time and state, and the {@code LADDER_*} variables of the environment it was started with (readable for
 * this user's processes only).
 */
record ProcTable(Map<Long, Proc> procs) {

    /** A process: its {@code /proc/PID/stat} fields and its {@code LADDER_*} environment (empty when unreadable). */
    record Proc(long pid, long ppid, long startTicks, char state, Map<String, String> ladderEnv) {
        /** pid and start time: a pid alone may be reused. */
        String key() {
            return pid + ":" + startTicks;
        }

        /** True when the environment puts the process under {@code dir} (its checkpoint or experiment folder). */
        boolean under(Path dir) {
            return Optional.ofNullable(ladderEnv.get("LADDER_EXPERIMENT_DIR")).or(() -> Optional.ofNullable(
                    ladderEnv.get("LADDER_CHECKPOINT_DIR"))).map(p -> Path.of(p).normalize().startsWith(dir)).orElse(false);
        }

        /** The pid in {@code LADDER_OWNER=<pid>:<start ticks>}, or -1 when the variable is missing. */
        long ownerPid() {
            String o = ladderEnv.get("LADDER_OWNER");
            return o == null ? -1 : Long.parseLong(o.substring(0, o.indexOf(':') < 0 ? o.length() : o.indexOf(':')));
        }
    }

    static ProcTable read() {
        Map<Long, Proc> procs = new HashMap<>();
        for (long pid : dev.ladder.process.Proc.pids()) {
            try {
                dev.ladder.process.Proc.stat(pid).ifPresent(st -> {
                    Map<String, String> env = new HashMap<>(dev.ladder.process.Proc.environ(pid));
                    env.keySet().removeIf(k -> !k.startsWith("LADDER_"));
                    procs.put(pid, new Proc(pid, st.ppid(), st.startTicks(), st.state(), env));
                });
            } catch (IOException | RuntimeException gone) {
                // the process ended while being read
            }
        }
        return new ProcTable(procs);
    }

    /** True when {@code ancestor} is {@code p} or one of its ancestors. */
    boolean descendsFrom(Proc p, long ancestor) {
        for (long pid = p.pid(); pid > 0; ) {
            if (pid == ancestor) {
                return true;
            }
            Proc q = procs.get(pid);
            pid = q == null ? 0 : q.ppid();
        }
        return false;
    }
}
