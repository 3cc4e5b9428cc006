package dev.ladder.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SearcherTest {

    @Test
    void gridIsTheCartesianProductWithTheLastParameterFastest() {
        SearchSpace space = SearchSpace.builder()
                .choice("opt", "adam", "sgd")
                .real("lr", 0.0, 1.0)
                .constant("epochs", 5)
                .build();
        GridSearcher grid = new GridSearcher(space, 3);
        assertThat(grid.size()).isEqualTo(6);
        List<String> seen = new ArrayList<>();
        Optional<Config> c;
        while ((c = grid.next(seen.size())).isPresent()) {
            seen.add(c.get().getString("opt") + "/" + c.get().getDouble("lr") + "/" + c.get().getInt("epochs"));
        }
        assertThat(seen).containsExactly("adam/0.0/5", "adam/0.5/5", "adam/1.0/5", "sgd/0.0/5", "sgd/0.5/5", "sgd/1.0/5");
    }

    @Test
    void integerGridsDropRepeatedPointsAndLogGridsAreGeometric() {
        SearchSpace space = SearchSpace.builder().integer("k", 1, 3).build();
        assertThat(new GridSearcher(space, 10).size()).isEqualTo(3);
        SearchSpace log = SearchSpace.builder().logReal("lr", 1e-4, 1).build();
        GridSearcher g = new GridSearcher(log, 5);
        List<Double> values = new ArrayList<>();
        g.next(0).ifPresent(x -> values.add(x.getDouble("lr")));
        g.next(1).ifPresent(x -> values.add(x.getDouble("lr")));
        assertThat(values.get(0)).isEqualTo(1e-4);
        assertThat(values.get(1)).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void randomSearchIsAFunctionOfItsSeed() {
        SearchSpace space = SearchSpace.builder().real("x", 0, 1).integer("n", 1, 100).build();
        RandomSearcher a = new RandomSearcher(space, 42);
        RandomSearcher b = new RandomSearcher(space, 42);
        RandomSearcher c = new RandomSearcher(space, 43);
        List<Config> fromA = new ArrayList<>();
        List<Config> fromB = new ArrayList<>();
        List<Config> fromC = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fromA.add(a.next(i).orElseThrow());
            fromB.add(b.next(i).orElseThrow());
            fromC.add(c.next(i).orElseThrow());
        }
        assertThat(fromA).isEqualTo(fromB).isNotEqualTo(fromC);
    }
}
