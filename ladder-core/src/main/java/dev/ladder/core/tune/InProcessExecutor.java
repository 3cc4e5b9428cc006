package dev.ladder.core.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Runs a Java {@link Objective} on a fixed number of worker threads in this JVM. */
public final class InProcessExecutor implements Executor {
    private final Objective objective;
    private final int workers;
    private final ExecutorService pool;

    /** Runs {@code objective} on {@code workers} (at least 1) daemon threads, one job per thread at a time. */
    public InProcessExecutor(Objective objective, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.objective = objective;
        this.workers = workers;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ladder-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int slots() {
        return workers;
    }

    @Override
    public void start(Job job, Consumer<TrialEvent> events) {
        pool.execute(() -> {
            try {
                Context ctx = new Context(job, events, new AtomicLong(-1));
                objective.run(job.config(), ctx);
                events.accept(new TrialEvent.Ended(job.trialId(), ctx.lastReported().get()));
            } catch (Throwable e) {
                LadderIoFailure io = LadderIoFailure.in(e); // ctx.saveCheckpoint's; the objective's own I/O is the trial's
                if (io != null) {
                    events.accept(new TrialEvent.StorageFailed(job.trialId(), io));
                    return;
                }
                String message = e.getMessage() == null ? e.getClass().getName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                events.accept(new TrialEvent.Failed(job.trialId(), message));
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Context(Job job, Consumer<TrialEvent> events, AtomicLong lastReported) implements TrialContext {
        public int trialId() { return job.trialId(); }
        public long resumeFrom() { return job.resumeFrom(); }
        public long maxResource() { return job.maxResource(); }
        /** Created on first use: most jobs of a run without checkpoints never ask, and a folder costs a create and a delete. */
        public Path checkpointDir() {
            try {
                return Files.createDirectories(job.checkpointDir());
            } catch (IOException e) {
                throw LadderIoFailure.of("cannot create the checkpoint folder of trial " + job.trialId(), job.checkpointDir(), e);
            }
        }

        public boolean report(long resource, Map<String, Double> metrics) {
            lastReported.accumulateAndGet(resource, Math::max);
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            events.accept(new TrialEvent.Reported(job.trialId(), resource, metrics, answer::complete));
            try {
                return answer.get();
            } catch (InterruptedException e) {
                // closed before the report was recorded: end the objective without a checkpoint ahead of the journal
                Thread.currentThread().interrupt();
                throw new CancellationException("trial " + job.trialId() + ": the session ended before its report at "
                        + resource + " was recorded");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
