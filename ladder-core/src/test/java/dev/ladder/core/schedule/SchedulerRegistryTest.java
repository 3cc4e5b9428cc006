package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.registry.Parameter;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.search.Searchers;
import dev.ladder.core.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry: every entry builds with its defaults and with every parameter set, and stores and reads back. */
class SchedulerRegistryTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).integer("k", 1, 4).build();
    static final Metric LOSS = Metric.minimize("loss");

    /** A value other than the default for every registered parameter; a new parameter must be added here. */
    static final Map<String, Object> OTHER = Map.ofEntries(Map.entry("min_resource", 2L), Map.entry("max_resource", 54L),
            Map.entry("eta", 2L), Map.entry("mode", "aggressive"), Map.entry("max_rungs", 4L), Map.entry("brackets", "sample"),
            Map.entry("rungs_per_bracket", true), Map.entry("min_samples", 5L), Map.entry("early_stopping_rate", 1L),
            Map.entry("epsilon", 0.25), Map.entry("arms", List.of(Config.of(Map.of("x", 0.5, "k", 2L)))), Map.entry("points", 3L));

    static List<String> names() {
        return Schedulers.NAMES;
    }

    /** {@code name} with every parameter set to its value in {@link #OTHER}. */
    static SchedulerSpec everyParameterSet(String name) {
        SchedulerSpec s = SchedulerSpec.of(name);
        for (Parameter p : s.entry().parameters()) {
            assertThat(OTHER).as("a test value for " + name + "'s parameter " + p.name()).containsKey(p.name());
            s = s.with(p.name(), OTHER.get(p.name()));
        }
        return s;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everySchedulerBuildsWithItsDefaultsAndWithEveryParameterSet(String name) {
        SchedulerSpec defaults = SchedulerSpec.of(name).maxResource(27L).trials(40);
        assertThat(defaults.build(new RandomSearcher(SPACE, 1), LOSS).suggest(0, true)).isPresent();
        SchedulerSpec every = everyParameterSet(name).trials(40).seed(7);
        for (Parameter p : every.entry().parameters()) {
            assertThat(every.parameters().get(p.name())).as(p.name()).isNotEqualTo(p.defaultValue());
        }
        assertThat(every.build(new RandomSearcher(SPACE, 1), LOSS).suggest(0, true)).isPresent();
        assertThat(every.preview(40).brackets()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("names")
    void aStoredSpecReadsBackEqual(String name) {
        SchedulerSpec every = everyParameterSet(name).trials(40).seed(7);
        assertThat(SchedulerSpec.fromTree(every.toTree(), 40, 7)).isEqualTo(every);
        SchedulerSpec defaults = SchedulerSpec.of(name).maxResource(27L);
        assertThat(SchedulerSpec.fromTree(defaults.toTree(), null, 0)).isEqualTo(defaults);
    }

    @Test
    void aParameterOfAnotherSchedulerIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Schedulers.asha().mode(AdaptiveScheduler.Mode.AGGRESSIVE))
                .hasMessage("scheduler 'asha' has no parameter 'mode' (its parameters: min_resource, max_resource, eta)");
        assertThatThrownBy(() -> Schedulers.fifo().eta(3))
                .hasMessage("scheduler 'fifo' has no parameter 'eta' (its parameters: max_resource)");
        assertThatThrownBy(() -> Schedulers.adaptive().minResource(2))
                .hasMessageContaining("scheduler 'adaptive' has no parameter 'min_resource'");
        assertThatThrownBy(() -> Schedulers.pasha().minSamples(3)).hasMessageContaining("has no parameter 'min_samples'");
        assertThatThrownBy(() -> SchedulerSpec.of("asha", Map.of("epsilon", 0.1)))
                .hasMessageContaining("scheduler 'asha' has no parameter 'epsilon'");
        assertThatThrownBy(() -> Searchers.random().with("points", 3)).hasMessage("searcher 'random' has no parameter 'points' "
                + "(its parameters: none)");
    }

    @Test
    void badValuesAndMissingNeedsAreNamed() {
        assertThatThrownBy(() -> Schedulers.asha().eta(1)).hasMessage("scheduler 'asha': parameter 'eta': expected an integer >= 2, got 1");
        assertThatThrownBy(() -> Schedulers.pasha().epsilon(-0.5))
                .hasMessage("scheduler 'pasha': parameter 'epsilon': expected a number >= 0, got -0.5");
        assertThatThrownBy(() -> Schedulers.adaptive().with("mode", "wild"))
                .hasMessageContaining("expected one of aggressive, standard, conservative, got wild");
        assertThatThrownBy(() -> Schedulers.hyperband().build(new RandomSearcher(SPACE, 1), LOSS))
                .hasMessage("scheduler 'hyperband' needs a max resource");
        assertThatThrownBy(() -> Schedulers.adaptive().maxResource(81L).build(new RandomSearcher(SPACE, 1), LOSS))
                .hasMessage("scheduler 'adaptive' needs the number of trials (max trials)");
        assertThatThrownBy(() -> SchedulerSpec.of("asha-stoping")).hasMessage("unknown scheduler 'asha-stoping' (known: "
                + String.join(", ", Schedulers.NAMES) + ")");
        // ASHA alone runs without a maximum (thesis 3.3.4)
        assertThat(Schedulers.asha().build(new RandomSearcher(SPACE, 1), LOSS).suggest(0, true)).isPresent();
    }

    @Test
    void etaDefaultsToThreeAndToFourForAdaptiveAndAdaptiveUsesTheOneGiven() {
        for (String name : Schedulers.NAMES) {
            SchedulerSpec s = SchedulerSpec.of(name);
            if (s.entry().has("eta")) {
                assertThat(s.eta()).as(name).isEqualTo(name.equals("adaptive") ? AdaptiveScheduler.DEFAULT_ETA : 3);
            }
        }
        String four = Schedulers.adaptive().maxResource(81L).trials(100).build(new RandomSearcher(SPACE, 1), LOSS).toString();
        String three = Schedulers.adaptive().maxResource(81L).trials(100).eta(3).build(new RandomSearcher(SPACE, 1), LOSS).toString();
        assertThat(four).contains("levels=[1, 5, 20, 81]");
        assertThat(three).contains("levels=[1, 3, 9, 27, 81]");
    }

    @Test
    void searchersBuildFromTheRegistry() {
        assertThat(Searchers.grid().with("points", 3).build(SPACE, Metric.minimize("loss"), 0).toString()).isEqualTo("grid(points=3, size=9)");
        assertThat(Searchers.random().build(SPACE, Metric.minimize("loss"), 5).toString()).isEqualTo("random(seed=5)");
        SearcherSpec grid = Searchers.grid().with("points", 3);
        assertThat(SearcherSpec.fromTree(grid.toTree())).isEqualTo(grid);
        assertThat(Schedulers.NAMES).doesNotContainAnyElementsOf(Searchers.NAMES); // the YAML short form tells them apart
    }

    /** docs/schedulers.md holds the registry's tables verbatim: regenerate them from {@code markdownTable()} when this fails. */
    @Test
    void theDocsTablesAreTheRegistrys() throws Exception {
        String doc = Files.readString(Path.of("../docs/schedulers.md"));
        assertThat(doc).contains(Schedulers.markdownTable());
        assertThat(doc).contains(Searchers.markdownTable());
    }
}
