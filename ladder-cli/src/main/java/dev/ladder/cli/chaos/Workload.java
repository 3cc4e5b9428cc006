package dev.ladder.cli.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ladder.examples.XGBoostDemo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One experiment the chaos harness kills and resumes: {@code shell} (examples/quadratic, a bash trial
 * per process), {@code xgboost} (examples/xgboost, a JVM per trial) or {@code demo} (XGBoost on worker
 * threads of the Ladder JVM itself), at a budget of {@code trials} trials up to {@code maxResource}, its
 * configurations from {@code searcher} (a registry name; the process workloads only).
 * Process trials run under the chaos wrapper (chaos-trial.sh), which records checkpoint folders taken
 * over by a second process.
 */
record Workload(String name, int workers, int trials, long maxResource, String searcher) {
    static final List<String> NAMES = List.of("shell", "xgboost", "demo");
    /**
     * XGBoost's row and column subsampling, fixed at 1 in the XGBoost workloads: its column sampler is
     * seeded anew when a trial resumes (see XGBoostObjective), so only then does a trial reach the same
     * values whatever its pause points, and a killed run's values must equal the uninterrupted run's.
     */
    private static final List<String> FIXED = List.of("subsample", "colsample_bytree");

    Workload(String name, int workers, int trials, long maxResource) {
        this(name, workers, trials, maxResource, dev.ladder.core.search.Searchers.DEFAULT);
    }

    Workload {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown chaos workload '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        }
        if (name.equals("demo") && !searcher.equals(dev.ladder.core.search.Searchers.DEFAULT)) {
            throw new IllegalArgumentException("chaos workload 'demo' draws its configurations at random; a searcher applies to shell and xgboost");
        }
    }

    /** The budget of {@code ladder chaos}: a run of a few seconds (shell, demo) to a minute (xgboost). */
    static Workload standard(String name, int workers) {
        return switch (name) {
            case "xgboost" -> new Workload(name, workers, 12, 27);
            case "demo" -> new Workload(name, workers, 40, 27);
            default -> new Workload(name, workers, 30, 9);
        };
    }

    boolean processTrials() {
        return !name.equals("demo");
    }

    /**
     * The {@code ladder} arguments that start experiment {@code experiment} in {@code out}; for process
     * trials the spec is written to {@code dir/spec.yaml} from the example in {@code examples}, with the
     * wrapper's files in {@code dir}.
     */
    List<String> runArgs(Path examples, Path dir, Path out, String experiment) throws IOException {
        if (!processTrials()) {
            ObjectNode space = (ObjectNode) XGBoostDemo.space().toTree();
            FIXED.forEach(p -> space.put(p, 1.0));
            Path file = dir.resolve("space.json");
            Files.writeString(file, space.toPrettyString());
            return List.of("demo", "--max-trials", Integer.toString(trials), "--max-resource", Long.toString(maxResource),
                    "--workers", Integer.toString(workers), "--seed", "1", "--name", experiment, "--out", out.toString(),
                    "--space", file.toString());
        }
        return List.of("run", spec(examples, dir).toString(), "--name", experiment, "--out", out.toString());
    }

    static List<String> resumeArgs(Path out, String experiment) {
        return List.of("resume", experiment, "--out", out.toString());
    }

    /** The conflicts file the wrapper appends to (outside the out folder). */
    static Path conflicts(Path dir) {
        return dir.resolve("conflicts.txt");
    }

    private Path spec(Path examples, Path dir) throws IOException {
        Path example = examples.resolve(name.equals("shell") ? "quadratic" : "xgboost").toAbsolutePath().normalize();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode spec = (ObjectNode) yaml.readTree(example.resolve("experiment.yaml").toFile());
        Path wrapper = dir.resolve("chaos-trial.sh");
        try (InputStream in = Workload.class.getResourceAsStream("chaos-trial.sh")) {
            Files.write(wrapper, in.readAllBytes());
        }
        ArrayNode command = spec.arrayNode().add("bash").add(wrapper.toString());
        String previous = "";
        for (var arg : spec.withArray("command")) {
            String a = arg.asText();
            command.add(previous.equals("-cp") ? LadderJvm.classpath() // the example's jar, as this JVM runs it
                    : Files.isRegularFile(example.resolve(a)) ? example.resolve(a).toString() : a);
            previous = a;
        }
        spec.set("command", command);
        if (name.equals("xgboost")) {
            FIXED.forEach(p -> spec.withObject("/space").put(p, 1.0));
        }
        spec.put("workers", workers);
        spec.put("searcher", searcher);
        spec.withObject("/stop").put("max_trials", trials);
        spec.withObject("/resource").put("max", maxResource);
        Files.createDirectories(dir.resolve("owners"));
        spec.withObject("/env").put("CHAOS_OWNERS", dir.resolve("owners").toString())
                .put("CHAOS_CONFLICTS", conflicts(dir).toString());
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, spec.toPrettyString()); // JSON, which is YAML
        return file;
    }
}
