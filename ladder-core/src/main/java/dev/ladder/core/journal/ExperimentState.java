package dev.ladder.core.journal;

import dev.ladder.core.Best;
import dev.ladder.core.Config;
import dev.ladder.core.pareto.ParetoFront;
import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Suggestion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An experiment as its journal leaves it, changed only by {@link #apply}: the trials (config, status,
 * last resource, checkpoint), the jobs that have not ended (their target resource and, once decided,
 * how they end), resumes deferred until a trial's previous job has ended, jobs suspended by a pause,
 * the recorded checkpoints, resource used, failures and the best result. The live tuner applies each
 * event it writes, a resume applies the events it reads, and the store derives its rows from it: one
 * fold, so the three never disagree.
 */
public final class ExperimentState {
    /** A recorded checkpoint: its folder as the journal names it, the resource it holds at most, the metric's value there (null if unknown). */
    public record Saved(String folder, long resource, Double value) {
    }

    private final Path checkpointRoot;
    private Metric metric;
    private JournalEvent.Experiment header;
    private Consumer<Trial> onTrialEnd = t -> { };
    private final Map<Integer, Trial> trials = new LinkedHashMap<>();
    private final Map<Integer, Long> openJobs = new HashMap<>();
    /** The seq of the event after which each open job was launched (its checkpoint folder is named by it). */
    private final Map<Integer, Long> jobSeqs = new HashMap<>();
    private final Map<Integer, JobEnding> endings = new HashMap<>();
    private final Map<Integer, Suggestion.Resume> deferred = new HashMap<>();
    private final Map<Integer, Long> suspended = new TreeMap<>();
    private final Map<Integer, Saved> latest = new HashMap<>();
    private final Map<Integer, Saved> bestCheckpoints = new HashMap<>();
    private final Map<Integer, Double> lastValue = new HashMap<>();
    private long totalResource;
    private int failures;
    private Best best;
    /** Each trial's own best (as {@link Best#update} picks it), to find the best again when one is excluded. */
    private final Map<Integer, Best> trialBest = new HashMap<>();
    /** Excluded trials with the reason, in the order excluded. */
    private final Map<Integer, String> excluded = new LinkedHashMap<>();
    private final List<Config> enqueued = new ArrayList<>();
    private final Map<String, String> priors = new LinkedHashMap<>();
    private ParetoFront.Builder front;
    private long events;

    /**
     * {@code metric}: what the best is chosen by (null: the journal's {@code experiment} event says);
     * {@code checkpointRoot}: where recorded checkpoint folders are, to give trials their path (null: as recorded).
     */
    public ExperimentState(Metric metric, Path checkpointRoot) {
        this.metric = metric;
        this.checkpointRoot = checkpointRoot;
    }

    /**
     * Called by {@link #apply} for an {@code end} event once the trial has its final status, before a
     * resume deferred for it takes over: the scheduler hears of the end here, seeing the trial as it ended.
     */
    public void onTrialEnd(Consumer<Trial> action) {
        this.onTrialEnd = action;
    }

    /** Applies {@code e}, the next event of the journal. */
    public void apply(JournalEvent e) {
        events++;
        if (e instanceof JournalEvent.Result r) {
            Trial t = trials.get(r.trialId());
            dev.ladder.core.Result result = new dev.ladder.core.Result(t.id(), r.resource(), r.metrics());
            totalResource += r.resource() - t.lastResource();
            t.setLastResource(r.resource());
            if (metric != null) {
                trialBest.put(t.id(), Best.update(trialBest.get(t.id()), t, result, metric));
                if (!excluded.containsKey(t.id())) {
                    best = Best.update(best, t, result, metric);
                    if (metric.multiObjective()) {
                        front = front == null ? new ParetoFront.Builder(metric) : front;
                        front.add(t.id(), r.resource(), r.metrics(), r.seconds());
                    }
                }
                lastValue.put(t.id(), result.value(metric));
            }
            if (r.then() != null) {
                endings.put(t.id(), r.then());
            }
        } else if (e instanceof JournalEvent.Start s) {
            Trial t = new Trial(s.trialId(), s.config());
            trials.put(t.id(), t);
            run(t, s.resource(), "");
        } else if (e instanceof JournalEvent.End end) {
            end(end);
        } else if (e instanceof JournalEvent.Resume r) {
            if (openJobs.containsKey(r.trialId())) { // its job is still saving its checkpoint
                deferred.put(r.trialId(), new Suggestion.Resume(r.trialId(), r.resource(), r.reason()));
            } else {
                run(trials.get(r.trialId()), r.resource(), r.reason());
            }
        } else if (e instanceof JournalEvent.Invalid i) {
            endings.put(i.trialId(), i.then());
        } else if (e instanceof JournalEvent.Suspend s) {
            Trial t = trials.get(s.trialId());
            openJobs.remove(t.id());
            endings.remove(t.id());
            suspended.put(t.id(), s.resource());
            t.setStatus(TrialStatus.PAUSED, s.reason());
            record(t, s.checkpoint());
        } else if (e instanceof JournalEvent.Restart r) {
            suspended.remove(r.trialId());
            run(trials.get(r.trialId()), r.resource(), r.reason());
        } else if (e instanceof JournalEvent.Gc gc) {
            if (gc.best()) {
                bestCheckpoints.remove(gc.trialId());
            } else {
                latest.remove(gc.trialId());
                trials.get(gc.trialId()).setCheckpoint(null);
            }
        } else if (e instanceof JournalEvent.BestCheckpoint b) {
            long resource = b.resource() != null ? b.resource() : trials.get(b.trialId()).lastResource();
            bestCheckpoints.put(b.trialId(), new Saved(b.path(), resource, b.value()));
        } else if (e instanceof JournalEvent.Exclude x) {
            excluded.put(x.trialId(), x.reason());
            if (front != null) {
                front.exclude(x.trialId());
            }
            if (best != null && best.trialId() == x.trialId()) {
                best = null;
                for (Best b : trialBest.values()) {
                    if (!excluded.containsKey(b.trialId())) {
                        best = better(best, b);
                    }
                }
            }
        } else if (e instanceof JournalEvent.Enqueue q) {
            enqueued.addAll(q.configs());
        } else if (e instanceof JournalEvent.Prior p) {
            priors.put(p.sha256(), p.source());
        } else if (e instanceof JournalEvent.Experiment x) {
            header = x;
            if (metric == null) {
                metric = x.metric();
            }
        }
    }

    /** The better of two bests as {@link Best#update} ranks them (a higher resource, then the better value, then the lower trial id). */
    private Best better(Best a, Best b) {
        if (a == null) {
            return b;
        }
        if (b.resource() != a.resource()) {
            return b.resource() > a.resource() ? b : a;
        }
        if (metric.better(b.value(), a.value())) {
            return b;
        }
        return metric.better(a.value(), b.value()) || a.trialId() < b.trialId() ? a : b;
    }

    private void run(Trial t, long target, String reason) {
        openJobs.put(t.id(), target);
        jobSeqs.put(t.id(), events);
        t.setStatus(TrialStatus.RUNNING, reason);
    }

    private void end(JournalEvent.End end) {
        Trial t = trials.get(end.trialId());
        t.setStatus(end.status(), end.reason());
        openJobs.remove(t.id());
        suspended.remove(t.id()); // a trial stopped while its job was suspended by a pause does not run again on resume
        endings.remove(t.id());
        if (end.status() == TrialStatus.FAILED) {
            failures++;
        }
        record(t, end.checkpoint());
        onTrialEnd.accept(t);
        Suggestion.Resume resume = deferred.remove(t.id());
        if (resume != null) { // launched now, unless a suspend event follows
            run(t, resume.resource(), resume.reason());
        }
    }

    /** Takes the checkpoint an end or suspend event records as {@code t}'s latest (none named: the recorded one stays). */
    private void record(Trial t, JournalEvent.CheckpointRef c) {
        if (c == null) {
            return;
        }
        if (c.folder() == null) {
            latest.remove(t.id());
            t.setCheckpoint(null);
            return;
        }
        latest.put(t.id(), new Saved(c.folder(), c.resource() != null ? c.resource() : t.lastResource(), lastValue.get(t.id())));
        t.setCheckpoint(checkpointRoot == null ? Path.of(c.folder()) : checkpointRoot.resolve(c.folder()));
    }

    public Map<Integer, Trial> trials() {
        return Collections.unmodifiableMap(trials);
    }

    public Trial trial(int id) {
        return trials.get(id);
    }

    /** Trials whose job has not ended, with the resource it runs up to. */
    public Map<Integer, Long> openJobs() {
        return Collections.unmodifiableMap(openJobs);
    }

    /**
     * The sequence number of the event after which {@code trial}'s open job was launched (the tuner names
     * the job's checkpoint folder by it), or -1 when it has no open job.
     */
    public long jobSeq(int trial) {
        return openJobs.containsKey(trial) ? jobSeqs.get(trial) : -1;
    }

    /** How trial {@code id}'s open job is to end, null while that is not decided. */
    public JobEnding ending(int id) {
        return endings.get(id);
    }

    /** The resume asked for trial {@code id} while its previous job was still ending, null if none. */
    public Suggestion.Resume deferred(int id) {
        return deferred.get(id);
    }

    public int deferredCount() {
        return deferred.size();
    }

    /** Jobs suspended by a pause or an end of the experiment, with the resource they run up to when it resumes. */
    public Map<Integer, Long> suspended() {
        return Collections.unmodifiableMap(suspended);
    }

    public Optional<Saved> latestCheckpoint(int trial) {
        return Optional.ofNullable(latest.get(trial));
    }

    public Optional<Saved> bestCheckpoint(int trial) {
        return Optional.ofNullable(bestCheckpoints.get(trial));
    }

    /** The metric's value at trial {@code id}'s last result, null before its first. */
    public Double lastValue(int id) {
        return lastValue.get(id);
    }

    public long totalResource() {
        return totalResource;
    }

    public int failures() {
        return failures;
    }

    /** Excluded trials with the reason each was excluded for, in the order excluded. */
    public Map<Integer, String> excluded() {
        return Collections.unmodifiableMap(excluded);
    }

    public boolean isExcluded(int trialId) {
        return excluded.containsKey(trialId);
    }

    /** Every configuration enqueued so far (started or not), in order. */
    public List<Config> enqueued() {
        return Collections.unmodifiableList(enqueued);
    }

    /** The prior data recorded so far: content hash to source. */
    public Map<String, String> priors() {
        return Collections.unmodifiableMap(priors);
    }

    /** The best result among trials not excluded. */
    public Optional<Best> best() {
        return Optional.ofNullable(best);
    }

    /** The Pareto front of the results applied so far, when the metric has several objectives. */
    public Optional<ParetoFront> front() {
        return Optional.ofNullable(front).map(ParetoFront.Builder::build);
    }

    /** How many events were applied. */
    public long events() {
        return events;
    }

    /** The journal's {@code experiment} event, if applied. */
    public Optional<JournalEvent.Experiment> header() {
        return Optional.ofNullable(header);
    }
}
