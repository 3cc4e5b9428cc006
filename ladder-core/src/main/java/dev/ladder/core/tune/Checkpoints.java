package dev.ladder.core.tune;

import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.journal.ExperimentState;
import dev.ladder.core.journal.ExperimentState.Saved;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.journal.JournalEvent.CheckpointRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The trials' checkpoints as the journal records them (DESIGN.md, Persistence: a checkpoint counts once
 * an event records it, with its folder and the resource it holds; Determined registers checkpoints
 * with its master the same way).
 *
 * <p>Every job writes into a fresh folder {@code trial-N/job-S} (S: the journal sequence number of the
 * event that launched it), which starts as a copy of the trial's latest recorded checkpoint. When the
 * job ends, its folder is <em>sealed</em>: the {@code end} or {@code suspend} event records it as the
 * trial's latest checkpoint, holding at most the trial's last recorded resource. A folder that was
 * never sealed (its job failed, ran past its last answered report, or Ladder died first) never counts:
 * it is deleted, and a restart copies the last sealed one again.
 *
 * <p>Invariants: a recorded checkpoint never holds more than the resource recorded with it (a program
 * saves only what it reported, and a job that reported past its last answer is not sealed); a folder is
 * deleted only after the journal holds the event that made it unneeded ({@link #takeDoomed()}); after
 * {@link #restore} every folder under a trial's folder that the journal does not name is gone. Which
 * checkpoints are recorded is the {@link ExperimentState}'s to know: this class reads it there and
 * changes it only by recording events.
 */
final class Checkpoints {
    private static final String JOB = "job-";

    private final Path root;
    private final boolean enabled;
    private final CheckpointPolicy policy;
    private final Metric metric;
    private final CheckpointPolicy.Ranking ranking;
    private final ExperimentState state;
    private final Consumer<JournalEvent> record;
    private final Map<Integer, Path> working = new HashMap<>();
    /** Folders to delete once the current group of events is committed. */
    private final List<Path> doomed = new ArrayList<>();

    /**
     * {@code enabled} false: a simulation, where jobs get a folder name but nothing touches the disk;
     * {@code record} journals an event and applies it to {@code state}.
     */
    Checkpoints(Path root, boolean enabled, CheckpointPolicy policy, Metric metric, ExperimentState state,
                Consumer<JournalEvent> record) {
        this.root = root;
        this.enabled = enabled;
        this.policy = policy;
        this.metric = metric;
        this.ranking = new CheckpointPolicy.Ranking(policy, metric);
        this.state = state;
        this.record = record;
    }

    /** A trial's value at {@code resource}, for the policy's ranking. */
    void report(int trial, long resource, double value) {
        ranking.report(trial, resource, value);
    }

    /**
     * A fresh folder for a job of {@code trial} launched by event {@code seq}, holding a copy of its
     * latest checkpoint. Without one to copy the folder is not created here: the executor creates it
     * when the job asks for it (a run whose objective keeps no checkpoints then touches no folder).
     */
    Path open(Trial trial, long seq) {
        Path dir = adopt(trial.id(), seq);
        Optional<Saved> from = state.latestCheckpoint(trial.id());
        if (!enabled || from.isEmpty()) {
            return dir;
        }
        try {
            deleteRecursively(dir); // a stale folder of that name cannot be recorded: nothing of it counts
            Files.createDirectories(dir);
            copy(folder(from.get()), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("trial " + trial.id() + ": cannot prepare its checkpoint folder " + dir, e);
        }
        return dir;
    }

    /**
     * The folder of {@code trial}'s job launched by event {@code seq}, taken as the folder its job writes
     * into (as {@link #open} does, without preparing it): for a job started by an earlier tuner that is
     * taken back on resume.
     */
    Path adopt(int trial, long seq) {
        Path dir = root.resolve("trial-" + trial).resolve(JOB + seq);
        working.put(trial, dir);
        return dir;
    }

    /**
     * Seals the folder of {@code trial}'s ending job as its latest checkpoint, unless the job reported
     * past the trial's last recorded resource ({@code trusted} false) or left the folder empty, and
     * returns the checkpoint the job's end event records (the previous one when the folder is not sealed).
     */
    CheckpointRef seal(Trial trial, boolean trusted) {
        Path dir = working.remove(trial.id());
        if (!enabled || dir == null) {
            return recorded(trial);
        }
        if (!trusted || !holdsFiles(dir)) {
            doomed.add(dir);
            return recorded(trial);
        }
        Optional<Saved> before = state.latestCheckpoint(trial.id());
        Saved now = new Saved(relative(dir), trial.lastResource(), state.lastValue(trial.id()));
        Saved kept = state.bestCheckpoint(trial.id()).orElse(null);
        if (kept != null && !better(kept, now)) {
            dropBest(trial.id(), "the latest checkpoint is as good or better");
            kept = null;
        }
        if (before.isPresent()) {
            Saved b = before.get();
            if (policy.trialBest() && better(b, now) && (kept == null || better(b, kept))) {
                if (kept != null) {
                    dropBest(trial.id(), "a later checkpoint is better");
                }
                record.accept(new JournalEvent.BestCheckpoint(trial.id(), b.resource(), b.value(), b.folder()));
            } else {
                doomed.add(folder(b));
            }
        }
        return new CheckpointRef(now.folder(), now.resource());
    }

    /** The ending job's folder does not count (its trial failed): it goes; returns the latest recorded, which stays. */
    CheckpointRef discard(Trial trial) {
        Path dir = working.remove(trial.id());
        if (enabled && dir != null) {
            doomed.add(dir);
        }
        return recorded(trial);
    }

    private CheckpointRef recorded(Trial trial) {
        return state.latestCheckpoint(trial.id()).map(b -> new CheckpointRef(b.folder(), b.resource())).orElse(CheckpointRef.NONE);
    }

    /** Deletes {@code trial}'s checkpoints if the policy says they are no longer needed. */
    void collect(Trial trial, boolean finished) {
        if (!enabled || !ranking.discard(trial, finished)) {
            return;
        }
        String reason = "checkpoint policy " + policy + (finished ? " at the experiment's end" : "");
        state.latestCheckpoint(trial.id()).ifPresent(gone -> doomed.add(folder(gone)));
        record.accept(new JournalEvent.Gc(trial.id(), false, reason));
        if (state.bestCheckpoint(trial.id()).isPresent()) {
            dropBest(trial.id(), reason);
        }
    }

    private void dropBest(int trial, String reason) {
        doomed.add(folder(state.bestCheckpoint(trial).orElseThrow()));
        record.accept(new JournalEvent.Gc(trial, true, reason));
    }

    private boolean better(Saved a, Saved b) {
        return a.value() != null && (b.value() == null || metric.better(a.value(), b.value()));
    }

    /** What deletes the folders that the current group of events makes unneeded, to run once it is committed; null if none. */
    Runnable takeDoomed() {
        if (doomed.isEmpty()) {
            return null;
        }
        List<Path> folders = List.copyOf(doomed);
        doomed.clear();
        return () -> folders.forEach(Checkpoints::deleteRecursively);
    }

    /** {@code folder} as the journal records it: relative to the checkpoint root, so that the experiment's folder can move. */
    String relative(Path folder) {
        return folder.startsWith(root) ? root.relativize(folder).toString() : folder.toString();
    }

    /** Where a recorded checkpoint is: its folder relative to the root (absolute in older journals). */
    private Path folder(Saved s) {
        return root.resolve(s.folder());
    }

    /**
     * After a replay: a recorded checkpoint whose folder no longer exists is let go (journaled as
     * {@code gc}), and every job folder the journal does not name is deleted (written by a job whose
     * end was never recorded), except the folders of jobs taken back ({@link #adopt}).
     */
    void restore() {
        if (!enabled) {
            return;
        }
        Set<Path> named = new HashSet<>();
        working.values().forEach(dir -> named.add(dir.toAbsolutePath().normalize()));
        for (int id : state.trials().keySet()) {
            keepIfThere(id, state.latestCheckpoint(id), false, named);
            keepIfThere(id, state.bestCheckpoint(id), true, named);
        }
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> trialDirs = Files.list(root)) {
            for (Path t : (Iterable<Path>) trialDirs::iterator) {
                if (!Files.isDirectory(t)) {
                    continue;
                }
                try (Stream<Path> jobs = Files.list(t)) {
                    jobs.filter(j -> j.getFileName().toString().startsWith(JOB))
                            .filter(j -> !named.contains(j.toAbsolutePath().normalize()))
                            .forEach(Checkpoints::deleteRecursively);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the checkpoint folder " + root, e);
        }
    }

    /** Adds a recorded checkpoint's folder to {@code named}, or lets the checkpoint go when its folder is gone. */
    private void keepIfThere(int trial, Optional<Saved> recorded, boolean best, Set<Path> named) {
        recorded.map(this::folder).ifPresent(f -> {
            if (Files.isDirectory(f)) {
                named.add(f.toAbsolutePath().normalize());
            } else {
                record.accept(new JournalEvent.Gc(trial, best, "its folder " + f + " is missing"));
            }
        });
    }

    /** Deletes what is left at the end of a run that keeps no files. */
    void deleteAll() {
        deleteRecursively(root);
    }

    /** True when {@code dir} holds any file (a process trial names its own). */
    static boolean holdsFiles(Path dir) {
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint folder " + dir, e);
        }
    }

    /** Copies {@code from} into the empty {@code to}; job folders inside {@code from} (a trial folder of the old layout) are skipped. */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (rel.toString().isEmpty() || rel.getName(0).toString().startsWith(JOB)) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a folder left behind is cleaned at the next resume
        }
    }
}
