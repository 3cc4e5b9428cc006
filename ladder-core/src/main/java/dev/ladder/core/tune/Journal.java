package dev.ladder.core.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The tuner's side of the journal: numbers events, collects the events of one group and hands each
 * group to a writer thread that commits to the {@link EventLog} whatever has gathered while its
 * previous commit ran (group commit: one transaction, one fsync, for many groups). The tuner does not
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventLog log;
    private final List<ObjectNode> group = new ArrayList<>();
    private long seq;

    private final Object lock = new Object();
    private final ArrayDeque<Group> pending = new ArrayDeque<>();
    private int pendingEvents;
    private long handedOver;
    private long done;
    private boolean closing;
    private RuntimeException failure;
    private Thread writer;

    private record Group(List<ObjectNode> events, List<Runnable> after) {
    }

    Journal(EventLog log, long lastSeq) {
        this.log = log;
        this.seq = lastSeq;
    }

    /** Adds an event of {@code type} to the current group; {@code fields} alternate names and values. */
    void write(String type, Object... fields) {
        seq++;
        if (log.keepsNothing()) {
            return;
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("seq", seq);
        event.put("type", type);
        for (int i = 0; i < fields.length; i += 2) {
            event.set((String) fields[i], node(fields[i + 1]));
        }
        event.put("time", Instant.now().toString());
        group.add(event);
    }

    /** {@code value} as a JSON node, built directly for the types events hold (Jackson's valueToTree costs a serialization). */
    private static JsonNode node(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        } else if (value instanceof String v) {
            return f.textNode(v);
        } else if (value instanceof Integer v) {
            return f.numberNode(v);
        } else if (value instanceof Long v) {
            return f.numberNode(v);
        } else if (value instanceof Double v) {
            return f.numberNode(v);
        } else if (value instanceof Boolean v) {
            return f.booleanNode(v);
        } else if (value instanceof Map<?, ?> m) {
            ObjectNode o = f.objectNode();
            m.forEach((k, v) -> o.set(String.valueOf(k), node(v)));
            return o;
        } else if (value instanceof Collection<?> c) {
            ArrayNode a = f.arrayNode();
            c.forEach(v -> a.add(node(v)));
            return a;
        }
        return JSON.valueToTree(value);
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
            return;
        }
        synchronized (lock) {
            while (failure == null && pendingEvents >= MAX_PENDING) {
                awaitLock();
            }
            throwIfFailed();
            pending.add(new Group(List.copyOf(group), List.copyOf(afterDurable)));
            pendingEvents += group.size();
            handedOver++;
            group.clear();
            if (writer == null) {
                writer = new Thread(this::writeLoop, "ladder-journal-writer");
                writer.setDaemon(true);
                writer.start();
            }
            lock.notifyAll();
        }
    }

    /** Returns once every group handed over is committed and its actions ran; throws a commit's failure. */
    void sync() {
        synchronized (lock) {
            while (failure == null && done < handedOver) {
                awaitLock();
            }
            throwIfFailed();
        }
    }

    /** Stops the writer after the commit it is making; groups not committed yet are dropped. */
    void abandon() {
        Thread w;
        synchronized (lock) {
            closing = true;
            pending.clear();
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
        while (true) {
            List<Group> batch;
            synchronized (lock) {
                while (pending.isEmpty() && !closing) {
                    awaitLock();
                }
                if (pending.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            try {
                List<ObjectNode> events = new ArrayList<>();
                batch.forEach(g -> events.addAll(g.events()));
                if (!events.isEmpty()) {
                    log.commit(events);
                }
                batch.forEach(g -> g.after().forEach(Runnable::run));
            } catch (RuntimeException e) {
                synchronized (lock) {
                    failure = e;
                    lock.notifyAll();
                }
                return;
            }
            synchronized (lock) {
                done += batch.size();
                batch.forEach(g -> pendingEvents -= g.events().size());
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
        try {
            lock.wait();
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
