package dev.ladder.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's commands as Ladder uses them: {@code sbatch} to submit, {@code squeue} (then {@code sacct} for
 * jobs the controller has forgotten) to follow many jobs in one call, {@code scancel} to end them.
 *
 * <p>Invariants: a command that fails or does not answer within {@link #TIMEOUT_S} seconds throws an
 * {@link IOException} naming the command and its output; a job neither squeue nor sacct knows is
 * {@link SlurmJobState#UNKNOWN}.
 */
final class Slurm {
    static final long TIMEOUT_S = 60;
    /** squeue's answer when none of the jobs asked about is known to the controller any more. */
    private static final String NO_SUCH_JOB = "Invalid job id specified";

    /** The result of a command. */
    record Output(int code, String out, String err) {
    }

    /** True when {@code sbatch} is on this JVM's PATH. */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, "sbatch"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Submits {@code script} with {@code args} (each one argument of the script, never read by a shell) and
     * returns the job id; {@code env} is the environment sbatch runs in, which the job inherits.
     */
    String submit(List<String> options, Path script, List<String> args, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(options);
        cmd.add(script.toString());
        cmd.addAll(args);
        Output o = run(cmd, env);
        if (o.code() != 0) {
            throw new IOException("sbatch exited with code " + o.code() + ": " + oneLine(o.err().isBlank() ? o.out() : o.err()));
        }
        String id = o.out().strip().split(";")[0]; // --parsable prints "id" or "id;cluster"
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch printed no job id: " + oneLine(o.out()));
        }
        return id;
    }

    /** The states of {@code ids}: one squeue call, and one sacct call for the jobs squeue no longer lists. */
    Map<String, SlurmJobState> states(Collection<String> ids) throws IOException {
        Map<String, SlurmJobState> states = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        String list = String.join(",", ids);
        Output q = run(List.of("squeue", "--noheader", "--states=all", "--jobs=" + list, "--Format=JobID:40,State:40,exit_code:20"), Map.of());
        if (q.code() != 0 && !q.err().contains(NO_SUCH_JOB)) {
            throw new IOException("squeue exited with code " + q.code() + ": " + oneLine(q.err()));
        }
        if (q.code() == 0) {
            for (String line : q.out().split("\n")) {
                String[] f = line.strip().split("\\s+");
                if (f.length >= 2 && ids.contains(f[0])) {
                    states.put(f[0], SlurmJobState.fromSqueue(f[1], f.length > 2 ? f[2] : "0"));
                }
            }
        }
        List<String> missing = ids.stream().filter(id -> !states.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            states.putAll(accounted(missing));
        }
        return states;
    }

    /** What sacct knows of {@code ids}; every job it cannot tell about (accounting disabled, say) is UNKNOWN. */
    private Map<String, SlurmJobState> accounted(List<String> ids) {
        Map<String, SlurmJobState> states = new HashMap<>();
        ids.forEach(id -> states.put(id, SlurmJobState.UNKNOWN));
        try {
            Output a = run(List.of("sacct", "--noheader", "--parsable2", "--allocations", "--jobs=" + String.join(",", ids),
                    "--format=JobIDRaw,State,ExitCode"), Map.of());
            if (a.code() == 0) {
                for (String line : a.out().split("\n")) {
                    String[] f = line.strip().split("\\|");
                    if (f.length == 3 && states.containsKey(f[0])) {
                        states.put(f[0], SlurmJobState.fromSacct(f[1], f[2]));
                    }
                }
            }
        } catch (IOException e) {
            // no sacct: the jobs stay UNKNOWN
        }
        return states;
    }

    /** Cancels {@code ids} (SIGTERM to their processes, SIGKILL after Slurm's KillWait); already ended jobs are fine. */
    void cancel(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("scancel"));
        cmd.addAll(ids);
        Output o = run(cmd, Map.of());
        if (o.code() != 0 && !o.err().contains("already completed") && !o.err().contains(NO_SUCH_JOB)
                && !o.err().contains("Job/step already completing")) {
            throw new IOException("scancel " + String.join(" ", ids) + " exited with code " + o.code() + ": " + oneLine(o.err()));
        }
    }

    /** Jobs not yet ended whose comment is {@code comment} (those Ladder submitted for one experiment). */
    List<String> jobsWithComment(String comment) throws IOException {
        Output q = run(List.of("squeue", "--noheader", "--Format=JobID:40,State:40,Comment:4000"), Map.of());
        if (q.code() != 0) {
            throw new IOException("squeue exited with code " + q.code() + ": " + oneLine(q.err()));
        }
        List<String> ids = new ArrayList<>();
        for (String line : q.out().split("\n")) {
            String[] f = line.strip().split("\\s+", 3);
            if (f.length == 3 && f[2].strip().equals(comment) && !SlurmJobState.fromSqueue(f[1], "0").ended()) {
                ids.add(f[0]);
            }
        }
        return ids;
    }

    private static Output run(List<String> cmd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.get(0) + " (is Slurm installed and on the PATH?): " + e.getMessage(), e);
        }
        p.getOutputStream().close();
        CompletableFuture<String> out = read(p.getInputStream());
        CompletableFuture<String> err = read(p.getErrorStream());
        try {
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not answer within " + TIMEOUT_S + " s (is slurmctld up?)");
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(cmd.get(0) + " interrupted", e);
        }
    }

    /** Reads {@code in} to its end on a thread of its own (not a shared pool: the read blocks). */
    private static CompletableFuture<String> read(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        }, "ladder-slurm-read");
        t.setDaemon(true);
        t.start();
        return text;
    }

    private static String oneLine(String s) {
        String t = s.strip().replace('\n', ' ');
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
