package dev.ladder.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One watchdog process per JVM that ran a trial process: a bash script ({@code watchdog.sh}) in its own
 * session that polls twice a second whether this JVM ({@link Owner#current()}) still runs and, once it
 * is gone, ends every process whose environment names this JVM as its {@link Owner} (SIGTERM, SIGKILL
 * after {@link #GRACE}); so trial processes do not outlive a Ladder killed with SIGKILL.
 *
 * <p>Invariants: at most one watchdog runs per JVM; {@link #ensureRunning()} starts it (again, should
 * it have died) before a trial process starts; it carries no {@code LADDER_OWNER} itself; it holds no
 * pipe that anyone reads (its output is discarded), so it never keeps a reader of this JVM's output
 * waiting. Only where {@link #SUPPORTED}: Linux with {@code /proc}, bash and setsid.
 */
final class Watchdog {
    /** How long trial processes of a dead JVM get between SIGTERM and SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(2);
    static final boolean SUPPORTED = Proc.AVAILABLE && Session.SETSID != null && Files.isExecutable(Path.of("/bin/bash"));

    private static Process process; // kept so that the pipe to its stdin stays open while this JVM runs

    private Watchdog() {
    }

    /** Starts the watchdog unless it runs; does nothing where it is not {@link #SUPPORTED}. */
    static synchronized void ensureRunning() {
        if (!SUPPORTED || process != null && process.isAlive()) {
            return;
        }
        Owner owner = Owner.current();
        ProcessBuilder pb = new ProcessBuilder(List.of(Session.SETSID, "/bin/bash", "-c", script(), "ladder-watchdog",
                Long.toString(owner.pid()), Long.toString(owner.startTicks()), Long.toString(GRACE.toMillis())));
        pb.environment().remove(Owner.VARIABLE); // this JVM may itself be a trial of another Ladder
        pb.environment().remove(Owner.EXPERIMENT_VARIABLE);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the trial process watchdog (/bin/bash): " + e.getMessage(), e);
        }
    }

    /** The running watchdog's pid, for tests; -1 when none runs. */
    static synchronized long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    private static String script() {
        try (InputStream in = Watchdog.class.getResourceAsStream("watchdog.sh")) {
            if (in == null) {
                throw new IllegalStateException("watchdog.sh is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
