package dev.ladder.benchmarks.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.space.Domain;
import dev.ladder.sim.Blackbox;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Checks shared by the tests of the tabular families. */
final class TableAssertions {
    private TableAssertions() {
    }

    /** Product of the sizes of the (finite) domains. */
    static long spaceSize(TabularBlackbox b) {
        long size = 1;
        for (Domain d : b.space().domains().values()) {
            if (d instanceof Domain.Choice c) {
                size *= c.values().size();
            } else if (d instanceof Domain.Ordinal o) {
                size *= o.values().size();
            } else {
                throw new AssertionError("not a finite domain: " + d);
            }
        }
        return size;
    }

    /** Row count, distinct configs, search-space size and the single-fidelity contract. */
    static void isCompleteSingleFidelityGrid(TabularBlackbox b, int rows) {
        assertThat(b.size()).as(b.name()).isEqualTo(rows);
        Set<Config> distinct = new HashSet<>();
        for (int r = 0; r < b.size(); r++) {
            Config c = b.config(r);
            distinct.add(c);
            b.space().validate(c);
        }
        assertThat(distinct).hasSize(rows);
        assertThat(spaceSize(b)).isEqualTo(rows);
        assertThat(b.minResource()).isEqualTo(1);
        assertThat(b.maxResource()).isEqualTo(1);
        Blackbox.LearningCurve curve = b.curve(b.config(0), 0);
        assertThat(curve.seconds(0)).isZero();
        assertThat(curve.seconds(1)).isEqualTo(TabularBlackbox.SECONDS_PER_EVALUATION);
        assertThat(curve.metrics(1)).containsOnlyKeys(b.metric().name());
        assertThatThrownBy(() -> curve.metrics(2)).hasMessageContaining(b.name()).hasMessageContaining("single-fidelity");
    }

    /** The value a curve gives for (config, seed). */
    static double value(TabularBlackbox b, Config c, long seed) {
        return b.curve(c, seed).metrics(1).get(b.metric().name());
    }

    /** A config from alternating names and values. */
    static Config config(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Config.of(m);
    }

    /** The row with the best mean in the metric's direction (first in row order on ties). */
    static int bestRow(TabularBlackbox b) {
        GridTable t = b.table();
        int best = 0;
        for (int r = 1; r < t.rows(); r++) {
            if (b.metric().better(t.mean(r), t.mean(best))) {
                best = r;
            }
        }
        return best;
    }

    /** Unknown configs: a value off the grid, a missing and an extra parameter; each message names the config. */
    static void rejectsConfigsNotInTheTable(TabularBlackbox b, String param, Object offGrid) {
        Config good = b.config(0);
        Map<String, Object> m = new LinkedHashMap<>(good.asMap());
        m.put(param, offGrid);
        Config bad = Config.of(m);
        assertThatThrownBy(() -> b.curve(bad, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(b.name()).hasMessageContaining(bad.toString())
                .hasMessageContaining("not in the table").hasMessageContaining(param + " = " + offGrid);
        m.remove(param);
        Config missing = Config.of(m);
        assertThatThrownBy(() -> b.curve(missing, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no value for '" + param + "'");
        m = new LinkedHashMap<>(good.asMap());
        m.put("extra", 1);
        Config extra = Config.of(m);
        assertThatThrownBy(() -> b.curve(extra, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(extra.toString()).hasMessageContaining("'extra'");
    }
}
