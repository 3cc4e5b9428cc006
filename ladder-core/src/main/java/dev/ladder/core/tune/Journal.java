package dev.ladder.core.tune;

import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The tuner's side of the journal: numbers events, collects the events of one group and hands each
 * group to a writer thread that encodes them (streaming JSON, see {@link JournalCodec.LineWriter}; the loop
 * encodes them itself as it writes them while the writer is behind) and commits to the {@link EventLog} whatever has gathered while its
 * previous commit ran, or within a millisecond (group commit: one transaction, one fsync, for many
 * groups; the tuner wakes the writer only when it is idle or {@link #BATCH} events wait). The tuner does not
 * wait for a commit: it answers reports and starts jobs at once. This is safe because nothing outside
 * the journal counts until the journal holds it (DESIGN.md, Persistence): a crash loses at most the
 * uncommitted tail, and resume redoes that tail from the last committed event (its jobs restart from
 * their recorded checkpoints, their processes are ended, their folders deleted). What must not happen
 * before its group is durable (deleting a checkpoint folder, appending results.csv rows) travels with
 * the group and runs on the writer after the commit.
 *
 * <p>Invariants: groups are committed in the order they were handed over, each at most once; the
 * actions of a group run only after its commit; at most {@link #MAX_PENDING} events wait, beyond that
 * {@link #flush} blocks (so a crash loses a bounded tail); after a failed commit nothing more is
 * committed and every later call throws that failure. With {@link EventLog#none()} it only counts.
 */
final class Journal {
    /** Events that may wait for the writer before {@link #flush} blocks. */
    static final int MAX_PENDING = 10_000;
    private final EventLog log;
    /** Events a commit gathers before the writer wakes up early; otherwise it wakes every {@link #GATHER_NANOS}. */
    static final int BATCH = 1_000;
    private static final long GATHER_NANOS = 1_000_000;
    /**
     * The current group's entries and, when the loop encodes ({@link #loopEncodes} as the group began), their JSON,
     * encoded as each event is written (only with a log that keeps events).
     */
    private final List<JournalEntry> group = new ArrayList<>();
    private final JournalCodec.LineWriter lines = new JournalCodec.LineWriter();
    private boolean groupEncoded;
    /**
     * Who encodes the events now waiting: the writer (its thread has room while it waits for the disk), or,
     * once it fell behind ({@link #BEHIND} events waited when it took its last batch), the loop. Changed by
     * the writer only when nothing waits, so that a waiting batch is encoded by one side only.
     */
    private volatile boolean loopEncodes;
    static final int BEHIND = 3 * BATCH;
    private long seq;
    /** The time of the last event written. */
    private Instant time = Instant.EPOCH;

    private final Object lock = new Object();
    /**
     * The groups handed over and not yet taken by the writer, as one batch: their entries, lines and
     * after-commit actions (guarded by {@link #lock}). The writer swaps them with its own emptied ones, so
     * that handing a group over copies its lines once and allocates nothing.
     */
    private List<JournalEntry> waitingEntries = new ArrayList<>();
    private JournalCodec.LineWriter waitingLines = new JournalCodec.LineWriter();
    private List<Runnable> waitingAfter = new ArrayList<>();
    private int waitingGroups;
    /** Events handed over and not yet committed (waiting or in the writer's current commit). */
    private int pendingEvents;
    private long handedOver;
    private long done;
    private boolean closing;
    /** True while the writer waits for the first group of its next commit (then a flush wakes it). */
    private boolean writerIdle;
    /** True while the writer gathers groups for its next commit (a flush wakes it when {@link #BATCH} events wait). */
    private boolean writerGathering;
    /** Threads in {@link #sync} or {@link #flush} waiting for the writer (they want it to commit at once). */
    private int waiters;
    private RuntimeException failure;
    private Thread writer;

    /** Runs on the writer after the actions of each commit's groups (it writes what they buffered). */
    private final Runnable afterCommit;

    Journal(EventLog log, long lastSeq, Runnable afterCommit) {
        this.log = log;
        this.seq = lastSeq;
        this.afterCommit = afterCommit;
    }

    /**
     * Adds {@code event} to the current group (with {@link EventLog#none()} nothing is kept), encoding it
     * at once while the writer is behind.
     */
    void write(JournalEvent event) {
        seq++;
        if (!log.keepsNothing()) {
            long now = System.currentTimeMillis(); // ms: enough for a reader, and many events share one
            if (now != time.toEpochMilli()) {
                time = Instant.ofEpochMilli(now);
            }
            JournalEntry entry = new JournalEntry(seq, time, event);
            if (group.isEmpty()) {
                groupEncoded = loopEncodes;
            }
            group.add(entry);
            if (groupEncoded) {
                lines.add(entry);
            }
        }
    }

    /** True while the loop encodes what it writes (the writer fell behind). */
    boolean loopEncodes() {
        return loopEncodes;
    }

    /** The sequence number of the last event written. */
    long lastSeq() {
        return seq;
    }

    /**
     * Hands the current group to the writer, with {@code afterDurable} to run once it is committed,
     * and returns at once (unless {@link #MAX_PENDING} events wait already).
     */
    void flush(List<Runnable> afterDurable) {
        if (group.isEmpty() && afterDurable.isEmpty()) {
            return;
        }
        if (log.keepsNothing()) {
            afterDurable.forEach(Runnable::run);
            afterCommit.run();
            return;
        }
        synchronized (lock) {
            while (failure == null && pendingEvents >= MAX_PENDING) {
                awaitLock();
            }
            throwIfFailed();
            waitingEntries.addAll(group);
            if (loopEncodes) {
                if (!groupEncoded) { // the writer fell behind since the group began
                    group.forEach(lines::add);
                }
                lines.moveTo(waitingLines);
            } else {
                lines.clear(); // the writer encodes them (the group began before it caught up)
            }
            waitingAfter.addAll(afterDurable);
            waitingGroups++;
            pendingEvents += group.size();
            handedOver++;
            group.clear();
            if (writer == null) {
                writer = new Thread(this::writeLoop, "ladder-journal-writer");
                writer.setDaemon(true);
                writer.start();
            }
            if (writerIdle || writerGathering && waitingEntries.size() >= BATCH) { // else it wakes by itself within GATHER_NANOS
                lock.notifyAll();
            }
        }
    }

    /** Returns once every group handed over is committed and its actions ran; throws a commit's failure. */
    void sync() {
        synchronized (lock) {
            waiters++;
            lock.notifyAll(); // a writer gathering a batch commits at once
            try {
                while (failure == null && done < handedOver) {
                    awaitLock();
                }
            } finally {
                waiters--;
            }
            throwIfFailed();
        }
    }

    /** Stops the writer after the commit it is making; groups not committed yet are dropped. */
    void abandon() {
        Thread w;
        synchronized (lock) {
            closing = true;
            waitingEntries.clear();
            waitingLines.clear();
            waitingAfter.clear();
            waitingGroups = 0;
            lock.notifyAll();
            w = writer;
        }
        join(w);
    }

    /** Commits what is pending and stops the writer. */
    void close() {
        sync();
        abandon();
    }

    private void writeLoop() {
        List<JournalEntry> entries = new ArrayList<>();
        JournalCodec.LineWriter batchLines = new JournalCodec.LineWriter();
        List<Runnable> after = new ArrayList<>();
        while (true) {
            int groups;
            boolean encoded;
            synchronized (lock) {
                writerIdle = true;
                while (waitingGroups == 0 && !closing) {
                    awaitLock();
                }
                writerIdle = false;
                if (waitingGroups == 0) {
                    return;
                }
                // gathers for a moment unless enough waits or someone waits for it: fewer commits, fewer wake-ups
                writerGathering = true;
                long until = System.nanoTime() + GATHER_NANOS;
                while (waitingEntries.size() < BATCH && waiters == 0 && !closing && System.nanoTime() < until) {
                    awaitLock(1);
                }
                writerGathering = false;
                List<JournalEntry> e = entries;
                entries = waitingEntries;
                waitingEntries = e;
                JournalCodec.LineWriter l = batchLines;
                batchLines = waitingLines;
                waitingLines = l;
                List<Runnable> a = after;
                after = waitingAfter;
                waitingAfter = a;
                groups = waitingGroups;
                waitingGroups = 0;
                encoded = loopEncodes;
                loopEncodes = entries.size() >= BEHIND;
            }
            int events = entries.size();
            try {
                if (events > 0) {
                    if (!encoded) {
                        entries.forEach(batchLines::add);
                    }
                    log.commit(batchLines.batch(entries));
                }
                after.forEach(Runnable::run);
                afterCommit.run();
            } catch (RuntimeException e) {
                synchronized (lock) {
                    failure = e;
                    lock.notifyAll();
                }
                return;
            }
            entries.clear();
            batchLines.clear();
            after.clear();
            synchronized (lock) {
                done += groups;
                pendingEvents -= events;
                lock.notifyAll();
            }
        }
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    private void awaitLock() {
        awaitLock(0);
    }

    /** Waits on the lock at most {@code millis} (0: until notified). */
    private void awaitLock(long millis) {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the journal writer", e);
        }
    }

    private static void join(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
