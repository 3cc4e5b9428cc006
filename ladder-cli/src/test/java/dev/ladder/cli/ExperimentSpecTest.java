package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Metric;
import dev.ladder.process.SlurmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ExperimentSpecTest {
    private static final Path DIR = Path.of("/somewhere");

    private static ExperimentSpec parse(String yaml) {
        return ExperimentSpec.parse(yaml, DIR, "spec.yaml");
    }

    @Test
    void theIssuesExampleReadsAsWritten() {
        ExperimentSpec s = ExperimentSpec.read(Path.of("../examples/quadratic/experiment.yaml"));
        assertThat(s.name()).isEqualTo("quadratic");
        assertThat(s.command()).containsExactly("bash", "trial.sh", "--lr", "{lr}", "--layers", "{layers}");
        assertThat(s.space().names()).containsExactly("lr", "layers");
        assertThat(s.metric()).isEqualTo(Metric.minimize("loss"));
        assertThat(s.resourceName()).isEqualTo("epoch");
        assertThat(s.scheduler().name()).isEqualTo("asha");
        assertThat(s.scheduler().minResource()).isEqualTo(1);
        assertThat(s.scheduler().maxResource()).isEqualTo(27);
        assertThat(s.scheduler().eta()).isEqualTo(3);
        assertThat(s.workers()).isEqualTo(2);
        assertThat(s.stop().maxTrials()).isEqualTo(20);
        assertThat(s.seed()).isEqualTo(1);
        assertThat(s.workdir()).isEqualTo(Path.of("../examples/quadratic").toAbsolutePath().normalize());
    }

    @Test
    void determinedsShortFormIsAccepted() {
        ExperimentSpec s = parse("""
                name: short
                command: [python3, train.py]
                space: {lr: {type: logReal, lower: 0.001, upper: 0.1}}
                metric: {name: accuracy, mode: max}
                searcher: adaptive
                max_trials: 16
                max_resource: 81
                mode: aggressive
                """);
        assertThat(s.scheduler().name()).isEqualTo("adaptive");
        assertThat(s.scheduler().parameters().choice("mode")).isEqualTo("aggressive");
        assertThat(s.scheduler().maxResource()).isEqualTo(81);
        assertThat(s.stop().maxTrials()).isEqualTo(16);
        assertThat(s.metric()).isEqualTo(Metric.maximize("accuracy"));
        assertThat(s.timeout()).isNull();
        assertThat(s.gracePeriod()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aMisspeltKeyIsNamedWithItsLineAndTheNearestKey() {
        assertThatThrownBy(() -> parse("""
                name: q
                command: [bash, t.sh]
                space: {x: {type: real, lower: 0, upper: 1}}
                metric: {name: loss}
                schedular: {name: asha}
                stop: {max_trials: 3}
                """)).hasMessageStartingWith("spec.yaml:5: key 'schedular': unknown key; did you mean 'scheduler'?");
        assertThatThrownBy(() -> parse("""
                name: q
                command: [bash, t.sh]
                space: {x: {type: real, lower: 0, upper: 1}}
                metric: {name: loss}
                stop:
                  max_trails: 3
                """)).hasMessageStartingWith("spec.yaml:6: key 'stop.max_trails': unknown key; did you mean 'max_trials'?");
    }

    @Test
    void badValuesNameTheirKeyAndLine() {
        String base = "name: q\ncommand: [bash, t.sh, \"{x}\"]\nmetric: {name: loss}\nstop: {max_trials: 3}\n";
        assertThatThrownBy(() -> parse(base + "space: {x: {type: real, lower: 1, upper: 0}}\n"))
                .hasMessageStartingWith("spec.yaml:5: key 'space.x': parameter 'x'");
        assertThatThrownBy(() -> parse(base + "space: {x: {type: real, lower: 0, upper: 1}}\nworkers: two\n"))
                .hasMessage("spec.yaml:6: key 'workers': expected an integer from 1 to 2147483647, got \"two\"");
        assertThatThrownBy(() -> parse(base + "space: {x: {type: real, lower: 0, upper: 1}}\nscheduler: {name: hyperbnd}\n"))
                .hasMessageStartingWith("spec.yaml:6: key 'scheduler.name': unknown scheduler 'hyperbnd' (known: fifo, sha,");
        assertThatThrownBy(() -> parse("name: q\ncommand: bash t.sh\nspace: {x: {type: real, lower: 0, upper: 1}}\nmetric: {name: loss}\n"))
                .hasMessageStartingWith("spec.yaml:2: key 'command': must be a list of arguments (it is never run through a shell)");
        assertThatThrownBy(() -> parse("name: q\ncommand: [bash, \"{y}\"]\nspace: {x: {type: real, lower: 0, upper: 1}}\n"
                + "metric: {name: loss}\nstop: {max_trials: 3}\n"))
                .hasMessage("spec.yaml:2: key 'command': placeholder {y} names no parameter of the space [x]");
        assertThatThrownBy(() -> parse("name: q\ncommand: [bash]\nspace: {x: {type: real, lower: 0, upper: 1}}\n"
                + "metric: {name: loss}\n"))
                .hasMessageContaining("key 'stop': needs max_trials, max_wall_time or max_total_resource");
        assertThatThrownBy(() -> parse("name: q\ncommand: [bash]\nspace: {x: {type: real, lower: 0, upper: 1}}\n"
                + "metric: {name: loss}\nstop: {max_trials: 3}\ntimeout: soon\n"))
                .hasMessage("spec.yaml:6: key 'timeout': expected a duration such as 90, 90s, 15m, 2h or 1d, got \"soon\"");
        assertThatThrownBy(() -> parse("name: q\ncommand: [bash]\nspace: {x: {type: real, lower: 0, upper: 1}}\n"
                + "stop: {max_trials: 3}\n"))
                .hasMessage("spec.yaml: key 'metric.name': is required");
        assertThatThrownBy(() -> parse("name: [q\n")).hasMessageStartingWith("spec.yaml: not valid YAML");
        assertThatThrownBy(() -> parse("name: q\ncommand: [bash]\nspace: {x: {type: real, lower: 0, upper: 1}}\n"
                + "metric: {name: loss}\nstop: {max_trials: 3}\nsearcher: {name: adaptive_asha}\n"))
                .hasMessage("spec.yaml:6: key 'searcher.name': unknown searcher 'adaptive_asha' (known: random, grid, kde, gp, mobster); "
                        + "the short form searcher: NAME names a scheduler (Determined's), otherwise a searcher");
    }

    private static final String VALID = "name: q\ncommand: [bash, t.sh]\nspace: {x: {type: real, lower: 0, upper: 1}}\n"
            + "metric: {name: loss}\nstop: {max_trials: 3}\n";

    @Test
    void aKeyGivenTwiceIsAnErrorNamingBothLines() {
        assertThatThrownBy(() -> parse(VALID + "workers: 2\nseed: 1\nworkers: 4\n"))
                .hasMessage("spec.yaml:8: key 'workers': appears twice (first at line 6); give each key once");
        assertThatThrownBy(() -> parse(VALID.replace("stop: {max_trials: 3}", "stop: {max_trials: 3, max_trials: 30}")))
                .hasMessage("spec.yaml:5: key 'stop.max_trials': appears twice (first at line 5); give each key once");
        assertThatThrownBy(() -> parse(VALID + "space: {y: {type: real, lower: 0, upper: 1}}\n"))
                .hasMessageStartingWith("spec.yaml:6: key 'space': appears twice (first at line 3)");
    }

    @Test
    void anIntegerTooLargeNamesItsKeyAndLine() {
        assertThatThrownBy(() -> parse(VALID + "workers: 99999999999\n"))
                .hasMessage("spec.yaml:6: key 'workers': expected an integer from 1 to 2147483647, got 99999999999");
        assertThatThrownBy(() -> parse(VALID.replace("max_trials: 3", "max_trials: 3000000000")))
                .hasMessage("spec.yaml:5: key 'stop.max_trials': expected an integer from 1 to 2147483647, got 3000000000");
        assertThatThrownBy(() -> parse(VALID + "seed: 99999999999999999999\n"))
                .hasMessage("spec.yaml:6: key 'seed': expected an integer that fits in 64 bits, got 99999999999999999999");
        assertThatThrownBy(() -> parse(VALID + "resource: {max: 99999999999999999999}\n"))
                .hasMessageStartingWith("spec.yaml:6: key 'resource.max': expected an integer >= 1, got 99999999999999999999");
        assertThatThrownBy(() -> parse(VALID + "workers: 0\n"))
                .hasMessage("spec.yaml:6: key 'workers': expected an integer from 1 to 2147483647, got 0");
    }

    @Test
    void theNameFollowsTheOneRuleForExperimentNames() {
        for (String bad : List.of("\"..\"", "\".hidden\"", "a/b", "\"a\\nb\"", "x".repeat(300))) {
            assertThatThrownBy(() -> parse(VALID.replace("name: q", "name: " + bad)))
                    .hasMessageStartingWith("spec.yaml:1: key 'name': experiment name '")
                    .hasMessageContaining("is not allowed: use 1 to 100 characters: letters, digits");
        }
    }

    @Test
    void durationsReadInSecondsMinutesHoursAndDays() {
        assertThat(ExperimentSpec.duration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ExperimentSpec.duration("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ExperimentSpec.duration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ExperimentSpec.duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ExperimentSpec.duration("soon")).isNull();
    }

    @Test
    void theJsonSchemaInDocsNamesExactlyTheKeysTheReaderKnows() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Files.readString(Path.of("../docs/experiment.schema.json")));
        Set<String> keys = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).isEqualTo(new TreeSet<>(ExperimentSpec.KEYS));
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        List<String> required = new ObjectMapper().convertValue(schema.get("required"), List.class);
        assertThat(required).containsExactlyInAnyOrder("name", "command", "space");
        assertThat(schema.get("oneOf").toString()).isEqualTo("[{\"required\":[\"metric\"]},{\"required\":[\"objectives\"]}]");
        // the scheduler's and searcher's mappings name every registered parameter (the range is resource.min/max)
        JsonNode scheduler = schema.at("/properties/scheduler/oneOf/1/properties");
        Set<String> schedulerKeys = new TreeSet<>();
        scheduler.fieldNames().forEachRemaining(schedulerKeys::add);
        Set<String> registered = new TreeSet<>(Set.of("name"));
        dev.ladder.core.schedule.Schedulers.ENTRIES.forEach(e -> e.parameters().forEach(p -> registered.add(p.name())));
        registered.removeAll(Set.of("min_resource", "max_resource"));
        assertThat(schedulerKeys).isEqualTo(registered);
        assertThat(new ObjectMapper().convertValue(scheduler.get("name").get("enum"), List.class))
                .isEqualTo(dev.ladder.core.schedule.Schedulers.NAMES);
        Set<String> searcherKeys = new TreeSet<>();
        schema.at("/properties/searcher/oneOf/1/properties").fieldNames().forEachRemaining(searcherKeys::add);
        Set<String> searcherRegistered = new TreeSet<>(Set.of("name"));
        dev.ladder.core.search.Searchers.ENTRIES.forEach(e -> e.parameters().forEach(p -> searcherRegistered.add(p.name())));
        assertThat(searcherKeys).isEqualTo(searcherRegistered);
    }

    @Test
    void executorSlurmTakesItsSbatchSettingsFromTheSlurmMapping() {
        ExperimentSpec s = parse(VALID + """
                executor: slurm
                workers: 8
                slurm:
                  partition: gpu
                  time: "2:00:00"
                  account: ml
                  cpus_per_task: 4
                  mem: 16G
                  gres: gpu:1
                  extra_args: [--qos=long, --constraint=a100]
                """);
        assertThat(s.slurm()).isEqualTo(new SlurmOptions("gpu", "2:00:00", "ml", 4, "16G", "gpu:1", List.of("--qos=long", "--constraint=a100")));
        assertThat(s.workers()).isEqualTo(8);
        assertThat(parse(VALID).slurm()).isNull();
        assertThat(parse(VALID + "executor: slurm\n").slurm()).isEqualTo(SlurmOptions.DEFAULTS);
    }

    @Test
    void badSlurmSettingsNameTheirKeyAndLine() {
        assertThatThrownBy(() -> parse(VALID + "executor: slurm\nslurm:\n  partiton: gpu\n"))
                .hasMessageStartingWith("spec.yaml:8: key 'slurm.partiton': unknown key; did you mean 'partition'?");
        assertThatThrownBy(() -> parse(VALID + "executor: slurn\n"))
                .hasMessage("spec.yaml:6: key 'executor': unknown executor 'slurn' (known: local, remote, slurm)");
        assertThatThrownBy(() -> parse(VALID + "slurm: {partition: gpu}\n"))
                .hasMessage("spec.yaml:6: key 'slurm': applies to executor: slurm only (executor is local)");
        assertThatThrownBy(() -> parse(VALID + "executor: slurm\nslurm: {time: 2h}\n"))
                .hasMessageStartingWith("spec.yaml:7: key 'slurm.time': expected a Slurm time limit such as 30 (minutes)");
        assertThatThrownBy(() -> parse(VALID + "executor: slurm\nslurm: {cpus_per_task: 0}\n"))
                .hasMessage("spec.yaml:7: key 'slurm.cpus_per_task': expected an integer from 1 to 2147483647, got 0");
        assertThatThrownBy(() -> parse(VALID + "executor: slurm\nslurm:\n  extra_args: [--qos=long, long]\n"))
                .hasMessage("spec.yaml:8: key 'slurm.extra_args.1': expected an sbatch option starting with -, got \"long\"");
        assertThatThrownBy(() -> parse(VALID + "executor: slurm\nmax_restarts: 2\n"))
                .hasMessageStartingWith("spec.yaml:7: key 'max_restarts': applies to executor: local only");
    }
}
