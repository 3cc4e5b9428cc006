package dev.ladder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of /api/v1 over a real SQLite store holding experiments run by a real tuner. */
class ApiTest {
    @TempDir
    static Path dir;
    static String url;
    static Store store;
    static DashboardServer server;
    static Http http;
    static final List<CompletableFuture<Void>> resumed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        url = dir.resolve("ladder.db").toString();
        TestExperiment.run(url, dir.resolve("done/checkpoints"), "done", 20, 0, false);
        TestExperiment.run(url, dir.resolve("other/checkpoints"), "other", 10, 0, false);
        TestExperiment.runTwoObjectives(url, dir.resolve("pareto/checkpoints"), "pareto", 30);
        store = Store.open(url);
        Launcher launcher = (name, maxTrials) -> resumed.add(TestExperiment.start(url, dir.resolve(name + "/checkpoints"), name,
                maxTrials == null ? 400 : maxTrials, name.equals("busy") ? 20 : 0, true));
        server = DashboardServer.start(store, new DashboardServer.Options("127.0.0.1", 0, null, dir, launcher, Duration.ofMillis(200)));
        http = new Http("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        resumed.forEach(CompletableFuture::join);
        server.close();
        store.close();
    }

    private static JsonNode ok(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private static void fails(Http.Answer a, int status, String says) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.json().get("error").asText()).contains(says);
        assertThat(a.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.ladder.");
    }

    @Test
    void theFrontOfAnExperimentWithTwoObjectivesHoldsFeasibleTrialsOnly() {
        JsonNode f = ok(http.get("/api/v1/experiments/pareto/front?points=3"));
        assertThat(f.get("objectives").toString()).isEqualTo("[\"loss\",\"size\"]");
        assertThat(f.get("resource").asLong()).isEqualTo(9);
        assertThat(f.get("members").size()).isGreaterThan(1);
        for (JsonNode m : f.get("members")) {
            assertThat(m.get("values").get(1).asDouble()).isLessThanOrEqualTo(0.9); // size = x; x above 0.9 is infeasible
        }
        assertThat(f.get("hypervolume").asDouble()).isPositive();
        assertThat(f.get("points").size()).isBetween(1, 3);
        assertThat(f.get("points").get(f.get("points").size() - 1).get("hypervolume").asDouble()).isEqualTo(f.get("hypervolume").asDouble());
        assertThat(ok(http.get("/api/v1/experiments/done/front")).get("objectives").size()).isZero();
    }

    @Test
    void listsExperimentsWithTheirBestAndCounts() {
        JsonNode list = ok(http.get("/api/v1/experiments"));
        assertThat(list.size()).isGreaterThanOrEqualTo(2); // other tests add theirs
        JsonNode done = null;
        for (JsonNode e : list) {
            done = e.get("name").asText().equals("done") ? e : done;
        }
        assertThat(done.get("status").asText()).isEqualTo("FINISHED");
        assertThat(done.get("trials").asInt()).isEqualTo(20);
        assertThat(done.get("running").asInt()).isZero();
        assertThat(done.get("metric").asText()).isEqualTo("loss");
        assertThat(done.get("best").get("value").asDouble()).isPositive();
        assertThat(done.get("resourceUsed").asLong()).isPositive();
    }

    @Test
    void experimentDetailBestCurvesRungsParallel() {
        JsonNode d = ok(http.get("/api/v1/experiments/done"));
        assertThat(d.get("summary").get("name").asText()).isEqualTo("done");
        assertThat(d.get("levels").toString()).contains("1", "3", "9");
        assertThat(d.get("byStatus").size()).isPositive();
        JsonNode best = ok(http.get("/api/v1/experiments/done/best"));
        assertThat(best.get("points").size()).isPositive();
        double last = Double.MAX_VALUE;
        for (JsonNode p : best.get("points")) { // the best so far never gets worse at the same or a higher resource
            assertThat(p.get("resourceUsed").asLong()).isPositive();
            last = p.get("value").asDouble();
        }
        assertThat(last).isEqualTo(d.get("summary").get("best").get("value").asDouble());
        JsonNode curves = ok(http.get("/api/v1/experiments/done/curves?trials=5&points=2"));
        assertThat(curves.get("total").asInt()).isEqualTo(20);
        assertThat(curves.get("shown").asInt()).isEqualTo(5);
        curves.get("curves").forEach(c -> {
            assertThat(c.get("resources").size()).isBetween(1, 2);
            assertThat(c.get("values").size()).isEqualTo(c.get("resources").size());
        });
        JsonNode rungs = ok(http.get("/api/v1/experiments/done/rungs"));
        assertThat(rungs.get("rungs").get(0).get("level").asLong()).isEqualTo(1);
        assertThat(rungs.get("rungs").get(0).get("reached").asInt()).isEqualTo(20);
        assertThat(rungs.get("promotionsTotal").asInt()).isEqualTo(rungs.get("promotions").size());
        JsonNode par = ok(http.get("/api/v1/experiments/done/parallel?trials=7"));
        assertThat(par.get("axes").size()).isEqualTo(2);
        assertThat(par.get("lines")).hasSize(7);
    }

    @Test
    void trialsTableFiltersSortsAndPages() {
        JsonNode all = ok(http.get("/api/v1/experiments/done/trials?sort=id&order=desc&limit=3&offset=1"));
        assertThat(all.get("total").asInt()).isEqualTo(20);
        assertThat(all.get("trials")).hasSize(3);
        assertThat(all.get("trials").get(0).get("id").asInt()).isGreaterThan(all.get("trials").get(1).get("id").asInt());
        JsonNode xss = ok(http.get("/api/v1/experiments/done/trials?q=script&limit=1000"));
        xss.get("trials").forEach(t -> assertThat(t.get("config").get("note").asText()).isEqualTo(TestExperiment.XSS));
        JsonNode deep = ok(http.get("/api/v1/experiments/done/trials?minResource=9&status=paused,completed,stopped"));
        deep.get("trials").forEach(t -> assertThat(t.get("resource").asLong()).isGreaterThanOrEqualTo(9));
        JsonNode byValue = ok(http.get("/api/v1/experiments/done/trials?sort=value"));
        assertThat(byValue.get("trials").get(0).get("value").asDouble()).isLessThanOrEqualTo(byValue.get("trials").get(1).get("value").asDouble());
        fails(http.get("/api/v1/experiments/done/trials?status=sleeping"), 400, "status: 'sleeping'");
        fails(http.get("/api/v1/experiments/done/trials?sort=colour"), 400, "sort: 'colour'");
        fails(http.get("/api/v1/experiments/done/trials?limit=x"), 400, "limit: 'x' is not a whole number");
    }

    @Test
    void trialDetailHasConfigReportsDecisionsAndCheckpoint() {
        JsonNode t = ok(http.get("/api/v1/experiments/done/trials/0"));
        assertThat(t.get("config").has("x")).isTrue();
        assertThat(t.get("reportCount").asInt()).isPositive();
        assertThat(t.get("reports").size()).isEqualTo(t.get("reportCount").asInt());
        assertThat(t.get("decisions").get(0).get("kind").asText()).isEqualTo("start");
        assertThat(t.get("decisions").toString()).contains("rung");
        assertThat(t.get("latestCheckpoint").isNull()).isFalse();
        // the path up the ladder, as ladder why tells it from the stored journal
        dev.ladder.core.journal.TrialPath path = new dev.ladder.core.journal.TrialPath(0);
        dev.ladder.store.StoredJournal.forEach(store, store.experiments().stream().filter(e -> e.name().equals("done")).findFirst()
                .orElseThrow(), path::add);
        List<String> why = new java.util.ArrayList<>();
        t.get("why").forEach(line -> why.add(line.asText()));
        assertThat(why).isNotEmpty().isEqualTo(path.lines());
        assertThat(why.get(0)).contains("started");
    }

    @Test
    void comparesExperiments() {
        JsonNode c = ok(http.get("/api/v1/compare?names=done,other"));
        assertThat(c.get("experiments")).hasSize(2);
        assertThat(c.get("experiments").get(1).get("experiment").asText()).isEqualTo("other");
        fails(http.get("/api/v1/compare"), 400, "names");
        fails(http.get("/api/v1/compare?names=done,nope"), 404, "no experiment named 'nope'");
    }

    @Test
    void badIdsAndUnknownEndpointsGet404Or400WithAMessage() {
        fails(http.get("/api/v1/experiments/nope"), 404, "no experiment named 'nope'");
        fails(http.get("/api/v1/experiments/nope/curves"), 404, "no experiment named 'nope'");
        fails(http.get("/api/v1/experiments/done/trials/999"), 404, "experiment done has no trial 999");
        fails(http.get("/api/v1/experiments/done/trials/abc"), 400, "trial id: 'abc' is not a number");
        fails(http.get("/api/v1/experiments/done/curves?trials=0"), 400, "trials: 0 is not between 1 and 10000");
        fails(http.get("/api/v1/nothing"), 404, "no such endpoint");
        fails(http.post("/api/v1/experiments/nope/pause", ""), 404, "no experiment named 'nope'");
        fails(http.post("/api/v1/experiments/done/trials/999/stop", ""), 404, "has no trial 999");
    }

    @Test
    void eventsStreamTellsOfEveryChange() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/v1/events")).header("Accept", "text/event-stream").build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        java.util.Iterator<String> lines = stream.body().iterator();
        String first = lines.next();
        while (first.isBlank() || first.startsWith(":")) { // a keep-alive comment may come first
            first = lines.next();
        }
        assertThat(first).isEqualTo("event: hello");
        TestExperiment.run(url, dir.resolve("fresh/checkpoints"), "fresh", 3, 0, false); // a new experiment: its events are news
        String data = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("data: ") && line.contains("\"experiment\":\"fresh\"")) {
                data = line.substring("data: ".length());
                break;
            }
        }
        JsonNode change = DashboardServer.JSON.readTree(data);
        assertThat(change.get("seq").asLong()).isPositive();
        assertThat(change.get("status").asText()).isIn("RUNNING", "FINISHED");
        stream.body().close();
    }

    @Test
    void malformedBodiesGet400() {
        fails(http.post("/api/v1/experiments/done/extend", "{not json"), 400, "the body is not JSON");
        fails(http.post("/api/v1/experiments/done/extend", "[1]"), 400, "must be a JSON object");
        fails(http.post("/api/v1/experiments/done/extend", "{\"trials\": \"many\"}"), 400, "trials:");
        fails(http.post("/api/v1/experiments/done/extend", "{\"trials\": 5}"), 400, "trials: 5 is not above the 20 trials");
    }

    @Test
    void actionsThatTheStateForbidsGet409() {
        fails(http.post("/api/v1/experiments/done/pause", ""), 409, "is FINISHED, not RUNNING");
        fails(http.post("/api/v1/experiments/done/stop", ""), 409, "finished already");
        fails(http.post("/api/v1/experiments/done/resume", ""), 409, "extend it");
    }

    @Test
    void stopTrialThenStopThenExtendAreJournaled() {
        TestExperiment.run(url, dir.resolve("acts/checkpoints"), "acts", 6, 0, false);
        // make it a paused experiment with paused trials: extend it, pause it at once from the API, then act on it
        server.refresh();
        JsonNode paused = ok(http.get("/api/v1/experiments/acts/trials?status=paused"));
        assertThat(paused.get("trials").size()).as("ASHA leaves trials paused in lower rungs").isPositive();
        int trial = paused.get("trials").get(0).get("id").asInt();
        // a finished experiment's paused trial: stopping it appends an end event
        long before = store.lastSeq(store.experiment("acts").orElseThrow().id());
        JsonNode m = ok(http.post("/api/v1/experiments/acts/trials/" + trial + "/stop", ""));
        assertThat(m.get("message").asText()).contains("trial " + trial + " of acts is stopped");
        assertThat(store.events(store.experiment("acts").orElseThrow().id(), before + 1)).singleElement()
                .satisfies(e -> assertThat(e.body()).contains("stopped from the dashboard"));
        assertThat(ok(http.get("/api/v1/experiments/acts/trials/" + trial)).get("status").asText()).isEqualTo("STOPPED");
        fails(http.post("/api/v1/experiments/acts/trials/" + trial + "/stop", ""), 409, "is STOPPED already");
        assertThat(store.experiment("acts").orElseThrow().status()).isEqualTo(ExperimentStatus.FINISHED);
        // extend: the launcher resumes it with more trials, the journal grows and it finishes again with them
        ok(http.post("/api/v1/experiments/acts/extend", "{\"trials\": 9}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode d = ok(http.get("/api/v1/experiments/acts"));
            assertThat(d.get("summary").get("trials").asInt()).isEqualTo(9);
            assertThat(d.get("summary").get("status").asText()).isEqualTo("FINISHED");
        });
    }

    @Test
    void stoppingATrialOfARunningExperimentPausesStopsItAndResumesThenStopFinishesIt() {
        CompletableFuture<Void> live = TestExperiment.start(url, dir.resolve("busy/checkpoints"), "busy", 400, 20, false);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            server.refresh();
            assertThat(ok(http.get("/api/v1/experiments/busy/trials?status=running")).get("trials").size()).isPositive();
        });
        int trial = ok(http.get("/api/v1/experiments/busy/trials?status=running")).get("trials").get(0).get("id").asInt();
        JsonNode m = ok(http.post("/api/v1/experiments/busy/trials/" + trial + "/stop", ""));
        assertThat(m.get("message").asText()).contains("asked busy to pause");
        live.join(); // the running session paused
        long id = store.experiment("busy").orElseThrow().id();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(store.trials(id)).filteredOn(t -> t.trialId() == trial).singleElement()
                    .satisfies(t -> assertThat(t.status()).hasToString("STOPPED"));
            assertThat(store.events(id, 1)).last().satisfies(e -> assertThat(e.type()).isNotIn("end", "paused")); // resumed: it goes on
            assertThat(store.experiment("busy").orElseThrow().held()).isTrue();
        });
        JsonNode stop = ok(http.post("/api/v1/experiments/busy/stop", ""));
        assertThat(stop.get("message").asText()).contains("asked busy to pause");
        await().atMost(Duration.ofSeconds(90)).until(() -> store.experiment("busy").orElseThrow().status() == ExperimentStatus.FINISHED);
        resumed.forEach(CompletableFuture::join);
        assertThat(store.events(id, 1)).last().satisfies(e -> assertThat(e.body()).contains("stopped from the dashboard"));
        // the stopped trial never ran again: no event after its end names it
        java.util.List<dev.ladder.store.Event> all = store.events(id, 1);
        long end = all.stream().filter(e -> e.type().equals("end") && e.body().contains("\"trial\":" + trial + ",")
                && e.body().contains("stopped from the dashboard")).findFirst().orElseThrow().seq();
        assertThat(all).filteredOn(e -> e.seq() > end && e.body().contains("\"trial\":" + trial + ",")).isEmpty();
    }

    @Test
    void stopFinishesAPausedExperimentAndResumeStartsThePausedOne() {
        TestExperiment.run(url, dir.resolve("halt/checkpoints"), "halt", 30, 0, false);
        long id = store.experiment("halt").orElseThrow().id();
        store.setStatus(id, ExperimentStatus.PAUSED); // as a paused run leaves it (its journal ends on a finish here)
        server.refresh();
        fails(http.post("/api/v1/experiments/halt/pause", ""), 409, "is PAUSED, not RUNNING");
        long before = store.lastSeq(id);
        JsonNode m = ok(http.post("/api/v1/experiments/halt/stop", ""));
        assertThat(m.get("message").asText()).contains("halt is finished");
        assertThat(store.events(id, before + 1)).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo("finish");
            assertThat(e.body()).contains("stopped from the dashboard");
        });
        assertThat(store.experiment("halt").orElseThrow().status()).isEqualTo(ExperimentStatus.FINISHED);
    }
}
