package dev.ladder.store;

import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.share.FairShare;
import dev.ladder.core.tune.Executor;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.LadderIoFailure;
import dev.ladder.core.tune.TrialEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Runs an experiment's jobs on {@code ladder worker} processes through a PostgreSQL store: a job is a
 * row of {@code jobs} that a worker leases; its reports and its end come back as rows of
 * {@code job_events}, which this executor posts to the tuner and answers. One thread does all of it,
 * in batches, woken by the tuner, by PostgreSQL notifications, or every {@link #CHECK} to look for jobs
 * whose worker stopped heartbeating (posted as {@link TrialEvent.Lost}: the tuner runs them again from
 * their checkpoint). The jobs outlive the tuner ({@link #outlivesTuner}): a tuner that takes over the
 * experiment {@link #reattach}es to them. A database that cannot be reached is retried with backoff.
 */
public final class RemoteExecutor implements Executor {
    /** How often jobs whose worker died are looked for. */
    static final Duration CHECK = Duration.ofSeconds(1);

    private final JobQueue queue;
    private final long experiment;
    private final int slots;
    private final double weight;
    private final Consumer<String> note;
    /** The jobs this executor follows: job id to the trial's id and where its events go. */
    private final Map<Long, Tracked> jobs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Pending> toQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<long[]> toAnswer = new ConcurrentLinkedQueue<>();
    /** job_events posted and not yet answered (the coordinator's own). */
    private final Set<Long> posted = new HashSet<>();
    private final Signal signal = new Signal();
    private final Thread coordinator;
    private final Listener listener;
    private volatile boolean closed;

    private record Tracked(int trial, Consumer<TrialEvent> events) {
    }

    private record Pending(Job job, Consumer<TrialEvent> events) {
    }

    /**
     * Jobs of experiment {@code experiment} of {@code store} (which must be PostgreSQL), at most {@code slots}
     * at once; {@code note} hears of connection trouble.
     */
    public RemoteExecutor(Store store, long experiment, int slots, Consumer<String> note) {
        this(store, experiment, slots, FairShare.Demand.DEFAULT_WEIGHT, note);
    }

    /** As above, the experiment's share of the workers weighted by {@code weight} (its priority; see {@link FairShare}). */
    public RemoteExecutor(Store store, long experiment, int slots, double weight, Consumer<String> note) {
        if (!(store instanceof JdbcStore jdbc)) {
            throw new IllegalArgumentException("remote executor: workers need a JDBC store, not " + store.location());
        }
        if (slots < 1) {
            throw new IllegalArgumentException("remote executor: slots must be at least 1, got " + slots);
        }
        this.queue = new JobQueue(jdbc.database());
        this.experiment = experiment;
        this.slots = slots;
        this.weight = new FairShare.Demand("experiment " + experiment, weight, slots).weight(); // checks it
        this.note = note;
        this.listener = new Listener(jdbc.url(), List.of(JobQueue.EVENTS), channel -> signal.raise(), "ladder-remote-listen-" + experiment);
        this.coordinator = new Thread(this::run, "ladder-remote-" + experiment);
        coordinator.setDaemon(true);
        coordinator.start();
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public boolean outlivesTuner() {
        return true;
    }

    @Override
    public void start(Job job, Consumer<TrialEvent> events) {
        toQueue.add(new Pending(job, events));
        signal.raise();
    }

    @Override
    public boolean reattach(Job job, Consumer<TrialEvent> events) {
        Optional<JobQueue.JobRow> row = queue.find(experiment, job.trialId(), job.checkpointDir().toString());
        if (row.isEmpty() || row.get().state().equals("LOST") || row.get().state().equals("CANCELLED")) {
            return false;
        }
        long id = row.get().id();
        jobs.put(id, new Tracked(job.trialId(), events));
        synchronized (posted) { // before the coordinator reads them: each posted once
            for (JobQueue.JobEvent e : queue.unhandled(id)) {
                post(e);
            }
        }
        signal.raise();
        return true;
    }

    private void run() {
        long backoff = 100;
        long nextCheck = 0;
        List<Pending> queuing = new ArrayList<>();
        List<long[]> answering = new ArrayList<>();
        List<JobQueue.LostJob> lost = new ArrayList<>(); // marked LOST, posted after the next round that succeeds
        while (!closed) {
            try {
                drain(toQueue, queuing);
                drain(toAnswer, answering);
                if (System.nanoTime() >= nextCheck) { // before the round: the lost jobs' last events are read in it
                    for (JobQueue.LostJob l : queue.lost(experiment)) {
                        if (jobs.containsKey(l.id()) && queue.markLost(l.id())) {
                            lost.add(l);
                        }
                    }
                    nextCheck = System.nanoTime() + CHECK.toNanos();
                }
                JobQueue.TunerRound round = queue.tunerRound(experiment, queuing.stream().map(p -> newJob(p.job())).toList(),
                        answers(answering, 1), answers(answering, 0));
                for (int i = 0; i < round.queued().size(); i++) {
                    jobs.put(round.queued().get(i), new Tracked(queuing.get(i).job().trialId(), queuing.get(i).events()));
                }
                queuing.clear();
                synchronized (posted) {
                    answering.forEach(a -> posted.remove(a[0]));
                    answering.clear();
                    round.open().forEach(this::post); // those of a lost job too: they came before its loss
                }
                for (JobQueue.LostJob l : lost) {
                    Tracked t = jobs.remove(l.id());
                    if (t != null) {
                        t.events().accept(new TrialEvent.Lost(t.trial(), "trial " + t.trial() + ": job " + l.id() + " was lost: " + l.reason()));
                    }
                }
                lost.clear();
                backoff = 100;
                signal.await(CHECK.toMillis());
            } catch (StoreException e) {
                note.accept("cannot reach the store for the workers' jobs (" + e.getMessage() + "); retrying in " + backoff + " ms");
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The event ids of {@code answering} whose answer is {@code value}. */
    private static List<Long> answers(List<long[]> answering, int value) {
        return answering.stream().filter(a -> a[1] == value).map(a -> a[0]).toList();
    }

    private JobQueue.NewJob newJob(Job job) {
        return new JobQueue.NewJob(experiment, job.trialId(), JournalCodec.json(job.config().asMap()), job.resumeFrom(),
                job.maxResource(), job.checkpointDir().toString(), weight);
    }

    /** Posts job event {@code e} to its tuner unless posted already (call holding {@link #posted}). */
    private void post(JobQueue.JobEvent e) {
        Tracked t = jobs.get(e.job());
        if (t == null || !posted.add(e.id())) {
            return;
        }
        int trial = t.trial();
        switch (e.kind()) {
            case "report" -> t.events().accept(new TrialEvent.Reported(trial, e.resource(), JournalCodec.metrics(e.body()),
                    goOn -> {
                        toAnswer.add(new long[] {e.id(), goOn ? 1 : 0});
                        signal.raise();
                    }));
            case "ended" -> end(e, new TrialEvent.Ended(trial, e.resource(), e.body().equals("program_end")));
            case "failed" -> end(e, new TrialEvent.Failed(trial, e.body()));
            case "storage" -> end(e, new TrialEvent.StorageFailed(trial, new LadderIoFailure(e.body(), null)));
            default -> end(e, new TrialEvent.Failed(trial, "trial " + trial + ": its worker sent an unknown event '" + e.kind() + "'"));
        }
    }

    private void end(JobQueue.JobEvent e, TrialEvent event) {
        Tracked t = jobs.remove(e.job());
        toAnswer.add(new long[] {e.id(), 1}); // handled
        t.events().accept(event);
    }

    private static <T> void drain(ConcurrentLinkedQueue<T> from, List<T> to) {
        for (T t = from.poll(); t != null; t = from.poll()) {
            to.add(t);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops following the jobs; those still queued or running are cancelled (their workers end them). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        coordinator.interrupt();
        try {
            coordinator.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close();
        try {
            List<long[]> answering = new ArrayList<>();
            drain(toAnswer, answering);
            if (!answering.isEmpty()) {
                queue.answer(answers(answering, 1), answers(answering, 0));
            }
            queue.cancel(new ArrayList<>(jobs.keySet()));
        } catch (StoreException e) {
            note.accept("could not cancel the jobs still running (" + e.getMessage() + "); their workers end them once"
                    + " the experiment's lease expires");
        }
    }

    @Override
    public String toString() {
        return "RemoteExecutor(experiment " + experiment + ", " + slots + " slots)";
    }
}
