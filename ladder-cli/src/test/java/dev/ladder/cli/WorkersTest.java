package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.chaos.LadderJvm;
import dev.ladder.core.Await;
import dev.ladder.store.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers on many machines, played by separate OS processes on this one ({@code ladder worker}, {@code ladder run},
 * {@code ladder resume}) reaching an embedded PostgreSQL over TCP, with the shell trial of examples/quadratic.
 * Every wait is for a state of the store or of a process.
 */
class WorkersTest {
    private static final Path TRIAL = Path.of("../examples/quadratic/trial.sh").toAbsolutePath().normalize();
    private static TestPostgres server;
    @TempDir
    Path dir;
    private final List<LadderJvm> processes = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = TestPostgres.startRestartable();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (LadderJvm p : processes) {
            if (p.isAlive()) {
                p.kill();
            }
        }
    }

    /** The quadratic example run by workers: {@code slots} trials at once, epochs of {@code epochSeconds}. */
    Path spec(String name, int slots, int trials, String epochSeconds) throws IOException {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, String.join("\n",
                "name: " + name,
                "command: [bash, " + TRIAL + ", \"--lr\", \"{lr}\", \"--layers\", \"{layers}\"]",
                "space:",
                "  lr: {type: logReal, lower: 1.0e-4, upper: 1.0}",
                "  layers: {type: integer, lower: 1, upper: 4}",
                "metric: {name: loss, mode: min}",
                "resource: {name: epoch, min: 3, max: 27}",
                "scheduler: {name: asha, eta: 3}",
                "workers: " + slots,
                "executor: remote",
                "checkpoint_dir: shared",
                "env: {EPOCH_SECONDS: \"" + epochSeconds + "\"}",
                "stop: {max_trials: " + trials + "}",
                "seed: 7", ""));
        return spec;
    }

    LadderJvm ladder(String log, String... args) throws IOException {
        LadderJvm p = LadderJvm.start(dir.resolve(log), List.of(args));
        processes.add(p);
        return p;
    }

    LadderJvm worker(String url, String name, String lease) throws IOException {
        return ladder("worker-" + name + ".log", "worker", "--storage", url, "--slots", "1", "--lease", lease, "--name", name);
    }

    /**
     * A query counting the running jobs meeting {@code condition} (on {@code jobs j}) that reported once and have at
     * least two more reports to go: a moment to interrupt them mid-trial.
     */
    static String betweenReports(String condition) {
        return "SELECT count(*) FROM jobs j WHERE j.state = 'LEASED' AND " + condition
                + " AND (SELECT max(resource) FROM job_events e WHERE e.job_id = j.id AND kind = 'report') = j.resume_from + 1"
                + " AND j.target >= j.resume_from + 3";
    }

    static long count(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return -1; // the server is restarting
        }
    }

    static List<String> strings(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no log " + name + ")";
        }
    }

    /** Every (trial, resource) once among the results, none RUNNING or FAILED, no job left open. */
    static void nothingLostOrTwice(String url, String experiment) throws SQLException {
        String id = "(SELECT id FROM experiments WHERE name = '" + experiment + "')";
        assertThat(count(url, "SELECT count(*) FROM results WHERE experiment_id = " + id))
                .isEqualTo(count(url, "SELECT count(*) FROM (SELECT DISTINCT trial_id, resource FROM results WHERE experiment_id = " + id + ") d"));
        assertThat(strings(url, "SELECT DISTINCT status FROM trials WHERE experiment_id = " + id)).doesNotContain("RUNNING", "FAILED");
        assertThat(count(url, "SELECT count(*) FROM jobs WHERE experiment_id = " + id + " AND state IN ('QUEUED', 'LEASED')")).isZero();
    }

    /** The processes of trials of this test still alive (their environment names its shared checkpoint folder). */
    List<Long> trialProcesses() {
        String marker = dir.resolve("shared").toString();
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String env = new String(Files.readAllBytes(p.resolve("environ")));
                    if (env.contains("LADDER_EXPERIMENT_DIR=" + marker)) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // ended meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void aWorkerKilledMidTrialLosesNothingItsTrialResumesOnAnotherWorkerAndNoProcessIsLeft() throws Exception {
        String url = server.freshDatabase("workers_kill");
        LadderJvm w1 = worker(url, "w1", "3");
        worker(url, "w2", "3");
        worker(url, "w3", "3");
        LadderJvm tuner = ladder("tuner.log", "run", spec("kill", 3, 9, "0.5").toString(), "--storage", url, "--out", dir.resolve("out").toString());
        String running = betweenReports("j.worker_id = (SELECT id FROM workers WHERE name = 'w1')");
        Await.until("w1 to run a trial that has reported once and has two epochs to go", Duration.ofMinutes(2), () -> count(url, running) > 0, () -> log("tuner.log"));

        w1.kill();

        assertThat(tuner.await(3)).as(log("tuner.log")).isZero();
        nothingLostOrTwice(url, "kill");
        assertThat(count(url, "SELECT count(*) FROM jobs j JOIN workers w ON j.worker_id = w.id WHERE w.name = 'w1' AND j.state = 'LOST'"))
                .isEqualTo(1);
        assertThat(count(url, "SELECT count(*) FROM events WHERE type = 'restart' AND body LIKE '%w1 stopped heartbeating%'")).isEqualTo(1);
        Await.until("no trial process of the killed worker to be left", Duration.ofSeconds(30), () -> trialProcesses().isEmpty(),
                () -> "alive: " + trialProcesses());
        DemoCommandTest.Run ls = DemoCommandTest.ladder("ls", "--storage", url);
        assertThat(ls.out()).contains("Workers").containsPattern("w1  lost  on \\S+  1 slots  running nothing")
                .containsPattern("w2  alive  on \\S+  1 slots");
    }

    @Test
    void showNamesTheWorkerOfEachRunningTrialAndWorkersRefuseBadStores() throws Exception {
        String url = server.freshDatabase("workers_show");
        worker(url, "w1", "5");
        LadderJvm tuner = ladder("tuner.log", "run", spec("show", 1, 3, "0.5").toString(), "--storage", url, "--out", dir.resolve("out").toString());
        Await.until("a trial to run on w1", Duration.ofMinutes(2), () -> count(url, "SELECT count(*) FROM jobs WHERE state = 'LEASED'") == 1,
                () -> log("tuner.log"));
        assertThat(DemoCommandTest.ladder("show", "show", "--storage", url).out()).containsPattern("workers +trial \\d+ on w1;");
        assertThat(tuner.await(3)).as(log("tuner.log")).isZero();

        DemoCommandTest.Run sqlite = DemoCommandTest.ladder("worker", "--storage", dir.resolve("x.db").toString());
        assertThat(sqlite.code()).isEqualTo(1);
        assertThat(sqlite.err()).contains("is a SQLite file; workers coordinate through PostgreSQL");
        DemoCommandTest.Run wrong = DemoCommandTest.ladder("worker", "--storage", "jdbc:postgresql://localhost:1/nothing?user=postgres&password=s3cret");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("ladder: cannot open store jdbc:postgresql://localhost:1/nothing").doesNotContain("s3cret")
                .hasLineCount(1);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) { // as a newer Ladder leaves it
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'x', 1, true)");
        }
        DemoCommandTest.Run newer = DemoCommandTest.ladder("worker", "--storage", url);
        assertThat(newer.code()).isEqualTo(1);
        assertThat(newer.err()).contains("schema version 99").contains("upgrade Ladder").hasLineCount(1);
    }

    /** (trial, resource, decision) of every result in experiment {@code name}'s journal, in order. */
    static List<String> decisions(String url, String name) throws SQLException {
        return strings(url, "SELECT body FROM events WHERE type = 'result' AND experiment_id = (SELECT id FROM experiments"
                + " WHERE name = '" + name + "') ORDER BY seq").stream()
                .map(b -> b.replaceAll(".*\"trial\":(\\d+).*\"resource\":(\\d+).*\"decision\":\"([a-z]+)\".*", "$1@$2 $3")).toList();
    }

    @Test
    void aKilledTunerIsReplacedByItsStandbyWhichReattachesToTheRunningTrialAndDecidesAsAnUninterruptedRun() throws Exception {
        String url = server.freshDatabase("workers_standby");
        standbyTakesOver(url, "takeover", List.of(), url, LadderJvm::kill);
    }

    /**
     * The tuner's machine vanishes (its network drops every packet: no FIN, no reset) while a trial runs: its
     * session, which holds the tuner lock, ends once the server's keepalive probes go unanswered, and the standby
     * takes over once the tuner's heartbeat is older than the lease; the trial's job ran on and is re-attached.
     */
    @Test
    void aTunerWhoseMachineVanishesIsReplacedByItsStandbyWhichReattachesToTheRunningTrial() throws Exception {
        try (VanishingHost host = VanishingHost.create(); TestPostgres pg = TestPostgres.startRestartable()) {
            pg.alsoListenOn(host.hostAddress(), host.network());
            String url = pg.freshDatabase("workers_vanish");
            LadderJvm primary = standbyTakesOver(url, "vanish", host.prefix(), pg.url(host.hostAddress(), "workers_vanish"), p -> host.vanish());
            assertThat(primary.isAlive()).as("the vanished tuner still runs, cut off").isTrue();
        }
    }

    /** What ends a tuner. */
    @FunctionalInterface
    interface Interruption {
        void apply(LadderJvm tuner) throws Exception;
    }

    /**
     * Two workers; a reference run; then experiment {@code name} run by a tuner started with {@code prefix} on
     * {@code tunerUrl}, with a standby waiting; {@code interruption} ends the tuner while a trial is between its
     * reports. The standby takes over, re-attaches to the running trial (none restarted), and decides as the
     * uninterrupted reference; nothing is lost or written twice. Returns the first tuner.
     */
    private LadderJvm standbyTakesOver(String url, String name, List<String> prefix, String tunerUrl, Interruption interruption)
            throws Exception {
        worker(url, "w1", "3");
        worker(url, "w2", "3");
        Path out = dir.resolve("out");
        assertThat(ladder("ref.log", "run", spec("ref", 1, 6, "0.05").toString(), "--storage", url, "--out", out.toString()).await(3))
                .as(log("ref.log")).isZero();
        LadderJvm primary = LadderJvm.start(dir.resolve("primary.log"), prefix, List.of("run", spec(name, 1, 6, "0.4").toString(),
                "--storage", tunerUrl, "--out", out.toString()));
        processes.add(primary);
        Await.until("the primary to run", Duration.ofMinutes(2), () -> count(url, "SELECT count(*) FROM events e JOIN experiments x"
                + " ON e.experiment_id = x.id WHERE x.name = '" + name + "'") > 0, () -> log("primary.log"));
        LadderJvm standby = ladder("standby.log", "resume", name, "--storage", url, "--out", out.toString());
        Await.until("the standby to wait", Duration.ofMinutes(2), () -> log("standby.log").contains("hot standby"), () -> log("standby.log"));
        String midTrial = betweenReports("j.experiment_id = (SELECT id FROM experiments WHERE name = '" + name + "')"
                + " AND (SELECT count(*) FROM results r WHERE r.trial_id = j.trial_id AND r.experiment_id = j.experiment_id) >= 1");
        Await.until("a trial to be between its reports", Duration.ofMinutes(2), () -> count(url, midTrial) > 0, () -> log("primary.log"));

        long interrupted = System.nanoTime();
        interruption.apply(primary);
        Await.until("the standby to take over", Duration.ofMinutes(3), () -> log("standby.log").contains("Took over"), () -> log("standby.log"));
        System.out.printf("%s: the standby took over %.1f s after the tuner was interrupted%n", name, (System.nanoTime() - interrupted) / 1e9);

        assertThat(standby.await(3)).as(log("standby.log")).isZero();
        assertThat(log("standby.log")).contains("Took over experiment " + name);
        assertThat(decisions(url, name)).isEqualTo(decisions(url, "ref"));
        nothingLostOrTwice(url, name);
        assertThat(count(url, "SELECT count(*) FROM events WHERE type = 'restart'")).as("the running trial was taken back, not restarted").isZero();
        assertThat(count(url, "SELECT count(*) FROM jobs WHERE state IN ('LOST', 'CANCELLED')")).isZero();
        return primary;
    }

    /** Three tuners in turn killed at random moments (a fresh seed each run, printed on failure), each replaced by a standby. */
    @Test
    void tunersKilledAtRandomMomentsAreEachReplacedAndTheDecisionsStayTheSame() throws Exception {
        long seed = System.nanoTime();
        String url = server.freshDatabase("workers_kills");
        worker(url, "w1", "3");
        worker(url, "w2", "3");
        Path out = dir.resolve("out");
        assertThat(ladder("ref.log", "run", spec("ref", 1, 8, "0.05").toString(), "--storage", url, "--out", out.toString()).await(3))
                .as(log("ref.log")).isZero();
        List<String> expected = decisions(url, "ref");
        java.util.Random random = new java.util.Random(seed);
        List<Integer> moments = random.ints(1, expected.size() - 4).distinct().limit(3).sorted().boxed().toList(); // results to go after each
        String results = "SELECT count(*) FROM events e JOIN experiments x ON e.experiment_id = x.id WHERE x.name = 'kills'"
                + " AND e.type = 'result'";
        LadderJvm tuner = ladder("tuner-0.log", "run", spec("kills", 1, 8, "0.3").toString(), "--storage", url, "--out", out.toString());
        Await.until("the first tuner to run", Duration.ofMinutes(2), () -> count(url, "SELECT count(*) FROM events e JOIN experiments x"
                + " ON e.experiment_id = x.id WHERE x.name = 'kills'") > 0, () -> log("tuner-0.log"));
        String tunerLog = "tuner-0.log";
        for (int k = 0; k < moments.size(); k++) {
            String standbyLog = "tuner-" + (k + 1) + ".log";
            int moment = moments.get(k);
            LadderJvm standby = ladder(standbyLog, "resume", "kills", "--storage", url, "--out", out.toString());
            Await.until("standby " + (k + 1) + " to wait (seed " + seed + ")", Duration.ofMinutes(2),
                    () -> log(standbyLog).contains("hot standby"), () -> log(standbyLog));
            String current = tunerLog;
            Await.until(moment + " results (seed " + seed + ")", Duration.ofMinutes(2), () -> count(url, results) >= moment, () -> log(current));
            tuner.kill();
            tuner = standby;
            tunerLog = standbyLog;
        }

        assertThat(tuner.await(3)).as("seed %d: %s", seed, log(tunerLog)).isZero();
        assertThat(decisions(url, "kills")).as("seed %d, kills after results %s", seed, moments).isEqualTo(expected);
        nothingLostOrTwice(url, "kills");
        assertThat(count(url, "SELECT count(*) FROM jobs WHERE state = 'LOST'")).as("seed %d", seed).isZero();
    }

    @Test
    void postgresqlRestartedMidRunEveryoneReconnectsAndGoesOn() throws Exception {
        String url = server.freshDatabase("workers_restart");
        LadderJvm w1 = worker(url, "w1", "20");
        LadderJvm w2 = worker(url, "w2", "20");
        LadderJvm tuner = ladder("tuner.log", "run", spec("restart", 2, 8, "0.1").toString(), "--storage", url, "--out", dir.resolve("out").toString());
        Await.until("a few results", Duration.ofMinutes(2), () -> count(url, "SELECT count(*) FROM results") >= 3, () -> log("tuner.log"));

        server.stopServer();
        server.startServer();

        assertThat(tuner.await(3)).as(log("tuner.log")).isZero();
        nothingLostOrTwice(url, "restart");
        assertThat(w1.isAlive() && w2.isAlive()).as(log("worker-w1.log") + log("worker-w2.log")).isTrue();
        assertThat(log("worker-w1.log") + log("worker-w2.log")).contains("cannot reach the store");
    }

    @Test
    void aPartitionedWorkerLosesItsLeaseItsLateResultIsRefusedAndItGoesOn() throws Exception {
        String url = server.freshDatabase("workers_partition");
        try (FreezableProxy proxy = new FreezableProxy(server.port())) {
            LadderJvm w1 = worker(url.replace(":" + server.port() + "/", ":" + proxy.port() + "/"), "w1", "3");
            Await.until("w1 to register", Duration.ofMinutes(1), () -> count(url, "SELECT count(*) FROM workers") == 1, () -> log("worker-w1.log"));
            worker(url, "w2", "3");
            LadderJvm tuner = ladder("tuner.log", "run", spec("partition", 2, 8, "0.5").toString(), "--storage", url, "--out", dir.resolve("out").toString());
            String running = betweenReports("j.worker_id = (SELECT id FROM workers WHERE name = 'w1')");
            Await.until("w1 to run a trial between its reports", Duration.ofMinutes(2), () -> count(url, running) > 0, () -> log("tuner.log"));

            proxy.freeze();
            Await.until("w1's job to be declared lost", Duration.ofMinutes(1),
                    () -> count(url, "SELECT count(*) FROM jobs WHERE state = 'LOST'") == 1, () -> log("tuner.log"));
            proxy.thaw();

            assertThat(tuner.await(3)).as(log("tuner.log")).isZero();
            nothingLostOrTwice(url, "partition");
            assertThat(count(url, "SELECT count(*) FROM events WHERE type = 'restart' AND body LIKE '%w1 stopped heartbeating%'")).isEqualTo(1);
            Await.until("w1 to end its lost job", Duration.ofMinutes(1), () -> log("worker-w1.log").contains("ended: its"), () -> log("worker-w1.log"));
            assertThat(w1.isAlive()).as(log("worker-w1.log")).isTrue();
        }
    }
}
