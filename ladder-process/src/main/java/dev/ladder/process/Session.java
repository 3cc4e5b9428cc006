package dev.ladder.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a trial process in a session (and process group) of its own, through setsid(1), so that
 * signals for Ladder's group (Ctrl-C in a terminal, a kill of the group) do not reach trial processes
 * directly: Ladder decides how they end. setsid execs the program without forking (a child of the JVM
 * is never a group leader), so the process keeps its pid, exit code and signals.
 *
 * <p>Because setsid starts the program, the program is looked up here first, as Java's
 * {@code ProcessBuilder} would (a name with a slash against the working directory, otherwise each
 * folder of this JVM's {@code PATH}), so that a missing program still fails with the operating
 * system's reason rather than setsid's exit code.
 */
final class Session {
    /** The setsid program; null where there is none (the process then shares Ladder's session). */
    static final String SETSID = find("setsid");

    private Session() {
    }

    /**
     * The argv that starts {@code argv} in a new session from {@code workingDir} (null: this JVM's).
     *
     * @throws IOException naming the reason when the program cannot be started
     */
    static List<String> argv(List<String> argv, Path workingDir) throws IOException {
        if (SETSID == null) {
            return argv;
        }
        List<String> out = new ArrayList<>(argv.size() + 3);
        out.add(SETSID);
        out.add("--wait"); // no effect unless setsid had to fork; then it still passes the exit code
        out.add("--");
        out.add(resolve(argv.get(0), workingDir == null ? Path.of("") : workingDir).toString());
        out.addAll(argv.subList(1, argv.size()));
        return out;
    }

    private static Path resolve(String program, Path workingDir) throws IOException {
        if (program.isEmpty()) {
            throw new IOException("No such file or directory");
        }
        if (program.contains("/")) {
            Path p = workingDir.toAbsolutePath().resolve(program);
            if (!Files.exists(p)) {
                throw new IOException("No such file or directory");
            }
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new IOException("Permission denied");
            }
            return p;
        }
        boolean denied = false;
        for (String dir : searchPath()) {
            Path p = workingDir.toAbsolutePath().resolve(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            denied |= Files.exists(p);
        }
        throw new IOException(denied ? "Permission denied" : "No such file or directory");
    }

    private static List<String> searchPath() {
        String path = System.getenv("PATH");
        return List.of((path == null ? "/bin:/usr/bin" : path).split(File.pathSeparator, -1));
    }

    private static String find(String name) {
        if (!Proc.AVAILABLE) {
            return null; // not Linux: sessions are left as they are
        }
        for (String dir : searchPath()) {
            Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(name).toAbsolutePath();
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }
}
