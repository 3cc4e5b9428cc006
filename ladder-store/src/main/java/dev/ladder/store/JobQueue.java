package dev.ladder.store;

import dev.ladder.core.share.FairShare;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of the job queue shared by tuners and workers (tables {@code workers}, {@code jobs},
 * {@code job_events}; PostgreSQL only: leases use {@code FOR UPDATE SKIP LOCKED}). Every time is the
 * database's clock. Invariants: a job is leased by at most one worker ({@link #lease} takes QUEUED rows
 * under row locks that other leasers skip); a worker writes for a job only while the job is LEASED by it
 * ({@link #send} reads the rows {@code FOR SHARE} in its transaction, so {@link #markLost} waits for it and
 * a write after the loss is refused); a job reports a resource at most once (the table's unique key).
 */
final class JobQueue {
    /**
     * Wakes one worker: answers to its reports were written, one of its jobs was cancelled, or jobs were queued
     * while it has free slots (only as many workers as the jobs need, see {@link #toWake}, rather than every
     * worker for every job; a busy worker leases when its jobs end, and every worker also looks at each heartbeat).
     */
    static String workerChannel(long worker) {
        return "ladder_worker_" + worker;
    }
    /** Wakes tuners: job events were written. */
    static final String EVENTS = "ladder_events";
    static final String NOW = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    private static final MultiRowInsert JOB_ROWS = new MultiRowInsert("INSERT INTO jobs (experiment_id, trial_id, config,"
            + " resume_from, target, checkpoint_dir, weight, state, created_at)", 7, ", 'QUEUED', " + NOW,
            " ON CONFLICT (experiment_id, checkpoint_dir) DO NOTHING");
    private static final MultiRowInsert EVENT_ROWS = new MultiRowInsert(
            "INSERT INTO job_events (job_id, experiment_id, kind, resource, body, created_at)", 5, ", " + NOW,
            " ON CONFLICT (job_id, kind, resource) DO NOTHING");

    private final Database db;

    JobQueue(Database db) {
        if (db.dialect != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("workers coordinate through PostgreSQL (jdbc:postgresql://...), not "
                    + StoreLocation.masked(db.url) + ": a SQLite file cannot be shared safely by processes on several"
                    + " machines (its locks do not hold on network file systems)");
        }
        this.db = db;
    }

    Database db() {
        return db;
    }

    /** A job to queue. */
    record NewJob(long experiment, int trial, String config, long resumeFrom, long target, String checkpointDir, double weight) {
    }

    /** A leased job, as a worker gets it. */
    record Leased(long id, long experiment, int trial, String config, long resumeFrom, long target, String checkpointDir) {
    }

    /** A row of job_events. */
    record JobEvent(long id, long job, String kind, long resource, String body) {
    }

    /** What a worker sends about one of its jobs: a report, or its end ('ended', 'failed', 'storage'). */
    record Outgoing(long job, String kind, long resource, String body) {
    }

    /** A job whose worker is gone, and why. */
    record LostJob(long id, String reason) {
    }

    /** A job's row, as a tuner taking it back sees it. */
    record JobRow(long id, String state) {
    }

    // ---- tuner side ----

    /**
     * Queues {@code jobs} (of one experiment) in one transaction and wakes the workers; returns their ids in
     * order. Queuing a job again (a retry after a lost connection) keeps the first row: a job's folder names it.
     */
    List<Long> queue(List<NewJob> jobs) {
        return db.write(c -> queue(c, jobs));
    }

    private static List<Long> queue(Connection c, List<NewJob> jobs) throws SQLException {
        JOB_ROWS.run(c, jobs, (ps, p, j) -> {
            ps.setLong(p, j.experiment());
            ps.setInt(p + 1, j.trial());
            ps.setString(p + 2, j.config());
            ps.setLong(p + 3, j.resumeFrom());
            ps.setLong(p + 4, j.target());
            ps.setString(p + 5, j.checkpointDir());
            ps.setDouble(p + 6, j.weight());
        });
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, checkpoint_dir FROM jobs WHERE experiment_id = ?"
                + " AND checkpoint_dir = ANY (?)")) {
            ps.setLong(1, jobs.get(0).experiment());
            ps.setArray(2, c.createArrayOf("text", jobs.stream().map(NewJob::checkpointDir).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        for (long w : toWake(c, jobs.size())) {
            notify(c, workerChannel(w));
        }
        return jobs.stream().map(j -> ids.get(j.checkpointDir())).toList();
    }

    /**
     * The live workers to wake for {@code jobs} new jobs: those with the most free slots first, until their free
     * slots cover the jobs (one worker leasing many jobs in one transaction costs far less than many leasing few).
     */
    static List<Long> toWake(Connection c, int jobs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM (SELECT w.id, w.slots - count(j.id) AS free,"
                + " sum(w.slots - count(j.id)) OVER (ORDER BY w.slots - count(j.id) DESC, w.id) AS covered FROM workers w"
                + " LEFT JOIN jobs j ON j.worker_id = w.id AND j.state = 'LEASED' WHERE w.stopped_at IS NULL AND w.heartbeat_at >= "
                + NOW + " - w.lease_ms GROUP BY w.id, w.slots HAVING count(j.id) < w.slots) f WHERE covered - free < ? ORDER BY covered")) {
            ps.setInt(1, jobs);
            List<Long> wake = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    wake.add(rs.getLong(1));
                }
            }
            return wake;
        }
    }

    /** The unhandled job events of {@code experiment} (answer not given yet), oldest first. */
    List<JobEvent> open(long experiment) {
        return db.read(c -> open(c, experiment));
    }

    private static List<JobEvent> open(Connection c, long experiment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, job_id, kind, resource, body FROM job_events"
                + " WHERE experiment_id = ? AND answer IS NULL ORDER BY id")) {
            ps.setLong(1, experiment);
            return events(ps);
        }
    }

    /** Every event of job {@code job} not answered yet, and its end whatever its answer (a tuner taking it back). */
    List<JobEvent> unhandled(long job) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, job_id, kind, resource, body FROM job_events"
                    + " WHERE job_id = ? AND (answer IS NULL OR kind <> 'report') ORDER BY id")) {
                ps.setLong(1, job);
                return events(ps);
            }
        });
    }

    private static List<JobEvent> events(PreparedStatement ps) throws SQLException {
        List<JobEvent> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new JobEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
            }
        }
        return out;
    }

    /** Writes answers (1 go on / handled, 0 end the job) and wakes the workers. */
    void answer(Collection<Long> yes, Collection<Long> no) {
        db.write(c -> {
            answer(c, yes, no);
            return null;
        });
    }

    private static void answer(Connection c, Collection<Long> yes, Collection<Long> no) throws SQLException {
        Set<Long> workers = new HashSet<>();
        for (int value = 1; value >= 0; value--) {
            Collection<Long> ids = value == 1 ? yes : no;
            if (ids.isEmpty()) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_events e SET answer = ? FROM jobs j WHERE e.id = ANY (?)"
                    + " AND j.id = e.job_id RETURNING j.worker_id")) {
                ps.setInt(1, value);
                ps.setArray(2, ids(c, ids));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        workers.add(rs.getLong(1));
                    }
                }
            }
        }
        for (long w : workers) {
            notify(c, workerChannel(w));
        }
    }

    /**
     * The LEASED jobs of {@code experiment} whose worker's heartbeat is older than the worker's lease, and
     * the jobs their worker gave back (RELEASED): each with the reason it is lost.
     */
    List<LostJob> lost(long experiment) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT j.id, j.state, w.name, " + NOW + " - w.heartbeat_at"
                    + " FROM jobs j JOIN workers w ON j.worker_id = w.id WHERE j.experiment_id = ?"
                    + " AND ((j.state = 'LEASED' AND w.heartbeat_at < " + NOW + " - w.lease_ms) OR j.state = 'RELEASED')")) {
                ps.setLong(1, experiment);
                List<LostJob> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String why = rs.getString(2).equals("RELEASED") ? "its worker " + rs.getString(3) + " gave it back"
                                : "its worker " + rs.getString(3) + " stopped heartbeating (last " + rs.getLong(4) / 1000.0 + " s ago)";
                        out.add(new LostJob(rs.getLong(1), why));
                    }
                }
                return out;
            }
        });
    }

    /** Marks job {@code id} LOST if it still is LEASED or RELEASED; returns whether it did (its worker may no longer write). */
    boolean markLost(long id) {
        return db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = 2000"); // a partitioned worker's transaction may hold its row: try later
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'LOST', ended_at = " + NOW
                    + " WHERE id = ? AND state IN ('LEASED', 'RELEASED')")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Asks the workers running {@code ids} to end them; queued ones are cancelled at once. */
    void cancel(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.write(c -> {
            Array a = ids(c, ids);
            try (PreparedStatement q = c.prepareStatement("UPDATE jobs SET state = 'CANCELLED', ended_at = " + NOW
                    + " WHERE id = ANY (?) AND state = 'QUEUED'");
                 PreparedStatement l = c.prepareStatement("UPDATE jobs SET cancel = 1 WHERE id = ANY (?) AND state = 'LEASED'"
                         + " RETURNING worker_id")) {
                q.setArray(1, a);
                q.executeUpdate();
                l.setArray(1, a);
                Set<Long> workers = new HashSet<>();
                try (ResultSet rs = l.executeQuery()) {
                    while (rs.next()) {
                        workers.add(rs.getLong(1));
                    }
                }
                for (long w : workers) {
                    notify(c, workerChannel(w));
                }
            }
            return null;
        });
    }

    /** The job of {@code experiment}'s trial whose checkpoint folder is {@code dir}, if any. */
    Optional<JobRow> find(long experiment, int trial, String dir) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, state FROM jobs WHERE experiment_id = ?"
                    + " AND trial_id = ? AND checkpoint_dir = ? ORDER BY id DESC LIMIT 1")) {
                ps.setLong(1, experiment);
                ps.setInt(2, trial);
                ps.setString(3, dir);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new JobRow(rs.getLong(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    // ---- worker side ----

    /** Registers a worker; returns its id. */
    long register(String name, String host, int slots, long leaseMs) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workers (name, host, slots, lease_ms, started_at,"
                    + " heartbeat_at) VALUES (?, ?, ?, ?, " + NOW + ", " + NOW + ") RETURNING id")) {
                ps.setString(1, name);
                ps.setString(2, host);
                ps.setInt(3, slots);
                ps.setLong(4, leaseMs);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Renews worker {@code worker}'s heartbeat and returns which of {@code running} it must end: cancelled by
     * their tuner, or no longer its own (declared lost while it could not reach the database).
     */
    Set<Long> heartbeat(long worker, Collection<Long> running) {
        return db.write(c -> heartbeat(c, worker, running));
    }

    private static Set<Long> heartbeat(Connection c, long worker, Collection<Long> running) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE workers SET heartbeat_at = " + NOW + " WHERE id = ?")) {
            ps.setLong(1, worker);
            ps.executeUpdate();
        }
        return running.isEmpty() ? Set.of() : notOwned(c, worker, running);
    }

    private static Set<Long> notOwned(Connection c, long worker, Collection<Long> jobs) throws SQLException {
        Set<Long> out = new HashSet<>(jobs);
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM jobs WHERE id = ANY (?) AND state = 'LEASED'"
                + " AND worker_id = ? AND cancel = 0")) {
            ps.setArray(1, ids(c, jobs));
            ps.setLong(2, worker);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.remove(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * Leases up to {@code n} queued jobs for worker {@code worker}, sharing the live workers' slots between the
     * experiments that have jobs by weighted water-filling ({@link FairShare}, over each experiment's queued and
     * running jobs): the experiments furthest below their share are served first, oldest job first; slots their
     * shares leave over go to whatever is queued, so none stays idle while a job waits. Rows other workers are
     * leasing are skipped.
     */
    List<Leased> lease(long worker, int n) {
        return db.write(c -> lease(c, worker, n));
    }

    private static List<Leased> lease(Connection c, long worker, int n) throws SQLException {
        List<FairShare.Demand> demands = new ArrayList<>();
        Map<String, Integer> busy = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT experiment_id, max(weight), count(*),"
                + " sum(CASE WHEN state = 'LEASED' THEN 1 ELSE 0 END) FROM jobs WHERE state IN ('QUEUED', 'LEASED')"
                + " GROUP BY experiment_id ORDER BY experiment_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                demands.add(new FairShare.Demand(Long.toString(rs.getLong(1)), rs.getDouble(2), rs.getInt(3)));
                busy.put(Long.toString(rs.getLong(1)), rs.getInt(4));
            }
        }
        List<Leased> out = new ArrayList<>();
        int queued = demands.stream().mapToInt(d -> d.maxSlots() - busy.get(d.key())).sum();
        if (queued == 0) {
            return out;
        }
        if (demands.size() == 1) { // one experiment: its share is everything
            return lease(c, worker, null, n);
        }
        int[] share = FairShare.allocate(capacity(c), demands);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < share.length; i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparingInt((Integer i) -> busy.get(demands.get(i).key()) - share[i])
                .thenComparing(i -> demands.get(i).key()));
        for (int i : order) {
            int below = share[i] - busy.get(demands.get(i).key());
            if (below > 0 && out.size() < n) {
                out.addAll(lease(c, worker, Long.parseLong(demands.get(i).key()), Math.min(below, n - out.size())));
            }
        }
        if (out.size() < n) {
            out.addAll(lease(c, worker, null, n - out.size()));
        }
        out.sort(java.util.Comparator.comparingLong(Leased::id));
        return out;
    }

    /** The slots of the workers alive now (heartbeat within their lease). */
    private static int capacity(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(slots), 0) FROM workers WHERE stopped_at IS NULL"
                + " AND heartbeat_at >= " + NOW + " - lease_ms");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return (int) Math.min(Integer.MAX_VALUE, rs.getLong(1));
        }
    }

    /** Leases up to {@code n} queued jobs of {@code experiment} (null: of any), oldest first. */
    private static List<Leased> lease(Connection c, long worker, Long experiment, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'LEASED', worker_id = ?, leased_at = " + NOW
                + " WHERE id IN (SELECT id FROM jobs WHERE state = 'QUEUED'" + (experiment == null ? "" : " AND experiment_id = ?")
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, experiment_id, trial_id, config, resume_from, target, checkpoint_dir")) {
            int p = 1;
            ps.setLong(p++, worker);
            if (experiment != null) {
                ps.setLong(p++, experiment);
            }
            ps.setInt(p, n);
            List<Leased> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Leased(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), rs.getString(7)));
                }
            }
            return out;
        }
    }

    /** What {@link #send} did: the ids of the reports written (to await their answers) and the jobs no longer this worker's. */
    record Sent(List<long[]> reports, Set<Long> refused) {
    }

    /**
     * Writes {@code out} for worker {@code worker} in one transaction, only for jobs still LEASED by it; an
     * end also marks its job ENDED (RELEASED for 'released'). Returns each written report's (job, resource,
     * event id), and the jobs refused. Sending the same report twice (a retry after a lost connection) writes it once.
     */
    Sent send(long worker, List<Outgoing> out) {
        return db.write(c -> send(c, worker, out));
    }

    private static Sent send(Connection c, long worker, List<Outgoing> out) throws SQLException {
        Set<Long> jobs = new HashSet<>();
        out.forEach(o -> jobs.add(o.job()));
        Map<Long, Long> mine = new HashMap<>(); // job -> experiment
        try (PreparedStatement ps = c.prepareStatement("SELECT id, experiment_id FROM jobs WHERE id = ANY (?)"
                + " AND state = 'LEASED' AND worker_id = ? FOR SHARE")) {
            ps.setArray(1, ids(c, jobs));
            ps.setLong(2, worker);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mine.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        Set<Long> refused = new HashSet<>(jobs);
        refused.removeAll(mine.keySet());
        List<Outgoing> rows = out.stream().filter(o -> mine.containsKey(o.job()) && !o.kind().equals("released")).toList();
        EVENT_ROWS.run(c, rows, (ps, p, o) -> {
            ps.setLong(p, o.job());
            ps.setLong(p + 1, mine.get(o.job()));
            ps.setString(p + 2, o.kind());
            ps.setLong(p + 3, o.resource());
            ps.setString(p + 4, o.body());
        });
        List<Long> ended = new ArrayList<>();
        List<Long> released = new ArrayList<>();
        for (Outgoing o : out) {
            if (mine.containsKey(o.job()) && !o.kind().equals("report")) {
                (o.kind().equals("released") ? released : ended).add(o.job());
            }
        }
        setState(c, ended, "ENDED");
        setState(c, released, "RELEASED");
        List<long[]> reports = new ArrayList<>();
        List<Long> reporting = out.stream().filter(o -> mine.containsKey(o.job()) && o.kind().equals("report")).map(Outgoing::job).toList();
        if (!reporting.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT job_id, resource, id FROM job_events"
                    + " WHERE job_id = ANY (?) AND kind = 'report' AND answer IS NULL")) {
                ps.setArray(1, ids(c, reporting));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reports.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
        }
        if (!rows.isEmpty() || !released.isEmpty()) {
            notify(c, EVENTS);
        }
        return new Sent(reports, refused);
    }

    private static void setState(Connection c, List<Long> ids, String state) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = ?, ended_at = " + NOW + " WHERE id = ANY (?)")) {
            ps.setString(1, state);
            ps.setArray(2, ids(c, ids));
            ps.executeUpdate();
        }
    }

    /** The answers given so far to the reports {@code ids}: (id, answer) pairs. */
    List<long[]> answers(Collection<Long> ids) {
        return db.read(c -> answers(c, ids));
    }

    private static List<long[]> answers(Connection c, Collection<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, answer FROM job_events WHERE id = ANY (?) AND answer IS NOT NULL")) {
            ps.setArray(1, ids(c, ids));
            List<long[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            return out;
        }
    }

    /**
     * The workers that are alive or stopped within the last hour, newest first, each with what it runs now
     * ("experiment#trial").
     */
    List<WorkerRow> workers() {
        return db.read(c -> {
            Map<Long, List<String>> running = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT j.worker_id, x.name, j.trial_id FROM jobs j"
                    + " JOIN experiments x ON j.experiment_id = x.id WHERE j.state = 'LEASED' ORDER BY j.id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    running.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2) + "#" + rs.getInt(3));
                }
            }
            List<WorkerRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, host, slots, heartbeat_at, stopped_at,"
                    + " heartbeat_at >= " + NOW + " - lease_ms FROM workers WHERE stopped_at IS NULL OR stopped_at >= "
                    + NOW + " - 3600000 ORDER BY id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(6);
                    boolean stopped = !rs.wasNull();
                    out.add(new WorkerRow(rs.getString(2), rs.getString(3), rs.getInt(4),
                            java.time.Instant.ofEpochMilli(rs.getLong(5)), stopped ? "stopped" : rs.getBoolean(7) ? "alive" : "lost",
                            List.copyOf(running.getOrDefault(rs.getLong(1), List.of()))));
                }
            }
            return out;
        });
    }

    /** The trials of {@code experiment} running on a worker now: trial id to the worker's name. */
    Map<Integer, String> runningOn(long experiment) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT j.trial_id, w.name FROM jobs j JOIN workers w"
                    + " ON j.worker_id = w.id WHERE j.experiment_id = ? AND j.state = 'LEASED'")) {
                ps.setLong(1, experiment);
                Map<Integer, String> out = new java.util.TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(1), rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    /** What one round of a tuner's executor got back: the ids of the jobs it queued, and the unhandled job events. */
    record TunerRound(List<Long> queued, List<JobEvent> open) {
    }

    /**
     * One round of a tuner's executor in one transaction: queues {@code jobs}, writes the answers, and reads
     * {@code experiment}'s unhandled job events.
     */
    TunerRound tunerRound(long experiment, List<NewJob> jobs, Collection<Long> yes, Collection<Long> no) {
        return db.write(c -> {
            List<Long> ids = jobs.isEmpty() ? List.of() : queue(c, jobs);
            if (!yes.isEmpty() || !no.isEmpty()) {
                answer(c, yes, no);
            }
            return new TunerRound(ids, open(c, experiment));
        });
    }

    /** What one round of a worker got back. */
    record WorkerRound(Sent sent, List<long[]> answers, Set<Long> notOwned, List<Leased> leased) {
    }

    /**
     * One round of worker {@code worker} in one transaction: sends {@code out}, reads the answers to the reports
     * {@code awaiting}, with {@code beat} renews its heartbeat and checks {@code running}, and leases up to
     * {@code free} jobs.
     */
    WorkerRound workerRound(long worker, List<Outgoing> out, Collection<Long> awaiting, boolean beat,
                            Collection<Long> running, int free) {
        return db.write(c -> new WorkerRound(out.isEmpty() ? new Sent(List.of(), Set.of()) : send(c, worker, out),
                awaiting.isEmpty() ? List.of() : answers(c, awaiting),
                beat ? heartbeat(c, worker, running) : Set.of(),
                free > 0 ? lease(c, worker, free) : List.of()));
    }

    /** Marks worker {@code worker} stopped (a clean exit). */
    void stopped(long worker) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE workers SET stopped_at = " + NOW + " WHERE id = ?")) {
                ps.setLong(1, worker);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static Array ids(Connection c, Collection<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", ids.toArray(new Long[0]));
    }

    private static void notify(Connection c, String channel) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("NOTIFY " + channel);
        }
    }
}
