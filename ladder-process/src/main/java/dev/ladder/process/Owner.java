package dev.ladder.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One incarnation of a process that owns trial processes: its pid and its start time in clock ticks
 * (field 22 of {@code /proc/PID/stat}), so that a later process reusing the pid is another owner.
 * Written {@code PID:TICKS}, the value of {@code LADDER_OWNER} in every trial process's environment.
 */
record Owner(long pid, long startTicks) {
    /** The environment variable naming the owner of a trial process (and of all its descendants). */
    static final String VARIABLE = "LADDER_OWNER";
    /** The environment variable naming the experiment a trial process belongs to: its checkpoint root. */
    static final String EXPERIMENT_VARIABLE = "LADDER_EXPERIMENT_DIR";

    private static volatile Owner current;

    /** This JVM; only where {@link Proc#AVAILABLE}. */
    static Owner current() {
        Owner o = current;
        if (o == null) {
            long pid = ProcessHandle.current().pid();
            try {
                o = new Owner(pid, Proc.stat(pid).orElseThrow().startTicks());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read this process's start time in /proc/" + pid + "/stat", e);
            }
            current = o;
        }
        return o;
    }

    /** True while this incarnation runs (not a zombie, and its pid not taken by a later process). */
    boolean alive() {
        try {
            return Proc.stat(pid).map(s -> s.running() && s.startTicks() == startTicks).orElse(false);
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The value of {@link #EXPERIMENT_VARIABLE} for the experiment whose checkpoint folders are under
     * {@code checkpointRoot}: its absolute path, with symbolic links resolved where it exists.
     */
    static String experimentKey(Path checkpointRoot) {
        Path p = checkpointRoot.toAbsolutePath().normalize();
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toString();
        }
    }

    @Override
    public String toString() {
        return pid + ":" + startTicks;
    }
}
