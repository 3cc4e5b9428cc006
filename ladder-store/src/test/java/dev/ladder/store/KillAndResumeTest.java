package dev.ladder.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Await;
import dev.ladder.core.TrialStatus;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests with real processes: an experiment runs in a child JVM that is killed with SIGKILL at
 * seeded random points of its journal and resumed each time; no result may be lost or duplicated, and the decisions
 * and the final best must be those of an uninterrupted run with the same seed on one worker. While the
 * child runs, this process cannot open the experiment.
 */
class KillAndResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIALS = 30;
    private static final long EPOCH_MS = 15;
    private static TestPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void sqlite() throws Exception {
        killAndResume(dir.resolve("ladder.db").toString(), 101);
    }

    @Test
    void postgres() throws Exception {
        killAndResume(postgres.freshDatabase("kill" + Long.toHexString(System.nanoTime())), 202);
    }

    /** The model-based searcher survives the same kills: its model is rebuilt from the journal at each resume. */
    @Test
    void mobsterOnSqlite() throws Exception {
        searcher = "mobster";
        killAndResume(dir.resolve("ladder.db").toString(), 303);
    }

    private String searcher = "random";

    private void killAndResume(String url, long seed) throws Exception {
        try (JdbcStore store = JdbcStore.open(url)) {
            // the reference: the same experiment, never interrupted
            CrashableExperiment.builder(TRIALS, 0, searcher).log(StoreLog.create(store, "reference", "{}", 5), dir.resolve("ref"), "reference").run();

            long total = store.lastSeq(store.experiment("reference").orElseThrow().id());
            Random random = new Random(seed);
            int kills = 0;
            while (true) {
                long before = journaled(store, "crashy");
                Process child = child(url, "crashy");
                if (kills < 5) {
                    // kill once the child has journaled a seeded number of events of its own, at most an eighth of
                    // what is left: a state, not a time, so that however busy the machine the child cannot finish first
                    long target = before + 1 + random.nextInt((int) Math.max(1, (total - before) / 8));
                    Await.until("child to journal event " + target, java.time.Duration.ofMinutes(2),
                            () -> !child.isAlive() || journaled(store, "crashy") >= target, () -> "");
                    assertThat(child.isAlive()).as("the child is killed while it runs").isTrue();
                    if (kills == 0) { // a second process cannot open the running experiment
                        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoreLog.open(store, "crashy"))
                                .hasMessageContaining("experiment crashy is open in process " + child.pid() + "@");
                    }
                    child.destroyForcibly().waitFor(); // SIGKILL
                    kills++;
                    continue;
                }
                assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
                assertThat(child.exitValue()).as(java.nio.file.Files.readString(dir.resolve("crashy.log"))).isZero();
                break;
            }
            assertThat(kills).isEqualTo(5);

            long ref = store.experiment("reference").orElseThrow().id();
            long crashy = store.experiment("crashy").orElseThrow().id();
            assertThat(store.experiment("crashy").orElseThrow().status()).isEqualTo(dev.ladder.store.ExperimentStatus.FINISHED);
            assertThat(decisions(store, crashy)).isEqualTo(decisions(store, ref));
            assertThat(resultKeys(store, crashy)).isEqualTo(resultKeys(store, ref)); // none lost, none twice
            assertThat(store.trials(crashy)).extracting(TrialRow::status).doesNotContain(TrialStatus.RUNNING);
            assertThat(finish(store, crashy).get("best_trial")).isEqualTo(finish(store, ref).get("best_trial"));
            assertThat(finish(store, crashy).get("best_value")).isEqualTo(finish(store, ref).get("best_value"));
            assertThat(store.events(crashy, 1)).filteredOn(e -> e.type().equals("resumed")).hasSize(kills);
        }
    }

    private static long journaled(Store store, String name) {
        return store.experiment(name).map(e -> store.lastSeq(e.id())).orElse(0L);
    }

    private Process child(String url, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashableExperiment.class.getName(),
                url, dir.resolve(name).toString(), name, Integer.toString(TRIALS), Long.toString(EPOCH_MS), searcher));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
    }

    /** Each result the scheduler decided, in journal order: trial, resource, decision and reason. */
    static List<String> decisions(Store store, long experiment) throws Exception {
        List<String> out = new ArrayList<>();
        for (Event e : store.events(experiment, 1)) {
            if (e.type().equals("result")) {
                JsonNode n = JSON.readTree(e.body());
                out.add(n.get("trial") + "@" + n.get("resource") + " " + n.get("decision") + " " + n.get("reason"));
            }
        }
        return out;
    }

    static List<String> resultKeys(Store store, long experiment) {
        return store.results(experiment).stream().map(r -> r.trialId() + "@" + r.resource() + " " + r.metricsJson()).toList();
    }

    private static JsonNode finish(Store store, long experiment) throws Exception {
        List<Event> events = store.events(experiment, 1);
        return JSON.readTree(events.get(events.size() - 1).body());
    }
}
