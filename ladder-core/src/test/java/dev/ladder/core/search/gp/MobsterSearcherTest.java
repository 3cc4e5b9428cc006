package dev.ladder.core.search.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.search.Searchers;
import dev.ladder.core.space.SearchSpace;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MobsterSearcherTest {
    private static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).real("y", 0, 1).build();
    private static final Metric LOSS = Metric.minimize("loss");

    private static void observe(MobsterSearcher s, int id, long resource) {
        Config c = s.next(id).orElseThrow();
        s.onPending(id, resource);
        s.onResult(new Trial(id, c), new Result(id, resource, Map.of("loss", c.getDouble("x") + 1.0 / resource)));
    }

    /** EI is taken at the highest rung level with at least as many observations as the space has hyperparameters (2). */
    @Test
    void theAcquisitionLevelIsTheHighestRungWithEnoughData() {
        MobsterSearcher s = (MobsterSearcher) Searchers.mobster().with("initial", 100).build(SPACE, LOSS, 1);
        int id = 0;
        for (int i = 0; i < 4; i++) {
            observe(s, id++, 1);
        }
        assertThat(s.acquisitionLevel()).isEqualTo(1);
        observe(s, id++, 3);
        assertThat(s.acquisitionLevel()).isEqualTo(1);
        observe(s, id++, 3);
        observe(s, id++, 9);
        assertThat(s.acquisitionLevel()).isEqualTo(3);
        assertThat(s.observations()).isEqualTo(7);
    }

    @Test
    void onlyResultsAtThePendingRungAreData() {
        MobsterSearcher s = (MobsterSearcher) Searchers.mobster().build(SPACE, LOSS, 1);
        Config c = s.next(0).orElseThrow();
        s.onPending(0, 3);
        s.onResult(new Trial(0, c), new Result(0, 1, Map.of("loss", 1.0)));
        s.onResult(new Trial(0, c), new Result(0, 2, Map.of("loss", 0.9)));
        assertThat(s.observations()).isZero();
        s.onResult(new Trial(0, c), new Result(0, 3, Map.of("loss", 0.8)));
        s.onResult(new Trial(0, c), new Result(0, 4, Map.of("loss", 0.7)));
        assertThat(s.observations()).isEqualTo(1);
    }

    @Test
    void everyKernelProposesAfterTheRandomStart() {
        for (MobsterSearcher.Kernel k : MobsterSearcher.Kernel.values()) {
            MobsterSearcher s = (MobsterSearcher) SearcherSpec.of("mobster").with("kernel", k.label).with("initial", 4)
                    .build(SPACE, LOSS, 3);
            for (int id = 0; id < 12; id++) {
                observe(s, id, id % 2 == 0 ? 1 : 3);
            }
            assertThat(s.next(12)).as(k.label).isPresent();
        }
    }

    @Test
    void anUnknownKernelIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Searchers.mobster().with("kernel", "rbf"))
                .hasMessageContaining("kernel").hasMessageContaining("rbf");
    }
}
