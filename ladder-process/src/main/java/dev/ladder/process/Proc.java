package dev.ladder.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Linux process table under {@code /proc} (proc(5)). A process that vanishes while it is read
 * counts as absent; a process of another user whose environment cannot be read counts as having none.
 */
public final class Proc {
    /** True where {@code /proc} describes processes (Linux). */
    public static final boolean AVAILABLE = Files.isReadable(Path.of("/proc/self/stat"));

    private Proc() {
    }

    /** Fields of {@code /proc/PID/stat}: state (3), parent (4), session id (6), start time in clock ticks after boot (22). */
    public record Stat(long pid, char state, long ppid, long session, long startTicks) {
        /** False for a zombie or a dead process: it has exited, only its table entry is left. */
        public boolean running() {
            return state != 'Z' && state != 'X';
        }
    }

    /**
     * The stat line of {@code pid}; empty when no such process exists.
     *
     * @throws IOException when it exists but cannot be read
     */
    public static Optional<Stat> stat(long pid) throws IOException {
        String line;
        try {
            line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        int close = line.lastIndexOf(')'); // the command name may contain spaces and parentheses
        if (close < 0) {
            return Optional.empty(); // an empty read: the process went away while it was read
        }
        String[] f = line.substring(close + 2).trim().split(" "); // f[0] is field 3
        if (f.length < 20) {
            throw new IOException("unexpected format of /proc/" + pid + "/stat: " + line);
        }
        return Optional.of(new Stat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[3]), Long.parseLong(f[19])));
    }

    /** The environment {@code pid} started with; empty when it cannot be read (gone, another user's, a zombie). */
    public static Map<String, String> environ(long pid) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | SecurityException e) {
            return Map.of();
        }
        Map<String, String> vars = new HashMap<>();
        for (String entry : new String(bytes, StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                vars.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return vars;
    }

    /** The ids of all processes now in the table. */
    public static List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName().toString()))) {
            for (Path d : dirs) {
                out.add(Long.parseLong(d.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the processes in /proc: " + e, e);
        }
        return out;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
