package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ladder dashboard} serves the store under --out; its extend starts a real {@code ladder resume} in a child JVM. */
class DashboardCommandTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheStoreAndExtendsAnExperimentThroughLadderResume(@TempDir Path out) throws Exception {
        DemoCommandTest.Run demo = ladder("demo", "--max-trials", "4", "--workers", "2", "--seed", "3", "--out", out.toString(), "--name", "small");
        assertThat(demo.code()).as(demo.err()).isZero();
        StringWriter said = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> {
            CommandLine cl = LadderCli.commandLine();
            cl.setOut(new PrintWriter(said, true));
            cl.setErr(new PrintWriter(said, true));
            code.set(cl.execute("dashboard", "--out", out.toString(), "--port", "0"));
        });
        serving.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> said.toString().contains("Stop it with Ctrl-C"));
            Matcher m = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)/").matcher(said.toString());
            assertThat(m.find()).as(said.toString()).isTrue();
            String base = m.group(1);
            HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments")).build());
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("\"name\":\"small\"").contains("\"status\":\"FINISHED\"").contains("\"trials\":4");
            HttpResponse<String> extend = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments/small/extend"))
                    .header("X-Ladder-Confirm", "yes").POST(HttpRequest.BodyPublishers.ofString("{\"trials\": 6}")).build());
            assertThat(extend.statusCode()).as(extend.body()).isEqualTo(200);
            await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(
                    send(HttpRequest.newBuilder(URI.create(base + "/api/v1/experiments/small")).build()).body())
                    .contains("\"trials\":6").contains("\"status\":\"FINISHED\""));
        } finally {
            serving.interrupt();
            serving.join(30_000);
        }
        assertThat(code.get()).as(said.toString()).isZero();
    }

    @Test
    void anotherAddressGetsAGeneratedTokenAndABadPortIsNamed(@TempDir Path out) throws Exception {
        assertThat(ladder("demo", "--max-trials", "2", "--out", out.toString(), "--name", "tiny").code()).isZero();
        DemoCommandTest.Run bad = ladder("dashboard", "--out", out.toString(), "--port", "70000");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("--port 70000 is not between 0 and 65535");
        DemoCommandTest.Run none = ladder("dashboard", "--out", out.resolve("nothing").toString(), "--port", "0");
        assertThat(none.err()).contains("no store at");
        StringWriter said = new StringWriter();
        Thread serving = new Thread(() -> {
            CommandLine cl = LadderCli.commandLine();
            cl.setOut(new PrintWriter(said, true));
            cl.setErr(new PrintWriter(said, true));
            cl.execute("dashboard", "--out", out.toString(), "--port", "0", "--host", "0.0.0.0");
        });
        serving.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> said.toString().contains("Stop it with Ctrl-C"));
            Matcher m = Pattern.compile("on http://0\\.0\\.0\\.0:(\\d+)/#token=(\\S+)").matcher(said.toString());
            assertThat(m.find()).as(said.toString()).isTrue();
            String base = "http://127.0.0.1:" + m.group(1) + "/api/v1/experiments";
            assertThat(send(HttpRequest.newBuilder(URI.create(base)).build()).statusCode()).isEqualTo(401);
            assertThat(send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Bearer " + m.group(2)).build())
                    .body()).contains("\"name\":\"tiny\"");
        } finally {
            serving.interrupt();
            serving.join(30_000);
        }
    }
}
