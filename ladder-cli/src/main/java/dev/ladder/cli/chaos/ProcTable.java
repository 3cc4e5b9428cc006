package dev.ladder.cli.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of the Linux process table ({@code /proc}): every process's parent, start time and
 * state, and the {@code LADDER_*} variables of the environment it was started with (readable for
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
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path d : dirs) {
                proc(d).ifPresent(p -> procs.put(p.pid(), p));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
        }
        return new ProcTable(procs);
    }

    private static Optional<Proc> proc(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            Map<String, String> env = new HashMap<>();
            try {
                for (String v : new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8).split("\0")) {
                    int eq = v.indexOf('=');
                    if (v.startsWith("LADDER_") && eq > 0) {
                        env.put(v.substring(0, eq), v.substring(eq + 1));
                    }
                }
            } catch (IOException notOurs) {
                // another user's process, or one that just ended: no environment to read
            }
            return Optional.of(new Proc(Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]),
                    Long.parseLong(f[19]), f[0].charAt(0), env));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty(); // the process ended while being read
        }
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
