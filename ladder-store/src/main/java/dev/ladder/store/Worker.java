package dev.ladder.store;

import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.tune.Executor;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A worker process's loop ({@code ladder worker}): leases queued jobs of any experiment in the store
 * while it has free slots, runs each with the executor its experiment's spec names (one slot per job),
 * writes their reports and ends as {@code job_events}, hands the tuners' answers back to the jobs, and
 * heartbeats. One thread talks to the database, in batches; it waits on PostgreSQL notifications.
 *
 * <p>Invariants: a job runs here only while its row is LEASED by this worker: when a write for it is
 * refused (its lease was declared lost while this worker could not reach the database) or its tuner
 * cancels it, its executor is closed (its processes ended) and nothing more of it is written. A lost
 * connection is retried with backoff while the jobs keep running. {@link #stop} ends the running jobs
 * and gives them back, so their tuner runs them again elsewhere at once rather than after the lease timeout.
 * A report at the job's target is answered here at once ("go on": the job ends there whatever its tuner
 * says), which saves its trial a round trip; every other report waits for its tuner's answer.
 */
public final class Worker {
    /** Executors for one job of an experiment. */
    @FunctionalInterface
    public interface Runs {
        /** An executor with one slot for jobs of {@code experiment}, as its stored spec says. */
        Executor executorFor(ExperimentRow experiment);
    }

    /**
     * The JVM options every launcher of {@code ladder worker} gives (the {@code ladder} script, the Kubernetes and
     * Slurm examples; a test checks): a worker's own Java code only coordinates, its trials being processes or
     * native code, so the quick compiler suffices and the optimising compiler's CPU goes to the trials. With 16
     * worker JVMs sharing 2 cores it raised the leases per second by 30-60% (docs/benchmarks.md).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /** A round that follows another within this many ms waits as long first, so that one transaction carries more. */
    static final long GATHER_MS = 1;

    private final JdbcStore store;
    private final JobQueue queue;
    private final String name;
    private final int slots;
    private final Duration lease;
    private final Runs runs;
    private final Consumer<String> log;
    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Out> outbox = new ConcurrentLinkedQueue<>();
    /** Reports written and not answered yet, by event id. */
    private final Map<Long, Out> awaiting = new HashMap<>();
    /** What could not be written yet (the store was unreachable), first in line. */
    private List<Out> unsent = new ArrayList<>();
    private final Map<Long, ExperimentRow> experiments = new HashMap<>();
    private final Signal signal = new Signal();
    private volatile boolean stopping;
    /** Set by notifications (and after a lost connection): answers to this worker's reports may be there; jobs may be queued. */
    private volatile boolean answered;
    private volatile boolean queued = true;
    private volatile long id = -1;

    private record Running(JobQueue.Leased job, Executor executor) {
    }

    /** Something to write about a job; {@code reply} for a report. */
    private record Out(JobQueue.Outgoing row, TrialEvent.Reply reply) {
    }

    /**
     * A worker named {@code name} (shown by {@code ladder ls}) running up to {@code slots} jobs; its jobs count
     * as lost when its heartbeat is older than {@code lease}; {@code log} hears what it does.
     */
    public Worker(JdbcStore store, String name, int slots, Duration lease, Runs runs, Consumer<String> log) {
        if (slots < 1) {
            throw new IllegalArgumentException("--slots must be at least 1, got " + slots);
        }
        if (lease.toMillis() < 1_000) {
            throw new IllegalArgumentException("the worker lease must be at least 1 s, got " + lease);
        }
        this.store = store;
        this.queue = new JobQueue(store.database());
        this.name = name;
        this.slots = slots;
        this.lease = lease;
        this.runs = runs;
        this.log = log;
    }

    /** {@code host:pid}: the default worker name. */
    public static String defaultName() {
        return host() + ":" + ProcessHandle.current().pid();
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** This worker's id in the store, once registered (-1 before). */
    public long id() {
        return id;
    }

    /** Runs until {@link #stop}: then ends its running jobs, gives them back and marks itself stopped. */
    public void run() throws InterruptedException {
        id = queue.register(name, host(), slots, lease.toMillis());
        log.accept("worker " + name + " (id " + id + ") with " + slots + " slot(s) on " + store.location());
        long beatEvery = Math.max(200, lease.toMillis() / 5);
        long nextBeat = 0;
        long backoff = 100;
        String mine = JobQueue.workerChannel(id);
        try (Listener listener = new Listener(store.url(), List.of(mine), channel -> { // answers, cancels or jobs for it
            answered = true;
            queued = true;
            signal.raise();
        }, "ladder-worker-listen")) {
            long lastRound = 0;
            while (!stopping) {
                if (System.nanoTime() - lastRound < GATHER_MS * 1_000_000) { // busy: let what the jobs say gather for a moment
                    Thread.sleep(GATHER_MS);
                }
                List<Out> out = outgoing();
                try {
                    boolean beat = System.currentTimeMillis() >= nextBeat; // also a poll, should a notification be missed
                    boolean askAnswers = (answered || beat) && !awaiting.isEmpty();
                    answered = false;
                    long ending = out.stream().filter(o -> !o.row().kind().equals("report") && running.containsKey(o.row().job())).count();
                    int free = stopping ? 0 : (int) (slots - running.size() + ending);
                    boolean lease = free > 0 && (queued || beat || ending > 0);
                    queued = false;
                    if (out.isEmpty() && !askAnswers && !beat && !lease) {
                        signal.await(Math.max(1, nextBeat - System.currentTimeMillis()));
                        continue;
                    }
                    lastRound = System.nanoTime();
                    JobQueue.WorkerRound round = queue.workerRound(id, out.stream().map(Out::row).toList(),
                            askAnswers ? Set.copyOf(awaiting.keySet()) : Set.of(), beat, Set.copyOf(running.keySet()), lease ? free : 0);
                    sent(out, round.sent());
                    for (long[] a : round.answers()) {
                        Out o = awaiting.remove(a[0]);
                        if (o != null) {
                            o.reply().send(a[1] == 1);
                        }
                    }
                    for (long job : round.notOwned()) {
                        end(job, "its tuner cancelled it or gave it to another worker");
                    }
                    if (beat) {
                        nextBeat = System.currentTimeMillis() + beatEvery;
                    }
                    round.leased().forEach(this::start);
                    backoff = 100;
                    signal.await(Math.max(1, Math.min(beatEvery, nextBeat - System.currentTimeMillis())));
                } catch (StoreException e) {
                    unsent = out; // written again, in order, once the store answers (a report written twice is kept once)
                    answered = true;
                    queued = true;
                    log.accept("cannot reach the store (" + e.getMessage() + "); retrying in " + backoff + " ms; "
                            + running.size() + " job(s) keep running");
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
        } finally {
            giveBack();
        }
    }

    /** Asks {@link #run} to end (from any thread, e.g. a shutdown hook). */
    public void stop() {
        stopping = true;
        signal.raise();
    }

    /** Starts leased job {@code j}; one that cannot start is given back (the store failed) or failed (its spec cannot run here). */
    private void start(JobQueue.Leased j) {
        ExperimentRow experiment;
        Executor executor;
        try {
            experiment = experiments.computeIfAbsent(j.experiment(), e -> store.experiments().stream()
                    .filter(x -> x.id() == e).findFirst().orElseThrow());
        } catch (RuntimeException e) {
            outbox.add(new Out(new JobQueue.Outgoing(j.id(), "released", 0, "worker " + name + " could not read its experiment: "
                    + e.getMessage()), null));
            return;
        }
        try {
            executor = runs.executorFor(experiment);
        } catch (RuntimeException e) {
            outbox.add(new Out(new JobQueue.Outgoing(j.id(), "failed", 0, "trial " + j.trial() + ": worker " + name
                    + " cannot run experiment " + experiment.name() + ": " + e.getMessage()), null));
            return;
        }
        running.put(j.id(), new Running(j, executor));
        log.accept("job " + j.id() + ": trial " + j.trial() + " of " + experiment.name() + " from " + j.resumeFrom()
                + " to " + j.target());
        Job job = new Job(j.trial(), JournalCodec.config(j.config()), j.resumeFrom(), j.target(), Path.of(j.checkpointDir()));
        executor.start(job, e -> {
            if (e instanceof TrialEvent.Reported r) {
                boolean last = r.resource() >= j.target(); // the job ends there whatever the answer: it need not wait for it
                outbox.add(new Out(new JobQueue.Outgoing(j.id(), "report", r.resource(), JournalCodec.json(r.metrics())),
                        last ? null : r.reply()));
                if (last) {
                    r.reply().send(true);
                }
            } else if (e instanceof TrialEvent.Ended x) {
                outbox.add(new Out(new JobQueue.Outgoing(j.id(), "ended", x.lastReported(), x.programEnd() ? "program_end" : ""), null));
            } else if (e instanceof TrialEvent.Failed f) {
                outbox.add(new Out(new JobQueue.Outgoing(j.id(), "failed", 0, f.message()), null));
            } else if (e instanceof TrialEvent.StorageFailed s) {
                outbox.add(new Out(new JobQueue.Outgoing(j.id(), "storage", 0, s.failure().getMessage()), null));
            } else if (e instanceof TrialEvent.Lost l) {
                outbox.add(new Out(new JobQueue.Outgoing(j.id(), "released", 0, l.reason()), null));
            }
            signal.raise();
        });
    }

    /** What the jobs said since the last round, after what could not be written then. */
    private List<Out> outgoing() {
        List<Out> out = unsent;
        unsent = new ArrayList<>();
        for (Out o = outbox.poll(); o != null; o = outbox.poll()) {
            out.add(o);
        }
        return out;
    }

    /** After {@code out} was written: its reports await their answers, ended jobs go, refused jobs are ended here. */
    private void sent(List<Out> out, JobQueue.Sent sent) {
        Map<String, Long> ids = new HashMap<>();
        for (long[] r : sent.reports()) {
            ids.put(r[0] + ":" + r[1], r[2]);
        }
        for (Out o : out) {
            JobQueue.Outgoing row = o.row();
            if (sent.refused().contains(row.job())) {
                continue;
            }
            if (row.kind().equals("report")) {
                Long event = ids.get(row.job() + ":" + row.resource());
                if (event != null && o.reply() != null) {
                    awaiting.put(event, o);
                }
            } else {
                Running r = running.remove(row.job());
                if (r != null) {
                    r.executor().close();
                }
            }
        }
        for (long job : sent.refused()) {
            end(job, "its lease was lost (the worker could not reach the store in time) and its trial runs elsewhere");
        }
    }

    /** Ends job {@code job} here without writing anything more of it. */
    private void end(long job, String why) {
        Running r = running.remove(job);
        if (r != null) {
            log.accept("job " + job + " (trial " + r.job().trial() + ") ended: " + why);
            r.executor().close();
        }
        outbox.removeIf(o -> o.row().job() == job);
        unsent.removeIf(o -> o.row().job() == job);
        awaiting.values().removeIf(o -> o.row().job() == job);
    }

    /** At the end: the running jobs are ended and given back, and the worker marked stopped. */
    private void giveBack() {
        List<JobQueue.Outgoing> back = new ArrayList<>();
        for (Map.Entry<Long, Running> e : Set.copyOf(running.entrySet())) {
            e.getValue().executor().close();
            back.add(new JobQueue.Outgoing(e.getKey(), "released", 0, "worker " + name + " stopped"));
        }
        running.clear();
        try {
            if (!back.isEmpty()) {
                queue.send(id, back);
            }
            queue.stopped(id);
            log.accept("worker " + name + " stopped" + (back.isEmpty() ? "" : "; gave back " + back.size() + " job(s)"));
        } catch (StoreException e) {
            log.accept("worker " + name + " stopped without reaching the store (" + e.getMessage() + "); its jobs count as"
                    + " lost once its lease of " + lease.toSeconds() + " s expires");
        }
    }
}
