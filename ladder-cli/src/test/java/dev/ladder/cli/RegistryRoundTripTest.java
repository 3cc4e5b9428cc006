package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.registry.Parameter;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.search.Searchers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every registered scheduler built three ways, from Java, from a YAML spec and from the CLI flags, with
 * its defaults and with every parameter set, gives the same spec, and that spec builds and is stored and
 * read back unchanged. (A list of configurations, RUSH's arms, has no flag: the CLI reads it from a task store.)
 */
class RegistryRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A value other than the default for every registered parameter; a new parameter must be added here. */
    private static final Map<String, Object> OTHER = Map.ofEntries(Map.entry("min_resource", 2L),
            Map.entry("max_resource", 54L), Map.entry("eta", 2L), Map.entry("mode", "aggressive"), Map.entry("max_rungs", 4L),
            Map.entry("brackets", "sample"), Map.entry("rungs_per_bracket", true), Map.entry("min_samples", 5L),
            Map.entry("early_stopping_rate", 1L), Map.entry("epsilon", 0.25),
            Map.entry("arms", List.of(Config.of(Map.of("x", 0.5)))));

    static List<String> names() {
        return Schedulers.NAMES;
    }

    private static final String BASE = "name: q\ncommand: [bash, t.sh]\nspace: {x: {type: real, lower: 0, upper: 1}}\n"
            + "metric: {name: loss}\nstop: {max_trials: 40}\nseed: 7\n";

    private static ExperimentSpec yaml(String text) {
        return ExperimentSpec.parse(text, Path.of("."), "spec.yaml");
    }

    /** The spec {@code preview} makes of {@code args}. */
    private static SchedulerOptions flags(String... args) {
        CommandLine cl = LadderCli.commandLine();
        List<String> all = new ArrayList<>(List.of("preview"));
        all.addAll(List.of(args));
        CommandLine.ParseResult parsed = cl.parseArgs(all.toArray(String[]::new));
        return ((PreviewCommand) parsed.subcommand().commandSpec().userObject()).scheduler;
    }

    @ParameterizedTest
    @MethodSource("names")
    void defaultsAreTheSameFromJavaYamlAndFlags(String name) {
        SchedulerSpec java = SchedulerSpec.of(name).maxResource(27L).trials(40).seed(7);
        ExperimentSpec y = yaml(BASE + "resource: {max: 27}\nscheduler: " + name + "\n");
        assertThat(y.scheduler()).isEqualTo(java);
        assertThat(flags("--scheduler", name, "--max-resource", "27").spec(1, null).trials(40).seed(7)).isEqualTo(java);
        assertThat(java.build(new RandomSearcher(y.space(), 7), Metric.minimize("loss")).suggest(0, true)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyParameterSetIsTheSameFromJavaYamlAndFlags(String name) throws Exception {
        SchedulerSpec java = SchedulerSpec.of(name).trials(40).seed(7);
        ObjectNode sched = JSON.createObjectNode().put("name", name);
        ObjectNode resource = JSON.createObjectNode();
        List<String> args = new ArrayList<>(List.of("--scheduler", name));
        for (Parameter p : java.entry().parameters()) {
            Object v = OTHER.get(p.name());
            assertThat(v).as("a test value for " + p.name()).isNotNull();
            java = java.with(p.name(), v);
            if (p.name().equals("min_resource") || p.name().equals("max_resource")) {
                resource.put(p.name().substring(0, 3), (Long) v);
            } else if (p.kind() == Parameter.Kind.CONFIGS) {
                sched.set(p.name(), JSON.valueToTree(((List<?>) v).stream().map(c -> ((Config) c).asMap()).toList()));
            } else {
                sched.set(p.name(), JSON.valueToTree(v));
            }
            if (p.kind() != Parameter.Kind.CONFIGS) {
                args.addAll(List.of(p.flag(), v.toString()));
            }
        }
        ExperimentSpec y = yaml(BASE + "resource: " + resource + "\nscheduler: " + sched + "\n");
        assertThat(y.scheduler()).isEqualTo(java);
        SchedulerSpec cli = flags(args.toArray(String[]::new)).spec(1, null).trials(40).seed(7);
        SchedulerSpec withoutArms = java.entry().has("arms") ? java.arms(List.of()) : java;
        assertThat(cli).isEqualTo(withoutArms);
        assertThat(java.build(new RandomSearcher(y.space(), 7), Metric.minimize("loss")).suggest(0, true)).isPresent();
        // stored and read back: the spec a resumed experiment is rebuilt from
        StoredSpec stored = ExperimentRun.forNewExperiment(new StoredSpec(StoredSpec.PROCESS, y.tree()), "q");
        assertThat(StoredSpec.read(stored.json(), "q").spec("q").scheduler()).isEqualTo(java);
    }

    @Test
    void searchersAreTheSameFromJavaYamlAndFlags() {
        SearcherSpec grid = Searchers.grid().with("points", 3);
        assertThat(yaml(BASE + "searcher: {name: grid, points: 3}\n").searcher()).isEqualTo(grid);
        assertThat(flags("--searcher", "grid", "--points", "3", "--max-resource", "9").searcherSpec()).isEqualTo(grid);
        assertThat(yaml(BASE + "searcher: grid\n").searcher()).isEqualTo(Searchers.grid());
        assertThat(yaml(BASE).searcher()).isEqualTo(Searchers.random());
        // the short form: a scheduler's name under searcher is the scheduler, and the searcher stays random
        ExperimentSpec shortForm = yaml(BASE + "searcher: hyperband\nmax_resource: 27\n");
        assertThat(shortForm.scheduler().name()).isEqualTo("hyperband");
        assertThat(shortForm.searcher()).isEqualTo(Searchers.random());
        // a grid ends on its own: no stop criterion needed
        assertThat(yaml(BASE.replace("stop: {max_trials: 40}\n", "") + "searcher: {name: grid, points: 2}\nresource: {max: 9}\n")
                .stop().maxTrials()).isNull();
    }

    @Test
    void aParameterOfAnotherSchedulerIsAnErrorNamingItsKeyOrFlag() {
        assertThatThrownBy(() -> yaml(BASE + "scheduler: {name: asha, mode: aggressive}\n"))
                .hasMessage("spec.yaml:7: key 'scheduler.mode': scheduler 'asha' has no parameter 'mode' "
                        + "(its parameters: min_resource, max_resource, eta)");
        assertThatThrownBy(() -> yaml(BASE + "searcher: asha\nmode: aggressive\n"))
                .hasMessageContaining("key 'mode': scheduler 'asha' has no parameter 'mode'");
        assertThatThrownBy(() -> yaml(BASE + "resource: {min: 2, max: 27}\nscheduler: fifo\n"))
                .hasMessageContaining("key 'resource.min': scheduler fifo has no minimum resource");
        assertThatThrownBy(() -> yaml(BASE + "scheduler: {name: asha, min_resource: 2}\n"))
                .hasMessageContaining("key 'scheduler.min_resource': the resource range is given as resource.min and resource.max");
        assertThatThrownBy(() -> yaml(BASE + "resource: {max: 27}\nscheduler: {name: pasha, epsilon: -1}\n"))
                .hasMessage("spec.yaml:8: key 'scheduler.epsilon': expected a number >= 0, got -1");
        assertThatThrownBy(() -> yaml(BASE + "searcher: {name: random, points: 3}\n"))
                .hasMessageContaining("key 'searcher.points': searcher 'random' has no parameter 'points'");
        assertThatThrownBy(() -> yaml(BASE.replace("stop: {max_trials: 40}\n", "") + "resource: {max: 27}\nscheduler: adaptive\n"
                + "stop: {max_wall_time: 1h}\n")).hasMessageContaining("key 'stop': needs max_trials: scheduler adaptive");
        assertThatThrownBy(() -> flags("--scheduler", "adaptive", "--max-resource", "81", "--min-resource", "3").spec(1, null))
                .hasMessage("--min-resource does not apply to scheduler 'adaptive' with searcher 'random' "
                        + "(their flags: --max-resource, --eta, --mode, --max-rungs)");
        assertThatThrownBy(() -> flags("--scheduler", "asha", "--points", "3").spec(1, null))
                .hasMessageContaining("--points does not apply to scheduler 'asha' with searcher 'random'");
    }
}
