package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ladder.store.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * examples/kubernetes, checked without a cluster (none runs here): every document parses, the pieces name
 * each other consistently (Secret, volume claim, ConfigMap, mount paths, the experiment's name), each
 * command is one the {@code ladder} command line accepts with the flags it has today, the embedded
 * experiment spec is valid, and the Dockerfile puts the jar and the trial where the manifest runs them.
 */
class KubernetesRecipeTest {
    private static final Path DIR = Path.of("../examples/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Z_]+)\\)");

    private static List<JsonNode> documents() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(DIR.resolve("ladder.yaml")))) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }

    private static JsonNode only(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind) && d.at("/metadata/name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theManifestsPiecesFitTogetherAndEveryCommandIsOneLadderAccepts() throws IOException {
        List<JsonNode> docs = documents();
        assertThat(docs).extracting(d -> d.path("kind").asText())
                .containsExactly("Secret", "PersistentVolumeClaim", "ConfigMap", "Deployment", "Job", "Job");
        assertThat(docs).allSatisfy(d -> {
            assertThat(d.path("apiVersion").asText()).isIn("v1", "apps/v1", "batch/v1");
            assertThat(d.at("/metadata/name").asText()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        });
        JsonNode secret = only(docs, "Secret", "ladder-storage");
        JsonNode claim = only(docs, "PersistentVolumeClaim", "ladder-checkpoints");
        assertThat(texts(claim.at("/spec/accessModes"))).containsExactly("ReadWriteMany");

        ExperimentSpec spec = ExperimentSpec.parse(only(docs, "ConfigMap", "ladder-experiment").at("/data/experiment.yaml").asText(),
                Path.of("/spec"), "ConfigMap ladder-experiment");
        assertThat(spec.executor()).isEqualTo(ExperimentSpec.REMOTE);

        JsonNode workers = only(docs, "Deployment", "ladder-worker");
        assertThat(workers.at("/spec/selector/matchLabels")).isEqualTo(workers.at("/spec/template/metadata/labels"));
        assertThat(workers.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isPositive();
        Map<String, List<String>> commands = new HashMap<>();
        for (JsonNode pod : List.of(workers, only(docs, "Job", "ladder-tuner"), only(docs, "Job", "ladder-tuner-standby"))) {
            JsonNode podSpec = pod.at("/spec/template/spec");
            JsonNode c = podSpec.at("/containers/0");
            assertThat(c.at("/resources/requests/memory").asText()).as(c.path("name").asText()).isNotEmpty();
            Map<String, JsonNode> env = new HashMap<>();
            c.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            JsonNode url = env.get("LADDER_STORAGE").at("/valueFrom/secretKeyRef");
            assertThat(url.path("name").asText()).isEqualTo("ladder-storage");
            assertThat(secret.at("/stringData/" + url.path("key").asText()).asText()).startsWith("jdbc:postgresql://");
            // every volume is declared, the claim is ours, and the checkpoints are where the spec says
            Map<String, JsonNode> volumes = new HashMap<>();
            podSpec.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            c.path("volumeMounts").forEach(m -> assertThat(volumes).containsKey(m.path("name").asText()));
            assertThat(volumes.get("checkpoints").at("/persistentVolumeClaim/claimName").asText()).isEqualTo("ladder-checkpoints");
            assertThat(c.path("volumeMounts")).anySatisfy(m -> {
                assertThat(m.path("name").asText()).isEqualTo("checkpoints");
                assertThat(Path.of(m.path("mountPath").asText())).isEqualTo(spec.checkpointDir());
            });
            // java [a worker's JVM options] -jar JAR <ladder arguments>, every $(VAR) one the container defines
            List<String> cmd = new ArrayList<>(texts(c.path("command")));
            if (c.path("name").asText().equals("worker")) {
                assertThat(cmd.subList(1, 1 + Worker.JVM_OPTIONS.size())).isEqualTo(Worker.JVM_OPTIONS);
                cmd.subList(1, 1 + Worker.JVM_OPTIONS.size()).clear();
            }
            assertThat(cmd.subList(0, 3)).containsExactly("java", "-jar", "/opt/ladder/ladder.jar");
            List<String> args = new ArrayList<>();
            for (String a : cmd.subList(3, cmd.size())) {
                Matcher m = VAR.matcher(a);
                while (m.find()) {
                    assertThat(env).as("variables of " + c.path("name").asText()).containsKey(m.group(1));
                }
                args.add(VAR.matcher(a).replaceAll("jdbc:postgresql://db/ladder"));
            }
            LadderCli.commandLine().parseArgs(args.toArray(String[]::new)); // throws on an unknown command or flag
            commands.put(c.path("name").asText(), args);
        }
        assertThat(commands.get("worker").subList(0, 3)).containsExactly("worker", "--storage", "jdbc:postgresql://db/ladder");
        assertThat(commands.get("tuner").subList(0, 2)).containsExactly("run", "/spec/experiment.yaml");
        assertThat(only(docs, "Job", "ladder-tuner").at("/spec/template/spec/volumes")).anySatisfy(v ->
                assertThat(v.at("/configMap/name").asText()).isEqualTo("ladder-experiment"));
        assertThat(commands.get("standby").subList(0, 2)).containsExactly("resume", spec.name());
    }

    @Test
    void theDockerfilePutsTheJarAndTheTrialWhereTheManifestRunsThem() throws IOException {
        List<String> copies = Files.readAllLines(DIR.resolve("Dockerfile")).stream().filter(l -> l.startsWith("COPY ")).toList();
        // ladder.jar finds its dependencies in lib/ beside it (its manifest's Class-Path)
        assertThat(copies).containsExactly("COPY ladder-cli/target/ladder.jar /opt/ladder/ladder.jar",
                "COPY ladder-cli/target/lib /opt/ladder/lib", "COPY examples/quadratic/trial.sh /opt/trial/trial.sh");
        assertThat(Path.of("../examples/quadratic/trial.sh")).exists();
        ExperimentSpec spec = ExperimentSpec.parse(only(documents(), "ConfigMap", "ladder-experiment").at("/data/experiment.yaml").asText(),
                Path.of("/spec"), "ConfigMap ladder-experiment");
        assertThat(spec.workdir()).isEqualTo(Path.of("/opt/trial"));
        assertThat(spec.command().get(1)).isEqualTo("trial.sh");
    }
}
